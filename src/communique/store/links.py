"""The linker's SQL: read mentions as the linker sees them, find stored neighbours, write links and events.

Unpinning restores what the coder wrote for a mention without a date: no date, precision
'unknown' and date_inferred false when it kept the words of a time ("am Dienstag"), all NULL
when it kept none.

Mentions never linked have `link_kind` NULL: an ingest killed between storing a batch and
linking it leaves them so, and the next link picks them up. A date pinned by an earlier link
(`date_pinned`, with `date_inferred`) is never read back as the mention's own date, so relinking does not feed
on its own output; a date the coder inferred from the publication date is read as no date
(the linker's windows around the publication date do better with it). A mention read without a
date is read without a precision too ("unknown" for words of a time), as `rules.from_event` gives it.
A mention's named people are read from the list the writer keeps (`persons`), not from its actors' JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import pyarrow as pa

from communique.errors import PackError
from communique.events.ontology import ontology
from communique.link import rules
from communique.link.core import Link, LinkedEvent
from communique.link.rules import LinkMention
from communique.store.duckdb import Store

# A date the linker does not read as the mention's own: one it pinned itself, or one the coder
# inferred from the publication date (an event told without a time); other inferences of the
# coder (a time anaphor, a date shared within the document) are kept.
_WEAK = ("(coalesce(em.date_pinned, false) OR (coalesce(em.date_inferred, false) "
         "AND em.date_start = d.published "
         "AND em.date_end IS NOT DISTINCT FROM coalesce(d.published_end, d.published)))")

_SELECT = f"""
SELECT em.id, em.doc_id, em.category, em.actor_codes, em.recipient_codes, em.mode, em.aux,
       CASE WHEN {_WEAK} THEN NULL ELSE em.date_start END AS date_start,
       CASE WHEN {_WEAK} THEN NULL ELSE em.date_end END AS date_end,
       CASE WHEN {_WEAK} OR em.date_start IS NULL THEN NULL ELSE em.date_precision END AS date_precision,
       em.location_country, em.persons, em.confidence, em.event_id,
       d.published, d.published_end, d.published_precision, d.lang,
       coalesce(d.outlet, regexp_extract(d.url, '^[A-Za-z]+://(?:www\\.)?([^/:]+)', 1)) AS outlet
FROM event_mentions em JOIN documents d ON d.id = em.doc_id
"""


def _rows(store: Store, query: str) -> Iterator[tuple[Any, ...]]:
    """Rows on the store's own connection: it sees the open transaction and registered tables."""
    cur = store.con.execute(query)
    while batch := cur.fetchmany(4096):
        yield from batch


def _mentions(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[LinkMention, str | None]]:
    """Linker mentions of _SELECT's rows, with their current event ids."""
    # Values that repeat across a region's mentions (their document, category, dates, codes) are
    # kept once each, which takes a third off a mention (a region holds months of reports).
    memo: dict[Any, Any] = {}
    share = memo.setdefault
    for (mid, doc, cat, acodes, rcodes, mode, aux, start, end, prec, loc, persons, conf, eid,
         pub, pub_end, pub_prec, lang, outlet) in rows:
        actors, recipients, people = tuple(acodes or ()), tuple(rcodes or ()), frozenset(persons or ())
        start = share(start, start)
        yield LinkMention(
            id=mid, doc_id=share(doc, doc), category=share(cat, cat),
            actors=share(actors, actors), recipients=share(recipients, recipients),
            mode=share(mode, mode), aux=share(aux, aux), start=start,
            end=share(end, end) if end else start, precision=share(prec, prec),
            location=share(loc, loc), persons=share(people, people), published=share(pub, pub),
            published_end=share(pub_end, pub_end), published_precision=share(pub_prec, pub_prec),
            outlet=share(outlet, outlet) if outlet else None, lang=share(lang, lang),
            confidence=conf if conf is not None else 0.5,
        ), eid


def pending(store: Store) -> list[tuple[LinkMention, str | None]]:
    """Mentions never linked, with their current event id."""
    return list(_mentions(_rows(store, _SELECT + " WHERE em.link_kind IS NULL")))


def every(store: Store) -> Iterator[tuple[LinkMention, str | None]]:
    """Every stored mention, with its current event id."""
    return _mentions(_rows(store, _SELECT))


def by_ids(store: Store, ids: Sequence[str]) -> list[tuple[LinkMention, str | None]]:
    """These mentions, with their current event ids."""
    if not ids:
        return []
    with store.registered("_want", pa.table({"id": list(ids)})):
        return list(_mentions(_rows(store, _SELECT + " JOIN _want w ON w.id = em.id")))


def neighbours(store: Store, spans: Sequence[tuple[str, str, date | None, date | None]],
               docs: Sequence[str]) -> set[str]:
    """Ids of linked mentions sharing a (family, stream) with an overlapping window, or in these documents."""
    found: set[str] = set()
    if spans:
        table = pa.table({"family": [s[0] for s in spans], "stream": [s[1] for s in spans],
                          "lo": pa.array([s[2] for s in spans], pa.date32()),
                          "hi": pa.array([s[3] for s in spans], pa.date32())})
        with store.registered("_spans", table):
            rows = store.con.execute(
                "SELECT DISTINCT k.mention_id FROM link_keys k JOIN _spans s "
                "ON k.family = s.family AND k.stream = s.stream "
                "AND (k.lo IS NULL OR s.hi IS NULL OR k.lo <= s.hi) "
                "AND (k.hi IS NULL OR s.lo IS NULL OR s.lo <= k.hi)").fetchall()
        found.update(r[0] for r in rows)
    if docs:
        with store.registered("_docs", pa.table({"doc_id": list(docs)})):
            rows = store.con.execute("SELECT em.id FROM event_mentions em JOIN _docs d ON d.doc_id = em.doc_id "
                                     "WHERE em.link_kind IS NOT NULL").fetchall()
        found.update(r[0] for r in rows)
    return found


_UPDATE_SCHEMA = pa.schema([
    ("id", pa.string()), ("event_id", pa.string()), ("kind", pa.string()), ("basis", pa.string()),
    ("conf", pa.float64()), ("pinned", pa.bool_()), ("pin_start", pa.date32()), ("pin_end", pa.date32()),
    ("pin_precision", pa.string()),
])


def _append(cols: dict[str, list[Any]], **row: Any) -> None:
    """Add a row to tables built as columns (a dict a row, kept, was ~300 MB for a 100k-document link)."""
    for name, value in row.items():
        cols[name].append(value)


def write_links(store: Store, links: dict[str, Link], mentions: Iterable[LinkMention]) -> None:
    """Set event ids, link columns and pinned dates of these mentions."""
    cols: dict[str, list[Any]] = {name: [] for name in _UPDATE_SCHEMA.names}
    for m in mentions:
        lk = links[m.id]
        p = lk.pinned
        _append(cols, id=m.id, event_id=lk.event_id, kind=lk.kind, basis=lk.basis, conf=lk.confidence,
                pinned=p is not None, pin_start=p[0] if p else None, pin_end=p[1] if p else None,
                pin_precision=p[2] if p else None)
    if not cols["id"]:
        return
    upd = pa.table(cols, schema=_UPDATE_SCHEMA)
    # The updates go in the table's row order: in another order, DuckDB updates each of its
    # vectors again and again (77k mentions in id order took 2.3 s, in row order 0.06 s).
    with store.registered("_upd", upd):
        store.con.execute("""
            UPDATE event_mentions SET
              event_id = u.event_id, link_kind = u.kind, link_basis = u.basis, link_confidence = u.conf,
              date_start = CASE WHEN u.pinned AND {free} THEN u.pin_start
                                WHEN {mine} THEN NULL ELSE event_mentions.date_start END,
              date_end = CASE WHEN u.pinned AND {free} THEN u.pin_end
                              WHEN {mine} THEN NULL ELSE event_mentions.date_end END,
              date_precision = CASE WHEN u.pinned AND {free} THEN u.pin_precision
                                    WHEN {mine} THEN {restored_precision}
                                    ELSE event_mentions.date_precision END,
              date_inferred = CASE WHEN u.pinned AND {free} THEN true
                                   WHEN {mine} THEN {restored_inferred}
                                   ELSE event_mentions.date_inferred END,
              date_pinned = CASE WHEN u.pinned AND {free} THEN true
                                 WHEN {mine} THEN NULL ELSE event_mentions.date_pinned END
            FROM (SELECT u.* FROM _upd u JOIN event_mentions em ON em.id = u.id ORDER BY em.rowid) u
            WHERE event_mentions.id = u.id""".format(
            free="(event_mentions.date_start IS NULL OR coalesce(event_mentions.date_pinned, false))",
            mine="coalesce(event_mentions.date_pinned, false)",
            restored_precision="CASE WHEN event_mentions.date_text IS NULL THEN NULL ELSE 'unknown' END",
            restored_inferred="CASE WHEN event_mentions.date_text IS NULL THEN NULL ELSE false END"))


def write_keys(store: Store, mentions: Iterable[LinkMention]) -> None:
    """Store the blocking keys of mentions linked for the first time: (family, stream) with the window of each.

    A mention's keys follow from what the coder stored (its category, codes, own date and the
    document's), never from its links, so they are written once, in the transaction that first
    links it; a mention not linked yet has none (`clear` drops them with the links)."""
    keys: dict[str, list[Any]] = {"mention_id": [], "doc_id": [], "family": [], "stream": [], "lo": [], "hi": []}
    for m in mentions:
        fam = rules.family(m.category)
        lo, hi = rules.window(m)
        for s in rules.streams(m):
            _append(keys, mention_id=m.id, doc_id=m.doc_id, family=fam, stream=s, lo=lo, hi=hi)
    if not keys["mention_id"]:
        return
    key_table = pa.table({**{c: keys[c] for c in ("mention_id", "doc_id", "family", "stream")},
                          "lo": pa.array(keys["lo"], pa.date32()), "hi": pa.array(keys["hi"], pa.date32())})
    with store.registered("_keys", key_table):
        store.con.execute("INSERT INTO link_keys SELECT mention_id, doc_id, family, stream, lo, hi FROM _keys")


_EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("category", pa.string()), ("mode", pa.string()),
    ("actor_codes", pa.list_(pa.string())), ("recipient_codes", pa.list_(pa.string())),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("date_precision", pa.string()),
    ("location_country", pa.string()), ("n_mentions", pa.int32()), ("n_documents", pa.int32()),
    ("sources", pa.list_(pa.string())), ("languages", pa.list_(pa.string())),
    ("first_report", pa.date32()), ("last_report", pa.date32()), ("confidence", pa.float64()),
    ("aux", pa.string()), ("persons", pa.list_(pa.string())), ("cameo", pa.string()),
    ("score", pa.float64()), ("quad", pa.int32()),
])


def _scores(category: str, mode: str | None) -> tuple[str | None, float | None, int | None]:
    try:
        cat = ontology().category(category)
    except PackError:
        return None, None, None
    return cat.cameo_of(mode), cat.score_of(mode), cat.quad


def write_events(store: Store, events: Sequence[LinkedEvent], replaced: Iterable[str]) -> None:
    """Replace the rows of these event ids (and of the ids no longer used) with the linked events."""
    cols: dict[str, list[Any]] = {name: [] for name in _EVENT_SCHEMA.names}
    for le in events:
        e = le.event
        cameo, score, quad = _scores(e.category, e.mode)
        _append(cols, id=e.id, category=e.category, mode=e.mode, actor_codes=list(e.actor_codes),
                recipient_codes=list(e.recipient_codes), date_start=e.start, date_end=e.end,
                date_precision=e.precision, location_country=e.location, n_mentions=e.n_mentions,
                n_documents=e.n_documents, sources=list(e.sources), languages=list(e.languages),
                first_report=e.first_report, last_report=e.last_report, confidence=e.confidence,
                aux=le.aux, persons=list(le.persons), cameo=cameo, score=score, quad=quad)
    gone = sorted(set(replaced) | {le.event.id for le in events})
    if gone:
        with store.registered("_gone", pa.table({"id": gone})):
            store.con.execute("DELETE FROM events WHERE id IN (SELECT id FROM _gone)")
    if cols["id"]:
        with store.registered("_events", pa.table(cols, schema=_EVENT_SCHEMA)):
            names = ", ".join(_EVENT_SCHEMA.names)
            store.con.execute(f"INSERT INTO events ({names}) SELECT {names} FROM _events")


def clear(store: Store) -> None:
    """Forget every link: events, blocking keys, and pinned dates (a full relink follows)."""
    store.con.execute("DELETE FROM events")
    store.con.execute("DELETE FROM link_keys")
    store.con.execute("""
        UPDATE event_mentions SET date_start = NULL, date_end = NULL, date_pinned = NULL,
          date_inferred = CASE WHEN date_text IS NULL THEN NULL ELSE false END,
          date_precision = CASE WHEN date_text IS NULL THEN NULL ELSE 'unknown' END
        WHERE coalesce(date_pinned, false)""")
    store.con.execute("UPDATE event_mentions SET link_kind = NULL, link_basis = NULL, link_confidence = NULL")


def event_members(store: Store, event_ids: Sequence[str]) -> set[str]:
    """Ids of the linked mentions of these events."""
    if not event_ids:
        return set()
    with store.registered("_eids", pa.table({"id": list(event_ids)})):
        rows = store.con.execute("SELECT em.id FROM event_mentions em JOIN _eids e ON e.id = em.event_id "
                                 "WHERE em.link_kind IS NOT NULL").fetchall()
    return {r[0] for r in rows}
