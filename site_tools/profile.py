"""The public profile contract: what the checker may be told about a client, and how it is read.

A profile is a JSON object; every key is optional and an absent key is unknown. Reading one either gives
a `Profile` or raises `ProfileError` listing every problem as `name:line: key: expected X, got Y`.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, fields

from .jsonpos import JsonSyntaxError, read_json

MEDI_CAL = {
    "managed_care": "Medi-Cal through a managed care plan",
    "fee_for_service": "Fee-for-Service Medi-Cal",
    "none": "No active Medi-Cal",
}
PLANS = {
    "la_care": "L.A. Care Health Plan",
    "anthem_blue_cross": "Anthem Blue Cross",
    "blue_shield_promise": "Blue Shield Promise of California",
    "kaiser_permanente": "Kaiser Permanente",
    "health_net": "Health Net",
    "molina": "Molina Healthcare of California",
}
POPULATIONS_OF_FOCUS = {
    "homelessness": "Experiencing homelessness (individuals and families)",
    "high_utilizer": "Adult high utilizer",
    "smi_sud": "Adult with serious mental illness (SMI) or substance use disorder (SUD)",
    "reentry": "Transitioning from incarceration",
    "ltc_risk": "At risk for institutionalization and eligible for long-term services",
    "nursing_facility_transition": "Nursing facility resident who wants to move to the community",
    "children_youth": "Child or youth",
}
PROGRAMS_HELD = {
    "cal_medi_connect": "Cal MediConnect",
    "hospice": "Hospice",
    "fide_snp": "A Fully Integrated Dual Eligible Special Needs Plan (FIDE-SNP)",
    "pace": "Program for All Inclusive Care for the Elderly (PACE)",
    "mssp": "Multipurpose Senior Services Program (MSSP)",
    "alw": "Assisted Living Waiver (ALW)",
    "hcba": "Home and Community-Based Alternatives (HCBA) Waiver",
    "hiv_aids_waiver": "HIV/AIDS Waiver",
    "dd_waiver": "HCBS Waiver for Individuals with Developmental Disabilities (DD)",
    "self_determination": "Self-Determination Program for Individuals with I/DD",
    "mc_basic_case_management": "Managed Care Basic Case Management",
    "mc_complex_case_management": "Managed Care Complex Case Management",
    "cct": "California Community Transitions (CCT)",
    "hfh_icms": "DHS Housing for Health (HFH) ICMS",
    "odr_icms": "DHS Office of Diversion and Reentry (ODR) ICMS",
    "duplicative_state_program": "Another state-funded program that duplicates HN or TSS",
    "duplicative_housing_program": "Another housing navigation or tenancy services program",
}
DECLINABLE = {
    "ecm": "Enhanced Care Management (ECM)",
    "hn": "Housing Transition Navigation Services (HN)",
    "tss": "Housing Tenancy and Sustaining Services (TSS)",
    "icms": "DHS ICMS",
}

# Each key: the question in plain words, and the choices where there are choices.
QUESTIONS: dict[str, str] = {
    "as_of": "On what date should the rules apply?",
    "medi_cal": "What Medi-Cal coverage does the client have?",
    "plan": "Which managed care plan is the client in?",
    "populations_of_focus": "Which ECM Populations of Focus does the client fall within?",
    "enrolled_in": "Is the client enrolled in any of these programs?",
    "declined": "Has the client declined any of these?",
    "meets_hntss_criteria": "Does the client meet the HNTSS eligibility criteria?",
    "can_live_independently": "Can the client live independently in housing (no need for higher level care such as skilled nursing)?",
    "tenancy_services_received": "How many times has the client received Tenancy Sustaining Services before?",
    "changed_conditions_documented": "Is it documented what conditions have changed, showing why tenancy services would succeed this time?",
    "wpc_enrolled_on_2021_12_31": "Was the client enrolled in Whole Person Care (WPC) on December 31, 2021?",
    "hhp_enrolled_on_2021_12_31": "Was the client enrolled in the Health Homes Program (HHP) on December 31, 2021?",
    "housed_on_2022_01_01": "Was the client housed on January 1, 2022?",
}
CHOICES: dict[str, dict[str, str]] = {
    "medi_cal": MEDI_CAL,
    "plan": PLANS,
    "populations_of_focus": POPULATIONS_OF_FOCUS,
    "enrolled_in": PROGRAMS_HELD,
    "declined": DECLINABLE,
}
# The questions in the order the checker page asks them, one group at a time.
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("coverage", "Medi-Cal", ("medi_cal", "plan")),
    ("focus", "Populations of Focus", ("populations_of_focus",)),
    ("programs", "Other programs", ("enrolled_in",)),
    ("housing", "Housing services", ("meets_hntss_criteria", "can_live_independently", "tenancy_services_received", "changed_conditions_documented")),
    ("history", "Before CalAIM", ("wpc_enrolled_on_2021_12_31", "hhp_enrolled_on_2021_12_31", "housed_on_2022_01_01")),
    ("choices", "The client's choices", ("declined",)),
    ("date", "Date", ("as_of",)),
)
TENANCY_COUNTS = {0: "Never", 1: "Once", 2: "Twice or more"}
BOOLEANS = (
    "meets_hntss_criteria", "can_live_independently", "changed_conditions_documented",
    "wpc_enrolled_on_2021_12_31", "hhp_enrolled_on_2021_12_31", "housed_on_2022_01_01",
)
LISTS = ("populations_of_focus", "enrolled_in", "declined")


@dataclass(frozen=True)
class Profile:
    """What is known about a client; None means unknown."""

    as_of: datetime.date | None = None
    medi_cal: str | None = None
    plan: str | None = None
    populations_of_focus: frozenset[str] | None = None
    enrolled_in: frozenset[str] | None = None
    declined: frozenset[str] | None = None
    meets_hntss_criteria: bool | None = None
    can_live_independently: bool | None = None
    changed_conditions_documented: bool | None = None
    tenancy_services_received: int | None = None
    wpc_enrolled_on_2021_12_31: bool | None = None
    hhp_enrolled_on_2021_12_31: bool | None = None
    housed_on_2022_01_01: bool | None = None

    def date(self) -> datetime.date:
        return self.as_of or datetime.date.today()

    def enrolled(self, program: str) -> bool | None:
        """True or False if the programs held are known, None if not."""
        return None if self.enrolled_in is None else program in self.enrolled_in

    def to_json(self) -> dict:
        out: dict = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if value is None:
                continue
            if isinstance(value, frozenset):
                order = list(CHOICES[spec.name])
                value = sorted(value, key=order.index)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            out[spec.name] = value
        return out


KEYS = tuple(spec.name for spec in fields(Profile))


@dataclass(frozen=True, order=True)
class ProfileProblem:
    line: int
    path: str
    expected: str
    got: str

    def render(self, name: str) -> str:
        return f"{name}:{self.line}: {self.path}: expected {self.expected}, got {self.got}"


class ProfileError(ValueError):
    def __init__(self, name: str, problems: list[ProfileProblem]):
        self.name = name
        self.problems = sorted(problems)
        super().__init__("\n".join(p.render(name) for p in self.problems))


def read_profile(text: str, name: str = "profile") -> Profile:
    """Parse JSON text into a Profile; `name` (a file name, '<stdin>') starts each message."""
    try:
        data, lines, duplicates = read_json(text)
    except JsonSyntaxError as error:
        raise ProfileError(name, [ProfileProblem(error.line, "(profile)", "valid JSON", str(error))]) from None
    problems = [
        ProfileProblem(line, _path(path), "each key once", f"{path[-1]!r} again (first on line {first})")
        for path, line, first in duplicates
    ]
    profile = _profile(data, lambda path: lines.get(path, 1), problems)
    if problems:
        raise ProfileError(name, problems)
    return profile


def profile_from_dict(data: dict) -> Profile:
    """A Profile from an already-parsed object (from the browser, or tests); same checks."""
    return read_profile(json.dumps(data, indent=1), "profile")


def _profile(data: object, line_of, problems: list[ProfileProblem]) -> Profile:
    if not isinstance(data, dict):
        problems.append(ProfileProblem(1, "(profile)", f"a JSON object with any of the keys {', '.join(KEYS)}", _describe(data)))
        return Profile()
    values: dict = {}
    for key, value in data.items():
        if key not in KEYS:
            problems.append(ProfileProblem(line_of((key,)), key, f"one of the keys {', '.join(KEYS)}", f"the unknown key {key!r}"))
            continue
        want, parsed = _read_value(key, value, line_of, problems)
        if want:
            problems.append(ProfileProblem(line_of((key,)), key, want, _describe(value)))
        elif parsed is not None:
            values[key] = parsed
    return Profile(**values)


def _read_value(key: str, value: object, line_of, problems: list[ProfileProblem]) -> tuple[str | None, object]:
    """(what was expected if the value is wrong, else None; the parsed value)."""
    if value is None:
        return None, None  # null is the same as leaving the key out: unknown
    if key == "as_of":
        return _read_date(value)
    if key == "tenancy_services_received":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return (None, value) if ok else ("a whole number of 0 or more", None)
    if key in BOOLEANS:
        return (None, value) if isinstance(value, bool) else ("true or false", None)
    allowed = CHOICES[key]
    if key not in LISTS:
        return (None, value) if isinstance(value, str) and value in allowed else (_one_of(allowed), None)
    if not isinstance(value, list):
        return f"a list of {_one_of(allowed)}", None
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not (isinstance(item, str) and item in allowed):
            problems.append(ProfileProblem(line_of((key, index)), f"{key}[{index}]", _one_of(allowed), _describe(item)))
        elif item in seen:
            problems.append(ProfileProblem(line_of((key, index)), f"{key}[{index}]", "each value once", f"{item!r} again"))
        seen.add(item)
    return None, frozenset(item for item in value if isinstance(item, str) and item in allowed)


def _read_date(value: object) -> tuple[str | None, object]:
    if not isinstance(value, str) or len(value) != 10:
        return "a date as YYYY-MM-DD", None
    try:
        return None, datetime.date.fromisoformat(value)
    except ValueError:
        return "a real date as YYYY-MM-DD", None


def _one_of(allowed: dict[str, str]) -> str:
    return "one of " + ", ".join(repr(k) for k in allowed)


def _path(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)) or "(profile)"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value) if value else "an empty string"
    return "an object" if isinstance(value, dict) else "a list"


def profile_schema() -> dict:
    """The contract as JSON Schema (draft 2020-12), published with the site."""
    properties: dict[str, dict] = {
        "as_of": {"type": "string", "format": "date", "description": QUESTIONS["as_of"] + " Default: today."},
        "tenancy_services_received": {"type": "integer", "minimum": 0, "description": QUESTIONS["tenancy_services_received"]},
    }
    for key in BOOLEANS:
        properties[key] = {"type": "boolean", "description": QUESTIONS[key]}
    for key, allowed in CHOICES.items():
        described = {"enum": list(allowed), "description": QUESTIONS[key] + " " + "; ".join(f"{k}: {v}" for k, v in allowed.items())}
        properties[key] = {"type": "array", "uniqueItems": True, "items": {"enum": list(allowed)}, "description": described["description"]} if key in LISTS else described
    nullable = {
        key: {"description": spec.pop("description"), "anyOf": [spec, {"type": "null"}]}
        for key, spec in properties.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "profile.schema.json",
        "title": "Eligibility checker profile",
        "description": "What is known about a client. Every key is optional; an absent key (or null) is unknown.",
        "type": "object",
        "additionalProperties": False,
        "properties": {key: nullable[key] for key in KEYS},
    }
