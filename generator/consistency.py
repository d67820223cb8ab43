"""Checks that span items or files, run once every file has its types right.

Each check yields Problems pointing at the line an editor should change.
"""
from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterator

from .errors import Problem
from .load import KeyPath, Loaded, format_path
from site_tools.profile import POPULATIONS_OF_FOCUS

from .model import Content, Plan, RoleId
from .rules_model import Quote

CHANGING_KINDS = {"duplicate", "typo", "naming", "wrong_link", "fact"}


def consistency_problems(content: Content, loaded: dict[str, Loaded]) -> list[Problem]:
    def problem(file: str, path: KeyPath, want: str, got: str) -> Problem:
        source = loaded[file]
        return Problem(source.file, source.line(path), format_path(path), want, got)

    checks = (
        _sections_have_a_heading,
        _every_role_once_per_question,
        _answers_have_text_or_na,
        _question_numbers_unique,
        _all_roles_and_plans_present,
        _acronyms_unique,
        _footnotes_match,
        _lookups_match_their_answer,
        _errata_match_their_item,
        _rule_quotes_match_their_item,
        _rules_cover_the_contract,
    )
    return [found for check in checks for found in check(content, problem)]


def _sections_have_a_heading(content: Content, problem) -> Iterator[Problem]:
    for index, section in enumerate(content.document.sections):
        if not (section.title or section.heading):
            yield problem("document.yaml", ("sections", index), "a title (the source's heading) or a heading (this site's)", "neither")


def _every_role_once_per_question(content: Content, problem) -> Iterator[Problem]:
    for index, faq in enumerate(content.faqs):
        for role in typing.get_args(RoleId):
            count = sum(role in answer.roles for answer in faq.answers)
            if count != 1:
                yield problem("faqs.yaml", ("faqs", index, "answers"), f"exactly one answer for the role {role!r}", f"{count}")


def _answers_have_text_or_na(content: Content, problem) -> Iterator[Problem]:
    for index, faq in enumerate(content.faqs):
        for number, answer in enumerate(faq.answers):
            if (answer.text is None) == (not answer.not_applicable):
                got = "both text and not_applicable: true" if answer.text else "neither"
                yield problem("faqs.yaml", ("faqs", index, "answers", number), "either text or not_applicable: true", got)


def _question_numbers_unique(content: Content, problem) -> Iterator[Problem]:
    seen: dict[int, int] = {}
    for index, faq in enumerate(content.faqs):
        if faq.number in seen:
            yield problem("faqs.yaml", ("faqs", index, "number"), "a unique question number", f"{faq.number} again (first in faqs[{seen[faq.number]}])")
        seen.setdefault(faq.number, index)


def _all_roles_and_plans_present(content: Content, problem) -> Iterator[Problem]:
    roles = {role.id for role in content.roles}
    for missing in sorted(set(typing.get_args(RoleId)) - roles):
        yield problem("roles.yaml", ("roles",), f"an entry for the role {missing!r}", "none")
    plan_ids = typing.get_args(typing.get_args(typing.get_type_hints(Plan, include_extras=True)["id"])[0])
    present = {plan.id for plan in content.contacts.plans}
    for missing in sorted(set(plan_ids) - present):
        yield problem("contacts.yaml", ("plans",), f"an entry for the plan {missing!r}", "none")


def _acronyms_unique(content: Content, problem) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, acronym in enumerate(content.acronyms):
        if acronym.abbr in seen:
            yield problem("glossary.yaml", ("acronyms", index, "abbr"), "each acronym once", f"{acronym.abbr!r} again")
        seen.add(acronym.abbr)


def _footnotes_match(content: Content, problem) -> Iterator[Problem]:
    for index, term in enumerate(content.terms):
        markers = set(re.findall(r"\[\^(\d+)\]", term.definition))
        wanted = {str(n) for n in range(1, len(term.footnotes) + 1)}
        if markers != wanted:
            got = ", ".join(f"[^{m}]" for m in sorted(markers)) or "no markers"
            yield problem("glossary.yaml", ("terms", index, "definition"), f"one marker [^n] for each of the {len(term.footnotes)} footnotes", got)


def _lookups_match_their_answer(content: Content, problem) -> Iterator[Problem]:
    for index, plan in enumerate(content.contacts.plans):
        lookup = plan.ecm_lookup
        faq = content.faq(lookup.source)
        text = squash(" ".join(answer.text or "" for answer in faq.answers))
        for key in ("quote", "email", "phone", "portal", "hours", "team"):
            value = getattr(lookup, key)
            if value and squash(value) not in text:
                yield problem("contacts.yaml", ("plans", index, "ecm_lookup", key), f"a value that appears in the answer to {faq.label}", repr(value))


def _errata_match_their_item(content: Content, problem) -> Iterator[Problem]:
    for index, erratum in enumerate(content.errata):
        path = ("errata", index)
        text = item_text(content, erratum.where)
        if text is None:
            yield problem("errata.yaml", (*path, "where"), "faq:, section:, term:, resource: or matrix: followed by a known id", repr(erratum.where))
            continue
        if erratum.kind in CHANGING_KINDS and not (erratum.original and erratum.corrected):
            yield problem("errata.yaml", path, f"both original and corrected for a {erratum.kind!r} erratum", "only one or neither")
            continue
        if erratum.corrected and squash(erratum.corrected) not in text:
            yield problem("errata.yaml", (*path, "corrected"), f"wording found in {erratum.where}", repr(erratum.corrected))
        if erratum.original and squash(erratum.original) in text and squash(erratum.original) not in squash(erratum.corrected or ""):
            yield problem("errata.yaml", (*path, "original"), f"wording no longer found in {erratum.where}", repr(erratum.original))


def _rule_quotes_match_their_item(content: Content, problem) -> Iterator[Problem]:
    for path, quote in _quotes(content.rules, ()):
        text = item_text(content, quote.where)
        if text is None or quote.where.split(":")[0] not in ("faq", "section", "term"):
            yield problem("rules.yaml", (*path, "where"), "faq:, section: or term: followed by a known id", repr(quote.where))
        elif squash(quote.quote) not in text:
            yield problem("rules.yaml", (*path, "quote"), f"the words of {quote.where}, quoted exactly", repr(quote.quote))
    section = content.rules.hntss_restrictions
    for index, item in enumerate(section.items):
        if squash(item.quote) not in (item_text(content, section.source.where) or ""):
            yield problem("rules.yaml", ("hntss_restrictions", "items", index, "quote"), f"the words of {section.source.where}, quoted exactly", repr(item.quote))


def _quotes(value: object, path: tuple) -> Iterator[tuple[tuple, Quote]]:
    """Every Quote inside the rules, with its key path."""
    if isinstance(value, Quote):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _quotes(item, (*path, index))
    elif dataclasses.is_dataclass(value):
        for spec in dataclasses.fields(value):
            yield from _quotes(getattr(value, spec.name), (*path, spec.name))


def _rules_cover_the_contract(content: Content, problem) -> Iterator[Problem]:
    rules = content.rules
    listed = {program.id for program in rules.programs}
    for missing in sorted({"ecm", "hn", "tss", "icms"} - listed):
        yield problem("rules.yaml", ("programs",), f"an entry for the program {missing!r}", "none")
    covered = {rule.program for rule in rules.insurance}
    for missing in sorted(listed - covered):
        yield problem("rules.yaml", ("insurance",), f"an insurance rule for {missing!r}", "none")
    populations = {item.id for item in rules.populations_of_focus.items}
    for missing in sorted(set(POPULATIONS_OF_FOCUS) - populations):
        yield problem("rules.yaml", ("populations_of_focus", "items"), f"an entry for the Population of Focus {missing!r}", "none")


def item_text(content: Content, where: str) -> str | None:
    """All the wording of the item `where` names (kind:id), whitespace squashed; None if unknown."""
    kind, _, ident = where.partition(":")
    found: list[str] | None = None
    if kind == "faq":
        found = [f.question + " " + " ".join(a.text or "" for a in f.answers) for f in content.faqs if f.id == ident]
    elif kind == "section":
        found = [(s.title or "") + " " + s.text for s in content.document.sections if s.id == ident]
    elif kind == "term":
        found = [" ".join((t.title, t.definition, *t.footnotes)) for t in content.terms if t.id == ident]
    elif kind == "resource":
        found = [r.text for r in content.resources if r.id == ident]
    elif kind == "matrix":
        found = [" ".join((r.service, *r.parts)) for r in content.matrix.rows if r.id == ident]
    return squash(found[0]) if found else None


def squash(text: str) -> str:
    return " ".join(text.split())
