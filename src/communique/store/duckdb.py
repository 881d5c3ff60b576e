"""The DuckDB store: the only code that writes SQL.

A batch of extractions is written in one transaction, and only for documents not already
stored (the id is a content hash), so a run killed at any point and started again ends
with every document stored exactly once.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from communique.errors import StoreError
from communique.link.rules import named_people, people
from communique.records import (
    Actor,
    DateValue,
    EventMention,
    Extraction,
    Mention,
    Place,
    Problem,
)

SCHEMA_VERSION = "1"
FILL_ROWS = 50_000  # event mentions a step of Store._fill_persons reads at once
DEFAULT_DB = "communique.duckdb"


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """What one write added to the store."""

    documents: int = 0
    skipped: int = 0
    events: int = 0
    problems: int = 0


def entity_json(m: Mention) -> dict[str, Any]:
    """An actor mention as the PLOVER entity object {code, sector, entity_text, …}."""
    value = m.value
    out: dict[str, Any] = {"entity_text": m.text, "start": m.start, "end": m.end}
    if m.start == m.end:
        out["implicit"] = True  # supplied by a coding convention, not named in the text
    if isinstance(value, Actor):
        out.update(code=value.country, sector=value.sector or None, actor_id=value.id, name=value.name)
        if value.office:
            out["office"] = value.office
        if value.qid:
            out["qid"] = value.qid
    elif isinstance(value, Place):
        out.update(code=value.country, sector=None, name=value.name)
    return out


def place_json(m: Mention | None) -> dict[str, Any] | None:
    """A location mention as {country_code, place, lat, lon, …}."""
    if m is None:
        return None
    v = m.value
    if isinstance(v, Place):
        return {"country_code": v.country, "place": m.text, "name": v.name, "lat": v.lat, "lon": v.lon,
                "geonameid": v.geonameid, "start": m.start, "end": m.end}
    if isinstance(v, Actor):
        return {"country_code": v.country, "place": m.text, "name": v.name, "start": m.start, "end": m.end}
    return None


def problem_id(p: Problem) -> str:
    """A stable id, so the same bad input seen twice is recorded once."""
    key = "\x1f".join((p.source, p.stage, p.message, p.where))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def _date_cols(d: DateValue | None) -> tuple[Any, Any, str | None]:
    if d is None or d.start is None:
        return None, None, (d.precision if d else None)
    return d.start, d.end, d.precision


def _document_rows(ex: Sequence[Extraction], run_id: str, now: datetime) -> pa.Table:
    rows = []
    for e in ex:
        d = e.document
        p0, p1, pp = _date_cols(d.published)
        rows.append({"id": d.id, "text": d.text, "lang": d.lang, "title": d.title, "url": d.url,
                     "outlet": d.outlet, "published": p0, "published_end": p1, "published_precision": pp,
                     "path": d.path, "n_sentences": len(d.sentences), "run_id": run_id, "ingested": now})
    return pa.Table.from_pylist(rows, schema=pa.schema([
        ("id", pa.string()), ("text", pa.string()), ("lang", pa.string()), ("title", pa.string()),
        ("url", pa.string()), ("outlet", pa.string()), ("published", pa.date32()),
        ("published_end", pa.date32()), ("published_precision", pa.string()), ("path", pa.string()),
        ("n_sentences", pa.int32()), ("run_id", pa.string()), ("ingested", pa.timestamp("us")),
    ]))


def _sentence_rows(ex: Sequence[Extraction]) -> pa.Table:
    cols: dict[str, list[Any]] = {"doc_id": [], "idx": [], "start_char": [], "end_char": []}
    for e in ex:
        for s in e.document.sentences:
            cols["doc_id"].append(e.document.id)
            cols["idx"].append(s.index)
            cols["start_char"].append(s.start)
            cols["end_char"].append(s.end)
    return pa.table(cols, schema=pa.schema([("doc_id", pa.string()), ("idx", pa.int32()),
                                            ("start_char", pa.int32()), ("end_char", pa.int32())]))


def _mention_rows(ex: Sequence[Extraction]) -> pa.Table:
    rows = []
    for e in ex:
        for m in e.mentions:
            v = m.value
            row: dict[str, Any] = {"doc_id": e.document.id, "start_char": m.start, "end_char": m.end,
                                   "text": m.text, "kind": m.kind}
            if isinstance(v, Actor):
                row.update(code=v.country, sector=v.sector, actor_id=v.id, name=v.name)
            elif isinstance(v, Place):
                row.update(code=v.country, name=v.name, lat=v.lat, lon=v.lon)
            elif isinstance(v, DateValue):
                row.update(date_start=v.start, date_end=v.end, date_precision=v.precision)
            rows.append(row)
    return pa.Table.from_pylist(rows, schema=pa.schema([
        ("doc_id", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
        ("kind", pa.string()), ("code", pa.string()), ("sector", pa.string()), ("actor_id", pa.string()),
        ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("date_start", pa.date32()),
        ("date_end", pa.date32()), ("date_precision", pa.string()),
    ]))


EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("sentence", pa.int32()), ("category", pa.string()),
    ("mode", pa.string()), ("contexts", pa.list_(pa.string())), ("actor_codes", pa.list_(pa.string())),
    ("recipient_codes", pa.list_(pa.string())), ("actors", pa.string()), ("recipients", pa.string()),
    ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("trigger_text", pa.string()),
    ("location", pa.string()), ("location_country", pa.string()), ("date_start", pa.date32()),
    ("date_end", pa.date32()), ("date_precision", pa.string()), ("date_text", pa.string()),
    ("date_inferred", pa.bool_()), ("aux", pa.string()), ("confidence", pa.float64()),
    ("pattern", pa.string()), ("cameo", pa.string()), ("score", pa.float64()), ("quad", pa.int32()),
    ("event_id", pa.string()), ("persons", pa.list_(pa.string())),
])


def event_row(em: EventMention) -> dict[str, Any]:
    """One event mention as a row of the event_mentions table."""
    d0, d1, dp = _date_cols(em.date)
    loc = place_json(em.location)
    return {
        "id": em.id, "doc_id": em.doc_id, "sentence": em.sentence, "category": em.category, "mode": em.mode,
        "contexts": list(em.contexts), "actor_codes": _codes(em.actors), "recipient_codes": _codes(em.recipients),
        "actors": json.dumps([entity_json(m) for m in em.actors], ensure_ascii=False),
        "recipients": json.dumps([entity_json(m) for m in em.recipients], ensure_ascii=False),
        "trigger_start": em.trigger_start, "trigger_end": em.trigger_end, "trigger_text": em.trigger_text,
        "location": json.dumps(loc, ensure_ascii=False) if loc else None,
        "location_country": loc["country_code"] if loc else None,
        "date_start": d0, "date_end": d1, "date_precision": dp, "date_text": em.date.text if em.date else None,
        "date_inferred": em.date.inferred if em.date else None, "aux": em.aux, "confidence": em.confidence,
        "pattern": em.pattern, "cameo": em.cameo, "score": em.score, "quad": em.quad, "event_id": em.event_id,
        "persons": sorted(named_people(em)),
    }


def _codes(ms: Iterable[Mention]) -> list[str]:
    out: list[str] = []
    for m in ms:
        code = getattr(m.value, "country", "")
        if code and code not in out:
            out.append(code)
    return out


PROBLEM_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("stage", pa.string()), ("message", pa.string()),
    ("location", pa.string()), ("run_id", pa.string()), ("recorded", pa.timestamp("us")),
])


def _problem_rows(problems: Sequence[tuple[Problem, str | None]], run_id: str, now: datetime) -> pa.Table:
    """Problems with the id of the document they belong to (None for a problem of the input itself)."""
    rows = [{"id": problem_id(p), "source": p.source, "stage": p.stage, "message": p.message, "location": p.where,
             "run_id": run_id, "recorded": now, "doc_id": doc_id} for p, doc_id in problems]
    return pa.Table.from_pylist(rows, schema=PROBLEM_SCHEMA.append(pa.field("doc_id", pa.string())))


TABLES = ("documents", "sentences", "mentions", "event_mentions", "problems")
_KEYLESS = frozenset({"documents", "sentences", "mentions", "event_mentions"})  # see schema.sql


def batch_tables(extractions: Sequence[Extraction], problems: Sequence[Problem] = (), run_id: str = "",
                 now: datetime | None = None) -> dict[str, pa.Table]:
    """A batch as the rows of the store's tables (what `Store.write_tables` takes and a Parquet shard
    holds); a document given twice keeps its first extraction."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    unique: dict[str, Extraction] = {}
    for e in extractions:
        unique.setdefault(e.document.id, e)
    ex = list(unique.values())
    tagged: list[tuple[Problem, str | None]] = [(p, None) for p in problems]
    tagged += [(p, e.document.id) for e in ex for p in (*e.document.problems, *e.problems)]
    return {
        "documents": _document_rows(ex, run_id, now),
        "sentences": _sentence_rows(ex),
        "mentions": _mention_rows(ex),
        "event_mentions": pa.Table.from_pylist([event_row(em) for e in ex for em in e.events], schema=EVENT_SCHEMA),
        "problems": _problem_rows(tagged, run_id, now),
    }


def _of_documents(table: pa.Table, column: str, fresh: pa.Array) -> pa.Table:
    """The rows of a table that belong to the fresh documents."""
    return table.filter(pc.is_in(table[column], value_set=fresh))


def _new_problems(table: pa.Table, fresh: pa.Array) -> pa.Table:
    """Problems of the input and of fresh documents, each id once, without the document column."""
    keep = pc.or_(pc.is_null(table["doc_id"]), pc.is_in(table["doc_id"], value_set=fresh))
    rows = table.filter(keep).drop_columns(["doc_id"])
    first: dict[str, int] = {}
    for k, pid in enumerate(rows["id"].to_pylist()):
        first.setdefault(pid, k)
    return rows.take(pa.array(sorted(first.values()), pa.int64()))


@contextmanager
def system_arrow_memory() -> Iterator[None]:
    """Arrow's buffers from the C library's allocator while the block (or decorated function) runs.

    Arrow's own pool (mimalloc) keeps what the tables of a batch or a link free for later Arrow
    buffers alone; the C allocator lends it to the rest of the process. A 40k-document ingest linked
    as it grows peaked at 535 MB instead of 565, at the same speed.
    """
    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


class Store:
    """A Communique store in one DuckDB file."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if read_only and not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such store; ingest something first (communique ingest PATH)")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
        if not read_only:
            self._migrate()

    def _migrate(self) -> None:
        sql = resources.files("communique.store").joinpath("schema.sql").read_text(encoding="utf-8")
        self.con.execute(sql)
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        self._fill_persons()

    def _fill_persons(self) -> None:
        """Give the event mentions of a store written before they had a persons column their named
        people, read from their actors' JSON by the rule the writer follows (rules.people); FILL_ROWS
        at a time, so that a large store is filled in bounded memory. Rows are found by id: DuckDB
        rewrites a row whose list it updates, and a checkpoint renumbers the rowids."""
        while rows := self.con.execute("SELECT id, actors, recipients FROM event_mentions WHERE persons IS NULL "
                                       "LIMIT ?", [FILL_ROWS]).fetchall():
            named = {mid: sorted(people((e.get("actor_id"), e.get("office"))
                                        for e in [*json.loads(a or "[]"), *json.loads(r or "[]")]))
                     for mid, a, r in rows}
            table = pa.table({"id": list(named), "persons": pa.array(list(named.values()), pa.list_(pa.string()))})
            with self.registered("_people", table):  # every row found gets a list: each pass leaves fewer
                self.con.execute("UPDATE event_mentions SET persons = p.persons FROM _people p "
                                 "WHERE event_mentions.id = p.id")

    def limit_memory(self, megabytes: int | None) -> None:
        """Cap DuckDB's buffer memory (it caches what it reads up to most of the machine's memory otherwise;
        past the cap it spills to a temporary folder), so that a long ingest keeps a flat footprint;
        None gives DuckDB's own limit back."""
        if megabytes is None:
            self.con.execute("RESET memory_limit")
        else:
            self.con.execute(f"SET memory_limit = '{int(megabytes)}MB'")

    def close(self) -> None:
        """Close the connection (writes are already committed)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def document_count(self) -> int:
        """How many documents are stored."""
        return self._count("documents")

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE list_contains(?, id)", [wanted]).fetchall()
        return {r[0] for r in rows}

    def write(self, extractions: Sequence[Extraction], problems: Sequence[Problem] = (),
              run_id: str = "") -> WriteCounts:
        """Store a batch in one transaction: new documents with their sentences, mentions, events; problems."""
        return self.write_tables(batch_tables(extractions, problems, run_id), len(extractions))

    def write_tables(self, tables: dict[str, pa.Table], given: int | None = None) -> WriteCounts:
        """Store a batch made by `batch_tables` (or read back from its Parquet shard) in one transaction:
        only the documents not stored yet, with their rows, and the problems not recorded yet."""
        docs = tables["documents"]
        given = docs.num_rows if given is None else given
        self.con.begin()
        try:
            stored = self.known(docs["id"].to_pylist())
            fresh = pa.array([i for i in docs["id"].to_pylist() if i not in stored], pa.string())
            n_events = 0
            if len(fresh):
                self._insert("documents", _of_documents(docs, "id", fresh))
                self._insert("sentences", _of_documents(tables["sentences"], "doc_id", fresh))
                self._insert("mentions", _of_documents(tables["mentions"], "doc_id", fresh))
                events = _of_documents(tables["event_mentions"], "doc_id", fresh)
                n_events = events.num_rows
                self._insert("event_mentions", events)
            n_problems = 0
            if tables["problems"].num_rows:
                new_problems = _new_problems(tables["problems"], fresh)
                if new_problems.num_rows:
                    before = self._count("problems")
                    self._insert("problems", new_problems)
                    n_problems = self._count("problems") - before
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return WriteCounts(len(fresh), given - len(fresh), n_events, n_problems)

    @contextmanager
    def registered(self, name: str, table: Any) -> Iterator[None]:
        """An Arrow table visible to this connection's SQL as `name` while the block runs."""
        self.con.register(name, table)
        try:
            yield
        finally:
            self.con.unregister(name)

    def _insert(self, table: str, rows: pa.Table) -> None:
        if rows.num_rows == 0:
            return
        with self.registered("_batch", rows):
            cols = ", ".join(f'"{c}"' for c in rows.column_names)
            # only documents not stored yet come here, with their rows: there is no key to check
            verb = "INSERT" if table in _KEYLESS else "INSERT OR IGNORE"
            self.con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch")

    def _count(self, table: str) -> int:
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0]) if rows else 0

    def start_run(self, command: str, version: str) -> str:
        """Record the start of a run; returns its id."""
        run_id = uuid.uuid4().hex[:12]
        self.con.execute("INSERT INTO runs (id, command, started, version) VALUES (?, ?, ?, ?)",
                         [run_id, command, datetime.now(UTC).replace(tzinfo=None), version])
        return run_id

    def finish_run(self, run_id: str, new: int, seen: int, events: int, problems: int) -> None:
        """Record the end of a run with its counts."""
        self.con.execute(
            "UPDATE runs SET finished = ?, documents_new = ?, documents_seen = ?, events = ?, problems = ? "
            "WHERE id = ?", [datetime.now(UTC).replace(tzinfo=None), new, seen, events, problems, run_id])

    def set_event_ids(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Assign linked event ids to event mentions: (mention id, event id) pairs."""
        if not pairs:
            return
        table = pa.table({"mid": [p[0] for p in pairs], "eid": [p[1] for p in pairs]})
        with self.registered("_links", table):
            self.con.execute("UPDATE event_mentions SET event_id = _links.eid FROM _links "
                             "WHERE event_mentions.id = _links.mid")

    # --- reading -------------------------------------------------------------------------

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a read query; the result as an Arrow table."""
        return self.con.sql(sql, params=list(params)).to_arrow_table()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Run a read query; the result as dicts, streamed on a cursor of its own."""
        cur = self.con.cursor().execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        while batch := cur.fetchmany(1024):
            for r in batch:
                yield dict(zip(names, r, strict=True))

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row of a read query."""
        rows = self.con.execute(sql, list(params)).fetchall()
        return rows[0][0] if rows else None
