"""The Python API for notebooks: code a text, query a store into DataFrames or Arrow."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

import pyarrow as pa

from communique.errors import UsageError
from communique.options import Options
from communique.pipeline import process
from communique.records import Document, EventMention, Mention, content_id
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
    result = process(doc, opts)
    span = _offsets_into(text, result.document.text)
    if span is None:
        return list(result.events)
    return [_moved(e, span, text) for e in result.events]


_VISIBLE = re.compile(r"\S")
Span = Callable[[int, int], tuple[int, int]]


def _offsets_into(given: str, prepared: str) -> Span | None:
    """A map of spans of the prepared text to spans of the given one (None when the texts are the
    same, or there is no map). Preparing a text strips its lines, collapses its spaces and drops page
    chrome at its edges, so the prepared text's visible characters are a run of the given text's."""
    if given == prepared:
        return None
    mine = [m.start() for m in _VISIBLE.finditer(prepared)]
    theirs = [m.start() for m in _VISIBLE.finditer(given)]
    skip = "".join(given[i] for i in theirs).find("".join(prepared[i] for i in mine))
    if skip < 0 or not mine:
        return None

    def span(start: int, end: int) -> tuple[int, int]:
        first = min(bisect_left(mine, start), len(mine) - 1)
        last = max(bisect_left(mine, end) - 1, first)
        return theirs[skip + first], theirs[skip + last] + 1

    return span


def _moved(e: EventMention, span: Span, text: str) -> EventMention:
    """The event mention with its offsets and words as they are in the given text."""
    start, end = span(e.trigger_start, e.trigger_end)
    return dataclasses.replace(
        e, trigger_start=start, trigger_end=end, trigger_text=text[start:end],
        actors=tuple(_moved_mention(m, span, text) for m in e.actors),
        recipients=tuple(_moved_mention(m, span, text) for m in e.recipients),
        location=None if e.location is None else _moved_mention(e.location, span, text))


def _moved_mention(m: Mention, span: Span, text: str) -> Mention:
    start, end = span(m.start, m.end)
    return dataclasses.replace(m, start=start, end=end, text=text[start:end])


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
