"""Linking what is in a store: after each ingest batch (`link_pending`), or all again (`relink`).

The linker's decisions for a mention depend only on mentions that share one of its streams
with an overlapping time window, and, for a document without a publication date, on the
document's other mentions. So the mentions to relink are found as a closure: start from the
new ones, add the stored mentions that share a stream and window with any of them, the other
mentions of their undated documents, and the mentions of the events they are in; repeat until
nothing new comes. The linker runs on that region alone and its links and events replace the
old ones, in one transaction: a crash leaves the new mentions unlinked, to be linked next time.

The closure stays within a reach of time: the new mentions' windows widened by REACH_DAYS.
In a stream reported every day, windows overlap from one day to the next and an unbounded
closure is the whole history: every link would cost as much time and memory as the whole
store. Within the reach, a new report meets every event it could join, whole, and the
anchors those events hang on; what lies beyond keeps the links it has. So linking in batches
gives the same events as linking everything at once whenever the stored windows lie within
the reach (a store of a few months, or reports arriving in date order and linked often); on
a longer history, an old event that only a chain of overlapping windows ties to the new
reports is left as it was. `relink` links everything again, exactly; `link_pending(store,
None)` lifts the reach.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from communique.link import rules
from communique.link.core import LONGEST_ANCHOR, link
from communique.link.rules import LinkMention
from communique.store import links as sql
from communique.store.duckdb import Store, system_arrow_memory

Span = tuple[str, str, date | None, date | None]
Reach = tuple[date | None, date | None]

# How far the closure may reach beyond the new mentions' windows: the longest an event anchor
# can stretch (a month's reports with slack at both ends), so that every anchor a new mention
# could join is rebuilt whole.
REACH_DAYS = LONGEST_ANCHOR.days


@dataclass(frozen=True, slots=True)
class LinkCounts:
    """What one link run did."""

    new: int = 0  # mentions linked for the first time
    relinked: int = 0  # mentions whose links were computed again (new ones included)
    events: int = 0  # events written
    pinned: int = 0  # mentions that took their event's date


def _reach(ms: list[LinkMention], days: int | None) -> Reach:
    """The time the closure may reach: these mentions' windows widened by `days` (None: all)."""
    if days is None or not ms:
        return None, None
    wins = [rules.window(m) for m in ms]
    margin = timedelta(days=days)
    los, his = [w[0] for w in wins], [w[1] for w in wins]
    lo = None if None in los else min(d for d in los if d is not None) - margin
    hi = None if None in his else max(d for d in his if d is not None) + margin
    return lo, hi


def _clipped(spans: list[Span], reach: Reach) -> list[Span]:
    """The parts of these spans within the reach."""
    out: list[Span] = []
    for fam, s, lo, hi in spans:
        if reach[0] is not None and (lo is None or lo < reach[0]):
            lo = reach[0]
        if reach[1] is not None and (hi is None or hi > reach[1]):
            hi = reach[1]
        if lo is None or hi is None or lo <= hi:
            out.append((fam, s, lo, hi))
    return out


def _merged_spans(ms: list[LinkMention]) -> list[Span]:
    """The (family, stream) windows of these mentions, overlapping ones merged."""
    per: dict[tuple[str, str], list[tuple[date | None, date | None]]] = defaultdict(list)
    for m in ms:
        lo, hi = rules.window(m)
        fam = rules.family(m.category)
        for s in rules.streams(m):
            per[(fam, s)].append((lo, hi))
    out: list[Span] = []
    for (fam, s), wins in per.items():
        wins.sort(key=lambda w: (w[0] is not None, w[0] or date.min))
        cur_lo, cur_hi = wins[0]
        for lo, hi in wins[1:]:
            if cur_hi is None or lo is None or lo <= cur_hi:
                cur_hi = None if cur_hi is None or hi is None else max(cur_hi, hi)
            else:
                out.append((fam, s, cur_lo, cur_hi))
                cur_lo, cur_hi = lo, hi
        out.append((fam, s, cur_lo, cur_hi))
    return out


def _region(store: Store, start: list[LinkMention], reach_days: int | None) -> tuple[list[LinkMention], set[str]]:
    """The new mentions and every stored one their links can touch within the reach; and the
    event ids in play (all of whose mentions are in the region, so that events are replaced whole)."""
    have: dict[str, LinkMention] = {m.id: m for m in start}
    old_events: set[str] = set()
    reach = _reach(start, reach_days)
    frontier = list(start)
    while frontier:
        docs = sorted({m.doc_id for m in frontier if m.published is None})
        ids = sql.neighbours(store, _clipped(_merged_spans(frontier), reach), docs)
        ids |= sql.event_members(store, sorted(old_events))
        fresh = [i for i in ids if i not in have]
        frontier = []
        for m, eid in sql.by_ids(store, fresh):
            have[m.id] = m
            frontier.append(m)
            if eid is not None:
                old_events.add(eid)
    return sorted(have.values(), key=lambda m: m.id), old_events


def _run(store: Store, region: list[LinkMention], replaced: set[str], fresh: set[str]) -> LinkCounts:
    """Link the region; write its links, the blocking keys of the `fresh` mentions (linked for the
    first time: the others' keys are stored and do not change) and its events."""
    result = link(region)
    # An event the region makes may take the id of a stored one (a group of the same day's
    # news, of a month, of a document) some of whose mentions lie beyond the reach: they join.
    # The replaced events' mentions are all in the region already; only new ids can collide.
    while beyond := sql.event_members(store, sorted({e.event.id for e in result.events} - replaced)) - {
            m.id for m in region}:
        more = sql.by_ids(store, sorted(beyond))
        region = [*region, *(m for m, _ in more)]  # link() orders its input itself
        replaced |= {eid for _, eid in more if eid is not None}
        result = link(region)
    sql.write_links(store, result.links, region)
    sql.write_keys(store, (m for m in region if m.id in fresh))
    sql.write_events(store, result.events, replaced)
    pinned = sum(1 for lk in result.links.values() if lk.pinned is not None)
    return LinkCounts(len(fresh), len(region), len(result.events), pinned)


@system_arrow_memory()
def link_pending(store: Store, reach_days: int | None = REACH_DAYS) -> LinkCounts:
    """Link the mentions not linked yet against the stored events within the reach, in one transaction."""
    store.con.begin()
    try:
        fresh = [m for m, _ in sql.pending(store)]
        if not fresh:
            store.con.commit()
            return LinkCounts()
        region, replaced = _region(store, fresh, reach_days)
        counts = _run(store, region, replaced, {m.id for m in fresh})
        store.con.commit()
    except BaseException:
        store.con.rollback()
        raise
    return counts


@system_arrow_memory()
def relink(store: Store) -> LinkCounts:
    """Link every stored mention again from scratch, in one transaction."""
    store.con.begin()
    try:
        sql.clear(store)
        everything = [m for m, _ in sql.every(store)]
        counts = _run(store, everything, set(), {m.id for m in everything})
        store.con.commit()
    except BaseException:
        store.con.rollback()
        raise
    return counts
