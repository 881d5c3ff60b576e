"""Linking what is in a store: after each ingest batch (`link_pending`), or all again (`relink`).

Incremental linking gives the same events as linking everything at once. The linker's
decisions for a mention depend only on mentions that share one of its streams with an
overlapping time window, and, for a document without a publication date, on the document's
other mentions. So the mentions to relink are found as a closure: start from the new ones,
add the stored mentions that share a stream and window with any of them, the other mentions
of their undated documents, and the mentions of the events they are in; repeat until nothing
new comes. The linker runs on that region alone and its links and events replace the old
ones, in one transaction: a crash leaves the new mentions unlinked, to be linked next time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from communique.link import rules
from communique.link.core import link
from communique.link.rules import LinkMention
from communique.store import links as sql
from communique.store.duckdb import Store

Span = tuple[str, str, date | None, date | None]


@dataclass(frozen=True, slots=True)
class LinkCounts:
    """What one link run did."""

    new: int = 0  # mentions linked for the first time
    relinked: int = 0  # mentions whose links were computed again (new ones included)
    events: int = 0  # events written
    pinned: int = 0  # mentions that took their event's date


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


def _region(store: Store, start: list[LinkMention]) -> tuple[list[LinkMention], set[str]]:
    """The new mentions and every stored one their links can touch; and the event ids in play."""
    have: dict[str, LinkMention] = {m.id: m for m in start}
    old_events: set[str] = set()
    frontier = list(start)
    while frontier:
        docs = sorted({m.doc_id for m in frontier if m.published is None})
        ids = sql.neighbours(store, _merged_spans(frontier), docs)
        ids |= sql.event_members(store, sorted(old_events))
        fresh = [i for i in ids if i not in have]
        frontier = []
        for m, eid in sql.by_ids(store, fresh):
            have[m.id] = m
            frontier.append(m)
            if eid is not None:
                old_events.add(eid)
    return sorted(have.values(), key=lambda m: m.id), old_events


def _run(store: Store, region: list[LinkMention], replaced: set[str], new: int) -> LinkCounts:
    result = link(region)
    sql.write_links(store, result.links, region)
    sql.write_events(store, result.events, replaced)
    pinned = sum(1 for lk in result.links.values() if lk.pinned is not None)
    return LinkCounts(new, len(region), len(result.events), pinned)


def link_pending(store: Store) -> LinkCounts:
    """Link the mentions not linked yet against the stored events, in one transaction."""
    store.con.begin()
    try:
        fresh = [m for m, _ in sql.pending(store)]
        if not fresh:
            store.con.commit()
            return LinkCounts()
        region, replaced = _region(store, fresh)
        counts = _run(store, region, replaced, len(fresh))
        store.con.commit()
    except BaseException:
        store.con.rollback()
        raise
    return counts


def relink(store: Store) -> LinkCounts:
    """Link every stored mention again from scratch, in one transaction."""
    store.con.begin()
    try:
        sql.clear(store)
        everything = [m for m, _ in sql.every(store)]
        counts = _run(store, everything, set(), len(everything))
        store.con.commit()
    except BaseException:
        store.con.rollback()
        raise
    return counts
