"""The Python API for notebooks: code a text, query a store into DataFrames or Arrow."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import pyarrow as pa

from communique.errors import UsageError
from communique.options import Options
from communique.pipeline import process
from communique.records import Document, EventMention, content_id
from communique.store import queries
from communique.store.duckdb import Store
from communique.when.iso import parse_iso

Frame = Literal["pandas", "polars", "arrow"]


def extract_text(text: str, published: str | None = None, lang: str | None = None,
                 options: Options | None = None) -> list[EventMention]:
    """Prepare and code one text; its event mentions in reading order."""
    opts = options or Options()
    when = parse_iso(published) if published else None
    if published and when is None:
        raise UsageError(f"published date {published!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if lang and lang not in opts.languages:
        raise UsageError(f"language {lang!r} is not supported (supported: {', '.join(opts.languages)})")
    doc = Document(content_id(text), text, lang=lang, published=when)
    return list(process(doc, opts).events)


def _frame(table: pa.Table, as_: Frame) -> Any:
    if as_ == "arrow":
        return table
    if as_ == "polars":
        try:
            import polars as pl
        except ImportError as exc:  # optional
            raise UsageError("polars is not installed: pip install 'communique[polars]'") from exc
        return pl.from_arrow(table)
    return table.to_pandas()


class Database:
    """A store opened read-only; every query returns a DataFrame (pandas by default), polars or Arrow."""

    def __init__(self, path: str) -> None:
        self.store = Store(path, read_only=True)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def events(self, actor: str | None = None, recipient: str | None = None, participant: str | None = None,
               category: str | None = None, since: date | str | None = None, until: date | str | None = None,
               lang: str | None = None, text: str | None = None, limit: int | None = None,
               as_: Frame = "pandas") -> Any:
        """Event mentions with their sentences, filtered."""
        f = queries.EventFilter(actor=actor, recipient=recipient, participant=participant, category=category,
                                since=_day(since), until=_day(until), lang=lang, text=text, limit=limit)
        sql, params = queries.events_sql(f)
        return _frame(self.store.arrow(sql, params), as_)

    def documents(self, as_: Frame = "pandas") -> Any:
        """Stored documents with their event counts."""
        return _frame(self.store.arrow(queries.DOCUMENTS_SQL), as_)

    def problems(self, as_: Frame = "pandas") -> Any:
        """Recorded problems, newest first."""
        sql, params = queries.problems_sql()
        return _frame(self.store.arrow(sql, params), as_)

    def sql(self, query: str, params: list[Any] | None = None, as_: Frame = "pandas") -> Any:
        """Any read query over the store's tables."""
        return _frame(self.store.arrow(query, params or []), as_)


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    d = parse_iso(value)
    if d is None or d.start is None:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return d.start
