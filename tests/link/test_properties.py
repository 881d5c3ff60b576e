"""Property tests: linking is symmetric, deterministic, independent of order and of batching."""

import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.link import link
from communique.link.incremental import link_pending, relink
from communique.link.rules import LinkMention, compatible
from communique.records import Extraction
from communique.store.duckdb import Store
from tests.link.corpus import Ev, Sent, doc, month

CODES = ["AAA", "BBB", "CCC", "DDD"]
CATS = ["CONSULT", "AGREE", "SUPPORT", "ASSAULT"]
BASE = date(2024, 3, 1)


@st.composite
def mentions(draw: st.DrawFn) -> LinkMention:
    n = draw(st.integers(1, 3))
    codes = draw(st.lists(st.sampled_from(CODES), min_size=n, max_size=n, unique=True))
    split = draw(st.integers(1, len(codes)))
    prec = draw(st.sampled_from(["day", "day", "month", None]))
    start = BASE + timedelta(days=draw(st.integers(0, 60)))
    end = start + timedelta(days=draw(st.integers(0, 3)))
    if prec == "month":
        start = start.replace(day=1)
        end = start + timedelta(days=29)
    published = draw(st.sampled_from([None, start + timedelta(days=1)]))
    return LinkMention(
        id=draw(st.text("abcdef0123", min_size=6, max_size=6)),
        doc_id=draw(st.sampled_from(["d1", "d2", "d3", "d4"])),
        category=draw(st.sampled_from(CATS)),
        actors=tuple(codes[:split]), recipients=tuple(codes[split:]),
        mode=draw(st.sampled_from([None, "visit"])), aux=draw(st.sampled_from([None, "future", "hypothetical"])),
        start=start if prec else None, end=end if prec else None, precision=prec,
        location=draw(st.sampled_from([None, "AAA", "BBB"])),
        persons=frozenset(draw(st.sets(st.sampled_from(["p:x", "p:y"]), max_size=1))),
        published=published, published_end=published, published_precision="day" if published else None,
    )


@given(mentions(), mentions())
def test_compatibility_is_symmetric(a: LinkMention, b: LinkMention):
    assert compatible(a, b) == compatible(b, a)


@given(st.lists(mentions(), max_size=25, unique_by=lambda m: m.id), st.randoms(use_true_random=False))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_linking_is_deterministic_and_order_free(ms: list[LinkMention], rnd):
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    first, second = link(ms), link(shuffled)
    assert first.links == second.links and first.events == second.events
    # every mention is in exactly one event, and events count their mentions
    assert sorted(i for e in first.events for i in e.event.mention_ids) == sorted(m.id for m in ms)
    assert all(e.event.n_mentions == len(e.event.mention_ids) for e in first.events)


@given(st.lists(mentions(), min_size=2, max_size=12, unique_by=lambda m: m.id))
def test_two_mentions_that_link_link_whichever_comes_first(ms: list[LinkMention]):
    result = link(ms)
    pairs = {(a.id, b.id) for a in ms for b in ms if result.links[a.id].event_id == result.links[b.id].event_id}
    assert all((b, a) in pairs for a, b in pairs)


# --- batching, through the store -------------------------------------------------------------

SPEC = st.tuples(
    st.sampled_from(["CONSULT", "AGREE", "ASSAULT"]),
    st.sampled_from([("AAA", "BBB"), ("BBB", "AAA"), ("AAA", "CCC")]),
    st.sampled_from(["day", "month", "none"]),
    st.integers(0, 40),
    st.sampled_from([None, "future"]),
)


def _extraction(i: int, spec: tuple, published: bool) -> Extraction:
    category, (a, b), prec, offset, aux = spec
    d = BASE + timedelta(days=offset)
    when = {"day": (d, d, "day", "then"), "month": month(f"{d:%Y-%m}", "then"), "none": None}[prec]
    text = f"Report {i}: {a} acted towards {b} then."
    ev = Ev(category, "acted", ((a, a, None),), ((b, b, None),), None, when, aux)
    pub = (d + timedelta(days=1)).isoformat() if published else None
    return doc("en", [Sent(text, (ev,))], published=pub, outlet=f"outlet{i % 3}")


@given(st.lists(st.tuples(SPEC, st.booleans()), min_size=2, max_size=10), st.integers(1, 4))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_linking_in_batches_without_a_reach_equals_linking_at_once(specs: list, batch: int):
    exs = [_extraction(i, spec, pub) for i, (spec, pub) in enumerate(specs)]
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "a.duckdb") as s:
            s.write(exs)
            relink(s)
            once = s.con.execute("SELECT id, event_id, date_start, date_inferred FROM event_mentions "
                                 "ORDER BY id").fetchall()
            once_events = s.con.execute("SELECT * FROM events ORDER BY id").fetchall()
        with Store(Path(tmp) / "b.duckdb") as s:
            for k in range(0, len(exs), batch):
                s.write(exs[k:k + batch])
                link_pending(s, None)
            batched = s.con.execute("SELECT id, event_id, date_start, date_inferred FROM event_mentions "
                                    "ORDER BY id").fetchall()
            batched_events = s.con.execute("SELECT * FROM events ORDER BY id").fetchall()
    assert batched == once
    assert batched_events == once_events


@given(st.lists(st.tuples(SPEC, st.booleans(), st.integers(0, 400)), min_size=2, max_size=12), st.integers(1, 4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_linking_within_a_reach_keeps_the_store_whole(specs: list, batch: int):
    # reports spread over a year and more, linked in batches within the reach: whatever is left as
    # it was beyond it, every mention is linked, every event row holds exactly its mentions
    exs = []
    for i, (spec, pub, shift) in enumerate(specs):
        category, pair, prec, offset, aux = spec
        exs.append(_extraction(i, (category, pair, prec, offset + shift, aux), pub))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "r.duckdb") as s:
        for k in range(0, len(exs), batch):
            s.write(exs[k:k + batch])
            link_pending(s)
        assert s.scalar("SELECT count(*) FROM event_mentions WHERE link_kind IS NULL OR event_id IS NULL") == 0
        members = dict(s.con.execute("SELECT event_id, count(*) FROM event_mentions GROUP BY 1").fetchall())
        rows = dict(s.con.execute("SELECT id, n_mentions FROM events").fetchall())
    assert rows == members
