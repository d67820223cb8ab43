"""The validated content to the site's Markdown pages, through Jinja2 templates.

`render_pages(content, templates_dir)` returns {src_uri: markdown}; the plugin adds each as a
generated file, so nothing is written into the source tree. A site owner overrides any template by
putting a file of the same name in the plugin's `templates_dir`.
"""
from __future__ import annotations

import datetime
import functools
import os
import posixpath
import tempfile
import re
import textwrap
from pathlib import Path

import jinja2
from markupsafe import escape

from .errors import ContentError, Problem
from .handouts import build_date, handout_pages, used_glossary
from .markup import link_contacts, prefix_footnotes
from .model import Content

# src_uri -> template; role pages are added per role.
PAGES = {
    "index.md": "home.md.j2",
    "faq.md": "faq.md.j2",
    "checker.md": "checker.md.j2",
    "rules.md": "rules.md.j2",
    "programs.md": "programs.md.j2",
    "matrix.md": "matrix.md.j2",
    "glossary.md": "glossary.md.j2",
    "contacts.md": "contacts.md.j2",
    "resources.md": "resources.md.j2",
    "errata.md": "errata.md.j2",
}
ROLE_PAGE = "roles/{role}.md"


@functools.lru_cache(maxsize=8)
def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment (one per templates folder; templates are reloaded when they change).
    Compiled templates are kept in a bytecode cache, checked against each template's source."""
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
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["md"] = content_markdown
    env.filters["e"] = lambda value: str(escape(value))
    env.filters["date"] = lambda value: f"{value:%B} {value.day}, {value.year}"
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    folder = Path(tempfile.gettempdir()) / f"calaim-jinja-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def content_markdown(text: str, footnote_prefix: str = "") -> str:
    """Content Markdown ready to drop into a page: dedented, addresses linked, footnotes page-unique."""
    text = link_contacts(textwrap.dedent(text).strip())
    return prefix_footnotes(text, footnote_prefix) if footnote_prefix else text


def render_pages(
    content: Content,
    checker=None,
    templates_dir: Path | None = None,
    use_directory_urls: bool = True,
    site_url: str = "",
    built: datetime.date | None = None,
    pdfs: bool = False,
) -> dict[str, str]:
    """{src_uri: Markdown} for every page; `checker` is a CheckerContext (made from the content if not given)."""
    if checker is None:
        from .checker import default_context

        checker = default_context(content)
    env = environment(templates_dir)
    base = {
        "content": content, "doc": content.document, "checker": checker, "pdfs": pdfs,
        "site_url": site_url, "built": built or build_date(),
    }
    pages: dict[str, str] = {}
    role_bodies: dict[str, str] = {}
    for src_uri, template, extra in page_specs(content):
        context = {**base, **extra, "link": _linker(src_uri), "url": _url_maker(src_uri, use_directory_urls)}
        if template == "handout.md.j2":
            pages[src_uri] = tidy(_render_handout(env, context, role_bodies))
        else:
            pages[src_uri] = tidy(_render(env, template, context))
    return pages


def _render_handout(env: jinja2.Environment, context: dict, role_bodies: dict[str, str]) -> str:
    """A handout: its role's part (the same for every plan variant, so rendered once per role), the
    plan's parts, then a glossary of the terms and acronyms the rest of it uses."""
    role = context["role"].id
    if role not in role_bodies:
        role_bodies[role] = _render(env, "_handout_role.md.j2", context)
    text = _render(env, "handout.md.j2", {**context, "role_body": role_bodies[role]})
    terms, acronyms = used_glossary(context["content"], text)
    return text + "\n" + _render(env, "_handout_glossary.md.j2", {**context, "glossary_terms": terms, "glossary_acronyms": acronyms})


def render_print_css(content: Content, templates_dir: Path | None = None) -> str:
    """The print stylesheet, with the source's version date in every printed page's footer."""
    footer = f"{content.document.title} - {content.document.version_label}"
    return _render(environment(templates_dir), "print.css.j2", {"footer": footer.replace('"', "'")})


def page_specs(content: Content) -> list[tuple[str, str, dict]]:
    """(src_uri, template, extra context) for every generated page."""
    specs = [(src_uri, template, {}) for src_uri, template in PAGES.items()]
    specs += [(ROLE_PAGE.format(role=role.id), "role.md.j2", {"role": role}) for role in content.roles]
    return specs + handout_pages(content)


def _render(env: jinja2.Environment, template: str, context: dict) -> str:
    """Render one template; a broken (perhaps overridden) template is reported, not a traceback."""
    try:
        return env.get_template(template).render(context)
    except Exception as error:  # a template can fail in any way; say where, without a traceback
        name, line = _template_frame(error, template)
        raise ContentError([Problem(name, line, "(template)", "a template that renders", f"{type(error).__name__}: {error}")]) from None


def _template_frame(error: Exception, template: str) -> tuple[str, int]:
    """The template file and line where rendering failed (Jinja2 puts template lines in the traceback)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return str(error.filename or error.name or template), error.lineno or 1
    found = (template, 1)
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(".j2"):
            found = (trace.tb_frame.f_code.co_filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def tidy(markdown: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in markdown.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


def _url_maker(from_uri: str, use_directory_urls: bool):
    """url('assets/x.js') -> the address of a site file relative to the published page, for raw HTML
    (MkDocs rewrites links in Markdown, not in HTML attributes)."""
    from .export import page_url

    here = page_url(from_uri, use_directory_urls=use_directory_urls)
    folder = (here if here.endswith("/") else posixpath.dirname(here)) or "."

    def url(target: str) -> str:
        target = page_url(target, use_directory_urls=use_directory_urls) if target.endswith(".md") else target
        relative = posixpath.relpath(target or ".", folder)
        return relative.rstrip("/") + "/" if target.endswith("/") or not target else relative

    return url


def _linker(from_uri: str):
    """link('faq.md', 'exclusionary-criteria') -> a Markdown link target relative to the current page."""

    def link(target: str, anchor: str = "") -> str:
        relative = posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
        if relative == posixpath.basename(from_uri) and anchor:
            return f"#{anchor}"
        return relative + (f"#{anchor}" if anchor else "")

    return link
