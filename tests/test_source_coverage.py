"""Every word of the source lands in the content exactly once, and the content adds none to its wording.

The extracted PDF text and the content's source-wording fields are each cut into words; the two
multisets must be equal. Allowed differences are only (a) what the PDF extraction added (page footers,
column headers repeated after each page break, words broken across lines) and (b) the corrections
recorded in content/errata.yaml, which are undone on the content side before comparing.
"""
from __future__ import annotations

import re
from collections import Counter

from generator.consistency import squash
from generator.model import Content
from tests.conftest import SEED

FOLD = str.maketrans({"\u2010": "-", "\u00a0": " ", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})

# Words the PDF broke across lines or pages, as extracted -> as printed.
BROKEN = {
    "lacommunitysupports@blueshieldca.c om": "lacommunitysupports@blueshieldca.com",
    "https://www.dhcs.ca.gov/Documents/ MCQMD/": "https://www.dhcs.ca.gov/Documents/MCQMD/",
    "HN and /or TSS": "HN and/or TSS",
    "long-term services1,": "long-term services,",
}


def source_text() -> str:
    text = SEED.read_text(encoding="utf-8").translate(FOLD)
    text = _drop_page_artifacts(text)
    text = squash(text)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)  # a word broken at its hyphen: "jail- based"
    for broken, printed in BROKEN.items():
        assert broken in text, f"expected the extraction to contain {broken!r}"
        text = text.replace(broken, printed)
    return text


def _drop_page_artifacts(text: str) -> str:
    headers = (
        "ECM Provider Directly Contracted with MCPs to Deliver ECM Services",
        "HNTSS Provider Directly Contracted with MCPs to Deliver HNTSS (Two of the CS Programs)",
        "ICMS Provider Directly Contracted with DHS",
    )
    text = re.sub(r"Page \d+ of \d+\s+https://\S+", " ", text)  # footer and the PDF's link annotation
    flat = squash(text)
    header_run = " ".join(headers)
    first = flat.index(header_run) + len(header_run)
    return flat[:first] + flat[first:].replace(header_run, " ")


def content_text(content: Content) -> str:
    """The content's source wording, with each recorded correction undone."""
    parts: list[str] = []
    doc = content.document
    parts += [doc.title, doc.subtitle, doc.version_label]
    for section in doc.sections:
        parts.append(_undo("section:" + section.id, f"{section.title or ''} {section.text}", content))
    parts.append(content.faqs_title)
    parts += [role.heading for role in content.roles]
    for faq in content.faqs:
        body = " ".join("N/A" if a.not_applicable else a.text for a in faq.answers)
        parts.append(_undo("faq:" + faq.id, f"{faq.number}. {faq.question} {body}", content))
    matrix = content.matrix
    parts += [matrix.title, matrix.note, matrix.columns.service, matrix.columns.ecm, matrix.columns.hntss]
    for row in matrix.rows:
        duties = [row.duty(role).label for role in ("ecm", "hntss") if row.duty(role)]
        parts.append(" ".join([row.service, *row.parts, *duties]))
    parts.append(content.glossary_title)
    for term in content.terms:
        footnotes = [f"{n} {note}" for n, note in enumerate(term.footnotes, 1)]
        definition = re.sub(r"\[\^\d+\]", "", term.definition)
        parts.append(_undo("term:" + term.id, " ".join([term.title, definition, *footnotes]), content))
    parts += [content.resources_title, content.resources_columns.resource, content.resources_columns.location]
    for resource in content.resources:
        if resource.in_table:
            parts.append(_undo("resource:" + resource.id, resource.text, content).replace(": https://", " https://"))
    contacts = content.contacts
    parts += [contacts.title, contacts.intro, contacts.columns.plan, contacts.columns.ecm_email, contacts.columns.cs_email]
    for plan in contacts.plans:
        parts += [plan.name, plan.ecm_email, plan.ecm_email_note or "", plan.cs_email, plan.cs_email_note or ""]
    parts += [contacts.dhs.text, contacts.other_providers]
    return squash(" ".join(parts))


def _undo(where: str, text: str, content: Content) -> str:
    text = squash(text)
    for erratum in content.errata_for(where):
        if erratum.original and erratum.corrected:
            text = text.replace(squash(erratum.corrected), squash(erratum.original))
    return text


def words(text: str) -> Counter:
    # Markdown list markers and dashes standing alone carry no wording; "- " bullets were glyphs in the PDF.
    return Counter(word for word in text.split() if word not in {"-", "*", "\u2022"})


def test_every_word_of_the_source_lands_in_the_content_exactly_once(content):
    source, ours = words(source_text()), words(content_text(content))
    missing = source - ours
    added = ours - source
    assert not missing and not added, f"in the source but not the content: {dict(missing)}\nin the content but not the source: {dict(added)}"


def test_the_source_has_the_words_this_test_expects(content):
    text = source_text()
    assert "Version Dated: 4/1/2022" in text
    assert text.count("ECM Provider Directly Contracted with MCPs to Deliver ECM Services") == 1
    assert len(text.split()) > 3500


def test_every_content_sentence_is_a_sentence_of_the_source_in_order(content):
    """Words in the same order, not only the same words: each answer's sentences are found in the source."""
    source = source_text()
    flat_source = re.sub(r"[^\w@./:'-]+", " ", source)
    for faq in content.faqs:
        for answer in faq.answers:
            if answer.not_applicable:
                continue
            blocks = re.split(r"\n\s*(?:[-*]|\d+\.)\s+|\n\s*\n|^\s*(?:[-*]|\d+\.)\s+", answer.text)
            for block in filter(str.strip, blocks):
                text = _undo("faq:" + faq.id, block, content)
                for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z])", text):
                    sentence = re.sub(r"[^\w@./:'-]+", " ", sentence).strip()
                    if len(sentence.split()) < 4 or sentence in flat_source:
                        continue
                    # A sentence split by a page break: its two halves are each in the source.
                    halves = _split_at_page_break(sentence, flat_source)
                    assert halves, f"{faq.label} ({'/'.join(answer.roles)}): sentence not found in the source: {sentence!r}"


def _split_at_page_break(sentence: str, source: str) -> bool:
    tokens = sentence.split()
    return any(" ".join(tokens[:i]) in source and " ".join(tokens[i:]) in source for i in range(1, len(tokens)))
