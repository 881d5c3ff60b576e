"""Linking event mentions into events: a pure, deterministic function of a set of mentions.

Three passes, each deciding from what the earlier ones fixed, so that the result does not
depend on the order the mentions come in, nor on how they were split into batches:

1. Fine mentions (dated to the day, short intervals) are joined by union-find over pairs that
   `rules.compatible` accepts; only pairs in one stream (family × participant pair) whose
   dates are within slack are compared, in a sweep over the stream sorted by date, after
   identical reports are folded together: near-linear. A component longer than its family's
   span limit (daily shelling reported every day chains into months) is cut by a sweep in date
   order into events no longer than the limit. Each event is an anchor.
2. Coarse mentions (a month) join the one fine anchor they are compatible with; when none, or
   several that nothing tells apart, they form a month group per (family, who, aux class,
   month), itself an anchor.
3. Wide mentions (a year, or no date: the window is then what the publication date allows, or
   unbounded without one) join an anchor by a ladder of evidence: the only candidate; the one
   holding a mention of the same document; the one naming the same person; the one with
   exactly the same participants; the one of the same aux (planned vs done); the one nearest
   the document's focus (its publication date; for a document without one, the latest date it
   states or was unambiguously tied to for the same pair of countries, else the middle of all
   such dates); the far most reported one (three times the documents of the next). Left
   over, they group per
   (family, who, aux class, publication day) when the document is dated to the day (the same
   news told the same day), else per document.

Event ids are hashes of what defines the event (the smallest fine mention id, or the group
key), so the same input always gives the same ids.
"""

from __future__ import annotations

import gc
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from communique.link import rules
from communique.link.rules import LinkMention
from communique.records import Event

# How much a link decision is worth: the confidence that the mention tells its event.
BASIS_CONFIDENCE = {
    "fine": 1.0, "split": 0.9, "only": 0.9, "document": 0.9, "person": 0.85, "who": 0.8, "aux": 0.75,
    "nearest": 0.7, "prior": 0.5, "month": 0.8, "news": 0.7, "alone": 1.0,
}
PINNING_BASES = frozenset({"only", "document", "person"})  # unambiguous enough to pin a date
_DEFINING = frozenset({"fine", "split", "month"})  # the reports that define an anchor
PRIOR_RATIO = 3
NEAREST_MARGIN_DAYS = 7
LONGEST_ANCHOR = timedelta(days=rules.COARSE_DAYS + 2 * max(rules.SLACK_DAYS.values()))


def _hash(*parts: object) -> str:
    key = "\x1f".join(str(p) for p in parts)
    return "e" + hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Link:
    """How one mention was linked: its event, on what evidence, how surely; a pinned date if any."""

    event_id: str
    basis: str
    confidence: float
    kind: str  # fine / coarse / wide (rules.kind)
    pinned: tuple[date, date, str] | None = None  # (start, end, precision) taken from the event


@dataclass(frozen=True, slots=True)
class LinkedEvent:
    """A linked event: the record plus what the store keeps beside it."""

    event: Event
    aux: str | None  # None when any mention reports it done; else the mentions' common aux
    persons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Every mention's link and every event they make."""

    links: dict[str, Link]
    events: tuple[LinkedEvent, ...]


# An anchor's summary sets are tuples while they hold few items: a set costs 216 bytes even for
# one, most anchors hold one or two of each, and a link of 10k documents builds ~20k anchors.
_FEW = 8
T = TypeVar("T")
Few = tuple[T, ...] | set[T]


def _grow(held: Few[T], items: Iterable[T]) -> Few[T]:
    """`held` with `items` added (in place once it is a set)."""
    if isinstance(held, set):
        held.update(items)
        return held
    fresh = [x for x in items if x not in held]
    if not fresh:
        return held
    out = (*held, *dict.fromkeys(fresh))
    return set(out) if len(out) > _FEW else out


@dataclass(slots=True)
class Anchor:
    """An event that dated mentions define, which other mentions may join."""

    id: str
    family: str
    aux_class: str
    start: date
    end: date
    precision: str
    categories: Few[str] = ()
    auxes: Few[str | None] = ()
    actors: Few[str] = ()
    recipients: Few[str] = ()
    visitors: Few[str] = ()
    hosts: Few[str] = ()
    locations: Few[str] = ()
    persons: Few[str] = ()
    docs: Few[str] = ()
    streams: Few[str] = ()

    def add(self, m: LinkMention) -> None:
        """Take a defining mention into the anchor's summary."""
        self.categories = _grow(self.categories, (m.category,))
        self.auxes = _grow(self.auxes, (m.aux,))
        self.actors = _grow(self.actors, m.actors)
        self.recipients = _grow(self.recipients, m.recipients)
        visitors, hosts = rules.visit_sides(m)
        self.visitors = _grow(self.visitors, visitors)
        self.hosts = _grow(self.hosts, hosts)
        if m.location:
            self.locations = _grow(self.locations, (m.location,))
        self.persons = _grow(self.persons, m.persons)
        self.docs = _grow(self.docs, (m.doc_id,))
        self.streams = _grow(self.streams, rules.streams(m))
        if m.start is not None and m.start < self.start:
            self.start = m.start
        if m.end is not None and m.end > self.end:
            self.end = m.end

    def accepts(self, m: LinkMention, lo: date | None, hi: date | None) -> bool:
        """Whether a mention with window [lo, hi] can tell this anchor's event."""
        if m.category not in self.categories or rules.aux_class(m.aux) != self.aux_class:
            return False
        if m.location and self.locations and m.location not in self.locations:
            return False
        if not rules.overlaps(lo, hi, self.start, self.end):
            return False
        if not rules.who_compatible(m.category, frozenset(m.actors), frozenset(m.recipients),
                                    frozenset(self.actors), frozenset(self.recipients)):
            return False
        visitors, hosts = rules.visit_sides(m)
        return not rules.reversed_visits(visitors, hosts, frozenset(self.visitors), frozenset(self.hosts))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # the smaller index (earlier in date order) is the root: roots do not depend on input order
            if rj < ri:
                ri, rj = rj, ri
            self.parent[rj] = ri


def _fine_components(fine: list[LinkMention]) -> list[list[int]]:
    """Union-find over compatible fine mentions, compared within streams in a date sweep."""
    uf = _UnionFind(len(fine))
    by_stream: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(fine):
        fam = rules.family(m.category)
        for stream in rules.streams(m):
            by_stream[(fam, stream)].append(i)
    for (fam, _), idx in by_stream.items():
        s = timedelta(days=rules.slack(fam))
        # identical reports (same who, what, when, where) are one: fold them before comparing
        reps: dict[tuple[object, ...], int] = {}
        for i in idx:
            m = fine[i]
            key = (m.category, rules.aux_class(m.aux), m.actors, m.recipients, m.mode, m.location, m.start, m.end)
            first = reps.get(key)
            if first is None:
                reps[key] = i
            else:
                uf.union(first, i)
        active: list[int] = []
        for i in sorted(reps.values()):  # indices follow date order
            mi = fine[i]
            assert mi.start is not None
            active = [j for j in active if fine[j].end + s >= mi.start]  # type: ignore[operator]
            for j in active:
                if uf.find(i) != uf.find(j) and rules.compatible(fine[j], mi):
                    uf.union(i, j)
            active.append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(fine)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def _link_of(event_id: str, basis: str, kind: str) -> Link:
    return Link(event_id, basis, BASIS_CONFIDENCE[basis], kind)


def _start(m: LinkMention) -> date:
    assert m.start is not None
    return m.start


def _end(m: LinkMention) -> date:
    assert m.end is not None
    return m.end


def _new_anchor(anchor_id: str, m: LinkMention, precision: str) -> Anchor:
    assert m.start is not None and m.end is not None
    a = Anchor(anchor_id, rules.family(m.category), rules.aux_class(m.aux), m.start, m.end, precision)
    a.add(m)
    return a


def _split(fine: list[LinkMention], members: list[int]) -> list[list[int]]:
    """Cut an over-long component into events no longer than the span limit, sweeping in date order."""
    clusters: list[tuple[Anchor, list[int]]] = []
    for i in members:  # in date order
        m = fine[i]
        assert m.start is not None and m.end is not None
        fam = rules.family(m.category)
        limit = max(rules.span_limit(fam), (m.end - m.start).days)
        s = timedelta(days=rules.slack(fam))
        for a, idx in clusters:
            if a.end + s < m.start:
                continue
            if max(a.end, m.end) - min(a.start, m.start) > timedelta(days=limit):
                continue
            if any(rules.compatible(fine[j], m) for j in idx):
                a.add(m)
                idx.append(i)
                break
        else:
            clusters.append((_new_anchor("", m, "day"), [i]))
    return [idx for _, idx in clusters]


class _AnchorIndex:
    """Anchors by (family, stream), sorted by start, for window look-ups."""

    def __init__(self) -> None:
        self._lists: dict[tuple[str, str], list[tuple[date, str, Anchor]]] = defaultdict(list)
        self._starts: dict[tuple[str, str], list[date]] = {}

    def add(self, a: Anchor) -> None:
        for s in a.streams:
            self._lists[(a.family, s)].append((a.start, a.id, a))

    def freeze(self) -> None:
        for key, lst in self._lists.items():
            lst.sort(key=lambda t: (t[0], t[1]))
            self._starts[key] = [t[0] for t in lst]

    def candidates(self, m: LinkMention, lo: date | None, hi: date | None) -> list[Anchor]:
        fam = rules.family(m.category)
        found: dict[str, Anchor] = {}
        for s in rules.streams(m):
            key = (fam, s)
            lst = self._lists.get(key)
            if not lst:
                continue
            starts = self._starts[key]
            i0 = 0 if lo is None else bisect_left(starts, lo - LONGEST_ANCHOR)
            i1 = len(lst) if hi is None else bisect_right(starts, hi)
            for _, aid, a in lst[i0:i1]:
                if aid not in found and a.accepts(m, lo, hi):
                    found[aid] = a
        return [found[k] for k in sorted(found)]


def _distance(a: Anchor, focus: date) -> int:
    if a.start <= focus <= a.end:
        return 0
    return min(abs((focus - a.start).days), abs((focus - a.end).days))


def _decide(m: LinkMention, cands: list[Anchor], focus: date | None, use_prior: bool,
            n_docs: dict[str, int]) -> tuple[Anchor | None, str]:
    """The anchor a mention joins, by the ladder of evidence; (None, '') when nothing decides."""
    if not cands:
        return None, ""
    if len(cands) == 1:
        return cands[0], "only"
    who = (frozenset(m.actors), frozenset(m.recipients))
    for basis, keep in (("document", lambda a: m.doc_id in a.docs),
                        ("person", lambda a: not m.persons.isdisjoint(a.persons)),
                        ("who", lambda a: _same_who(m, who, a)),
                        ("aux", lambda a: m.aux in a.auxes)):
        narrowed = [a for a in cands if keep(a)]
        if len(narrowed) == 1:
            return narrowed[0], basis
        if narrowed:
            cands = narrowed
    if focus is not None:
        ranked = sorted(cands, key=lambda a: (_distance(a, focus), a.id))
        if _distance(ranked[1], focus) - _distance(ranked[0], focus) >= NEAREST_MARGIN_DAYS:
            return ranked[0], "nearest"
    if use_prior:
        ranked = sorted(cands, key=lambda a: (-n_docs[a.id], a.id))
        if n_docs[ranked[0].id] >= PRIOR_RATIO * n_docs[ranked[1].id]:
            return ranked[0], "prior"
    return None, ""


def _same_who(m: LinkMention, who: tuple[frozenset[str], frozenset[str]], a: Anchor) -> bool:
    """The anchor has exactly the mention's participants (on the same sides, for directed categories)."""
    if m.category in rules.SYMMETRIC:
        return who[0] | who[1] == frozenset((*a.actors, *a.recipients))
    return who[0] == frozenset(a.actors) and who[1] == frozenset(a.recipients)


def _document_focus(m: LinkMention, dated: list[tuple[date, tuple[str, ...]]]) -> date | None:
    """When an undated document is about, for one of its mentions: the latest date it ties to the
    mention's own pairs, else the middle (lower median) of all the dates it states or was tied to."""
    mine = set(rules.streams(m))
    same = [d for d, streams in dated if mine & set(streams)]
    if same:
        return max(same)
    days = sorted(d for d, _ in dated)
    return days[(len(days) - 1) // 2] if days else None


def _publication_focus(m: LinkMention) -> date | None:
    if m.published is None:
        return None
    end = m.published_end or m.published
    return m.published + (end - m.published) / 2


def link(mentions: Iterable[LinkMention]) -> LinkResult:
    """Link mentions into events; the result depends only on the set of mentions given."""
    # Linking builds millions of small acyclic objects: the cycle collector would rescan them
    # all again and again (a 1M-mention run takes half again as long with it on).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(mentions)
    finally:
        if enabled:
            gc.enable()


def _link(mentions: Iterable[LinkMention]) -> LinkResult:
    ms = sorted({m.id: m for m in mentions}.values(), key=lambda m: m.id)
    kinds = {m.id: rules.kind(m) for m in ms}
    links: dict[str, Link] = {}
    anchors: dict[str, Anchor] = {}
    defining: dict[str, list[LinkMention]] = defaultdict(list)  # anchor id -> its defining mentions

    # 1. fine mentions: components, cut when too long
    fine = sorted((m for m in ms if kinds[m.id] == "fine" and rules.streams(m)),
                  key=lambda m: (m.start, m.end, m.id))
    for comp in _fine_components(fine):
        comp.sort()
        first = min(_start(fine[i]) for i in comp)
        last = max(_end(fine[i]) for i in comp)
        longest = max((_end(fine[i]) - _start(fine[i])).days for i in comp)
        limit = max(rules.span_limit(rules.family(fine[comp[0]].category)), longest)
        parts = [comp] if (last - first).days <= limit else _split(fine, comp)
        for part in parts:
            aid = _hash("f", min(fine[i].id for i in part))
            anchor = _new_anchor(aid, fine[part[0]], "day")
            for i in part:
                anchor.add(fine[i])
                defining[aid].append(fine[i])
                links[fine[i].id] = _link_of(aid, "fine" if len(parts) == 1 else "split", "fine")
            anchors[aid] = anchor
    index = _AnchorIndex()
    for a in anchors.values():
        index.add(a)
    index.freeze()
    n_docs = {aid: len(a.docs) for aid, a in anchors.items()}

    # 2. coarse mentions: join a fine anchor, else a month group
    groups: dict[str, Anchor] = {}
    for m in ms:
        if kinds[m.id] != "coarse" or not rules.streams(m):
            continue
        lo, hi = rules.window(m)
        chosen, basis = _decide(m, index.candidates(m, lo, hi), None, False, n_docs)
        if chosen is not None:
            links[m.id] = _link_of(chosen.id, basis, "coarse")
            continue
        assert m.start is not None and m.end is not None
        fam = rules.family(m.category)
        gid = _hash("m", fam, rules.signature(m), rules.aux_class(m.aux), f"{m.start:%Y-%m}")
        if gid in groups:
            groups[gid].add(m)
        else:
            groups[gid] = _new_anchor(gid, m, "month")
        defining[gid].append(m)
        links[m.id] = _link_of(gid, "month", "coarse")
    for gid, g in groups.items():
        anchors[gid] = g
        index.add(g)
        n_docs[gid] = len(g.docs)
    index.freeze()

    # 3. wide mentions: the ladder, first without a document focus, then with it
    wide = [m for m in ms if kinds[m.id] == "wide"]
    pending: list[tuple[LinkMention, list[Anchor]]] = []
    # what each document states, or was unambiguously tied to: (day, streams)
    doc_dates: dict[str, list[tuple[date, tuple[str, ...]]]] = defaultdict(list)
    for m in ms:
        if kinds[m.id] != "wide" and m.end is not None and m.aux is None:
            doc_dates[m.doc_id].append((m.end, rules.streams(m)))
    for m in wide:
        if not rules.streams(m):
            continue
        lo, hi = rules.window(m)
        cands = index.candidates(m, lo, hi)
        focus = _publication_focus(m)
        chosen, basis = _decide(m, cands, focus, focus is not None, n_docs)
        if chosen is not None:
            links[m.id] = _link_of(chosen.id, basis, "wide")
            if basis in PINNING_BASES and m.aux is None:
                doc_dates[m.doc_id].append((chosen.end, rules.streams(m)))
        elif m.published is None and len(cands) > 1:
            pending.append((m, cands))
    for m, cands in pending:
        focus = _document_focus(m, doc_dates.get(m.doc_id, []))
        chosen, basis = _decide(m, cands, focus, True, n_docs)
        if chosen is not None:
            links[m.id] = _link_of(chosen.id, basis, "wide")

    # left over: the same news of the same day, else one event per document and who/what
    for m in ms:
        if m.id in links:
            continue
        fam, who, ac = rules.family(m.category), rules.signature(m), rules.aux_class(m.aux)
        if m.published is not None and m.published_precision == "day":
            links[m.id] = _link_of(_hash("n", fam, who, ac, m.published), "news", kinds[m.id])
        else:
            links[m.id] = _link_of(_hash("d", m.doc_id, fam, who, ac), "alone", kinds[m.id])

    # pinned dates: reports in undated documents, unambiguously tied to a dated event
    for m in wide:
        lk = links[m.id]
        held = anchors.get(lk.event_id)
        if held is not None and m.published is None and lk.basis in PINNING_BASES:
            links[m.id] = Link(lk.event_id, lk.basis, lk.confidence, lk.kind, (held.start, held.end, held.precision))

    members: dict[str, list[LinkMention]] = defaultdict(list)
    for m in ms:
        members[links[m.id].event_id].append(m)
    events = tuple(_event(eid, members[eid], links, anchors.get(eid)) for eid in sorted(members))
    return LinkResult(links, events)


def _majority(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    if not counts:
        return None
    if len(counts) == 1:
        return next(iter(counts))
    return min(counts, key=lambda v: (-counts[v], v))


def _event(eid: str, ms: list[LinkMention], links: dict[str, Link], anchor: Anchor | None) -> LinkedEvent:
    """The event record of a set of linked mentions, described by its dated reports when it has them."""
    core = [m for m in ms if links[m.id].basis in _DEFINING] or ms  # a loosely attached report adds no one
    if len(core) == 1:
        actors = tuple(dict.fromkeys(core[0].actors))
        recipients = tuple(c for c in dict.fromkeys(core[0].recipients) if c not in actors)
    else:
        as_actor: Counter[str] = Counter()
        as_recipient: Counter[str] = Counter()
        for m in core:
            as_actor.update(set(m.actors))
            as_recipient.update(set(m.recipients) - set(m.actors))
        codes = sorted(set(as_actor) | set(as_recipient), key=lambda c: (-(as_actor[c] + as_recipient[c]), c))
        actors = tuple(c for c in codes if as_actor[c] >= as_recipient[c])
        recipients = tuple(c for c in codes if as_actor[c] < as_recipient[c])
    start: date | None = None
    end: date | None = None
    precision = "unknown"
    if anchor is not None:
        start, end, precision = anchor.start, anchor.end, anchor.precision
    else:
        dated = [m for m in core if m.start is not None and m.end is not None and m.precision not in (None, "unknown")]
        if dated:
            start = min(_start(m) for m in dated)
            end = max(_end(m) for m in dated)
            precision = _majority(m.precision for m in dated) or "unknown"
    reports = [m.published for m in ms if m.published is not None]
    best: dict[str, float] = {}
    for m in ms:
        c = m.confidence * links[m.id].confidence
        best[m.doc_id] = max(best.get(m.doc_id, 0.0), c)
    doubt = 1.0
    for c in best.values():
        doubt *= 1.0 - min(max(c, 0.0), 1.0)
    auxes = {m.aux for m in core}
    aux = None if None in auxes else (_majority(auxes) if len(auxes) > 1 else next(iter(auxes)))
    event = Event(
        id=eid,
        category=_majority(m.category for m in core) or core[0].category,
        mention_ids=tuple(m.id for m in ms),
        actor_codes=actors,
        recipient_codes=recipients,
        start=start,
        end=end,
        precision=precision,  # type: ignore[arg-type]
        n_mentions=len(ms),
        n_documents=len({m.doc_id for m in ms}),
        sources=tuple(sorted({m.outlet for m in ms if m.outlet})),
        languages=tuple(sorted({m.lang for m in ms if m.lang})),
        first_report=min(reports) if reports else None,
        last_report=max(reports) if reports else None,
        confidence=round(1.0 - doubt, 4),
        mode=_majority(m.mode for m in core),
        location=_majority(m.location for m in core),
    )
    persons = tuple(sorted({p for m in ms for p in m.persons}))
    return LinkedEvent(event, aux, persons)
