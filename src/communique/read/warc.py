"""WARC files (.warc, .warc.gz): each HTTP response with an HTML or text payload is a document.

Records stream one at a time (fastwarc 2.x). Payloads are read raw and decoded here, record
by record: fastwarc's own decoding aborts the whole file on one bad gzip body. A damaged
archive yields the documents before the damage, then a Problem saying where it is.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from communique.prepare.encoding import decode
from communique.read.files import MAX_TEXT_BYTES, describe, gunzip, make_document, problem, size_text, sniff
from communique.read.html import html_document
from communique.records import DateValue, Document, Problem
from communique.when.iso import day

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+xhtml")
_TEXT_TYPES = ("text/plain",)


def _mime(value: str | None) -> str:
    """The bare media type of a Content-Type header."""
    return (value or "").split(";", 1)[0].strip().lower()


def _decoded(payload: bytes, headers: Any, source: Path, where: str) -> bytes | Problem:
    """The payload without its HTTP transfer and content encodings."""
    from fastwarc.stream_io import BrotliReader, ChunkedReader

    transfer = (headers.get("Transfer-Encoding") or "").lower()
    encoding = (headers.get("Content-Encoding") or "").lower().strip()
    try:
        if "chunked" in transfer:
            payload = ChunkedReader(io.BytesIO(payload)).read(MAX_TEXT_BYTES + 1)
        if encoding in ("gzip", "x-gzip", "deflate"):
            return gunzip(payload, source, where=where)
        if encoding == "br":
            payload = BrotliReader(io.BytesIO(payload)).read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        return problem(source, f"cannot decode the HTTP payload: {describe(exc)}", where)
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate", "br"):
        return problem(source, f"unsupported content encoding {encoding!r}", where)
    return payload


def _record_date(record: Any) -> DateValue | None:
    """The capture date of a record, a fallback for the publication date."""
    raw = record.headers.get("WARC-Date")
    try:
        moment = record.record_date
    except (ValueError, OSError):
        return None
    return day(moment.date(), raw or moment.isoformat()) if moment is not None else None


def _document(record: Any, path: Path, where: str) -> Document | Problem | None:
    """The document of one record; None for a record that is not a page (an image, a redirect)."""
    from fastwarc.warc import WarcRecordType

    url = record.headers.get("WARC-Target-URI")
    if record.record_type == WarcRecordType.response:
        if not record.is_http:
            return problem(path, "response record without an HTTP message (damaged?)", where)
        status = record.http_headers.status_code
        if status is None or not 200 <= status < 300:
            return None
        headers, mime = record.http_headers, _mime(record.http_content_type)
    else:
        headers, mime = {}, _mime(record.headers.get("Content-Type"))
    if mime and mime not in _HTML_TYPES and mime not in _TEXT_TYPES:
        return None
    expected = record.content_length
    if expected > MAX_TEXT_BYTES:
        return problem(path, f"payload of {size_text(expected)} is too large; skipped", where)
    raw = record.reader.read(expected)
    if len(raw) < expected:
        return problem(path, f"record is truncated ({len(raw)} of {expected} bytes)", where)
    payload = _decoded(raw, headers, path, where)
    if isinstance(payload, Problem):
        return payload
    kind = sniff(payload[:8192]) if not mime else ("html" if mime in _HTML_TYPES else "text")
    if kind == "html":
        return html_document(payload, path, url=url, fallback_date=_record_date(record), where=where)
    if kind != "text":
        return problem(path, f"payload is not HTML or text ({kind})", where)
    return make_document(decode(payload), path, where=where, url=url, published=_record_date(record))


def read_warc(path: Path) -> Iterator[Document | Problem]:
    """The documents of a WARC file, one record at a time; damage ends it with a Problem."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.response | WarcRecordType.resource
    try:
        f = path.open("rb")
    except OSError as exc:
        yield problem(path, f"cannot read file: {exc.strerror or describe(exc)}")
        return
    with f:
        # A file object, not the path: given a string fastwarc may hand it to fsspec.
        records = iter(ArchiveIterator(f, parse_http=True, auto_decode="none"))
        n = 0
        while True:
            n += 1
            where = f"record {n}"
            try:
                record = next(records)
            except StopIteration:
                break
            except OSError as exc:
                yield problem(path, f"damaged WARC, reading stopped: {describe(exc)}", where)
                return
            if not record.record_type & wanted:
                continue
            try:
                doc = _document(record, path, where)
            except OSError as exc:
                doc = problem(path, f"cannot read the record: {describe(exc)}", where)
            if doc is not None:
                yield doc
        if n == 1:
            yield problem(path, "no WARC records found")
