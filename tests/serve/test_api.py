"""Every API route over the sample corpus, with exact content, and refusals of bad parameters."""

from __future__ import annotations

from typing import Any

import pytest

KAZ_AID = "e644d332a78aed9b3"  # the Kazakh aid train: two documents, German and English


def test_summary_counts_the_sample_store(client: Any):
    r = client.get("/api/summary")
    assert r.status_code == 200
    s = r.json()
    assert (s["documents"], s["event_mentions"], s["events"], s["problems"]) == (18, 27, 21, 0)
    assert s["languages"] == {"en": 7, "de": 7, "ru": 4}
    assert (s["first"], s["last"]) == ("2025-03-06", "2025-03-28")
    assert s["categories"]["REQUEST"] == 7 and sum(s["categories"].values()) == 21


def test_events_lists_linked_events_in_date_order(client: Any):
    page = client.get("/api/events", params={"limit": 5}).json()
    assert (page["total"], page["limit"], page["offset"]) == (21, 5, 0)
    assert [e["date"] or e["first_report"] for e in page["items"]] == \
        ["2025-03-06", "2025-03-12", "2025-03-13", "2025-03-13", "2025-03-17"]
    first = page["items"][0]
    assert (first["event"], first["mode"], first["actor"], first["recipient"]) == ("CONSULT", "visit", ["DEU"], ["UZB"])
    assert first["sentence"] == "В четверг немецкая делегация отправится в Ташкент." and first["sentence_lang"] == "ru"
    newest = client.get("/api/events", params={"limit": 1, "sort": "-date"}).json()["items"][0]
    assert (newest["event"], newest["actor"], newest["recipient"]) == ("REJECT", ["AUT"], ["SRB"])


def test_events_pages_do_not_overlap(client: Any):
    a = client.get("/api/events", params={"limit": 10}).json()["items"]
    b = client.get("/api/events", params={"limit": 10, "offset": 10}).json()["items"]
    c = client.get("/api/events", params={"limit": 10, "offset": 20}).json()["items"]
    ids = [e["event_id"] for e in a + b + c]
    assert len(ids) == 21 == len(set(ids))
    assert client.get("/api/events", params={"offset": 100}).json()["items"] == []


@pytest.mark.parametrize(("params", "total"), [
    ({"actor": "KAZ"}, 1),
    ({"actor": "kaz"}, 1),
    ({"actor": "Kasachstan"}, 1),  # a name as the German text writes it
    ({"recipient": "AFG"}, 1),
    ({"actor": "LVA", "recipient": "BLR"}, 3),
    ({"participant": ["BLR", "LVA"]}, 5),
    ({"category": "REJECT"}, 3),
    ({"category": "reject"}, 3),
    ({"lang": "ru"}, 9),
    ({"lang": "de", "category": "AID"}, 1),
    ({"q": "frigate"}, 1),
    ({"q": "FRIGATE"}, 1),
    ({"since": "2025-03-20"}, 9),
    ({"until": "2025-03-12"}, 2),
    ({"since": "2025-03", "until": "2025-03"}, 21),
    ({"aux": "future"}, 1),
    ({"aux": "negation"}, 1),
    ({"aux": "done"}, 19),
    ({"actor": "nobody-writes-this"}, 0),
])
def test_event_filters(client: Any, params: dict[str, Any], total: int):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == total


def test_a_code_is_not_read_as_part_of_a_name(client: Any):
    # "rus" is in "Belarus": a code the store knows is matched as a code only
    items = client.get("/api/events", params={"actor": "rus", "limit": 200}).json()["items"]
    assert items and all("RUS" in e["actor"] for e in items)
    assert not any("BLR" in e["actor"] and "RUS" not in e["actor"] for e in items)


def test_filtered_events_match_the_filter(client: Any):
    items = client.get("/api/events", params={"participant": ["BLR", "LVA"]}).json()["items"]
    assert all({"BLR", "LVA"} <= set(e["actor"]) | set(e["recipient"]) for e in items)
    assert {e["event"] for e in items} == {"ACCUSE", "AGREE", "REJECT", "REQUEST"}
    [frigate] = client.get("/api/events", params={"q": "frigate"}).json()["items"]
    assert (frigate["event"], frigate["aux"], frigate["actor"]) == ("AID", "future", ["NLD"])


def test_one_event_with_its_sentences_and_spans(client: Any):
    r = client.get(f"/api/events/{KAZ_AID}")
    assert r.status_code == 200
    ev = r.json()
    assert (ev["event"], ev["actor"], ev["recipient"], ev["date"]) == ("AID", ["KAZ"], ["AFG"], "2025-03-24")
    assert ev["languages"] == ["de", "en"] and ev["sources"] == ["Atlantic Wire", "Rheinischer Bote – Außenpolitik"]
    assert (ev["n_mentions"], ev["n_documents"], ev["aux"]) == (3, 2, None)
    assert [m["lang"] for m in ev["mentions"]] == ["de", "en", "en"]
    de = ev["mentions"][0]
    assert de["sentence"] == "Kasachstan hat am Montag einen Zug mit humanitärer Hilfe nach Afghanistan geschickt."
    assert de["outlet"] == "Rheinischer Bote – Außenpolitik" and de["published"] == "2025-03-25"
    marked = {s["kind"]: de["sentence"][s["start"]:s["end"]] for s in de["spans"]}
    assert marked == {"trigger": "geschickt", "actor": "Kasachstan", "recipient": "Afghanistan"}
    en = ev["mentions"][2]
    assert {s["kind"]: en["sentence"][s["start"]:s["end"]] for s in en["spans"]} == \
        {"trigger": "sent", "actor": "Kazakhstan", "recipient": "Afghanistan"}
    assert [(e["code"], e["text"], e["implicit"]) for e in en["actor"]] == [("KAZ", "Kazakhstan", False)]


def test_unknown_event_is_404(client: Any):
    r = client.get("/api/events/e0000000000000000")
    assert r.status_code == 404 and r.json() == {"detail": "e0000000000000000: no such event"}


def test_actors_with_their_name_variants(client: Any):
    page = client.get("/api/actors", params={"code": "lva"}).json()
    [lva] = page["items"]
    assert (lva["actor_id"], lva["country"], lva["mentions"], lva["events"]) == ("LVA/GOV", "Latvia", 6, 6)
    assert {(v["text"], v["lang"]) for v in lva["variants"]} == \
        {("Latvia", "en"), ("Латвии", "ru"), ("Латвия", "ru"), ("Рига", "ru"), ("латвийской стороны", "ru")}
    by_name = client.get("/api/actors", params={"q": "Рига"}).json()["items"]
    assert [a["actor_id"] for a in by_name] == ["LVA/GOV"]
    everyone = client.get("/api/actors", params={"limit": 200}).json()
    assert everyone["total"] == len(everyone["items"]) == 22
    assert everyone["items"][0]["actor_id"] == "RUS/GOV"  # the most named


def test_timeline_of_a_dyad(client: Any):
    tl = client.get("/api/timeline", params={"a": "BLR", "b": "LVA"}).json()
    assert (tl["a"], tl["b"], tl["by"], tl["events"]) == ("BLR", "LVA", "month", 1)
    [p] = tl["periods"]
    assert (p["label"], p["start"], p["end"], p["by_category"], p["conflict"], p["score"]) == \
        ("2025-03", "2025-03-01", "2025-03-31", {"ACCUSE": 1}, 1, -3.5)
    undated = client.get("/api/timeline", params={"a": "BLR", "b": "LVA", "undated": "true", "by": "week"}).json()
    assert undated["events"] == 5 and [p["label"] for p in undated["periods"]] == ["2025-W12"]
    by_name = client.get("/api/timeline", params={"a": "Kasachstan", "b": "AFG"}).json()
    assert by_name["events"] == 1 and by_name["periods"][0]["by_category"] == {"AID": 1}


def test_network(client: Any):
    net = client.get("/api/network").json()
    assert net["total_edges"] == len(net["edges"]) == 9 and len(net["nodes"]) == 17
    top = net["edges"][0]
    assert (top["source"], top["target"], top["events"], top["conflict"], top["cooperation"]) == \
        ("BLR", "LVA", 5, 4, 1)
    assert {n["id"]: n["name"] for n in net["nodes"]}["BLR"] == "Belarus"
    cut = client.get("/api/network", params={"limit": 1}).json()
    assert [(e["source"], e["target"]) for e in cut["edges"]] == [("BLR", "LVA")]
    assert {n["id"] for n in cut["nodes"]} == {"BLR", "LVA"} and cut["total_edges"] == 9
    # the Dutch aid is only announced (aux future): the network counts what was done
    assert client.get("/api/network", params={"category": "AID"}).json()["total_edges"] == 1


def test_alerts_on_the_sample_corpus_are_none(client: Any):
    # a month of news has no history for surges, and no pattern of visits
    assert client.get("/api/alerts").json() == {"total": 0, "limit": 100, "offset": 0, "items": []}


def test_documents_and_one_document(client: Any):
    page = client.get("/api/documents", params={"limit": 3}).json()
    assert page["total"] == 18 and len(page["items"]) == 3
    assert page["items"][0]["published"] == "2025-03-28"  # newest first
    rss = client.get("/api/documents", params={"q": "Hilfsgüter"}).json()
    [doc] = rss["items"]
    assert (doc["lang"], doc["outlet"], doc["events"], doc["problems"]) == \
        ("de", "Rheinischer Bote – Außenpolitik", 1, 0)
    full = client.get(f"/api/documents/{doc['id']}").json()
    assert "Kasachstan hat am Montag einen Zug mit humanitärer Hilfe nach Afghanistan geschickt." in full["text"]
    assert full["event_ids"] == [KAZ_AID] and full["problem_list"] == []
    assert client.get("/api/documents", params={"lang": "ru"}).json()["total"] == 4
    assert client.get("/api/documents/nope").status_code == 404


def test_problems(client: Any):
    assert client.get("/api/problems").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}


@pytest.mark.parametrize(("path", "params", "status", "words"), [
    ("/api/events", {"since": "2025-13"}, 400, "since=2025-13: not a date"),
    ("/api/events", {"until": "2025-02-30"}, 400, "until=2025-02-30: not a date"),
    ("/api/events", {"since": "yesterday"}, 422, "pattern"),
    ("/api/events", {"category": "HUG"}, 400, "category=HUG: not a PLOVER category"),
    ("/api/events", {"limit": 0}, 422, "greater than or equal to 1"),
    ("/api/events", {"limit": 201}, 422, "less than or equal to 200"),
    ("/api/events", {"offset": -1}, 422, "greater than or equal to 0"),
    ("/api/events", {"limit": "many"}, 422, "valid integer"),
    ("/api/events", {"sort": "random"}, 422, "'date', '-date' or 'reports'"),
    ("/api/events", {"aux": "maybe"}, 422, "'done'"),
    ("/api/events", {"lang": "english"}, 422, "pattern"),
    ("/api/events", {"actor": "x" * 101}, 422, "at most 100 characters"),
    ("/api/events", {"q": "a\x00b"}, 400, "NUL"),
    ("/api/timeline", {"a": "BLR"}, 422, "Field required"),
    ("/api/timeline", {"a": "BLR", "b": "Nobody Atall"}, 400, "no event names 'Nobody Atall'"),
    ("/api/timeline", {"a": "BLR", "b": "LVA", "by": "decade"}, 422, "'week', 'month', 'quarter' or 'year'"),
    ("/api/timeline", {"a": " ", "b": "LVA"}, 400, "give two actors"),
    ("/api/network", {"min_events": 0}, 422, "greater than or equal to 1"),
    ("/api/network", {"category": "nope"}, 400, "not a PLOVER category"),
    ("/api/alerts", {"kind": "storm"}, 422, "'surge', 'copresence', 'reciprocity' or 'triangle'"),
    ("/api/alerts", {"alpha": 2}, 422, "less than or equal to 1"),
    ("/api/actors", {"code": "LATVIA"}, 422, "pattern"),
    ("/api/documents", {"limit": 1000}, 422, "less than or equal to 200"),
    ("/api/problems", {"stage": "READ!"}, 422, "pattern"),
])
def test_bad_parameters_are_refused_with_a_clear_4xx(client: Any, path: str, params: dict[str, Any], status: int,
                                                      words: str):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    assert words in r.text


def test_the_api_is_read_only(client: Any):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405


def test_openapi_schema_documents_every_route(client: Any):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/api/summary", "/api/events", "/api/events/{event_id}", "/api/actors",
                                    "/api/timeline", "/api/network", "/api/alerts", "/api/documents",
                                    "/api/documents/{doc_id}", "/api/problems"}
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert params == {"actor", "recipient", "participant", "category", "since", "until", "lang", "q", "aux", "sort",
                      "limit", "offset"}


def test_answers_carry_security_headers_and_repeat_from_the_cache(client: Any):
    first = client.get("/api/events", params={"actor": "RUS", "limit": 3})
    again = client.get("/api/events", params={"actor": "RUS", "limit": 3})
    assert first.content == again.content
    for r in (first, again):
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-type"] == "application/json"
