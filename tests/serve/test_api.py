"""Every API route over the hand-coded corpus (tests/serve/corpus.py), with exact content, and refusals
of bad parameters; the sample corpus is served too."""

from __future__ import annotations

from typing import Any

import pytest

from tests.serve.corpus import AID_DE, AID_EN


def event_id(client: Any, **params: Any) -> str:
    [item] = client.get("/api/events", params=params).json()["items"]
    return str(item["event_id"])


def test_summary_counts_the_store(client: Any):
    s = client.get("/api/summary").json()
    assert (s["documents"], s["event_mentions"], s["events"], s["problems"]) == (8, 8, 7, 2)
    assert s["languages"] == {"en": 4, "ru": 2, "de": 2}
    assert (s["first"], s["last"]) == ("2025-03-06", "2025-03-27")
    assert s["categories"] == {"CONSULT": 2, "REJECT": 2, "ACCUSE": 1, "AID": 1, "REQUEST": 1}


def test_the_sample_corpus_is_served(sample_client: Any):
    s = sample_client.get("/api/summary").json()
    assert s["documents"] == 18 and s["events"] > 0
    page = sample_client.get("/api/events", params={"limit": 200}).json()
    assert page["total"] == s["events"] == len(page["items"])


def test_events_in_date_order_each_with_its_best_sentence(client: Any):
    page = client.get("/api/events").json()
    assert (page["total"], page["limit"], page["offset"]) == (7, 50, 0)
    assert [(e["date"] or e["first_report"], e["event"], e["actor"], e["recipient"]) for e in page["items"]] == [
        ("2025-03-06", "CONSULT", ["DEU"], ["UZB"]), ("2025-03-17", "ACCUSE", ["LVA"], ["BLR"]),
        ("2025-03-17", "CONSULT", ["NLD"], ["EST"]), ("2025-03-18", "REQUEST", ["LVA"], ["BLR"]),
        ("2025-03-19", "REJECT", ["BLR"], ["LVA"]), ("2025-03-24", "AID", ["KAZ"], ["AFG"]),
        ("2025-03-27", "REJECT", ["AUT"], ["SRB"])]
    first = page["items"][0]
    assert (first["sentence"], first["sentence_lang"], first["trigger"]) == \
        ("Немецкая делегация прибыла в Ташкент 6 марта.", "ru", "прибыла")
    newest = client.get("/api/events", params={"sort": "-date", "limit": 1}).json()["items"][0]
    assert (newest["event"], newest["actor"]) == ("REJECT", ["AUT"])
    most = client.get("/api/events", params={"sort": "reports", "limit": 1}).json()["items"][0]
    assert (most["event"], most["n_documents"], most["languages"]) == ("AID", 2, ["de", "en"])


def test_pages_do_not_overlap(client: Any):
    pages = [client.get("/api/events", params={"limit": 3, "offset": o}).json()["items"] for o in (0, 3, 6)]
    ids = [e["event_id"] for p in pages for e in p]
    assert [len(p) for p in pages] == [3, 3, 1] and len(set(ids)) == 7
    assert client.get("/api/events", params={"offset": 100}).json() == {"total": 7, "limit": 50, "offset": 100,
                                                                          "items": []}


@pytest.mark.parametrize(("params", "events"), [
    ({"actor": "KAZ"}, ["AID"]),
    ({"actor": "kaz"}, ["AID"]),
    ({"actor": "Kasachstan"}, ["AID"]),  # a name as the German text writes it
    ({"recipient": "AFG"}, ["AID"]),
    ({"actor": "LVA", "recipient": "BLR"}, ["ACCUSE", "REQUEST"]),
    ({"actor": "Латвии"}, []),  # named, but as the recipient
    ({"recipient": "Латвии"}, ["REJECT"]),
    ({"participant": ["BLR", "LVA"]}, ["ACCUSE", "REQUEST", "REJECT"]),
    ({"participant": ["BLR", "KAZ"]}, []),
    ({"category": "REJECT"}, ["REJECT", "REJECT"]),
    ({"category": "reject"}, ["REJECT", "REJECT"]),
    ({"lang": "ru"}, ["CONSULT", "REJECT"]),
    ({"lang": "de", "category": "AID"}, ["AID"]),
    ({"q": "migrants"}, ["ACCUSE"]),
    ({"q": "MIGRANTS"}, ["ACCUSE"]),
    ({"q": "flour and medicine"}, ["AID"]),
    ({"since": "2025-03-20"}, ["AID", "REJECT"]),
    ({"until": "2025-03-17"}, ["CONSULT", "ACCUSE", "CONSULT"]),  # the undated visit by its first report
    ({"since": "2025-03", "until": "2025-03"}, ["CONSULT", "ACCUSE", "CONSULT", "REQUEST", "REJECT", "AID",
                                                "REJECT"]),
    ({"since": "2024", "until": "2024"}, []),
    ({"aux": "future"}, ["CONSULT"]),
    ({"aux": "done"}, ["CONSULT", "ACCUSE", "REQUEST", "REJECT", "AID", "REJECT"]),
    ({"aux": "negation"}, []),
    ({"actor": "nobody writes this"}, []),
])
def test_event_filters(client: Any, params: dict[str, Any], events: list[str]):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    page = r.json()
    assert [e["event"] for e in page["items"]] == events and page["total"] == len(events)


def test_a_code_is_not_read_as_part_of_a_name(client: Any):
    # "lva" is no part of a name here, but "est" is in "Estonia" and "aut" in "Außen…": a code the
    # store knows is matched as a code only
    assert [e["actor"] for e in client.get("/api/events", params={"participant": "est"}).json()["items"]] == \
        [["NLD"]]
    assert client.get("/api/events", params={"q": "Est"}).json()["total"] == 1  # words of sentences stay words


def test_one_event_with_its_reports_sentences_and_spans(client: Any):
    aid = event_id(client, actor="KAZ")
    ev = client.get(f"/api/events/{aid}").json()
    assert (ev["event"], ev["actor"], ev["recipient"], ev["date"], ev["aux"]) == ("AID", ["KAZ"], ["AFG"],
                                                                                  "2025-03-24", None)
    assert ev["languages"] == ["de", "en"] and ev["sources"] == ["Atlantic Wire", "Rheinischer Bote"]
    assert (ev["n_mentions"], ev["n_documents"]) == (2, 2)
    de, en = ev["mentions"]
    assert (de["lang"], de["sentence"], de["outlet"], de["published"], de["title"]) == \
        ("de", AID_DE, "Rheinischer Bote", "2025-03-25", "Kasachstan schickt Hilfsgüter")
    assert {s["kind"]: de["sentence"][s["start"]:s["end"]] for s in de["spans"]} == \
        {"trigger": "geschickt", "actor": "Kasachstan", "recipient": "Afghanistan"}
    assert (en["sentence"], en["date"], en["date_text"]) == (AID_EN, "2025-03-24", "on Monday")
    assert {s["kind"]: en["sentence"][s["start"]:s["end"]] for s in en["spans"]} == \
        {"trigger": "sent", "actor": "Kazakhstan", "recipient": "Afghanistan"}
    assert [(e["code"], e["text"], e["implicit"], e["start"], e["end"]) for e in en["actor"]] == \
        [("KAZ", "Kazakhstan", False, 0, 10)]


def test_modality_of_a_planned_visit(client: Any):
    ev = client.get(f"/api/events/{event_id(client, aux='future')}").json()
    assert (ev["event"], ev["mode"], ev["aux"], ev["date"], ev["location"]) == ("CONSULT", "visit", "future",
                                                                                  None, "EST")
    assert ev["mentions"][0]["aux"] == "future"


def test_unknown_event_is_404(client: Any):
    r = client.get("/api/events/e0000000000000000")
    assert r.status_code == 404 and r.json() == {"detail": "e0000000000000000: no such event"}


def test_actors_with_their_name_variants(client: Any):
    [lva] = client.get("/api/actors", params={"code": "lva"}).json()["items"]
    assert (lva["actor_id"], lva["country"], lva["mentions"], lva["events"]) == ("LVA", "Latvia", 3, 3)
    assert [(v["text"], v["lang"], v["mentions"]) for v in lva["variants"]] == [("Latvia", "en", 2),
                                                                                  ("Латвии", "ru", 1)]
    [kaz] = client.get("/api/actors", params={"q": "kasachstan"}).json()["items"]
    assert {(v["text"], v["lang"]) for v in kaz["variants"]} == {("Kasachstan", "de"), ("Kazakhstan", "en")}
    everyone = client.get("/api/actors", params={"limit": 200}).json()
    assert everyone["total"] == len(everyone["items"]) == 10
    assert [a["actor_id"] for a in everyone["items"][:2]] == ["BLR", "LVA"]  # the most named first
    assert client.get("/api/actors", params={"limit": 5, "offset": 8}).json()["items"] == everyone["items"][8:]


def test_timeline_of_a_dyad(client: Any):
    tl = client.get("/api/timeline", params={"a": "BLR", "b": "LVA"}).json()
    assert (tl["a"], tl["b"], tl["by"], tl["events"]) == ("BLR", "LVA", "month", 3)
    [p] = tl["periods"]
    assert (p["label"], p["start"], p["end"], p["by_category"], p["conflict"], p["cooperation"], p["score"]) == \
        ("2025-03", "2025-03-01", "2025-03-31", {"ACCUSE": 1, "REQUEST": 1, "REJECT": 1}, 3, 0, -1.67)
    weeks = client.get("/api/timeline", params={"a": "LVA", "b": "BLR", "by": "week"}).json()
    assert [(p["label"], p["events"]) for p in weeks["periods"]] == [("2025-W12", 3)]
    by_name = client.get("/api/timeline", params={"a": "Kasachstan", "b": "AFG"}).json()
    assert by_name["events"] == 1 and by_name["periods"][0]["by_category"] == {"AID": 1}
    narrow = client.get("/api/timeline", params={"a": "BLR", "b": "LVA", "category": "REJECT"}).json()
    assert narrow["events"] == 1
    assert client.get("/api/timeline", params={"a": "BLR", "b": "LVA", "since": "2025-04"}).json()["periods"] == []


def test_network(client: Any):
    net = client.get("/api/network").json()
    assert net["total_edges"] == len(net["edges"]) == 4 and len(net["nodes"]) == 8
    assert [(e["source"], e["target"], e["events"]) for e in net["edges"]] == \
        [("BLR", "LVA", 3), ("AFG", "KAZ", 1), ("AUT", "SRB", 1), ("DEU", "UZB", 1)]
    assert {n["id"]: n["name"] for n in net["nodes"]}["LVA"] == "Latvia"
    cut = client.get("/api/network", params={"limit": 1}).json()
    assert {n["id"] for n in cut["nodes"]} == {"BLR", "LVA"} and cut["total_edges"] == 4
    # the Dutch visit is only announced: the network counts what was done
    assert client.get("/api/network", params={"category": "CONSULT"}).json()["total_edges"] == 1
    assert client.get("/api/network", params={"min_events": 2}).json()["total_edges"] == 1


def test_alerts_on_a_month_of_news_are_none(client: Any):
    assert client.get("/api/alerts").json() == {"total": 0, "limit": 100, "offset": 0, "items": []}


def test_documents_and_their_problems(client: Any):
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert page["total"] == 8 and [d["outlet"] for d in page["items"]] == ["Alpenblatt", "Rheinischer Bote"]
    [austria] = client.get("/api/documents", params={"q": "alpenblatt"}).json()["items"]
    assert (austria["lang"], austria["events"], austria["problems"]) == ("de", 1, 1)
    doc = client.get(f"/api/documents/{austria['id']}").json()
    assert doc["text"] == "Österreich lehnte am 27. März die Auslieferung nach Serbien ab."
    assert [(p["stage"], p["message"]) for p in doc["problem_list"]] == [("prepare", "text cut to 100000 characters")]
    assert len(doc["event_ids"]) == 1
    assert client.get("/api/documents", params={"lang": "ru"}).json()["total"] == 2
    assert client.get("/api/documents/nope").status_code == 404


def test_problems(client: Any):
    assert client.get("/api/problems").json()["total"] == 2
    [broken] = client.get("/api/problems", params={"stage": "read"}).json()["items"]
    assert (broken["source"], broken["message"], broken["location"]) == ("feeds/broken.rss", "not well-formed XML",
                                                                         "line 3")
    assert client.get("/api/problems", params={"source": "BROKEN"}).json()["total"] == 1


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
    ("/api/events", {"participant": ["a", "b", "c", "d", "e"]}, 422, "at most 4 items"),
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
    ok = schema["paths"]["/api/events/{event_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/EventDetail"}


def test_answers_carry_security_headers_and_repeat_from_the_cache(client: Any):
    first = client.get("/api/events", params={"actor": "LVA", "limit": 3})
    again = client.get("/api/events", params={"actor": "LVA", "limit": 3})
    assert first.content == again.content
    for r in (first, again):
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-type"] == "application/json"
