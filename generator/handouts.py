"""Printable handouts: one page per role (handouts/<role>/) and per role and plan (handouts/<role>/<plan>/).

A handout holds one role's answers and nothing of the other roles' answers, the roles matrix from that
role's side, the enrollment rules that matter to it (from the rules data), its contacts, and a glossary
of exactly the terms and acronyms it uses. It is rendered twice: once to see which terms it uses, then
with its glossary.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from .export import page_url
from .markup import NAME_AFTER, NAME_BEFORE, alternation
from .model import Content, Plan, Role

INDEX = "handouts/index.md"


@dataclass(frozen=True)
class Handout:
    role: Role
    plan: Plan | None
    src_uri: str
    pdf_uri: str

    @property
    def title(self) -> str:
        return f"Handout for {self.role.name}s" + (f": {self.plan.full_name} first" if self.plan else "")


def handouts(content: Content) -> list[Handout]:
    found = []
    for role in content.roles:
        found.append(Handout(role, None, f"handouts/{role.id}/index.md", f"handouts/{role.id}.pdf"))
        for plan in content.contacts.plans:
            slug = plan.id.replace("_", "-")
            found.append(Handout(role, plan, f"handouts/{role.id}/{slug}/index.md", f"handouts/{role.id}/{slug}.pdf"))
    return found


def build_date() -> datetime.date:
    """Today, or the date of SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def matrix_side(content: Content, role_id: str) -> dict[str, list]:
    """The matrix rows grouped from one role's side (ICMS providers stand on the housing side)."""
    mine = "hntss" if role_id == "icms" else role_id
    other = "ecm" if mine == "hntss" else "hntss"
    groups: dict[str, list] = {"lead": [], "with_client": [], "other_leads": [], "coordinate": []}
    for row in content.matrix.rows:
        own, theirs = row.duty(mine), row.duty(other)
        if own and own.kind == "when_with_client":
            groups["with_client"].append((row, own))
        elif own and own.kind == "lead":
            groups["lead"].append((row, own))
        if own and own.kind == "coordinate":
            groups["coordinate"].append((row, own))
        if theirs and theirs.kind == "lead":
            groups["other_leads"].append((row, theirs))
    return groups


def used_glossary(content: Content, text: str) -> tuple[list, list]:
    """The defined terms and acronyms that `text` uses, in glossary order (one pass over the text each)."""
    names = {name for term in content.terms for name in term.names}
    abbrs = {term.abbr for term in content.terms} | {acronym.abbr for acronym in content.acronyms}
    found_names = set(alternation(tuple(names), NAME_BEFORE, NAME_AFTER).findall(text))
    found_abbrs = set(alternation(tuple(abbrs), r"(?<![\w@.])", r"s?(?![\w@])").findall(text))
    terms = [term for term in content.terms if found_names & set(term.names) or term.abbr in found_abbrs]
    acronyms = [acronym for acronym in content.acronyms if acronym.abbr in found_abbrs]
    return terms, acronyms


def handout_pages(content: Content) -> list[tuple[str, str, dict]]:
    """(src_uri, template, extra context) for the handouts index and every handout."""
    specs = [(INDEX, "handouts.md.j2", {"all_handouts": handouts(content)})]
    for handout in handouts(content):
        extra = {
            "handout": handout, "role": handout.role, "plan": handout.plan, "page_path": page_url(handout.src_uri),
            "side": matrix_side(content, handout.role.id),
        }
        specs.append((handout.src_uri, "handout.md.j2", extra))
    return specs
