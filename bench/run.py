"""The benchmark suite (`make bench`): throughput, memory and scaling on the generated corpus.

Every measurement runs in a fresh child process, so that its peak RSS and CPU time are its own:

  local        `ingest` on one process, end to end (read, prepare, code, store in DuckDB, link at the
               end), then the same without linking, then with --workers 2; and a smaller run linked
               after each batch, as the store grows (the CLI's default) and at the end
  dask         the same on a local Dask cluster of one worker, then of two (linked at the end)
  memory       one process at --memory-docs documents, not linked (coding and storing: the peak RSS
               must stay flat), then linked as the store grows (what `communique ingest` does)
  baseline     spaCy's small English pipeline (en_core_web_sm) over the English documents, next to
               Communique over the same documents; skipped when the model is not installed

Throughput per core is sentences (documents) over the CPU seconds of all the processes of a run,
so it does not depend on how busy the machine is; wall-clock times and the load average are
printed beside it. Benchmarks are not tests: the targets are printed, never asserted.

    PYTHONPATH=src python bench/run.py                 # 10k documents, memory at 100k
    PYTHONPATH=src python bench/run.py --quick         # 2k documents, memory at 10k
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import MIX, write  # noqa: E402

if TYPE_CHECKING:
    from communique.pipeline import LinkEvery

TARGET_SENTENCES = 2000  # per core, end to end
TARGET_SPACY_RATIO = 10.0
TARGET_RSS_MB = 500
TARGET_DASK_SPEEDUP = 1.6


# --- children --------------------------------------------------------------------------------
def _usage() -> dict[str, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_self": me.ru_utime + me.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime,
            "rss_self_mb": me.ru_maxrss / 1024, "rss_children_mb": kids.ru_maxrss / 1024}


def child_ingest(manifest: Path, db: Path, engine: str, workers: int, batch_size: int,
                 link_every: LinkEvery) -> dict[str, Any]:
    """Ingest a manifest into a new store; what it took."""
    from communique.options import Options
    from communique.pipeline import ingest
    from communique.read import read_paths
    from communique.store.duckdb import Store

    opts = Options(workers=workers, batch_size=batch_size)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    with Store(db) as store:
        if engine == "dask":
            from communique.distributed.dask import ingest_dask

            summary = ingest_dask(read_paths([manifest]), store, opts, link_every=link_every)
        else:
            summary = ingest(read_paths([manifest]), store, opts, link_every=link_every)
        wall = time.perf_counter() - t0
        sentences = store.scalar("SELECT count(*) FROM sentences")
        docs = store.scalar("SELECT count(*) FROM documents")
    return {"docs": docs, "sentences": sentences, "events": summary.events, "problems": summary.problems,
            "wall": wall, "load_start": load, "load_end": os.getloadavg()[0], **_usage()}


def child_spacy(manifest: Path) -> dict[str, Any]:
    """spaCy's small English pipeline over the texts of a manifest; what it took."""
    import spacy

    texts = [json.loads(line)["text"] for line in manifest.open(encoding="utf-8")]
    load = os.getloadavg()[0]
    t_load = time.perf_counter()
    nlp = spacy.load("en_core_web_sm")
    nlp(texts[0])
    before = _usage()
    t0 = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
    wall = time.perf_counter() - t0
    after = _usage()
    return {"docs": len(texts), "sentences": sentences, "events": 0, "problems": 0, "wall": wall,
            "load_start": load, "load_end": os.getloadavg()[0], "model_load": t0 - t_load,
            "cpu_self": after["cpu_self"] - before["cpu_self"], "cpu_children": 0.0,
            "rss_self_mb": after["rss_self_mb"], "rss_children_mb": 0.0, "model": spacy.info("en_core_web_sm")}


def spacy_available() -> str | None:
    """The version of the installed en_core_web_sm, or None."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover
        return None
    for name in ("en_core_web_sm", "en-core-web-sm"):
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return None


# --- parent ----------------------------------------------------------------------------------
def measure(args: list[str]) -> dict[str, Any]:
    """Run one measurement in a child process and read its figures."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args], env=env,
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child {args} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cpu(r: dict[str, Any]) -> float:
    return float(r["cpu_self"] + r["cpu_children"])


def row(name: str, r: dict[str, Any]) -> str:
    """One line of the results table."""
    cpu = _cpu(r)
    rss = f"{r['rss_self_mb']:6.0f}" + (f" / {r['rss_children_mb']:4.0f}" if r["rss_children_mb"] > 1 else "       ")
    return (f"{name:<30} {r['docs']:>7,} {r['sentences']:>9,} {r['events']:>8,} {r['wall']:>8.1f} {cpu:>8.1f} "
            f"{r['sentences'] / cpu:>10,.0f} {r['docs'] / cpu:>9,.1f} {r['docs'] / r['wall']:>8,.1f} {rss}  "
            f"{r['load_start']:.2f}→{r['load_end']:.2f}")


HEADER = (f"{'run':<30} {'docs':>7} {'sentences':>9} {'events':>8} {'wall s':>8} {'CPU s':>8} "
          f"{'sent/s/core':>10} {'doc/s/core':>9} {'doc/s':>8} {'peak RSS MB':>13}  load 1-min")


def machine() -> str:
    """The CPU model, core count and memory of this machine."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}"


def verdict(ok: bool) -> str:
    """PASS or MISS."""
    return "PASS" if ok else "MISS"


def main() -> None:
    """Generate the corpus, run every measurement, print the table and the targets."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="documents of the throughput corpus")
    ap.add_argument("--memory-docs", type=int, default=100_000, help="documents of the large memory run")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--per-batch", type=int, default=2_000,
                    help="documents of a run linked after each batch, next to the same linked at the end (0: none)")
    ap.add_argument("--quick", action="store_true", help="2,000 documents, memory at 10,000")
    ap.add_argument("--skip", action="append", default=[], choices=["workers", "dask", "memory", "baseline"])
    ap.add_argument("--work", type=Path, help="folder for corpora and stores (a temporary one by default)")
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "spacy":
            result = child_spacy(Path(rest[0]))
        else:
            manifest, db, engine, workers, batch, every = rest
            result = child_ingest(Path(manifest), Path(db), engine, int(workers), int(batch),
                                  None if every == "none" else every if every == "grow" else int(every))
        print(json.dumps(result, default=str))
        return
    if args.quick:
        args.docs, args.memory_docs = 2_000, 10_000
    work = args.work or Path(tempfile.mkdtemp(prefix="communique-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run(args, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    """The measurements, printed as they finish."""
    print(f"Communique benchmark, {datetime.now():%Y-%m-%d %H:%M}; {machine()}")
    t0 = time.perf_counter()
    corpus = write(work / "corpus.jsonl", args.docs)
    english = write(work / "english.jsonl", args.docs, langs=("en",))
    mix = ", ".join(f"{lang} {share:.0%}" for lang, share in MIX)
    print(f"corpus: {args.docs:,} generated documents ({mix}), made in {time.perf_counter() - t0:.1f} s; "
          f"batch size {args.batch_size}\n")
    print(HEADER, flush=True)
    results: dict[str, dict[str, Any]] = {}

    def go(name: str, manifest: Path, engine: str = "local", workers: int = 1, link: str = "1") -> dict[str, Any]:
        db = work / f"{name.replace(' ', '_').replace(',', '')}.duckdb"
        db.unlink(missing_ok=True)
        r = results[name] = measure(["ingest", str(manifest), str(db), engine, str(workers), str(args.batch_size),
                                     link])
        print(row(name, r), flush=True)
        db.unlink(missing_ok=True)
        return r

    local = go("local, 1 process, linked at end", corpus, link="0")
    unlinked = go("  the same, not linked", corpus, link="none")
    if args.per_batch:
        small = write(work / "small.jsonl", args.per_batch)
        for every, how in (("1", "each batch"), ("grow", "as the store grows"), ("0", "at end")):
            go(f"  {args.per_batch:,} docs, linked {how}", small, link=every)
    if "workers" not in args.skip:
        go("local, --workers 2, linked at end", corpus, workers=2, link="0")
    dask1 = dask2 = None
    if "dask" not in args.skip:
        dask1 = go("dask, 1 worker, linked at end", corpus, "dask", 1, link="0")
        dask2 = go("dask, 2 workers, linked at end", corpus, "dask", 2, link="0")
    big = big_unlinked = None
    if "memory" not in args.skip:
        big_corpus = write(work / "big.jsonl", args.memory_docs, seed=12)
        big_unlinked = go(f"  {args.memory_docs // 1000}k docs, not linked", big_corpus, link="none")
        big = go(f"  {args.memory_docs // 1000}k docs, linked as the store grows", big_corpus, link="grow")
        big_corpus.unlink()
    spacy_version = spacy_available()
    base = ours_en = None
    if "baseline" not in args.skip and spacy_version:
        ours_en = go("communique, English only", english)
        base = results["spaCy en_core_web_sm"] = measure(["spacy", str(english)])
        print(row(f"spaCy en_core_web_sm {spacy_version}", base), flush=True)

    print("\ntargets (per core = over CPU seconds of all the run's processes)")
    rate = local["sentences"] / _cpu(local)
    print(f"  sentences/s per core, end to end, 1 process: {rate:,.0f} (target ≥ {TARGET_SENTENCES:,}) "
          f"{verdict(rate >= TARGET_SENTENCES)}")
    bare = unlinked["sentences"] / _cpu(unlinked)
    print(f"  the same without linking: {bare:,.0f}; linking took {_cpu(local) - _cpu(unlinked):,.0f} of "
          f"{_cpu(local):,.0f} CPU seconds")
    if ours_en and base:
        ratio = (ours_en["docs"] / _cpu(ours_en)) / (base["docs"] / _cpu(base))
        wall_ratio = (ours_en["docs"] / ours_en["wall"]) / (base["docs"] / base["wall"])
        print(f"  documents/s vs spaCy en_core_web_sm on the same English texts: {ratio:.1f}x per core, "
              f"{wall_ratio:.1f}x wall (target ≥ {TARGET_SPACY_RATIO:g}x) {verdict(ratio >= TARGET_SPACY_RATIO)}")
    elif "baseline" not in args.skip:
        print("  spaCy baseline: skipped, en_core_web_sm is not installed (Explosion publishes it on GitHub, not "
              "on PyPI; install its wheel to measure the ratio)")
    if big is not None and big_unlinked is not None:
        peak = big_unlinked["rss_self_mb"]
        print(f"  peak RSS, 1 process, not linked: {unlinked['rss_self_mb']:.0f} MB at {unlinked['docs']:,} "
              f"documents, {peak:.0f} MB at {big_unlinked['docs']:,}; target ≤ {TARGET_RSS_MB} MB "
              f"{verdict(peak <= TARGET_RSS_MB)}")
        print(f"  peak RSS, 1 process, linked as the store grows (the CLI's default): {big['rss_self_mb']:.0f} MB at "
              f"{big['docs']:,} documents {verdict(big['rss_self_mb'] <= TARGET_RSS_MB)}; linked at the end: "
              f"{local['rss_self_mb']:.0f} MB at {local['docs']:,}")
    if dask1 and dask2:
        speed = dask1["wall"] / dask2["wall"]
        print(f"  dask, 2 workers vs 1: {speed:.2f}x wall (target ≥ {TARGET_DASK_SPEEDUP:g}x) "
              f"{verdict(speed >= TARGET_DASK_SPEEDUP)}; cores: {os.cpu_count()}, load 1-min at the end "
              f"{dask2['load_end']:.2f}")


if __name__ == "__main__":
    main()
