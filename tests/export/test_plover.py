import io
import json
from pathlib import Path

from communique.export.plover import write_plover
from communique.store import queries
from communique.store.duckdb import Store
from tests.store.test_duckdb import TEXT, _extraction


def _records(tmp_path: Path, strict: bool = False) -> list[dict]:
    buf = io.StringIO()
    with Store(tmp_path / "s.duckdb") as st:
        st.write([_extraction()])
        write_plover(st.rows(*queries.events_sql(queries.EventFilter())), buf, strict=strict)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def test_plover_shape(tmp_path: Path):
    [rec] = _records(tmp_path)
    assert rec["event"] == "CONSULT" and rec["mode"] == "visit"
    assert rec["actor"] == [{"entity_text": TEXT[0:28], "start": 0, "end": 28, "code": "LTU", "sector": "GOV",
                             "actor_id": "LTU/GOV", "name": "Lithuania", "office": "Foreign Minister"}]
    assert rec["recipient"][0]["code"] == "POL"
    assert rec["date"] == "2025-03-03" and rec["date_precision"] == "day"
    assert rec["text"] == TEXT[0:53]
    assert rec["path"] == "/tmp/a.txt" and rec["language"] == "en" and rec["published"] == "2025-03-04"
    assert rec["cameo"] == "042" and rec["plover_score"] == 4.0 and rec["quad_class"] == 1
    assert rec["trigger"] == {"text": "visited", "start": 29, "end": 36}
    for key in ("event", "mode", "context", "actor", "recipient", "date", "location", "text", "doc_id",
                "path", "aux", "event_id"):
        assert key in rec


def test_strict_export_reduces_future_cooperation_to_agree(tmp_path: Path):
    import dataclasses

    from communique.records import Extraction

    ex = _extraction()
    future = dataclasses.replace(ex.events[0], aux="future")
    with Store(tmp_path / "s.duckdb") as st:
        st.write([Extraction(ex.document, ex.mentions, (future,))])
        buf = io.StringIO()
        write_plover(st.rows(*queries.events_sql(queries.EventFilter())), buf, strict=True)
        strict = json.loads(buf.getvalue())
        buf = io.StringIO()
        write_plover(st.rows(*queries.events_sql(queries.EventFilter())), buf)
        kept = json.loads(buf.getvalue())
    assert strict["event"] == "AGREE" and strict["original_event"] == "CONSULT" and strict["aux"] is None
    assert kept["event"] == "CONSULT" and kept["aux"] == "future" and "future" in kept["context"]
