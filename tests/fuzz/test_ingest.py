"""Hostile files of every kind through a whole ingest: the run ends, and every bad input is a
recorded problem in the store (a file is either stored as documents or named by a problem)."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import pytest

from communique.options import Options
from communique.pipeline import ingest
from communique.read import read_path, read_paths
from communique.records import Document
from communique.store.duckdb import Store
from tests.fuzz import cases
from tests.fuzz.test_readers import KINDS


def _hostile_folder(folder: Path, seeds: range) -> list[Path]:
    folder.mkdir()
    files = []
    for seed in seeds:
        for k, (name, make) in enumerate(KINDS):
            path = folder / f"{seed:03d}-{k:02d}-{name}"
            path.write_bytes(make(random.Random(seed * 100 + k)))
            files.append(path)
    for k, text in enumerate(cases.PATHOLOGICAL[:8]):
        path = folder / f"pathological-{k}.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        files.append(path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "slow.txt").write_text(cases.SENTENCE * 2000, encoding="utf-8")  # over the budget below
    return [*files, folder / "empty.txt", folder / "slow.txt"]


def _accounted(db: Path) -> tuple[set[str], int, int]:
    """Paths of the stored documents, sources of the problems and document ids; the counts of both."""
    con = duckdb.connect(str(db), read_only=True)
    paths = {r[0] for r in con.execute("SELECT path FROM documents WHERE path IS NOT NULL").fetchall()}
    paths |= {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
    sources = {r[0] for r in con.execute("SELECT source FROM problems").fetchall()}
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
    n_problems = con.execute("SELECT count(*) FROM problems").fetchone()[0]  # type: ignore[index]
    con.close()
    return paths | sources, n_docs, n_problems


def _ids_of(path: Path) -> set[str]:
    ids = {item.id for item in read_path(path) if isinstance(item, Document)}
    return ids or {"(none)"}


def run_hostile(tmp_path: Path, seeds: range, workers: int = 1) -> None:
    """Ingest a folder of hostile files twice: the first run accounts for every file, the second adds nothing."""
    files = _hostile_folder(tmp_path / "in", seeds)
    db = tmp_path / "fuzz.duckdb"
    opts = Options(doc_time_budget=1.0, workers=workers, batch_size=8)
    with Store(db) as st:
        first = ingest(read_paths([tmp_path / "in"]), st, opts)
    named, n_docs, n_problems = _accounted(db)
    # a file is named by a problem or by a stored document: its own path, or (a text already given
    # by another file, stored once) the id of what it reads as
    missing = [f.name for f in files if not any(str(f) == n or n.startswith(str(f) + "#") for n in named)
               and not _ids_of(f) <= named]
    assert not missing, f"files with neither a document nor a problem: {missing}"
    assert first.problems == n_problems > 0 and first.documents_new == n_docs
    assert any("took longer" in m for m in first.problem_messages)
    with Store(db) as st:
        again = ingest(read_paths([tmp_path / "in"]), st, opts)
    assert (again.documents_new, again.problems) == (0, 0)
    assert _accounted(db)[1:] == (n_docs, n_problems)


def test_an_ingest_of_hostile_files_records_every_bad_input(tmp_path: Path) -> None:
    run_hostile(tmp_path, range(2))


@pytest.mark.slow
def test_an_ingest_of_many_hostile_files_records_every_bad_input(tmp_path: Path) -> None:
    run_hostile(tmp_path, range(40), workers=2)


def test_dates_at_the_ends_of_the_calendar_are_problems_not_crashes(tmp_path: Path) -> None:
    records = [
        ('{"text": "Canada imposed sanctions on Poland on Monday. Poland met Canada next week.", '
         '"published": "9999-12-31"}'),
        ('{"text": "Canada imposed sanctions on Poland yesterday. Canada met Poland last week.", '
         '"published": "0001-01-01"}'),
        ('{"text": "Canada imposed sanctions on Poland on 31 December 9999. Canada met Poland on 1 January 0001.", '
         '"published": "2025-03-03"}'),
    ]
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(records) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as st:
        summary = ingest(read_paths([manifest]), st, Options())
        dates = st.con.execute("SELECT min(date_start), max(date_end) FROM event_mentions").fetchone()
    assert summary.documents_new == 3 and summary.events >= 3
    assert sum("out of range" in m for m in summary.problem_messages) == 2
    assert dates is not None and all(d is None or 100 <= d.year <= 9900 for d in dates)
