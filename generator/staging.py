"""Build into a staging folder, then swap it in: the site folder always holds a whole build."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Staging:
    def __init__(self, target: Path):
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        # Beside the target, so that the swap is a rename on the same file system.
        self.folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        self.folder.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a site is for serving

    def publish(self) -> Path:
        """Put the finished build in the target's place; the previous site is removed."""
        previous = None
        if self.target.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
            previous.rmdir()
            self.target.rename(previous)
        self.folder.rename(self.target)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        return self.target

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
