"""Speed and offline use: the checker restores its snapshot (and copes without it), and after a first visit
the site works with the network off, a new build replacing what it changed."""
from __future__ import annotations

import gzip
import shutil
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, mkdocs_build
from tests.server import serve

READY = ".checker-app:not([hidden])"
PROFILE = "#medi_cal=managed_care&populations_of_focus=homelessness&enrolled_in=mssp"


def started_from(page) -> str:
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("document.querySelector('#checker-announce').textContent.length > 0", timeout=30_000)
    return page.locator("#checker").get_attribute("data-started-from")


def ecm_status(page) -> str:
    return page.locator('.checker-verdict .verdict[data-program="ecm"] .verdict__status').text_content()


def test_the_checker_restores_the_build_s_snapshot(browser, server):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(server + "checker/" + PROFILE)
    assert started_from(page) == "snapshot"
    assert "Must choose" in ecm_status(page)
    context.close()


def broken_snapshots(site) -> dict[str, bytes]:
    real = gzip.decompress((site / "assets" / "checker" / "snapshot.bin.gz").read_bytes())
    foreign = bytearray(real)
    for index in range(16, 48):  # the build id the snapshot was made with
        foreign[index] ^= 0xFF
    return {
        "truncated": (site / "assets" / "checker" / "snapshot.bin.gz").read_bytes()[:100_000],
        "from another build": gzip.compress(bytes(foreign), compresslevel=1),
        "missing": b"",
    }


@pytest.mark.parametrize("kind", ["truncated", "from another build", "missing"])
def test_an_unusable_snapshot_falls_back_to_a_plain_start_and_still_answers(browser, server, site, kind):
    body = broken_snapshots(site)[kind]
    context = browser.new_context(service_workers="block")
    if kind == "missing":
        context.route("**/snapshot.bin.gz*", lambda route: route.fulfill(status=404, body=b"not found"))
    else:
        context.route("**/snapshot.bin.gz*", lambda route: route.fulfill(status=200, body=body, content_type="application/gzip"))
    page = context.new_page()
    page.goto(server + "checker/" + PROFILE)
    assert started_from(page) == "plain"
    assert "Must choose" in ecm_status(page)
    page.locator('.checker-step[data-step="programs"]').click()
    page.locator('input[name="enrolled_in"][value="hospice"]').check()
    page.wait_for_function("document.querySelector('.checker-verdict .verdict[data-program=\"ecm\"] .verdict__status').textContent.includes('Not eligible')")
    context.close()


def test_faq_pages_fetch_no_pyodide_even_for_the_offline_copy(browser, server):
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(server + "faq/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null || true")
    page.wait_for_timeout(2500)
    context.close()
    assert any("glossary/" in url for url in requests), "the service worker copied the site"
    assert not [url for url in requests if "pyodide" in url or "snapshot" in url or "site_tools.zip" in url]


def wait_for_new_cache(page, first: list[str], seconds: int = 60) -> None:
    """Until the new build's service worker is active and the old build's cache is gone."""
    for _ in range(seconds * 2):
        state = page.evaluate("""async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            return {names: await caches.keys(), busy: !!(registration.installing || registration.waiting),
                    active: registration.active && registration.active.state};
        }""")
        if len(state["names"]) == 1 and state["names"] != first and not state["busy"] and state["active"] == "activated":
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the new service worker did not take over: {state}")


def visit_then_go_offline(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(server + "checker/" + PROFILE)
    started_from(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    page.wait_for_timeout(1500)
    context.set_offline(True)
    return context, page


def test_after_a_first_visit_the_site_and_the_checker_work_offline(browser, server, site):
    context, page = visit_then_go_offline(browser, server)
    for path in ("", "faq/", "glossary/", "contacts/", "handouts/icms/", "roles/hntss/"):
        response = page.goto(server + path)
        assert response is not None and response.ok, path
        assert page.locator("h1").count() == 1
    page.goto(server + "faq/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("SyntraNet")
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15_000)
    page.goto(server + "checker/#medi_cal=none&enrolled_in=hfh_icms")
    started_from(page)
    page.wait_for_function("document.querySelector('.checker-verdict .verdict[data-program=\"hn\"] .verdict__status').textContent.includes('Through ICMS')")
    context.close()


def test_a_new_build_replaces_every_cached_file_it_changed(browser, project_copy):
    site_dir = project_copy / "site"
    assert mkdocs_build(project_copy / "mkdocs.yml", site_dir).returncode == 0
    with serve(site_dir) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "checker/" + PROFILE)
        started_from(page)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        page.wait_for_timeout(1500)
        first = page.evaluate("caches.keys()")

        faqs = project_copy / "content" / "faqs.yaml"
        faqs.write_text(faqs.read_text(encoding="utf-8").replace("should co-manage shared members", "should co-manage every shared member"), encoding="utf-8")
        rules = project_copy / "content" / "cases"
        assert rules.is_dir()
        assert mkdocs_build(project_copy / "mkdocs.yml", site_dir).returncode == 0

        page.goto(base + "faq/")  # the next visit: the new service worker installs and takes over
        wait_for_new_cache(page, first)
        context.set_offline(True)
        page.goto(base + "faq/")
        assert "should co-manage every shared member" in page.content()
        page.goto(base + "checker/" + PROFILE)
        assert started_from(page) in ("snapshot", "plain")
        assert "Must choose" in ecm_status(page)
        names = page.evaluate("caches.keys()")
        context.close()
    assert len(names) == 1 and names != first
