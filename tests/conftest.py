"""Shared fixtures: the real content, one real `mkdocs build` per session, a local server, a browser."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Content, load_content

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "faq-2022-04-01.extracted.txt"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")


def mkdocs_build(config: Path, site_dir: Path, cwd: Path | None = None, pdf: bool = False) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` command; returns the finished process (never raises)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CALAIM_PDF": "true" if pdf else "false"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd or config.parent, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(ROOT / "content", display_root=ROOT)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once from the real content with the real command (handout PDFs included)."""
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, pdf=True)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def server(site):
    from tests.server import serve

    with serve(site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of mkdocs.yml and content/ to break on purpose."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path
