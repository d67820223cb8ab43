"""A static file server for tests: the built site on 127.0.0.1, with the right types for .mjs and .wasm."""
from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers a `_headers` file gives for /* (the only rule this site's file has)."""
    headers, applies = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            applies = line.strip() == "/*"
        elif applies:
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".whl": "application/zip",
    }

    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # keep test output quiet
        pass


@contextlib.contextmanager
def serve(root: Path, headers: dict[str, str] | None = None):
    """Serve `root` on 127.0.0.1; with `headers`, send them with every response (as a host would)."""
    handler = type("HeaderHandler", (Handler,), {"extra_headers": dict(headers or {})})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
