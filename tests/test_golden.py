"""The rendered Markdown of every generated page, compared with the files in tests/golden/.

After an intended change to content or templates, run `UPDATE_GOLDEN=1 pytest tests/test_golden.py`
and review the diff of tests/golden/ like any other change.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pages import render_pages

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def rendered(content) -> dict[str, str]:
    return render_pages(content)


def golden_path(src_uri: str) -> Path:
    return GOLDEN / src_uri.replace("/", "__")


def test_golden_files_match_the_rendered_pages(rendered):
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for old in GOLDEN.glob("*.md"):
            old.unlink()
        for src_uri, markdown in rendered.items():
            golden_path(src_uri).write_text(markdown, encoding="utf-8")
    expected = {path.name for path in GOLDEN.glob("*.md")}
    assert expected == {golden_path(uri).name for uri in rendered}, "pages added or removed: update the golden files"
    for src_uri, markdown in rendered.items():
        assert markdown == golden_path(src_uri).read_text(encoding="utf-8"), f"{src_uri} differs from its golden file"


def test_a_template_in_the_override_folder_replaces_the_built_in_one(content, tmp_path):
    (tmp_path / "contacts.md.j2").write_text("# Ask {{ content.contacts.plans | length }} plans\n", encoding="utf-8")
    pages = render_pages(content, templates_dir=tmp_path)
    assert pages["contacts.md"] == "# Ask 6 plans\n"
    assert pages["faq.md"].startswith("---\ntitle:")
