"""The Dask runner: extraction mapped over partitions of the input on a Dask cluster.

The client reads the input as a stream and cuts it into partitions of BATCHES_PER_TASK batches of
the single-machine run. Each partition's documents not already stored are a task: a worker codes
them and writes the result as a Parquet shard (the rows of the store's tables, one file per
table). The client loads the shards into DuckDB in input order, one transaction each, and links
on the same schedule as the single-machine run, so both runs end with the same store.

At most two tasks a worker are in flight, so the client's memory stays flat whatever the size
of the input. With a scheduler address the shards folder must be one the workers and the client
both see (a shared file system); without one a local cluster is started and stopped here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from communique import __version__
from communique.errors import MissingExtra, UsageError
from communique.options import Options
from communique.pipeline import (
    STORE_MEMORY_MB,
    LinkEvery,
    LinkSchedule,
    RunSummary,
    Tally,
    batches,
    code_batch,
    link_within_memory,
)
from communique.records import Document, Problem
from communique.store.duckdb import TABLES, Store, batch_tables, system_arrow_memory

# A task has a fixed cost, in the client (the scheduler, reading a shard) and in the worker (writing
# it). On 10k documents with one batch of 64 a task, the client took 13 CPU s and two workers ran
# 1.47x as fast as one; with four batches a task, 9 CPU s and 1.60-1.67x.
BATCHES_PER_TASK = 4


def extract_partition(docs: Sequence[Document], problems: Sequence[Problem], options: Options, folder: str,
                      part: int, run_id: str) -> dict[str, str]:
    """Code one partition and write it as a Parquet shard; the path of each table's file (runs on a worker)."""
    tables = batch_tables(code_batch(docs, options), problems, run_id)
    out: dict[str, str] = {}
    for name in TABLES:
        path = os.path.join(folder, f"part-{part:06d}.{name}.parquet")
        tmp = path + ".tmp"
        pq.write_table(tables[name], tmp)
        os.replace(tmp, path)  # a shard file is whole or absent
        out[name] = path
    return out


def read_shard(paths: dict[str, str]) -> dict[str, pa.Table]:
    """The tables of a shard written by extract_partition (read as one file each: pq.read_table builds a
    dataset around every file, which took 2.5x as long)."""
    out: dict[str, pa.Table] = {}
    for name, path in paths.items():
        with pq.ParquetFile(path) as f:
            out[name] = f.read()
    return out


def shards_folder(store: Store, scheduler: str | None) -> Path:
    """Where a run writes its shards: a temporary folder for a local cluster; beside the store file for a
    remote one, whose workers must see that folder too."""
    if scheduler is None or store.path in ("", ":memory:"):
        return Path(tempfile.gettempdir()) / "communique-shards"
    db = Path(store.path)
    return db.with_name(db.name + ".shards")


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a local cluster of `workers` single-threaded processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtra("--engine dask", "dask") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({exc})") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


@system_arrow_memory()
def ingest_dask(items: Iterable[Document | Problem], store: Store, options: Options, scheduler: str | None = None,
                command: str = "ingest", on_batch: Callable[[int, int], None] | None = None,
                shards: Path | None = None, link_every: LinkEvery = "grow") -> RunSummary:
    """pipeline.ingest on a Dask cluster (a local one of `options.workers` processes when no scheduler
    address is given): the same store at the end, the extraction done by the cluster's workers
    (linking as pipeline.ingest does it, on the schedule `link_every` gives and at the end)."""
    store.limit_memory(STORE_MEMORY_MB)
    run_id = store.start_run(command, __version__)
    folder = (shards or shards_folder(store, scheduler)) / run_id
    folder.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    with _client(scheduler, options.workers) as client:
        window = 2 * _workers(client)
        in_flight: deque[tuple[list[Document], Any]] = deque()
        schedule = LinkSchedule(link_every, store.document_count())

        def load_oldest() -> None:
            docs, fut = in_flight.popleft()
            paths = fut.result()
            fut.release()
            tables = read_shard(paths)
            counts = store.write_tables(tables)
            if schedule.after_batch(counts.documents):
                link_within_memory(store)  # as the single-machine run does after its batches
            problems = tables["problems"]
            tally.add(counts, len(docs), [f"{s}: {m}" for s, m in zip(problems["source"].to_pylist(),
                                                                      problems["message"].to_pylist(), strict=True)])
            for path in paths.values():
                os.remove(path)
            if on_batch is not None:
                on_batch(len(docs), counts.events)

        for part, (docs, probs) in enumerate(batches(items, options.batch_size * BATCHES_PER_TASK)):
            known = store.known(d.id for d in docs)
            todo = [d for d in docs if d.id not in known]
            in_flight.append((docs, client.submit(extract_partition, todo, probs, options, str(folder), part, run_id,
                                                  pure=False)))
            while len(in_flight) > window:
                load_oldest()
        while in_flight:
            load_oldest()
    if schedule.at_end():
        link_within_memory(store)
    shutil.rmtree(folder, ignore_errors=True)
    with suppress(OSError):
        folder.parent.rmdir()  # only when no other run left shards there
    store.finish_run(run_id, tally.new, tally.seen, tally.events, tally.problems)
    return RunSummary(run_id, tally.new, tally.seen, tally.events, tally.problems, tuple(tally.messages))
