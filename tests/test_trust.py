"""Trust, proven in a browser: accessibility (axe-core, WCAG 2.1 A and AA), privacy, the security policy
the site ships, and the integrity of its links and HTML."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import ROOT
from tests.html_text import main_content
from tests.server import read_headers_file, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
READY = ".checker-app:not([hidden])"
# The checker in each state: empty, partly answered, and each status.
CHECKER_STATES = {
    "empty": "",
    "partly answered": "#medi_cal=managed_care",
    "eligible": "#medi_cal=managed_care&plan=la_care&populations_of_focus=homelessness&enrolled_in=&meets_hntss_criteria=true&can_live_independently=true&tenancy_services_received=0",
    "not eligible": "#medi_cal=none&enrolled_in=hospice",
    "must choose": "#medi_cal=managed_care&populations_of_focus=homelessness&enrolled_in=mssp",
    "through ICMS": "#medi_cal=managed_care&enrolled_in=hfh_icms&populations_of_focus=homelessness",
    "needs an answer": "#enrolled_in=",
    "bad address": "#medi_cal=medicare",
}


def all_pages(site: Path) -> list[str]:
    return sorted(("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/") for p in site.rglob("index.html"))


def axe_violations(page, rules: list[str] | None = None) -> list:
    page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG}
    return page.evaluate(
        "async (only) => (await axe.run(document, {runOnly: only})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        only,
    )


def open_checker(page, server: str, fragment: str):
    page.goto(server + "checker/" + fragment)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("document.querySelector('#checker-announce').textContent.length > 0 || !document.querySelector('#checker-errors').hidden", timeout=30_000)


# --- accessibility -----------------------------------------------------------------------------------

def test_axe_finds_no_wcag_violation_on_any_page(browser, server, site):
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for path in all_pages(site):
        page.goto(server + path)
        if violations := axe_violations(page):
            found[path or "/"] = violations
    context.close()
    assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize("state", list(CHECKER_STATES))
def test_axe_finds_no_violation_in_any_checker_state(page, server, state):
    open_checker(page, server, CHECKER_STATES[state])
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert axe_violations(page) == [], "print view"


def test_the_search_dialog_has_a_name(page, server):
    page.goto(server + "faq/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("hospice")
    page.locator(".md-search-result__item").first.wait_for(state="attached")
    assert axe_violations(page, ["aria-dialog-name"]) == []
    assert axe_violations(page) == []
    assert page.locator('[data-md-component="search"][role="dialog"]').get_attribute("aria-label")


def test_verdict_changes_and_errors_are_announced(page, server):
    open_checker(page, server, "#medi_cal=managed_care")
    assert page.locator("#checker-announce").get_attribute("aria-live") == "polite"
    assert page.locator("#checker-status").get_attribute("aria-live") == "polite"
    assert page.locator("#checker-errors").get_attribute("role") == "alert"
    before = page.locator("#checker-announce").text_content()
    page.locator('.checker-step[data-step="programs"]').click()
    page.locator('input[name="enrolled_in"][value="hospice"]').check()
    page.wait_for_function("(t) => document.querySelector('#checker-announce').textContent !== t", arg=before)
    assert "Not eligible" in page.locator("#checker-announce").text_content()
    page.goto(server + "checker/#plan=nowhere")
    page.wait_for_selector("#checker-errors:not([hidden])", timeout=30_000)
    assert "plan" in page.locator("#checker-errors").text_content()


def test_a_status_is_told_in_words_not_colour_alone(page, server):
    open_checker(page, server, CHECKER_STATES["must choose"])
    for program in ("ecm", "hn", "tss", "icms"):
        label = page.locator(f'.checker-verdict .verdict[data-program="{program}"] .verdict__status').text_content()
        assert re.search(r"Can be enrolled|Not eligible|Must choose|Through ICMS|Needs an answer", label), label


def test_motion_respects_reduced_motion(browser, server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(server + "faq/")
    durations = page.evaluate("[...document.querySelectorAll('.md-header, .md-sidebar, .md-search__inner, .md-top')].map(e => getComputedStyle(e).transitionDuration)")
    context.close()
    assert durations and all(set(d.replace("s", "").split(", ")) <= {"0"} for d in durations), durations


def test_every_page_can_be_used_by_keyboard_with_a_visible_focus(page, server):
    page.goto(server + "faq/")
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate("(() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.tagName, s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
        if style[0] in ("A", "INPUT", "BUTTON", "LABEL"):
            seen += 1
            assert style[1] != "none" or style[3] != "none", style
    assert seen >= 5


# --- privacy -------------------------------------------------------------------------------------------

def test_crawl_search_checker_and_print_send_nothing_anywhere(browser, server, site):
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    for path in all_pages(site):
        page.goto(server + path)
    page.goto(server + "faq/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("SyntraNet")
    page.locator(".md-search-result__item").first.wait_for(state="attached")
    for state, fragment in CHECKER_STATES.items():
        open_checker(page, server, fragment)
    page.emulate_media(media="print")
    page.pdf(format="Letter")
    origin = urlsplit(server).netloc
    answers = ("managed_care", "hospice", "mssp", "hfh_icms", "homelessness", "medicare", "SyntraNet", "syntranet")
    for request in requests:
        url = request.url
        assert urlsplit(url).scheme in ("http", "https", "data", "blob") and (urlsplit(url).netloc in (origin, "")), url
        assert request.method == "GET", (request.method, url)
        assert not any(answer in url for answer in answers), url
        assert not request.post_data
    assert any(r.url.endswith("pyodide.asm.wasm") for r in requests), "the worker's requests are recorded too"
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


# --- the security policy ---------------------------------------------------------------------------------

def test_the_site_ships_a_strict_content_security_policy(site):
    headers = read_headers_file(site / "_headers")
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert policy["img-src"] == "'self' data:"
    for directive, value in {"worker-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "form-action": "'self'", "frame-ancestors": "'none'"}.items():
        assert policy[directive] == value, directive
    assert "unsafe-inline" not in headers["Content-Security-Policy"] and "'unsafe-eval'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"


class _Reports:
    def __init__(self):
        self.items: list[str] = []


def test_with_exactly_those_headers_everything_works_and_nothing_is_blocked(browser, site):
    headers = read_headers_file(site / "_headers")
    with serve(site, headers) as server:
        context = browser.new_context()
        context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        worker_violations = []

        def watch(worker):
            try:
                worker.evaluate("self.addEventListener('securitypolicyviolation', (e) => { self.__csp = (self.__csp || []).concat(e.violatedDirective); })")
            except Exception:
                pass
            workers.append(worker)

        workers = []
        page.on("worker", watch)
        violations = {}
        for path in all_pages(site):
            page.goto(server + path)
            if found := page.evaluate("window.__csp"):
                violations[path] = found
        page.goto(server + "faq/")
        page.locator("input.md-search__input").click()
        page.keyboard.type("hospice")
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        violations["search"] = page.evaluate("window.__csp")
        open_checker(page, server, CHECKER_STATES["must choose"])
        assert "Must choose" in page.locator('.checker-verdict .verdict[data-program="ecm"] .verdict__status').text_content()
        violations["checker"] = page.evaluate("window.__csp")
        for worker in workers:
            try:
                worker_violations += worker.evaluate("self.__csp || []")
            except Exception:
                pass
        context.close()
    assert not any(violations.values()), violations
    assert not worker_violations, worker_violations
    assert not errors, errors


def test_the_headers_file_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_headers" in readme and "Content-Security-Policy" in readme


# --- integrity ---------------------------------------------------------------------------------------------

HREF = re.compile(r'\b(?:href|src)="([^"]+)"')


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    broken = []
    for page in site.rglob("*.html"):
        base = "http://site/" + page.relative_to(site).as_posix()
        for target in HREF.findall(page.read_text(encoding="utf-8")):
            target = html.unescape(target)
            if re.match(r"^(https?:|mailto:|tel:|data:|javascript:void)", target) and not target.startswith("http://127.0.0.1:8000/"):
                continue
            url = urljoin(base, target.replace("http://127.0.0.1:8000/", "/"))
            parts = urlsplit(url)
            file = site / unquote(parts.path).lstrip("/")
            if file.is_dir() or parts.path.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{page.relative_to(site)} -> {target}")
            elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in ids_of(file):
                broken.append(f"{page.relative_to(site)} -> {target} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_our_templates_give_html_the_nu_checker_accepts(site, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (scripts/test.sh installs it)"
    documents = []
    for path in all_pages(site):
        article = main_content((site / path / "index.html").read_text(encoding="utf-8"))
        name = tmp_path / ((path.strip("/").replace("/", "__") or "index") + ".html")
        name.write_text(f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{path or "home"}</title></head><body><main>{article}</main></body></html>\n', encoding="utf-8")
        documents.append(str(name))
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *documents], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert len(documents) > 30
    assert not errors, "\n".join(errors[:30])
