"""Reading a built page the way a reader sees it: visible text, and parts of a page by id."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    BLOCK = {"p", "li", "div", "section", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "ul", "ol", "table", "caption", "dd", "dt"}
    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    """The text of an HTML fragment, tags dropped, entities decoded, whitespace squashed."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


def main_content(page_html: str) -> str:
    """The article of a Material page (without navigation, header and footer)."""
    match = re.search(r'<article class="md-content__inner[^"]*">', page_html)
    assert match, "no article in page"
    return page_html[match.end() : page_html.rindex("</article>")]


def table_row_with(page_html: str, marker: str) -> str:
    """The table row <tr> ... </tr> that contains `marker`."""
    for row in re.findall(r"<tr\b.*?</tr>", page_html, re.DOTALL):
        if marker in row:
            return row
    raise AssertionError(f"no table row contains {marker!r}")


def element_by_attr(page_html: str, tag: str, attr: str, value: str) -> str:
    """The first <tag attr="value"> ... </tag> (tags of that name must not nest)."""
    pattern = rf'<{tag}\b[^>]*\b{attr}="{re.escape(html.escape(value, quote=True))}"[^>]*>(.*?)</{tag}>'
    match = re.search(pattern, page_html, re.DOTALL)
    assert match, f"no <{tag} {attr}={value!r}>"
    return match.group(1)
