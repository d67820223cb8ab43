"""The validated content to the site's Markdown pages, through Jinja2 templates.

`render_pages(content, templates_dir)` returns {src_uri: markdown}; the plugin adds each as a
generated file, so nothing is written into the source tree. A site owner overrides any template by
putting a file of the same name in the plugin's `templates_dir`.
"""
from __future__ import annotations

import posixpath
import re
import textwrap
from pathlib import Path

import jinja2
from markupsafe import escape

from .markup import link_contacts, prefix_footnotes
from .model import Content

# src_uri -> template; role pages are added per role.
PAGES = {
    "index.md": "home.md.j2",
    "faq.md": "faq.md.j2",
    "programs.md": "programs.md.j2",
    "matrix.md": "matrix.md.j2",
    "glossary.md": "glossary.md.j2",
    "contacts.md": "contacts.md.j2",
    "resources.md": "resources.md.j2",
    "errata.md": "errata.md.j2",
}
ROLE_PAGE = "roles/{role}.md"


def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.PackageLoader("generator", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["md"] = content_markdown
    env.filters["e"] = lambda value: str(escape(value))
    env.filters["date"] = lambda value: f"{value:%B} {value.day}, {value.year}"
    return env


def content_markdown(text: str, footnote_prefix: str = "") -> str:
    """Content Markdown ready to drop into a page: dedented, addresses linked, footnotes page-unique."""
    text = link_contacts(textwrap.dedent(text).strip())
    return prefix_footnotes(text, footnote_prefix) if footnote_prefix else text


def render_pages(content: Content, templates_dir: Path | None = None, extra: dict | None = None) -> dict[str, str]:
    env = environment(templates_dir)
    pages: dict[str, str] = {}
    targets = dict(PAGES)
    for role in content.roles:
        targets[ROLE_PAGE.format(role=role.id)] = "role.md.j2"
    for src_uri, template in targets.items():
        context = {"content": content, "doc": content.document, "link": _linker(src_uri), **(extra or {})}
        if template == "role.md.j2":
            context["role"] = content.role(posixpath.splitext(posixpath.basename(src_uri))[0])
        pages[src_uri] = tidy(env.get_template(template).render(context))
    return pages


def tidy(markdown: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in markdown.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


def _linker(from_uri: str):
    """link('faq.md', 'exclusionary-criteria') -> a Markdown link target relative to the current page."""

    def link(target: str, anchor: str = "") -> str:
        relative = posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
        if relative == posixpath.basename(from_uri) and anchor:
            return f"#{anchor}"
        return relative + (f"#{anchor}" if anchor else "")

    return link
