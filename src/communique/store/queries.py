"""Read queries over the store, built from filters: parameterised SQL only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# An event mention with its sentence, document and source: the shape exports and tables read.
EVENT_VIEW = """
SELECT em.*, d.lang, d.path, d.url, d.outlet, d.title,
       d.published, d.published_precision,
       substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence_text
FROM event_mentions em
JOIN documents d ON d.id = em.doc_id
LEFT JOIN sentences s ON s.doc_id = em.doc_id AND s.idx = em.sentence
"""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which event mentions to return; None means no constraint."""

    actor: str | None = None  # a code (BLR) or part of an actor's name or text
    recipient: str | None = None
    participant: str | None = None  # actor or recipient
    category: str | None = None
    since: date | None = None
    until: date | None = None
    lang: str | None = None
    doc_id: str | None = None
    event_id: str | None = None
    text: str | None = None  # words of the sentence
    aux: str | None = None
    limit: int | None = None
    offset: int = 0
    by_event: bool = False  # order by document and event, each event's best-dated mention first


def _entity_clause(column_codes: str, column_json: str, value: str, params: list[Any]) -> str:
    params.extend([value.upper(), f"%{value.lower()}%"])
    return f"(list_contains({column_codes}, ?) OR lower(CAST({column_json} AS VARCHAR)) LIKE ?)"


def events_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """SQL and parameters for the event mentions matching a filter, in document and sentence order."""
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        where.append(_entity_clause("em.actor_codes", "em.actors", f.actor, params))
    if f.recipient:
        where.append(_entity_clause("em.recipient_codes", "em.recipients", f.recipient, params))
    if f.participant:
        a = _entity_clause("em.actor_codes", "em.actors", f.participant, params)
        r = _entity_clause("em.recipient_codes", "em.recipients", f.participant, params)
        where.append(f"({a} OR {r})")
    if f.category:
        where.append("em.category = ?")
        params.append(f.category.upper())
    if f.since:
        where.append("coalesce(em.date_end, d.published) >= ?")
        params.append(f.since)
    if f.until:
        where.append("coalesce(em.date_start, d.published) <= ?")
        params.append(f.until)
    if f.lang:
        where.append("d.lang = ?")
        params.append(f.lang)
    if f.doc_id:
        where.append("em.doc_id = ?")
        params.append(f.doc_id)
    if f.event_id:
        where.append("em.event_id = ?")
        params.append(f.event_id)
    if f.aux:
        where.append("em.aux = ?" if f.aux != "none" else "em.aux IS NULL")
        if f.aux != "none":
            params.append(f.aux)
    if f.text:
        where.append("lower(substr(d.text, s.start_char + 1, s.end_char - s.start_char)) LIKE ?")
        params.append(f"%{f.text.lower()}%")
    sql = EVENT_VIEW + (" WHERE " + " AND ".join(where) if where else "")
    if f.by_event:
        # the mention that tells an event best comes first: dated by its own words, most precisely
        sql += (" ORDER BY em.doc_id, min(em.sentence) OVER (PARTITION BY em.doc_id, em.event_id), em.event_id,"
                " em.date_start IS NULL, coalesce(em.date_inferred, false),"
                " CASE em.date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END,"
                " em.sentence, em.trigger_start")
    else:
        sql += " ORDER BY coalesce(em.date_start, d.published) NULLS LAST, em.doc_id, em.sentence, em.trigger_start"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([f.limit, f.offset])
    return sql, params


def problems_sql(source: str | None = None, limit: int | None = None) -> tuple[str, list[Any]]:
    """SQL for recorded problems, newest first."""
    params: list[Any] = []
    sql = "SELECT source, stage, message, location, recorded FROM problems"
    if source:
        sql += " WHERE source LIKE ?"
        params.append(f"%{source}%")
    sql += " ORDER BY recorded DESC, source"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


DOCUMENTS_SQL = """
SELECT d.id, d.lang, d.title, d.outlet, d.url, d.path, d.published, d.n_sentences,
       (SELECT count(*) FROM event_mentions em WHERE em.doc_id = d.id) AS events
FROM documents d ORDER BY d.published NULLS LAST, d.id
"""

SUMMARY_SQL = """
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM event_mentions) AS event_mentions,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM problems) AS problems
"""
