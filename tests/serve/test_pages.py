"""The HTML pages as the server renders them: content, escaping of article text, headers, errors."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from communique.serve.pages import safe_url
from tests.serve.conftest import HOSTILE, HOSTILE_SENTENCES


def test_dashboard_page(client: Any):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<script src="/vendor/plotly.min.js"></script>' in page
    assert '<script src="/static/dashboard.js"></script>' in page
    assert page.count("<tr data-event-id=") == 7
    assert 'name="a" value="BLR"' in page and 'name="b" value="LVA"' in page  # the strongest pair
    assert "cdn" not in page.lower()


def test_dashboard_on_the_sample_corpus(sample_client: Any):
    total = sample_client.get("/api/events").json()["total"]
    assert sample_client.get("/").text.count("<tr data-event-id=") == min(total, 50)


def test_dashboard_filters_and_errors(client: Any):
    assert client.get("/", params={"actor": "KAZ"}).text.count("<tr data-event-id=") == 1
    assert client.get("/", params=[("participant", "BLR"), ("participant", "LVA")]).text.count(
        "<tr data-event-id=") == 3
    bad = client.get("/", params={"category": "HUG"})
    assert bad.status_code == 400
    assert "category=HUG: not a PLOVER category" in bad.text
    assert client.get("/", params={"sort": "sideways"}).status_code == 400
    paged = client.get("/", params={"lang": "ru", "page": 2})
    assert paged.status_code == 200 and paged.text.count("<tr data-event-id=") == 0


def test_event_page_and_fragment(client: Any):
    [aid] = client.get("/api/events", params={"actor": "KAZ"}).json()["items"]
    full = client.get(f"/events/{aid['event_id']}")
    frag = client.get(f"/partials/events/{aid['event_id']}")
    assert full.status_code == frag.status_code == 200
    assert "<html" in full.text and "<html" not in frag.text
    assert ('<blockquote class="sentence" lang="de" dir="auto"><mark class="actor" title="KAZ GOV">'
            'Kasachstan</mark> hat am Montag einen Zug mit Hilfsgütern nach <mark class="recipient" '
            'title="AFG GOV">Afghanistan</mark> <mark class="trigger" title="AID">geschickt</mark>.'
            '</blockquote>') in frag.text
    assert client.get("/events/nope").status_code == 404
    assert client.get("/partials/events/nope").status_code == 404


def test_documents_pages_and_api_docs(client: Any):
    docs = client.get("/documents")
    assert docs.status_code == 200 and docs.text.count('<a href="/documents/') == 8
    assert "<td>read</td><td>feeds/broken.rss</td><td>not well-formed XML</td><td>line 3</td>" in docs.text
    [austria] = client.get("/api/documents", params={"q": "alpenblatt"}).json()["items"]
    one = client.get(f"/documents/{austria['id']}").text
    assert "<li>prepare: text cut to 100000 characters</li>" in one
    api = client.get("/api-docs")
    assert api.status_code == 200 and "GET /api/events/{event_id}" in api.text
    assert client.get("/docs").status_code == 404  # the CDN-based docs pages are off


def test_plotly_comes_from_the_installed_package(client: Any):
    from communique.serve.app import plotly_js

    r = client.get("/vendor/plotly.min.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "site-packages" in str(plotly_js()) or "plotly" in str(plotly_js().parent.parent.name)
    assert r.content == plotly_js().read_bytes() and len(r.content) > 1_000_000


def test_static_files_and_security_headers(client: Any):
    r = client.get("/static/dashboard.js")
    assert r.status_code == 200 and "showEvent" in r.text
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert client.get("/").headers["x-frame-options"] == "DENY"


def test_hostile_text_is_escaped_everywhere(hostile_client: Any):
    pages = [hostile_client.get("/").text]
    ids = [e["event_id"] for e in hostile_client.get("/api/events").json()["items"]]
    pages += [hostile_client.get(f"/events/{i}").text for i in ids]
    pages += [hostile_client.get(f"/partials/events/{i}").text for i in ids]
    docs = hostile_client.get("/api/documents").json()["items"]
    pages += [hostile_client.get("/documents").text] + [hostile_client.get(f"/documents/{d['id']}").text
                                                        for d in docs]
    joined = "\n".join(pages)
    for raw in ("<script>window", "<img src=x", "<b onmouseover", "<i>italic", "<svg/onload",
                'href="javascript:'):
        assert raw not in joined
    assert str(escape(HOSTILE_SENTENCES[1])) in pages[0]
    assert "&lt;script&gt;window[&#39;__xss&#39;]=&#39;title&#39;&lt;/script&gt;Aid story" in joined
    assert '<a class="title" href="https://hostile.example/a?&lt;svg/onload=alert(1)&gt;"' in joined
    assert str(escape(HOSTILE[0]["outlet"])) in joined  # shown, as text


def test_safe_url_allows_only_http_addresses():
    assert safe_url("https://news.example/a") == "https://news.example/a"
    assert safe_url("http://news.example") == "http://news.example"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example", "news.example",
                "", None, "http://[::1"):
        assert safe_url(bad) is None


def test_start_computations_run_in_the_background(fixed_db: Any):
    from fastapi.testclient import TestClient

    from communique.serve.app import create_app

    app = create_app(fixed_db, warm=True)
    with TestClient(app) as c:
        app.state.warming.join(60)
        reader = app.state.reader
        assert not reader.warming and reader.ready("network") and reader.ready("alerts")
        assert 'name="a" value="BLR"' in c.get("/").text


def test_the_page_does_not_wait_for_computations_under_way(fixed_db: Any):
    from fastapi.testclient import TestClient

    from communique.serve.app import create_app

    app = create_app(fixed_db, warm=False)
    app.state.reader.warming = True  # as while the start's computations run
    with TestClient(app) as c:
        page = c.get("/").text
    assert 'id="alerts-pending"' in page and 'name="a" value=""' in page
    assert page.count("<tr data-event-id=") == 7
