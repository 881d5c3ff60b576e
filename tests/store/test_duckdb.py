from datetime import date
from pathlib import Path

import pytest

from communique.errors import StoreError
from communique.link.incremental import link_pending, relink
from communique.records import (
    Actor,
    DateValue,
    Document,
    EventMention,
    Extraction,
    Mention,
    Problem,
    Sentence,
    content_id,
)
from communique.store import queries
from communique.store.duckdb import Store

TEXT = "Lithuania's foreign minister visited Warsaw on Monday. He met Polish officials."


def _extraction(text: str = TEXT) -> Extraction:
    doc = Document(content_id(text), text, lang="en", path="/tmp/a.txt",
                   published=DateValue(date(2025, 3, 4), date(2025, 3, 4), "day"),
                   sentences=(Sentence(0, 0, 53), Sentence(1, 54, len(text))))
    ltu = Actor("LTU/GOV", "Lithuania", "LTU", "GOV", "Foreign Minister")
    pol = Actor("POL", "Poland", "POL", "GOV")
    em = EventMention(id="m1", doc_id=doc.id, sentence=0, category="CONSULT", trigger_start=29,
                      trigger_end=36, trigger_text="visited",
                      actors=(Mention(0, 28, text[0:28], "actor", ltu),),
                      recipients=(Mention(37, 43, "Warsaw", "actor", pol),), mode="visit",
                      date=DateValue(date(2025, 3, 3), date(2025, 3, 3), "day", "on Monday"),
                      cameo="042", score=4.0, quad=1)
    return Extraction(doc, mentions=em.actors + em.recipients, events=(em,))


def test_same_document_is_stored_once(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as st:
        first = st.write([_extraction(), _extraction()])
        again = st.write([_extraction()])
        assert (first.documents, first.skipped, first.events) == (1, 1, 1)
        assert (again.documents, again.skipped, again.events) == (0, 1, 0)
        assert st.scalar("SELECT count(*) FROM documents") == 1
        assert st.scalar("SELECT count(*) FROM event_mentions") == 1
        assert st.scalar("SELECT count(*) FROM sentences") == 2


def test_a_store_made_when_tables_had_keys_still_takes_batches(tmp_path: Path):
    # stores made before the large tables lost their keys keep them: writes must not clash
    import duckdb

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE sentences (doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, "
                    "start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, PRIMARY KEY (doc_id, idx))")
    with Store(path) as st:
        for table in ("documents", "event_mentions", "events"):
            st.con.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id)")
        assert st.write([_extraction(), _extraction()]).documents == 1
        assert st.write([_extraction()]).documents == 0
        assert st.scalar("SELECT count(*) FROM sentences") == 2
        assert st.scalar("SELECT count(*) FROM event_mentions") == 1
        link_pending(st)
        relink(st)  # every event deleted and written again, with the same id, in one transaction
        assert st.scalar("SELECT count(*) FROM events") == 1


def test_problems_are_recorded_once(tmp_path: Path):
    p = Problem("/x/broken.html", "read", "no article text found in HTML")
    with Store(tmp_path / "s.duckdb") as st:
        assert st.write([], [p, p]).problems == 1
        assert st.write([], [p]).problems == 0
        rows = list(st.rows(*queries.problems_sql()))
        assert [r["message"] for r in rows] == ["no article text found in HTML"]


def test_a_failed_batch_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    st = Store(tmp_path / "s.duckdb")
    real = st._insert

    def fail_on_events(table, rows):
        if table == "event_mentions":
            raise RuntimeError("disk full")
        real(table, rows)

    monkeypatch.setattr(st, "_insert", fail_on_events)
    with pytest.raises(RuntimeError):
        st.write([_extraction()])
    monkeypatch.undo()
    assert st.scalar("SELECT count(*) FROM documents") == 0
    assert st.write([_extraction()]).documents == 1
    st.close()


def test_event_view_slices_the_sentence_and_filters(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as st:
        st.write([_extraction()])
        rows = list(st.rows(*queries.events_sql(queries.EventFilter(actor="LTU"))))
        assert len(rows) == 1 and rows[0]["sentence_text"] == TEXT[0:53]
        assert rows[0]["actor_codes"] == ["LTU"] and rows[0]["recipient_codes"] == ["POL"]
        assert list(st.rows(*queries.events_sql(queries.EventFilter(actor="POL")))) == []
        assert len(list(st.rows(*queries.events_sql(queries.EventFilter(participant="pol"))))) == 1
        assert len(list(st.rows(*queries.events_sql(queries.EventFilter(since=date(2025, 3, 4)))))) == 0
        assert len(list(st.rows(*queries.events_sql(queries.EventFilter(text="warsaw"))))) == 1


def test_read_only_store_that_does_not_exist_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
