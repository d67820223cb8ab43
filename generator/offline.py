"""The service worker (sw.js), written after the build from the files the build produced."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2

# Kept once asked for, not on a first visit: the checker's runtime, the handout PDFs, and the search
# languages other than English (Material ships them all; this site is in English).
ON_DEMAND = ("assets/pyodide/", "assets/checker/snapshot.bin.gz", "assets/checker/site_tools.zip", "assets/javascripts/lunr/")
NEVER = ("sw.js", "_headers", "sitemap.xml", "sitemap.xml.gz")
NEVER_SUFFIXES = (".map",)  # source maps: for developers, not readers


def manifest(site_dir: Path, versions: dict[str, str] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """(precache, on demand): path -> short content hash, for every file of the built site.

    `versions` gives the version of a file whose address carries one not taken from its bytes (the
    snapshot: the same runtime and rules make an equivalent snapshot, even if not byte for byte)."""
    precache, on_demand = {}, {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site_dir).as_posix()
        if name in NEVER or name.startswith(".") or name.endswith(NEVER_SUFFIXES):
            continue
        digest = (versions or {}).get(name) or hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        if name.startswith(ON_DEMAND) or name.endswith(".pdf"):
            on_demand[name] = digest
        else:
            precache[name] = digest
    return precache, on_demand


def write_service_worker(site_dir: Path, env: jinja2.Environment, versions: dict[str, str] | None = None) -> Path:
    precache, on_demand = manifest(site_dir, versions)
    version = hashlib.sha256(json.dumps([precache, on_demand], sort_keys=True).encode()).hexdigest()[:12]
    target = site_dir / "sw.js"
    target.write_text(env.get_template("sw.js.j2").render(version=version, precache=precache, on_demand=on_demand), encoding="utf-8")
    return target
