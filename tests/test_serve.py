"""`mkdocs serve` rebuilds the site when a content file changes."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_changing_a_yaml_file_rebuilds_the_served_site(project_copy):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/faq/"
    try:
        assert wait_for(lambda: "should co-manage shared members" in (fetch(url) or ""))
        faqs = project_copy / "content" / "faqs.yaml"
        faqs.write_text(faqs.read_text(encoding="utf-8").replace("should co-manage shared members", "should co-manage all shared members"), encoding="utf-8")
        assert wait_for(lambda: "should co-manage all shared members" in (fetch(url) or ""))
    finally:
        server.terminate()
        server.wait(timeout=10)
