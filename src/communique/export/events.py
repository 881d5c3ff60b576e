"""Linked events as JSON lines: one real-world event per line, with PLOVER field names.

Beside `export.plover` (one line per event mention, each with its `event_id`), this gives the
events themselves: category, mode, aux, actor and recipient codes, dates at their precision,
location, the ids of their mentions, their number of mentions and documents, sources,
languages, first and last report, linking confidence, CAMEO code, PLOVER score and quad class.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from communique.store import analysis_sql
from communique.store.duckdb import Store


def _iso(d: date | None, precision: str | None) -> str | None:
    if d is None or precision in (None, "unknown"):
        return None
    return {"day": d.isoformat(), "month": f"{d:%Y-%m}", "year": f"{d:%Y}"}.get(precision or "", d.isoformat())


def event_record(r: dict[str, Any]) -> dict[str, Any]:
    """One events row as a JSON-ready record."""
    return {
        "event_id": r["id"], "event": r["category"], "mode": r["mode"], "aux": r["aux"],
        "actor": list(r["actor_codes"] or []), "recipient": list(r["recipient_codes"] or []),
        "persons": list(r["persons"] or []),
        "date": _iso(r["date_start"], r["date_precision"]),
        "date_end": _iso(r["date_end"], r["date_precision"]) if r["date_end"] != r["date_start"] else None,
        "date_precision": r["date_precision"] if r["date_start"] else None,
        "location": {"country_code": r["location_country"]} if r["location_country"] else None,
        "n_mentions": r["n_mentions"], "n_documents": r["n_documents"],
        "sources": list(r["sources"] or []), "languages": list(r["languages"] or []),
        "first_report": r["first_report"].isoformat() if r["first_report"] else None,
        "last_report": r["last_report"].isoformat() if r["last_report"] else None,
        "confidence": r["confidence"], "cameo": r["cameo"], "plover_score": r["score"], "quad_class": r["quad"],
        "mentions": list(r["mention_ids"] or []),
    }


def event_lines(store: Store) -> Iterator[str]:
    """The store's linked events as JSON lines."""
    for r in store.rows(analysis_sql.EVENTS_WITH_MENTIONS_SQL):
        yield json.dumps(event_record(r), ensure_ascii=False)


def write_events(store: Store, out: Path | IO[str]) -> int:
    """Write the linked events as JSON lines; returns their number."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as f:
            return write_events(store, f)
    n = 0
    for line in event_lines(store):
        out.write(line + "\n")
        n += 1
    return n
