"""Manifests: one JSON object per line; every bad line is a Problem and the next line is read."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from communique.read import jsonl, read_paths
from communique.records import Document, Problem, content_id
from communique.when.iso import day, month

from .warcs import Rec, page, write_warc

TEXT = "The minister arrived in Riga on Monday.\nTalks began at noon."


def line(**fields: object) -> str:
    """One manifest line."""
    return json.dumps(fields, ensure_ascii=False)


def test_text_and_path_entries_with_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Page title</title></head><body><article><p>Japan imposed sanctions on three "
        "shipping companies on Friday, officials said.</p></article></body></html>",
        encoding="utf-8",
    )
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        "\n".join(
            [
                line(
                    path="texts/a.txt",
                    id="a",
                    title="Riga",
                    published="2025-03-10",
                    lang="en-GB",
                    outlet="Wire",
                    url="https://wire.example/riga",
                ),
                line(text="Die Gespräche begannen am Dienstag.", published="2025-03", lang="DE"),
                line(path="page.html", title="Manifest title"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    items = list(read_paths([manifest]))
    assert items[0] == Document(
        id=content_id(TEXT),
        text=TEXT,
        lang="en",
        title="Riga",
        url="https://wire.example/riga",
        outlet="Wire",
        published=day(date(2025, 3, 10), "2025-03-10"),
        path=str(tmp_path / "texts" / "a.txt"),
    )
    assert items[1] == Document(
        id=content_id("Die Gespräche begannen am Dienstag."),
        text="Die Gespräche begannen am Dienstag.",
        lang="de",
        published=month(2025, 3, "2025-03"),
        path=str(manifest),
    )
    assert isinstance(items[2], Document)
    assert items[2].title == "Manifest title"  # the manifest wins over the page
    assert items[2].text == "Japan imposed sanctions on three shipping companies on Friday, officials said."
    assert len(items) == 3


def test_bad_lines_are_problems_and_reading_goes_on(tmp_path: Path) -> None:
    write_warc(
        tmp_path / "crawl.warc", [Rec("https://x.example/", page("T", "Some words here. More of them."))]
    )
    manifest = tmp_path / "m.ndjson"
    manifest.write_bytes(
        b"\n".join(
            [
                line(text="First good text.").encode(),  # line 1
                b"{not json",  # 2
                b"[1, 2, 3]",  # 3
                line(title="no text").encode(),  # 4
                line(path="missing.txt").encode(),  # 5
                b"",  # 6: blank lines are skipped
                line(text=42).encode(),  # 7
                b'{"text": "caf\xe9"}',  # 8: Latin-1, not UTF-8
                line(path="crawl.warc").encode(),  # 9
                line(text="   ").encode(),  # 10
                line(
                    text="Second good text.", published="last Tuesday", lang="english!", title=5
                ).encode(),  # 11
            ]
        )
    )
    items = list(read_paths([manifest]))
    m = str(manifest)
    assert items[0] == Document(id=content_id("First good text."), text="First good text.", path=m)
    assert items[1:9] == [
        Problem(
            m,
            "read",
            "line is not JSON: Expecting property name enclosed in double quotes at column 2",
            "line 2",
        ),
        Problem(m, "read", "line is a JSON list, not an object", "line 3"),
        Problem(m, "read", "needs a 'text' or a 'path' field", "line 4"),
        Problem(m, "read", "missing.txt: no such file", "line 5"),
        Problem(m, "read", "'text' must be a string", "line 7"),
        Problem(m, "read", "line is not UTF-8 (byte 14)", "line 8"),
        Problem(m, "read", "crawl.warc: a manifest entry must be a text or HTML file, not warc", "line 9"),
        Problem(m, "read", "no text", "line 10"),
    ]
    last = items[9]
    assert isinstance(last, Document)
    assert (last.text, last.published, last.lang, last.title) == ("Second good text.", None, None, None)
    assert last.problems == (
        Problem(m, "read", "'title' must be a non-empty string; ignored", "line 11"),
        Problem(
            m, "read", "'published' 'last Tuesday' is not YYYY-MM-DD, YYYY-MM or YYYY; ignored", "line 11"
        ),
        Problem(m, "read", "'lang' 'english!' is not a language code; ignored", "line 11"),
    )
    assert len(items) == 10


def test_a_gzipped_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl.gz"
    manifest.write_bytes(gzip.compress((line(text="Zipped text.") + "\n").encode()))
    [doc] = read_paths([manifest])
    assert isinstance(doc, Document) and doc.text == "Zipped text."


def test_an_empty_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n\n")
    assert list(read_paths([manifest])) == [Problem(str(manifest), "read", "manifest is empty")]


def test_an_overlong_line_is_skipped_without_holding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "MAX_TEXT_BYTES", 100)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(line(text="x " * 200) + "\n" + line(text="Short one.") + "\n")
    items = list(read_paths([manifest]))
    assert items[0] == Problem(str(manifest), "read", "line is longer than 100 bytes; skipped", "line 1")
    assert isinstance(items[1], Document) and items[1].text == "Short one."


def test_a_damaged_gzipped_manifest_stops_with_a_problem(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(line(text=f"Text number {i}.") for i in range(2000)) + "\n").encode())
    manifest = tmp_path / "m.jsonl.gz"
    manifest.write_bytes(data[: len(data) // 2])
    items = list(read_paths([manifest]))
    assert all(isinstance(i, Document) for i in items[:-1])
    assert len(items) > 1
    last = items[-1]
    assert isinstance(last, Problem)
    assert last.message.startswith("cannot read further: ")
