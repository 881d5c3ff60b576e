"""The actor network: countries as nodes, an edge between two that share events, weighted by events.

Edges are undirected (a meeting has no direction, and most pairs act both ways); each edge
carries its number of events and reports, the cooperative and conflictual counts (quad
classes 1–2 and 3–4), the mean PLOVER score and the categories. An event adds to the edges of
the pairs that interact in it: all pairs of a meeting of three, actor × recipient for directed
categories. Only events reported as done count, dated or not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from communique.analyse.data import EventRow, ensure_linked, load_events
from communique.store.duckdb import Store


@dataclass(frozen=True, slots=True)
class Node:
    """An actor: its events and how many others it is tied to."""

    id: str
    events: int
    degree: int


@dataclass(frozen=True, slots=True)
class Edge:
    """Two actors and the events they share."""

    source: str
    target: str
    events: int
    mentions: int
    cooperation: int
    conflict: int
    score: float | None
    categories: dict[str, int] = field(default_factory=dict)
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Network:
    """Nodes and weighted edges, sorted."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def network_of(events: list[EventRow], min_events: int = 1) -> Network:
    """The network of events already loaded; edges with fewer than min_events left out."""
    per_edge: dict[tuple[str, str], list[EventRow]] = {}
    for e in events:
        for a, b in sorted(e.dyads):
            per_edge.setdefault((a, b), []).append(e)
    edges = []
    for (a, b), evs in sorted(per_edge.items()):
        if len(evs) < min_events:
            continue
        scores = [e.score for e in evs if e.score is not None]
        edges.append(Edge(a, b, len(evs), sum(e.n_mentions for e in evs),
                          sum(1 for e in evs if e.quad in (1, 2)), sum(1 for e in evs if e.quad in (3, 4)),
                          round(sum(scores) / len(scores), 2) if scores else None,
                          dict(sorted(Counter(e.category for e in evs).items())), tuple(e.id for e in evs)))
    degree: Counter[str] = Counter()
    for ed in edges:
        degree[ed.source] += 1
        degree[ed.target] += 1
    counts: Counter[str] = Counter()
    for e in events:
        counts.update(e.participants)
    nodes = tuple(Node(n, counts[n], degree[n]) for n in sorted(degree))
    return Network(nodes, tuple(edges))


def network(store: Store, since: date | None = None, until: date | None = None, category: str | None = None,
            min_events: int = 1) -> Network:
    """The actor network of a store's linked events in a range and category."""
    ensure_linked(store)
    return network_of(load_events(store, since, until, category), min_events)
