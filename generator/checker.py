"""What the rules page and the checker page need at build time, from the same site_tools the browser runs:
the rules data, the questions of the profile contract, and the verdict of every worked example."""
from __future__ import annotations

import json
from dataclasses import dataclass

from site_tools import profile as contract
from site_tools.data import RulesData
from site_tools.rules import evaluate
from site_tools.verdict import PROGRAMS

from .cases import Case

STATUS_LABELS = {
    "eligible": "Can be enrolled",
    "not_eligible": "Not eligible",
    "must_choose": "Must choose",
    "through_icms": "Through ICMS",
    "needs_info": "Needs an answer",
}


@dataclass(frozen=True)
class Example:
    name: str
    answers: list[tuple[str, str]]  # (question, answer in words)
    verdict: dict


@dataclass(frozen=True)
class CheckerContext:
    rules: RulesData
    examples: list[Example]
    pyodide_version: str
    urls: dict = None  # site-relative addresses of the worker, runtime, bundle and snapshot
    contract = contract
    programs = PROGRAMS
    status_labels = STATUS_LABELS

    @staticmethod
    def rules_from_json(text: str) -> RulesData:
        return RulesData(json.loads(text))

    def program_title(self, program: str) -> str:
        entry = next(p for p in self.rules.raw["rules"]["programs"] if p["id"] == program)
        return f"{entry['name']} ({entry['short']})"

    def program_name(self, program: str) -> str:
        return self.rules.program_name(program)

    def source_of(self, ref: dict):
        """A rule's source with `page` (the src_uri it is on) and `anchor`, for links between pages."""
        source = self.rules.source(ref)
        page, _, anchor = source.url.partition("#")
        return {"label": source.label, "quote": source.quote, "page": f"{page.rstrip('/') or 'index'}.md", "anchor": anchor}


def default_context(content, cases=None, use_directory_urls: bool = True) -> CheckerContext:
    """The checker context from the content alone (cases from content/cases, runtime version from npm)."""
    from .cases import load_cases
    from .export import ROOT, rules_data

    rules = RulesData(json.loads(json.dumps(rules_data(content, use_directory_urls))))
    if cases is None:
        cases = load_cases(ROOT / "content" / "cases", display_root=ROOT)
    package = ROOT / "node_modules" / "pyodide" / "package.json"
    version = json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "unknown"
    urls = {"worker": "assets/calaim/checker-worker.mjs", "pyodide": f"assets/pyodide/{version}/", "bundle": "assets/checker/site_tools.zip"}
    return CheckerContext(rules, examples(cases, rules), version, urls)


def answer_words(key: str, value) -> str:
    if value is None:
        return "Don't know"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "tenancy_services_received":
        return contract.TENANCY_COUNTS.get(min(value, 2), str(value))
    if isinstance(value, (list, tuple, frozenset)):
        return "; ".join(contract.CHOICES[key][v] for v in value) or "None of these"
    if key in contract.CHOICES:
        return contract.CHOICES[key][value]
    return str(value)


def examples(cases: tuple[Case, ...], rules: RulesData) -> list[Example]:
    out = []
    for case in cases:
        shown = case.profile.to_json()
        answers = [(contract.QUESTIONS[key], answer_words(key, shown[key])) for key in contract.KEYS if key in shown]
        out.append(Example(case.name, answers, evaluate(case.profile, rules).to_json()))
    return out
