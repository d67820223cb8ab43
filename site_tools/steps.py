"""What to do next, for each program and status: the referral route, the plan's contact, the question to
answer. Each step cites where the source says so."""
from __future__ import annotations

from .data import RulesData
from .profile import QUESTIONS, Profile
from .verdict import Finding, Step


def next_steps(program: str, status: str, grandfathered: bool, findings: list[Finding], profile: Profile, data: RulesData) -> tuple[Step, ...]:
    if status == "needs_info":
        missing = dict.fromkeys(key for f in findings if f.effect == "unknown" for key in f.missing)
        return tuple(Step(f"Answer: {QUESTIONS[key]}") for key in missing)
    builders = {"ecm": _ecm_steps, "hn": _housing_steps, "tss": _housing_steps, "icms": _icms_steps}
    return tuple(builders[program](program, status, grandfathered, findings, profile, data))


def _plan_phrase(profile: Profile, data: RulesData) -> str:
    plan = data.plan(profile.plan)
    return plan["name"] if plan else "the client's managed care plan (see Contacts)"


def _ecm_steps(program, status, grandfathered, findings, profile, data):
    referrals = data.section("referrals")
    plan = data.plan(profile.plan)
    if status == "eligible" and grandfathered:
        yield Step(f"No referral needed: the client was enrolled in ECM automatically through {_plan_phrase(profile, data)}; ECM providers engage grandfathered members.", data.source(data.section("grandfathering")["wpc_to_ecm"]))
    elif status in ("eligible", "must_choose"):
        if status == "must_choose":
            names = " or ".join(data.held_program_name(f.rule.rsplit(".", 1)[1]) for f in findings if f.effect == "choose")
            yield Step(f"Talk with the client: to enroll in ECM they must leave {names}; or they stay and do not enroll in ECM.", findings_source(findings, "choose"))
        yield Step(f"Refer: submit the ECM Referral Form to {_plan_phrase(profile, data)} by the method indicated on the form.", data.source(referrals["ecm"]))
    elif status == "not_eligible":
        yield from _not_eligible_steps(findings, data)
    if plan and status != "not_eligible":
        yield Step(f"ECM questions for {plan['name']}: {plan['ecm_email']}.", data.source(plan["contact_source"]))


def _housing_steps(program, status, grandfathered, findings, profile, data):
    referrals = data.section("referrals")
    plan = data.plan(profile.plan)
    if status == "through_icms":
        yield Step("Do not refer through a plan: HN and TSS come from the client's ICMS provider, and DHS determines eligibility and enrolls the client automatically when matched to a DHS housing resource.", data.source(data.section("criteria")["icms_by_dhs"]))
        yield Step("Questions: the client's DHS program manager.", data.source(referrals["dhs_program_manager"]))
        return
    if status == "eligible" and grandfathered:
        yield Step(f"No new referral or consent needed: the client is grandfathered into HNTSS with {_plan_phrase(profile, data)}.", findings_source(findings, "meets", ".grandfathered"))
    elif status == "eligible":
        yield Step(f"Refer: submit the HNTSS Referral Form to {_plan_phrase(profile, data)} by the method indicated on the form.", data.source(referrals["hntss"]))
    elif status == "not_eligible":
        yield from _not_eligible_steps(findings, data)
    if plan and status != "not_eligible":
        yield Step(f"Community Supports questions for {plan['name']}: {plan['cs_email']}.", data.source(plan["contact_source"]))
        yield Step(f"Is the client already in ECM? {plan['ecm_lookup']}", data.source(plan["lookup_source"]))


def _icms_steps(program, status, grandfathered, findings, profile, data):
    referrals = data.section("referrals")
    if status == "not_eligible":
        yield from _not_eligible_steps(findings, data)
        return
    if any(f.rule == "icms.client" for f in findings):
        yield Step("The client is already in ICMS; ICMS providers take questions to their DHS program manager.", data.source(referrals["dhs_program_manager"]))
        return
    for key, text in (
        ("icms_hfh", "Permanent supportive housing: homeless clients are matched to HFH through the coordinated entry system (CES)."),
        ("icms_interim", "Interim housing: hospitals, homeless service providers and outreach teams refer homeless clients to HFH."),
        ("icms_odr", "ODR: referrals come through jail-based diversion, community referrals and partners in the justice system."),
    ):
        yield Step(text, data.source(referrals[key]))
    rule = next(r for r in data.section("compatibility") if r["programs"] == ["hntss", "icms"])
    yield Step("A client cannot be in ICMS and receive HNTSS through a plan at the same time: ICMS includes HN and TSS.", data.source(rule["source"]))


def _not_eligible_steps(findings: list[Finding], data: RulesData):
    for finding in findings:
        if finding.effect != "bar":
            continue
        if finding.rule.endswith(".declined"):
            yield Step("It is voluntary: if the client changes their mind, they can be referred again.", finding.source)
        elif ".population_of_focus." in finding.rule:
            yield Step("Check again once the Population of Focus has begun in LA County (see the date above).", finding.source)


def findings_source(findings: list[Finding], effect: str, rule_suffix: str = ""):
    return next((f.source for f in findings if f.effect == effect and f.rule.endswith(rule_suffix)), None)
