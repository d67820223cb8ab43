"""The benchmark: run on demand (`.venv/bin/python bench/run.py`), prints figures and writes bench/results.md.

In one run on one machine, medians of at least 5 runs:
 1. the checker's time to first verdict in headless Chromium, cold and warm, next to a bare page that starts
    Pyodide the same way and runs 1+1 (and the fallback when the snapshot cannot be used);
 2. the longest main-thread task while the checker starts;
 3. the time from an answer changing to the new verdict painted;
 4. bytes transferred by a FAQ page, by the checker cold, and by the checker on a repeat visit;
 5. the build time, next to a plain mkdocs-material build of the same pages, and for 10x and 100x content;
 6. rule evaluations per second in CPython and in Pyodide.
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.server import read_header_rules, serve  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CALAIM_PDF": "false"}
PROFILE = "#medi_cal=managed_care&plan=la_care&populations_of_focus=homelessness&enrolled_in=mssp"

BARE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare Pyodide</title></head>
<body><p id="out">starting</p><script type="module" src="bare.mjs"></script></body></html>"""
BARE_PAGE_SCRIPT = """const worker = new Worker(new URL("bare-worker.mjs", location.href), {type: "module"});
worker.onmessage = (e) => { document.getElementById("out").textContent = e.data; performance.mark("bare-result"); };
worker.postMessage(new URL("../assets/pyodide/VERSION/", location.href).href);"""
BARE_WORKER = """self.onmessage = async (e) => {
  const { loadPyodide } = await import(e.data + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: e.data });
  self.postMessage(String(pyodide.runPython("1+1")));
};"""


def median(values):
    return statistics.median(values)


def build(config: Path, site_dir: Path, snapshot: bool = True) -> float:
    started = time.perf_counter()
    env = {**ENV, "CALAIM_SNAPSHOT": "true" if snapshot else "false"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)], cwd=config.parent, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    return time.perf_counter() - started


# --- 1 to 4: in the browser ------------------------------------------------------------------------

def mark(page, name: str, timeout: float = 60) -> float:
    # A function, not an expression: the site's Content-Security-Policy forbids evaluating strings.
    page.wait_for_function(f"() => performance.getEntriesByName({json.dumps(name)}).length > 0", timeout=timeout * 1000)
    return page.evaluate(f"performance.getEntriesByName({json.dumps(name)})[0].startTime") / 1000


def transferred(page_requests) -> int:
    total = 0
    for request in page_requests:
        response = request.response()
        if response is None or response.from_service_worker:
            continue
        try:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:
            pass
    return total


def visit(browser_or_context, url: str, name: str, fresh: bool = True):
    """Open `url` (in a fresh context when `fresh`); returns (seconds to the mark, longest task, bytes)."""
    context = browser_or_context.new_context() if fresh else browser_or_context
    page = context.new_page()
    page.add_init_script("window.__long = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({type: 'longtask', buffered: true});")
    requests = []
    context.on("requestfinished", lambda request: requests.append(request))  # the page's, its workers' and the service worker's
    page.goto(url)
    seconds = mark(page, name)
    page.wait_for_timeout(300)
    longest = page.evaluate("window.__long") / 1000
    size = transferred(requests)
    page.close()
    if fresh:
        context.close()
    return seconds, longest, size


def browser_figures(site: Path) -> dict:
    figures: dict = {}
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    bench_dir = site / "bench"
    bench_dir.mkdir(exist_ok=True)
    (bench_dir / "index.html").write_text(BARE_HTML)
    (bench_dir / "bare.mjs").write_text(BARE_PAGE_SCRIPT.replace("VERSION", version))
    (bench_dir / "bare-worker.mjs").write_text(BARE_WORKER)
    broken = site / "broken"
    if broken.exists():
        shutil.rmtree(broken)
    # Served with the site's own _headers, as a host following the README would.
    with serve(site, rules=read_header_rules(site / "_headers")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        # Each cold run in a fresh context: no HTTP cache, no service worker.
        bare = [visit(browser, base + "bench/", "bare-result")[0] for _ in range(RUNS)]
        cold = [visit(browser, base + "checker/" + PROFILE, "checker-verdict-painted") for _ in range(RUNS)]
        figures["bare_cold_s"] = median(bare)
        figures["checker_cold_s"] = median(c[0] for c in cold)
        figures["longest_task_s"] = max(c[1] for c in cold)
        figures["checker_cold_bytes"] = median(c[2] for c in cold)

        # The fallback: a snapshot that cannot be used (truncated), so Python starts plainly.
        fallback = []
        for _ in range(RUNS):
            context = browser.new_context(service_workers="block")
            context.route("**/snapshot.bin.gz*", lambda route: route.fulfill(status=200, body=b"\x1f\x8b\x08\x00truncated", content_type="application/gzip"))
            seconds, _, _ = visit(context, base + "checker/" + PROFILE, "checker-verdict-painted", fresh=False)
            context.close()
            fallback.append(seconds)
        figures["checker_fallback_s"] = median(fallback)

        figures["faq_cold_bytes"] = faq_bytes(browser, base)
        browser.close()

        # Warm: a persistent profile, second visit (the service worker holds the runtime and snapshot).
        warm, warm_bytes = [], []
        for _ in range(RUNS):
            seconds, size = warm_start(playwright, base)
            warm.append(seconds)
            warm_bytes.append(size)
        figures["checker_warm_s"] = median(warm)
        figures["checker_repeat_bytes"] = median(warm_bytes)

        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        figures["answer_change_s"] = answer_change(browser, base)
        browser.close()
    figures.update(slow_link_figures(site))
    shutil.rmtree(bench_dir, ignore_errors=True)
    return figures


SLOW_MEGABITS = 40


def slow_link_figures(site: Path) -> dict:
    """The same starts over a 40 Mbit/s link, where moving the runtime costs time as it does for readers."""
    runs = max(3, RUNS // 2)
    with serve(site, rules=read_header_rules(site / "_headers"), megabits=SLOW_MEGABITS) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        bare = [visit(browser, base + "bench/", "bare-result")[0] for _ in range(runs)]
        cold = [visit(browser, base + "checker/" + PROFILE, "checker-verdict-painted")[0] for _ in range(runs)]
        browser.close()
        warm = [warm_start(playwright, base)[0] for _ in range(runs)]
    return {"slow_bare_cold_s": median(bare), "slow_checker_cold_s": median(cold), "slow_checker_warm_s": median(warm)}


def warm_start(playwright, base: str) -> tuple[float, int]:
    """A second visit to the checker in a persistent profile, once the service worker holds the runtime:
    (seconds to the first verdict, bytes from the network)."""
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM)
        visit(context, base + "checker/" + PROFILE, "checker-verdict-painted", fresh=False)
        wait_for_service_worker(context, base)
        context.close()
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM)
        seconds, _, size = visit(context, base + "checker/" + PROFILE, "checker-verdict-painted", fresh=False)
        context.close()
        return seconds, size
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def wait_for_service_worker(context, base: str) -> None:
    """Until the service worker holds the checker's runtime and snapshot."""
    page = context.new_page()
    page.goto(base + "faq/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("""async () => {
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            const keys = (await cache.keys()).map((r) => r.url);
            if (keys.some((u) => u.endsWith(".wasm")) && keys.some((u) => u.includes("snapshot"))) return true;
        }
        return false;
    }""", timeout=60_000, polling=500)
    page.close()


def faq_bytes(browser, base: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    requests = []
    context.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + "faq/")
    page.wait_for_load_state("load")
    page_only = transferred([r for r in requests])
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(3000)
    everything = transferred(requests)
    pyodide = sum(1 for r in requests if "pyodide" in r.url or "snapshot" in r.url)
    context.close()
    return {"page": page_only, "with_offline_copy": everything, "pyodide_requests": pyodide}


def answer_change(browser, base: str) -> float:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(base + "checker/" + PROFILE)
    mark(page, "checker-verdict-painted")
    page.wait_for_timeout(1500)
    timings = []
    for attempt in range(max(RUNS, 10)):
        value = ["hospice", "pace", "cct", "alw", "hcba"][attempt % 5]
        seconds = page.evaluate(
            """async (value) => {
                const box = document.querySelector(`input[name="enrolled_in"][value="${value}"]`);
                const before = performance.getEntriesByName("checker-verdict-painted").length;
                const start = performance.now();
                box.click();
                while (performance.getEntriesByName("checker-verdict-painted").length === before) await new Promise(r => setTimeout(r, 1));
                return (performance.getEntriesByName("checker-verdict-painted").at(-1).startTime - start) / 1000;
            }""",
            value,
        )
        timings.append(seconds)
        page.wait_for_timeout(400)  # let the questions answer arrive
    context.close()
    return median(timings)


# --- 5: build time -----------------------------------------------------------------------------------

def plain_project(folder: Path, built: Path) -> Path:
    """The same site as plain files: the generated pages written out as Markdown, and the same other
    files (stylesheets, scripts, the checker's runtime), built by mkdocs-material without the plugin."""
    from generator.model import load_content
    from generator.pages import render_pages

    docs = folder / "docs"
    for src_uri, markdown in render_pages(load_content(ROOT / "content")).items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    shutil.copytree(built / "assets" / "calaim", docs / "assets" / "calaim")
    shutil.copytree(built / "assets" / "checker", docs / "assets" / "checker")
    shutil.copytree(built / "assets" / "pyodide", docs / "assets" / "pyodide")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("  - calaim:"), config.index("markdown_extensions:")
    config = config[:start] + "\n" + config[end:] + "\nextra_css: [assets/calaim/calaim.css, assets/calaim/print.css]\nextra_javascript: [assets/calaim/print.js, assets/calaim/checker.js]\n"
    (folder / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"), encoding="utf-8")
    return folder / "mkdocs.yml"


def scaled_project(folder: Path, factor: int) -> Path:
    """The project with `factor` times the questions, terms, acronyms and worked examples."""
    import yaml

    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "content", folder / "content")
    (folder / "docs").mkdir()
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    faqs = yaml.safe_load((ROOT / "content" / "faqs.yaml").read_text(encoding="utf-8"))
    original = list(faqs["faqs"])
    for copy in range(1, factor):
        for faq in original:
            faqs["faqs"].append({**faq, "id": f"{faq['id']}-{copy}", "number": len(faqs["faqs"]) + 1})
    (folder / "content" / "faqs.yaml").write_text(yaml.safe_dump(faqs, sort_keys=False, allow_unicode=True), encoding="utf-8")
    glossary = yaml.safe_load((ROOT / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    terms, acronyms = list(glossary["terms"]), list(glossary["acronyms"])
    for copy in range(1, factor):
        glossary["terms"] += [{**t, "id": f"{t['id']}-{copy}", "abbr": f"{t['abbr']}{copy}", "names": [f"{n} {copy}" for n in t["names"]]} for t in terms]
        glossary["acronyms"] += [{k: v for k, v in {**a, "abbr": f"{a['abbr']}{copy}"}.items() if k != "term"} for a in acronyms]
    (folder / "content" / "glossary.yaml").write_text(yaml.safe_dump(glossary, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def build_figures(site: Path) -> dict:
    figures = {}
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        plain = plain_project(work / "plain", site)
        ours = scaled_project(work / "x1", 1)
        plain_times, our_times = [], []
        for _ in range(RUNS):  # alternated, so that both see the same machine
            plain_times.append(build(plain, work / "plain-site"))
            our_times.append(build(ours, work / "x1-site", snapshot=False))
        figures["plain_build_s"], figures["build_s"] = median(plain_times), median(our_times)
        figures["build_with_snapshot_s"] = median(build(ROOT / "mkdocs.yml", work / "full-site") for _ in range(RUNS))
        for factor in (10, 100):
            config = scaled_project(work / f"x{factor}", factor)
            figures[f"build_x{factor}_s"] = median(build(config, work / f"x{factor}-site", snapshot=False) for _ in range(max(3, RUNS // 2)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


# --- 6: rule evaluations per second -------------------------------------------------------------------

def evaluation_figures() -> dict:
    from generator.bundle import site_tools_zip
    from generator.export import render
    from generator.model import load_content
    from site_tools.data import load_rules
    from site_tools.profile import profile_from_dict
    from site_tools.rules import evaluate
    from tests.profiles import generated_profiles

    rules_json = render(load_content(ROOT / "content"))
    profiles = generated_profiles(2000, seed=99)
    rules = load_rules(rules_json)
    parsed = [profile_from_dict(p) for p in profiles]
    started = time.perf_counter()
    for profile in parsed:
        evaluate(profile, rules)
    cpython = len(parsed) / (time.perf_counter() - started)
    work = Path(tempfile.mkdtemp(prefix="bench-eval-"))
    (work / "bundle.zip").write_bytes(site_tools_zip(rules_json))
    (work / "profiles.json").write_text(json.dumps(profiles))
    script = work / "eval.mjs"
    script.write_text("""
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
const [bundle, profiles] = process.argv.slice(2);
const py = await loadPyodide();
py.unpackArchive(new Uint8Array(readFileSync(bundle)), "zip", { extractDir: "/home/pyodide/checker" });
py.globals.set("PROFILES", readFileSync(profiles, "utf8"));
const rate = py.runPython(`
import sys, json, time
sys.path.insert(0, "/home/pyodide/checker")
from site_tools.data import load_rules
from site_tools.profile import profile_from_dict
from site_tools.rules import evaluate
rules = load_rules()
parsed = [profile_from_dict(p) for p in json.loads(PROFILES)]
start = time.perf_counter()
for p in parsed: evaluate(p, rules)
len(parsed) / (time.perf_counter() - start)`);
process.stdout.write(String(rate));
""")
    link = work / "node_modules"
    link.symlink_to(ROOT / "node_modules")
    result = subprocess.run(["node", str(script), str(work / "bundle.zip"), str(work / "profiles.json")], capture_output=True, text=True, cwd=work)
    shutil.rmtree(work, ignore_errors=True)
    return {"evaluations_per_s_cpython": cpython, "evaluations_per_s_pyodide": float(result.stdout or 0)}


# --- report ------------------------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}, Node {node}, {chromium}"


def report(f: dict) -> str:
    ratio = f["checker_cold_s"] / f["bare_cold_s"]
    warm = f["checker_warm_s"] / f["checker_cold_s"]
    fallback = f["checker_fallback_s"] / f["bare_cold_s"]
    overhead = f["build_s"] / f["plain_build_s"] - 1
    growth = f["build_x100_s"] / f["build_s"]
    ok = lambda good: "met" if good else "**not met**"  # noqa: E731
    rows = [
        ("First verdict, cold (fresh profile)", f"{f['checker_cold_s']:.2f} s", f"{ratio:.2f}x bare Pyodide ({f['bare_cold_s']:.2f} s)", "at most 0.3x", ok(ratio <= 0.3)),
        ("First verdict, warm (second visit, persistent profile)", f"{f['checker_warm_s']:.2f} s", f"{warm:.2f}x cold", "at most 0.5x cold", ok(warm <= 0.5)),
        ("First verdict, snapshot unusable (fallback)", f"{f['checker_fallback_s']:.2f} s", f"{fallback:.2f}x bare Pyodide", "at most 1.1x", ok(fallback <= 1.1)),
        (f"Over a {SLOW_MEGABITS} Mbit/s link: bare Pyodide / checker cold / checker warm", f"{f['slow_bare_cold_s']:.2f} s / {f['slow_checker_cold_s']:.2f} s / {f['slow_checker_warm_s']:.2f} s", f"cold {f['slow_checker_cold_s'] / f['slow_bare_cold_s']:.2f}x bare; warm {f['slow_checker_warm_s'] / f['slow_checker_cold_s']:.2f}x cold", "", "") if "slow_bare_cold_s" in f else ("Over a slow link", "not measured", "", "", ""),
        ("Longest main-thread task while the checker starts", f"{f['longest_task_s'] * 1000:.0f} ms", "", "at most 200 ms", ok(f["longest_task_s"] <= 0.2)),
        ("Answer changed to new verdict painted", f"{f['answer_change_s'] * 1000:.1f} ms", "", "at most 16 ms", ok(f["answer_change_s"] <= 0.016)),
        ("FAQ page, bytes transferred (the page / with the offline copy)", f"{f['faq_cold_bytes']['page'] / 1e3:.0f} kB / {f['faq_cold_bytes']['with_offline_copy'] / 1e6:.1f} MB", f"{f['faq_cold_bytes']['pyodide_requests']} Pyodide requests", "0 bytes of Pyodide", ok(f["faq_cold_bytes"]["pyodide_requests"] == 0)),
        ("Checker page cold, bytes transferred", f"{f['checker_cold_bytes'] / 1e6:.1f} MB", "", "", ""),
        ("Checker page repeat visit, bytes transferred", f"{f['checker_repeat_bytes'] / 1e3:.0f} kB", "", "", ""),
        ("Site build (no PDFs, no snapshot) / plain Material build of the same pages", f"{f['build_s']:.2f} s / {f['plain_build_s']:.2f} s", f"overhead {overhead * 100:.0f}%", "at most 15%", ok(overhead <= 0.15)),
        ("Site build with the snapshot (made under Node, in parallel)", f"{f['build_with_snapshot_s']:.2f} s", "", "", ""),
        ("Build with 10x / 100x content", f"{f['build_x10_s']:.2f} s / {f['build_x100_s']:.2f} s", f"100x content in {growth:.1f}x the time", "at most 100x", ok(growth <= 100)),
        ("Rule evaluations per second, CPython / Pyodide", f"{f['evaluations_per_s_cpython']:.0f} / {f['evaluations_per_s_pyodide']:.0f}", "", "", ""),
    ]
    lines = [
        "# Benchmark results",
        "",
        f"Run {f.get('run_at', '(time not recorded)')} on {f.get('machine') or machine()}. Medians of {f.get('runs', RUNS)} runs. `.venv/bin/python bench/run.py` to run again.",
        "",
        "| Measure | Value | Compared | Target | |",
        "|---|---|---|---|---|",
        *[f"| {' | '.join(row)} |" for row in rows],
        "",
    ]
    return "\n".join(lines)


def write_report(figures: dict) -> str:
    text = report(figures)
    (ROOT / "bench" / "results.md").write_text(text + "\n" + (ROOT / "bench" / "notes.md").read_text(encoding="utf-8"), encoding="utf-8")
    show_in_readme(text)
    return text


def main() -> None:
    if "--report" in sys.argv:  # only write results.md and the README table again from results.json
        print(write_report(json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))))
        return
    site = Path(tempfile.mkdtemp(prefix="bench-site-")) / "site"
    build(ROOT / "mkdocs.yml", site)
    figures = {"run_at": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", "machine": machine(), "runs": RUNS}
    figures.update(evaluation_figures())
    figures.update(browser_figures(site))
    print(json.dumps(figures, indent=1), flush=True)
    figures.update(build_figures(site))
    print(json.dumps(figures, indent=1))
    (ROOT / "bench" / "results.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(write_report(figures))


def show_in_readme(text: str) -> None:
    """Put the latest table into README.md, between its bench markers."""
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in content and end in content:
        table = text.split("\n", 2)[2].strip()  # without the page title
        content = content[: content.index(start) + len(start)] + "\n" + table + "\n" + content[content.index(end):]
        readme.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    main()
