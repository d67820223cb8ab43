"""The checker's browser bundle: site_tools and its rules data as a zip, and the Pyodide runtime.

Both become files of the built site (generated at build time, never written into the source tree):
`assets/checker/site_tools.zip` and `assets/pyodide/*`, the runtime copied from the npm package.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import site_tools

from .errors import ContentError, Problem

BUNDLE_URI = "assets/checker/site_tools.zip"
SCHEMA_URI = "assets/checker/profile.schema.json"
PYODIDE_URI = "assets/pyodide/"
# What loadPyodide() fetches from its indexURL; nothing else of the npm package is needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# A fixed time for every zip entry, so the same sources give the same bytes.
ZIP_TIME = (2022, 4, 1, 0, 0, 0)


def site_tools_zip(rules_json: str) -> bytes:
    """The site_tools package (Python sources) with the given rules data in place of the packaged one."""
    package = Path(site_tools.__file__).parent
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package.glob("*.py")):
            archive.writestr(zipfile.ZipInfo(f"site_tools/{path.name}", ZIP_TIME), path.read_bytes())
        archive.writestr(zipfile.ZipInfo("site_tools/rules.json", ZIP_TIME), rules_json.encode("utf-8"))
    return buffer.getvalue()


def pyodide_files(folder: Path) -> dict[str, Path]:
    """src_uri -> file of the Pyodide runtime; raises ContentError naming what is missing."""
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise ContentError([Problem(str(folder), 1, "pyodide_dir", f"the Pyodide runtime from npm ({', '.join(missing)}); run `npm ci`", "no such files")])
    return {PYODIDE_URI + name: folder / name for name in PYODIDE_FILES}


def pyodide_version(folder: Path) -> str:
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
