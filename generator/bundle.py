"""The checker's browser bundle: site_tools and its rules data as a zip, the Pyodide runtime, and a memory
snapshot of Python with the rules already imported.

All become files of the built site at build time (never written into the source tree):
`assets/checker/site_tools.zip`, `assets/pyodide/<version>/*` (the runtime copied from the npm package, in a
folder named by its version so a cache may keep it for good) and `assets/checker/snapshot.bin.gz`.
Mutable files are addressed with `?v=<hash of their content>`, so a cache never serves stale rules next
to new pages.
"""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import site_tools

from .errors import ContentError, Problem

BUNDLE_URI = "assets/checker/site_tools.zip"
SCHEMA_URI = "checker/profile.schema.json"  # beside the page that describes it; not under assets/ (cached for good)
SNAPSHOT_URI = "assets/checker/snapshot.bin.gz"
PYODIDE_URI = "assets/pyodide/{version}/"
# What loadPyodide() fetches from its indexURL; nothing else of the npm package is needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# A fixed time for every zip entry, so the same sources give the same bytes.
ZIP_TIME = (2022, 4, 1, 0, 0, 0)
SNAPSHOT_SCRIPT = Path(__file__).parent / "snapshot.mjs"


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def site_tools_zip(rules_json: str) -> bytes:
    """The site_tools package (Python sources) with the given rules data in place of the packaged one."""
    package = Path(site_tools.__file__).parent
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package.glob("*.py")):
            archive.writestr(zipfile.ZipInfo(f"site_tools/{path.name}", ZIP_TIME), path.read_bytes())
        archive.writestr(zipfile.ZipInfo("site_tools/rules.json", ZIP_TIME), rules_json.encode("utf-8"))
    return buffer.getvalue()


def pyodide_version(folder: Path) -> str:
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


@dataclass
class CheckerBundle:
    """Everything the checker page loads, with the addresses the page uses."""

    pyodide_dir: Path
    zip_bytes: bytes
    snapshot: bool
    version: str = field(init=False)
    _job: subprocess.Popen | None = field(default=None, init=False, repr=False)
    _work: Path | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        missing = [name for name in PYODIDE_FILES if not (self.pyodide_dir / name).is_file()]
        if missing or not (self.pyodide_dir / "package.json").is_file():
            raise ContentError([Problem(str(self.pyodide_dir), 1, "pyodide_dir", f"the Pyodide runtime from npm ({', '.join(missing or ['package.json'])}); run `npm ci`", "no such files")])
        self.pyodide_version = pyodide_version(self.pyodide_dir)
        self.version = short_hash(self.zip_bytes + self.pyodide_version.encode())

    @property
    def urls(self) -> dict[str, str]:
        urls = {
            "pyodide": PYODIDE_URI.format(version=self.pyodide_version),
            "bundle": f"{BUNDLE_URI}?v={short_hash(self.zip_bytes)}",
        }
        if self.snapshot:
            urls["snapshot"] = f"{SNAPSHOT_URI}?v={self.version}"
        return urls

    def runtime_files(self) -> dict[str, Path]:
        """src_uri -> file of the Pyodide runtime."""
        folder = PYODIDE_URI.format(version=self.pyodide_version)
        return {folder + name: self.pyodide_dir / name for name in PYODIDE_FILES}

    def start_snapshot(self, node: str) -> None:
        """Start making the snapshot under Node, alongside the rest of the build."""
        self._work = Path(tempfile.mkdtemp(prefix="calaim-snapshot-"))
        (self._work / "bundle.zip").write_bytes(self.zip_bytes)
        self._job = subprocess.Popen(
            [node, str(SNAPSHOT_SCRIPT), str(self.pyodide_dir), str(self._work / "bundle.zip"), str(self._work / "snapshot.bin.gz")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def finish_snapshot(self, site_dir: Path, timeout: float = 600) -> dict:
        """Wait for the snapshot and put it into the site; returns what the maker reported."""
        if self._job is None:
            return {}
        try:
            out, err = self._job.communicate(timeout=timeout)
            if self._job.returncode != 0:
                raise ContentError([Problem(str(SNAPSHOT_SCRIPT.name), 1, "snapshot", "a Pyodide memory snapshot made under Node", (err.strip().splitlines() or ["no output"])[-1])])
            target = site_dir / SNAPSHOT_URI
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._work / "snapshot.bin.gz", target)
            return json.loads(out)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._job is not None and self._job.poll() is None:
            self._job.kill()
            self._job.wait()
        self._job = None
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
