"""Hostile content: Markdown in the YAML that carries HTML, script, event handlers or unsafe links is refused
or rendered inert; and any mangled content file ends in a clear `file:line` message, never a traceback."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.errors import ContentError
from generator.markup import enrich
from generator.model import load_content
from generator.pages import render_pages
from tests.conftest import ROOT, mkdocs_build
from tests.html_text import main_content

# A catalogue of known XSS payloads (after the OWASP XSS filter evasion cheat sheet), as an editor might paste them.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<!--<script>alert(1)</script>-->",
    "<<script>alert(1)//<</script>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1) )",
    "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](https://xss.example/x.png)",
    "![x](javascript:alert(1))",
    "paragraph\n{: onclick=\"alert(1)\" }",
    "[click](https://example.org){: onclick=alert(1) }",
    "[click](https://example.org/\"onmouseover=\"alert(1))",
    "[click](http://example.org)",
    "see javascript:alert(1) here",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
    "<https://example.org/\"><script>alert(1)</script>>",
    "\"><script>alert(1)</script>",
    "'-alert(1)-'",
    "[a](mailto:x@example.org?subject=<script>)",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]
UNSAFE_HTML = re.compile(r"<(script|iframe|object|embed|svg|math|style|img|body|details|base|form)\b|<[^>]+\son[a-z]+\s*=|(href|src)\s*=\s*\"\s*(javascript|vbscript|data):", re.I)


def content_with(tmp_path: Path, answer: str | None = None, question: str | None = None) -> Path:
    folder = tmp_path / "content"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(ROOT / "content", folder)
    faqs = folder / "faqs.yaml"
    text = faqs.read_text(encoding="utf-8")
    if answer is not None:
        block = "\n".join("          " + line for line in ("Yes, HNTSS is a voluntary service.\n\n" + answer).split("\n"))
        text = text.replace("        text: Yes, HNTSS is a voluntary service.", "        text: |\n" + block, 1)
    if question is not None:
        text = text.replace("    question: Can a member or client decline ECM, HNTSS, or DHS?", "    question: " + repr(question).replace("\\\\", "\\"), 1)
    faqs.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site_markdown():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return lambda text: markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_answer_is_refused_or_rendered_inert(tmp_path, payload, site_markdown):
    try:
        content = load_content(content_with(tmp_path, answer=payload), display_root=tmp_path)
    except ContentError as error:
        assert all(p.path.startswith("faqs[3].answers[1]") for p in error.problems), str(error)
        return
    html = enrich(site_markdown(render_pages(content)["faq.md"]), [], [])
    found = UNSAFE_HTML.search(html)
    assert not found, (payload, html[max(0, found.start() - 100): found.end() + 100])
    assert "javascript:" not in html.lower().replace("javascript:alert(1) here", "")


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\n" not in p])
def test_a_hostile_title_is_refused_or_rendered_inert(tmp_path, payload, site_markdown):
    try:
        content = load_content(content_with(tmp_path, question=payload), display_root=tmp_path)
    except ContentError as error:
        assert all(p.path == "faqs[3].question" for p in error.problems), str(error)
        return
    html = enrich(site_markdown(render_pages(content)["faq.md"]), [], [])
    assert not UNSAFE_HTML.search(html), payload


def test_accepted_payloads_stay_inert_through_a_real_build(project_copy):
    accepted = []
    for payload in PAYLOADS:
        try:
            load_content(content_with(project_copy, answer=payload), display_root=project_copy)
            accepted.append(payload)
        except ContentError:
            pass
    assert accepted, "some payloads are harmless text and are kept as text"
    content_with(project_copy, answer="\n\n".join(accepted))
    result = mkdocs_build(project_copy / "mkdocs.yml", project_copy / "site")
    assert result.returncode == 0, result.stderr
    page = (project_copy / "site" / "faq" / "index.html").read_text(encoding="utf-8")
    article = main_content(page)
    assert not UNSAFE_HTML.search(article)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article  # shown as text, as written


# --- a fuzzer over the content files ------------------------------------------------------------------

MESSAGE = re.compile(r"^content/[\w./-]+\.yaml:\d+: \S.*: expected .+, got .+$", re.S)
FILES = sorted(p.name for p in (ROOT / "content").glob("*.yaml"))


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    kind = rng.randrange(8)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[j])
    elif kind == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 3:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif kind == 4:
        lines[i] = " " * rng.randrange(1, 4) + lines[i]
    elif kind == 5:
        position = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:position] + rng.choice([":", "- ", "{", "[", "&a", "*a", "\t", "'", '"', "#", "!!int ", "|", ">", "?", "%", "@", "`", "\\", "0x", "~", "null", "yes", "2022-13-45", "\u2028", "\x85"]) + lines[i][position:]
    elif kind == 6:
        key, sep, _ = lines[i].partition(": ")
        if sep:
            lines[i] = key + sep + rng.choice(["", "[]", "{}", "null", "true", "12", "-3", "1e9", "'x'", "[a, b]", "{a: 1}", "2022-02-30", "https://x", "<b>x</b>"])
    else:
        lines = lines[: rng.randrange(len(lines))]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), seed=st.integers(0, 2**32), steps=st.integers(1, 4))
def test_any_mangled_content_gives_clear_messages_and_never_a_traceback(tmp_path_factory, name, seed, steps):
    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "content", folder / "content")
    path = folder / "content" / name
    text = path.read_text(encoding="utf-8")
    for _ in range(steps):
        text = mutate(text, rng)
    path.write_text(text, encoding="utf-8")
    try:
        load_content(folder / "content", display_root=folder)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert MESSAGE.match(str(problem)), str(problem)
            assert problem.line >= 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
