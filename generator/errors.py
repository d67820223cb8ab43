"""One error type for bad content: every problem found, each as `file:line: key.path: expected X, got Y`."""
from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    path: str
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: expected {self.expected}, got {self.got}"


class ContentError(PluginError):
    """Raised once, after every problem in the content has been collected."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = f"The content has {count} problem{'s' if count != 1 else ''}; the site was not built:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))


def describe(value: object) -> str:
    """How a value is named in an error message: its type and, if short, the value itself."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"{shown!r}" if value else "an empty string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} ({value!s})"
