"""The dashboard's HTML pages, rendered on the server by Jinja with autoescaping on.

Article text (sentences, titles, outlets, names) only ever reaches a template as data, and
Jinja escapes it; links are made only of http(s) addresses. The charts and the event panel
are filled by static/dashboard.js from the API and the event fragment below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from communique.serve import api
from communique.serve.data import Reader, categories, sentence_pieces
from communique.store.serve_sql import AUX, SORTS, LinkedFilter

TEMPLATES = Path(__file__).parent / "templates"
PAGE = 50
ALERTS_SHOWN = 50
router = APIRouter(include_in_schema=False)


def safe_url(url: str | None) -> str | None:
    """The address when it is an http(s) one (a link may be made of it), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.globals["pieces"] = sentence_pieces
    return env


ENV = _env()


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered to an HTML response."""
    return HTMLResponse(ENV.get_template(name).render(**context), status_code=status)


def _reader(request: Request) -> Reader:
    return api.reader(request)


Text = Annotated[str | None, Query(max_length=200)]


@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request,
    actor: Text = None,
    recipient: Text = None,
    participant: Annotated[list[str] | None, Query(max_length=4)] = None,
    category: Text = None,
    since: Text = None,
    until: Text = None,
    lang: Text = None,
    q: Text = None,
    aux: Text = None,
    sort: Text = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """The dashboard: timeline, network, the events table (filtered by the form) and the alerts."""
    rd = _reader(request)
    form = {"actor": actor or "", "recipient": recipient or "", "category": category or "", "since": since or "",
            "until": until or "", "lang": lang or "", "q": q or "", "aux": aux or "any", "sort": sort or "date"}
    parts = [p for p in (participant or []) if p.strip()]
    error, status = None, 200
    try:
        if form["aux"] not in AUX:
            raise HTTPException(400, f"aux={aux}: use one of {', '.join(AUX)}")
        if form["sort"] not in SORTS:
            raise HTTPException(400, f"sort={sort}: use one of {', '.join(SORTS)}")
        if form["lang"] and not (form["lang"].isascii() and form["lang"].isalpha() and len(form["lang"]) <= 3):
            raise HTTPException(400, f"lang={lang}: not a language code")
        a, r = api._words(actor), api._words(recipient)
        f = LinkedFilter(actor=rd.who(a) if a else None, recipient=rd.who(r) if r else None,
                         participants=tuple(rd.who(w) for w in (api._words(p) for p in parts) if w),
                         category=api.category(api._words(category)), since=api.day(api._words(since), "since"),
                         until=api.day(api._words(until), "until", end=True), lang=api._words(lang),
                         text=api._words(q), aux=form["aux"])
        events = rd.event_page(f, form["sort"], PAGE, (page - 1) * PAGE)
    except HTTPException as exc:
        error, status = str(exc.detail), exc.status_code
        events = None
    defaults = {"aux": "any", "sort": "date"}
    keep = {k: v for k, v in form.items() if v and defaults.get(k) != v}
    query = [*keep.items(), *(("participant", p) for p in parts)]
    # on a large store the network and alerts take a while after a start: the page does not wait for them
    pair = ("", "")
    if rd.ready("network"):
        net = rd.network(None, None, None, 1, 1)
        pair = (net.edges[0].source, net.edges[0].target) if net.edges else pair
    alerts = rd.alerts(api.KINDS, None, None, api.AlertOptions(), 2) if rd.ready("alerts") else None
    return render("index.html", status, summary=rd.summary(), events=events, error=error, form=form,
                  participants=parts, page=page, page_size=PAGE, categories=categories(), aux_values=AUX,
                  sorts=SORTS, page_link=lambda n: "/?" + urlencode([*query, ("page", n)]) + "#events",
                  pair=pair, alerts=alerts.items[:ALERTS_SHOWN] if alerts else None,
                  alerts_total=alerts.total if alerts else 0)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event on a page of its own."""
    ev = _reader(request).event(event_id)
    if ev is None:
        return render("message.html", 404, title="No such event", message=f"{event_id}: no such event")
    return render("event.html", ev=ev)


@router.get("/partials/events/{event_id}", response_class=HTMLResponse)
def event_fragment(request: Request, event_id: str) -> HTMLResponse:
    """One event as an HTML fragment, for the dashboard's event panel."""
    ev = _reader(request).event(event_id)
    if ev is None:
        return render("message_fragment.html", 404, message=f"{event_id}: no such event")
    return render("_event.html", ev=ev)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, q: Text = None, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """Stored documents with their numbers of reports and problems, and the problems recorded."""
    rd = _reader(request)
    docs = rd.documents(None, api._words(q), PAGE, (page - 1) * PAGE)
    problems = rd.problems(None, None, PAGE, 0)
    return render("documents.html", docs=docs, problems=problems, q=q or "", page=page, page_size=PAGE,
                  page_link=lambda n: "/documents?" + urlencode([*((("q", q),) if q else ()), ("page", n)]))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """One document: its text, problems and events."""
    doc = _reader(request).document(doc_id)
    if doc is None:
        return render("message.html", 404, title="No such document", message=f"{doc_id}: no such document")
    return render("document.html", doc=doc)


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The REST API's routes and parameters, read from its OpenAPI schema."""
    schema = request.app.openapi()
    routes = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "description": op.get("description", ""),
                           "params": [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                                       "description": p.get("description", "")} for p in op.get("parameters", [])]})
    return render("api_docs.html", routes=routes, version=schema["info"]["version"])
