"""Text transforms around rendering: addresses become links, acronyms get tooltips, terms link once."""
from __future__ import annotations

from generator.markup import Abbreviation, TermLink, enrich, link_contacts
from generator.spec import markdown_problem

ABBRS = [Abbreviation(text, text.lower()) for text in ("ECM", "DHS", "HFH", "FIDE-SNP", "HN", "HNTSS", "HHSS", "I/DD", "LA", "MCP")]


def test_addresses_and_phone_numbers_become_links():
    text = "Call 1-866-551-9619 or write RegCareCoordCaseMgmt@kp.org. See https://www.dhcs.ca.gov/a-b.pdf and"
    assert link_contacts(text) == (
        "Call [1-866-551-9619](tel:+18665519619) or write [RegCareCoordCaseMgmt@kp.org](mailto:RegCareCoordCaseMgmt@kp.org)."
        " See [https://www.dhcs.ca.gov/a-b.pdf](https://www.dhcs.ca.gov/a-b.pdf) and"
    )


def test_existing_links_are_left_alone():
    text = "[write us](mailto:a@b.org) or <https://x.org/a@b.org> and `c@d.org`"
    assert link_contacts(text) == text


def test_acronyms_get_their_expansion_but_not_inside_links_or_headings():
    html = '<h2>ECM</h2><p>ECM and <a href="x">ECM</a></p>'
    assert enrich(html, ABBRS, []) == '<h2>ECM</h2><p><abbr title="ecm">ECM</abbr> and <a href="x">ECM</a></p>'


def test_compound_acronyms_are_matched_whole_and_plurals_are_kept():
    out = enrich("<p>DHS-HFH, FIDE-SNPs, HNTSS/HHSS, I/DD, MCPs</p>", ABBRS, [])
    assert out == (
        '<p><abbr title="dhs">DHS</abbr>-<abbr title="hfh">HFH</abbr>, <abbr title="fide-snp">FIDE-SNPs</abbr>, '
        '<abbr title="hntss">HNTSS</abbr>/<abbr title="hhss">HHSS</abbr>, <abbr title="i/dd">I/DD</abbr>, <abbr title="mcp">MCPs</abbr></p>'
    )


def test_acronyms_inside_addresses_are_not_touched():
    assert enrich("<p>ECM@lacare.org and MHC_ECM@x.com</p>", ABBRS, []) == "<p>ECM@lacare.org and MHC_ECM@x.com</p>"


def test_a_defined_term_links_once_per_page_outside_headings_and_citations():
    terms = [TermLink(("Enhanced Care Management",), "../glossary/#ecm")]
    html = "<h1>Enhanced Care Management</h1><p><cite>Enhanced Care Management</cite></p><p>Enhanced Care Management and Enhanced Care Management</p>"
    assert enrich(html, [], terms) == (
        "<h1>Enhanced Care Management</h1><p><cite>Enhanced Care Management</cite></p>"
        '<p><a class="glossary-link" href="../glossary/#ecm">Enhanced Care Management</a> and Enhanced Care Management</p>'
    )


def test_content_markdown_allows_prose_lists_and_safe_links():
    assert markdown_problem("Some *text*.\n\n- a [link](https://x.org)\n- mail a@b.org, call [1](tel:+18665519619)") is None


def test_content_markdown_refuses_html_and_unsafe_links():
    assert markdown_problem("<b>bold</b>") == "Markdown without raw HTML tags"
    assert markdown_problem("<!-- comment -->") == "Markdown without raw HTML tags"
    assert markdown_problem("[x](javascript:alert(1))") == "links only to https:, mailto: or tel: addresses"
    assert markdown_problem("[x](&#106;avascript:alert(1))") == "links only to https:, mailto: or tel: addresses"
    assert markdown_problem("[x](http://x.org)") == "links only to https:, mailto: or tel: addresses"
    assert markdown_problem("[x][1]\n\n[1]: data:text/html,hi") == "links only to https:, mailto: or tel: addresses"
    assert markdown_problem("![img](https://x.org/a.png)") == "Markdown without images"
    assert markdown_problem("para\n{: onclick=alert(1) }") == "Markdown without attribute lists ({: ...})"
    assert markdown_problem("see http://x.org") == "links only to https:, mailto: or tel: addresses"
