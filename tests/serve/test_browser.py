"""The dashboard in headless Chromium: it loads, the charts render, events open, filters work, article
text stays inert, and a screenshot of the main page shows its parts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import HOSTILE, HOSTILE_SENTENCES
from tests.serve.corpus import AID_DE, AID_EN

HEADER = (0x22, 0x31, 0x3F)  # the top bar
NODE = (0x4E, 0x79, 0xA7)  # network markers
ACCUSE = (0xF2, 0x8E, 0x2B)  # its bars in the timeline


def wait_for_charts(page: Any) -> None:
    page.wait_for_selector("#timeline-chart[data-state=drawn]", timeout=20_000)
    page.wait_for_selector("#network-chart[data-state=drawn]", timeout=20_000)


def api(page: Any, url: str) -> Any:
    return page.request.get(url).json()


def test_dashboard_loads_on_the_sample_corpus(page: Any, sample_url: str):
    summary = api(page, sample_url + "/api/summary")
    events = api(page, sample_url + "/api/events")
    net = api(page, sample_url + "/api/network?limit=80")
    page.goto(sample_url + "/")
    wait_for_charts(page)
    assert page.inner_text("#summary").split()[:8] == [str(summary["documents"]), "documents",
                                                       str(summary["event_mentions"]), "reports",
                                                       str(summary["events"]), "events", str(summary["problems"]),
                                                       "problems"]
    assert page.locator("#timeline-chart g.trace.bars g.point path").count() >= 1
    assert page.get_attribute("#network-chart", "data-nodes") == str(len(net["nodes"]))
    assert page.locator("#events-table tbody tr").count() == min(events["total"], 50)
    assert page.problems == []


def test_timeline_network_table_and_alerts(page: Any, fixed_url: str):
    page.goto(fixed_url + "/")
    wait_for_charts(page)
    # timeline: the strongest pair by default, March 2025 stacked by category
    assert page.get_attribute("#timeline-chart", "data-pair") == "BLR|LVA"
    assert page.locator("#timeline-chart g.trace.bars g.point path").count() == 3
    assert page.inner_text("#timeline-note").startswith("3 events;")
    # network: one marker per actor, labelled with its code
    assert page.get_attribute("#network-chart", "data-nodes") == "8"
    assert page.locator("#network-chart g.scatterlayer g.trace:last-child path.point").count() == 8
    labels = page.locator("#network-chart g.scatterlayer g.trace:last-child g.textpoint text").evaluate_all(
        "els => els.map(e => e.textContent)")
    assert sorted(labels) == ["AFG", "AUT", "BLR", "DEU", "KAZ", "LVA", "SRB", "UZB"]
    assert page.locator("#events-table tbody tr").count() == 7
    assert page.inner_text("#events-count") == "7 events"
    assert "No alerts" in page.inner_text("#alerts")
    assert page.problems == []


def test_clicking_an_event_shows_its_sentences_with_trigger_and_actors(page: Any, fixed_url: str):
    [aid] = api(page, fixed_url + "/api/events?actor=KAZ")["items"]
    page.goto(fixed_url + "/")
    page.click(f"#events-table tr[data-event-id={aid['event_id']}] td.who")
    panel = page.locator(f"#event-panel article.event[data-event-id={aid['event_id']}]")
    panel.wait_for(timeout=10_000)
    assert page.get_attribute(f"#events-table tr[data-event-id={aid['event_id']}]", "class") == "selected"
    sentences = panel.locator("blockquote.sentence")
    assert sentences.all_inner_texts() == [AID_DE, AID_EN]
    assert [sentences.nth(i).get_attribute("lang") for i in range(2)] == ["de", "en"]
    german = sentences.nth(0)
    assert german.locator("mark.trigger").all_inner_texts() == ["geschickt"]
    assert german.locator("mark.actor").all_inner_texts() == ["Kasachstan"]
    assert german.locator("mark.recipient").all_inner_texts() == ["Afghanistan"]
    assert german.locator("mark.actor").get_attribute("title") == "KAZ GOV"
    assert sentences.nth(1).locator("mark.trigger").all_inner_texts() == ["sent"]
    assert panel.locator("dd.languages").inner_text() == "de, en"
    assert panel.locator("dd.outlets").inner_text() == "Atlantic Wire; Rheinischer Bote"
    assert panel.locator("dd.date").inner_text() == "2025-03-24 (day)"
    assert panel.locator("dd.modality").inner_text() == "reported as done"
    assert panel.locator(".source .outlet").all_inner_texts() == ["Rheinischer Bote", "Atlantic Wire"]
    assert page.problems == []


def test_modality_is_shown_for_a_planned_event(page: Any, fixed_url: str):
    page.goto(fixed_url + "/?aux=future")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == 1
    rows.first.click()
    page.wait_for_selector("#event-panel article.event")
    assert page.inner_text("#event-panel dd.modality") == "future"
    assert page.inner_text("#event-panel dd.date") == "not given"
    assert page.inner_text("#event-panel li.mention .aux") == "[future]"


def test_filters_narrow_the_table(page: Any, fixed_url: str):
    page.goto(fixed_url + "/")
    page.fill("#filters input[name=actor]", "LVA")
    page.select_option("#filters select[name=category]", "ACCUSE")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/?*actor=LVA*")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == 1 and page.inner_text("#events-count") == "1 event"
    assert rows.first.locator("td.cat").inner_text() == "ACCUSE"
    assert rows.first.locator("td.who").inner_text() == "LVA → BLR"
    page.goto(fixed_url + "/")
    page.select_option("#filters select[name=lang]", "ru")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/?*lang=ru*")
    assert page.locator("#events-table td.cat").all_inner_texts() == ["CONSULT:visit", "REJECT"]
    assert page.locator("#events-table td.langs").all_inner_texts() == ["ru", "ru"]
    page.fill("#filters input[name=q]", "Латвии")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/?*q=*")
    assert page.locator("#events-table td.sentence").all_inner_texts() == [
        "Белоруссия 19 марта отвергла обвинения Латвии."]
    page.fill("#filters input[name=since]", "2025-13")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#filter-error")
    assert page.inner_text("#filter-error") == "since=2025-13: not a date; use YYYY-MM-DD, YYYY-MM or YYYY"


def test_timeline_form_redraws_for_another_pair(page: Any, fixed_url: str):
    page.goto(fixed_url + "/")
    wait_for_charts(page)
    page.fill("#timeline-form input[name=a]", "KAZ")
    page.fill("#timeline-form input[name=b]", "Afghanistan")
    page.click("#timeline-form button[type=submit]")
    page.wait_for_selector("#timeline-chart[data-pair='KAZ|Afghanistan']")
    assert page.locator("#timeline-chart g.trace.bars g.point path").count() == 1
    page.fill("#timeline-form input[name=b]", "Atlantis")
    page.click("#timeline-form button[type=submit]")
    page.wait_for_selector("#timeline-chart[data-state=error]")
    assert "no event names 'Atlantis'" in page.inner_text("#timeline-note")


def test_article_markup_and_script_stay_text(page: Any, hostile_url: str):
    page.goto(hostile_url + "/")
    wait_for_charts(page)
    cells = page.locator("#events-table td.sentence").all_inner_texts()
    assert sorted(cells) == sorted(HOSTILE_SENTENCES)
    for row in page.locator("#events-table tbody tr").all():
        row.click()
        page.wait_for_selector(f"#event-panel article.event[data-event-id={row.get_attribute('data-event-id')}]")
        sentence = page.inner_text("#event-panel blockquote.sentence")
        assert sentence in HOSTILE_SENTENCES
        # inside a sentence only the highlights are elements; the source line holds no markup of the article
        assert page.locator("#event-panel blockquote.sentence *:not(mark)").count() == 0
        assert page.locator("#event-panel img, #event-panel script, #event-panel svg, #event-panel .source b, "
                            "#event-panel .source i").count() == 0
        assert page.locator("#event-panel a[href^='javascript']").count() == 0
        if sentence.startswith("Finland"):
            assert page.inner_text("#event-panel .outlet") == HOSTILE[0]["outlet"]
            assert page.inner_text("#event-panel .title") == HOSTILE[0]["title"]
            assert page.locator("#event-panel .title").evaluate("e => e.tagName") == "SPAN"  # no link made
        else:
            assert page.inner_text("#event-panel .title") == HOSTILE[1]["title"]
            assert page.get_attribute("#event-panel a.title", "href") == HOSTILE[1]["url"]
    ids = page.locator("#events-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.eventId)")
    for path in [f"/events/{e}" for e in ids] + ["/documents"]:
        page.goto(hostile_url + path)
        assert page.locator("main img, main script, main svg, main b[onmouseover], main i").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
    assert sorted(page.locator("#documents-table a").all_inner_texts()) == sorted(a["title"] for a in HOSTILE)
    for href in page.locator("#documents-table a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        page.goto(hostile_url + href)
        text = page.inner_text("main .text")
        assert text in (HOSTILE[0]["text"], HOSTILE[1]["text"])
        assert page.locator("main img, main script, main svg").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not [p for p in page.problems if p.startswith(("dialog", "pageerror"))]


def test_screenshot_of_the_main_page(page: Any, fixed_url: str, tmp_path: Path):
    image_module = pytest.importorskip("PIL.Image", reason="the screenshot check needs Pillow (dev extra)")
    page.goto(fixed_url + "/")
    wait_for_charts(page)
    page.wait_for_timeout(300)
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    img = image_module.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert img.width == 1400 and img.height > 1000

    def pixels(box: dict[str, float], colour: tuple[int, int, int], slack: int = 6) -> int:
        crop = img.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]),
                         int(box["y"] + box["height"])))
        return sum(n for n, c in crop.getcolors(1 << 20) or [] if all(abs(a - b) <= slack for a, b in
                                                                          zip(c, colour, strict=True)))

    header = page.locator("header.top").bounding_box()
    assert pixels(header, HEADER) > 0.8 * header["width"] * header["height"]
    timeline = page.locator("#timeline-chart").bounding_box()
    assert pixels(timeline, ACCUSE) > 2000  # the bar is drawn, in its category's colour
    network = page.locator("#network-chart").bounding_box()
    assert pixels(network, NODE) > 8 * 40  # every node is a visible disc
    table = page.locator("#events-table").bounding_box()
    assert table["height"] > 7 * 20 and pixels(table, (255, 255, 255)) > 0.5 * table["width"] * table["height"]
