"""The checker page in a real headless Chromium, on the site's own Pyodide."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

READY = ".checker-app:not([hidden])"


def open_checker(page, server: str, fragment: str = ""):
    page.goto(server + "checker/" + fragment)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("document.querySelector('#checker-announce').textContent.length > 0", timeout=30_000)


def status(page, program: str) -> str:
    return page.locator(f'.checker-verdict .verdict[data-program="{program}"] .verdict__status').text_content()


def wait_status(page, program: str, label: str):
    page.wait_for_function(
        "([p, l]) => document.querySelector(`.checker-verdict .verdict[data-program=\"${p}\"] .verdict__status`).textContent.includes(l)",
        arg=[program, label], timeout=15_000,
    )


def answer(page, name: str, value: str):
    """Open the group that holds the question, then tick the answer (as a mouse user would)."""
    group = page.locator(f'input[name="{name}"][value="{value}"]').evaluate("input => input.closest('.checker-group').dataset.group")
    page.locator(f'.checker-step[data-step="{group}"]').click()
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def tab_to(page, selector: str, limit: int = 400):
    """Press Tab until the focused element matches `selector` (what a keyboard user does)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached {selector} with Tab")


def test_a_keyboard_only_run_reaches_every_status(page, server):
    open_checker(page, server)
    wait_status(page, "ecm", "Needs an answer")

    tab_to(page, 'input[name="medi_cal"][value="managed_care"]')
    page.keyboard.press("Space")
    tab_to(page, '[data-action="next"]')
    page.keyboard.press("Enter")
    tab_to(page, 'input[name="populations_of_focus"][value="homelessness"]')
    page.keyboard.press("Space")
    tab_to(page, '[data-action="next"]')
    page.keyboard.press("Enter")

    tab_to(page, 'input[name="enrolled_in"][value="mssp"]')
    page.keyboard.press("Space")
    wait_status(page, "ecm", "Must choose")

    tab_to(page, 'input[name="enrolled_in"][value="hospice"]')
    page.keyboard.press("Space")
    wait_status(page, "ecm", "Not eligible")

    for value in ("hospice", "mssp"):
        tab_to(page, f'input[name="enrolled_in"][value="{value}"]')
        page.keyboard.press("Space")
    tab_to(page, 'input[name="enrolled_in"][value="hfh_icms"]')
    page.keyboard.press("Space")
    wait_status(page, "hn", "Through ICMS")
    wait_status(page, "ecm", "Can be enrolled")
    assert "enrolled_in=hfh_icms" in page.url


def test_focus_is_visible_on_the_form(page, server):
    open_checker(page, server)
    tab_to(page, 'input[name="medi_cal"][value="managed_care"]')
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline


def test_a_shared_address_restores_the_answers_and_the_verdict(browser, server):
    fragment = "#medi_cal=managed_care&plan=kaiser_permanente&populations_of_focus=homelessness&enrolled_in=&meets_hntss_criteria=true&can_live_independently=true&tenancy_services_received=0"
    first = browser.new_context()
    page = first.new_page()
    open_checker(page, server, fragment)
    wait_status(page, "hn", "Can be enrolled")
    assert page.is_checked('input[name="plan"][value="kaiser_permanente"]')
    assert page.is_checked('input[name="enrolled_in"][data-none]')
    steps = page.locator('.checker-verdict .verdict[data-program="hn"] .verdict__body').text_content()
    assert "1-866-551-9619" in steps and "Kaiser Permanente" in steps
    answer(page, "declined", "tss")
    wait_status(page, "tss", "Not eligible")
    shared = page.url
    first.close()

    second = browser.new_context()
    other = second.new_page()
    open_checker(other, shared.replace(urlsplit(shared).path, "/").rsplit("#", 1)[0], "#" + shared.split("#", 1)[1])
    wait_status(other, "tss", "Not eligible")
    wait_status(other, "hn", "Can be enrolled")
    assert other.is_checked('input[name="declined"][value="tss"]')
    second.close()


def test_each_reason_links_to_its_faq_item_and_quotes_it(page, server):
    open_checker(page, server, "#medi_cal=fee_for_service&enrolled_in=&populations_of_focus=homelessness")
    wait_status(page, "ecm", "Not eligible")
    link = page.locator('.checker-verdict .verdict[data-program="ecm"] .verdict__reasons a').first
    assert link.text_content() == "FAQ 6"
    assert link.get_attribute("href").endswith("/faq/#exclusionary-criteria")
    assert "Fee-for-Service Medi-Cal" in page.locator('.checker-verdict .verdict[data-program="ecm"] .verdict__reasons q').first.text_content()


def test_needs_info_says_which_question_to_answer_and_takes_you_there(page, server):
    open_checker(page, server, "#medi_cal=managed_care&enrolled_in=")
    wait_status(page, "ecm", "Needs an answer")
    link = page.locator('.checker-verdict .verdict[data-program="ecm"] a[data-goto="populations_of_focus"]')
    assert "Populations of Focus" in link.text_content()
    link.click()
    assert page.evaluate("document.activeElement.name") == "populations_of_focus"


def test_questions_that_cannot_change_the_verdict_are_hidden(page, server):
    open_checker(page, server, "#medi_cal=none")
    wait_status(page, "ecm", "Not eligible")
    assert page.locator("#question-plan").is_hidden()
    answer(page, "medi_cal", "managed_care")
    page.wait_for_selector("#question-plan:not([hidden])")


def test_nothing_leaves_the_origin_and_nothing_is_stored(browser, server):
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    context.on("request", lambda request: requested.append(request.url))  # the worker's requests too
    open_checker(page, server, "#medi_cal=managed_care&enrolled_in=hospice")
    answer(page, "enrolled_in", "mssp")
    wait_status(page, "ecm", "Not eligible")
    origin = urlsplit(server).netloc
    assert any(url.endswith("pyodide.asm.wasm") for url in requested), "the worker's requests are seen"
    assert all(urlsplit(url).netloc == origin for url in requested if url.startswith("http")), requested
    assert not any("hospice" in url or "mssp" in url or "medi_cal" in url for url in requested)
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


def test_the_rules_tables_show_before_python_is_ready(page, server):
    # Seen as the page is first shown, before the worker can have started Python.
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        const shown = (el) => !!el && getComputedStyle(el).display !== "none";
        window.__early = {fallback: shown(document.querySelector("#checker-fallback")), app: shown(document.querySelector(".checker-app")),
                          text: (document.querySelector("#checker-fallback") || {}).textContent || ""};
    });""")
    page.goto(server + "checker/")
    early = page.evaluate("window.__early")
    assert early["fallback"] and not early["app"]
    assert "What rules out ECM" in early["text"]
    page.wait_for_selector(READY, timeout=60_000)
    assert page.locator("#checker-fallback").is_hidden()


def test_without_webassembly_the_page_shows_the_rules_not_a_dead_form(browser, server):
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(server + "checker/")
    page.wait_for_function("document.querySelector('#checker-status').textContent.includes('WebAssembly')")
    assert page.locator("#checker-fallback").is_visible()
    assert page.locator(".checker-app").is_hidden()
    assert "Hospice" in page.locator("#checker-fallback").text_content()
    context.close()


def test_the_print_view_is_a_summary_with_date_version_and_citations(page, server):
    open_checker(page, server, "#as_of=2023-08-01&medi_cal=managed_care&populations_of_focus=children_youth&enrolled_in=alw")
    wait_status(page, "ecm", "Must choose")
    page.emulate_media(media="print")
    summary = page.locator("#checker-summary")
    assert summary.is_visible()
    assert page.locator("#checker-form").is_hidden()
    text = summary.text_content()
    assert "Rules as of 2023-08-01" in text and "Version Dated: 4/1/2022" in text and "2022-04-01" in text
    assert "Assisted Living Waiver (ALW)" in text and "FAQ 6" in text
    pdf = page.pdf(format="Letter")
    assert pdf[:4] == b"%PDF"


def test_other_pages_load_no_pyodide(page, server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "faq/", "glossary/", "rules/"):
        page.goto(server + path)
    page.wait_for_timeout(500)
    assert not any("pyodide" in url or "site_tools.zip" in url for url in requested), requested
