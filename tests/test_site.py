"""Checks over the real built site: the source's facts in their places, search entries, nothing off-origin."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.html_text import element_by_attr, main_content, table_row_with, visible_text

FACTS = yaml.safe_load((Path(__file__).parent / "facts.yaml").read_text(encoding="utf-8"))


def read_page(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def fact_id(fact: dict) -> str:
    where = fact.get("answer") or fact.get("row") or fact["page"] or "home"
    return f"{where}: {fact['text'][:50]}"


@pytest.mark.parametrize("fact", FACTS, ids=[fact_id(f) for f in FACTS])
def test_each_fact_of_the_source_is_on_the_site_in_its_place(site, fact):
    page = main_content(read_page(site, fact["page"]))
    if "answer" in fact:
        page = element_by_attr(page, "section", "aria-labelledby", fact["answer"])
    if "row" in fact:
        page = element_by_attr(page, "tr", "id", fact["row"])
    if "resource" in fact:
        page = table_row_with(page, f'id="{fact["resource"]}"')
    assert fact["text"] in visible_text(page)


def test_every_question_has_its_own_anchor_and_three_role_answers(site, content):
    page = read_page(site, "faq/")
    for faq in content.faqs:
        assert re.search(rf'<h2 id="{faq.id}"', page), faq.id
        labels = re.findall(rf'aria-labelledby="({faq.id}--[a-z-]+)"', page)
        roles = [role for label in labels for role in label.split("--")[1].split("-")]
        assert sorted(roles) == ["ecm", "hntss", "icms"], (faq.id, labels)


def test_a_role_page_holds_only_that_roles_answers(site, content):
    for role in content.roles:
        text = visible_text(main_content(read_page(site, f"roles/{role.id}/")))
        for faq in content.faqs:
            for answer in faq.answers:
                if answer.not_applicable:
                    continue
                lines = [re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).strip() for line in answer.text.splitlines()]
                longest = max(lines, key=len)
                assert (longest in text) == (role.id in answer.roles), (role.id, faq.id, longest)


def test_every_glossary_term_and_acronym_has_an_anchor(site, content):
    page = read_page(site, "glossary/")
    for term in content.terms:
        assert f'id="{term.id}"' in page
    for acronym in content.acronyms:
        assert f'id="{acronym.anchor}"' in page


def test_acronyms_carry_their_expansion_on_every_page(site):
    for path in ("", "faq/", "roles/icms/", "matrix/", "contacts/", "programs/"):
        page = main_content(read_page(site, path))
        assert '<abbr title="Enhanced Care Management">ECM</abbr>' in page, path


def test_defined_terms_link_to_the_glossary(site):
    page = main_content(read_page(site, "programs/"))
    assert re.search(r'<a class="glossary-link" href="\.\./glossary/#ecm">Enhanced Care Management</a>', page)
    assert re.search(r'href="\.\./glossary/#pof">Population of Focus</a>', page)


def test_each_question_and_term_is_its_own_search_entry(site, content):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for faq in content.faqs:
        assert f"faq/#{faq.id}" in locations
    for term in content.terms:
        assert f"glossary/#{term.id}" in locations
    for acronym in content.acronyms:
        assert f"glossary/#{acronym.anchor}" in locations
    assert not any(location.startswith("roles/") for location in locations), "role pages repeat the FAQ page"


def test_phone_numbers_and_addresses_are_links(site):
    page = main_content(read_page(site, "contacts/"))
    assert 'href="tel:+18665519619"' in page
    assert 'href="mailto:RegCareCoordCaseMgmt@kp.org"' in page


def test_the_swapped_program_links_point_to_their_own_program(site):
    page = read_page(site, "resources/")
    hfh = table_row_with(page, 'id="dhs-hfh-website"')
    odr = table_row_with(page, 'id="dhs-odr-website"')
    assert 'href="https://dhs.lacounty.gov/housing-for-health/' in hfh
    assert 'href="https://dhs.lacounty.gov/office-of-diversion-and-reentry/' in odr


def test_the_sentence_printed_twice_appears_once(site):
    text = visible_text(main_content(read_page(site, "programs/")))
    assert text.count("A Medi-Cal beneficiary can be enrolled in both ECM and DHS-HFH or DHS-ODR intensive case management services (ICMS).") == 1


def test_typographic_hyphens_are_folded(site):
    for path in site.rglob("*.html"):
        assert "\u2010" not in path.read_text(encoding="utf-8"), path


def test_errata_page_lists_every_erratum(site, content):
    page = read_page(site, "errata/")
    for erratum in content.errata:
        assert f'id="{erratum.id}"' in page


# --- private and offline by construction ------------------------------------------------------------

RESOURCE_ATTRS = re.compile(r'<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?\b(src|href|data)="([^"]+)"', re.I)


def test_no_page_loads_anything_from_another_origin(site):
    for path in site.rglob("*.html"):
        for tag, attr, url in RESOURCE_ATTRS.findall(path.read_text(encoding="utf-8")):
            if tag.lower() == "link" and re.search(r'rel="canonical"', url):
                continue
            assert not re.match(r"(https?:)?//", url) or url.startswith("http://127.0.0.1:8000/"), (path, tag, url)


def test_no_stylesheet_or_script_names_another_origin(site):
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        for url in re.findall(r"url\(\s*['\"]?(https?://[^)'\"]+)", text):
            raise AssertionError(f"{path} loads {url}")


def test_no_generator_link_or_web_fonts(site):
    page = read_page(site, "")
    assert "Made with" not in page
    assert "fonts.googleapis" not in page


# --- the checker and its rules page ------------------------------------------------------------------

def test_the_rules_page_renders_the_rules_tables_and_every_worked_example(site):
    text = visible_text(main_content(read_page(site, "rules/")))
    for fact in ("Cal MediConnect", "Program for All Inclusive Care for the Elderly (PACE)", "Multipurpose Senior Services Program (MSSP)",
                 "California Community Transitions (CCT)", "2023-01-01", "2023-07-01", "Member declines services.",
                 "HNTSS and ICMS No: HN and TSS come through ICMS"):
        assert fact in text, fact
    from generator.cases import load_cases
    from tests.conftest import ROOT

    cases = load_cases(ROOT / "content" / "cases")
    page = read_page(site, "rules/")
    assert page.count('<details class="example"') == len(cases) >= 60


def test_the_checker_page_ships_its_bundle_runtime_and_contract(site):
    import zipfile

    from tests.conftest import ROOT

    with zipfile.ZipFile(site / "assets" / "checker" / "site_tools.zip") as bundle:
        names = set(bundle.namelist())
    assert {"site_tools/rules.py", "site_tools/browser.py", "site_tools/rules.json"} <= names
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (site / "assets" / "pyodide" / version / name).is_file(), name
    assert (site / "assets" / "checker" / "snapshot.bin.gz").stat().st_size > 1_000_000
    schema = json.loads((site / "checker" / "profile.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["plan"]["anyOf"][0]["enum"][0] == "la_care"
    text = visible_text(main_content(read_page(site, "checker/")))
    assert "tenancy_services_received" in text and "profile.schema.json" in text


def test_no_page_has_an_inline_script(site):
    for path in site.rglob("*.html"):
        scripts = re.findall(r"<script\b([^>]*)>", path.read_text(encoding="utf-8"))
        for attributes in scripts:
            assert "src=" in attributes or 'type="application/json"' in attributes, (path, attributes)
