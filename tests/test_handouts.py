"""Handouts: one role's answers and nothing of the others', printable and printed to PDF."""
from __future__ import annotations

import re
import subprocess

import pytest

from generator.consistency import squash
from generator.handouts import handouts
from tests.html_text import main_content, visible_text

ROLES = ("ecm", "hntss", "icms")
OWN_FACTS = {
    "ecm": ["Member Information File (MIF)", "Hospice", "All ECM Providers are to engage ECM grandfathered members.",
            "Check HMIS for information on the member/client", "Must choose ECM or the program"],
    "hntss": ["SyntraNet Portal", "Member declines services.", "HNTSS providers should co-manage shared members with ECM providers.",
              "Check HMIS for information on the member/client", "Restrictions"],
    "icms": ["Contact your DHS program manager with any questions.", "DHS serves eligible clients within L.A. County regardless of health insurance status.",
             "Clients who were unhoused on January 1, 2022, are grandfathered into HN."],
}


def handout_text(site, path: str) -> str:
    return visible_text(main_content((site / path / "index.html").read_text(encoding="utf-8")))


def sentences(markdown: str) -> list[str]:
    text = squash(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", markdown, flags=re.MULTILINE))
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z])", text) if len(s.split()) >= 6]


@pytest.mark.parametrize("role", ROLES)
def test_a_handout_holds_its_roles_answers_and_none_of_the_others(site, content, role):
    for handout in [h for h in handouts(content) if h.role.id == role]:
        text = handout_text(site, handout.src_uri.removesuffix("index.md"))
        for fact in OWN_FACTS[role]:
            assert fact in text, (handout.src_uri, fact)
        for faq in content.faqs:
            assert f"{faq.number}. {faq.question}" in text
            for answer in faq.answers:
                if answer.not_applicable:
                    continue
                for sentence in sentences(answer.text):
                    sentence = sentence.replace("(i.e. LA Care,", "(i.e. LA Care,")
                    assert (sentence in text) == (role in answer.roles), (handout.src_uri, faq.id, sentence)


def test_a_question_without_an_answer_for_the_role_says_so(site):
    text = handout_text(site, "handouts/ecm/").replace("\u00b6", "")
    assert '8. Who are "grandfathered" beneficiaries in ECM and HNTSS? N/A: the source gives no answer for ECM providers to this question.' in text


@pytest.mark.parametrize("role", ROLES)
def test_a_handout_names_its_source_version_address_and_build_date(site, content, role):
    import datetime

    text = handout_text(site, f"handouts/{role}/")
    assert content.document.title in text and "Version Dated: 4/1/2022" in text
    assert f"This page: http://127.0.0.1:8000/handouts/{role}/" in text
    today = datetime.date.today()
    assert f"Built {today:%B} {today.day}, {today.year}" in text


def test_the_matrix_is_seen_from_the_roles_side(site):
    ecm = handout_text(site, "handouts/ecm/")
    hntss = handout_text(site, "handouts/hntss/")
    assert "Led by you: Coordination of Transportation to Appointments (Medical)" in ecm
    assert "Led by the HNTSS provider: Coordination of Transportation to Appointments (Housing)" in ecm
    assert "Coordinate: Linkage to Mental Health & Substance Use Services: Coordinate w/ ECM (unless emergency)." in hntss
    assert "Whichever provider is with the client at the time (if with patient): Establishing Income/Medi-Cal Benefits" in hntss


def test_ecm_and_hntss_handouts_carry_their_enrollment_rules(site):
    ecm = handout_text(site, "handouts/ecm/")
    assert "Not eligible for ECM (FAQ 6): Non-active Medi-Cal; Fee-for-Service Medi-Cal; Cal MediConnect; Hospice" in ecm
    assert "California Community Transitions (CCT)." in ecm and "from 2023-07-01" in ecm
    hntss = handout_text(site, "handouts/hntss/")
    assert "Not together with DHS HFH or ODR ICMS (FAQ 1)" in hntss
    assert "Member has previously received Tenancy Services CS" in hntss


def test_the_glossary_holds_the_terms_the_handout_uses_and_no_others(site):
    hntss = handout_text(site, "handouts/hntss/")
    glossary = hntss[hntss.index("The terms and acronyms this handout uses."):]
    assert "HHSS Homeless and Housing Support Services" in glossary
    assert "Housing Navigation and Tenancy Support Services (HNTSS):" in glossary
    assert "ILOS" not in glossary  # used in no handout text
    ecm = handout_text(site, "handouts/ecm/")
    assert "MIF Member Information File" in ecm[ecm.index("The terms and acronyms this handout uses."):]


def test_a_plan_variant_puts_that_plans_contacts_first(site):
    text = handout_text(site, "handouts/hntss/kaiser-permanente/")
    plan_section = text[: text.index("Answers for HNTSS providers")]
    assert "Medi-Cal-State-Program@kp.org" in plan_section and "1-866-551-9619" in plan_section
    contacts = text[text.index("Providers can contact the following with any questions."):]
    assert contacts.index("Kaiser Permanente") < contacts.index("Anthem Blue Cross")


def test_there_are_eighteen_plan_variants_and_three_role_handouts(site, content):
    assert len(handouts(content)) == 21
    listing = (site / "handouts" / "index.html").read_text(encoding="utf-8")
    for handout in handouts(content):
        assert (site / handout.src_uri.replace(".md", ".html")).is_file()
        assert handout.pdf_uri.split("/")[-1] in listing


def test_print_media_shows_no_navigation_chrome(page, server):
    page.goto(server + "handouts/icms/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".headerlink", "[data-print]"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    assert page.locator("h1").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("[data-print]").is_visible()


def test_the_print_button_opens_collapsed_sections_and_prints(page, server):
    page.goto(server + "rules/")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.evaluate("document.querySelector('[data-print]') || document.body.insertAdjacentHTML('beforeend', '<button data-print>p</button>')")
    page.locator("[data-print]").click()
    assert page.evaluate("window.__printed") is True
    assert page.evaluate("[...document.querySelectorAll('details')].every((d) => d.open)")


def pdf_pages(path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout).group(1))
    return [squash(subprocess.run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True, text=True, check=True).stdout) for n in range(1, count + 1)]


@pytest.mark.parametrize("role", ROLES)
def test_each_pdf_opens_with_a_sensible_length_and_holds_the_roles_facts(site, content, role):
    for handout in [h for h in handouts(content) if h.role.id == role]:
        pages = pdf_pages(site / handout.pdf_uri)
        assert 4 <= len(pages) <= 14, (handout.pdf_uri, len(pages))
        text = " ".join(pages)
        for fact in OWN_FACTS[role]:
            assert fact in text, (handout.pdf_uri, fact)
        for number, page_text in enumerate(pages, 1):
            assert "Version Dated: 4/1/2022" in page_text and f"Page {number} of {len(pages)}" in page_text, (handout.pdf_uri, number)


def test_page_breaks_never_split_a_matrix_row(site, content):
    def row_text(row):
        cells = [row.duty(r).label if row.duty(r) else "\u2014" for r in ("ecm", "hntss")]
        return squash(" ".join([row.service, *row.parts, *cells]))

    for handout in handouts(content):
        pages = pdf_pages(site / handout.pdf_uri)
        for row in content.matrix.rows:
            found = [n for n, text in enumerate(pages, 1) if row_text(row) in text]
            assert len(found) == 1, (handout.pdf_uri, row.id, found)
