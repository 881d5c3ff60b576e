"""PLOVER JSON lines: one event mention per line, with PLOVER field names.

`strict=True` applies PLOVER's reduction rule: a cooperative action reported for the future
(CONSULT, SUPPORT, COOPERATE, AID with aux=future) is coded AGREE, as the 2021 manual asks.
By default Communique keeps the category and marks aux=future, which loses nothing: the
strict form can always be derived from it, not the other way round.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})


def _iso(d: date | None, precision: str | None) -> str | None:
    if d is None or not precision or precision == "unknown":
        return None
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _entities(raw: str | None) -> list[dict[str, Any]]:
    return json.loads(raw) if raw else []


def plover_record(row: dict[str, Any], strict: bool = False) -> dict[str, Any]:
    """One row of the event view (store.queries.EVENT_VIEW) as a PLOVER record."""
    event, mode, aux = row["category"], row["mode"], row["aux"]
    contexts = list(row["contexts"] or [])
    rec: dict[str, Any] = {"id": row["id"], "event_id": row["event_id"], "event": event, "mode": mode}
    if strict and aux == "future" and event in FUTURE_TO_AGREE:
        rec.update(event="AGREE", mode=None, original_event=event, original_mode=mode)
        aux = None
    if aux and aux not in contexts:
        contexts.append(aux)
    date_iso = _iso(row["date_start"], row["date_precision"])
    rec.update({
        "context": contexts,
        "actor": _entities(row["actors"]),
        "recipient": _entities(row["recipients"]),
        "date": date_iso,
        "date_end": _iso(row["date_end"], row["date_precision"]) if row["date_end"] != row["date_start"] else None,
        "date_precision": row["date_precision"] if date_iso else None,
        "date_inferred": bool(row["date_inferred"]) if date_iso else None,
        "aux": aux,
        "location": json.loads(row["location"]) if row["location"] else None,
        "text": row["sentence_text"],
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "doc_id": row["doc_id"],
        "path": row["path"],
        "url": row["url"],
        "outlet": row["outlet"],
        "language": row["lang"],
        "published": _iso(row["published"], row["published_precision"]),
        "pattern": row["pattern"],
        "cameo": row["cameo"],
        "plover_score": row["score"],
        "quad_class": row["quad"],
        "confidence": row["confidence"],
    })
    return rec


def plover_lines(rows: Iterable[dict[str, Any]], strict: bool = False) -> Iterator[str]:
    """PLOVER records as JSON lines."""
    for row in rows:
        yield json.dumps(plover_record(row, strict), ensure_ascii=False, default=str)


def write_plover(rows: Iterable[dict[str, Any]], out: Path | IO[str], strict: bool = False) -> int:
    """Write PLOVER JSON lines to a file or stream; returns the number of records."""
    n = 0
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as f:
            return write_plover(rows, f, strict)
    for line in plover_lines(rows, strict):
        out.write(line + "\n")
        n += 1
    return n
