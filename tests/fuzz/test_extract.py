"""Fuzzing the extractor: arbitrary and pathological texts through pipeline.process and
communique.extract never raise or hang; a document over its time budget becomes a problem."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import communique
from communique.options import Options
from communique.pipeline import process_within_budget
from communique.records import Document, Extraction, content_id
from tests.fuzz import cases
from tests.fuzz.harness import within

BUDGET = 5.0  # seconds a document may take here
SLACK = 10.0  # what the watchdog allows on top before it calls it a hang (a loaded CI machine)

# text the coder has to look at: words of the packs, names, dates, punctuation, other scripts
WORDS = ["Canada", "Poland", "Polish", "Foreign", "Minister", "met", "visited", "sanctions", "on", "Monday",
         "March", "3", "2025", "Lithuania", "Литвы", "санкции", "ввело", "во", "вторник", "Polen", "verhängte",
         "am", "3.", "März", "Kim", "Jong-un", "Mr.", "U.S.", "the", "and", "with", "to", "not", "will", ",", ".",
         "\"", "(", ")", "—", "-", "'s", "\n", "\n\n", "북한", "김정은", "Pyongyang", "said", "Ryzhenkov", "Рыженков"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=60).map("".join),
)
LANGS = st.sampled_from([None, "en", "de", "ru", "uk", "fr", "es", "ko"])


@pytest.fixture(autouse=True, scope="module")
def _loaded() -> None:
    """Language data loads once per process, before any budget runs: warm every language first."""
    for text, lang in ((cases.SENTENCE, "en"), (cases.DE, "de"), (cases.RU, "ru"), ("Уряд Польщі.", "uk"),
                       ("Le gouvernement.", "fr"), ("El gobierno.", "es"), ("정부가 발표했다.", "ko")):
        process_within_budget(Document(content_id(text), text, lang=lang), Options(doc_time_budget=600))
    communique.extract(cases.SENTENCE + cases.RU)


def check_text(text: str, lang: str | None, published: str | None = "2025-03-05",
               budget: float = BUDGET) -> Extraction:
    """Code one text within its budget; the result must be well formed."""
    doc = Document(content_id(text), text, lang=lang, path="fuzz")
    opts = Options(published=published, doc_time_budget=budget)
    result, took = within(budget + SLACK, lambda: process_within_budget(doc, opts))
    assert isinstance(result, Extraction)
    body = result.document.text
    for s in result.document.sentences:
        assert 0 <= s.start <= s.end <= len(body)
    for m in result.mentions:
        assert 0 <= m.start <= m.end <= len(body)
    for em in result.events:
        assert 0 <= em.trigger_start < em.trigger_end <= len(body)
        assert body[em.trigger_start:em.trigger_end] == em.trigger_text
    if took > budget + 1:  # over budget: the document is kept, without events, with a problem saying so
        assert any("took longer" in p.message for p in result.problems)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, LANGS)
def test_the_extractor_survives_arbitrary_text(text: str, lang: str | None) -> None:
    check_text(text, lang)


@pytest.mark.slow
@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, LANGS, st.sampled_from([None, "2025-03-05", "1900", "9999-12-31"]))
def test_the_extractor_survives_arbitrary_text_at_length(text: str, lang: str | None, published: str | None) -> None:
    check_text(text, lang, published)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_api_survives_arbitrary_text(text: str) -> None:
    events = within(BUDGET + SLACK, lambda: communique.extract(text, published="2025-03-05"))[0]
    assert all(text[e.trigger_start:e.trigger_end] == e.trigger_text for e in events)


@pytest.mark.parametrize("k", range(len(cases.PATHOLOGICAL)))
def test_pathological_texts_end_in_time(k: int) -> None:
    check_text(cases.PATHOLOGICAL[k], None, budget=2.0)


@pytest.mark.slow
@pytest.mark.parametrize("k", range(len(cases.PATHOLOGICAL)))
def test_pathological_texts_end_in_time_in_every_language(k: int) -> None:
    for lang in ("en", "de", "ru", "uk", "fr", "es", "ko"):
        check_text(cases.PATHOLOGICAL[k], lang)


def test_a_ten_megabyte_line_is_cut_with_a_problem() -> None:
    text = cases.long_line(random.Random(2)).decode()
    result = check_text(text, "en")
    assert any("cut to" in p.message for p in result.document.problems)


def test_a_document_over_budget_in_a_thread_becomes_a_problem() -> None:
    # Dask runs tasks in threads, where no signal can interrupt: the budget must hold there too
    text = cases.SENTENCE * 3000
    doc = Document(content_id(text), text, lang="en", path="slow")
    result, took = within(30, lambda: process_within_budget(doc, Options(doc_time_budget=0.2)))
    assert took < 5 and result.events == ()
    assert [p.message for p in result.problems] == ["took longer than 0.2 s; stored without events"]
