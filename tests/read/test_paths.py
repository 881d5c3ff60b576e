"""read_paths: files and folders, dispatch by suffix, sniffing of anything else, usage errors."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.read import read_paths
from communique.records import Document, Problem

from .test_feeds import RSS
from .warcs import Rec, page, write_warc

ARTICLE = (
    "The minister arrived in Riga on Monday for two days of talks about border security. They went well."
)
HTML = (
    "<!DOCTYPE html><html><head><title>Riga</title></head>"
    f"<body><article><p>{ARTICLE}</p></article></body></html>"
)


def summary(items: list[Document | Problem], root: Path) -> list[tuple[str, str]]:
    """(file name relative to root, title or text start / problem message) for each item."""
    out = []
    for item in items:
        if isinstance(item, Document):
            assert item.path is not None
            out.append((os.path.relpath(item.path, root), item.title or item.text[:20]))
        else:
            out.append((os.path.relpath(item.source, root), "PROBLEM " + item.message))
    return out


def test_a_missing_path_is_a_usage_error_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text here.")
    with pytest.raises(UsageError) as raised:
        read_paths([tmp_path / "a.txt", tmp_path / "nope"])
    assert str(raised.value) == f"no such file or folder: {tmp_path / 'nope'}"


def test_folders_are_recursed_in_sorted_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed text.")
    (tmp_path / "b" / "a.txt").write_text("Ay text.")
    (tmp_path / "a.txt").write_text("Top text.")
    (tmp_path / ".hidden.txt").write_text("Hidden text.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Git text.")
    assert summary(list(read_paths([tmp_path])), tmp_path) == [
        ("a.txt", "Top text."),
        ("b/a.txt", "Ay text."),
        ("b/z.txt", "Zed text."),
    ]


def test_a_symlinked_folder_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Only once.")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert summary(list(read_paths([tmp_path])), tmp_path) == [("d/a.txt", "Only once.")]


def test_unknown_suffixes_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a-page.dat").write_text(HTML)
    (tmp_path / "b-feed.dat").write_text(RSS)
    write_warc(tmp_path / "c-crawl.bin", [Rec("https://x.example/", page("Crawled", ARTICLE))])
    write_warc(tmp_path / "d-crawl-gz", [Rec("https://x.example/", page("Crawled gz", ARTICLE))], gzip=True)
    (tmp_path / "e-notes.gz").write_bytes(gzip.compress(b"Zipped plain notes about the talks."))
    (tmp_path / "f-page.html.gz").write_bytes(gzip.compress(HTML.encode()))
    (tmp_path / "g-log").write_text("Plain text without a suffix.")
    (tmp_path / "h-image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (tmp_path / "i-empty.dat").write_bytes(b"")
    (tmp_path / "j-old.arc").write_bytes(b"filedesc://old.arc 0.0.0.0 20050101000000 text/plain 76\n")
    (tmp_path / "k-archive.gz").write_bytes(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(300)))
    assert summary(list(read_paths([tmp_path])), tmp_path) == [
        ("a-page.dat", "Riga"),
        ("b-feed.dat", "Talks in Riga"),
        ("b-feed.dat", "Plain summary"),
        ("b-feed.dat", "PROBLEM feed entry has no text"),
        ("c-crawl.bin", "Crawled"),
        ("d-crawl-gz", "Crawled gz"),
        ("e-notes.gz", "Zipped plain notes a"),
        ("f-page.html.gz", "Riga"),
        ("g-log", "Plain text without a"),
        ("h-image.png", "PROBLEM binary file, not text"),
        ("i-empty.dat", "PROBLEM file is empty"),
        ("j-old.arc", "PROBLEM ARC files are not supported; convert them to WARC (e.g. with warcio)"),
        ("k-archive.gz", "PROBLEM compressed binary file; only WARC, HTML and text are read compressed"),
    ]


def test_bad_files_never_stop_the_stream(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(os.urandom(2000) + bytes(100))
    (tmp_path / "2.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    (tmp_path / "3.rss").write_text("<rss><channel><item><title>cut")
    (tmp_path / "4.warc").write_bytes(b"WARC/1.1\r\ngarbage")
    (tmp_path / "5.jsonl").write_text("{bad\n")
    (tmp_path / "6.txt").write_text("The good one.")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Problem"] * (len(items) - 1) + ["Document"]
    assert {os.path.basename(i.source) for i in items if isinstance(i, Problem)} == {
        "1.txt",
        "2.html",
        "3.rss",
        "4.warc",
        "5.jsonl",
    }


def test_files_and_folders_mixed_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("In the folder.")
    (tmp_path / "y.md").write_text("# Given first")
    assert summary(list(read_paths([tmp_path / "y.md", tmp_path / "d"])), tmp_path) == [
        ("y.md", "# Given first"),
        ("d/x.txt", "In the folder."),
    ]


def test_reading_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First.")
    stream = read_paths([tmp_path])
    (tmp_path / "b.txt").write_text("Written after the call, before iterating.")
    assert len(list(stream)) == 2
