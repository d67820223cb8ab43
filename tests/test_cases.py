"""The worked examples in content/cases/: each profile gets the verdict its case names."""
from __future__ import annotations

import pytest

from generator.cases import load_cases
from site_tools.data import load_rules
from site_tools.rules import evaluate
from tests.conftest import ROOT

CASES = load_cases(ROOT / "content" / "cases", display_root=ROOT)
RULES = load_rules()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case):
    verdict = evaluate(case.profile, RULES).to_json()
    for program in ("ecm", "hn", "tss", "icms"):
        want = getattr(case.expect, program)
        if want is None:
            continue
        got = verdict["programs"][program]
        where = f"{case.file}:{case.line}: {program}"
        assert got["status"] == want.status, f"{where}: {got['status']} ({[r['text'] for r in got['reasons']]})"
        if want.grandfathered is not None:
            assert got["grandfathered"] is want.grandfathered, where
        rules = [reason["rule"] for reason in got["reasons"]]
        for rule in want.reasons:
            assert rule in rules, f"{where}: {rule} not among {rules}"
        if want.missing is not None:
            assert got["missing"] == list(want.missing), where


def test_every_rule_has_a_case():
    """Every rule id a verdict can carry is named by some case (the edges are covered)."""
    named = {rule for case in CASES for program in ("ecm", "hn", "tss", "icms") if getattr(case.expect, program) for rule in getattr(case.expect, program).reasons}
    named = {rule.split(".", 1)[1] for rule in named}
    expected = {
        "medi_cal", "excluded.none", "excluded.fee_for_service", "excluded.cal_medi_connect", "excluded.hospice",
        "excluded.fide_snp", "excluded.pace", "choose.mssp", "choose.alw", "choose.hcba", "choose.hiv_aids_waiver",
        "choose.dd_waiver", "choose.self_determination", "choose.mc_basic_case_management",
        "choose.mc_complex_case_management", "choose.cct", "population_of_focus", "population_of_focus.children_youth",
        "population_of_focus.ltc_risk", "population_of_focus.nursing_facility_transition", "grandfathered", "declined",
        "with_icms", "through_icms", "criteria", "restriction_1", "restriction_2", "restriction_4", "restriction_6",
        "insurance", "client",
    }
    assert expected <= named, expected - named
