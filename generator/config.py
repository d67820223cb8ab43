"""The plugin's options, typed as MkDocs typed options are."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CalaimConfig(Config):
    # Folder holding document.yaml, faqs.yaml, roles.yaml, glossary.yaml, contacts.yaml, resources.yaml,
    # errata.yaml; relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # Folder whose templates override the built-in ones of the same name (see generator/templates).
    templates_dir = c.Optional(c.Type(str))
    # Worked examples: each a test of the rules and shown on the rules page.
    cases_dir = c.Type(str, default="content/cases")
    # The Pyodide runtime, installed from npm (`npm ci`), copied into the site under assets/pyodide/.
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    # Print each handout to PDF (handouts/<role>.pdf, handouts/<role>/<plan>.pdf) with Chromium after the
    # build. Off by default: the site builds without a browser.
    pdf = c.Type(bool, default=False)
    chromium = c.Type(str, default="/usr/bin/chromium-headless-shell")
    # Make a Pyodide memory snapshot (Python with the rules imported) at build time, under Node, so the
    # checker answers in a fraction of Python's start-up; the checker falls back to a plain start.
    snapshot = c.Type(bool, default=True)
    node = c.Type(str, default="node")
    # Write a service worker (sw.js): the site works offline after a first visit.
    offline = c.Type(bool, default=True)
    # Give acronyms an <abbr> tooltip and link defined terms to the glossary on every page.
    enrich = c.Type(bool, default=True)
