"""A static file server for tests: the built site on 127.0.0.1, with the right types for .mjs and .wasm."""
from __future__ import annotations

import contextlib
import fnmatch
import threading
import time
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


class Link:
    """A shared bandwidth limit for every connection of one server (a slow network, for the benchmark)."""

    def __init__(self, bytes_per_second: float):
        self.rate = bytes_per_second
        self.free_at = time.monotonic()
        self.lock = threading.Lock()

    def send(self, size: int) -> None:
        with self.lock:
            start = max(self.free_at, time.monotonic())
            self.free_at = start + size / self.rate
        time.sleep(max(0.0, self.free_at - time.monotonic()))


class Handler(QuietHandler):
    """Also sends the headers a host would (from a `_headers` file, or given), at a limited rate if asked."""

    extra_headers: dict[str, str] = {}
    header_rules: list = []
    link: Link | None = None

    def copyfile(self, source, outputfile):
        if self.link is None:
            return super().copyfile(source, outputfile)
        while chunk := source.read(64 * 1024):
            self.link.send(len(chunk))
            outputfile.write(chunk)

    def end_headers(self):
        headers = {**self.extra_headers, **headers_for(self.header_rules, self.path.split("?")[0])}
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def serve(root: Path, headers: dict[str, str] | None = None, rules: list | None = None, megabits: float | None = None):
    """Serve `root` on 127.0.0.1; with `headers`, send them with every response, with `rules` (from a
    `_headers` file) the headers of each rule whose path matches, as a host would, and with `megabits`
    no faster than that many megabits a second in all."""
    link = Link(megabits * 125_000) if megabits else None
    handler = type("HeaderHandler", (Handler,), {"extra_headers": dict(headers or {}), "header_rules": list(rules or []), "link": link})
    with served(root, handler) as base:
        yield base
