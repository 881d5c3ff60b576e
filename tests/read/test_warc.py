"""WARC files: HTML and text responses become documents; damage yields what came before and a Problem."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from communique.read import read_paths
from communique.records import Document, Problem
from communique.when.iso import day

from .warcs import Rec, page, write_warc

BODY_A = "The minister arrived in Riga on Monday for talks about border security.\nThey lasted three hours."
BODY_B = "Japan imposed sanctions on three shipping companies on Friday.\nThe measures freeze their assets."
BODY_C = "Moldova asked the OSCE to send experts to the depot.\nThe embassy said it would pass it on."


def records() -> list[Rec]:
    """A small crawl: two pages, an image, a redirect, a request and a plain-text resource."""
    return [
        Rec("https://a.example/riga", page("Riga talks", BODY_A, date="2025-03-10")),
        Rec("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        Rec("https://a.example/old", b"", status="301 Moved Permanently", content_type="text/html"),
        Rec(
            "https://a.example/riga",
            b"GET /riga HTTP/1.1\r\n\r\n",
            kind="request",
            content_type="application/http",
        ),
        Rec("https://b.example/tokyo", page("Tokyo sanctions", BODY_B), date="2025-03-21T12:00:00Z"),
        Rec("https://c.example/note.txt", BODY_C.encode(), kind="resource", content_type="text/plain"),
    ]


def docs_of(items: list[Document | Problem]) -> list[tuple[str | None, str, str | None]]:
    """(url, text, published) of the documents among the items."""
    return [
        (d.url, d.text, d.published.iso() if d.published else None) for d in items if isinstance(d, Document)
    ]


EXPECTED = [
    ("https://a.example/riga", "Riga talks\n" + BODY_A, "2025-03-10"),
    ("https://b.example/tokyo", "Tokyo sanctions\n" + BODY_B, "2025-03-21"),  # the capture date
    ("https://c.example/note.txt", BODY_C, "2025-03-20"),
]


@pytest.mark.parametrize("compressed", [False, True])
def test_pages_and_texts_of_a_crawl(tmp_path: Path, compressed: bool) -> None:
    path = write_warc(
        tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), records(), gzip=compressed
    )
    items = list(read_paths([path]))
    assert all(isinstance(i, Document) for i in items)
    assert docs_of(items) == EXPECTED
    assert {d.path for d in items if isinstance(d, Document)} == {str(path)}
    tokyo = items[1]
    assert isinstance(tokyo, Document)
    assert tokyo.published == day(date(2025, 3, 21), "2025-03-21T12:00:00Z")
    assert tokyo.title == "Tokyo sanctions"


def test_a_gzip_encoded_payload_is_decoded_and_a_bad_one_is_a_problem(tmp_path: Path) -> None:
    good = gzip.compress(page("Riga talks", BODY_A))
    path = write_warc(
        tmp_path / "enc.warc",
        [
            Rec("https://a.example/gz", good, headers=[("Content-Encoding", "gzip")]),
            Rec("https://a.example/bad", b"not gzip at all" * 5, headers=[("Content-Encoding", "gzip")]),
            Rec("https://b.example/tokyo", page("Tokyo sanctions", BODY_B), date="2025-03-21T12:00:00Z"),
        ],
    )
    items = list(read_paths([path]))
    assert docs_of([items[0]]) == [("https://a.example/gz", "Riga talks\n" + BODY_A, "2025-03-20")]
    assert isinstance(items[1], Problem)
    assert items[1].where == "record 2"
    assert items[1].message.startswith("compressed data is damaged: ")
    assert docs_of([items[2]]) == [EXPECTED[1]]


def test_a_truncated_warc_gives_the_records_before_the_cut(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc", records()).read_bytes()
    cut_at = full.index(b"WARC-Target-URI: https://b.example/tokyo") + 300  # inside the Tokyo page
    path = tmp_path / "cut.warc"
    path.write_bytes(full[:cut_at])
    items = list(read_paths([path]))
    assert docs_of(items) == EXPECTED[:1]
    problem = items[-1]
    assert isinstance(problem, Problem)
    assert problem.where == "record 5"
    assert problem.message.startswith("record is truncated (")


def test_a_truncated_gzipped_warc(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc.gz", records(), gzip=True).read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(full[: len(full) - 200])  # inside the last record's gzip member
    items = list(read_paths([path]))
    assert docs_of(items) == EXPECTED[:2]
    assert items[-1] == Problem(
        str(path), "read", "a cut-off or damaged record follows (file truncated?)", "after record 5"
    )


def test_garbage_after_a_gzipped_warc(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc.gz", records(), gzip=True).read_bytes()
    path = tmp_path / "tail.warc.gz"
    path.write_bytes(full + b"garbage" * 30)
    items = list(read_paths([path]))
    assert docs_of(items) == EXPECTED
    assert isinstance(items[-1], Problem)
    assert items[-1].message.startswith("damaged WARC, reading stopped: ")


def test_garbage_after_good_records(tmp_path: Path) -> None:
    good = write_warc(tmp_path / "good.warc", records()[:2]).read_bytes()
    path = tmp_path / "tail.warc"
    path.write_bytes(good + b"this is not a warc record\r\n" * 20)
    items = list(read_paths([path]))
    assert docs_of(items) == EXPECTED[:1]
    assert items[-1] == Problem(
        str(path), "read", "damaged WARC, reading stopped: OSError: Invalid WARC header", "record 3"
    )


def test_a_file_that_is_no_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"just some words, no archive here\n" * 10)
    assert list(read_paths([path])) == [
        Problem(str(path), "read", "damaged WARC, reading stopped: OSError: Invalid WARC header", "record 1")
    ]


def test_an_empty_warc(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    assert list(read_paths([path])) == [Problem(str(path), "read", "no WARC records found")]


def test_a_response_without_text_is_a_problem(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "nav.warc", [Rec("https://x.example/", b"<html><body><nav>Home</nav></body></html>")]
    )
    assert list(read_paths([path])) == [
        Problem(str(path), "read", "no article text found in the HTML", "record 1")
    ]


def test_a_crawl_of_no_pages_says_so(tmp_path: Path) -> None:
    """An archive of redirects, images and requests reads as no document; a problem says why."""
    path = write_warc(tmp_path / "assets.warc", [r for r in records() if "logo" in r.url or "old" in r.url])
    assert list(read_paths([path])) == [
        Problem(str(path), "read", "no HTML or text pages among 2 WARC records")
    ]


def test_a_response_cut_inside_its_status_line(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc", records()[:1]).read_bytes()
    cut = whole.index(b"HTTP/1.") + len(b"HTTP/1.")
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[:cut])
    items = list(read_paths([path]))
    assert [type(i) for i in items] == [Problem] and items[0].message  # never silence
