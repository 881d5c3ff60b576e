"""`communique eval GOLD.jsonl`: run the pipeline on a gold set and score it.

The gold format is the one of ../shared/eval/README.md: one document per line with the text
file beside it, its publication date when known, and its events. The pipeline is given the
text and the publication date only (never the language), into a temporary store; the
predictions are exported as PLOVER JSON lines and scored by the score.py found next to the
gold set (its folder or the folder above), the evaluation's own scorer.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from communique.errors import UsageError
from communique.export.plover import write_plover
from communique.options import Options
from communique.pipeline import RunSummary, ingest
from communique.read import read_paths
from communique.store import queries
from communique.store.duckdb import Store


@dataclass(frozen=True, slots=True)
class EvalRun:
    """What an evaluation run produced."""

    predictions: Path
    summary: RunSummary
    scorer: Path | None
    report: str  # the scorer's output (empty without a scorer)
    returncode: int


def gold_manifest(gold: Path, out: Path) -> int:
    """Write a reader manifest for the gold documents (text path and publication date only)."""
    n = 0
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for lineno, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                path = (gold.parent / doc["file"]).resolve()
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise UsageError(f"{gold}:{lineno}: not a gold document line ({exc})") from None
            entry = {"path": str(path)}
            if doc.get("published"):
                entry["published"] = str(doc["published"])
            dst.write(json.dumps(entry, ensure_ascii=False) + "\n")
            n += 1
    return n


def find_scorer(gold: Path) -> Path | None:
    """score.py beside the gold file or one folder up (../shared/eval/score.py for its sets)."""
    for folder in (gold.parent, gold.parent.parent):
        cand = folder / "score.py"
        if cand.is_file():
            return cand
    return None


def run_eval(gold: Path, keep: Path | None = None, options: Options | None = None) -> EvalRun:
    """Code the gold texts into a temporary store, export predictions and score them."""
    if not gold.is_file():
        raise UsageError(f"{gold}: no such gold file")
    opts = options or Options()
    with tempfile.TemporaryDirectory(prefix="communique-eval-") as tmp:
        manifest = Path(tmp) / "gold-manifest.jsonl"
        gold_manifest(gold, manifest)
        pred = keep or Path(tmp) / "predictions.jsonl"
        with Store(Path(tmp) / "eval.duckdb") as store:
            summary = ingest(read_paths([manifest]), store, opts, command=f"eval {gold}")
            sql, params = queries.events_sql(queries.EventFilter(by_event=True))
            write_plover(store.rows(sql, params), pred)
        scorer = find_scorer(gold)
        if scorer is None:
            return EvalRun(pred, summary, None, "", 0)
        proc = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--by-lang", "--by-type"],
                              capture_output=True, text=True, check=False)
        report = proc.stdout + (proc.stderr if proc.returncode else "")
        return EvalRun(pred if keep else Path(), summary, scorer, report, proc.returncode)
