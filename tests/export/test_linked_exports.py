import io
import json
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pytest

from communique.analyse.network import network
from communique.export.events import write_events
from communique.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, global_event_id, write_gdelt
from communique.export.graphml import write_graphml, write_network_json
from communique.export.parquet import write_parquet
from communique.store.duckdb import Store
from tests.analyse.corpus import analysis_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analysis_store(tmp_path_factory.mktemp("export") / "sample.duckdb")


def test_gdelt_tables_open_in_pandas_and_duckdb(db: Path, tmp_path: Path):
    ev_path, m_path = tmp_path / "events.csv", tmp_path / "mentions.csv"
    with Store(db, read_only=True) as st:
        n_events, n_mentions = write_gdelt(st, ev_path, m_path)
        assert n_events == st.scalar("SELECT count(*) FROM events")
        assert n_mentions == st.scalar("SELECT count(*) FROM event_mentions")
        visit_id = st.scalar("SELECT id FROM events WHERE category = 'CONSULT' AND n_documents = 3")
    events = pd.read_csv(ev_path, dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    mentions = pd.read_csv(m_path)
    assert tuple(events.columns) == EVENT_COLUMNS and len(EVENT_COLUMNS) == 61
    assert tuple(mentions.columns) == MENTION_COLUMNS and len(MENTION_COLUMNS) == 16
    [visit] = events[global_event_id(visit_id) == events.GLOBALEVENTID].to_dict("records")
    assert visit["SQLDATE"] == 20240416 and visit["MonthYear"] == 202404 and visit["Year"] == 2024
    assert visit["Actor1Code"] == "BLRGOV" and visit["Actor1CountryCode"] == "BLR"
    assert visit["Actor2CountryCode"] == "PRK" and visit["ActionGeo_CountryCode"] == "PRK"
    assert visit["EventCode"] == "042" and visit["EventBaseCode"] == "042" and visit["EventRootCode"] == "04"
    assert visit["QuadClass"] == 1 and visit["GoldsteinScale"] == 4.0
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == (3, 3, 3)
    assert visit["IsRootEvent"] == 1 and pd.isna(visit["AvgTone"])
    # every mention points at an event of the event table
    assert set(mentions.GLOBALEVENTID) <= set(events.GLOBALEVENTID)
    rows = mentions[global_event_id(visit_id) == mentions.GLOBALEVENTID]
    assert len(rows) == 3 and set(rows.SentenceID) == {1}
    assert "srclc:de" in set(rows.MentionDocTranslationInfo.dropna())
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_csv_auto('{ev_path}')").fetchone()[0] == n_events
    assert con.execute(f"SELECT sum(NumMentions) FROM read_csv_auto('{ev_path}')").fetchone()[0] == n_mentions


def test_gdelt_tab_separated(db: Path):
    buf = io.StringIO()
    with Store(db, read_only=True) as st:
        write_gdelt(st, buf, sep="\t")
    header = buf.getvalue().splitlines()[0].split("\t")
    assert header[:3] == ["GLOBALEVENTID", "SQLDATE", "MonthYear"] and header[-1] == "SOURCEURL"


def test_parquet_opens_in_duckdb_and_pandas(db: Path, tmp_path: Path):
    with Store(db, read_only=True) as st:
        counts = write_parquet(st, tmp_path / "pq")
        n_events = st.scalar("SELECT count(*) FROM events")
    assert counts["events"] == n_events and counts["mentions"] > n_events and counts["documents"] > 0
    events = pd.read_parquet(tmp_path / "pq" / "events.parquet")
    assert list(events.loc[events.n_documents == 3, "languages"].iloc[0]) == ["de", "en"]
    con = duckdb.connect()
    joined = con.execute(
        f"SELECT e.id, count(*) FROM '{tmp_path}/pq/events.parquet' e "
        f"JOIN '{tmp_path}/pq/mentions.parquet' m ON m.event_id = e.id GROUP BY e.id, e.n_mentions "
        "HAVING count(*) <> e.n_mentions").fetchall()
    assert joined == []
    docs = con.execute(f"SELECT * FROM '{tmp_path}/pq/documents.parquet'").fetchdf()
    assert "text" not in docs.columns and len(docs) == counts["documents"]


def test_graphml_and_json_open_in_networkx(db: Path, tmp_path: Path):
    with Store(db, read_only=True) as st:
        net = network(st)
    write_graphml(net, tmp_path / "net.graphml")
    write_network_json(net, tmp_path / "net.json")
    g = nx.read_graphml(tmp_path / "net.graphml")
    assert set(g.nodes) == {n.id for n in net.nodes}
    assert g.number_of_edges() == len(net.edges)
    assert g.edges["BLR", "PRK"]["weight"] == 6.0
    assert g.nodes["PRK"]["degree"] == 3
    data = json.loads((tmp_path / "net.json").read_text())
    h = nx.node_link_graph(data, edges="links")
    assert h.number_of_edges() == g.number_of_edges() and h.edges["BLR", "PRK"]["weight"] == 6


def test_events_json_lines(db: Path):
    buf = io.StringIO()
    with Store(db, read_only=True) as st:
        n = write_events(st, buf)
        assert n == st.scalar("SELECT count(*) FROM events")
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    visit = next(r for r in recs if r["event"] == "CONSULT" and r["n_documents"] == 3)
    assert visit["actor"] == ["BLR"] and visit["recipient"] == ["PRK"] and visit["date"] == "2024-04-16"
    assert visit["languages"] == ["de", "en"] and len(visit["mentions"]) == 3
    assert visit["cameo"] == "042" and visit["quad_class"] == 1
