"""Read queries of the dashboard and REST API (communique.serve): parameterised SQL only.

Every value a user sends travels as a parameter; the only text spliced into a statement is
chosen here from fixed alternatives (the sort order, the columns an actor is looked up in) or
read from the store's own catalog (its table names, quoted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

# The server's copies, built once when it starts (the store is read-only while it is served):
# each linked event with what the listing filters and shows (its reports' names, sentences and
# the sentence of its best report), and each report with its sentence, sorted by event, so that a
# page or an event is one scan of a small in-memory table rather than joins over the documents.
_NAMES = ("concat_ws(' ', CAST(json_extract_string({col}, '$[*].entity_text') AS VARCHAR), "
          "CAST(json_extract_string({col}, '$[*].name') AS VARCHAR), "
          "CAST(json_extract_string({col}, '$[*].actor_id') AS VARCHAR))")

BUILD_SQL = (
    f"""
CREATE OR REPLACE TABLE memory.main.serve_mentions AS
SELECT em.event_id, em.id, em.doc_id, em.sentence, em.category, em.mode, em.aux, em.contexts, em.actors,
       em.recipients, em.trigger_start, em.trigger_end, em.trigger_text, em.location, em.date_start, em.date_end,
       em.date_precision, em.date_text, em.date_inferred, em.confidence, em.pattern, em.cameo, em.score, em.quad,
       em.link_kind, d.lang, d.outlet, d.url, d.path, d.title, d.published, d.published_precision,
       s.start_char AS sentence_start,
       substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence_text,
       lower({_NAMES.format(col="em.actors")}) AS actor_names,
       lower({_NAMES.format(col="em.recipients")}) AS recipient_names
FROM store.main.event_mentions em
JOIN store.main.documents d ON d.id = em.doc_id
LEFT JOIN store.main.sentences s ON s.doc_id = em.doc_id AND s.idx = em.sentence
WHERE em.event_id IS NOT NULL
ORDER BY em.event_id, d.published NULLS LAST, d.lang, em.doc_id, em.sentence, em.trigger_start
""",
    """
CREATE OR REPLACE TABLE memory.main.serve_events AS
WITH agg AS (
  SELECT event_id,
         first(sentence_text ORDER BY confidence DESC NULLS LAST, id) AS lead_sentence,
         first(lang ORDER BY confidence DESC NULLS LAST, id) AS lead_lang,
         first(trigger_text ORDER BY confidence DESC NULLS LAST, id) AS lead_trigger,
         string_agg(actor_names, chr(10)) AS actor_names,
         string_agg(recipient_names, chr(10)) AS recipient_names,
         lower(string_agg(sentence_text, chr(10))) AS sentences
  FROM memory.main.serve_mentions GROUP BY event_id
)
SELECT e.id, e.category, e.mode, e.aux, e.actor_codes, e.recipient_codes, e.persons, e.date_start, e.date_end,
       e.date_precision, e.location_country, e.n_mentions, e.n_documents, e.sources, e.languages, e.first_report,
       e.last_report, e.confidence, e.cameo, e.score, e.quad,
       coalesce(e.date_start, e.first_report) AS sort_day,
       coalesce(e.date_end, e.date_start, e.first_report) AS end_day,
       agg.lead_sentence, agg.lead_lang, agg.lead_trigger,
       coalesce(agg.actor_names, '') AS actor_names, coalesce(agg.recipient_names, '') AS recipient_names,
       coalesce(agg.sentences, '') AS sentences,
       -- each order of the listing as a number: a page is the top of one integer column
       row_number() OVER (ORDER BY coalesce(e.date_start, e.first_report) NULLS LAST, e.n_documents DESC, e.id)
         AS pos,
       row_number() OVER (ORDER BY coalesce(e.date_start, e.first_report) DESC NULLS LAST, e.n_documents DESC, e.id)
         AS pos_desc,
       row_number() OVER (ORDER BY e.n_mentions DESC, e.n_documents DESC,
                          coalesce(e.date_start, e.first_report) NULLS LAST, e.id) AS pos_reports
FROM store.main.events e LEFT JOIN agg ON agg.event_id = e.id
ORDER BY pos
""",
    # who takes part in which event, sorted by code: a code filter reads a few blocks of it
    """
CREATE OR REPLACE TABLE memory.main.serve_codes AS
SELECT * FROM (
  SELECT unnest(actor_codes) AS code, 'actor' AS role, pos FROM memory.main.serve_events
  UNION ALL
  SELECT unnest(recipient_codes) AS code, 'recipient' AS role, pos FROM memory.main.serve_events
) ORDER BY code, role, pos
""",
    """
CREATE OR REPLACE TABLE memory.main.serve_documents AS
SELECT d.id, d.lang, d.title, d.outlet, d.url, d.path, d.published, d.n_sentences, length(d.text) AS length,
       coalesce(ev.n, 0) AS events, coalesce(pr.n, 0) AS problems,
       lower(concat_ws(' ', d.title, d.outlet, d.url, d.path)) AS search,
       row_number() OVER (ORDER BY d.published DESC NULLS LAST, d.id) AS pos
FROM store.main.documents d
LEFT JOIN (SELECT doc_id, count(*) AS n FROM store.main.event_mentions GROUP BY doc_id) ev ON ev.doc_id = d.id
LEFT JOIN (SELECT d2.id, count(*) AS n FROM store.main.problems p
           JOIN store.main.documents d2 ON p.source IN (d2.id, d2.path, d2.url) GROUP BY d2.id) pr ON pr.id = d.id
ORDER BY pos
""",
)

STORE_TABLES_SQL = "SELECT table_name FROM duckdb_tables() WHERE database_name = 'store' AND schema_name = 'main'"


def serving_connection(path: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the store attached read-only and visible under its own table names,
    plus the server's copies (BUILD_SQL). Cursors of it see all of these; none can write the store."""
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")  # a server's log is no terminal
    con.execute("ATTACH ? AS store (READ_ONLY)", [path])
    for (table,) in con.execute(STORE_TABLES_SQL).fetchall():
        name = '"' + str(table).replace('"', '""') + '"'
        con.execute(f"CREATE VIEW memory.main.{name} AS SELECT * FROM store.main.{name}")
    for sql in BUILD_SQL:
        con.execute(sql)
    return con


_SORTS = {"date": "e.pos", "-date": "e.pos_desc", "reports": "e.pos_reports"}
SORTS = tuple(_SORTS)
AUX = ("done", "future", "hypothetical", "negation", "any")


@dataclass(frozen=True, slots=True)
class Who:
    """An actor in a filter: a country code, or words of a name as the texts write it (lower case)."""

    code: str | None = None
    words: str | None = None


@dataclass(frozen=True, slots=True)
class LinkedFilter:
    """Which linked events to list; None means no constraint."""

    actor: Who | None = None
    recipient: Who | None = None
    participants: tuple[Who, ...] = ()  # each takes part, as actor or recipient
    category: str | None = None
    since: date | None = None
    until: date | None = None
    lang: str | None = None  # one of the languages it was reported in
    text: str | None = None  # words of one of its sentences
    aux: str = "any"  # done (no modality), future, hypothetical, negation, any


def _who(who: Who, roles: tuple[str, ...], name_cols: tuple[str, ...], params: list[Any]) -> str:
    """Events where the actor stands in one of these roles: by code, else by the words of its name."""
    if who.code is not None:
        marks = ", ".join("?" for _ in roles)
        params.extend([who.code, *roles])
        return f"e.pos IN (SELECT c.pos FROM memory.main.serve_codes c WHERE c.code = ? AND c.role IN ({marks}))"
    params.extend([(who.words or "").lower()] * len(name_cols))
    return "(" + " OR ".join(f"contains({c}, ?)" for c in name_cols) + ")"


def _where(f: LinkedFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        where.append(_who(f.actor, ("actor",), ("e.actor_names",), params))
    if f.recipient:
        where.append(_who(f.recipient, ("recipient",), ("e.recipient_names",), params))
    for p in f.participants:
        where.append(_who(p, ("actor", "recipient"), ("e.actor_names", "e.recipient_names"), params))
    if f.category:
        where.append("e.category = ?")
        params.append(f.category)
    if f.since is not None:
        where.append("e.end_day >= ?")
        params.append(f.since)
    if f.until is not None:
        where.append("e.sort_day <= ?")
        params.append(f.until)
    if f.lang:
        where.append("list_contains(e.languages, ?)")
        params.append(f.lang)
    if f.aux == "done":
        where.append("e.aux IS NULL")
    elif f.aux != "any":
        where.append("e.aux = ?")
        params.append(f.aux)
    if f.text:
        where.append("contains(e.sentences, ?)")
        params.append(f.text.lower())
    return (" WHERE " + " AND ".join(where) if where else ""), params


_EVENT_COLUMNS = ("e.id, e.category, e.mode, e.aux, e.actor_codes, e.recipient_codes, e.persons, e.date_start, "
                  "e.date_end, e.date_precision, e.location_country, e.n_mentions, e.n_documents, e.sources, "
                  "e.languages, e.first_report, e.last_report, e.confidence, e.cameo, e.score, e.quad, "
                  "e.lead_sentence, e.lead_lang, e.lead_trigger")


def linked_page_sql(f: LinkedFilter, sort: str, limit: int, offset: int) -> tuple[str, list[Any]]:
    """One page of linked events matching a filter, in the given order (date, -date or reports)."""
    where, params = _where(f)
    order = _SORTS[sort]
    # the page's positions first, from the filter's columns only; then the wide rows of those alone
    sql = (f"SELECT {_EVENT_COLUMNS} FROM memory.main.serve_events e WHERE e.pos IN "
           f"(SELECT e.pos FROM memory.main.serve_events e{where} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}")
    return sql, [*params, limit, offset]


def linked_count_sql(f: LinkedFilter) -> tuple[str, list[Any]]:
    """How many linked events match a filter."""
    where, params = _where(f)
    return f"SELECT count(*) FROM memory.main.serve_events e{where}", params


EVENT_SQL = f"SELECT {_EVENT_COLUMNS} FROM memory.main.serve_events e WHERE e.pos = ?"

# Where each event stands in the listing: the server looks an id up in memory, then reads one row.
EVENT_POSITIONS_SQL = "SELECT id, pos FROM memory.main.serve_events"

# The reports of one event, each with its sentence (and where the sentence starts in the document,
# to turn the document offsets of trigger and actors into offsets in the sentence).
EVENT_MENTIONS_SQL = "SELECT * FROM memory.main.serve_mentions WHERE event_id = ?"

# Every actor named in a report: one row per (actor, words as written, language), with how many
# reports name it so. Entities a coding convention supplied (implicit) are not names in the text.
ACTOR_NAMES_SQL = """
WITH ent AS (
  SELECT id AS mention_id, lang, unnest(CAST(actors AS JSON[]) || CAST(recipients AS JSON[])) AS j
  FROM memory.main.serve_mentions
)
SELECT coalesce(json_extract_string(j, '$.actor_id'), json_extract_string(j, '$.code')) AS actor_id,
       json_extract_string(j, '$.code') AS code, json_extract_string(j, '$.sector') AS sector,
       json_extract_string(j, '$.name') AS name, json_extract_string(j, '$.office') AS office,
       json_extract_string(j, '$.entity_text') AS text, lang,
       coalesce(json_extract_string(j, '$.implicit') = 'true', false) AS implicit,
       count(DISTINCT mention_id) AS mentions
FROM ent
GROUP BY ALL
ORDER BY actor_id, mentions DESC, text, lang
"""

# How many linked events each country code takes part in (as actor or recipient).
# Every country code that takes part in an event: what a three-letter filter is read as.
CODES_SQL = "SELECT DISTINCT code FROM memory.main.serve_codes"

CODE_EVENTS_SQL = """
SELECT code, count(DISTINCT id) AS events
FROM (SELECT e.id, unnest(list_concat(e.actor_codes, e.recipient_codes)) AS code FROM memory.main.serve_events e)
GROUP BY code
"""


def documents_page_sql(lang: str | None, text: str | None, limit: int, offset: int) -> tuple[str, list[Any]]:
    """A page of documents (newest first) with their number of event reports and of problems."""
    where, params = _documents_where(lang, text)
    sql = ("SELECT d.id, d.lang, d.title, d.outlet, d.url, d.path, d.published, d.n_sentences, d.length, d.events, "
           "d.problems FROM memory.main.serve_documents d WHERE d.pos IN "
           f"(SELECT d.pos FROM memory.main.serve_documents d{where} ORDER BY d.pos LIMIT ? OFFSET ?) ORDER BY d.pos")
    return sql, [*params, limit, offset]


def documents_count_sql(lang: str | None, text: str | None) -> tuple[str, list[Any]]:
    """How many documents match."""
    where, params = _documents_where(lang, text)
    return f"SELECT count(*) FROM memory.main.serve_documents d{where}", params


def _documents_where(lang: str | None, text: str | None) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if lang:
        where.append("d.lang = ?")
        params.append(lang)
    if text:
        where.append("contains(d.search, ?)")
        params.append(text.lower())
    return (" WHERE " + " AND ".join(where) if where else ""), params


DOCUMENT_SQL = """
SELECT d.id, d.lang, d.title, d.outlet, d.url, d.path, d.published, d.n_sentences, length(d.text) AS length,
       d.text, (SELECT count(*) FROM event_mentions em WHERE em.doc_id = d.id) AS events,
       (SELECT count(*) FROM problems p WHERE p.source IN (d.id, d.path, d.url)) AS problems
FROM documents d WHERE d.id = ?
"""

# Problems recorded against a document: by its id, or by the file or address it was read from.
DOCUMENT_PROBLEMS_SQL = """
SELECT p.source, p.stage, p.message, p.location, p.recorded
FROM problems p JOIN documents d ON p.source IN (d.id, d.path, d.url)
WHERE d.id = ? ORDER BY p.recorded, p.stage, p.message
"""

DOCUMENT_EVENTS_SQL = """
SELECT DISTINCT em.event_id FROM event_mentions em WHERE em.doc_id = ? AND em.event_id IS NOT NULL ORDER BY 1
"""


def problems_page_sql(source: str | None, stage: str | None, limit: int, offset: int) -> tuple[str, list[Any]]:
    """A page of recorded problems, newest first."""
    where, params = _problems_where(source, stage)
    sql = (f"SELECT p.source, p.stage, p.message, p.location, p.recorded FROM problems p{where} "
           "ORDER BY p.recorded DESC, p.source, p.message LIMIT ? OFFSET ?")
    return sql, [*params, limit, offset]


def problems_count_sql(source: str | None, stage: str | None) -> tuple[str, list[Any]]:
    """How many recorded problems match."""
    where, params = _problems_where(source, stage)
    return f"SELECT count(*) FROM problems p{where}", params


def _problems_where(source: str | None, stage: str | None) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if source:
        where.append("contains(lower(p.source), ?)")
        params.append(source.lower())
    if stage:
        where.append("p.stage = ?")
        params.append(stage)
    return (" WHERE " + " AND ".join(where) if where else ""), params


SUMMARY_SQL = """
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM event_mentions) AS event_mentions,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM problems) AS problems,
       (SELECT min(coalesce(date_start, first_report)) FROM events) AS first,
       (SELECT max(coalesce(date_end, date_start, first_report)) FROM events) AS last
"""


LANGUAGES_SQL = "SELECT lang, count(*) AS documents FROM documents WHERE lang IS NOT NULL GROUP BY lang ORDER BY 2 DESC"

CATEGORIES_SQL = "SELECT category, count(*) AS events FROM events GROUP BY category ORDER BY 2 DESC, 1"
