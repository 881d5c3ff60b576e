"""Plain text files (.txt, .text, .md): decoded from whatever encoding they are in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from communique.prepare.encoding import decode, looks_binary
from communique.read.files import load, make_document, problem
from communique.records import Document, Problem


def text_document(data: bytes, source: Path | str, where: str = "") -> Document | Problem:
    """A Document from the bytes of a text, or a Problem when they are not text."""
    if looks_binary(data):
        return problem(source, "binary data, not text", where)
    return make_document(decode(data), source, where=where)


def read_text(path: Path) -> Iterator[Document | Problem]:
    """The one document of a plain text file."""
    data = load(path)
    yield data if isinstance(data, Problem) else text_document(data, path)
