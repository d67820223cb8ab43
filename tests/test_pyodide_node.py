"""The same generated profiles, evaluated by CPython and by Pyodide under Node, give identical answers."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from generator.bundle import site_tools_zip
from generator.export import render
from site_tools import browser
from site_tools.data import load_rules
from tests.conftest import ROOT
from tests.profiles import generated_profiles

COUNT = 1200
WITH_QUESTIONS = 400


@pytest.fixture(scope="module")
def rules_json(content) -> str:
    return render(content)


def cpython_answers(profiles: list[dict], rules_json: str) -> list[dict]:
    browser._data = load_rules(rules_json)
    try:
        return [json.loads(browser.handle(json.dumps({"profile": p, "questions": i < WITH_QUESTIONS}))) for i, p in enumerate(profiles)]
    finally:
        browser._data = None


def pyodide_answers(profiles: list[dict], rules_json: str, tmp_path, snapshot: bool = False) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/test.sh installs it)"
    bundle = tmp_path / "site_tools.zip"
    bundle.write_bytes(site_tools_zip(rules_json))
    source = tmp_path / "profiles.json"
    source.write_text(json.dumps(profiles), encoding="utf-8")
    extra = []
    if snapshot:
        made = subprocess.run([node, str(ROOT / "generator" / "snapshot.mjs"), str(ROOT / "node_modules" / "pyodide"), str(bundle), str(tmp_path / "snapshot.bin.gz")], capture_output=True, text=True, timeout=600)
        assert made.returncode == 0, made.stderr[-2000:]
        extra = [str(tmp_path / "snapshot.bin.gz")]
    result = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide_eval.mjs"), str(bundle), str(source), str(WITH_QUESTIONS), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("snapshot", [False, True], ids=["booted", "restored from the build's snapshot"])
def test_cpython_and_pyodide_give_identical_verdicts_for_1200_profiles(rules_json, tmp_path, snapshot):
    profiles = generated_profiles(COUNT)
    expected = cpython_answers(profiles, rules_json)
    got = pyodide_answers(profiles, rules_json, tmp_path, snapshot)
    assert got["python"].startswith("3.1"), got["python"]
    assert sys.version_info[:2] != tuple(int(x) for x in got["python"].split()[0].split(".")[:2]), "compare two different Pythons"
    assert len(got["answers"]) == COUNT
    statuses = {p["status"] for answer in expected for p in answer["verdict"]["programs"].values()}
    assert statuses == {"eligible", "not_eligible", "must_choose", "through_icms", "needs_info"}, "profiles reach every status"
    for index, (ours, theirs) in enumerate(zip(expected, got["answers"])):
        assert ours == theirs, f"profile {index} differs: {profiles[index]}"
