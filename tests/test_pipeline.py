"""The pipeline: time budgets, worker processes, and a run killed mid-way then resumed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from communique.options import Options
from communique.pipeline import batches, ingest, process_within_budget
from communique.read import read_paths
from communique.records import Document, Problem, content_id
from communique.store.duckdb import Store
from tests.corpus import write_manifest


def test_a_document_over_its_time_budget_becomes_a_problem():
    text = "Canada imposed sanctions on Belarus on Wednesday. " * 400
    doc = Document(content_id(text), text, lang="en", path="slow.txt")
    result = process_within_budget(doc, Options(doc_time_budget=0.001))
    assert result.events == () and result.document.sentences == ()
    assert [p.message for p in result.problems] == ["took longer than 0.001 s; stored without events"]


def test_batches_group_documents_and_problems():
    items: list[Document | Problem] = [Document(str(i), "x") for i in range(5)] + [Problem("f", "read", "bad")]
    got = list(batches(items, 2))
    assert [len(d) for d, _ in got] == [2, 2, 1] and got[-1][1] == [Problem("f", "read", "bad")]


def _snapshot(db: Path) -> tuple[list[tuple], list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    docs = con.execute("SELECT id, text, lang, published FROM documents ORDER BY id").fetchall()
    events = con.execute("SELECT id, doc_id, category, actor_codes, recipient_codes, date_start, aux, event_id "
                         "FROM event_mentions ORDER BY id").fetchall()
    con.close()
    return docs, events


# what differs between any two runs: which run wrote a row, and when
_RUN_COLUMNS = {"run_id", "ingested", "recorded"}
_TABLES = ("documents", "sentences", "mentions", "event_mentions", "events", "problems", "link_keys")


def full_snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table a run fills, but for the run's id and clock."""
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for table in _TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in _RUN_COLUMNS]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[table] = con.execute(f"SELECT {quoted} FROM {table} ORDER BY ALL").fetchall()
    con.close()
    return out


def test_two_workers_store_what_one_stores(tmp_path: Path):
    manifest = write_manifest(tmp_path / "c", 40)
    results = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        with Store(db) as st:
            ingest(read_paths([manifest]), st, Options(workers=workers, batch_size=8, languages=("en",)))
        results.append(_snapshot(db))
    assert results[0] == results[1] and len(results[0][0]) == 40


def test_killed_runs_resume_to_the_same_store(tmp_path: Path):
    """SIGKILL an ingest at random points, run it again each time: every document stored exactly once,
    and the same events as a run never interrupted."""
    manifest = write_manifest(tmp_path / "corpus", 600)
    clean = tmp_path / "clean.duckdb"
    with Store(clean) as st:
        ingest(read_paths([manifest]), st, Options(batch_size=10))
    killed = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "communique", "ingest", str(manifest), "--db", str(killed), "--batch-size", "10"]
    rng = random.Random(3)
    partial = []  # documents stored when a kill struck mid-run
    for _ in range(4):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(1.5, 5.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            partial.append(len(_snapshot(killed)[0]) if killed.exists() else 0)
        proc.wait()
    final = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert final.returncode == 0, final.stderr
    assert any(n < 600 for n in partial), partial  # at least one kill interrupted the run
    assert _snapshot(killed) == _snapshot(clean)
