from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import communique
from communique.errors import UsageError
from communique.options import Options
from communique.pipeline import ingest
from communique.read import read_paths
from communique.store.duckdb import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_extract_returns_event_records():
    events = communique.extract("Canada imposed sanctions on Belarus on Wednesday.", published="2025-03-07")
    [e] = events
    assert e.category == "SANCTION" and e.date is not None and e.date.iso() == "2025-03-05"
    assert [m.value.country for m in e.actors] == ["CAN"]  # type: ignore[union-attr]
    assert [m.value.country for m in e.recipients] == ["BLR"]  # type: ignore[union-attr]


def test_extract_gives_offsets_into_the_text_as_given():
    # preparing strips lines, collapses spaces and drops chrome lines: offsets still point into
    # the caller's text, and the words are the caller's
    text = "\r\n  Menu\n\n   Canada \u00a0imposed\tsanctions on  Belarus on Wednesday.\n"
    [e] = communique.extract(text, published="2025-03-07")
    [plain] = communique.extract("Canada imposed sanctions on Belarus on Wednesday.", published="2025-03-07")
    assert plain.trigger_text == "imposed sanctions"
    assert text[e.trigger_start:e.trigger_end] == e.trigger_text == "imposed\tsanctions"
    spans = [(text[m.start:m.end], m.text) for m in (*e.actors, *e.recipients)]
    assert spans == [("Canada", "Canada"), ("Belarus", "Belarus")]
    assert e.actors[0].start == text.index("Canada")


def test_extract_rejects_bad_arguments():
    with pytest.raises(UsageError):
        communique.extract("text", published="soon")
    with pytest.raises(UsageError):
        communique.extract("text", lang="xx")


def test_open_gives_pandas_polars_and_arrow(tmp_path: Path):
    db = tmp_path / "a.duckdb"
    with Store(db) as st:
        ingest(read_paths([SAMPLES / "manifest.jsonl"]), st, Options())
    with communique.open(str(db)) as store:
        df = store.events(participant="LVA")
        assert isinstance(df, pd.DataFrame) and len(df) > 0 and "sentence_text" in df.columns
        assert isinstance(store.events(as_="polars"), pl.DataFrame)
        assert isinstance(store.documents(as_="arrow"), pa.Table)
        assert store.sql("SELECT count(*) AS n FROM documents")["n"][0] == 12
        assert len(store.problems()) == 0
