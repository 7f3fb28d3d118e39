"""The web pages in a real browser: every page loads, a filter applies, an event's highlights
cover the right characters, keyboard and no-JavaScript use work, and nothing leaves 127.0.0.1."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

PAGES = {
    "events": "/events",
    "event": "/events/wire-1-e1",
    "linked": "/linked",
    "entity": "/entities/Q3874799",
    "document": "/documents/wire-2",
    "timeline": "/timeline?interval=month",
    "network": "/network",
    "map": "/map",
    "quotes": "/quotes",
    "api-docs": "/docs",
}
SHOTS = os.environ.get("EVENTCODER_SCREENSHOTS")  # a folder to keep the screenshots in


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_loads_offline(page, server, requests_seen, name, tmp_path):
    response = page.goto(server.url + PAGES[name], wait_until="networkidle")
    assert response.status == 200
    assert page.title()
    assert page.console_errors == []
    assert requests_seen.outside == [], f"requests left 127.0.0.1: {requests_seen.outside}"
    assert all(u.startswith(server.url) or u.startswith("data:") for u in requests_seen.urls)
    # Every stylesheet and script the page asked for was served (by the app itself).
    failed = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(r => r.responseStatus && r.responseStatus >= 400).map(r => r.name)""")
    assert failed == []
    out = Path(SHOTS) if SHOTS else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)


def test_pages_are_fast(page, server):
    """The server's CPU time per page (its Server-Timing header), which the machine's other load
    does not inflate, under 300 ms; and a loose wall-clock guard for the whole load. The issue's
    300 ms on 10,000 events is measured by benchmarks/api_pages.py (benchmarks/api_pages.md)."""
    for name, url in PAGES.items():
        if name == "api-docs":
            continue
        cpu, wall = [], []
        for _ in range(3):
            response = page.goto(server.url + url, wait_until="load")
            timing = dict(part.strip().split(";dur=") for part in response.headers["server-timing"].split(","))
            cpu.append(float(timing["cpu"]))
            nav = json.loads(page.evaluate("() => JSON.stringify(performance.getEntriesByType('navigation')[0])"))
            wall.append(nav["loadEventEnd"] - nav["startTime"])
        assert min(cpu) < 300, (name, cpu)
        assert min(wall) < 5000, (name, wall)


def test_apply_a_filter(page, server):
    page.goto(server.url + "/events")
    assert page.locator("table.events tbody tr").count() == 8
    page.select_option("select[name=event_type]", "ASSAULT")
    page.fill("input[name=actor_country]", "rus")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "event_type=ASSAULT" in page.url and "actor_country=rus" in page.url
    assert "quad_code" not in page.url  # empty fields are left out (app.js; the server ignores them anyway)
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    assert set(rows.locator("a.rowlink").all_inner_texts()) == {"ASSAULT"}
    # The form keeps what was chosen; sorting keeps the filter.
    assert page.locator("select[name=event_type]").input_value() == "ASSAULT"
    with page.expect_navigation():
        page.click("th a:has-text('Place')")
    assert "event_type=ASSAULT" in page.url and "sort=place" in page.url
    assert page.locator("table.events tbody tr").count() == 2


def _marks(page):
    return page.evaluate("""() => Array.from(document.querySelectorAll('#sentence mark')).map(m => ({
        roles: m.dataset.roles.split(' '), start: +m.dataset.start, end: +m.dataset.end,
        text: m.firstChild.textContent}))""")


def test_open_an_event_and_check_its_highlights(page, server):
    page.goto(server.url + "/events?event_type=ASSAULT&sort=type")
    with page.expect_navigation():
        page.locator("a.rowlink").first.click()
    event_id = page.url.rsplit("/", 1)[1]
    api = page.request.get(f"{server.url}/api/events/{event_id}").json()
    text = api["document"]["text"]
    e = api["event"]
    marks = _marks(page)
    assert marks, "no highlights"
    for m in marks:
        assert text[m["start"]:m["end"]] == m["text"]  # every highlight shows the characters at its offsets
    by_role: dict[str, str] = {}
    for m in marks:
        for r in m["roles"]:
            by_role[r] = by_role.get(r, "") + m["text"]
    expected = {"trigger": text[e["trigger_start"]:e["trigger_end"]], "place": text[e["place_start"]:e["place_end"]]}
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        expected[role] = "".join(text[a["start_char"]:a["end_char"]] for a in e[key])
    assert by_role == expected
    assert by_role["trigger"] == "shelled" and by_role["place"] == "Kharkiv"
    # The whole sentence is there, in order, highlighted or not.
    assert page.inner_text("#sentence").replace("(actor)", "").strip() != ""
    sentence = page.evaluate("""() => Array.from(document.querySelector('#sentence').childNodes)
        .map(n => n.nodeType === 3 ? n.textContent : n.firstChild.textContent).join('')""")
    assert sentence == e["sentence"]
    # The other article that reports the same shelling is listed and opens.
    other = page.locator("section[aria-labelledby=linked-h] tbody a")
    assert other.count() == 1
    with page.expect_navigation():
        other.click()
    assert page.url.endswith("/events/wire-2-e1") or page.url.endswith("/events/wire-1-e1")


def test_highlights_overlap_and_spans_outside_the_sentence(page, server):
    # wire-1-e2: the recipient ("Russian forces") is named in the sentence before: not highlighted here.
    page.goto(server.url + "/events/wire-1-e2")
    marks = _marks(page)
    assert {r for m in marks for r in m["roles"]} == {"actor", "trigger"}
    assert [m["text"] for m in marks if "actor" in m["roles"]] == ["Ukrainian President Volodymyr Zelenskyy"]


def test_keyboard_navigation(page, server):
    page.goto(server.url + "/events")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.className") == "rowlink"
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.getAttribute('href')") == second
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(second)
    page.goto(server.url + "/events")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "text-search"
    page.keyboard.type("tear gas")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("table.events tbody tr").count() == 3


def test_table_and_event_pages_work_without_javascript(page_no_js, server, requests_seen):
    page = page_no_js
    page.goto(server.url + "/events")
    assert page.locator("table.events tbody tr").count() == 8
    page.select_option("select[name=quad_code]", "4")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "quad_code=4" in page.url
    assert page.locator("table.events tbody tr").count() == 5
    with page.expect_navigation():  # sorting is a link
        page.click("th a:has-text('Type')")
    assert "sort=type" in page.url and "quad_code=4" in page.url
    page.goto(server.url + "/events/wire-2-e1")
    assert page.locator("#sentence mark").count() >= 4
    assert "Wire Two" in page.inner_text("main")
    assert requests_seen.outside == []
