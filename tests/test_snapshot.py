"""Snapshots: built once, loaded after; a change of input, a damaged file or no folder never gives a wrong value."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from communique import snapshot
from communique.actors.base import ActorBase
from communique.prepare.tokens import tokenize


class Built:
    """A value that says how many times it was built."""

    def __init__(self, words: list[str]) -> None:
        self.words = words


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COMMUNIQUE_CACHE", str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.txt"
    path.write_text("alpha beta", encoding="utf-8")
    return path


def _load(data: Path, builds: list[int]) -> Built:
    def build() -> Built:
        builds.append(1)
        return Built(data.read_text(encoding="utf-8").split())
    return snapshot.load_or_build("test", [data], ["x"], Built, build)


def test_built_once_then_loaded(cache: Path, data: Path) -> None:
    builds: list[int] = []
    first, second = _load(data, builds), _load(data, builds)
    assert first.words == second.words == ["alpha", "beta"]
    assert len(builds) == 1
    assert len(list(cache.glob("test-*.pickle"))) == 1


def test_a_changed_input_is_built_again(cache: Path, data: Path) -> None:
    builds: list[int] = []
    _load(data, builds)
    data.write_text("gamma", encoding="utf-8")
    os.utime(data, ns=(time.time_ns(), time.time_ns() + 10**9))  # a later mtime even on coarse clocks
    assert _load(data, builds).words == ["gamma"]
    assert len(builds) == 2


def test_a_damaged_snapshot_is_built_again_and_replaced(cache: Path, data: Path) -> None:
    builds: list[int] = []
    _load(data, builds)
    (kept,) = cache.glob("test-*.pickle")
    kept.write_bytes(b"\x80\x05not a pickle")
    assert _load(data, builds).words == ["alpha", "beta"]
    assert _load(data, builds).words == ["alpha", "beta"]
    assert len(builds) == 2


def test_an_empty_setting_turns_snapshots_off(tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_CACHE", "")
    builds: list[int] = []
    _load(data, builds)
    _load(data, builds)
    assert len(builds) == 2
    assert snapshot.folder() is None


def test_a_folder_that_cannot_be_written_still_gives_the_value(tmp_path: Path, data: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_CACHE", str(blocker / "cache"))  # under a file: mkdir fails
    assert _load(data, []).words == ["alpha", "beta"]


def test_old_snapshots_of_the_name_are_pruned(cache: Path, data: Path) -> None:
    cache.mkdir()
    stale, recent, other = cache / "test-old.pickle", cache / "test-recent.pickle", cache / "other-old.pickle"
    for path in (stale, recent, other):
        path.write_bytes(b"")
    hours_ago = time.time() - 2 * snapshot.PRUNE_AFTER_S
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    _load(data, [])
    assert not stale.exists()
    assert recent.exists() and other.exists()


def test_the_actor_base_loaded_from_its_snapshot_matches_as_built(cache: Path) -> None:
    langs = ("en", "ru")
    built = snapshot.load_or_build("actors-test", [], [], ActorBase, lambda: ActorBase(langs))
    loaded = snapshot.load_or_build("actors-test", [], [], ActorBase, lambda: pytest.fail("built twice"))
    assert loaded is not built
    for lang, text in (("en", "Sergei Lavrov met officials in Kyiv and the EU in Brussels on Monday."),
                       ("ru", "Лавров встретился в Хабаровске с представителями Евросоюза.")):
        tokens = tokenize(text)
        assert loaded.gazetteer(lang).matches(tokens) == built.gazetteer(lang).matches(tokens)
        assert loaded.gazetteer(lang).matches(tokens)  # names were found, not two empty answers
