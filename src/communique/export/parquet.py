"""Parquet files for Spark, BigQuery, DuckDB and pandas users: events, mentions, documents.

One folder, three files: `events.parquet` (linked events), `mentions.parquet` (every event
mention with its event id, its sentence and its document's language, source and date) and
`documents.parquet` (the documents' metadata; their text too with `with_text=True`). Lists
stay lists (actor codes, sources, languages) and JSON columns stay JSON text, so the files
join on `event_id` / `id` and `doc_id` as the store's tables do.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from communique.store import analysis_sql
from communique.store.duckdb import Store

DOCUMENT_COLUMNS = "id, lang, title, url, outlet, published, published_end, published_precision, path, n_sentences"


def write_parquet(store: Store, folder: Path, with_text: bool = False) -> dict[str, int]:
    """Write events, mentions and documents as Parquet files in a folder; rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = "SELECT " + DOCUMENT_COLUMNS + (", text" if with_text else "") + " FROM documents ORDER BY id"
    counts = {}
    for name, sql in (("events", analysis_sql.EVENTS_SQL + " ORDER BY id"),
                      ("mentions", analysis_sql.MENTIONS_SQL), ("documents", docs)):
        table = store.arrow(sql)
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
        counts[name] = table.num_rows
    return counts
