"""The only glue the browser sees: JSON text in, JSON text out (called from the checker's Web Worker)."""
from __future__ import annotations

import json

from .data import RulesData, load_rules
from .profile import ProfileError, profile_from_dict
from .questions import open_questions
from .rules import evaluate

_data: RulesData | None = None


def handle(request: str) -> str:
    """{"profile": {...}, "questions": bool} -> {"verdict", "profile", "questions"} or {"errors": [...]}."""
    global _data
    if _data is None:
        _data = load_rules()
    message = json.loads(request)
    try:
        profile = profile_from_dict(message.get("profile") or {})
    except ProfileError as error:
        return json.dumps({"errors": [p.render("profile") for p in error.problems]})
    answer = {"verdict": evaluate(profile, _data).to_json(), "profile": profile.to_json()}
    if message.get("questions"):
        answer["questions"] = open_questions(profile, _data)
    return json.dumps(answer)
