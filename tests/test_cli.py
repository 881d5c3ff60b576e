"""The command line, run as a user runs it: a subprocess, its exit code and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "communique", *args], capture_output=True, text=True,
                          input=stdin, cwd=cwd, env=env, timeout=300, check=False)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "s.duckdb"
    r = run("ingest", str(SAMPLES / "manifest.jsonl"), str(SAMPLES / "web"), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "18 new documents, 0 already stored" in r.stdout
    return db


@pytest.mark.parametrize("command", ["", "ingest", "extract", "events", "export", "eval", "problems",
                                     "documents", "actors build"])
def test_every_command_has_help(command: str):
    r = run(*command.split(), "--help")
    assert r.returncode == 0 and "Usage" in r.stdout


def test_ingest_is_idempotent(sample_db: Path):
    r = run("ingest", str(SAMPLES / "manifest.jsonl"), str(SAMPLES / "web"), "--db", str(sample_db))
    assert r.returncode == 0
    assert "0 new documents, 18 already stored, 0 events" in r.stdout


def test_usage_errors_exit_2_with_a_message(tmp_path: Path):
    r = run("ingest", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "no such file or directory" in r.stderr
    r = run("ingest", str(SAMPLES / "web"), "--lang", "xx", "--db", str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "not a supported language" in r.stderr
    r = run("ingest", str(SAMPLES / "web"), "--published", "yesterday", "--db", str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "not a date" in r.stderr
    r = run("events", "--db", str(tmp_path / "missing.duckdb"))
    assert r.returncode == 1 and "no such store" in r.stderr
    r = run("events", "--bogus")
    assert r.returncode == 2


def test_bad_inputs_become_problems_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "ok.txt").write_text("Japan and Chile signed a trade agreement in Tokyo on Monday.", encoding="utf-8")
    db = tmp_path / "p.duckdb"
    r = run("ingest", str(tmp_path), "--db", str(db), "--published", "2025-03-07")
    assert r.returncode == 0
    assert "1 new documents" in r.stdout and "2 problems" in r.stdout
    listed = run("problems", "--db", str(db))
    assert "empty.txt" in listed.stdout and "junk.bin" in listed.stdout


def test_events_table_json_and_csv(sample_db: Path):
    table = run("events", "--db", str(sample_db), "--category", "SANCTION")
    assert table.returncode == 0 and "SANCTION" in table.stdout
    lines = run("events", "--db", str(sample_db), "--format", "json").stdout.splitlines()
    records = [json.loads(x) for x in lines]
    assert records and all({"event", "actor", "recipient", "text"} <= r.keys() for r in records)
    csv = run("events", "--db", str(sample_db), "--format", "csv", "--limit", "3").stdout.splitlines()
    assert csv[0].startswith("id,doc_id,sentence,category") and len(csv) == 4


def test_export_plover_lines(sample_db: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    r = run("export", "--db", str(sample_db), "-o", str(out))
    assert r.returncode == 0
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 15
    for rec in records:
        assert rec["event"] and rec["actor"] and rec["text"] and rec["doc_id"]
        assert all("code" in e and "entity_text" in e for e in rec["actor"] + rec["recipient"])


def test_documents_lists_the_store(sample_db: Path):
    r = run("documents", "--db", str(sample_db))
    assert r.returncode == 0 and "18 documents" in r.stdout


def test_extract_prints_events_of_a_text_a_file_and_stdin(tmp_path: Path):
    text = "Lithuanian Foreign Minister Rasa Venclovaite visited Warsaw on Tuesday."
    r = run("extract", text, "--published", "2025-03-07", "--format", "json")
    [rec] = [json.loads(x) for x in r.stdout.splitlines()]
    assert rec["event"] == "CONSULT" and rec["mode"] == "visit" and rec["date"] == "2025-03-04"
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    assert "CONSULT" in run("extract", str(f), "--published", "2025-03-07").stdout
    assert "CONSULT" in run("extract", "-", "--published", "2025-03-07", stdin=text).stdout


def test_eval_runs_a_gold_file_written_here(tmp_path: Path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "d1.txt").write_text("Canada imposed sanctions on Belarus on Wednesday.", encoding="utf-8")
    gold = {"doc": "d1", "file": "texts/d1.txt", "lang": "en", "published": "2025-03-07",
            "events": [{"event": "SANCTION", "actor": [{"code": "CAN"}], "recipient": [{"code": "BLR"}],
                        "date": "2025-03-05", "quote": "imposed sanctions"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    keep = tmp_path / "pred.jsonl"
    r = run("eval", str(tmp_path / "gold.jsonl"), "--keep", str(keep))
    assert r.returncode == 0 and "no score.py" in r.stdout
    [pred] = [json.loads(x) for x in keep.read_text(encoding="utf-8").splitlines()]
    assert pred["event"] == "SANCTION" and Path(pred["path"]).stem == "d1" and pred["date"] == "2025-03-05"
    shared = ROOT.parent / "shared" / "eval" / "score.py"
    if shared.is_file():  # the project's scorer, when this machine has it
        (tmp_path / "score.py").write_bytes(shared.read_bytes())
        r = run("eval", str(tmp_path / "gold.jsonl"))
        assert r.returncode == 0 and r.stdout.strip().splitlines()[-1] == "F1 1.000"


def test_extract_takes_a_text_longer_than_any_file_name():
    text = "Canada imposed sanctions on Belarus on Wednesday. " + "The ministry said nothing more. " * 12
    r = run("extract", text, "--published", "2025-03-07", "--format", "json")
    assert r.returncode == 0 and '"SANCTION"' in r.stdout


def test_actors_build_then_ingest_with_the_built_file(tmp_path: Path):
    """`communique actors build` writes a TSV that `ingest --actors` uses: a person only the dump knows
    (a chief of staff) gets his country and sector, and is unknown without the file."""
    from tests.actors.test_wikidata import dump_items, write_dump

    dump = tmp_path / "dump.json.bz2"
    write_dump(dump, dump_items())
    built = tmp_path / "actors.tsv"
    r = run("actors", "build", str(dump), str(built))
    assert r.returncode == 0 and built.is_file(), r.stderr
    text = tmp_path / "a.txt"
    text.write_text("Viktor Gulevich visited Ulaanbaatar on Tuesday.", encoding="utf-8")

    def coded(*extra: str) -> list[tuple[str, list[str], list[str]]]:
        db = tmp_path / f"a{len(extra)}.duckdb"
        r = run("ingest", str(text), "--db", str(db), "--published", "2025-03-07", "--lang", "en", *extra)
        assert r.returncode == 0, r.stderr
        rows = [json.loads(x) for x in run("events", "--db", str(db), "--format", "json").stdout.splitlines()]
        return [(e["event"], [f"{a['code']}/{a['sector']}" for a in e["actor"]], [a["code"] for a in e["recipient"]])
                for e in rows]

    assert coded() == []
    assert coded("--actors", str(built)) == [("CONSULT", ["BLR/MIL"], ["MNG"])]
    assert run("actors", "build", str(tmp_path / "nope.json"), str(built)).returncode == 2
