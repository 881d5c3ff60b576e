"""The sample corpus, read end to end as the demo reads it."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from communique.options import SUPPORTED_LANGS
from communique.prepare import prepare
from communique.read import read_paths
from communique.records import Document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# (title, published, outlet, language) of every article, in reading order
EXPECTED = [
    (
        "Germany and Kazakhstan to set up raw materials working group after Astana talks",
        "2025-03-05",
        "Northern Ledger",
        "en",
    ),
    (
        "Deutschland und Kasachstan wollen bei Rohstoffen enger zusammenarbeiten",
        "2025-03-05",
        "Rheinischer Bote",
        "de",
    ),
    ("Казахстан и Германия создадут рабочую группу по сырью", "2025-03-06", "Степной вестник", "ru"),
    ("Portugal and Morocco sign maritime rescue treaty", "2025-03-13", "Atlantic Wire", "en"),
    ("Portugal und Marokko unterzeichnen Vertrag über Seenotrettung", "2025-03-13", "Elbtal-Kurier", "de"),
    (
        "Москва пригрозила ответом на отправку нидерландского фрегата на Балтику",
        "2025-03-13",
        "Балтийская хроника",
        "ru",
    ),
    ("Latvia accuses Belarus of steering migrants to its border", "2025-03-18", "Baltic Observer", "en"),
    ("Минск отверг обвинения Риги", "2025-03-19", "Вечерний обозреватель", "ru"),
    ("Japan sanctions North Korean shipping firms", "2025-03-21", "Pacific Dispatch", "en"),
    ("Japan verhängt Sanktionen gegen nordkoreanische Reedereien", "2025-03-21", "Rheinischer Bote", "de"),
    ("Moldova demands Russia start removing Cobasna ammunition", "2025-03-27", "Atlantic Wire", "en"),
    ("Österreich lehnt Auslieferung an Serbien ab", "2025-03-28", "Elbtal-Kurier", "de"),
    ("Netherlands sends frigate to guard Baltic cable repairs", "2025-03-11", "Northern Ledger", "en"),
    ("Niederlande schicken Fregatte in die Ostsee", "2025-03-11", "Rheinischer Bote – Außenpolitik", "de"),
    (
        "Isländische Fischer protestieren vor norwegischer Botschaft",
        "2025-03-23",
        "Rheinischer Bote – Außenpolitik",
        "de",
    ),
    ("Kasachstan schickt Hilfsgüter nach Afghanistan", "2025-03-25", "Rheinischer Bote – Außenpolitik", "de"),
    ("Kazakhstan sends aid train to Afghanistan", "2025-03-25", "Atlantic Wire", "en"),
    ("Москва отказалась вывозить боеприпасы из Колбасны", "2025-03-27", "Балтийская хроника", "ru"),
]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    """The demo's input, read and prepared."""
    items = list(read_paths([SAMPLES / "manifest.jsonl", SAMPLES / "web"]))
    assert all(isinstance(i, Document) for i in items), [i for i in items if not isinstance(i, Document)]
    return [prepare(i, SUPPORTED_LANGS) for i in items if isinstance(i, Document)]


def test_every_article_is_read_once_with_its_metadata(documents: list[Document]) -> None:
    got = [(d.title, d.published.iso() if d.published else None, d.outlet, d.lang) for d in documents]
    assert got == EXPECTED
    assert len({d.id for d in documents}) == len(documents)
    assert len({d.url for d in documents}) == len(documents)


def test_every_article_is_clean_and_split(documents: list[Document]) -> None:
    for d in documents:
        assert d.problems == ()
        assert 6 <= len(d.sentences) <= 12, (d.title, len(d.sentences))
    assert Counter(d.lang for d in documents) == {"en": 7, "de": 7, "ru": 4}


def test_sources_are_the_files_they_came_from(documents: list[Document]) -> None:
    paths = Counter(Path(d.path or "").relative_to(SAMPLES).as_posix().split("/")[0] for d in documents)
    assert paths == {"texts": 12, "web": 6}
    assert not (SAMPLES / "web" / "texts").exists()  # the manifest's texts are not reachable twice


def test_the_committed_warc_is_what_make_warc_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("warcio")
    spec = importlib.util.spec_from_file_location("make_warc", SAMPLES / "make_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "out.warc.gz")
    module.main()
    assert (tmp_path / "out.warc.gz").read_bytes() == (SAMPLES / "web" / "sample-crawl.warc.gz").read_bytes()
