"""An entity a coding convention supplied (start == end, "implicit": true) is shown as implied, never marked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from communique.link.incremental import link_pending
from communique.records import Actor, Mention
from communique.store.duckdb import Store
from tests.link.corpus import Ev, Sent, day, doc

TEXT = "Thousands of fishermen protested in Reykjavik on 2025-03-22."


@pytest.fixture(scope="module")
def implicit_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from communique.serve.app import create_app

    ex = doc("en", [Sent(TEXT, (Ev("PROTEST", "protested", (("ISL", "fishermen", None),), when=day("2025-03-22")),))],
             published="2025-03-22", outlet="North Atlantic Post")
    # PLOVER's convention: a domestic protest is aimed at the actor's own government, named nowhere
    at = ex.events[0].trigger_start
    government = Mention(at, at, "", "actor", Actor("ISL/GOV", "Iceland", "ISL", "GOV"))
    ex = replace(ex, events=(replace(ex.events[0], recipients=(government,)),))
    db = tmp_path_factory.mktemp("implicit") / "i.duckdb"
    with Store(db) as st:
        st.write([ex])
        link_pending(st)
    with TestClient(create_app(db, warm=False)) as c:
        yield c


def test_the_api_gives_the_implicit_recipient_without_a_span(implicit_client: Any):
    [item] = implicit_client.get("/api/events").json()["items"]
    [m] = implicit_client.get(f"/api/events/{item['event_id']}").json()["mentions"]
    assert [(e["code"], e["implicit"], e["start"], e["end"]) for e in m["recipient"]] == [("ISL", True, None, None)]
    assert sorted((s["kind"], m["sentence"][s["start"]:s["end"]]) for s in m["spans"]) == \
        [("actor", "fishermen"), ("trigger", "protested")]


def test_the_page_says_implied_and_marks_only_words_of_the_text(implicit_client: Any):
    [item] = implicit_client.get("/api/events").json()["items"]
    page = implicit_client.get(f"/events/{item['event_id']}").text
    assert '<span class="entity recipient">ISL/GOV (implied by coding convention)</span>' in page
    assert page.count("<mark ") == 2 and '<mark class="recipient"' not in page
