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

CASES = yaml.safe_load((Path(__file__).parent / "bad_content.yaml").read_text(encoding="utf-8"))


def apply_edit(folder: Path, edit: dict) -> tuple[Path, int]:
    """Change one content file as the case says; returns the file and the line where the change starts."""
    path = folder / edit["file"]
    if edit.get("delete"):
        path.unlink()
        return path, 1
    if "write" in edit:
        path.write_text(edit["write"], encoding="utf-8")
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
