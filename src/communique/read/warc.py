"""WARC files (.warc, .warc.gz): each HTTP response with an HTML or text payload is a document.

Records stream one at a time (fastwarc 2.x). Payloads are read raw and decoded here, record
by record: fastwarc's own decoding aborts the whole file on one bad gzip body. A damaged
archive yields the documents before the damage, then a Problem saying where it is.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from communique.prepare.encoding import decode
from communique.read.files import MAX_TEXT_BYTES, describe, gunzip, make_document, problem, size_text, sniff
from communique.read.html import html_document
from communique.records import DateValue, Document, Problem
from communique.when.iso import day

_HEADER_LIMIT = 1 << 16  # WARC headers are far shorter
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
        if status is None:
            return problem(path, "response record with a damaged HTTP status line", where)
        if not 200 <= status < 300:
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


def _tail_damage(f: BinaryIO, last_pos: int) -> str | None:
    """What is wrong after the last record fastwarc returned, or None when the file ends there.

    fastwarc ends quietly at a gzip member cut short, so the last record's member is checked
    here: it must decompress to its end, and nothing but padding may follow it.
    """
    f.seek(0)
    compressed = f.read(2) == b"\x1f\x8b"
    f.seek(last_pos)
    if not compressed:
        head = f.read(_HEADER_LIMIT)
        end = head.find(b"\r\n\r\n")
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head[:end]) if end >= 0 else None
        if length is None:
            return None
        f.seek(last_pos + end + 4 + int(length.group(1)))
        rest = f.read(_HEADER_LIMIT)
        return "unreadable data after the last record" if rest.strip(b"\r\n\x00") else None
    inflater = zlib.decompressobj(wbits=31)
    read = 0
    while not inflater.eof:
        chunk = f.read(1 << 16)
        read += len(chunk)
        if not chunk:
            return "the last record is cut off (file truncated?)"
        if read > MAX_TEXT_BYTES * 10:
            return None  # a huge member: not worth decompressing a second time
        try:
            inflater.decompress(chunk, 1 << 20)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 1 << 20)
        except zlib.error:
            return "the last gzip member is damaged"
    rest = inflater.unused_data + f.read(_HEADER_LIMIT)
    if rest.startswith(b"\x1f\x8b"):
        return "a cut-off or damaged record follows (file truncated?)"
    return "unreadable data after the last record" if rest.strip(b"\r\n\x00") else None


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
        n, last_n, last_pos, truncated, given = 0, 0, -1, False, 0
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
            if record.headers.get("WARC-Type") is None:
                continue  # what fastwarc makes of a cut-off gzip member: the tail check reports it
            last_n, last_pos = n, record.stream_pos
            if not record.record_type & wanted:
                continue
            try:
                doc = _document(record, path, where)
            except OSError as exc:
                doc = problem(path, f"cannot read the record: {describe(exc)}", where)
            truncated = isinstance(doc, Problem) and doc.message.startswith("record is truncated")
            if doc is not None:
                given += 1
                yield doc
        if last_n == 0:
            yield problem(path, "no WARC records found")
            return
        damage = None if truncated else _tail_damage(f, last_pos)
        if damage is not None:
            yield problem(path, damage, f"after record {last_n}")
        elif not given:  # only redirects, images, requests: say so, or the file leaves no trace
            yield problem(path, f"no HTML or text pages among {last_n} WARC records")
