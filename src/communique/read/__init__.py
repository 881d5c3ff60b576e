"""The readers: files and folders in, Documents (and Problems for what cannot be read) out.

Dispatch is by suffix; a file with any other suffix is sniffed. Nothing here touches the
network, nothing guesses a language, and no input stops the stream: a bad file or record is
a Problem and reading goes on with the next one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from communique.errors import UsageError
from communique.prepare.encoding import SNIFF_BYTES
from communique.read.feeds import read_feed
from communique.read.files import MAX_TEXT_BYTES, describe, gunzip, peek_gzip, problem, sniff
from communique.read.html import html_document, read_html
from communique.read.jsonl import HTML_SUFFIXES, TEXT_SUFFIXES, read_manifest
from communique.read.text import read_text, text_document
from communique.read.warc import read_warc
from communique.records import Document, Problem

__all__ = ["read_path", "read_paths"]

Reader = Callable[[Path], Iterator[Document | Problem]]

MANIFEST_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


def _suffix_reader(path: Path) -> Reader | None:
    """The reader a file's name asks for, or None when the content must be sniffed."""
    name = path.name.lower()
    for suffixes, reader in (
        (WARC_SUFFIXES, read_warc),
        (MANIFEST_SUFFIXES, read_manifest),
        (TEXT_SUFFIXES, read_text),
        (HTML_SUFFIXES, read_html),
        (FEED_SUFFIXES, read_feed),
    ):
        if name.endswith(suffixes):
            return reader
    return None


def _read_gzip(path: Path) -> Iterator[Document | Problem]:
    """A gzipped file that is not a WARC: decompressed (capped) and read as HTML or text."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_TEXT_BYTES else b""
    except OSError as exc:
        yield problem(path, f"cannot read file: {exc.strerror or describe(exc)}")
        return
    if not raw:
        yield problem(path, "compressed file is larger than the text limit; skipped")
        return
    data = gunzip(raw, path)
    if isinstance(data, Problem):
        yield data
        return
    kind = sniff(data[:SNIFF_BYTES])
    if kind == "html":
        yield html_document(data, path)
    elif kind == "text":
        yield text_document(data, path)
    else:
        yield problem(path, f"compressed {kind} file; only WARC, HTML and text are read compressed")


def _read_sniffed(path: Path) -> Iterator[Document | Problem]:
    """A file whose name says nothing: read by what its first bytes say it is."""
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as exc:
        yield problem(path, f"cannot read file: {exc.strerror or describe(exc)}")
        return
    kind = sniff(head)
    if kind == "gzip":
        inner = peek_gzip(path)
        if inner.startswith(b"WARC/"):
            yield from read_warc(path)
        else:
            yield from _read_gzip(path)
        return
    readers: dict[str, Reader] = {
        "warc": read_warc,
        "html": read_html,
        "feed": read_feed,
        "manifest": read_manifest,
        "text": read_text,
    }
    if kind in readers:
        yield from readers[kind](path)
    elif kind == "empty":
        yield problem(path, "file is empty")
    elif kind == "arc":
        yield problem(path, "ARC files are not supported; convert them to WARC (e.g. with warcio)")
    else:
        yield problem(path, "binary file, not text")


def read_path(path: Path) -> Iterator[Document | Problem]:
    """The documents of one file, by its suffix or, failing that, by its content."""
    reader = _suffix_reader(path)
    if reader is None:
        yield from _read_sniffed(path)
    else:
        yield from reader(path)


def _files(folder: Path, seen: set[Path]) -> Iterator[Path | Problem]:
    """The files under a folder in sorted order, hidden ones skipped, each folder visited once."""
    try:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield problem(folder, f"cannot list folder: {exc.strerror or describe(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _files(child, seen)
        else:
            yield child


def _read(paths: Sequence[Path]) -> Iterator[Document | Problem]:
    """Every document under the paths, in order."""
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for item in _files(path, seen):
                if isinstance(item, Problem):
                    yield item
                else:
                    yield from read_path(item)
        else:
            yield from read_path(path)


def read_paths(paths: Sequence[Path]) -> Iterator[Document | Problem]:
    """Documents and Problems from files and folders (folders recursed in sorted order).

    A path that does not exist is a usage error, raised before anything is read.
    """
    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    return _read(paths)
