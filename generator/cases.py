"""Worked examples (content/cases/*.yaml): a profile and what the checker must answer for it.

Each case is a test (tests/test_cases.py) and a worked example on the rules page. A case's profile is read
with the checker's own contract (site_tools.profile), so a bad profile is reported like any content.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from site_tools.profile import Profile, ProfileError, profile_from_dict

from .errors import ContentError, Problem
from .load import format_path, load_yaml
from .spec import Line
from .validate import INVALID, NonEmpty, Registry, Validator

Status = Literal["eligible", "not_eligible", "must_choose", "through_icms", "needs_info"]


@dataclass(frozen=True)
class Expectation:
    status: Status
    grandfathered: bool | None = None
    reasons: tuple[Annotated[str, Line()], ...] = ()
    missing: tuple[Annotated[str, Line()], ...] | None = None


@dataclass(frozen=True)
class Expectations:
    ecm: Expectation | None = None
    hn: Expectation | None = None
    tss: Expectation | None = None
    icms: Expectation | None = None


@dataclass(frozen=True)
class CaseSpec:
    name: Annotated[str, Line()]
    profile: dict
    expect: Expectations


@dataclass(frozen=True)
class CasesFile:
    cases: Annotated[tuple[CaseSpec, ...], NonEmpty()]
    base: dict | None = None


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    name: str
    profile: Profile
    profile_json: dict
    expect: Expectations


def load_cases(folder: Path, display_root: Path | None = None) -> tuple[Case, ...]:
    """Every case in `folder`/*.yaml, in file order; raises ContentError listing every problem."""
    registry, cases = Registry(), []
    for path in sorted(folder.glob("*.yaml")):
        display = _display(path, display_root)
        loaded = load_yaml(path, display)
        registry.problems.extend(loaded.problems)
        parsed = Validator(loaded, registry).build(CasesFile)
        if parsed is INVALID:
            continue
        for index, spec in enumerate(parsed.cases):
            line = loaded.line(("cases", index, "profile"))
            try:
                profile = profile_from_dict(spec.profile)
            except ProfileError as error:
                for p in error.problems:
                    registry.problems.append(Problem(display, line, format_path(("cases", index, "profile", p.path)), p.expected, p.got))
                continue
            cases.append(Case(display, loaded.line(("cases", index)), spec.name, profile, json.loads(json.dumps(spec.profile)), spec.expect))
    if registry.problems:
        raise ContentError(registry.problems)
    return tuple(cases)


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
