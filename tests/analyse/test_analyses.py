import math
from datetime import date
from pathlib import Path

import pytest

from communique.analyse import stats
from communique.analyse.alerts import AlertOptions, alerts, surges
from communique.analyse.data import EventRow
from communique.analyse.network import network
from communique.analyse.timeline import timeline
from communique.errors import UsageError
from communique.store.duckdb import Store
from tests.analyse.corpus import analysis_store
from tests.link.corpus import day


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analysis_store(tmp_path_factory.mktemp("analyse") / "sample.duckdb")


def _by_kind(found, kind):
    return [a for a in found if a.kind == kind]


# --- statistics ------------------------------------------------------------------------------


def test_binomial_tail_is_exact():
    assert stats.binomial_tail(2, 2, 0.5) == pytest.approx(0.25)
    assert stats.binomial_tail(0, 5, 0.3) == 1.0
    assert stats.binomial_tail(6, 5, 0.3) == 0.0
    expected = sum(math.comb(10, i) * 0.2 ** i * 0.8 ** (10 - i) for i in range(4, 11))
    assert stats.binomial_tail(4, 10, 0.2) == pytest.approx(expected)


def test_benjamini_hochberg():
    assert stats.benjamini_hochberg([0.01, 0.04, 0.03, 0.2]) == pytest.approx([0.04, 0.0533333, 0.0533333, 0.2])


# --- timeline --------------------------------------------------------------------------------


def test_timeline_counts_events_once_per_period_with_scores(db: Path):
    with Store(db, read_only=True) as st:
        tl = timeline(st, "BLR", "PRK", by="month")
    by_label = {p.label: p for p in tl.periods}
    assert tl.periods[0].label == "2023-03" and tl.periods[-1].label == "2024-07"
    assert len(tl.periods) == 17  # empty months included
    april = by_label["2024-04"]
    # the visit told by three reports (two English, one German) is one event
    assert april.events == 3 and april.mentions == 5
    assert april.by_category == {"CONSULT": 1, "AGREE": 1, "COOPERATE": 1}
    assert april.cooperation == 3 and april.conflict == 0
    assert april.score == pytest.approx(round((4 + 2.5 + 9.5) / 3, 2))  # visit, agreement, cooperation
    assert by_label["2023-05"].events == 0 and by_label["2023-05"].score is None
    # the hypothetical return visit is not an interaction
    assert tl.events == 6


def test_timeline_by_year_and_by_person(db: Path):
    with Store(db, read_only=True) as st:
        years = timeline(st, "BLR", "PRK", by="year")
        assert [(p.label, p.events) for p in years.periods] == [("2023", 2), ("2024", 4)]
        person = timeline(st, "Shestakov", "PRK", by="month")
        assert [(p.label, p.events) for p in person.periods] == [("2024-04", 1)]
        with pytest.raises(UsageError):
            timeline(st, "Nobody Atall", "PRK")
        with pytest.raises(UsageError):
            timeline(st, "BLR", "PRK", by="fortnight")


# --- network ---------------------------------------------------------------------------------


def test_network_nodes_and_weighted_edges(db: Path):
    with Store(db, read_only=True) as st:
        net = network(st)
        edges = {(e.source, e.target): e for e in net.edges}
        assert edges[("BLR", "PRK")].events == 6
        assert edges[("CHN", "RUS")].events == 26
        assert ("BLR", "PRK") in edges and ("PRK", "RUS") in edges and ("EST", "FIN") in edges
        nodes = {n.id: n for n in net.nodes}
        assert nodes["PRK"].degree == 3  # BLR, RUS, CHN
        since = network(st, since=date(2024, 1, 1))
        assert {(e.source, e.target) for e in since.edges} == {("BLR", "PRK"), ("PRK", "RUS"), ("CHN", "PRK"),
                                                                ("EST", "FIN"), ("EST", "LVA"), ("FIN", "LVA")}
        agreements = network(st, category="AGREE")
        assert {(e.source, e.target) for e in agreements.edges} == {("BLR", "PRK"), ("BLR", "RUS"), ("PRK", "RUS")}


# --- alerts ----------------------------------------------------------------------------------


def test_surge_of_belarus_north_korea_contacts_and_no_surge_of_a_steady_pair(db: Path):
    with Store(db, read_only=True) as st:
        found = _by_kind(alerts(st, ["surge"]), "surge")
    pairs = {(a.actors, a.figures["period"]) for a in found}
    assert (("BLR", "PRK"), "2024-04") in pairs
    assert not any(a.actors == ("CHN", "RUS") for a in found)
    surge = next(a for a in found if a.actors == ("BLR", "PRK"))
    assert surge.figures["events"] == 3 and surge.figures["baseline_events"] == 2
    assert surge.figures["baseline_periods"] == 24 and float(surge.figures["q"]) <= 0.05
    assert all(int(a.figures["events"]) >= 2 for a in found)


def test_surge_needs_significance_not_just_a_count():
    steady = [EventRow(f"e{m}", "CONSULT", ("AAA",), ("BBB",), date(2023, m, 5), date(2023, m, 5), "day", quad=1)
              for m in range(1, 13)]
    burst_but_usual = [*steady, EventRow("x", "CONSULT", ("AAA",), ("BBB",), date(2023, 12, 20),
                                         date(2023, 12, 20), "day", quad=1)]
    assert surges(burst_but_usual) == []
    quiet = [EventRow(f"q{m}", "AGREE", ("CCC",), ("DDD",), date(2022, m, 1), date(2022, m, 1), "day", quad=1)
             for m in (1,)]
    burst = [EventRow(f"b{i}", "CONSULT", ("AAA",), ("CCC",), date(2023, 6, i + 1), date(2023, 6, i + 1), "day",
                      quad=1) for i in range(4)]
    [alert] = surges(quiet + burst)
    assert alert.actors == ("AAA", "CCC") and alert.figures["period"] == "2023-06"


def test_copresence_of_two_visitors_at_one_host(db: Path):
    with Store(db, read_only=True) as st:
        found = _by_kind(alerts(st, ["copresence"]), "copresence")
    assert len(found) == 1
    [a] = found
    assert a.figures["host"] == "PRK" and set(a.actors) == {"BLR", "RUS", "PRK"}
    assert a.start == date(2024, 7, 23) and a.figures["precision"] == "day"
    # the lone Chinese visit in September and the April visit have no company
    assert all(a.start != date(2024, 9, 10) for a in found)


def test_reciprocity_gap_of_belarus_visits_and_none_for_returned_visits(db: Path):
    with Store(db, read_only=True) as st:
        found = _by_kind(alerts(st, ["reciprocity"]), "reciprocity")
    assert [a.actors for a in found] == [("BLR", "PRK")]
    assert found[0].figures["visits"] == 2
    with Store(db, read_only=True) as st:
        # within 2024-05 .. 2024-12 only one visit was made: no gap
        assert _by_kind(alerts(st, ["reciprocity"], since=date(2024, 5, 1)), "reciprocity") == []


def test_triangle_of_pairwise_cooperation_and_not_of_one_meeting_or_far_apart_pairs(db: Path):
    with Store(db, read_only=True) as st:
        found = _by_kind(alerts(st, ["triangle"]), "triangle")
    assert [a.actors for a in found] == [("BLR", "PRK", "RUS")]
    assert found[0].start == date(2023, 9, 13) and found[0].end == date(2023, 9, 15)
    assert len(found[0].event_ids) == 3


def test_every_alert_carries_its_events_and_sentences(db: Path):
    with Store(db, read_only=True) as st:
        found = alerts(st)
    assert {a.kind for a in found} == {"surge", "copresence", "reciprocity", "triangle"}
    for a in found:
        assert a.event_ids
        assert {x.event_id for x in a.evidence} == set(a.event_ids)
        assert all(x.sentence and x.trigger in x.sentence for x in a.evidence)
    surge = next(a for a in found if a.kind == "surge" and a.actors == ("BLR", "PRK"))
    assert {x.lang for x in surge.evidence} == {"en", "de"}


def test_alert_options_are_checked(db: Path):
    with Store(db, read_only=True) as st, pytest.raises(UsageError):
        alerts(st, ["rumours"])
    with Store(db, read_only=True) as st, pytest.raises(UsageError):
        alerts(st, ["surge"], opt=AlertOptions(by="decade"))


def test_analyses_ask_for_linking_first(tmp_path: Path):
    from communique.link.incremental import relink
    from tests.analyse.corpus import analysis_corpus

    with Store(tmp_path / "s.duckdb") as st:
        st.write(analysis_corpus()[:3])
        with pytest.raises(UsageError, match="communique link"):
            alerts(st)
        relink(st)
        assert alerts(st) == []


def test_co_actors_do_not_interact_and_reports_without_a_date_make_no_alerts(tmp_path: Path):
    from communique.link.incremental import link_pending
    from tests.analyse.corpus import report
    from tests.link.corpus import Ev

    usa, kor, prk = ("USA", "Washington", None), ("KOR", "Seoul", None), ("PRK", "Pyongyang", None)
    exs = [report("en", f"Washington and Seoul accused Pyongyang on 2024-07-0{d} of arms deliveries.",
                  Ev("ACCUSE", "accused", (usa, kor), (prk,), when=day(f"2024-07-0{d}")), f"2024-07-0{d}", "Wire")
           for d in (1, 3, 5)]
    # the invasion, mentioned in passing by three articles on three days, without its date
    exs += [report("en", f"Report {d}: Russia invaded Ukraine.",
                   Ev("ASSAULT", "invaded", (("RUS", "Russia", None),), (("UKR", "Ukraine", None),)),
                   f"2024-10-{d}", "Wire") for d in (18, 21, 23)]
    exs += [report("en", "Russia and Ukraine exchanged prisoners on 2022-05-05.",
                   Ev("COOPERATE", "exchanged", (("RUS", "Russia", None), ("UKR", "Ukraine", None)),
                      when=day("2022-05-05")), "2022-05-06", "Wire")]
    with Store(tmp_path / "s.duckdb") as st:
        st.write(exs)
        link_pending(st)
        net = network(st)
        assert {(e.source, e.target) for e in net.edges} == {("KOR", "PRK"), ("PRK", "USA"), ("RUS", "UKR")}
        assert timeline(st, "USA", "KOR").periods == ()
        assert [p.events for p in timeline(st, "RUS", "UKR", by="year").periods] == [1]
        assert [p.events for p in timeline(st, "RUS", "UKR", by="year", undated=True).periods] == [1, 0, 3]
        assert not [a for a in alerts(st, ["surge"]) if a.actors == ("RUS", "UKR")]
