"""Static files the plugin ships with the site (stylesheets, scripts), served from assets/calaim/."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent / "assets"
THEME_DIR = Path(__file__).parent / "theme"
PREFIX = "assets/calaim/"
STYLESHEETS = [PREFIX + "calaim.css", PREFIX + "print.css"]
SCRIPTS = [PREFIX + "print.js", PREFIX + "checker.js"]


def files() -> dict[str, bytes]:
    """src_uri -> bytes for every file under generator/assets."""
    return {PREFIX + path.relative_to(HERE).as_posix(): path.read_bytes() for path in sorted(HERE.rglob("*")) if path.is_file()}
