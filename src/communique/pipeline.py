"""The pipeline: read -> prepare -> code -> store, streamed in batches.

Every stage is a module-level function over records, so the pipeline pickles for worker
processes and for the distributed runner. What the stages need (options, language packs,
the actor base) lives in a Context loaded once per process.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from types import FrameType

from communique import __version__
from communique.errors import UsageError
from communique.link.incremental import link_pending
from communique.options import Options
from communique.prepare import prepare
from communique.records import Document, Extraction, Problem
from communique.store.duckdb import Store
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


@cache
def _coder(options: Options) -> Callable[[Document], Extraction]:
    # Imported here so that a process loads the language packs and actor base only when it codes.
    from communique.events.code import Coder

    return Coder.load(options).code


def process(doc: Document, options: Options) -> Extraction:
    """Prepare and code one document; bad data becomes a Problem on the result, never an exception."""
    doc = prepare(apply_options(doc, options), options.languages)
    if not doc.lang or not doc.sentences:
        return Extraction(doc)
    return _coder(options)(doc)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise DocumentTimeout


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this (main) thread after `seconds`; a no-op off the main thread."""
    try:
        old = signal.signal(signal.SIGALRM, _on_alarm)
    except ValueError:  # not the main thread: no budget can be enforced here
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def process_within_budget(doc: Document, options: Options) -> Extraction:
    """process(), but a document over its time budget is stored without events and a Problem."""
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


def _worker_process(doc: Document, options: Options) -> Extraction:
    return process_within_budget(doc, options)


def _star(args: tuple[Document, Options]) -> Extraction:
    return _worker_process(*args)


def ingest(items: Iterable[Document | Problem], store: Store, options: Options, command: str = "ingest",
           on_batch: Callable[[int, int], None] | None = None) -> RunSummary:
    """Code a stream of documents into the store, batch by batch, skipping documents already stored."""
    run_id = store.start_run(command, __version__)
    new = seen = events = problems = 0
    messages: list[str] = []
    pool = get_context("spawn").Pool(options.workers) if options.workers > 1 else None
    try:
        for docs, probs in batches(items, options.batch_size):
            known = store.known(d.id for d in docs)
            todo = [d for d in docs if d.id not in known]
            if pool is not None:
                results = pool.map(_star, [(d, options) for d in todo], chunksize=max(1, len(todo) // 8))
            else:
                results = [process_within_budget(d, options) for d in todo]
            counts = store.write(results, probs, run_id)
            link_pending(store)  # the batch's mentions join the stored events (and unlinked leftovers)
            new += counts.documents
            seen += len(docs) - counts.documents
            events += counts.events
            problems += counts.problems
            messages.extend(f"{p.source}: {p.message}" for p in probs)
            messages.extend(f"{p.source}: {p.message}" for r in results for p in (*r.document.problems, *r.problems))
            if on_batch is not None:
                on_batch(len(docs), counts.events)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    store.finish_run(run_id, new, seen, events, problems)
    return RunSummary(run_id, new, seen, events, problems, tuple(messages))


def check_paths(paths: Sequence[Path]) -> None:
    """Raise UsageError for a path that does not exist."""
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or directory")
