"""Linked events and their source sentences, as the analyses read them from a store."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from communique.errors import UsageError
from communique.link.rules import SYMMETRIC
from communique.store import analysis_sql
from communique.store.duckdb import Store

_CODE = re.compile(r"^[A-Za-z]{3}$")


@dataclass(frozen=True, slots=True)
class EventRow:
    """A linked event with what the analyses need of it."""

    id: str
    category: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    start: date | None
    end: date | None
    precision: str | None
    first_report: date | None = None
    mode: str | None = None
    aux: str | None = None
    location: str | None = None
    n_documents: int = 1
    n_mentions: int = 1
    score: float | None = None
    quad: int | None = None
    persons: tuple[str, ...] = ()

    @property
    def day(self) -> date | None:
        """When it happened, else when it was first reported."""
        return self.start or self.first_report

    @property
    def participants(self) -> frozenset[str]:
        """Country codes of all its participants."""
        return frozenset(c for c in (*self.actors, *self.recipients) if c)

    @property
    def dyads(self) -> frozenset[tuple[str, str]]:
        """The pairs of countries that interact in it, each sorted: every pair of participants for
        symmetric categories (a meeting), actor × recipient otherwise (two countries accusing a
        third do not interact with each other)."""
        if self.category in SYMMETRIC or not self.recipients or not self.actors:
            codes = sorted(self.participants)
            return frozenset((a, b) for i, a in enumerate(codes) for b in codes[i + 1:])
        return frozenset((min(a, r), max(a, r)) for a in self.actors for r in self.recipients if a and r and a != r)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence behind an event: where it was read and the words that carry it."""

    event_id: str
    mention_id: str
    doc_id: str
    sentence: str
    trigger: str
    lang: str | None = None
    outlet: str | None = None
    source: str | None = None  # url or path
    published: date | None = None


def _row(r: dict[str, Any]) -> EventRow:
    return EventRow(
        id=r["id"], category=r["category"], actors=tuple(r["actor_codes"] or ()),
        recipients=tuple(r["recipient_codes"] or ()), start=r["date_start"], end=r["date_end"],
        precision=r["date_precision"], first_report=r["first_report"], mode=r["mode"], aux=r["aux"],
        location=r["location_country"], n_documents=r["n_documents"] or 1, n_mentions=r["n_mentions"] or 1,
        score=r["score"], quad=r["quad"], persons=tuple(r["persons"] or ()))


def ensure_linked(store: Store) -> None:
    """Raise UsageError when the store holds event mentions that were never linked."""
    state = next(store.rows(analysis_sql.LINK_STATE_SQL))
    if state["mentions"] and (state["unlinked"] or not state["events"]):
        raise UsageError(f"{state['unlinked']} event mentions are not linked yet: "
                         f"run communique link --db {store.path}")


def load_events(store: Store, since: date | None = None, until: date | None = None, category: str | None = None,
                include_aux: bool = False, undated: bool = True) -> list[EventRow]:
    """Linked events in a range (by default only those reported as done), in date order.

    With undated=False, only events whose texts give their date: an event known only by the
    day it was reported is often a background mention ("since the invasion") and would count
    as news of the day it was reported.
    """
    sql, params = analysis_sql.events_sql(since, until, category, include_aux, undated)
    return [_row(r) for r in store.rows(sql, params)]


def events_naming(store: Store, words: str) -> set[str]:
    """Ids of events whose mentions name an actor by these words."""
    sql, params = analysis_sql.events_naming_sql(words)
    return {r["event_id"] for r in store.rows(sql, params)}


@dataclass(frozen=True, slots=True)
class ActorQuery:
    """An actor as the user named it: a country code, or words naming a person or organisation."""

    text: str
    code: str | None
    event_ids: frozenset[str] = frozenset()

    def involved(self, e: EventRow) -> bool:
        """Whether the actor takes part in an event."""
        return e.id in self.event_ids if self.code is None else self.code in e.participants


def actor_query(store: Store, text: str) -> ActorQuery:
    """Resolve what the user typed: three letters are a country code, anything else a name."""
    text = text.strip()
    if not text:
        raise UsageError("an actor is empty: give a country code (BLR) or a name (Lukashenko)")
    if _CODE.match(text):
        return ActorQuery(text, text.upper())
    ids = events_naming(store, text)
    if not ids:
        raise UsageError(f"no event names {text!r}: give a country code (BLR) or a name as the texts write it")
    return ActorQuery(text, None, frozenset(ids))


def evidence(store: Store, event_ids: Iterable[str], per_event: int = 3) -> dict[str, list[Evidence]]:
    """The sentences behind these events: the best few of each, one per language at least."""
    ids = sorted(set(event_ids))
    out: dict[str, list[Evidence]] = {i: [] for i in ids}
    if not ids:
        return out
    with store.registered("_ev", pa.table({"id": ids})):
        cur = store.con.execute(analysis_sql.evidence_sql(per_event))
        names = [d[0] for d in cur.description or ()]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        out[r["event_id"]].append(Evidence(
            event_id=r["event_id"], mention_id=r["mention_id"], doc_id=r["doc_id"], sentence=r["sentence"] or "",
            trigger=r["trigger_text"] or "", lang=r["lang"], outlet=r["outlet"], source=r["url"] or r["path"],
            published=r["published"]))
    return out


def by_id(events: Sequence[EventRow]) -> dict[str, EventRow]:
    """Events by id."""
    return {e.id: e for e in events}
