"""Interactions between two actors over time: events per period by category, and their tone.

An event counts for the pair when they interact in it (either direction; two countries that
jointly accuse a third do not interact with each other). Each event counts once however many
reports it has, in the period of its date as the texts give it; events without one are left
out unless asked for (undated=True places them at their first report).

The tone of a period is the mean PLOVER score of its events (-10 conflict .. +10
cooperation, the Goldstein-style scale), with the counts of cooperative
(quad classes 1, 2) and conflictual (3, 4) events beside it. Only events reported as done
count: planned, hypothetical and denied ones are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from communique.analyse.data import ActorQuery, EventRow, actor_query, ensure_linked, load_events
from communique.analyse.periods import PERIODS, period_index, period_label, period_start
from communique.errors import UsageError
from communique.store.duckdb import Store


@dataclass(frozen=True, slots=True)
class Period:
    """One period of a timeline."""

    label: str
    start: date
    events: int
    mentions: int
    by_category: dict[str, int]
    cooperation: int
    conflict: int
    score: float | None  # mean PLOVER score of the period's events
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A timeline between two actors."""

    a: str
    b: str
    by: str
    periods: tuple[Period, ...]

    @property
    def events(self) -> int:
        """Events in all periods."""
        return sum(p.events for p in self.periods)


def timeline_of(events: list[EventRow], a: ActorQuery, b: ActorQuery, by: str = "month",
                categories: frozenset[str] | None = None) -> Timeline:
    """The timeline of two actors over events already loaded, empty periods included."""
    if by not in PERIODS:
        raise UsageError(f"--by {by}: use one of {', '.join(PERIODS)}")
    bins: dict[int, list[EventRow]] = {}
    for e in events:
        if e.day is None or (categories and e.category not in categories):
            continue
        if not (a.involved(e) and b.involved(e)):
            continue
        if a.code is not None and b.code is not None and (min(a.code, b.code), max(a.code, b.code)) not in e.dyads:
            continue
        bins.setdefault(period_index(e.day, by), []).append(e)
    periods = []
    if bins:
        for i in range(min(bins), max(bins) + 1):
            evs = bins.get(i, [])
            scores = [e.score for e in evs if e.score is not None]
            periods.append(Period(
                label=period_label(i, by), start=period_start(i, by), events=len(evs),
                mentions=sum(e.n_mentions for e in evs), by_category=dict(Counter(e.category for e in evs)),
                cooperation=sum(1 for e in evs if e.quad in (1, 2)), conflict=sum(1 for e in evs if e.quad in (3, 4)),
                score=round(sum(scores) / len(scores), 2) if scores else None, event_ids=tuple(e.id for e in evs)))
    return Timeline(a.text, b.text, by, tuple(periods))


def timeline(store: Store, a: str, b: str, by: str = "month", since: date | None = None, until: date | None = None,
             categories: frozenset[str] | None = None, undated: bool = False) -> Timeline:
    """Interactions between two actors (country codes or names) per period, from a store."""
    ensure_linked(store)
    qa, qb = actor_query(store, a), actor_query(store, b)
    return timeline_of(load_events(store, since, until, undated=undated), qa, qb, by, categories)
