"""Handout PDFs, printed by Chromium's own print engine through Playwright, after the site is built.

Only when asked (the plugin's `pdf` option): the site builds without a browser. The built site is
served on 127.0.0.1 for the time it takes, each handout is opened in print media and saved as a PDF.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .localserver import served


def write_pdfs(site_dir: Path, jobs: list[tuple[str, str]], chromium: str) -> list[Path]:
    """Print each (page URL path, PDF path) of the built site; returns the PDFs written."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PluginError("pdf: expected Playwright to print the handouts (pip install playwright), got no such module") from None
    if not Path(chromium).exists():
        raise PluginError(f"pdf.chromium: expected a Chromium to print with (apt-get install chromium-headless-shell), got no file {chromium}")
    written = []
    with served(site_dir) as base, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium)
        except PlaywrightError as error:
            raise PluginError(f"pdf.chromium: expected a Chromium that starts, got {str(error).splitlines()[0]}") from None
        try:
            page = browser.new_page()
            page.emulate_media(media="print")
            for url_path, pdf_path in jobs:
                page.goto(base + url_path, wait_until="load")
                page.evaluate("document.querySelectorAll('details').forEach((d) => d.setAttribute('open', ''))")
                target = site_dir / pdf_path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page.pdf(format="Letter", prefer_css_page_size=True, print_background=True))
                written.append(target)
        finally:
            browser.close()
    return written
