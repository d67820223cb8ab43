"""MkDocs wiring: build events to the modules that do the work. Nothing else lives here."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import assets, markup
from .config import CalaimConfig
from .model import Content, load_content
from .pages import render_pages


class CalaimPlugin(BasePlugin[CalaimConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (root / self.config.content_dir).resolve()
        self.templates_dir = (root / self.config.templates_dir).resolve() if self.config.templates_dir else None
        # Validate before MkDocs cleans the site folder: bad content leaves the last good site as it was.
        self.content: Content = load_content(self.content_dir, display_root=root)
        config.watch.append(str(self.content_dir))
        if self.templates_dir:
            config.watch.append(str(self.templates_dir))
        config.extra_css = [*assets.STYLESHEETS, *config.extra_css]
        return config

    def on_files(self, files: Files, config) -> Files:
        for src_uri, markdown in render_pages(self.content, self.templates_dir).items():
            files.append(File.generated(config, src_uri, content=markdown))
        for src_uri, data in assets.files().items():
            files.append(File.generated(config, src_uri, content=data))
        return files

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
