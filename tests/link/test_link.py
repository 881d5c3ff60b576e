from datetime import date, timedelta
from pathlib import Path

import pytest

from communique.link import link
from communique.link.incremental import REACH_DAYS, link_pending, relink
from communique.link.rules import LinkMention, from_event
from communique.records import Extraction
from communique.store.duckdb import Store
from tests.link.corpus import BLR_MIN, Ev, Sent, day, doc, month, visit_corpus


def _mentions(exs: list[Extraction]) -> list[LinkMention]:
    return [from_event(em, ex.document) for ex in exs for em in ex.events]


def _event_of(exs: dict[str, Extraction]) -> dict[str, str]:
    """The event id of the first mention of each named document."""
    result = link(_mentions(list(exs.values())))
    return {name: result.links[ex.events[0].id].event_id for name, ex in exs.items()}


def test_one_visit_in_four_languages_with_day_month_and_no_date_links():
    ev = _event_of(visit_corpus())
    assert ev["en"] == ev["de"] == ev["ru"] == ev["fr"]


def test_the_same_pair_in_another_month_stays_apart():
    ev = _event_of(visit_corpus())
    assert ev["july"] != ev["en"]


def test_a_planned_visit_links_to_the_visit():
    ev = _event_of(visit_corpus())
    assert ev["planned"] == ev["july"]


def test_another_category_of_the_same_pair_and_days_stays_apart():
    ev = _event_of(visit_corpus())
    assert ev["agree"] != ev["en"]


def test_mentions_of_one_document_share_the_event():
    exs = visit_corpus()
    result = link(_mentions(list(exs.values())))
    first, second = exs["en"].events
    assert result.links[first.id].event_id == result.links[second.id].event_id


def test_the_event_record_counts_documents_sources_and_languages():
    exs = visit_corpus()
    result = link(_mentions(list(exs.values())))
    eid = result.links[exs["en"].events[0].id].event_id
    [ev] = [le for le in result.events if le.event.id == eid]
    e = ev.event
    assert e.category == "CONSULT" and e.mode == "visit" and e.location == "PRK"
    assert e.n_documents == 4 and e.n_mentions == 5
    assert e.languages == ("de", "en", "fr", "ru")
    assert e.sources == ("Le Quotidien", "Minsk Herald", "Rheinpost", "Vesti Minsk")
    assert (e.start, e.end, e.precision) == (date(2024, 4, 16), date(2024, 4, 18), "day")
    assert e.first_report == date(2024, 4, 17) and e.last_report == date(2024, 5, 2)
    assert e.actor_codes == ("BLR",) and e.recipient_codes == ("PRK",)
    assert ev.aux is None and "p:blr:shestakov" in ev.persons
    assert 0.99 < e.confidence <= 1.0
    assert {lk.confidence for lk in result.links.values()} <= {1.0, 0.9, 0.85, 0.8, 0.75, 0.7, 0.5}


def test_an_undated_mention_without_publication_date_is_pinned_through_its_event():
    exs = visit_corpus()
    result = link(_mentions(list(exs.values())))
    lk = result.links[exs["fr"].events[0].id]
    assert lk.basis == "person" and lk.pinned == (date(2024, 4, 16), date(2024, 4, 18), "day")
    # a mention with its own date, or in a dated document, is never pinned
    assert result.links[exs["ru"].events[0].id].pinned is None


def test_symmetric_categories_ignore_direction_and_visits_keep_it():
    a = doc("en", [Sent("Poland and Lithuania agreed on Monday to build a bridge.",
                        (Ev("AGREE", "agreed", (("POL", "Poland", None), ("LTU", "Lithuania", None)),
                            when=day("2024-03-04")),))], "2024-03-05")
    b = doc("en", [Sent("Lithuania agreed with Poland on a new bridge on Monday.",
                        (Ev("AGREE", "agreed", (("LTU", "Lithuania", None),), (("POL", "Poland", None),),
                            None, day("2024-03-04")),))], "2024-03-05")
    there = doc("en", [Sent("The Polish minister visited Vilnius on Monday.",
                            (Ev("CONSULT", "visited", (("POL", "Polish", None),), (("LTU", "Vilnius", None),),
                                "visit", day("2024-03-04"), place=("LTU", "Vilnius")),))], "2024-03-05")
    back = doc("en", [Sent("The Lithuanian minister visited Warsaw on Tuesday.",
                           (Ev("CONSULT", "visited", (("LTU", "Lithuanian", None),), (("POL", "Warsaw", None),),
                               "visit", day("2024-03-05"), place=("POL", "Warsaw")),))], "2024-03-06")
    ev = _event_of({"a": a, "b": b, "there": there, "back": back})
    assert ev["a"] == ev["b"]
    assert ev["there"] != ev["back"]


def test_hypothetical_and_reported_events_stay_apart():
    real = doc("en", [Sent("Shestakov visited Pyongyang on Tuesday.",
                           (Ev("CONSULT", "visited", (BLR_MIN,), (("PRK", "Pyongyang", None),), "visit",
                               day("2024-04-16")),))], "2024-04-17")
    maybe = doc("en", [Sent("Shestakov might visit Pyongyang again.",
                            (Ev("CONSULT", "might visit", (BLR_MIN,), (("PRK", "Pyongyang", None),), "visit",
                                None, aux="hypothetical"),))], "2024-04-17")
    ev = _event_of({"real": real, "maybe": maybe})
    assert ev["real"] != ev["maybe"]


def test_an_undated_report_joins_the_recent_event_not_a_planned_one():
    done = doc("en", [Sent("Pyongyang sent troops to Russia between 8 and 13 October.",
                           (Ev("AID", "sent", (("PRK", "Pyongyang", None),), (("RUS", "Russia", None),), None,
                               _range()),))], "2024-10-18")
    planned = doc("de", [Sent("Pjöngjang will im Dezember weitere Soldaten nach Russland schicken.",
                              (Ev("AID", "schicken", (("PRK", "Pjöngjang", None),), (("RUS", "Russland", None),),
                                  None, month("2024-12", "im Dezember"), aux="future"),))], "2024-10-23")
    undated = doc("de", [Sent("Nordkorea hat Soldaten nach Russland geschickt.",
                              (Ev("AID", "geschickt", (("PRK", "Nordkorea", None),), (("RUS", "Russland", None),)),))],
                  "2024-10-23")
    more = doc("en", [Sent("North Korea will send more troops to Russia.",
                           (Ev("AID", "will send", (("PRK", "North Korea", None),), (("RUS", "Russia", None),),
                               aux="future"),))], "2024-10-18")
    ev = _event_of({"done": done, "planned": planned, "undated": undated, "more": more})
    assert ev["undated"] == ev["done"]
    assert ev["more"] == ev["planned"] != ev["done"]


def _range() -> tuple[date, date, str, str]:
    return date(2024, 10, 8), date(2024, 10, 13), "day", "between 8 and 13 October"


def test_month_reports_without_a_dated_one_group_by_month():
    a = doc("de", [Sent("Im Juni unterzeichneten Russland und Nordkorea einen Vertrag.",
                        (Ev("SUPPORT", "unterzeichneten", (("RUS", "Russland", None), ("PRK", "Nordkorea", None)),
                            when=month("2024-06", "Im Juni")),))], "2024-07-22")
    b = doc("de", [Sent("Der im Juni geschlossene Vertrag von Nordkorea und Russland gilt.",
                        (Ev("SUPPORT", "geschlossene", (("PRK", "Nordkorea", None), ("RUS", "Russland", None)),
                            when=month("2024-06", "im Juni")),))], "2024-10-23")
    c = doc("de", [Sent("Im Mai unterstützten Russland und Nordkorea einander.",
                        (Ev("SUPPORT", "unterstützten", (("RUS", "Russland", None), ("PRK", "Nordkorea", None)),
                            when=month("2024-05", "Im Mai")),))], "2024-07-22")
    ev = _event_of({"a": a, "b": b, "c": c})
    assert ev["a"] == ev["b"] != ev["c"]


def test_daily_reports_of_a_long_campaign_are_cut_into_short_events():
    exs = {}
    for i in range(1, 29):
        iso = f"2024-02-{i:02d}"
        exs[iso] = doc("en", [Sent(f"Russian forces shelled Ukrainian towns, report {i}.",
                                   (Ev("ASSAULT", "shelled", (("RUS", "Russian", None),), (("UKR", "Ukrainian", None),),
                                       None, day(iso)),))], iso)
    ev = _event_of(exs)
    ids = set(ev.values())
    assert 5 <= len(ids) <= 10
    assert ev["2024-02-01"] != ev["2024-02-28"]


def test_ids_are_stable_and_do_not_depend_on_input_order():
    ms = _mentions(list(visit_corpus().values()))
    forward = link(ms).links
    backward = link(list(reversed(ms))).links
    assert forward == backward
    assert all(lk.event_id.startswith("e") and len(lk.event_id) == 17 for lk in forward.values())


# --- in the store --------------------------------------------------------------------------


def _store_events(st: Store) -> dict[str, str]:
    return dict(st.con.execute("SELECT id, event_id FROM event_mentions").fetchall())


def _partition(links: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for mid, eid in links.items():
        groups.setdefault(eid, set()).add(mid)
    return {frozenset(g) for g in groups.values()}


def _linked_in_batches(path: Path, groups: list[list[Extraction]], reach: int | None) -> tuple[dict, list]:
    with Store(path) as st:
        for group in groups:
            st.write(group)
            link_pending(st, reach)
        assert st.scalar("SELECT count(*) FROM event_mentions WHERE link_kind IS NULL") == 0
        return _store_events(st), st.con.execute("SELECT * FROM events ORDER BY id").fetchall()


def test_incremental_linking_equals_linking_everything(tmp_path: Path):
    exs = list(visit_corpus().values())
    with Store(tmp_path / "batch.duckdb") as st:
        st.write(exs)
        relink(st)
        batch = _store_events(st)
        batch_events = st.con.execute("SELECT * FROM events ORDER BY id").fetchall()
    # in an awkward order: the undated and month reports first, the dated ones later
    groups = [[exs[3]], [exs[2], exs[5]], [exs[0]], [exs[4], exs[6]], [exs[1]]]
    assert _linked_in_batches(tmp_path / "all.duckdb", groups, None) == (batch, batch_events)
    # within the reach of the last report (April), the undated French report sees the April visit
    # alone, not also the July one three months later: the same event, on other evidence
    assert _linked_in_batches(tmp_path / "reach.duckdb", groups, REACH_DAYS)[0] == batch
    fr = visit_corpus()["fr"].events[0].id
    with Store(tmp_path / "batch.duckdb") as st, Store(tmp_path / "reach.duckdb") as st2:
        query = "SELECT link_basis FROM event_mentions WHERE id = ?"
        assert (st.scalar(query, [fr]), st2.scalar(query, [fr])) == ("person", "only")


def _daily_shelling(days: int) -> list[Extraction]:
    """One report a day of shelling across a border, published the next day, for `days` days."""
    out = []
    for k in range(days):
        d = date(2024, 1, 1) + timedelta(days=k)
        out.append(doc("en", [Sent(f"Artillery of Aland shelled Borland on day {k}.",
                                   (Ev("ASSAULT", "shelled", (("AAA", "Aland", None),), (("BBB", "Borland", None),),
                                       when=(d, d, "day", f"day {k}")),))],
                       published=(d + timedelta(days=1)).isoformat(), outlet=f"wire{k % 4}"))
    return out


def test_a_long_daily_stream_links_within_its_reach_and_like_linking_at_once(tmp_path: Path):
    exs = _daily_shelling(300)
    with Store(tmp_path / "once.duckdb") as st:
        st.write(exs)
        relink(st)
        once = st.con.execute("SELECT * FROM events ORDER BY id").fetchall()
    with Store(tmp_path / "feed.duckdb") as st:
        counts = []
        for k in range(0, len(exs), 10):
            st.write(exs[k:k + 10])
            counts.append(link_pending(st))
        assert st.con.execute("SELECT * FROM events ORDER BY id").fetchall() == once
        assert len(once) > 50  # cut into short events, not one of ten months
    # each batch looked again at what its reach holds, not at the whole history before it
    assert max(c.relinked for c in counts) < 10 + REACH_DAYS + 10
    assert counts[-1].relinked < 300 // 2


def test_pinned_dates_are_stored_as_inferred_and_undone_on_relink(tmp_path: Path):
    exs = visit_corpus()
    with Store(tmp_path / "s.duckdb") as st:
        st.write([exs["fr"]])
        link_pending(st)
        fr_id = exs["fr"].events[0].id
        row = st.con.execute("SELECT date_start, date_inferred, link_basis FROM event_mentions WHERE id = ?",
                             [fr_id]).fetchone()
        assert row[0] is None and not row[1] and row[2] == "alone"
        st.write([exs["en"], exs["de"], exs["july"]])
        link_pending(st)
        row = st.con.execute("SELECT date_start, date_end, date_precision, date_inferred, date_pinned, link_basis "
                             "FROM event_mentions WHERE id = ?", [fr_id]).fetchone()
        assert row == (date(2024, 4, 16), date(2024, 4, 18), "day", True, True, "person")
        relink(st)
        assert st.con.execute("SELECT date_start, date_inferred FROM event_mentions WHERE id = ?",
                              [fr_id]).fetchone() == (date(2024, 4, 16), True)
        assert st.scalar("SELECT count(*) FROM events") == st.scalar(
            "SELECT count(DISTINCT event_id) FROM event_mentions")


def test_linking_again_changes_nothing(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as st:
        st.write(list(visit_corpus().values()))
        first = link_pending(st)
        assert first.new == 8
        again = link_pending(st)
        assert again.new == 0
        before = _store_events(st)
        relink(st)
        assert _store_events(st) == before


def test_the_coder_ids_within_a_document_are_replaced(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as st:
        st.write(list(visit_corpus().values()))
        link_pending(st)
        assert st.scalar("SELECT count(*) FROM event_mentions WHERE event_id LIKE 'e-coder-%'") == 0


def test_an_undated_document_is_placed_in_time_by_its_other_reports():
    """Two visits of one pair; an undated article names no person but reports the April agreement too."""
    exs = visit_corpus()
    blr, prk = ("BLR", "Belarus", None), ("PRK", "North Korea", None)
    undated = doc("en", [
        Sent("A Belarusian delegation travelled to North Korea.",
             (Ev("CONSULT", "travelled", (("BLR", "Belarusian", None),), (prk,), "visit"),)),
        Sent("Belarus and North Korea agreed to expand their contacts.",
             (Ev("AGREE", "agreed", (blr, prk)),)),
    ])
    ev = _event_of({**exs, "undated": undated})
    result = link(_mentions([*exs.values(), undated]))
    visit, agreement = (result.links[em.id] for em in undated.events)
    assert agreement.event_id == ev["agree"] and agreement.basis == "only"
    assert visit.event_id == ev["en"] != ev["july"] and visit.basis == "nearest"
    assert visit.pinned is None  # tied by inference, not unambiguous: no date is pinned


def test_a_report_with_the_same_participants_is_preferred():
    three = doc("en", [Sent("Belarus proposed on Friday cooperation with Russia and North Korea.",
                            (Ev("AGREE", "proposed", (("BLR", "Belarus", None),),
                                (("RUS", "Russia", None), ("PRK", "North Korea", None)), None,
                                day("2023-09-15")),))], "2023-09-15")
    two = doc("en", [Sent("Belarus and North Korea agreed on Thursday to expand contacts.",
                          (Ev("AGREE", "agreed", (("BLR", "Belarus", None), ("PRK", "North Korea", None)),
                              when=day("2024-04-18")),))], "2024-04-19")
    later = doc("en", [Sent("Belarus proposed cooperation to Russia and North Korea.",
                            (Ev("AGREE", "proposed", (("BLR", "Belarus", None),),
                                (("RUS", "Russia", None), ("PRK", "North Korea", None))),))])
    ev = _event_of({"three": three, "two": two, "later": later})
    assert ev["later"] == ev["three"] != ev["two"]


def test_dates_the_coder_inferred_are_kept(tmp_path: Path):
    from dataclasses import replace

    from communique.records import DateValue

    exs = visit_corpus()
    de = exs["de"]
    # the coder dated an event told without a time by the publication date, and one by a time anaphor
    pub = de.document.published
    em = replace(de.events[0], date=replace(pub, inferred=True), id="pubdated")
    fr = exs["fr"]
    em2 = replace(fr.events[0], date=DateValue(date(2024, 4, 16), date(2024, 4, 16), "day", "then", True),
                  id="anaphor")
    exs["de"] = replace(de, events=(em,))
    exs["fr"] = replace(fr, events=(em2,))
    with Store(tmp_path / "s.duckdb") as st:
        st.write(list(exs.values()))
        relink(st)
        relink(st)
        rows = {r[0]: r[1:] for r in st.con.execute(
            "SELECT id, date_start, date_inferred, date_pinned FROM event_mentions "
            "WHERE id IN ('pubdated', 'anaphor')").fetchall()}
        assert rows["pubdated"] == (date(2024, 4, 17), True, None)
        assert rows["anaphor"] == (date(2024, 4, 16), True, None)
        ev = dict(st.con.execute("SELECT id, event_id FROM event_mentions").fetchall())
        assert ev["pubdated"] == ev[exs["en"].events[0].id] == ev["anaphor"]


def test_an_event_the_region_shares_with_mentions_beyond_it_takes_them_in(tmp_path: Path):
    # two undated reports of the same news on the same day form one event; if a region holds only
    # the second (as a reach could cut it), the first joins rather than being left in a stale event
    from communique.link import incremental
    from communique.store import links as sql

    exs = [doc("en", [Sent(f"Aland accused Borland of spying, report {k} said.",
                           (Ev("ACCUSE", "accused", (("AAA", "Aland", None),), (("BBB", "Borland", None),)),))],
               published="2024-05-02", outlet=f"paper{k}") for k in (1, 2)]
    with Store(tmp_path / "s.duckdb") as st:
        st.write(exs[:1])
        link_pending(st)
        st.write(exs[1:])
        st.con.begin()
        second = [m for m, _ in sql.pending(st)]
        counts = incremental._run(st, second, set(), {m.id for m in second})
        st.con.commit()
        assert counts.relinked == 2 and counts.events == 1
        assert st.con.execute("SELECT n_mentions, n_documents FROM events").fetchall() == [(2, 2)]
        assert st.scalar("SELECT count(DISTINCT event_id) FROM event_mentions") == 1


def _every_kind_of_actor() -> list[Extraction]:
    """The visit corpus, its first event given actors of every kind of id."""
    from dataclasses import replace

    from communique.records import Actor

    exs = list(visit_corpus().values())
    # actors of every kind of id: a code, a code with a sector and an office, a person id, an
    # entity id with an office (a person), the same without one (not a person)
    kinds = [Actor("BLR", "Belarus", "BLR"), Actor("BLR/GOV", "Belarus", "BLR", "GOV", "Government"),
             Actor("p:blr:orlova", "Orlova", "BLR", "GOV"), Actor("Q4321", "Ivan Pesh", "BLR", "GOV", "Envoy"),
             Actor("Q8765", "Minsk Institute", "BLR")]
    first = exs[0].events[0]
    many = tuple(replace(first.actors[0], value=a) for a in kinds)
    exs[0] = replace(exs[0], events=(replace(first, actors=many, recipients=many[:2]), *exs[0].events[1:]))
    return exs


def test_the_store_reads_a_mention_as_the_linker_sees_it_in_memory(tmp_path: Path):
    """What `links.pending` reads back (people as the writer kept them) equals `from_event` on the extraction."""
    from communique.store import links as sql

    exs = _every_kind_of_actor()
    with Store(tmp_path / "s.duckdb") as st:
        st.write(exs)
        stored = {m.id: m for m, _ in sql.pending(st)}
    assert stored == {m.id: m for m in _mentions(exs)}
    assert stored[exs[0].events[0].id].persons == {"p:blr:orlova", "Q4321"}


def test_a_store_written_before_the_persons_column_gets_it_from_the_actors_json(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch):
    """Opening a store whose mentions lack their named people fills them by the writer's rule."""
    import communique.store.duckdb as store_module
    from communique.store import links as sql

    monkeypatch.setattr(store_module, "FILL_ROWS", 2)  # a slice at a time

    exs = _every_kind_of_actor()
    with Store(tmp_path / "s.duckdb") as st:
        st.write(exs)
        written = st.con.execute("SELECT id, persons FROM event_mentions ORDER BY id").fetchall()
        st.con.execute("UPDATE event_mentions SET persons = NULL")
    with Store(tmp_path / "s.duckdb", read_only=True) as st:  # reading changes nothing
        assert st.scalar("SELECT count(*) FROM event_mentions WHERE persons IS NOT NULL") == 0
    with Store(tmp_path / "s.duckdb") as st:
        assert st.con.execute("SELECT id, persons FROM event_mentions ORDER BY id").fetchall() == written
        assert {m.id: m for m, _ in sql.pending(st)} == {m.id: m for m in _mentions(exs)}
        # a checkpoint between the slices renumbers the rows DuckDB rewrote: none is left out
        st.con.execute("UPDATE event_mentions SET persons = NULL")
        st.con.execute("SET checkpoint_threshold = '1B'")
        st._fill_persons()
        assert st.con.execute("SELECT id, persons FROM event_mentions ORDER BY id").fetchall() == written
    assert ["Q4321", "p:blr:orlova"] in [p for _, p in written] and [] in [p for _, p in written]
