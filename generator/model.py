"""The content model: one frozen dataclass per kind of item, read from content/*.yaml.

`load_content(folder)` reads every file, collects every problem (types, unknown and missing keys,
duplicate ids, dangling references, and the consistency checks below) and raises one ContentError
listing them all, or returns a `Content`.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from .errors import ContentError, Problem
from .load import load_yaml
from .rules_model import RulesFile
from .spec import Email, Key, Line, Markdown, Phone, Ref, Url
from .validate import INVALID, Minimum, NonEmpty, Registry, Validator

RoleId = Literal["ecm", "hntss", "icms"]
PlanId = Annotated[str, Ref("plan")]
FaqRef = Annotated[str, Ref("faq")]


# --- document.yaml -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Authors:
    plans: Annotated[tuple[PlanId, ...], NonEmpty()]
    county: Annotated[str, Line()]


@dataclass(frozen=True)
class Section:
    """A part of the source's introduction. `title` is the source's own heading; `heading` is this
    site's, for a part the source prints without one."""

    id: Annotated[str, Key("section")]
    text: Annotated[str, Markdown()]
    title: Annotated[str, Line()] | None = None
    heading: Annotated[str, Line()] | None = None

    @property
    def display_title(self) -> str:
        return self.title or self.heading or self.id


@dataclass(frozen=True)
class Document:
    title: Annotated[str, Line()]
    subtitle: Annotated[str, Line()]
    version_label: Annotated[str, Line()]
    version_date: datetime.date
    written_by: Authors
    sections: Annotated[tuple[Section, ...], NonEmpty()]


# --- roles.yaml --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Role:
    id: Annotated[RoleId, Key("role")]
    name: Annotated[str, Line()]
    heading: Annotated[str, Line()]
    summary: Annotated[str, Line()]


@dataclass(frozen=True)
class Duty:
    """One cell of the roles matrix."""

    kind: Literal["lead", "when_with_client", "coordinate"]
    qualifier: Annotated[str, Line()] | None = None
    mark: bool | None = None

    @property
    def shows_x(self) -> bool:
        return self.mark if self.mark is not None else self.kind != "coordinate"

    @property
    def label(self) -> str:
        """The cell as the source prints it: 'X', 'X (Medical)', 'Coordinate w/ ECM (unless emergency)'."""
        return " ".join(part for part in ("X" if self.shows_x else "", self.qualifier or "") if part)


@dataclass(frozen=True)
class MatrixRow:
    id: Annotated[str, Key("matrix")]
    service: Annotated[str, Line()]
    parts: tuple[Annotated[str, Line()], ...] = ()
    ecm: Duty | None = None
    hntss: Duty | None = None

    def duty(self, role: str) -> Duty | None:
        return getattr(self, role, None)


@dataclass(frozen=True)
class MatrixColumns:
    service: Annotated[str, Line()]
    ecm: Annotated[str, Line()]
    hntss: Annotated[str, Line()]


@dataclass(frozen=True)
class Matrix:
    title: Annotated[str, Line()]
    note: Annotated[str, Line()]
    columns: MatrixColumns
    rows: Annotated[tuple[MatrixRow, ...], NonEmpty()]


@dataclass(frozen=True)
class RolesFile:
    roles: Annotated[tuple[Role, ...], NonEmpty()]
    matrix: Matrix


# --- faqs.yaml ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    roles: Annotated[tuple[RoleId, ...], NonEmpty()]
    text: Annotated[str, Markdown()] | None = None
    not_applicable: bool = False


@dataclass(frozen=True)
class Faq:
    id: Annotated[str, Key("faq")]
    number: Annotated[int, Minimum(1)]
    question: Annotated[str, Line()]
    answers: Annotated[tuple[Answer, ...], NonEmpty()]

    def answer_for(self, role: str) -> Answer:
        return next(answer for answer in self.answers if role in answer.roles)

    @property
    def label(self) -> str:
        return f"FAQ {self.number}"


@dataclass(frozen=True)
class FaqsFile:
    title: Annotated[str, Line()]
    faqs: Annotated[tuple[Faq, ...], NonEmpty()]


# --- glossary.yaml -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    id: Annotated[str, Key("term")]
    title: Annotated[str, Line()]
    abbr: Annotated[str, Line()]
    names: Annotated[tuple[Annotated[str, Line()], ...], NonEmpty()]
    definition: Annotated[str, Markdown()]
    footnotes: tuple[Annotated[str, Markdown()], ...] = ()


@dataclass(frozen=True)
class Acronym:
    abbr: Annotated[str, Line()]
    expansion: Annotated[str, Line()]
    in_source: bool = True
    term: Annotated[str, Ref("term")] | None = None
    note: Annotated[str, Line()] | None = None

    @property
    def anchor(self) -> str:
        return "abbr-" + re.sub(r"[^a-z0-9]+", "-", self.abbr.lower()).strip("-")


@dataclass(frozen=True)
class GlossaryFile:
    title: Annotated[str, Line()]
    terms: Annotated[tuple[Term, ...], NonEmpty()]
    acronyms: Annotated[tuple[Acronym, ...], NonEmpty()]


# --- contacts.yaml -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class EcmLookup:
    """How an HNTSS provider learns whether a member of this plan is enrolled in ECM (FAQ 2)."""

    source: FaqRef
    quote: Annotated[str, Line()]
    method: Literal["portal", "email", "phone_or_email", "authorization", "not_yet"]
    how: Annotated[str, Line()]
    portal: Annotated[str, Line()] | None = None
    team: Annotated[str, Line()] | None = None
    phone: Annotated[str, Phone()] | None = None
    hours: Annotated[str, Line()] | None = None
    email: Annotated[str, Email()] | None = None


@dataclass(frozen=True)
class Plan:
    id: Annotated[Literal["la_care", "anthem_blue_cross", "blue_shield_promise", "kaiser_permanente", "health_net", "molina"], Key("plan")]
    name: Annotated[str, Line()]
    full_name: Annotated[str, Line()]
    short_names: tuple[Annotated[str, Line()], ...]
    ecm_email: Annotated[str, Email()]
    cs_email: Annotated[str, Email()]
    ecm_lookup: EcmLookup
    ecm_email_note: Annotated[str, Line()] | None = None
    cs_email_note: Annotated[str, Line()] | None = None


@dataclass(frozen=True)
class ContactColumns:
    plan: Annotated[str, Line()]
    ecm_email: Annotated[str, Line()]
    cs_email: Annotated[str, Line()]


@dataclass(frozen=True)
class DhsContact:
    name: Annotated[str, Line()]
    contact: Annotated[str, Line()]
    text: Annotated[str, Line()]


@dataclass(frozen=True)
class ContactsFile:
    title: Annotated[str, Line()]
    intro: Annotated[str, Line()]
    columns: ContactColumns
    plans: Annotated[tuple[Plan, ...], NonEmpty()]
    dhs: DhsContact
    other_providers: Annotated[str, Line()]


# --- resources.yaml ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resource:
    id: Annotated[str, Key("resource")]
    title: Annotated[str, Line()]
    url: Annotated[str, Url()]
    cited_in: FaqRef | None = None
    in_table: bool = True

    @property
    def text(self) -> str:
        return f"{self.title}: {self.url}"


@dataclass(frozen=True)
class ResourceColumns:
    resource: Annotated[str, Line()]
    location: Annotated[str, Line()]


@dataclass(frozen=True)
class ResourcesFile:
    title: Annotated[str, Line()]
    columns: ResourceColumns
    resources: Annotated[tuple[Resource, ...], NonEmpty()]


# --- errata.yaml -------------------------------------------------------------------------------------

ERRATUM_KINDS = {
    "duplicate": "Printed twice",
    "typo": "Typing error",
    "naming": "Name",
    "wrong_link": "Wrong link",
    "fact": "Factual error",
    "clarification": "Unclear in the source",
    "reconstruction": "Reconstructed from the PDF",
}


@dataclass(frozen=True)
class Erratum:
    id: Annotated[str, Key("erratum")]
    kind: Literal["duplicate", "typo", "naming", "wrong_link", "fact", "clarification", "reconstruction"]
    where: Annotated[str, Line()]
    original: Annotated[str, Line()] | None = None
    corrected: Annotated[str, Line()] | None = None
    note: Annotated[str, Line()] | None = None

    @property
    def kind_label(self) -> str:
        return ERRATUM_KINDS[self.kind]

    @property
    def target(self) -> tuple[str, str]:
        kind, _, ident = self.where.partition(":")
        return kind, ident


@dataclass(frozen=True)
class ErrataFile:
    errata: tuple[Erratum, ...]


# --- the whole content -------------------------------------------------------------------------------

FILES: dict[str, type] = {
    "document.yaml": Document,
    "roles.yaml": RolesFile,
    "faqs.yaml": FaqsFile,
    "glossary.yaml": GlossaryFile,
    "contacts.yaml": ContactsFile,
    "resources.yaml": ResourcesFile,
    "errata.yaml": ErrataFile,
    "rules.yaml": RulesFile,
}


@dataclass(frozen=True)
class Content:
    document: Document
    roles: tuple[Role, ...]
    matrix: Matrix
    faqs_title: str
    faqs: tuple[Faq, ...]
    glossary_title: str
    terms: tuple[Term, ...]
    acronyms: tuple[Acronym, ...]
    contacts: ContactsFile
    resources_title: str
    resources: tuple[Resource, ...]
    resources_columns: ResourceColumns
    errata: tuple[Erratum, ...]
    rules: RulesFile
    files: tuple[Path, ...] = field(default=(), compare=False)

    @property
    def version_date(self) -> datetime.date:
        return self.document.version_date

    def role(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)

    def faq(self, faq_id: str) -> Faq:
        return next(faq for faq in self.faqs if faq.id == faq_id)

    def plan(self, plan_id: str) -> Plan:
        return next(plan for plan in self.contacts.plans if plan.id == plan_id)

    def item_title(self, where: str) -> str:
        """What a reader calls the item an erratum names: 'FAQ 6', a section or term title, a resource."""
        kind, _, ident = where.partition(":")
        titles = {
            "faq": {f.id: f.label for f in self.faqs},
            "section": {s.id: s.display_title for s in self.document.sections},
            "term": {t.id: f"Glossary: {t.title}" for t in self.terms},
            "resource": {r.id: f"Resources: {r.title}" for r in self.resources},
            "matrix": {r.id: f"Roles and responsibilities: {r.service.rstrip(':')}" for r in self.matrix.rows},
        }
        return titles.get(kind, {}).get(ident, where)

    def errata_for(self, where: str) -> tuple[Erratum, ...]:
        return tuple(erratum for erratum in self.errata if erratum.where == where)


def load_content(folder: Path, display_root: Path | None = None) -> Content:
    """Read and validate every content file in `folder`; raise ContentError listing every problem."""
    registry = Registry()
    parsed: dict[str, tuple[object, object]] = {}
    for name, cls in FILES.items():
        path = folder / name
        display = _display(path, display_root)
        loaded = load_yaml(path, display)
        registry.problems.extend(loaded.problems)
        parsed[name] = (Validator(loaded, registry).build(cls), loaded)
    registry.resolve_refs()
    if registry.problems or any(value is INVALID for value, _ in parsed.values()):
        raise ContentError(registry.problems)
    value = {name: item for name, (item, _) in parsed.items()}
    content = Content(
        document=value["document.yaml"],
        roles=value["roles.yaml"].roles,
        matrix=value["roles.yaml"].matrix,
        faqs_title=value["faqs.yaml"].title,
        faqs=value["faqs.yaml"].faqs,
        glossary_title=value["glossary.yaml"].title,
        terms=value["glossary.yaml"].terms,
        acronyms=value["glossary.yaml"].acronyms,
        contacts=value["contacts.yaml"],
        resources_title=value["resources.yaml"].title,
        resources=value["resources.yaml"].resources,
        resources_columns=value["resources.yaml"].columns,
        errata=value["errata.yaml"].errata,
        rules=value["rules.yaml"],
        files=tuple(folder / name for name in FILES),
    )
    from .consistency import consistency_problems

    problems = consistency_problems(content, {name: loaded for name, (_, loaded) in parsed.items()})
    if problems:
        raise ContentError(problems)
    return content


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
