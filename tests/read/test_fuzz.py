"""Any bytes under any name: the readers yield Documents and Problems, and never raise."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.read import read_paths
from communique.records import Document, Problem

SUFFIXES = [
    ".txt",
    ".md",
    ".html",
    ".rss",
    ".atom",
    ".xml",
    ".warc",
    ".warc.gz",
    ".jsonl",
    ".jsonl.gz",
    ".dat",
    "",
]

# Bytes that look a little like each format, so that the parsers get past their first check.
PREFIXES = [
    b"",
    b"<html><body><p>",
    b"<?xml version='1.0'?><rss><channel><item><description>",
    b"WARC/1.1\r\n",
    b'{"text": "',
    b"\x1f\x8b\x08\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUFFIXES), st.sampled_from(PREFIXES), st.binary(max_size=600), st.booleans())
def test_readers_never_raise(suffix: str, prefix: bytes, body: bytes, zipped: bool) -> None:
    data = prefix + body
    if zipped and suffix.endswith(".gz"):
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in read_paths([path]):
            assert isinstance(item, (Document, Problem))
            if isinstance(item, Document):
                assert item.text.strip()
            else:
                assert item.stage == "read" and item.message and "\n" not in item.message
