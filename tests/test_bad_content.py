"""Each kind of bad content stops the build with every problem as `file:line: key.path: expected X, got Y`."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.errors import ContentError
from generator.model import load_content
from tests.conftest import ROOT, mkdocs_build

# Texts too big to write into the catalogue itself.
SPECIAL = {
    "{huge}": "notes: '" + "x" * 3_000_000 + "'\n",
    "{deep}": "errata: " + "[" * 40 + "]" * 40 + "\n",
}
CASES = yaml.safe_load((Path(__file__).parent / "bad_content.yaml").read_text(encoding="utf-8"))


def apply_edit(folder: Path, edit: dict) -> tuple[Path, int]:
    """Change one content file as the case says; returns the file and the line where the change starts."""
    path = folder / edit["file"]
    if edit.get("delete"):
        path.unlink()
        return path, 1
    if "write" in edit:
        path.write_text(SPECIAL.get(edit["write"], edit["write"]), encoding="utf-8")
        return path, 1
    if "write_bytes" in edit:
        path.write_bytes(edit["write_bytes"].encode("latin-1"))
        return path, 1
    old, new = edit["replace"]
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{edit['file']}: the text to replace must occur once: {old!r}"
    start = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text[:start].count("\n") + 1


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {path.name}"
    return text[: text.index(needle)].count("\n") + 1


def expected_messages(case: dict, main: tuple[Path, int], other: tuple[Path, int] | None) -> list[str]:
    path, line = main

    def fill(match: re.Match) -> str:
        kind, rest = match.group(1), match.group(2) or ""
        if kind == "other":
            return str(line_of(other[0], rest[1:]))
        if rest.startswith(":"):
            return str(line_of(path, rest[1:]))
        return str(line + int(rest or 0))

    return sorted(re.sub(r"\{(line|other)((?:[+-]\d+)|(?::[^}]*))?\}", fill, message) for message in case["expect"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_content_gives_its_exact_messages(tmp_path, case):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    main = apply_edit(tmp_path / "content", case)
    other = apply_edit(tmp_path / "content", case["also"]) if "also" in case else None
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content", display_root=tmp_path)
    assert sorted(map(str, caught.value.problems)) == expected_messages(case, main, other)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_bad_content_stops_mkdocs_build_without_a_traceback_and_keeps_the_last_good_site(project_copy):
    site_dir = project_copy / "site"
    first = mkdocs_build(project_copy / "mkdocs.yml", site_dir)
    assert first.returncode == 0, first.stderr
    before = tree_digest(site_dir)

    case = CASES[0]
    apply_edit(project_copy / "content", case)
    apply_edit(project_copy / "content", {"file": "contacts.yaml", "replace": ["    ecm_email: CalAIM@anthem.com\n", "    ecm_email: CalAIM@anthem\n"]})
    second = mkdocs_build(project_copy / "mkdocs.yml", site_dir)

    output = second.stdout + second.stderr
    assert second.returncode != 0
    assert "Traceback" not in output
    assert "content/faqs.yaml:" in output and "faqs[3].answers[1].txt: expected one of the keys roles, text, not_applicable, got the unknown key 'txt'" in output
    assert "plans[0].ecm_email: expected an e-mail address like name@example.org, got 'CalAIM@anthem'" in output
    assert tree_digest(site_dir) == before


def test_a_clean_content_folder_has_no_problems(content):
    assert len(content.faqs) == 9


def test_a_build_that_fails_half_way_leaves_the_last_good_site(project_copy):
    """A template that breaks while pages are being written (after the content was read) changes nothing."""
    site_dir = project_copy / "site"
    assert mkdocs_build(project_copy / "mkdocs.yml", site_dir).returncode == 0
    before = tree_digest(site_dir)
    overrides = project_copy / "overrides"
    overrides.mkdir()
    (overrides / "contacts.md.j2").write_text("# Contacts\n\n{{ content.no_such_thing.at_all }}\n", encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      content_dir: content\n", "      content_dir: content\n      templates_dir: overrides\n"), encoding="utf-8")
    result = mkdocs_build(config, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "contacts.md.j2:3: (template): expected a template that renders, got UndefinedError" in output
    assert tree_digest(site_dir) == before
    assert not [p for p in project_copy.iterdir() if p.name.startswith(".site.")], "no staging folder left behind"
