"""The pipeline: read -> prepare -> code -> store, streamed in batches.

Every stage is a module-level function over records, so the pipeline pickles for worker
processes and for the distributed runner. What the stages need (options, language packs,
the actor base) lives in a Context loaded once per process.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from types import FrameType
from typing import Literal

import duckdb

from communique import __version__
from communique.errors import UsageError
from communique.link.incremental import link_pending
from communique.options import Options
from communique.prepare import prepare
from communique.records import Document, Extraction, Problem
from communique.store.duckdb import Store, WriteCounts, system_arrow_memory
from communique.when.iso import parse_iso


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one ingest run did."""

    run_id: str
    documents_new: int = 0
    documents_seen: int = 0  # already in the store
    events: int = 0
    problems: int = 0
    problem_messages: tuple[str, ...] = field(default=())


# DuckDB's buffer memory during an ingest: enough for a batch and the linker's region queries (what
# does not fit spills to a temporary folder), and a bound that keeps a long run's footprint flat.
# DuckDB fills whatever it is given with the blocks it has written: at 256 MB a 30k-document run
# grew by ~100 MB more than at 64 MB, for ~4% less CPU.
STORE_MEMORY_MB = 64
# A link updates its region in one transaction, which DuckDB holds in memory until it commits; a
# link within the reach fits in the writes' cap (all 18 links of a 100k-document ingest did), and
# one that does not (the first link of a large store ingested with --no-link) runs again with
# DuckDB's own limit. DuckDB fills a larger cap with the blocks the region's queries read: at 256 MB
# that ingest peaked at 780 MB, at 64 MB at 589 MB; uncapped, one link took 350 MB more.
LINK_MEMORY_MB = STORE_MEMORY_MB


class DocumentTimeout(Exception):
    """A document took longer than its time budget."""


def apply_options(doc: Document, options: Options) -> Document:
    """Fill what the user told the run (--lang, --published) into a document that lacks it."""
    if options.lang and not doc.lang:
        doc = replace(doc, lang=options.lang)
    if options.published and doc.published is None:
        doc = replace(doc, published=parse_iso(options.published))
    if len(doc.text) > options.max_chars:
        cut = Problem(doc.path or doc.id, "prepare", f"text cut to {options.max_chars} characters")
        doc = replace(doc, text=doc.text[: options.max_chars], problems=(*doc.problems, cut))
    return doc


YOUNG_GC_THRESHOLD = 20_000


@cache
def _coder(options: Options) -> Callable[[Document], Extraction]:
    # Imported here so that a process loads the language packs and actor base only when it codes.
    from communique.events.code import Coder

    # The actor base is millions of objects that live as long as the process. Built with the cycle
    # collector off (its full passes over the growing base were a third of the build), then frozen
    # out of its sight: a long run's full collections no longer walk it again and again (~10% of
    # a run's CPU). Unfrozen at exit, so the interpreter's last collection still sees everything.
    enabled = gc.isenabled()
    gc.disable()
    try:
        code = Coder.load(options).code
    finally:
        if enabled:
            gc.enable()
    gc.collect()  # what the build left as garbage is freed now, not frozen with the rest
    gc.freeze()
    # Coding a document makes tens of thousands of short-lived objects, nearly all freed by their
    # reference counts: at the default threshold (700) the young generation was scanned ~400 times
    # a 1,000 documents. 20,000 saves ~3% of a run's CPU; cycles wait a little longer to be freed.
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
    atexit.unregister(gc.unfreeze)  # registered once, however many coders a process loads
    atexit.register(gc.unfreeze)
    return code


def process(doc: Document, options: Options) -> Extraction:
    """Prepare and code one document; bad data becomes a Problem on the result, never an exception."""
    doc = prepare(apply_options(doc, options), options.languages)
    if not doc.lang or not doc.sentences:
        return Extraction(doc)
    return _coder(options)(doc)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise DocumentTimeout


def _set_async_exc(thread: int, exc: type[BaseException] | None) -> None:
    """Have `thread` raise exc at its next bytecode (None withdraws a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)


# After the deadline the budget strikes again at this interval until the document gives up: a
# strike that lands in a finaliser or a garbage-collector callback is swallowed there.
RESTRIKE = 0.05


@contextlib.contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after `seconds`, from a timer thread: signals reach only the
    main thread, and Dask runs tasks in threads of its workers."""
    me = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def strike() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(me, DocumentTimeout)
                again = threading.Timer(RESTRIKE, strike)
                again.daemon = True
                again.start()

    timer = threading.Timer(seconds, strike)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
            timer.cancel()
            if state["fired"]:  # struck but not raised yet: it must not land in whatever runs next
                _set_async_exc(me, None)


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after `seconds` (SIGALRM in the main thread, a timer elsewhere)."""
    try:
        old = signal.signal(signal.SIGALRM, _on_alarm)
    except ValueError:  # not the main thread
        with _thread_budget(seconds):
            yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds, RESTRIKE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def process_within_budget(doc: Document, options: Options) -> Extraction:
    """process(), but a document over its time budget is stored without events and a Problem."""
    _coder(options)  # loading the actor base is the process's cost, not the first document's
    doc = apply_options(doc, options)  # so that a document over budget is stored as cut, with that problem
    try:
        with _time_budget(options.doc_time_budget):
            return process(doc, options)
    except DocumentTimeout:
        problem = Problem(doc.path or doc.id, "extract",
                          f"took longer than {options.doc_time_budget:g} s; stored without events")
        return Extraction(replace(doc, sentences=()), problems=(problem,))


def batches(items: Iterable[Document | Problem], size: int) -> Iterator[tuple[list[Document], list[Problem]]]:
    """Group a stream of documents and problems into batches of up to `size` documents."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
        else:
            docs.append(item)
        if len(docs) >= size or len(problems) >= size * 4:
            yield docs, problems
            docs, problems = [], []
    if docs or problems:
        yield docs, problems


def link_within_memory(store: Store) -> None:
    """Link the pending mentions under LINK_MEMORY_MB, or DuckDB's own limit if that is too little
    (the failed try rolled back), then cap DuckDB again for the writes."""
    try:
        store.limit_memory(LINK_MEMORY_MB)
        link_pending(store)
    except duckdb.OutOfMemoryException:
        store.limit_memory(None)
        link_pending(store)
    finally:
        store.limit_memory(STORE_MEMORY_MB)


def code_batch(docs: Sequence[Document], options: Options) -> list[Extraction]:
    """Code a batch of documents, each within its time budget (what a worker process runs)."""
    return [process_within_budget(d, options) for d in docs]


@dataclass
class Tally:
    """What the batches of a run have added up to so far."""

    new: int = 0
    seen: int = 0
    events: int = 0
    problems: int = 0
    messages: list[str] = field(default_factory=list)

    def add(self, counts: WriteCounts, given: int, messages: Iterable[str]) -> None:
        """Count one stored batch of `given` documents."""
        self.new += counts.documents
        self.seen += given - counts.documents
        self.events += counts.events
        self.problems += counts.problems
        self.messages.extend(messages)


def store_batch(store: Store, docs: Sequence[Document], probs: Sequence[Problem], results: Sequence[Extraction],
                run_id: str, tally: Tally, on_batch: Callable[[int, int], None] | None,
                schedule: LinkSchedule | None = None) -> None:
    """Write one coded batch in its transaction, link when the schedule says so, and count it."""
    counts = store.write(results, probs, run_id)
    if schedule is None or schedule.after_batch(counts.documents):
        link_within_memory(store)  # the batch's mentions join the stored events (and unlinked leftovers)
    tally.add(counts, len(docs), [f"{p.source}: {p.message}" for p in probs] +
              [f"{p.source}: {p.message}" for r in results for p in (*r.document.problems, *r.problems)])
    if on_batch is not None:
        on_batch(len(docs), counts.events)


# Linking costs time in proportion to the new mentions and the stored ones within their reach
# (link.incremental.REACH_DAYS: in a dense stream, every report of the last months), so linking
# after every batch would pay for that stock again and again. While the store is young, linking
# whenever it has doubled keeps the total within twice one linking at the end, and the first
# batches are still linked as they come (after batches 1, 2, 4, 8 …); once it is large, linking
# every LINK_DOCS documents keeps each link, and so the memory it takes, the same size however
# long the run.
GROWTH = 1.0
LINK_DOCS = 10_000

LinkEvery = int | Literal["grow"] | None


@dataclass
class LinkSchedule:
    """When a run links the mentions it stores: every `every` batches, "grow" (whenever the store's
    documents have grown by GROWTH since the last linking, doubled, or by LINK_DOCS), 0 only at the
    end, None not in this run (the mentions wait for the next run or `communique link`)."""

    every: LinkEvery
    documents: int  # in the store now
    batches: int = 0
    pending: bool = False  # batches stored since the last linking

    def __post_init__(self) -> None:
        # what was stored before this run counts as linked: a run's unlinked leftovers join at its end
        self.linked_at = self.documents  # documents in the store at the last linking

    def after_batch(self, new_documents: int) -> bool:
        """Count a stored batch; whether to link now."""
        self.batches += 1
        self.documents += new_documents
        if self.every == "grow":
            grown = self.documents - self.linked_at
            due = grown > 0 and (grown >= GROWTH * self.linked_at or grown >= LINK_DOCS)
        else:
            due = self.every is not None and self.every > 0 and self.batches % self.every == 0
        if due:
            self.linked_at = self.documents
        self.pending = not due
        return due

    def at_end(self) -> bool:
        """Whether the run ends by linking what is still unlinked."""
        return self.every is not None and self.pending


@system_arrow_memory()
def ingest(items: Iterable[Document | Problem], store: Store, options: Options, command: str = "ingest",
           on_batch: Callable[[int, int], None] | None = None, link_every: LinkEvery = "grow") -> RunSummary:
    """Code a stream of documents into the store, batch by batch, skipping documents already stored.

    With workers, batches are coded in worker processes while this process writes and links the
    ones before them, in input order; at most two batches a worker are in flight, so memory stays
    flat whatever the length of the stream. Linking follows the batches as `link_every` says (see
    LinkSchedule) and ends the run; within the linker's reach the events do not depend on the cadence.
    """
    store.limit_memory(STORE_MEMORY_MB)
    run_id = store.start_run(command, __version__)
    tally = Tally()
    pool = (ProcessPoolExecutor(options.workers, mp_context=get_context("spawn"))
            if options.workers > 1 else None)
    in_flight: deque[tuple[list[Document], list[Problem], Future[list[Extraction]]]] = deque()
    schedule = LinkSchedule(link_every, store.document_count())

    def store_next(docs: list[Document], probs: list[Problem], results: list[Extraction]) -> None:
        store_batch(store, docs, probs, results, run_id, tally, on_batch, schedule)

    try:
        for docs, probs in batches(items, options.batch_size):
            known = store.known(d.id for d in docs)
            todo = [d for d in docs if d.id not in known]
            if pool is None:
                store_next(docs, probs, code_batch(todo, options))
                continue
            in_flight.append((docs, probs, pool.submit(code_batch, todo, options)))
            while len(in_flight) > 2 * options.workers:
                d, p, fut = in_flight.popleft()
                store_next(d, p, fut.result())
        while in_flight:
            d, p, fut = in_flight.popleft()
            store_next(d, p, fut.result())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    if schedule.at_end():
        link_within_memory(store)
    store.finish_run(run_id, tally.new, tally.seen, tally.events, tally.problems)
    return RunSummary(run_id, tally.new, tally.seen, tally.events, tally.problems, tuple(tally.messages))


def check_paths(paths: Sequence[Path]) -> None:
    """Raise UsageError for a path that does not exist."""
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or directory")
