"""Markers that refine a field's type in the content model: `Annotated[str, Email()]` and so on.

Each marker checks a value (returning what was expected, or None when the value passes) and says how
it reads in JSON Schema, so the validator and the published schemas come from one definition.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$"
PHONE_PATTERN = r"^(?:1-)?[2-9][0-9]{2}-[0-9]{3}-[0-9]{4}$"
LINK_SCHEMES = ("https", "mailto", "tel")


class Check:
    """A refinement of a string field."""

    description = "text"
    schema: dict = {}

    def problem(self, value: str) -> str | None:
        return None


@dataclass(frozen=True)
class Line(Check):
    """One line of plain text (a title, a name)."""

    description = "one line of text"

    @property
    def schema(self) -> dict:
        return {"minLength": 1, "pattern": r"^[^\n\r<>]+$"}

    def problem(self, value: str) -> str | None:
        if not value.strip():
            return "a non-empty line of text"
        if "\n" in value.strip() or "\r" in value:
            return "one line of text (no line breaks)"
        if "<" in value or ">" in value:
            return "plain text without '<' or '>' (no HTML)"
        return markdown_problem(value)  # titles are set in Markdown too: no images, unsafe links or {: ...}


@dataclass(frozen=True)
class Markdown(Check):
    """Markdown prose: no raw HTML, no attribute lists, links only to https, mailto and tel."""

    description = "Markdown text"

    @property
    def schema(self) -> dict:
        return {"minLength": 1, "contentMediaType": "text/markdown"}

    def problem(self, value: str) -> str | None:
        if not value.strip():
            return "non-empty Markdown text"
        return markdown_problem(value)


@dataclass(frozen=True)
class Identifier(Check):
    """A stable id: lower-case letters and digits joined by '-' or '_'."""

    namespace: str = ""
    description = "an id of lower-case letters, digits, '-' and '_'"

    @property
    def schema(self) -> dict:
        return {"pattern": ID_PATTERN}

    def problem(self, value: str) -> str | None:
        return None if re.match(ID_PATTERN, value) else self.description


@dataclass(frozen=True)
class Key(Identifier):
    """The id that names an item of `namespace`; unique across the content."""


@dataclass(frozen=True)
class Ref(Identifier):
    """A reference to an item of `namespace` defined elsewhere in the content."""


@dataclass(frozen=True)
class Email(Check):
    description = "an e-mail address"

    @property
    def schema(self) -> dict:
        return {"pattern": EMAIL_PATTERN}

    def problem(self, value: str) -> str | None:
        return None if re.match(EMAIL_PATTERN, value) else "an e-mail address like name@example.org"


@dataclass(frozen=True)
class Phone(Check):
    description = "a phone number"

    @property
    def schema(self) -> dict:
        return {"pattern": PHONE_PATTERN}

    def problem(self, value: str) -> str | None:
        return None if re.match(PHONE_PATTERN, value) else "a phone number like 1-866-551-9619"


@dataclass(frozen=True)
class Url(Check):
    description = "an https:// address"

    @property
    def schema(self) -> dict:
        return {"pattern": r"^https://[^\s/]+\.[^\s/]+(/\S*)?$"}

    def problem(self, value: str) -> str | None:
        return url_problem(value, ("https",))


def url_problem(value: str, schemes: tuple[str, ...]) -> str | None:
    """None if `value` is a well-formed address in one of `schemes`; else what was expected."""
    expected = "an address starting with " + " or ".join(f"{s}:" for s in schemes)
    if any(ch.isspace() for ch in value) or any(ord(ch) > 126 for ch in value):
        return f"{expected}, without spaces or non-ASCII characters"
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes:
        return expected
    if parts.scheme == "https" and ("." not in parts.netloc or parts.netloc.startswith(".")):
        return f"{expected} with a host name like www.example.org"
    if parts.scheme in ("mailto", "tel") and not parts.path:
        return f"{expected} followed by an address or number"
    return None


_RAW_HTML = re.compile(r"<\s*(?:[/?]?\s*[A-Za-z]|!)")
_AUTOLINK = re.compile(r"<(?:https://[^\s<>]+|mailto:[^\s<>]+|tel:[^\s<>]+|[^\s<>@]+@[^\s<>@]+)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{[^}\n]*=")
_BARE_URL = re.compile(r"(?<![\w/])([a-z][a-z0-9+.-]*):(?://)?[^\s)>\]]+", re.IGNORECASE)
_SAFE_BARE = ("https", "mailto", "tel")


def markdown_problem(text: str) -> str | None:
    """What is wrong with `text` as content Markdown, or None.

    Content is written by editors, read by people on shared public-sector machines: it may hold
    only prose, lists, emphasis and links to https, mailto and tel addresses.
    """
    without_autolinks = _AUTOLINK.sub("", text)
    if _RAW_HTML.search(without_autolinks):
        return "Markdown without raw HTML tags"
    if "![" in text:
        return "Markdown without images"
    if _ATTR_LIST.search(text):
        return "Markdown without attribute lists ({: ...})"
    unescaped = html.unescape(text)
    targets = _INLINE_LINK.findall(unescaped) + _REFERENCE_DEF.findall(unescaped)
    targets += [m.group(0).strip("<>") for m in _AUTOLINK.finditer(unescaped) if "@" not in m.group(0) or ":" in m.group(0)]
    for target in targets:
        if url_problem(target, LINK_SCHEMES):
            return "links only to https:, mailto: or tel: addresses"
    for match in _BARE_URL.finditer(unescaped):
        scheme = match.group(1).lower()
        if scheme in ("javascript", "data", "vbscript", "http", "file", "ftp"):
            return "links only to https:, mailto: or tel: addresses"
    return None
