"""The rules data: content/rules.yaml as JSON, with the labels, links and contacts the rules cite.

The build writes it (generator/export.py) into the checker bundle; `rules.json` next to this file is the
same data for the command line, kept in step with the content by `python -m generator.export` and a test.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from importlib import resources

from .verdict import Source


@dataclass(frozen=True)
class RulesData:
    raw: dict

    @property
    def content_version(self) -> str:
        return self.raw["content_version"]

    @property
    def version_label(self) -> str:
        return self.raw["version_label"]

    def source(self, ref: dict) -> Source:
        """A rule's source ({where, quote}) with the label and address of the item it quotes."""
        item = self.raw["items"][ref["where"]]
        return Source(ref["where"], item["label"], ref["quote"], item["url"], self.content_version)

    def section(self, name: str):
        return self.raw["rules"][name]

    def plan(self, plan_id: str | None) -> dict | None:
        return self.raw["plans"].get(plan_id) if plan_id else None

    def held_program_name(self, program_id: str) -> str:
        """The source's name for a program a client may hold (from the ECM exclusion and choice lists)."""
        rules = self.raw["rules"]
        for item in rules["ecm_exclusions"]["programs"] + rules["ecm_choices"]["programs"]:
            if item["id"] == program_id:
                return item["name"]
        return program_id

    def program_name(self, program: str) -> str:
        return next(p["short"] for p in self.raw["rules"]["programs"] if p["id"] == program)

    def go_live(self, population: str) -> datetime.date | None:
        for item in self.raw["rules"]["populations_of_focus"]["items"]:
            if item["id"] == population and item.get("go_live"):
                return datetime.date.fromisoformat(item["go_live"])
        return None


def load_rules(text: str | None = None) -> RulesData:
    """The packaged rules data, or the JSON text given."""
    if text is None:
        text = resources.files("site_tools").joinpath("rules.json").read_text(encoding="utf-8")
    return RulesData(json.loads(text))
