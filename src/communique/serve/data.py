"""What the API and the pages read: a store opened read-only, with the analyses' results kept.

The store is opened read-only for the whole life of the server, and DuckDB lets no other
process write a file while it is open so: what was read once stays true, so the loaded events,
networks, alerts and counts are kept and every request after the first is served from memory
or one small query. Each request thread reads through a connection of its own (a DuckDB
connection is not safe to share between threads; the analyses register temporary tables on it).
"""

from __future__ import annotations

import gc
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

import duckdb

from communique.actors.base import ActorBase
from communique.analyse.alerts import KINDS, AlertOptions, find_alerts
from communique.analyse.data import EventRow, actor_query, ensure_linked, evidence, load_events
from communique.analyse.network import network_of
from communique.analyse.periods import period_index, period_start
from communique.analyse.timeline import timeline_of
from communique.events.ontology import ontology
from communique.export.events import event_record
from communique.serve import models
from communique.serve.highlight import Mark, pieces, to_sentence
from communique.store import serve_sql
from communique.store.duckdb import Store

T = TypeVar("T")


class Memo:
    """A bounded cache of computed results; one computation at a time for a missing key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Lock] = {}

    def peek(self, key: Hashable) -> Any:
        """The kept result for key, or None when it is not made yet (nothing is started)."""
        with self._lock:
            return self._data.get(key)

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The kept result for key, made (once, even under concurrent requests) when missing."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
            making = self._pending.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._data:
                    return self._data[key]
            try:
                value = make()
            except BaseException:
                with self._lock:
                    self._pending.pop(key, None)
                raise
            with self._lock:
                self._data[key] = value
                self._pending.pop(key, None)
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
            return value


@dataclass(frozen=True, slots=True)
class Pair:
    """Two actors of a timeline, as the user typed them."""

    a: str
    b: str


def iso(d: date | None, precision: str | None) -> str | None:
    """A date at its precision: YYYY-MM-DD, YYYY-MM or YYYY; None when unknown."""
    if d is None or precision in (None, "unknown"):
        return None
    return {"day": d.isoformat(), "month": f"{d:%Y-%m}", "year": f"{d:%Y}"}.get(precision or "", d.isoformat())


def categories() -> tuple[str, ...]:
    """The PLOVER categories, in the ontology's order."""
    return tuple(ontology().categories)


class Connection(Store):
    """A Store reading through one connection of the server's (a cursor: one per request thread)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        """Wrap a connection (Store.__init__ would open the file again)."""
        self.con = con
        self.path = path


class Reader:
    """A store opened read-only for serving; thread-safe; results of the analyses kept."""

    def __init__(self, path: str) -> None:
        """Open the store (StoreError when it cannot be), check it is linked (UsageError), build the copies."""
        self.path = path
        with Store(path, read_only=True) as first:  # its errors name the file and what to do
            ensure_linked(first)
        self._base = serve_sql.serving_connection(path)
        self._local = threading.local()
        self._stores: list[Store] = []
        self._lock = threading.Lock()
        self.codes = frozenset(r["code"] for r in self.rows(serve_sql.CODES_SQL) if r["code"])
        self._positions = {r["id"]: r["pos"] for r in self.rows(serve_sql.EVENT_POSITIONS_SQL)}
        self._events = Memo(4)  # lists of EventRow
        self._small = Memo(4096)  # counts, timelines, name look-ups
        self._big = Memo(64)  # networks, alerts, actor lists
        self._actor_base: ActorBase | None = None
        self.warming = False  # while warm() runs, pages do not wait for what it computes

    def store(self) -> Store:
        """This thread's connection to the store."""
        st = getattr(self._local, "store", None)
        if st is None:
            with self._lock:
                st = Connection(self._base.cursor(), self.path)
            self._local.store = st
            with self._lock:
                self._stores.append(st)
        return st

    def close(self) -> None:
        """Close every connection."""
        with self._lock:
            for st in self._stores:
                st.close()
            self._stores.clear()
            self._base.close()
        gc.unfreeze()  # let what was kept be collected (and its native parts released) before the process ends

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """A read query's rows as dicts."""
        return list(self.store().rows(sql, params))

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first value of a read query."""
        return self.store().scalar(sql, params)

    def who(self, text: str) -> serve_sql.Who:
        """What a user typed for an actor: a code when it is one of the store's, else words of a name."""
        t = text.strip()
        if len(t) == 3 and t.upper() in self.codes:
            return serve_sql.Who(code=t.upper())
        return serve_sql.Who(words=t.lower())

    def country_name(self, code: str) -> str:
        """The English name of a country or organisation code (the code itself when unknown)."""
        if self._actor_base is None:
            self._actor_base = ActorBase.load(())
        return self._actor_base.country_name(code, "en")

    def warm(self, freeze: bool = False) -> None:
        """Compute what the dashboard asks for first (events, network, alerts, actors), so no visitor waits;
        with freeze, hide everything kept from the garbage collector (a long-running server's choice)."""
        self.warming = True
        try:
            self._warm(freeze)
        finally:
            self.warming = False

    def _warm(self, freeze: bool) -> None:
        self.summary()
        for dated in (False, True):
            self._by_code(dated)
        for limit in (80, 200):
            self.network(None, None, None, 1, limit)
        self.network(None, None, None, 1, 1)
        self.alerts(KINDS, None, None, AlertOptions(), 2)
        self.actors()
        if freeze:
            # what is kept now lives as long as the server: out of the collector's sight, a full collection
            # no longer walks millions of kept objects and stalls every request for a second
            gc.collect()
            gc.freeze()

    # --- summary -----------------------------------------------------------------------

    def summary(self) -> models.Summary:
        """Counts, date range, languages and categories of the store."""
        def make() -> models.Summary:
            s = self.rows(serve_sql.SUMMARY_SQL)[0]
            langs = {r["lang"]: r["documents"] for r in self.rows(serve_sql.LANGUAGES_SQL)}
            cats = {r["category"]: r["events"] for r in self.rows(serve_sql.CATEGORIES_SQL)}
            return models.Summary(store=self.path, languages=langs, categories=cats, **s)
        return self._small.get(("summary",), make)

    # --- linked events -----------------------------------------------------------------

    def event_page(self, f: serve_sql.LinkedFilter, sort: str, limit: int, offset: int) -> models.EventPage:
        """A page of linked events matching a filter, each with the sentence of its best report."""
        csql, cparams = serve_sql.linked_count_sql(f)
        total = self._small.get(("count", f), lambda: int(self.scalar(csql, cparams)))
        items: list[models.EventItem] = []
        if offset < total:
            sql, params = serve_sql.linked_page_sql(f, sort, limit, offset)
            items = [_event_item(r) for r in self.rows(sql, params)]
        return models.EventPage(total=total, limit=limit, offset=offset, items=items)

    def event(self, event_id: str) -> models.EventDetail | None:
        """One linked event with all its reports, their sentences and highlights; None when unknown."""
        pos = self._positions.get(event_id)
        rows = self.rows(serve_sql.EVENT_SQL, [pos]) if pos is not None else []
        if not rows:
            return None
        item = _event_item(rows[0])
        mentions = [_mention(r) for r in self.rows(serve_sql.EVENT_MENTIONS_SQL, [event_id])]
        return models.EventDetail(**item.model_dump(), mentions=mentions)

    # --- analyses ----------------------------------------------------------------------

    def events(self, dated_only: bool) -> list[EventRow]:
        """Every linked event reported as done (only those the texts date, when asked), in date order."""
        everything = self._events.get(("events",), lambda: load_events(self.store(), undated=True))
        if not dated_only:
            return everything
        # load_events(undated=False) keeps the events with a start date: the same, without a second read
        return self._events.get(("events", True), lambda: [e for e in everything if e.start is not None])

    def _by_code(self, dated_only: bool) -> dict[str, list[EventRow]]:
        def make() -> dict[str, list[EventRow]]:
            index: dict[str, list[EventRow]] = {}
            for e in self.events(dated_only):
                for c in e.participants:
                    index.setdefault(c, []).append(e)
            return index
        return self._events.get(("by_code", dated_only), make)

    def timeline(self, pair: Pair, by: str, since: date | None, until: date | None,
                 cats: frozenset[str] | None, undated: bool) -> models.TimelineOut:
        """The timeline of two actors (codes or names): UsageError for a name no report uses."""
        def make() -> models.TimelineOut:
            qa = self._small.get(("actor", pair.a), lambda: actor_query(self.store(), pair.a))
            qb = self._small.get(("actor", pair.b), lambda: actor_query(self.store(), pair.b))
            # only events of one of the two can count: start from the smaller of their lists
            if qa.code is not None or qb.code is not None:
                index = self._by_code(not undated)
                lists = [index.get(q.code, []) for q in (qa, qb) if q.code is not None]
                pool = min(lists, key=len)
            else:
                pool = self.events(not undated)
            tl = timeline_of(_in_range(pool, since, until), qa, qb, by, cats)
            periods = [models.TimelinePeriod(
                label=p.label, start=p.start, end=period_start(period_index(p.start, by) + 1, by) - timedelta(days=1),
                events=p.events, mentions=p.mentions, by_category=p.by_category, cooperation=p.cooperation,
                conflict=p.conflict, score=p.score, event_ids=list(p.event_ids)) for p in tl.periods]
            return models.TimelineOut(a=tl.a, b=tl.b, by=by, events=tl.events, periods=periods)
        return self._small.get(("timeline", pair, by, since, until, cats, undated), make)

    def network(self, since: date | None, until: date | None, category: str | None, min_events: int,
                limit: int) -> models.NetworkOut:
        """The actor network, its `limit` strongest edges and their nodes."""
        def make() -> models.NetworkOut:
            evs = [e for e in _in_range(self.events(False), since, until) if not category or e.category == category]
            net = network_of(evs, min_events)
            edges = sorted(net.edges, key=lambda e: (-e.events, e.source, e.target))[:limit]
            keep = {c for e in edges for c in (e.source, e.target)}
            nodes = [models.Node(id=n.id, name=self.country_name(n.id), events=n.events, degree=n.degree)
                     for n in net.nodes if n.id in keep]
            return models.NetworkOut(
                nodes=nodes, total_edges=len(net.edges),
                edges=edges)
        return self._big.get(("network", since, until, category, min_events, limit), make)

    def ready(self, what: str) -> bool:
        """Whether the dashboard's network ("network") or alerts ("alerts") can be had without waiting for
        the start's computations: computed already, or nothing is computing them in the background."""
        key = (("network", None, None, None, 1, 1) if what == "network"
               else ("alerts", KINDS, None, None, AlertOptions(), 2))
        return not self.warming or self._big.peek(key) is not None

    def alerts(self, kinds: tuple[str, ...], since: date | None, until: date | None, opt: AlertOptions,
               per_event: int) -> models.AlertList:
        """Alerts of these kinds, each with the sentences behind its events."""
        def make() -> models.AlertList:
            found = find_alerts(_in_range(self.events(True), since, until), kinds or KINDS, opt)
            ev = evidence(self.store(), {i for a in found for i in a.event_ids}, per_event)
            items = [models.AlertOut(
                kind=a.kind, title=a.title, actors=list(a.actors), start=a.start, end=a.end, figures=a.figures,
                event_ids=list(a.event_ids),
                evidence=[x for i in a.event_ids for x in ev.get(i, ())]) for a in found]
            return models.AlertList(total=len(items), items=items)
        return self._big.get(("alerts", kinds, since, until, opt, per_event), make)

    # --- actors, documents, problems --------------------------------------------------

    def actors(self) -> list[models.ActorItem]:
        """Every actor the reports name, most named first, with its name variants."""
        def make() -> list[models.ActorItem]:
            events = {r["code"]: r["events"] for r in self.rows(serve_sql.CODE_EVENTS_SQL)}
            found: dict[str, dict[str, Any]] = {}
            for r in self.rows(serve_sql.ACTOR_NAMES_SQL):
                if not r["actor_id"]:
                    continue
                a = found.setdefault(r["actor_id"], {"actor_id": r["actor_id"], "code": r["code"],
                                                     "sector": r["sector"], "name": r["name"], "offices": [],
                                                     "mentions": 0, "variants": []})
                a["mentions"] += r["mentions"]
                if r["office"] and r["office"] not in a["offices"]:
                    a["offices"].append(r["office"])
                if not r["implicit"] and r["text"]:
                    a["variants"].append(models.NameVariant(text=r["text"], lang=r["lang"], mentions=r["mentions"]))
            items = [models.ActorItem(**a, country=self.country_name(a["code"]) if a["code"] else None,
                                      events=events.get(a["code"], 0)) for a in found.values()]
            return sorted(items, key=lambda a: (-a.mentions, a.actor_id))
        return self._big.get(("actors",), make)

    def documents(self, lang: str | None, text: str | None, limit: int, offset: int) -> models.DocumentPage:
        """A page of documents with their numbers of reports and problems."""
        csql, cparams = serve_sql.documents_count_sql(lang, text)
        total = self._small.get(("doccount", lang, text), lambda: int(self.scalar(csql, cparams)))
        sql, params = serve_sql.documents_page_sql(lang, text, limit, offset)
        items = [models.DocumentItem(**r) for r in self.rows(sql, params)] if offset < total else []
        return models.DocumentPage(total=total, limit=limit, offset=offset, items=items)

    def document(self, doc_id: str) -> models.DocumentDetail | None:
        """One document with its text, problems and events; None when unknown."""
        rows = self.rows(serve_sql.DOCUMENT_SQL, [doc_id])
        if not rows:
            return None
        problems = [models.ProblemItem(**r) for r in self.rows(serve_sql.DOCUMENT_PROBLEMS_SQL, [doc_id])]
        ids = [r["event_id"] for r in self.rows(serve_sql.DOCUMENT_EVENTS_SQL, [doc_id])]
        return models.DocumentDetail(**rows[0], event_ids=ids, problem_list=problems)

    def problems(self, source: str | None, stage: str | None, limit: int, offset: int) -> models.ProblemPage:
        """A page of recorded problems."""
        csql, cparams = serve_sql.problems_count_sql(source, stage)
        total = self._small.get(("probcount", source, stage), lambda: int(self.scalar(csql, cparams)))
        sql, params = serve_sql.problems_page_sql(source, stage, limit, offset)
        items = [models.ProblemItem(**r) for r in self.rows(sql, params)] if offset < total else []
        return models.ProblemPage(total=total, limit=limit, offset=offset, items=items)


def _in_range(events: list[EventRow], since: date | None, until: date | None) -> list[EventRow]:
    """Events in a date range, as analysis_sql.events_sql selects them (end, else start, else first report)."""
    if since is None and until is None:
        return events
    out = []
    for e in events:
        hi = e.end or e.start or e.first_report
        lo = e.start or e.first_report
        if since is not None and (hi is None or hi < since):
            continue
        if until is not None and (lo is None or lo > until):
            continue
        out.append(e)
    return out


def _event_item(r: dict[str, Any]) -> models.EventItem:
    rec = event_record({**r, "mention_ids": []})
    loc = rec["location"]
    return models.EventItem(
        event_id=rec["event_id"], event=rec["event"], mode=rec["mode"], aux=rec["aux"], actor=rec["actor"],
        recipient=rec["recipient"], persons=rec["persons"], date=rec["date"], date_end=rec["date_end"],
        date_precision=rec["date_precision"], location=loc["country_code"] if loc else None,
        n_mentions=rec["n_mentions"] or 0, n_documents=rec["n_documents"] or 0, sources=rec["sources"],
        languages=rec["languages"], first_report=r["first_report"], last_report=r["last_report"],
        confidence=rec["confidence"], cameo=rec["cameo"], plover_score=rec["plover_score"],
        quad_class=rec["quad_class"], sentence=r["lead_sentence"], sentence_lang=r["lead_lang"],
        trigger=r["lead_trigger"])


def _entities(raw: str | None, base: int, length: int) -> list[models.Entity]:
    out = []
    for e in json.loads(raw) if raw else []:
        if not isinstance(e, dict):
            continue
        span = None if e.get("implicit") else to_sentence(e.get("start"), e.get("end"), base, length)
        out.append(models.Entity(
            code=e.get("code"), sector=e.get("sector"), name=e.get("name"), actor_id=e.get("actor_id"),
            office=e.get("office"), text=e.get("entity_text"), implicit=bool(e.get("implicit")),
            start=span[0] if span else None, end=span[1] if span else None))
    return out


def _label(e: models.Entity) -> str:
    return " ".join(x for x in (e.code, e.sector, e.name if e.name != e.code else None, e.office) if x)


def _mention(r: dict[str, Any]) -> models.Mention:
    text = r["sentence_text"] or ""
    base = r["sentence_start"] or 0
    actors = _entities(r["actors"], base, len(text))
    recipients = _entities(r["recipients"], base, len(text))
    spans: list[models.Span] = []
    trig = to_sentence(r["trigger_start"], r["trigger_end"], base, len(text))
    if trig:
        spans.append(models.Span(start=trig[0], end=trig[1], kind="trigger", label=r["category"]))
    for kind, ents in (("actor", actors), ("recipient", recipients)):
        spans.extend(models.Span(start=e.start, end=e.end, kind=kind, label=_label(e))
                     for e in ents if e.start is not None and e.end is not None)
    loc = json.loads(r["location"]) if r["location"] else None
    return models.Mention(
        mention_id=r["id"], doc_id=r["doc_id"], lang=r["lang"], outlet=r["outlet"], url=r["url"], path=r["path"],
        title=r["title"], published=iso(r["published"], r["published_precision"]), event=r["category"],
        mode=r["mode"], aux=r["aux"], context=list(r["contexts"] or []),
        date=iso(r["date_start"], r["date_precision"]), date_precision=r["date_precision"],
        date_text=r["date_text"], date_inferred=r["date_inferred"], trigger=r["trigger_text"],
        confidence=r["confidence"], pattern=r["pattern"], link_kind=r["link_kind"],
        location=loc if isinstance(loc, dict) else None, actor=actors, recipient=recipients,
        sentence_index=r["sentence"], sentence=text, spans=spans)


def sentence_pieces(m: models.Mention) -> list[tuple[str, str | None, str]]:
    """A report's sentence as (text, kind, label) pieces for a template to escape and mark."""
    marks = [Mark(s.start, s.end, s.kind, s.label) for s in m.spans]
    return [(p.text, p.kind, p.label) for p in pieces(m.sentence, marks)]
