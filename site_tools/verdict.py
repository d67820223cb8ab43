"""What the checker answers: for each program a status, the reasons with their sources, what is missing
and what to do next. Plain data, turned into JSON by `to_json`."""
from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("eligible", "not_eligible", "must_choose", "through_icms", "needs_info")
PROGRAMS = ("ecm", "hn", "tss", "icms")


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: the item (faq:<id>, term:<id>, section:<id>), its label, a quote."""

    item: str
    label: str
    quote: str
    url: str
    version: str

    def to_json(self) -> dict:
        return {"item": self.item, "label": self.label, "quote": self.quote, "url": self.url, "version": self.version}


@dataclass(frozen=True)
class Finding:
    """One rule's answer for one program.

    effect: 'bar' (rules the program out), 'choose' (only by leaving another program), 'icms' (provided
    through ICMS), 'unknown' (a missing fact decides it) or 'meets' (a condition that is met).
    """

    rule: str
    effect: str
    text: str
    source: Source
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    text: str
    source: Source | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "source": self.source.to_json() if self.source else None}


@dataclass(frozen=True)
class ProgramVerdict:
    status: str
    grandfathered: bool
    reasons: tuple[Finding, ...]
    missing: tuple[str, ...]
    next_steps: tuple[Step, ...] = field(default=())

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "grandfathered": self.grandfathered,
            "reasons": [{"rule": r.rule, "text": r.text, "source": r.source.to_json()} for r in self.reasons],
            "missing": list(self.missing),
            "next_steps": [step.to_json() for step in self.next_steps],
        }


@dataclass(frozen=True)
class Verdict:
    as_of: str
    content_version: str
    programs: dict[str, ProgramVerdict]

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of,
            "content_version": self.content_version,
            "programs": {name: self.programs[name].to_json() for name in PROGRAMS},
        }


# Which findings decide the status, strongest first. An outright exclusion outranks everything; a
# client of ICMS gets HN and TSS through ICMS; a missing fact that could still exclude outranks a choice.
PRECEDENCE = (("bar", "not_eligible"), ("icms", "through_icms"), ("unknown", "needs_info"), ("choose", "must_choose"))


def status_of(findings: list[Finding]) -> str:
    effects = {finding.effect for finding in findings}
    return next((status for effect, status in PRECEDENCE if effect in effects), "eligible")


def deciding(findings: list[Finding], status: str) -> tuple[Finding, ...]:
    """The reasons to show: those behind the status first, then the conditions that are met."""
    effect = dict((s, e) for e, s in PRECEDENCE).get(status, "meets")
    first = [f for f in findings if f.effect == effect]
    rest = [f for f in findings if f.effect != effect and f.effect in ("meets", "choose") and status != "not_eligible"]
    return tuple(first + [f for f in rest if f not in first])
