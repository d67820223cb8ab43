"""A static file server for tests: the built site on 127.0.0.1, with the right types for .mjs and .wasm."""
from __future__ import annotations

import contextlib
import fnmatch
from pathlib import Path

from generator.localserver import QuietHandler, served


def read_header_rules(path: Path) -> list[tuple[str, dict[str, str]]]:
    """The rules of a `_headers` file: (path pattern, headers), in order."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), {}))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers a `_headers` file gives for every path (its /* rule)."""
    return next((headers for pattern, headers in read_header_rules(path) if pattern == "/*"), {})


def headers_for(rules: list[tuple[str, dict[str, str]]], url_path: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(url_path, pattern):
            found.update(headers)
    return found


class Handler(QuietHandler):
    """Also sends the headers a host would (from a `_headers` file, or given)."""

    extra_headers: dict[str, str] = {}
    header_rules: list = []

    def end_headers(self):
        headers = {**self.extra_headers, **headers_for(self.header_rules, self.path.split("?")[0])}
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def serve(root: Path, headers: dict[str, str] | None = None, rules: list | None = None):
    """Serve `root` on 127.0.0.1; with `headers`, send them with every response, and with `rules` (from a
    `_headers` file) the headers of each rule whose path matches, as a host would."""
    handler = type("HeaderHandler", (Handler,), {"extra_headers": dict(headers or {}), "header_rules": list(rules or [])})
    with served(root, handler) as base:
        yield base
