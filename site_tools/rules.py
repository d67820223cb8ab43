"""The enrollment rules of the FAQ (version dated 4/1/2022), one short function per rule.

Each rule reads a Profile and the rules data (content/rules.yaml) and yields Findings: what it decides
for one program, in plain words, with the FAQ item it comes from. `evaluate` turns the findings for each
program into a status (see verdict.PRECEDENCE), the reasons behind it, what is missing and next steps.
"""
from __future__ import annotations

from collections.abc import Iterator

from .data import RulesData
from .profile import POPULATIONS_OF_FOCUS, Profile
from .steps import next_steps
from .verdict import Finding, ProgramVerdict, Verdict, deciding, status_of

ICMS_PROGRAMS = ("hfh_icms", "odr_icms")


def evaluate(profile: Profile, data: RulesData) -> Verdict:
    """The verdict for every program."""
    findings = {
        "ecm": list(ecm_findings(profile, data)),
        "hn": list(housing_findings("hn", profile, data)),
        "tss": list(housing_findings("tss", profile, data)),
        "icms": list(icms_findings(profile, data)),
    }
    grandfathered = {
        "ecm": ecm_grandfathered(profile),
        "hn": hntss_grandfathered("hn", profile),
        "tss": hntss_grandfathered("tss", profile),
        "icms": False,
    }
    programs = {}
    for program, found in findings.items():
        status = status_of(found)
        missing = tuple(dict.fromkeys(key for f in found if f.effect == "unknown" for key in f.missing)) if status == "needs_info" else ()
        programs[program] = ProgramVerdict(
            status=status,
            grandfathered=grandfathered[program] and status in ("eligible", "through_icms"),
            reasons=deciding(found, status),
            missing=missing,
            next_steps=next_steps(program, status, grandfathered[program], found, profile, data),
        )
    return Verdict(profile.date().isoformat(), data.content_version, programs)


# --- facts the rules share ---------------------------------------------------------------------------

def icms_client(profile: Profile) -> bool | None:
    """Is the client in DHS HFH or ODR ICMS? None if the programs held are unknown."""
    if profile.enrolled_in is None:
        return None
    return any(program in profile.enrolled_in for program in ICMS_PROGRAMS)


def ecm_grandfathered(profile: Profile) -> bool:
    """FAQ 8: clients enrolled in WPC on December 31, 2021 are enrolled in ECM through their plan."""
    return profile.wpc_enrolled_on_2021_12_31 is True and profile.medi_cal == "managed_care"


def hntss_grandfathered(program: str, profile: Profile) -> bool:
    """FAQ 8: WPC and HHP members are grandfathered into HNTSS; DHS clients into HN if unhoused on
    January 1, 2022 and into TSS if housed then."""
    if profile.medi_cal != "managed_care":
        return False
    if icms_client(profile):
        if profile.wpc_enrolled_on_2021_12_31 is not True or profile.housed_on_2022_01_01 is None:
            return False
        return profile.housed_on_2022_01_01 is (program == "tss")
    return profile.wpc_enrolled_on_2021_12_31 is True or profile.hhp_enrolled_on_2021_12_31 is True


# --- rules that apply to every program ---------------------------------------------------------------

def declined(program: str, profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 4: every program is voluntary; a client who has declined it is not enrolled.
    (`declined` left out means nobody has declined.)"""
    if profile.declined and program in profile.declined:
        name = data.program_name(program)
        yield Finding(f"{program}.declined", "bar", f"The client has declined {name}; it is voluntary.", data.source(data.section("declining")[program]))


def needs_managed_care(program: str, profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 5: ECM and HNTSS need active Medi-Cal managed care; DHS ICMS does not need insurance."""
    rule = next(r for r in data.section("insurance") if r["program"] == program)
    source = data.source(rule["source"])
    name = data.program_name(program)
    if not rule["needs_managed_care"]:
        yield Finding(f"{program}.insurance", "meets", f"{name} does not depend on health insurance: DHS serves eligible clients regardless.", source)
    elif profile.medi_cal is None:
        yield Finding(f"{program}.medi_cal", "unknown", f"{name} needs active Medi-Cal managed care; the client's coverage is not known yet.", source, ("medi_cal",))
    elif profile.medi_cal == "managed_care":
        yield Finding(f"{program}.medi_cal", "meets", f"The client has active Medi-Cal managed care, which {name} needs.", source)
    elif program == "ecm":
        yield from ecm_medi_cal_exclusion(profile, data)
    else:
        coverage = "Fee-for-Service Medi-Cal" if profile.medi_cal == "fee_for_service" else "no active Medi-Cal"
        yield Finding(f"{program}.medi_cal", "bar", f"{name} needs active Medi-Cal managed care; the client has {coverage}.", source)


# --- ECM -----------------------------------------------------------------------------------------------

def ecm_findings(profile: Profile, data: RulesData) -> Iterator[Finding]:
    yield from declined("ecm", profile, data)
    yield from needs_managed_care("ecm", profile, data)
    yield from ecm_excluding_programs(profile, data)
    yield from ecm_programs_to_choose(profile, data)
    yield from ecm_population_of_focus(profile, data)
    yield from ecm_with_icms(profile, data)


def ecm_medi_cal_exclusion(profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 6: members with non-active Medi-Cal or Fee-for-Service Medi-Cal are not eligible for ECM."""
    section = data.section("ecm_exclusions")
    entry = next(m for m in section["medi_cal"] if m["value"] == profile.medi_cal)
    quote = {"where": section["source"]["where"], "quote": f"{section['source']['quote']}: {entry['name']}"}
    yield Finding(f"ecm.excluded.{profile.medi_cal}", "bar", f"{entry['name']}: members with it are not eligible for ECM, which needs Medi-Cal managed care.", data.source(quote))


def ecm_excluding_programs(profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 6: Cal MediConnect, hospice, FIDE-SNPs and PACE exclude ECM outright."""
    section = data.section("ecm_exclusions")
    if profile.enrolled_in is None:
        yield Finding("ecm.programs", "unknown", "Some programs exclude ECM or must be chosen instead of it; which programs the client is in is not known yet.", data.source(section["source"]), ("enrolled_in",))
        return
    for program in section["programs"]:
        if program["id"] in profile.enrolled_in:
            quote = {"where": section["source"]["where"], "quote": f"{section['source']['quote']}: {program['name']}"}
            yield Finding(f"ecm.excluded.{program['id']}", "bar", f"{program['name']}: members in it are not eligible for ECM.", data.source(quote))


def ecm_programs_to_choose(profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 6: members of the 1915 waiver programs, managed care case management or CCT must choose
    between ECM and that program."""
    section = data.section("ecm_choices")
    for program in section["programs"]:
        if profile.enrolled_in and program["id"] in profile.enrolled_in:
            quote = {"where": section["source"]["where"], "quote": f"{section['source']['quote']}: {program['name']}"}
            yield Finding(f"ecm.choose.{program['id']}", "choose", f"{program['name']}: the member must choose between ECM and this program.", data.source(quote))


def ecm_population_of_focus(profile: Profile, data: RulesData) -> Iterator[Finding]:
    """ECM is for members who fall within an ECM Population of Focus that has begun in LA County
    (glossary, footnote 1); members grandfathered from WPC are enrolled without one (FAQ 8)."""
    if ecm_grandfathered(profile):
        yield Finding("ecm.grandfathered", "meets", "Enrolled in Whole Person Care on December 31, 2021: automatically enrolled in ECM through the plan, with no referral.", data.source(data.section("grandfathering")["wpc_to_ecm"]))
        return
    finding = _population_finding(profile, data)
    open_facts = _unknown(profile, "medi_cal", "wpc_enrolled_on_2021_12_31")
    could_be_grandfathered = profile.medi_cal in (None, "managed_care") and profile.wpc_enrolled_on_2021_12_31 is not False
    if finding.effect in ("bar", "unknown") and could_be_grandfathered and open_facts:
        missing = finding.missing or open_facts
        finding = Finding(finding.rule, "unknown", finding.text + " Clients enrolled in WPC on December 31, 2021 are enrolled in ECM without one.", finding.source, missing)
    yield finding


def _unknown(profile: Profile, *keys: str) -> tuple[str, ...]:
    return tuple(key for key in keys if getattr(profile, key) is None)


def _population_finding(profile: Profile, data: RulesData) -> Finding:
    section = data.section("populations_of_focus")
    criteria = data.source(data.section("criteria")["ecm_population_of_focus"])
    if profile.populations_of_focus is None:
        return Finding("ecm.population_of_focus", "unknown", "ECM is for members in an ECM Population of Focus; whether the client is in one is not known yet.", criteria, ("populations_of_focus",))
    if not profile.populations_of_focus:
        return Finding("ecm.population_of_focus", "bar", "ECM is for members who fall within an ECM Population of Focus; the client falls within none.", criteria)
    today = profile.date()
    live = [p for p in POPULATIONS_OF_FOCUS if p in profile.populations_of_focus and not _later(p, today, data)]
    if live:
        names = "; ".join(_population_name(p, data) for p in live)
        return Finding("ecm.population_of_focus", "meets", f"The client falls within an ECM Population of Focus: {names}.", criteria)
    # In the contract's order, so that a tie between start dates is settled the same way every run.
    held = [p for p in POPULATIONS_OF_FOCUS if p in profile.populations_of_focus]
    first = min(held, key=lambda p: data.go_live(p) or today)
    item = next(i for i in section["items"] if i["id"] == first)
    start = data.go_live(first)
    return Finding(
        f"ecm.population_of_focus.{first}", "bar",
        f"{item['name']}: in Los Angeles County this Population of Focus is eligible for ECM from {start:%B} {start.day}, {start.year}; on {today.isoformat()} it was not yet.",
        data.source(item["source"]),
    )


def _later(population: str, today, data: RulesData) -> bool:
    start = data.go_live(population)
    return start is not None and today < start


def _population_name(population: str, data: RulesData) -> str:
    return next(i["name"] for i in data.section("populations_of_focus")["items"] if i["id"] == population)


def ecm_with_icms(profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 1: a member may be enrolled in both ECM and DHS ICMS."""
    if icms_client(profile):
        rule = next(r for r in data.section("compatibility") if r["programs"] == ["ecm", "icms"])
        yield Finding("ecm.with_icms", "meets", "ECM and DHS ICMS may be held together: the client's ICMS does not stand in the way.", data.source(rule["source"]))


# --- HN and TSS ----------------------------------------------------------------------------------------

def housing_findings(program: str, profile: Profile, data: RulesData) -> Iterator[Finding]:
    yield from declined(program, profile, data)
    client = icms_client(profile)
    if client:
        yield from through_icms(program, profile, data)
        return
    if client is None:
        yield Finding(f"{program}.icms", "unknown", "Clients of DHS HFH or ODR ICMS get HN and TSS through ICMS; which programs the client is in is not known yet.", data.source(_hntss_icms_rule(data)["source"]), ("enrolled_in",))
    yield from needs_managed_care(program, profile, data)
    yield from hntss_criteria(program, profile, data)
    yield from hntss_restrictions(program, profile, data)


def _hntss_icms_rule(data: RulesData) -> dict:
    return next(r for r in data.section("compatibility") if r["programs"] == ["hntss", "icms"])


def through_icms(program: str, profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 1 and 6: DHS HFH and ODR clients may not be enrolled separately in HNTSS through a plan; HN and
    TSS are part of their ICMS, enrolled and billed by DHS."""
    name = data.program_name(program)
    text = f"The client is in DHS HFH or ODR ICMS: {name} comes from the ICMS provider under DHS, not separately through a plan."
    yield Finding(f"{program}.through_icms", "icms", text, data.source(_hntss_icms_rule(data)["source"]))
    if hntss_grandfathered(program, profile):
        key = "housed_to_tss" if program == "tss" else "unhoused_to_hn"
        yield Finding(f"{program}.grandfathered", "meets", f"A DHS client in WPC with a plan: grandfathered into {name} by where they lived on January 1, 2022.", data.source(data.section("grandfathering")[key]))


def hntss_criteria(program: str, profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 5: members must also meet the HNTSS eligibility criteria, unless grandfathered (FAQ 8:
    WPC and HHP members automatically receive HNTSS)."""
    if hntss_grandfathered(program, profile):
        key = "wpc_to_hntss" if profile.wpc_enrolled_on_2021_12_31 else "hhp_to_hntss"
        yield Finding(f"{program}.grandfathered", "meets", "Enrolled in Whole Person Care or the Health Homes Program: grandfathered into HNTSS, with no new consent.", data.source(data.section("grandfathering")[key]))
        return
    source = data.source(data.section("criteria")["hntss_criteria"])
    answer = profile.meets_hntss_criteria
    history = (profile.wpc_enrolled_on_2021_12_31, profile.hhp_enrolled_on_2021_12_31)
    could_be_grandfathered = profile.medi_cal in (None, "managed_care") and any(fact is not False for fact in history)
    if answer is True:
        yield Finding(f"{program}.criteria", "meets", "The client meets the HNTSS eligibility criteria.", source)
    elif answer is None:
        yield Finding(f"{program}.criteria", "unknown", "Members must also meet the HNTSS eligibility criteria; whether the client does is not known yet.", source, ("meets_hntss_criteria",))
    elif could_be_grandfathered:
        missing = _unknown(profile, "wpc_enrolled_on_2021_12_31", "hhp_enrolled_on_2021_12_31") or _unknown(profile, "medi_cal")
        yield Finding(f"{program}.criteria", "unknown", "The client does not meet the HNTSS eligibility criteria, but WPC and HHP members are grandfathered into HNTSS without them.", source, missing)
    else:
        yield Finding(f"{program}.criteria", "bar", "The client does not meet the HNTSS eligibility criteria.", source)


def hntss_restrictions(program: str, profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 6: the HNTSS restrictions 1 to 6 (5, declining, is `declined`; 3 bars no one)."""
    section = data.section("hntss_restrictions")
    checks = {
        "duplicative_state_program": _held_program,
        "duplicative_housing_program": _held_program,
        "cannot_live_independently": _lives_independently,
        "tenancy_services_limit": _tenancy_services_limit,
    }
    for item in section["items"]:
        if program in item["applies_to"] and item["check"] in checks:
            source = data.source({"where": section["source"]["where"], "quote": item["quote"]})
            yield from checks[item["check"]](program, item, profile, source)


def _held_program(program: str, item: dict, profile: Profile, source) -> Iterator[Finding]:
    if profile.enrolled_in and item["check"] in profile.enrolled_in:
        kind = "state-funded program" if item["check"] == "duplicative_state_program" else "housing navigation or tenancy services program"
        yield Finding(f"{program}.restriction_{item['number']}", "bar", f"Restriction {item['number']}: the client is in a duplicative {kind}.", source)


def _lives_independently(program: str, item: dict, profile: Profile, source) -> Iterator[Finding]:
    rule = f"{program}.restriction_{item['number']}"
    if profile.can_live_independently is True:
        yield Finding(rule, "meets", "The client can live independently in housing.", source)
    elif profile.can_live_independently is False:
        yield Finding(rule, "bar", f"Restriction {item['number']}: the client cannot live independently in housing or needs a higher level of care.", source)
    elif profile.can_live_independently is None:
        yield Finding(rule, "unknown", f"Restriction {item['number']}: whether the client can live independently in housing is not known yet.", source, ("can_live_independently",))


def _tenancy_services_limit(program: str, item: dict, profile: Profile, source) -> Iterator[Finding]:
    rule = f"{program}.restriction_{item['number']}"
    count, changed = profile.tenancy_services_received, profile.changed_conditions_documented
    if count is None:
        yield Finding(rule, "unknown", f"Restriction {item['number']}: tenancy services are limited to one duration in a lifetime, plus one more with documented changes; how often the client has had them is not known yet.", source, ("tenancy_services_received",))
    elif count == 0:
        yield Finding(rule, "meets", "The client has not received tenancy sustaining services before.", source)
    elif count >= 2:
        yield Finding(rule, "bar", f"Restriction {item['number']}: the client has received tenancy services {count} times; the limit is one duration plus one additional approval.", source)
    elif changed is True:
        yield Finding(rule, "meets", "The client has received tenancy services once; a second time may be approved with the documented change in conditions.", source)
    elif changed is None:
        yield Finding(rule, "unknown", f"Restriction {item['number']}: after one duration, tenancy services may be approved once more only with documentation of what has changed; whether that exists is not known yet.", source, ("changed_conditions_documented",))
    else:
        yield Finding(rule, "bar", f"Restriction {item['number']}: the client has received tenancy services once and there is no documentation of changed conditions for a second approval.", source)


# --- DHS ICMS ------------------------------------------------------------------------------------------

def icms_findings(profile: Profile, data: RulesData) -> Iterator[Finding]:
    """FAQ 4, 5 and 7: ICMS is voluntary, needs no insurance, and DHS matches and refers clients to it."""
    yield from declined("icms", profile, data)
    if icms_client(profile):
        yield Finding("icms.client", "meets", "The client is already in DHS HFH or ODR ICMS.", data.source(data.section("referrals")["dhs_program_manager"]))
    yield from needs_managed_care("icms", profile, data)
