"""The model of content/rules.yaml: the enrollment rules as data, each citing the item it comes from."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Annotated, Literal

from site_tools.profile import POPULATIONS_OF_FOCUS, PROGRAMS_HELD

from .spec import Key, Line
from .validate import NonEmpty

ProgramId = Literal["ecm", "hn", "tss", "icms"]
HeldProgram = Literal[tuple(PROGRAMS_HELD)]  # the profile contract's `enrolled_in` values
PopulationId = Literal[tuple(POPULATIONS_OF_FOCUS)]


@dataclass(frozen=True)
class Quote:
    """Where a rule comes from (faq:<id>, section:<id> or term:<id>) and the source's words there."""

    where: Annotated[str, Line()]
    quote: Annotated[str, Line()]


@dataclass(frozen=True)
class Program:
    id: Annotated[ProgramId, Key("program")]
    name: Annotated[str, Line()]
    short: Annotated[str, Line()]


@dataclass(frozen=True)
class Insurance:
    program: ProgramId
    needs_managed_care: bool
    source: Quote


@dataclass(frozen=True)
class MediCalExclusion:
    value: Literal["none", "fee_for_service"]
    name: Annotated[str, Line()]


@dataclass(frozen=True)
class NamedProgram:
    id: HeldProgram
    name: Annotated[str, Line()]
    group: Annotated[str, Line()] | None = None


@dataclass(frozen=True)
class EcmExclusions:
    source: Quote
    medi_cal: Annotated[tuple[MediCalExclusion, ...], NonEmpty()]
    programs: Annotated[tuple[NamedProgram, ...], NonEmpty()]


@dataclass(frozen=True)
class EcmChoices:
    source: Quote
    programs: Annotated[tuple[NamedProgram, ...], NonEmpty()]


@dataclass(frozen=True)
class Restriction:
    number: int
    check: Literal["duplicative_state_program", "duplicative_housing_program", "none", "cannot_live_independently", "declined", "tenancy_services_limit"]
    applies_to: tuple[Literal["hn", "tss"], ...]
    quote: Annotated[str, Line()]


@dataclass(frozen=True)
class Restrictions:
    source: Quote
    items: Annotated[tuple[Restriction, ...], NonEmpty()]


@dataclass(frozen=True)
class Compatibility:
    programs: tuple[Literal["ecm", "hntss", "icms"], ...]
    together: bool
    source: Quote


@dataclass(frozen=True)
class Declining:
    ecm: Quote
    hn: Quote
    tss: Quote
    icms: Quote


@dataclass(frozen=True)
class Criteria:
    ecm_population_of_focus: Quote
    hntss_criteria: Quote
    icms_by_dhs: Quote


@dataclass(frozen=True)
class Population:
    id: PopulationId
    name: Annotated[str, Line()]
    go_live: datetime.date | None = None
    source: Quote | None = None


@dataclass(frozen=True)
class Populations:
    source: Quote
    items: Annotated[tuple[Population, ...], NonEmpty()]


@dataclass(frozen=True)
class Grandfathering:
    wpc_to_ecm: Quote
    wpc_to_hntss: Quote
    hhp_to_hntss: Quote
    unhoused_to_hn: Quote
    housed_to_tss: Quote


@dataclass(frozen=True)
class Referrals:
    ecm: Quote
    hntss: Quote
    icms_hfh: Quote
    icms_interim: Quote
    icms_odr: Quote
    is_in_ecm: Quote
    dhs_program_manager: Quote


@dataclass(frozen=True)
class RulesFile:
    programs: Annotated[tuple[Program, ...], NonEmpty()]
    insurance: Annotated[tuple[Insurance, ...], NonEmpty()]
    ecm_exclusions: EcmExclusions
    ecm_choices: EcmChoices
    hntss_restrictions: Restrictions
    compatibility: Annotated[tuple[Compatibility, ...], NonEmpty()]
    declining: Declining
    criteria: Criteria
    populations_of_focus: Populations
    grandfathering: Grandfathering
    referrals: Referrals
