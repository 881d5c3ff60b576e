"""The REST API: read-only routes over the store, documented by the OpenAPI schema at /openapi.json.

Bad parameters are refused before any query runs: malformed or out-of-range values with 422
(FastAPI's validation), values that are well-formed but mean nothing here (a date like
2025-13, a category PLOVER does not have, a name no report uses) with 400, unknown ids with 404.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel

from communique.analyse.alerts import KINDS, AlertOptions
from communique.errors import UsageError
from communique.serve import models
from communique.serve.data import Pair, Reader, categories
from communique.store.serve_sql import LinkedFilter
from communique.when.iso import parse_iso

MAX_PAGE = 200  # rows per page at most
MAX_OFFSET = 10_000_000
ERRORS: dict[int | str, dict[str, object]] = {400: {"model": models.ErrorOut, "description": "Bad parameter"}}
NOT_FOUND: dict[int | str, dict[str, object]] = {404: {"model": models.ErrorOut, "description": "No such id"}}

router = APIRouter(prefix="/api", tags=["api"])

DATE_PATTERN = r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"
Since = Annotated[str | None, Query(description="From this date: YYYY-MM-DD, YYYY-MM or YYYY.",
                                    pattern=DATE_PATTERN, max_length=10)]
Until = Annotated[str | None, Query(description="Up to this date (a month or year: to its end).",
                                    pattern=DATE_PATTERN, max_length=10)]
Who = Annotated[str | None, Query(description="A country code (BLR) or words of a name as the texts write it.",
                                  min_length=1, max_length=100)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Lang = Annotated[str | None, Query(description="A language code (en, de, ru …).", pattern=r"^[a-z]{2,3}$")]
Period = Literal["week", "month", "quarter", "year"]


def _json(model: BaseModel) -> Response:
    """A model as a JSON response. The models are built here from typed records, so FastAPI's second
    validation against response_model (which still documents the shape) is skipped."""
    return Response(model.model_dump_json(), media_type="application/json")


def reader(request: Request) -> Reader:
    """The app's store reader."""
    return request.app.state.reader


ReaderDep = Annotated[Reader, Depends(reader)]


def day(value: str | None, name: str, end: bool = False) -> date | None:
    """A date parameter: its first day, or its last when it ends a range; 400 when it is no date."""
    if value is None:
        return None
    try:
        d = parse_iso(value)
    except ValueError:
        d = None
    if d is None or d.start is None or d.end is None:
        raise HTTPException(400, f"{name}={value}: not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    return d.end if end else d.start


def category(value: str | None, name: str = "category") -> str | None:
    """A PLOVER category parameter, upper-cased; 400 when PLOVER has no such category."""
    if value is None:
        return None
    cat = value.strip().upper()
    if cat not in categories():
        raise HTTPException(400, f"{name}={value}: not a PLOVER category; use one of {', '.join(categories())}")
    return cat


def _words(value: str | None) -> str | None:
    """A free-text parameter: stripped; empty is none. A NUL cannot be in any stored text."""
    if value is None:
        return None
    if "\x00" in value:
        raise HTTPException(400, "a parameter contains a NUL character")
    return value.strip() or None


@router.get("/summary", response_model=models.Summary, summary="What the store holds")
def get_summary(rd: ReaderDep) -> Response:
    """Counts of documents, reports, events and problems; date range, languages, categories."""
    return _json(rd.summary())


@router.get("/events", response_model=models.EventPage, responses=ERRORS, summary="Linked events, filtered")
def get_events(
    rd: ReaderDep,
    actor: Who = None,
    recipient: Who = None,
    participant: Annotated[list[str] | None, Query(max_length=4, description="Takes part as actor or recipient "
                                                   "(repeat for several: all of them take part).")] = None,
    category_: Annotated[str | None, Query(alias="category", max_length=20, description="PLOVER category.")] = None,
    since: Since = None,
    until: Until = None,
    lang: Lang = None,
    q: Annotated[str | None, Query(max_length=200, description="Words of one of its sentences.")] = None,
    aux: Annotated[Literal["done", "future", "hypothetical", "negation", "any"],
                   Query(description="done: reported as done; or one modality; any: all.")] = "any",
    sort: Annotated[Literal["date", "-date", "reports"], Query(description="date, -date (newest first) or "
                                                                            "reports (most reported first).")] = "date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Linked (real-world) events: each once, however many reports and languages it has."""
    parts = tuple(w for w in (_words(p) for p in participant or ()) if w)
    if any(len(p) > 100 for p in parts):
        raise HTTPException(400, "participant: at most 100 characters")
    a, r = _words(actor), _words(recipient)
    f = LinkedFilter(actor=rd.who(a) if a else None, recipient=rd.who(r) if r else None,
                     participants=tuple(rd.who(p) for p in parts),
                     category=category(_words(category_)), since=day(since, "since"),
                     until=day(until, "until", end=True), lang=lang, text=_words(q), aux=aux)
    return _json(rd.event_page(f, sort, limit, offset))


@router.get("/events/{event_id}", response_model=models.EventDetail, responses=NOT_FOUND,
            summary="One event with its reports and sentences")
def get_event(rd: ReaderDep, event_id: Annotated[str, Path(max_length=64)]) -> Response:
    """A linked event with every report: the sentence in its language, trigger and actor spans, source."""
    ev = rd.event(event_id)
    if ev is None:
        raise HTTPException(404, f"{event_id}: no such event")
    return _json(ev)


@router.get("/actors", response_model=models.ActorPage, responses=ERRORS, summary="Actors and their name variants")
def get_actors(
    rd: ReaderDep,
    q: Annotated[str | None, Query(max_length=100, description="Words of a name, a variant or an id.")] = None,
    code: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Country code.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Actors the reports name, most named first, with the words each language uses for them."""
    items = rd.actors()
    if code:
        items = [a for a in items if a.code == code.upper()]
    words = _words(q)
    if words:
        w = words.lower()
        items = [a for a in items if w in a.actor_id.lower() or w in (a.name or "").lower()
                 or w in (a.country or "").lower() or any(w in v.text.lower() for v in a.variants)]
    return _json(models.ActorPage(total=len(items), limit=limit, offset=offset, items=items[offset:offset + limit]))


@router.get("/timeline", response_model=models.TimelineOut, responses=ERRORS, summary="Timeline of a dyad")
def get_timeline(
    rd: ReaderDep,
    a: Annotated[str, Query(min_length=1, max_length=100, description="An actor: code (BLR) or name.")],
    b: Annotated[str, Query(min_length=1, max_length=100, description="The other actor.")],
    by: Annotated[Period, Query(description="Period.")] = "month",
    since: Since = None,
    until: Until = None,
    category_: Annotated[list[str] | None, Query(alias="category", max_length=16,
                                                 description="Only these PLOVER categories (repeat).")] = None,
    undated: Annotated[bool, Query(description="Place events without a date at their first report.")] = False,
) -> Response:
    """Interactions of two actors per period: events by category, cooperation, conflict, mean score."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        raise HTTPException(400, "a and b: give two actors (a country code or a name)")
    cats = frozenset(c for c in (category(_words(x)) for x in category_ or ()) if c) or None
    try:
        tl = rd.timeline(Pair(wa, wb), by, day(since, "since"), day(until, "until", end=True), cats, undated)
    except UsageError as exc:
        raise HTTPException(400, str(exc)) from None
    return _json(tl)


@router.get("/network", response_model=models.NetworkOut, responses=ERRORS, summary="The actor network")
def get_network(
    rd: ReaderDep,
    since: Since = None,
    until: Until = None,
    category_: Annotated[str | None, Query(alias="category", max_length=20, description="PLOVER category.")] = None,
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Leave out edges with fewer events.")] = 1,
    limit: Annotated[int, Query(ge=1, le=5000, description="The strongest edges kept.")] = 200,
) -> Response:
    """Countries linked by the events they share (reported as done), weighted by events."""
    return _json(rd.network(day(since, "since"), day(until, "until", end=True), category(_words(category_)),
                            min_events, limit))


@router.get("/alerts", response_model=models.AlertList, responses=ERRORS, summary="Alerts with their evidence")
def get_alerts(
    rd: ReaderDep,
    kind: Annotated[list[Literal["surge", "copresence", "reciprocity", "triangle"]] | None,
                    Query(max_length=4, description="Kinds (repeat; all when not given).")] = None,
    since: Since = None,
    until: Until = None,
    by: Annotated[Period, Query(description="Surge period.")] = "month",
    alpha: Annotated[float, Query(ge=0.0, le=1.0, description="Surge false discovery rate.")] = 0.05,
    min_count: Annotated[int, Query(ge=1, le=10_000, description="Surge: events in the period at least.")] = 2,
    days: Annotated[int, Query(ge=0, le=366, description="Co-presence: visits at most this many days apart.")] = 3,
    min_visits: Annotated[int, Query(ge=1, le=10_000, description="Reciprocity: visits one way at least.")] = 2,
    sentences: Annotated[int, Query(ge=1, le=20, description="Sentences per event.")] = 2,
    limit: Annotated[int, Query(ge=1, le=500, description="Alerts per page (at most 500).")] = 100,
    offset: Offset = 0,
) -> Response:
    """Surges, co-presence, reciprocity gaps and triangles, each with its events and sentences."""
    kinds = tuple(k for k in KINDS if k in set(kind or KINDS))
    opt = AlertOptions(by=by, alpha=alpha, min_count=min_count, days=days, min_visits=min_visits)
    found = rd.alerts(kinds, day(since, "since"), day(until, "until", end=True), opt, sentences)
    return _json(models.AlertList(total=found.total, limit=limit, offset=offset,
                                  items=found.items[offset:offset + limit]))


@router.get("/documents", response_model=models.DocumentPage, responses=ERRORS, summary="Stored documents")
def get_documents(
    rd: ReaderDep,
    lang: Lang = None,
    q: Annotated[str | None, Query(max_length=200, description="Words of the title, outlet or source.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Documents, newest first, with their numbers of event reports and problems."""
    return _json(rd.documents(lang, _words(q), limit, offset))


@router.get("/documents/{doc_id}", response_model=models.DocumentDetail, responses=NOT_FOUND,
            summary="One document with its problems")
def get_document(rd: ReaderDep, doc_id: Annotated[str, Path(max_length=64)]) -> Response:
    """A document: its text, the problems recorded against it and the events reported in it."""
    doc = rd.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"{doc_id}: no such document")
    return _json(doc)


@router.get("/problems", response_model=models.ProblemPage, responses=ERRORS, summary="Recorded problems")
def get_problems(
    rd: ReaderDep,
    source: Annotated[str | None, Query(max_length=500, description="Words of the source (file, URL, id).")] = None,
    stage: Annotated[str | None, Query(pattern=r"^[a-z]{1,20}$", description="Stage: read, prepare, extract …")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Problems recorded with the inputs: what could not be read or coded, and why."""
    return _json(rd.problems(_words(source), stage, limit, offset))
