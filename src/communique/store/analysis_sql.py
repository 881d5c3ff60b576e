"""Read queries for the analyses and exports over linked events: parameterised SQL only."""

from __future__ import annotations

from datetime import date
from typing import Any

# A linked event as the analyses read it; `day` is when it happened, else when it was first reported.
EVENTS_SQL = """
SELECT e.id, e.category, e.mode, e.aux, e.actor_codes, e.recipient_codes, e.persons,
       e.date_start, e.date_end, e.date_precision, e.location_country, e.n_mentions, e.n_documents,
       e.sources, e.languages, e.first_report, e.last_report, e.confidence, e.cameo, e.score, e.quad
FROM events e
"""


def _date_range(where: list[str], params: list[Any], since: date | None, until: date | None) -> None:
    """Events overlapping [since, until]: by when they happened, else when they were first reported."""
    if since is not None:
        where.append("coalesce(e.date_end, e.date_start, e.first_report) >= ?")
        params.append(since)
    if until is not None:
        where.append("coalesce(e.date_start, e.first_report) <= ?")
        params.append(until)


def events_sql(since: date | None = None, until: date | None = None, category: str | None = None,
               include_aux: bool = False, undated: bool = True) -> tuple[str, list[Any]]:
    """Linked events in a time range and category; by default only events reported as done."""
    where: list[str] = []
    params: list[Any] = []
    if not include_aux:
        where.append("e.aux IS NULL")
    if not undated:
        where.append("e.date_start IS NOT NULL")
    _date_range(where, params, since, until)
    if category:
        where.append("e.category = ?")
        params.append(category.upper())
    sql = EVENTS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    return sql + " ORDER BY coalesce(e.date_start, e.first_report) NULLS LAST, e.id", params


def events_naming_sql(words: str) -> tuple[str, list[Any]]:
    """Ids of events a mention of which names an actor by these words (a name, its text or an actor id)."""
    like = f"%{words.lower()}%"
    return ("SELECT DISTINCT em.event_id FROM event_mentions em WHERE em.event_id IS NOT NULL AND "
            "(lower(CAST(em.actors AS VARCHAR)) LIKE ? OR lower(CAST(em.recipients AS VARCHAR)) LIKE ?)",
            [like, like])


def evidence_sql(per_event: int) -> str:
    """The sentences behind the events listed in the registered table `_ev(id)`: a few per event, varied."""
    return f"""
SELECT * FROM (
  SELECT em.event_id, em.id AS mention_id, em.doc_id, d.lang, d.outlet, d.url, d.path, d.published,
         em.trigger_text, em.date_start, em.date_precision, em.date_inferred,
         substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence,
         row_number() OVER (PARTITION BY em.event_id, d.lang ORDER BY em.confidence DESC, em.id) AS in_lang,
         row_number() OVER (PARTITION BY em.event_id ORDER BY em.confidence DESC, em.id) AS in_event
  FROM event_mentions em
  JOIN _ev ON _ev.id = em.event_id
  JOIN documents d ON d.id = em.doc_id
  LEFT JOIN sentences s ON s.doc_id = em.doc_id AND s.idx = em.sentence
) WHERE in_lang = 1 OR in_event <= {int(per_event)}
ORDER BY event_id, in_lang, in_event
"""


def linked_events_sql(participant: str | None = None, category: str | None = None, since: date | None = None,
                      until: date | None = None, min_documents: int = 1,
                      limit: int | None = None) -> tuple[str, list[Any]]:
    """Linked events for a listing, most reported first within date order."""
    where = ["e.n_documents >= ?"]
    params: list[Any] = [min_documents]
    if participant:
        where.append("(list_contains(e.actor_codes, ?) OR list_contains(e.recipient_codes, ?))")
        params.extend([participant.upper(), participant.upper()])
    if category:
        where.append("e.category = ?")
        params.append(category.upper())
    _date_range(where, params, since, until)
    sql = EVENTS_SQL + " WHERE " + " AND ".join(where)
    sql += " ORDER BY coalesce(e.date_start, e.first_report) NULLS LAST, e.n_documents DESC, e.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


LINK_STATE_SQL = """
SELECT (SELECT count(*) FROM event_mentions) AS mentions,
       (SELECT count(*) FROM event_mentions WHERE link_kind IS NULL) AS unlinked,
       (SELECT count(*) FROM events) AS events
"""

# Mentions with their event and document, for the exports (PLOVER mentions, GDELT mentions, Parquet).
MENTIONS_SQL = """
SELECT em.*, d.lang, d.path, d.url, d.outlet, d.title, d.published, d.published_precision,
       length(d.text) AS doc_length,
       substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence_text,
       s.start_char AS sentence_start
FROM event_mentions em
JOIN documents d ON d.id = em.doc_id
LEFT JOIN sentences s ON s.doc_id = em.doc_id AND s.idx = em.sentence
ORDER BY em.event_id, em.doc_id, em.sentence, em.trigger_start
"""

# Each event with its earliest report (GDELT's SOURCEURL), its first sentence index and ingest time.
GDELT_EVENTS_SQL = """
SELECT e.*, first.url AS source_url, first.path AS source_path, first.actors AS first_actors,
       first.recipients AS first_recipients, first.location AS first_location,
       agg.first_sentence, agg.added
FROM events e
LEFT JOIN (
  SELECT * FROM (
    SELECT em.event_id, d.url, d.path, em.actors, em.recipients, em.location,
           row_number() OVER (PARTITION BY em.event_id
                              ORDER BY d.published NULLS LAST, em.confidence DESC, em.id) AS r
    FROM event_mentions em JOIN documents d ON d.id = em.doc_id
  ) WHERE r = 1
) first ON first.event_id = e.id
LEFT JOIN (
  SELECT em.event_id, min(em.sentence) AS first_sentence, min(d.ingested) AS added
  FROM event_mentions em JOIN documents d ON d.id = em.doc_id GROUP BY em.event_id
) agg ON agg.event_id = e.id
ORDER BY coalesce(e.date_start, e.first_report) NULLS LAST, e.id
"""

# Each mention with its document and its event's date.
GDELT_MENTIONS_SQL = """
SELECT em.id, em.event_id, em.sentence, em.actors, em.recipients, em.trigger_start, em.confidence,
       d.url, d.path, d.outlet, d.lang, d.published, length(d.text) AS doc_length,
       coalesce(e.date_start, e.first_report) AS event_date
FROM event_mentions em
JOIN documents d ON d.id = em.doc_id
LEFT JOIN events e ON e.id = em.event_id
ORDER BY em.event_id, em.doc_id, em.sentence, em.trigger_start
"""

# Linked events with the ids of their mentions, for the events JSON lines.
EVENTS_WITH_MENTIONS_SQL = """
SELECT e.*, m.mention_ids
FROM events e
LEFT JOIN (SELECT event_id, list(id ORDER BY doc_id, sentence, id) AS mention_ids
           FROM event_mentions GROUP BY event_id) m ON m.event_id = e.id
ORDER BY coalesce(e.date_start, e.first_report) NULLS LAST, e.id
"""

EVENT_BY_ID_SQL = """
SELECT e.*, (SELECT list(em.id ORDER BY em.doc_id, em.sentence, em.id) FROM event_mentions em
             WHERE em.event_id = e.id) AS mention_ids
FROM events e WHERE e.id = ?
"""
