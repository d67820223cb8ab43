"""The built site in a real headless Chromium: search lands on the answer; nothing leaves the origin."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

SEARCHES = [
    # what a provider types -> where the first result must land
    ("HHSS", ("glossary/#abbr-hhss", "glossary/#hntss")),
    ("hospice", ("faq/#exclusionary-criteria",)),
    ("SyntraNet", ("faq/#is-my-client-in-ecm",)),
    ("grandfathered", ("faq/#grandfathered",)),
    ("CHAMP", ("glossary/#abbr-champ", "faq/#locating-a-client")),
]


def first_search_result(page, base_url: str, query: str) -> str:
    """The first result that points into a page (Material heads each page's group with the page itself)."""
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    # Results are drawn for each letter typed; wait for those of the whole query (its terms are in ?h=).
    term = query.lower().split()[0]
    link = page.locator(f".md-search-result__item a.md-search-result__link[href*='h={term}'][href*='#']").first
    link.wait_for(state="attached", timeout=10_000)
    return link.get_attribute("href")


@pytest.mark.parametrize("query,targets", SEARCHES, ids=[q for q, _ in SEARCHES])
def test_typing_a_term_into_search_lands_on_its_question_or_term(page, server, query, targets):
    href = urlsplit(first_search_result(page, server, query))
    assert f"{href.path.lstrip('/')}#{href.fragment}" in targets, f"{query!r} first lands on {href.geturl()}"


def test_every_page_loads_only_from_its_own_origin(page, server, site):
    origin = urlsplit(server).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    for path in pages:
        url = server + ("" if path == "." else path + "/")
        response = page.goto(url)
        assert response.ok, url
    page.locator("input.md-search__input").click()
    page.keyboard.type("ECM")
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=10_000)
    foreign = [url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != origin]
    assert len(requested) > len(pages)
    assert not foreign, foreign
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_answers_sit_side_by_side_on_a_wide_screen_and_stack_on_a_phone(browser, server):
    def answer_boxes(width: int) -> list[dict]:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(server + "faq/")
        boxes = [page.locator(f'section[aria-labelledby="multiple-programs--{role}"]').bounding_box() for role in ("ecm", "hntss", "icms")]
        context.close()
        return boxes

    wide = answer_boxes(1400)
    assert wide[0]["y"] == wide[1]["y"] == wide[2]["y"] and wide[0]["x"] < wide[1]["x"] < wide[2]["x"]
    phone = answer_boxes(375)
    assert phone[0]["x"] == phone[1]["x"] == phone[2]["x"] and phone[0]["y"] < phone[1]["y"] < phone[2]["y"]
