"""The real content: it loads, it is complete, and it matches its published JSON Schemas."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.model import FILES
from generator.schema import render_all
from tests.conftest import ROOT

REQUIRED_ACRONYMS = (
    "HHSS WPC HHP CB-CME FQHC HMIS CHAMP CES PSH MIF SOW PoF LCM FFS FIDE-SNP PACE MSSP ALW HCBA CCT SMI SUD "
    "I/DD LASD DPSS ADLs ECM HNTSS ICMS HN TSS CS MCP DHS DHCS HFH ODR CalAIM KP HCBS DD HIV/AIDS"
).split()


def test_the_document_is_the_version_dated_april_1_2022(content):
    assert content.version_date == datetime.date(2022, 4, 1)
    assert content.document.version_label == "Version Dated: 4/1/2022"


def test_nine_questions_each_answered_once_for_each_role(content):
    assert [faq.number for faq in content.faqs] == list(range(1, 10))
    for faq in content.faqs:
        assert sorted(role for answer in faq.answers for role in answer.roles) == ["ecm", "hntss", "icms"]


def test_question_eight_is_not_applicable_to_ecm_and_question_nine_is_shared(content):
    assert content.faq("grandfathered").answer_for("ecm").not_applicable
    assert content.faq("locating-a-client").answer_for("ecm").roles == ("ecm", "hntss")


def test_the_matrix_has_the_twelve_services(content):
    assert len(content.matrix.rows) == 12
    qualifiers = {duty.qualifier for row in content.matrix.rows for duty in (row.ecm, row.hntss) if duty}
    assert {"(Medical)", "(Housing)", "(if with patient)", "Social Services + Housing", "Coordinate w/ ECM (unless emergency)"} <= qualifiers


def test_the_glossary_has_ten_terms_and_every_acronym(content):
    assert len(content.terms) == 10
    present = {acronym.abbr for acronym in content.acronyms}
    assert set(REQUIRED_ACRONYMS) <= present, set(REQUIRED_ACRONYMS) - present


def test_six_plans_with_both_addresses_and_a_way_to_tell_ecm_enrollment(content):
    assert len(content.contacts.plans) == 6
    for plan in content.contacts.plans:
        assert "@" in plan.ecm_email and "@" in plan.cs_email
        assert plan.ecm_lookup.source == "is-my-client-in-ecm"


def test_ten_resources_all_https(content):
    assert len(content.resources) == 10
    assert all(resource.url.startswith("https://") for resource in content.resources)


def test_the_published_schemas_are_up_to_date():
    for name, text in render_all().items():
        assert (ROOT / "content" / "schema" / name).read_text(encoding="utf-8") == text, f"run python -m generator.schema ({name})"


@pytest.mark.parametrize("name", list(FILES))
def test_each_content_file_matches_its_json_schema(name):
    data = yaml.safe_load((ROOT / "content" / name).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as the strings a schema describes
    schema = json.loads((ROOT / "content" / "schema" / (name.removesuffix(".yaml") + ".schema.json")).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("name", list(FILES))
def test_each_content_file_names_its_schema_for_editors(name):
    first_line = (ROOT / "content" / name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schema/{name.removesuffix('.yaml')}.schema.json"


def test_the_schema_rejects_what_the_validator_rejects():
    schema = json.loads((ROOT / "content" / "schema" / "faqs.schema.json").read_text(encoding="utf-8"))
    bad = {"title": "t", "faqs": [{"id": "x", "number": 1, "question": "q?", "answers": [{"roles": ["ecn"], "text": "a"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)
