"""Alerts through the API and on the dashboard, each with its evidence, over the analyses' corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.analyse.corpus import analysis_store


@pytest.fixture(scope="module")
def alerts_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from communique.serve.app import create_app

    db = analysis_store(tmp_path_factory.mktemp("alerts") / "a.duckdb")
    with TestClient(create_app(Path(db), warm=False)) as c:
        yield c


def test_alerts_of_every_kind_with_their_sentences(alerts_client: Any):
    found = alerts_client.get("/api/alerts").json()
    kinds = {a["kind"] for a in found["items"]}
    assert kinds == {"surge", "copresence", "reciprocity", "triangle"}
    [gap] = [a for a in found["items"] if a["kind"] == "reciprocity"]
    assert gap["title"].startswith("BLR → PRK:") and gap["actors"] == ["BLR", "PRK"]
    assert gap["evidence"] and all(x["event_id"] in gap["event_ids"] for x in gap["evidence"])
    assert any(x["sentence"] == "Shestakov arrived in North Korea on 2024-04-16." for x in gap["evidence"])
    only = alerts_client.get("/api/alerts", params={"kind": "copresence"}).json()
    assert {a["kind"] for a in only["items"]} == {"copresence"} and only["total"] == len(only["items"])
    page = alerts_client.get("/api/alerts", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == found["total"] and page["items"] == found["items"][1:2]


def test_the_dashboard_lists_alerts_with_evidence(alerts_client: Any):
    page = alerts_client.get("/").text
    section = page[page.index('<section id="alerts"'):]
    for kind in ("surge", "copresence", "reciprocity", "triangle"):
        assert f'<li class="alert {kind}">' in section
    assert "Shestakov arrived in North Korea on 2024-04-16." in section
    assert section.count('<a class="event-link"') >= 4


@pytest.fixture(scope="module")
def alerts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from communique.serve.app import create_app
    from tests.serve.conftest import live

    db = analysis_store(tmp_path_factory.mktemp("alerts-live") / "a.duckdb")
    yield from live(create_app(Path(db), warm=False))


def test_an_alerts_event_opens_in_the_panel(page: Any, alerts_url: str):
    page.goto(alerts_url + "/")
    gap = page.locator("#alerts li.alert.reciprocity")
    assert gap.locator("p").inner_text().startswith("reciprocity BLR → PRK:")
    link = gap.locator("a.event-link").first
    event_id = link.get_attribute("data-event-id")
    link.click()
    page.wait_for_selector(f"#event-panel article.event[data-event-id={event_id}]")
    assert page.inner_text("#event-panel h2 .cat") == "CONSULT:visit"
    assert page.problems == []
