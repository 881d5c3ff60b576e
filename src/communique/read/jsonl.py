"""Manifests (.jsonl, .ndjson, optionally gzipped): one JSON object per line, one document each.

A line gives the text itself (`text`) or a file (`path`, relative to the manifest's folder),
with optional `id`, `url`, `title`, `published` (YYYY-MM-DD, YYYY-MM or YYYY), `lang` and
`outlet`; what the manifest says wins over what is read from the file. The manifest is
read line by line, so its size does not matter.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from communique.read.files import MAX_TEXT_BYTES, describe, load, make_document, problem, sniff
from communique.read.html import html_document
from communique.read.text import text_document
from communique.records import Document, Problem
from communique.when.iso import parse_iso

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")
_FIELDS = ("title", "url", "outlet")


def _lines(f: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None for a line longer than the text cap (skipped)."""
    n = 0
    while True:
        line = f.readline(MAX_TEXT_BYTES + 1)
        if not line:
            return
        n += 1
        if len(line) > MAX_TEXT_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the line without holding it
                rest = f.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
        else:
            yield n, line


def file_document(file: Path, where: str = "") -> Document | Problem:
    """The one document of a text or HTML file named by a manifest."""
    data = load(file)
    if isinstance(data, Problem):
        return data
    suffix = file.suffix.lower()
    kind = "text" if suffix in TEXT_SUFFIXES else "html" if suffix in HTML_SUFFIXES else sniff(data[:8192])
    if kind == "html":
        return html_document(data, file, where=where)
    if kind == "text":
        return text_document(data, file, where=where)
    return problem(file, f"a manifest entry must be a text or HTML file, not {kind}", where)


def _entry(obj: dict[str, Any], manifest: Path, where: str) -> Document | Problem:
    """The document one manifest object describes, with the manifest's metadata applied."""
    text, name = obj.get("text"), obj.get("path")
    if text is not None:
        if not isinstance(text, str):
            return problem(manifest, "'text' must be a string", where)
        doc = make_document(text, manifest, where=where)
    elif name is not None:
        if not isinstance(name, str) or not name.strip():
            return problem(manifest, "'path' must be a non-empty string", where)
        file = manifest.parent / name
        if not file.is_file():
            return problem(manifest, f"{name}: no such file", where)
        doc = file_document(file)
        if isinstance(doc, Problem):
            return problem(manifest, f"{name}: {doc.message}", where)
    else:
        return problem(manifest, "needs a 'text' or a 'path' field", where)
    if isinstance(doc, Problem):
        return doc
    notes: list[Problem] = []
    changes: dict[str, Any] = {}
    for field in _FIELDS:
        value = obj.get(field)
        if isinstance(value, str) and value.strip():
            changes[field] = value.strip()
        elif value is not None:
            notes.append(problem(manifest, f"'{field}' must be a non-empty string; ignored", where))
    published = obj.get("published")
    if published is not None:
        date = parse_iso(published) if isinstance(published, str) else None
        if date is None:
            message = f"'published' {published!r} is not YYYY-MM-DD, YYYY-MM or YYYY; ignored"
            notes.append(problem(manifest, message, where))
        else:
            changes["published"] = date
    lang = obj.get("lang")
    if lang is not None:
        m = _LANG.match(lang.strip().lower()) if isinstance(lang, str) else None
        if m is None:
            notes.append(problem(manifest, f"'lang' {lang!r} is not a language code; ignored", where))
        else:
            changes["lang"] = m.group(1)
    return dataclasses.replace(doc, problems=doc.problems + tuple(notes), **changes)


def _object(line: bytes, manifest: Path, where: str, first: bool) -> dict[str, Any] | Problem:
    """The JSON object of one line, or the Problem with it."""
    try:
        raw = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return problem(manifest, f"line is not UTF-8 (byte {exc.start + 1})", where)
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return problem(manifest, f"line is not JSON: {exc.msg} at column {exc.colno}", where)
    except RecursionError:
        return problem(manifest, "line is JSON nested too deeply", where)
    if not isinstance(obj, dict):
        return problem(manifest, f"line is a JSON {type(obj).__name__}, not an object", where)
    return obj


def _open(path: Path) -> IO[bytes]:
    """The manifest as a binary stream, decompressed when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]  # GzipFile is a binary IO
    return path.open("rb")


def read_manifest(path: Path) -> Iterator[Document | Problem]:
    """The documents a manifest lists, line by line; a bad line is a Problem and reading goes on."""
    try:
        f = _open(path)
    except OSError as exc:
        yield problem(path, f"cannot read file: {exc.strerror or describe(exc)}")
        return
    n, seen = 0, False
    with f:
        try:
            for n, line in _lines(f):
                where = f"line {n}"
                if line is None:
                    yield problem(path, f"line is longer than {MAX_TEXT_BYTES:,} bytes; skipped", where)
                    continue
                if not line.strip():
                    continue
                seen = True
                obj = _object(line, path, where, n == 1)
                yield obj if isinstance(obj, Problem) else _entry(obj, path, where)
        except (OSError, EOFError, zlib.error) as exc:
            yield problem(path, f"cannot read further: {describe(exc)}", f"line {n + 1}")
            return
    if not seen:
        yield problem(path, "manifest is empty")
