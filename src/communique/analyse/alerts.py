"""Alerts: patterns in the linked events worth an analyst's look, each with the events behind it.

Only events reported as done count (not planned, hypothetical or denied ones), each once
however many reports it has, and only those whose date the texts give: an event known only by
the day it was reported is often a background mention ("since the invasion") or one report of
an event whose dated reports were linked elsewhere, and would make surges and gaps of nothing.
Pairs are the pairs that interact in an event (all pairs of a meeting, actor × recipient for
directed categories).

- surge: a pair of countries whose events in a period (a month by default) come at a rate
  significantly above the pair's own baseline, the periods before it (24 by default, from
  the first period the corpus has events in; at least 3 of them). The test is the exact
  conditional test for two Poisson rates: given k events in the period and b in the T
  baseline periods, under equal rates k ~ Binomial(k + b, 1 / (1 + T)); one-sided p-value
  P(X >= k). The p-values of all tested (pair, period) cells, those with at least
  `min_count` events (2), are adjusted by Benjamini–Hochberg; cells with q <= alpha (0.05,
  the usual false discovery rate) are reported, with p, q, k, b and T.
- co-presence: two visits by different foreign countries to the same host whose dates lie
  within `days` (3) of each other. Both must be dated, at most a month long, and at least one
  to the week; the alert says when only month precision makes them coincide.
- reciprocity: in the window, at least `min_visits` (2) visits from A to B and none from B to
  A. A descriptive gap, not a test (two visits one way are p = 0.25 under equal rates); the
  binomial p-value is given for the record.
- triangle: three countries each pair of which has a cooperative event (quad classes 1–2)
  within `days` (31) of the others, from at least two distinct events, and two of the pairs
  with an event of their own (without the third country): a single trilateral meeting, or
  events that all name the three, are not a pattern of pairwise ties.

A visit is a CONSULT event in mode "visit"; its host is its location, else its only
recipient; its visitors are its other participants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations

from communique.analyse import stats
from communique.analyse.data import EventRow, Evidence, ensure_linked, evidence, load_events
from communique.analyse.periods import PERIODS, period_index, period_label
from communique.errors import UsageError
from communique.store.duckdb import Store

KINDS = ("surge", "copresence", "reciprocity", "triangle")


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert: what was seen, among whom, when, on what figures, from which events and sentences."""

    kind: str
    title: str
    actors: tuple[str, ...]
    start: date | None
    end: date | None
    figures: dict[str, float | int | str]
    event_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AlertOptions:
    """The thresholds of the alerts (their defaults are the ones the module docstring states)."""

    by: str = "month"
    alpha: float = 0.05
    min_count: int = 2
    baseline: int = 24
    min_history: int = 3
    days: int = 3
    min_visits: int = 2
    triangle_days: int = 31


def _pair(a: str, b: str) -> str:
    return f"{a}–{b}"


def surges(events: Sequence[EventRow], opt: AlertOptions = AlertOptions()) -> list[Alert]:
    """Pairs whose event count in a period is significantly above their own baseline."""
    if opt.by not in PERIODS:
        raise UsageError(f"--by {opt.by}: use one of {', '.join(PERIODS)}")
    counts: dict[tuple[str, str], dict[int, list[EventRow]]] = defaultdict(lambda: defaultdict(list))
    first = None
    for e in events:
        if e.day is None:
            continue
        i = period_index(e.day, opt.by)
        first = i if first is None else min(first, i)
        for a, b in sorted(e.dyads):
            counts[(a, b)][i].append(e)
    if first is None:
        return []
    cells = []
    for dyad, per in counts.items():
        for i, evs in per.items():
            k = len(evs)
            lo = max(first, i - opt.baseline)
            history = i - lo
            if k < opt.min_count or history < opt.min_history:
                continue
            base = sum(len(per.get(j, ())) for j in range(lo, i))
            p = stats.rate_increase_p(k, 1, base, history)
            cells.append((dyad, i, k, base, history, p, evs))
    qs = stats.benjamini_hochberg([c[5] for c in cells])
    out = []
    for (dyad, i, k, base, history, p, evs), q in zip(cells, qs, strict=True):
        if q > opt.alpha:
            continue
        label = period_label(i, opt.by)
        days = [e.day for e in evs if e.day is not None]
        out.append(Alert(
            "surge", f"{_pair(*dyad)}: {k} events in {label} against {base} in the {history} {opt.by}s before "
            f"(p = {p:.2g}, q = {q:.2g})", dyad, min(days), max(days),
            {"period": label, "events": k, "baseline_events": base, "baseline_periods": history,
             "rate_ratio": round(k / (base / history), 2) if base else "inf", "p": p, "q": q},
            tuple(e.id for e in evs)))
    return sorted(out, key=lambda a: (a.figures["q"], a.actors))


def _visit(e: EventRow) -> tuple[frozenset[str], str] | None:
    """(visitors, host) of a visit event, or None when it is not one or the sides are not known."""
    if e.category != "CONSULT" or e.mode != "visit":
        return None
    host = e.location or (e.recipients[0] if len(e.recipients) == 1 else None)
    if not host:
        return None
    visitors = e.participants - {host}
    return (frozenset(visitors), host) if visitors else None


def copresence(events: Sequence[EventRow], opt: AlertOptions = AlertOptions()) -> list[Alert]:
    """Different foreign countries visiting the same host within the same days."""
    by_host: dict[str, list[tuple[EventRow, frozenset[str]]]] = defaultdict(list)
    for e in events:
        v = _visit(e)
        if v is None or e.start is None or e.end is None or (e.end - e.start).days > 31:
            continue
        by_host[v[1]].append((e, v[0]))
    out = []
    slack = timedelta(days=opt.days)
    for host, visits in sorted(by_host.items()):
        visits.sort(key=lambda t: (t[0].start, t[0].id))
        for (e1, v1), (e2, v2) in combinations(visits, 2):
            assert e1.start and e1.end and e2.start and e2.end
            if v1 & v2 or e2.start > e1.end + slack or e1.start > e2.end + slack:
                continue
            short = min((e1.end - e1.start).days, (e2.end - e2.start).days)
            if short > 7:
                continue
            exact = e1.precision == "day" and e2.precision == "day"
            who = " and ".join(",".join(sorted(v)) for v in (v1, v2))
            note = "" if exact else " (one of them dated only to the month)"
            out.append(Alert(
                "copresence", f"{who} visiting {host} at the same time: {e1.start} and {e2.start}{note}",
                (*sorted(v1), *sorted(v2), host), min(e1.start, e2.start), max(e1.end, e2.end),
                {"host": host, "precision": "day" if exact else "month", "days_apart":
                 max(0, (max(e1.start, e2.start) - min(e1.end, e2.end)).days)},
                (e1.id, e2.id)))
    return out


def reciprocity(events: Sequence[EventRow], opt: AlertOptions = AlertOptions()) -> list[Alert]:
    """Visits from A to B, at least min_visits of them, without one from B to A in the window."""
    visits: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for e in events:
        v = _visit(e)
        if v is None:
            continue
        for visitor in sorted(v[0]):
            visits[(visitor, v[1])].append(e)
    out = []
    for (a, b), evs in sorted(visits.items()):
        if len(evs) < opt.min_visits or visits.get((b, a)):
            continue
        days = [e.day for e in evs if e.day is not None]
        n = len(evs)
        out.append(Alert(
            "reciprocity", f"{a} → {b}: {n} visits, none from {b} to {a}", (a, b),
            min(days) if days else None, max(days) if days else None,
            {"visits": n, "returned": 0, "p_equal_rates": stats.binomial_tail(n, n, 0.5)},
            tuple(e.id for e in evs)))
    return out


def triangles(events: Sequence[EventRow], opt: AlertOptions = AlertOptions()) -> list[Alert]:
    """Three countries with pairwise cooperation within a window, from at least two events."""
    edges: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for e in events:
        if e.quad not in (1, 2) or e.day is None:
            continue
        for a, b in sorted(e.dyads):
            edges[(a, b)].append(e)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    out = []
    window = timedelta(days=opt.triangle_days)
    for a in sorted(neighbours):
        for b in sorted(n for n in neighbours[a] if n > a):
            for c in sorted(n for n in neighbours[a] & neighbours[b] if n > b):
                sides = ((a, b), (b, c), (a, c))
                tagged = sorted(((e.day, side, e) for side in sides for e in edges[side]),
                                key=lambda t: (t[0], t[1], t[2].id))
                found = _window_with_all(tagged, sides, window)
                if found is None:
                    continue
                evs = sorted({e.id: e for _, _, e in found}.values(), key=lambda e: (e.day, e.id))
                days = [e.day for e in evs if e.day is not None]
                out.append(Alert(
                    "triangle", f"{a}, {b} and {c} cooperating pairwise between {min(days)} and {max(days)}",
                    (a, b, c), min(days), max(days), {"events": len(evs), "window_days": opt.triangle_days},
                    tuple(e.id for e in evs)))
    return out


def _apart(run: list, sides: tuple) -> int:
    """How many sides of the triangle have an event of their own, without the third country."""
    corners = {c for side in sides for c in side}
    return sum(1 for side in sides
               if any(s == side and not (e.participants & (corners - set(side))) for _, s, e in run))


def _window_with_all(tagged: list, sides: tuple, window: timedelta) -> list | None:
    """The first run of (day, side, event) within `window` that covers every side with two or more events."""
    lo = 0
    for hi in range(len(tagged)):
        while tagged[hi][0] - tagged[lo][0] > window:
            lo += 1
        run = tagged[lo:hi + 1]
        if {s for _, s, _ in run} >= set(sides) and len({e.id for _, _, e in run}) >= 2 \
                and _apart(run, sides) >= 2:
            # extend to every event of the window starting at lo, for the full picture
            end = hi
            while end + 1 < len(tagged) and tagged[end + 1][0] - tagged[lo][0] <= window:
                end += 1
            return tagged[lo:end + 1]
    return None


def find_alerts(events: Sequence[EventRow], kinds: Sequence[str] = KINDS,
                opt: AlertOptions = AlertOptions()) -> list[Alert]:
    """Alerts of the given kinds over events already loaded (without their sentences)."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise UsageError(f"--kind {unknown[0]}: use one of {', '.join(KINDS)}")
    found: list[Alert] = []
    for kind, fn in (("surge", surges), ("copresence", copresence), ("reciprocity", reciprocity),
                     ("triangle", triangles)):
        if kind in kinds:
            found.extend(fn(events, opt))
    return found


def alerts(store: Store, kinds: Sequence[str] = KINDS, since: date | None = None, until: date | None = None,
           opt: AlertOptions = AlertOptions(), per_event: int = 3) -> list[Alert]:
    """Alerts over a store's linked events, each with the sentences behind its events."""
    ensure_linked(store)
    found = find_alerts(load_events(store, since, until, undated=False), kinds, opt)
    ev = evidence(store, {i for a in found for i in a.event_ids}, per_event)
    return [replace(a, evidence=tuple(x for i in a.event_ids for x in ev.get(i, ()))) for a in found]
