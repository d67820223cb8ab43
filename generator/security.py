"""The HTTP headers a host should send with the site, as a `_headers` file at the site's root (the format
Netlify and Cloudflare Pages read; other hosts: copy the values into their configuration).

The policy allows only this site's own files: no inline script, no eval (WebAssembly may be compiled,
for the checker's Python), no plugins, no framing, no other origin for anything.
"""
from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "worker-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
}


# Files whose address changes when their content does (a version in the path, a hash in the name, or
# ?v=<hash> on every link to them) may be kept by browsers for good.
IMMUTABLE_PATHS = ("/assets/pyodide/*", "/assets/checker/*", "/assets/calaim/*", "/assets/javascripts/*", "/assets/stylesheets/*")
IMMUTABLE = "public, max-age=31536000, immutable"


def headers_file() -> str:
    """`_headers`: every path of the site gets every header; versioned files may be cached for good."""
    lines = ["# Headers for every page and file of this site (Netlify / Cloudflare Pages format).", "/*"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    for path in IMMUTABLE_PATHS:
        lines += [path, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"
