"""Fuzzing every reader: hostile files of each kind give Documents and Problems, never an exception
or a hang, and every file that yields no document yields a recorded problem."""

from __future__ import annotations

import gzip
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.read import read_path
from communique.records import Document, Problem
from tests.fuzz import cases
from tests.fuzz.harness import within

Maker = Callable[[random.Random], bytes]


def _gz(make: Maker) -> Maker:
    return lambda rng: gzip.compress(make(rng))


# (file name, generator): every reader, by suffix and by sniffing a name that says nothing
KINDS: list[tuple[str, Maker]] = [
    ("page.html", cases.html), ("page", cases.html), ("feed.rss", cases.feed), ("feed.xml", cases.feed),
    ("feed.atom", cases.feed), ("crawl.warc", cases.warc), ("crawl.warc.gz", _gz(cases.warc)),
    ("crawl", cases.warc), ("list.jsonl", cases.manifest), ("list.jsonl.gz", _gz(cases.manifest)),
    ("text.txt", cases.mixed_encoding), ("text", cases.mixed_encoding), ("blob.bin", lambda r: cases._noise(r, 4000)),
    ("page.html.gz", _gz(cases.html)),
]
READ_SECONDS = 60  # a reader that takes longer on one of these files hangs


def check_file(name: str, data: bytes) -> None:
    """Read one hostile file: only Documents and Problems, in time, and something to show for it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items, _ = within(READ_SECONDS, lambda: list(read_path(path)))
        assert items, "a file that yields nothing leaves no trace of why"
        for item in items:
            assert isinstance(item, (Document, Problem))
            if isinstance(item, Document):
                assert item.text.strip() and "\x00" not in item.text
                item.text.encode("utf-8")  # no lone surrogates reach the pipeline
            else:
                assert item.stage == "read" and item.message and "\n" not in item.message


def _fuzz(seed: int, kind: int) -> None:
    name, make = KINDS[kind % len(KINDS)]
    check_file(name, make(random.Random(seed)))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(0, len(KINDS) - 1))
def test_readers_survive_hostile_files(seed: int, kind: int) -> None:
    _fuzz(seed, kind)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(0, len(KINDS) - 1))
def test_readers_survive_hostile_files_at_length(seed: int, kind: int) -> None:
    _fuzz(seed, kind)


@pytest.mark.parametrize("name", ["one-line.txt", "one-line.html", "one-line"])
def test_a_ten_megabyte_single_line_is_read_or_refused(name: str) -> None:
    data = cases.long_line(random.Random(1))
    if name.endswith(".html"):
        data = b"<html><body><p>" + data[:-40] + b"</p></body></html>"
    check_file(name, data)


@pytest.mark.parametrize("kind", range(8))
def test_every_kind_of_broken_html_is_read(kind: int) -> None:
    rng = random.Random(kind)
    while True:  # the generator picks its kind at random: draw until it is this one
        state = rng.getstate()
        if rng.randrange(8) == kind:
            rng.setstate(state)
            break
    check_file("page.html", cases.html(rng))


@pytest.mark.parametrize("kind", range(7))
def test_every_kind_of_broken_feed_and_warc_is_read(kind: int) -> None:
    for name, make in (("feed.rss", cases.feed), ("crawl.warc", cases.warc)):
        rng = random.Random(kind)
        while True:
            state = rng.getstate()
            if rng.randrange(7) == kind:
                rng.setstate(state)
                break
        check_file(name, make(rng))


def test_entities_are_never_expanded_or_fetched() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for k in (0, 1):
            rng = random.Random(0)
            while True:
                state = rng.getstate()
                if rng.randrange(7) == k:
                    rng.setstate(state)
                    break
            path = Path(folder) / f"f{k}.rss"
            path.write_bytes(cases.feed(rng))
            items, took = within(READ_SECONDS, lambda p=path: list(read_path(p)))
            texts = " ".join(i.text for i in items if isinstance(i, Document))
            assert "root:" not in texts and "haha" * 1000 not in texts and took < READ_SECONDS
