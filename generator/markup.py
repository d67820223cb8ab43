"""Small text transforms: content Markdown before rendering, page HTML after.

Before: phone numbers become tel: links and footnote markers get page-unique names.
After: acronyms get their expansion as an <abbr> tooltip on every page, and the first mention of each
defined term on a page links to its glossary entry.
"""
from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

PHONE = re.compile(r"(?<![\w-])(1-)?([2-9]\d{2})-(\d{3})-(\d{4})(?![\w-])")
# Inside these elements text is left as it is: links, existing tooltips, code and headings.
SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "svg", "title", "textarea", "option"}
# Inside these, acronyms get tooltips but terms are not linked (a cited title is quoted, not explained).
NO_TERM_LINKS = {"cite"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.DOTALL)


def tel_href(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "tel:+" + (digits if digits.startswith("1") else "1" + digits)


EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(r"https://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
EXISTING_LINK = re.compile(r"(\[[^\]]*\]\([^)]*\)|<[^>\s]+>|`[^`]*`)")


def link_contacts(markdown: str) -> str:
    """Bare web addresses, e-mail addresses and phone numbers become Markdown links.

    Done here rather than by an autolink extension so that addresses stay readable in the HTML
    (Python-Markdown obfuscates automatic e-mail links into character entities).
    """
    pieces = EXISTING_LINK.split(markdown)
    for index in range(0, len(pieces), 2):
        piece = URL.sub(lambda m: f"[{m.group(0)}]({m.group(0)})", pieces[index])
        piece = _outside_links(piece, EMAIL, lambda m: f"[{m.group(0)}](mailto:{m.group(0)})")
        pieces[index] = _outside_links(piece, PHONE, lambda m: f"[{m.group(0)}]({tel_href(m.group(0))})")
    return "".join(pieces)


def _outside_links(text: str, pattern: re.Pattern, replace) -> str:
    parts = EXISTING_LINK.split(text)
    return "".join(pattern.sub(replace, part) if i % 2 == 0 else part for i, part in enumerate(parts))


def prefix_footnotes(markdown: str, prefix: str) -> str:
    """'[^1]' -> '[^prefix-1]', so footnotes from several items can share a page."""
    return re.sub(r"\[\^(\w+)\]", lambda m: f"[^{prefix}-{m.group(1)}]", markdown)


@dataclass(frozen=True)
class Abbreviation:
    text: str
    title: str


@dataclass(frozen=True)
class TermLink:
    names: tuple[str, ...]
    href: str


BARE_LINK = re.compile(r'<a href="(https?://[^"]+)">\1</a>')
OUTSIDE_LINK = re.compile(r'<a href="(https?://[^"]+)">')


def enrich(page_html: str, abbreviations: Iterable[Abbreviation], terms: Iterable[TermLink]) -> str:
    """Add <abbr> tooltips to every acronym and link the first mention of each term, in text only.
    Links to other sites are marked (class "ext") so that print can show their address, unless they
    show it already (class "url"). One pass over the page, whatever the number of terms."""
    page_html = BARE_LINK.sub(lambda m: f'<a class="url" href="{m.group(1)}">{m.group(1)}</a>', page_html)
    page_html = OUTSIDE_LINK.sub(lambda m: f'<a class="ext" href="{m.group(1)}">', page_html)
    abbreviations = tuple(abbreviations)
    titles = {a.text: a.title for a in abbreviations}
    abbr_pattern = _word_pattern(tuple(a.text for a in abbreviations), plural=True) if abbreviations else None
    by_name = {name: term for term in terms for name in term.names}
    term_pattern = _names_pattern(tuple(by_name)) if by_name else None
    linked: set[str] = set()
    open_tags = _OpenTags()
    out: list[str] = []
    for piece in TAG.split(page_html):
        if not piece:
            continue
        if piece[0] == "<":
            open_tags.track(piece)
        elif not (open_tags.skipped or piece.isspace()):
            if term_pattern and not open_tags.no_links:
                piece = _link_terms(piece, term_pattern, by_name, linked)
            if abbr_pattern:
                piece = _wrap_abbreviations(piece, abbr_pattern, titles)
        out.append(piece)
    return "".join(out)


TAG_NAME = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w-]*)")


class _OpenTags:
    """The elements open at a point of the page, and how many of them exclude their text."""

    def __init__(self):
        self.stack: list[str] = []
        self.skipped = 0
        self.no_links = 0

    def track(self, tag: str) -> None:
        match = None if tag.startswith("<!--") else TAG_NAME.match(tag)
        if not match:
            return
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if name in self.stack:  # close it, and anything left open inside it
                popped = None
                while popped != name:
                    popped = self.stack.pop()
                    self._count(popped, -1)
        elif name not in VOID and not tag.rstrip().endswith("/>"):
            self.stack.append(name)
            self._count(name, 1)

    def _count(self, name: str, step: int) -> None:
        if name in SKIP:
            self.skipped += step
        if name in NO_TERM_LINKS:
            self.no_links += step


# Where a defined term's name may start and end: not inside a longer word or a hyphenated one.
NAME_BEFORE, NAME_AFTER = r"(?<![\w-])", r"(?![\w-])"


@functools.lru_cache(maxsize=32)
def alternation(words: tuple[str, ...], before: str, after: str) -> re.Pattern:
    """One pattern for any of `words` (captured as group 1) between the given boundaries. Longest
    alternatives first, so "FIDE-SNP" wins over a shorter match and "DHS-HFH" gives two."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"{before}({alternatives}){after}")


def _word_pattern(words: tuple[str, ...], plural: bool = False) -> re.Pattern:
    return alternation(words, r"(?<![\w@.&])", ("(?:s)?" if plural else "") + r"(?![\w@]|\.\w)")


def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    return alternation(names, NAME_BEFORE, NAME_AFTER)


def _wrap_abbreviations(text: str, pattern: re.Pattern, titles: dict[str, str]) -> str:
    # Text between tags is HTML-escaped already; entities such as &amp; are left alone by the
    # look-behind on '&' and by never matching inside them.
    return pattern.sub(lambda m: f'<abbr title="{html.escape(titles[m.group(1)], quote=True)}">{m.group(0)}</abbr>', text)


def _link_terms(text: str, pattern: re.Pattern, by_name: dict[str, TermLink], linked: set[str]) -> str:
    """Link the first mention of each term on the page (`linked` holds the terms linked so far)."""

    def link(match: re.Match) -> str:
        term = by_name[match.group(1)]
        if term.href in linked:
            return match.group(0)
        linked.add(term.href)
        return f'<a class="glossary-link" href="{html.escape(term.href, quote=True)}">{match.group(0)}</a>'

    return pattern.sub(link, text)
