"""Plain text files: encodings, newlines, and every way a text file can be bad."""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

import pytest

from communique.read import read_paths
from communique.read.files import MAX_TEXT_BYTES
from communique.records import Document, Problem, content_id

RU = "Министр иностранных дел заявил во вторник, что переговоры прошли успешно и стороны встретятся снова."


def read_one(path: Path) -> Document | Problem:
    """The single item a file yields."""
    items = list(read_paths([path]))
    assert len(items) == 1
    return items[0]


def test_a_utf8_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"The minister arrived.\r\nTalks began.\r\n")
    doc = read_one(path)
    assert doc == Document(
        id=content_id("The minister arrived.\nTalks began.\n"),
        text="The minister arrived.\nTalks began.\n",
        path=str(path),
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cp1251.txt", RU.encode("cp1251")),
        ("koi8.text", RU.encode("koi8-r")),
        ("utf16.md", codecs.BOM_UTF16_LE + RU.encode("utf-16-le")),
        ("utf16be.txt", RU.encode("utf-16-be")),
    ],
)
def test_legacy_and_utf16_encodings(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == RU
    assert doc.id == content_id(RU)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n")
    assert list(read_paths([tmp_path])) == [
        Problem(str(tmp_path / "blank.txt"), "read", "file is empty"),
        Problem(str(tmp_path / "empty.txt"), "read", "file is empty"),
    ]


def test_binary_junk_with_a_text_suffix(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(os.urandom(3000) + bytes(500))
    assert read_one(path) == Problem(str(path), "read", "binary data, not text")


def test_a_text_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (MAX_TEXT_BYTES // 5 + 1))
    assert read_one(path) == Problem(str(path), "read", "file is larger than 10.0 MB; skipped")


def test_an_unreadable_file_is_a_problem_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked, fine = tmp_path / "a-locked.txt", tmp_path / "b-fine.txt"
    locked.write_text("secret")
    fine.write_text("The minister arrived.")
    real_open = Path.open

    def guarded(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    items = list(read_paths([tmp_path]))
    assert items[0] == Problem(str(locked), "read", "cannot read file: Permission denied")
    assert isinstance(items[1], Document) and items[1].text == "The minister arrived."


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    try:
        assert read_one(path) == Problem(str(path), "read", "cannot read file: Permission denied")
    finally:
        path.chmod(0o644)
