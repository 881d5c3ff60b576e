"""Small WARC files for the reader tests, written with warcio (the dev extra)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class Rec:
    """One record to write: a response (with an HTTP status and headers) or another WARC type."""

    url: str
    payload: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    kind: str = "response"
    date: str = "2025-03-20T10:00:00Z"
    headers: list[tuple[str, str]] = field(default_factory=list)


def page(title: str, body: str, date: str | None = None) -> bytes:
    """A small news page."""
    meta = f'<meta name="date" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def write_warc(path: Path, records: list[Rec], gzip: bool = False) -> Path:
    """Write the records to path."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for n, r in enumerate(records):
            headers = {"WARC-Date": r.date, "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"}
            if r.kind == "response":
                http = StatusAndHeaders(
                    r.status, [("Content-Type", r.content_type), *r.headers], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    r.url,
                    "response",
                    payload=io.BytesIO(r.payload),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            else:
                record = writer.create_warc_record(
                    r.url,
                    r.kind,
                    payload=io.BytesIO(r.payload),
                    warc_content_type=r.content_type,
                    warc_headers_dict=headers,
                )
            writer.write_record(record)
    return path
