"""MkDocs wiring: build events to the modules that do the work. Nothing else lives here."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from site_tools.profile import profile_schema

from . import assets, bundle, markup
from .cases import load_cases
from .checker import CheckerContext, examples
from .config import CalaimConfig
from .export import page_url, rules_data
from .handouts import build_date, handouts
from .model import Content, load_content
from .pages import render_pages, render_print_css
from .pdf import write_pdfs
from .security import headers_file
from .staging import Staging

log = logging.getLogger("mkdocs.plugins.calaim")


class CalaimPlugin(BasePlugin[CalaimConfig]):
    dirty = False
    staging: Staging | None = None

    def on_startup(self, *, command, dirty: bool) -> None:
        self.dirty = dirty

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        folder = lambda option: (root / option).resolve()  # noqa: E731
        self.content_dir = folder(self.config.content_dir)
        self.templates_dir = folder(self.config.templates_dir) if self.config.templates_dir else None
        # Everything is read and checked before MkDocs cleans the site folder: bad content, or a missing
        # runtime, leaves the last good site as it was.
        self.content: Content = load_content(self.content_dir, display_root=root)
        cases = load_cases(folder(self.config.cases_dir), display_root=root)
        pyodide_dir = folder(self.config.pyodide_dir)
        self.pyodide = bundle.pyodide_files(pyodide_dir)
        self.rules_json = json.dumps(rules_data(self.content, config.use_directory_urls), ensure_ascii=False)
        rules = CheckerContext.rules_from_json(self.rules_json)
        self.checker = CheckerContext(rules, examples(cases, rules), bundle.pyodide_version(pyodide_dir))
        config.watch.extend(str(path) for path in (self.content_dir, self.templates_dir) if path)
        if not self.dirty:
            # Build into a fresh folder beside the site and put it in place only when the whole build has
            # succeeded: a build that fails half way leaves the last good site as it was.
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.folder)
        # Theme partials that keep Material's pages free of inline scripts and of stored state.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(assets.THEME_DIR))
        config.extra_css = [*assets.STYLESHEETS, *config.extra_css]
        config.extra_javascript = [*assets.SCRIPTS, *config.extra_javascript]
        return config

    def on_files(self, files: Files, config) -> Files:
        pages = render_pages(
            self.content, self.checker, self.templates_dir, config.use_directory_urls,
            site_url=config.site_url or "", built=build_date(), pdfs=self.config.pdf,
        )
        for src_uri, markdown in pages.items():
            files.append(File.generated(config, src_uri, content=markdown))
        for src_uri, data in assets.files().items():
            files.append(File.generated(config, src_uri, content=data))
        files.append(File.generated(config, assets.PREFIX + "print.css", content=render_print_css(self.content, self.templates_dir)))
        files.append(File.generated(config, bundle.BUNDLE_URI, content=bundle.site_tools_zip(self.rules_json)))
        files.append(File.generated(config, "_headers", content=headers_file()))
        files.append(File.generated(config, bundle.SCHEMA_URI, content=json.dumps(profile_schema(), indent=2)))
        for src_uri, path in self.pyodide.items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        return files

    def on_post_build(self, config) -> None:
        if self.config.pdf:
            jobs = [(page_url(h.src_uri, use_directory_urls=config.use_directory_urls), h.pdf_uri) for h in handouts(self.content)]
            written = write_pdfs(Path(config.site_dir), jobs, self.config.chromium)
            log.info(f"Printed {len(written)} handout PDFs")
        if self.staging:
            config.site_dir = str(self.staging.publish())
            self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging:
            self.staging.discard()
            self.staging = None

    def on_page_content(self, html: str, page, config, files) -> str:
        if not self.config.enrich:
            return html
        glossary = files.get_file_from_path("glossary.md")
        terms = [] if glossary is None or page.file is glossary else self._term_links(glossary, page)
        return markup.enrich(html, self._abbreviations(), terms)

    def _abbreviations(self) -> list[markup.Abbreviation]:
        return [markup.Abbreviation(a.abbr, a.expansion) for a in self.content.acronyms]

    def _term_links(self, glossary: File, page) -> list[markup.TermLink]:
        href = get_relative_url(glossary.url, page.url)
        return [markup.TermLink(term.names, f"{href}#{term.id}") for term in self.content.terms]
