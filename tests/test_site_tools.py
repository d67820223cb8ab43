"""site_tools on CPython: the profile contract, the command line, and properties over many profiles."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_tools.data import load_rules
from site_tools.profile import BOOLEANS, CHOICES, KEYS, LISTS, ProfileError, profile_from_dict, profile_schema, read_profile
from site_tools.rules import evaluate
from site_tools.verdict import PROGRAMS, STATUSES
from tests.conftest import ROOT
from tests.profiles import DATES, generated_profiles

RULES = load_rules()
ICMS = {"hfh_icms", "odr_icms"}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_tools", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)


# --- the contract -------------------------------------------------------------------------------------

def test_an_empty_profile_is_all_unknown():
    profile = read_profile("{}")
    assert all(getattr(profile, key) is None for key in KEYS)


def test_null_is_the_same_as_leaving_a_key_out():
    assert read_profile('{"medi_cal": null, "plan": "molina"}') == read_profile('{"plan": "molina"}')


def test_a_bad_profile_lists_every_problem_with_its_line_and_the_allowed_values():
    text = '{\n "medi_cal": "medicare",\n "enrolled_in": ["hospice", "hospise"],\n "as_of": "2022-02-30",\n "tenancy_services_received": -1,\n "housed_on_2022_01_01": "yes",\n "colour": 1\n}'
    with pytest.raises(ProfileError) as caught:
        read_profile(text, "client.json")
    assert str(caught.value).splitlines() == [
        "client.json:2: medi_cal: expected one of 'managed_care', 'fee_for_service', 'none', got 'medicare'",
        "client.json:3: enrolled_in[1]: expected one of " + ", ".join(repr(k) for k in CHOICES["enrolled_in"]) + ", got 'hospise'",
        "client.json:4: as_of: expected a real date as YYYY-MM-DD, got '2022-02-30'",
        "client.json:5: tenancy_services_received: expected a whole number of 0 or more, got the number -1",
        "client.json:6: housed_on_2022_01_01: expected true or false, got 'yes'",
        "client.json:7: colour: expected one of the keys " + ", ".join(KEYS) + ", got the unknown key 'colour'",
    ]


def test_a_repeated_key_or_value_is_refused():
    with pytest.raises(ProfileError) as caught:
        read_profile('{"plan": "molina",\n "plan": "la_care", "declined": ["ecm", "ecm"]}', "p.json")
    assert str(caught.value).splitlines() == [
        "p.json:2: declined[1]: expected each value once, got 'ecm' again",
        "p.json:2: plan: expected each key once, got 'plan' again (first on line 1)",
    ]


def test_text_that_is_not_json_is_refused_with_its_line():
    with pytest.raises(ProfileError) as caught:
        read_profile('{"plan": "molina",\n "medi_cal": }', "p.json")
    assert str(caught.value) == "p.json:2: (profile): expected valid JSON, got a JSON value, found '}'"


def test_a_profile_must_be_an_object():
    with pytest.raises(ProfileError, match=r"p.json:1: \(profile\): expected a JSON object with any of the keys as_of, .*, got a list"):
        read_profile("[]", "p.json")


def test_the_published_schema_accepts_what_the_reader_accepts_and_refuses_what_it_refuses():
    schema = profile_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for profile in generated_profiles(200, seed=7):
        validator.validate(profile)
    for bad in ({"medi_cal": "medicare"}, {"enrolled_in": ["x"]}, {"colour": 1}, {"tenancy_services_received": -1}, {"declined": ["ecm", "ecm"]}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)
        with pytest.raises(ProfileError):
            profile_from_dict(bad)


def test_the_rules_data_names_only_values_of_the_contract():
    rules = RULES.raw["rules"]
    for section in ("ecm_exclusions", "ecm_choices"):
        assert {p["id"] for p in rules[section]["programs"]} <= set(CHOICES["enrolled_in"])
    assert {p["id"] for p in rules["populations_of_focus"]["items"]} == set(CHOICES["populations_of_focus"])
    assert set(RULES.raw["plans"]) == set(CHOICES["plan"])


def test_the_packaged_rules_data_is_up_to_date():
    result = subprocess.run([sys.executable, "-m", "generator.export", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# --- the command line ---------------------------------------------------------------------------------

def test_check_prints_the_verdict_for_a_file(tmp_path):
    path = tmp_path / "client.json"
    path.write_text(json.dumps({"as_of": "2022-06-01", "medi_cal": "managed_care", "plan": "kaiser_permanente", "enrolled_in": ["hospice"]}))
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)
    assert verdict["as_of"] == "2022-06-01" and verdict["content_version"] == "2022-04-01"
    assert verdict["programs"]["ecm"]["status"] == "not_eligible"
    assert verdict["programs"]["ecm"]["reasons"][0]["source"]["label"] == "FAQ 6"


def test_check_reads_standard_input():
    result = run_cli("check", "-", stdin='{"as_of": "2022-06-01", "enrolled_in": ["odr_icms"], "medi_cal": "none"}')
    assert result.returncode == 0
    assert json.loads(result.stdout)["programs"]["hn"]["status"] == "through_icms"


def test_as_of_defaults_to_today():
    import datetime

    result = run_cli("check", "-", stdin="{}")
    assert json.loads(result.stdout)["as_of"] == datetime.date.today().isoformat()


def test_a_bad_profile_exits_2_naming_the_key_and_the_allowed_values():
    result = run_cli("check", "-", stdin='{"plan": "lacare"}')
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "<stdin>:1: plan: expected one of 'la_care', 'anthem_blue_cross', 'blue_shield_promise', 'kaiser_permanente', 'health_net', 'molina', got 'lacare'"


def test_an_impossible_date_exits_2():
    result = run_cli("check", "-", stdin='{"as_of": "2023-02-29"}')
    assert result.returncode == 2
    assert "as_of: expected a real date as YYYY-MM-DD, got '2023-02-29'" in result.stderr


def test_a_missing_file_exits_2_without_a_traceback(tmp_path):
    result = run_cli("check", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "nope.json:1: (profile): expected a readable UTF-8 JSON file" in result.stderr


def test_schema_prints_the_contract():
    result = run_cli("schema")
    assert json.loads(result.stdout) == profile_schema()


# --- properties over many profiles -------------------------------------------------------------------

profile_dicts = st.fixed_dictionaries(
    {},
    optional={
        "as_of": st.sampled_from(DATES),
        **{key: st.sampled_from(list(CHOICES[key])) for key in ("medi_cal", "plan")},
        **{key: st.lists(st.sampled_from(list(CHOICES[key])), unique=True) for key in LISTS},
        **{key: st.booleans() for key in BOOLEANS},
        "tenancy_services_received": st.integers(min_value=0, max_value=5),
    },
)


def check_properties(data: dict) -> None:
    verdict = evaluate(profile_from_dict(data), RULES).to_json()
    assert set(verdict) == {"as_of", "content_version", "programs"}
    assert set(verdict["programs"]) == set(PROGRAMS)
    icms_client = bool(ICMS & set(data.get("enrolled_in") or []))
    for name, program in verdict["programs"].items():
        assert set(program) == {"status", "grandfathered", "reasons", "missing", "next_steps"}
        assert program["status"] in STATUSES
        assert bool(program["missing"]) == (program["status"] == "needs_info"), (name, program)
        assert program["reasons"], (name, data)
        for reason in program["reasons"]:
            assert reason["source"]["version"] == "2022-04-01" and reason["source"]["quote"] and reason["source"]["url"]
        if program["grandfathered"]:
            assert program["status"] in ("eligible", "through_icms")
    for name in ("hn", "tss"):
        if icms_client:
            assert verdict["programs"][name]["status"] != "eligible", data
        if verdict["programs"][name]["status"] == "through_icms":
            assert icms_client
    if data.get("medi_cal") != "managed_care":
        for name in ("ecm", "hn", "tss"):
            assert verdict["programs"][name]["status"] != "eligible", (name, data)
            assert verdict["programs"][name]["status"] != "must_choose", (name, data)


@settings(max_examples=600, deadline=None)
@given(profile_dicts)
def test_properties_hold_for_any_profile(data):
    check_properties(data)


def test_properties_hold_for_the_profiles_compared_with_pyodide():
    for data in generated_profiles(1200):
        check_properties(data)


def test_the_verdict_does_not_depend_on_the_hash_seed():
    """Sets have no order; a verdict built from them must not change between runs of Python."""
    profile = '{"as_of": "2022-01-15", "medi_cal": "managed_care", "populations_of_focus": ["nursing_facility_transition", "ltc_risk", "children_youth"], "enrolled_in": ["mssp", "alw", "cct"], "wpc_enrolled_on_2021_12_31": false}'
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        result = subprocess.run([sys.executable, "-m", "site_tools", "check", "-", "--questions"], input=profile, capture_output=True, text=True, cwd=ROOT, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, timeout=60)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1
