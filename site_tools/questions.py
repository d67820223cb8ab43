"""Which questions can still change the verdict, so the checker page shows only those.

A question matters if some other answer to it (including "don't know") changes any program's status,
reasons, missing facts or next steps. The rules are cheap, so every alternative is simply tried.
"""
from __future__ import annotations

import dataclasses
import datetime

from .data import RulesData
from .profile import BOOLEANS, CHOICES, KEYS, LISTS, Profile
from .rules import evaluate


def open_questions(profile: Profile, data: RulesData) -> list[str]:
    """The profile keys whose answer can still change the verdict, in the contract's order.

    The plan is asked as soon as the client has (or may have) managed care: every referral and contact
    the checker gives goes through the plan, even while other answers still keep the verdict open.
    """
    base = _comparable(profile, data)
    found = [key for key in KEYS if any(_comparable(variant, data) != base for variant in _variants(profile, key, data))]
    if profile.medi_cal == "managed_care" and "plan" not in found:
        found = sorted([*found, "plan"], key=KEYS.index)
    return found


def _comparable(profile: Profile, data: RulesData) -> dict:
    verdict = evaluate(profile, data).to_json()
    verdict.pop("as_of")
    return verdict


def _variants(profile: Profile, key: str, data: RulesData):
    current = getattr(profile, key)
    for value in _alternatives(key, current, data):
        if value != current:
            yield dataclasses.replace(profile, **{key: value})


def _alternatives(key: str, current, data: RulesData) -> list:
    if key == "as_of":
        starts = sorted({datetime.date.fromisoformat(i["go_live"]) for i in data.section("populations_of_focus")["items"] if i.get("go_live")})
        return [day for start in starts for day in (start - datetime.timedelta(days=1), start)]
    if key == "tenancy_services_received":
        return [None, 0, 1, 2]
    if key in BOOLEANS:
        return [None, True, False]
    if key in LISTS:
        held = current or frozenset()
        return [None, frozenset(), *(held ^ {choice} for choice in CHOICES[key])]
    return [None, *CHOICES[key]]
