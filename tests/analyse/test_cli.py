import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from communique.cli import app
from tests.analyse.corpus import analysis_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analysis_store(tmp_path_factory.mktemp("cli") / "sample.duckdb")


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_link_linked_and_event(db: Path):
    assert "0 mentions linked" in _run("link", "--db", str(db))
    assert "mentions linked" in _run("link", "--db", str(db), "--full")
    lines = _run("linked", "--db", str(db), "--participant", "PRK", "--min-documents", "3", "--format", "json")
    [visit] = [json.loads(line) for line in lines.splitlines()]
    assert visit["event"] == "CONSULT" and visit["n_documents"] == 3
    shown = _run("event", visit["event_id"], "--db", str(db))
    assert "Shestakov arrived in North Korea" in shown and "Im April 2024 besuchte" in shown


def test_timeline_network_alerts(db: Path, tmp_path: Path):
    tl = _run("timeline", "BLR", "PRK", "--db", str(db), "--by", "year", "--format", "json")
    assert [json.loads(line)["events"] for line in tl.splitlines()] == [2, 4]
    assert "2024-04" in _run("timeline", "BLR", "PRK", "--db", str(db))
    _run("network", "--db", str(db), "-o", str(tmp_path / "n.graphml"))
    assert nx.read_graphml(tmp_path / "n.graphml").has_edge("BLR", "PRK")
    text = _run("alerts", "--db", str(db))
    assert "BLR–PRK: 3 events in 2024-04" in text and "BLR → PRK: 2 visits" in text
    assert "Shestakov arrived in North Korea" in text
    only = _run("alerts", "--db", str(db), "--kind", "reciprocity", "--format", "json")
    [gap] = [json.loads(line) for line in only.splitlines()]
    assert gap["actors"] == ["BLR", "PRK"] and gap["evidence"]


def test_export_as(db: Path, tmp_path: Path):
    for fmt, name in (("events", "e.jsonl"), ("plover", "m.jsonl"), ("gdelt", "g.csv"), ("parquet", "pq"),
                      ("graphml", "n.graphml"), ("network-json", "n.json")):
        _run("export-as", fmt, "-o", str(tmp_path / name), "--db", str(db))
    assert (tmp_path / "g.mentions.csv").is_file() and (tmp_path / "pq" / "events.parquet").is_file()


@pytest.mark.parametrize("args, words", [
    (["export-as", "xml", "-o", "x"], "not an export format"),
    (["timeline", "BLR", "PRK", "--by", "decade"], "--by decade"),
    (["alerts", "--kind", "rumours"], "--kind rumours"),
    (["network", "-o", "net.png"], "name a .graphml or .json"),
])
def test_usage_errors_exit_non_zero_with_one_line(db: Path, args: list[str], words: str):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src"), "COLUMNS": "300"}
    proc = subprocess.run([sys.executable, "-m", "communique", *args, "--db", str(db)], capture_output=True,
                          text=True, env=env, check=False)
    assert proc.returncode == 2
    assert words in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_ingest_without_linking_then_link(tmp_path: Path):
    """--no-link stores the reports and leaves them unlinked; `communique link` makes the same events."""
    text = tmp_path / "a.txt"
    text.write_text("Chile and Peru signed a fisheries agreement in Lima on Monday.", encoding="utf-8")
    linked, later = tmp_path / "linked.duckdb", tmp_path / "later.duckdb"
    _run("ingest", str(text), "--db", str(linked), "--published", "2025-03-07")
    _run("ingest", str(text), "--db", str(later), "--published", "2025-03-07", "--no-link")
    unlinked = runner.invoke(app, ["linked", "--db", str(later)])  # says what to do, not "no events"
    assert unlinked.exit_code != 0 and "not linked yet: run communique link" in str(unlinked.exception)
    assert "1 mentions linked" in _run("link", "--db", str(later))
    assert _run("linked", "--db", str(later), "--format", "json") == _run("linked", "--db", str(linked),
                                                                          "--format", "json")
