"""MkDocs wiring: build events to the modules that do the work. Nothing else lives here."""
from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from site_tools.profile import profile_schema

from . import assets, markup
from .bundle import BUNDLE_URI, SCHEMA_URI, SNAPSHOT_URI, CheckerBundle, site_tools_zip
from .cases import load_cases
from .checker import CheckerContext, examples
from .config import CalaimConfig
from .export import page_url, rules_data
from .handouts import build_date, handouts
from .model import Content, load_content
from .offline import write_service_worker
from .pages import environment, render_pages, render_print_css
from .pdf import write_pdfs
from .security import headers_file
from .staging import Staging

log = logging.getLogger("mkdocs.plugins.calaim")


class CalaimPlugin(BasePlugin[CalaimConfig]):
    dirty = False
    staging: Staging | None = None
    bundle: CheckerBundle | None = None

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
        rules_json = json.dumps(rules_data(self.content, config.use_directory_urls), ensure_ascii=False)
        self.node = shutil.which(self.config.node) if self.config.snapshot else None
        if self.config.snapshot and not self.node:
            log.info("No Node.js found: the checker will start Python without a memory snapshot.")
        self.bundle = CheckerBundle(folder(self.config.pyodide_dir), site_tools_zip(rules_json), snapshot=bool(self.node))
        rules = CheckerContext.rules_from_json(rules_json)
        self.print_css = render_print_css(self.content, self.templates_dir).encode("utf-8")
        self.asset_bytes = {**{name.removeprefix(assets.PREFIX): data for name, data in assets.files().items()}, "print.css": self.print_css}
        urls = {**self.bundle.urls, "worker": assets.versioned(assets.WORKER, self.asset_bytes[assets.WORKER])}
        self.checker = CheckerContext(rules, examples(cases, rules), self.bundle.pyodide_version, urls)
        config.watch.extend(str(path) for path in (self.content_dir, self.templates_dir) if path)
        # Theme partials that keep Material's pages free of inline scripts and of stored state.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(assets.THEME_DIR))
        config.extra_css = [*(assets.versioned(n, self.asset_bytes[n]) for n in assets.STYLESHEETS), *config.extra_css]
        config.extra_javascript = [*(assets.versioned(n, self.asset_bytes[n]) for n in assets.SCRIPTS), *config.extra_javascript]
        if not self.dirty:
            # Build into a fresh folder beside the site and put it in place only when the whole build has
            # succeeded: a build that fails half way leaves the last good site as it was.
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.folder)
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.node:
            self.bundle.start_snapshot(self.node)  # under Node, while MkDocs renders the pages
        pages = render_pages(
            self.content, self.checker, self.templates_dir, config.use_directory_urls,
            site_url=config.site_url or "", built=build_date(), pdfs=self.config.pdf,
        )
        for src_uri, markdown in pages.items():
            files.append(File.generated(config, src_uri, content=markdown))
        for name, data in self.asset_bytes.items():
            files.append(File.generated(config, assets.PREFIX + name, content=data))
        files.append(File.generated(config, BUNDLE_URI, content=self.bundle.zip_bytes))
        files.append(File.generated(config, SCHEMA_URI, content=json.dumps(profile_schema(), indent=2)))
        files.append(File.generated(config, "_headers", content=headers_file()))
        for src_uri, path in self.bundle.runtime_files().items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        return files

    def on_post_build(self, config) -> None:
        site_dir = Path(config.site_dir)
        if snapshot := self.bundle.finish_snapshot(site_dir):
            log.info(f"Pyodide memory snapshot: {snapshot['gzipped'] / 1e6:.1f} MB gzipped, made in {snapshot['ms'] / 1000:.1f} s")
        if self.config.pdf:
            jobs = [(page_url(h.src_uri, use_directory_urls=config.use_directory_urls), h.pdf_uri) for h in handouts(self.content)]
            written = write_pdfs(site_dir, jobs, self.config.chromium)
            log.info(f"Printed {len(written)} handout PDFs")
        if self.config.offline:
            write_service_worker(site_dir, environment(self.templates_dir), {SNAPSHOT_URI: self.bundle.version})
        if self.staging:
            config.site_dir = str(self.staging.publish())
            self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.bundle:
            self.bundle.cancel()
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
