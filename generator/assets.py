"""Static files the plugin ships with the site (stylesheets, scripts), served from assets/calaim/.

Pages address them with `?v=<hash of their content>`, so that a browser or service worker cache never
serves an old script next to a new page.
"""
from __future__ import annotations

from pathlib import Path

from .bundle import short_hash

HERE = Path(__file__).parent / "assets"
THEME_DIR = Path(__file__).parent / "theme"
PREFIX = "assets/calaim/"
STYLESHEETS = ["calaim.css", "print.css"]
SCRIPTS = ["print.js", "checker.js"]
WORKER = "checker-worker.mjs"


def files() -> dict[str, bytes]:
    """src_uri -> bytes for every file under generator/assets."""
    return {PREFIX + path.relative_to(HERE).as_posix(): path.read_bytes() for path in sorted(HERE.rglob("*")) if path.is_file()}


def versioned(name: str, data: bytes) -> str:
    """'calaim.css' -> 'assets/calaim/calaim.css?v=<hash>'."""
    return f"{PREFIX}{name}?v={short_hash(data)}"
