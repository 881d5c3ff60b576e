"""What every reader shares: capped file loading, sniffing, and building a Document or a Problem."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Literal

from communique.prepare.encoding import SNIFF_BYTES, looks_binary, normalise_newlines
from communique.records import DateValue, Document, Problem, content_id

STAGE = "read"
MAX_TEXT_BYTES = 10 * 1024 * 1024  # one article larger than this is not an article
MAX_FEED_BYTES = 50 * 1024 * 1024  # a feed is parsed whole, so it is capped too

Kind = Literal["text", "html", "feed", "warc", "manifest", "arc", "gzip", "binary", "empty"]

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<meta")
_FEED_TAGS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")


def problem(source: Path | str, message: str, where: str = "") -> Problem:
    """A read-stage Problem."""
    return Problem(str(source), STAGE, message, where)


def describe(exc: BaseException) -> str:
    """An exception as a short clause for a Problem message (the first line of its text)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def size_text(n: int) -> str:
    """A byte count for messages: '12.3 MB'."""
    return f"{n / 1024 / 1024:.1f} MB"


def load(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes | Problem:
    """The bytes of a file, or the Problem that stops us reading it (unreadable, empty, too large)."""
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        return problem(path, f"cannot read file: {exc.strerror or describe(exc)}")
    if len(data) > limit:
        return problem(path, f"file is larger than {size_text(limit)}; skipped")
    if not data.strip():
        return problem(path, "file is empty")
    return data


def gunzip(data: bytes, source: Path | str, limit: int = MAX_TEXT_BYTES, where: str = "") -> bytes | Problem:
    """Gzip- or zlib-compressed bytes decompressed, at most limit bytes (a bomb is a Problem)."""
    inflater = zlib.decompressobj(wbits=47)  # 32 + 15: accept a gzip or a zlib header
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        return problem(source, f"compressed data is damaged: {exc}", where)
    if len(out) > limit:
        return problem(source, f"decompressed data is larger than {size_text(limit)}; skipped", where)
    return out


def peek_gzip(path: Path) -> bytes:
    """The first decompressed bytes of a gzip file (empty when it cannot be read)."""
    try:
        with gzip.open(path, "rb") as f:
            return f.read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return b""


def sniff(head: bytes) -> Kind:
    """What the first bytes of a file say it is."""
    if not head.strip():
        return "empty"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if looks_binary(head):
        return "binary"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()[:1024]
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        if any(tag in start for tag in _FEED_TAGS):
            return "feed"
        if b"<html" in start or b"<!doctype html" in start:
            return "html"
    if start.startswith(_HTML_STARTS) or (start.startswith(b"<!--") and b"<html" in start):
        return "html"
    if start.startswith(b"{") and b"\n{" in head and (b'"text"' in head or b'"path"' in head):
        return "manifest"
    return "text"


def make_document(
    text: str,
    source: Path | str,
    *,
    where: str = "",
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: DateValue | None = None,
    lang: str | None = None,
    problems: tuple[Problem, ...] = (),
) -> Document | Problem:
    """A Document (id from the text as read), or a Problem when there is no text to speak of."""
    text = normalise_newlines(text)
    if not text.strip():
        return problem(source, "no text", where)
    if len(text) > MAX_TEXT_BYTES:
        return problem(source, f"text is longer than {MAX_TEXT_BYTES:,} characters; skipped", where)
    return Document(
        id=content_id(text),
        text=text,
        lang=lang,
        title=title.strip() if title and title.strip() else None,
        url=url or None,
        outlet=outlet or None,
        published=published,
        path=str(source),
        problems=problems,
    )
