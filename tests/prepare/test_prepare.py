"""The preparation stage: language kept or identified, text cleaned, sentences split, no raising."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from communique.options import SUPPORTED_LANGS
from communique.prepare import prepare
from communique.records import Document, Problem, content_id

from .langid_cases import CASES


def doc(text: str, lang: str | None = None) -> Document:
    """A document as a reader makes it."""
    return Document(id=content_id(text), text=text, lang=lang, path="x.txt")


def test_language_is_identified_text_cleaned_and_split_with_the_same_id() -> None:
    text = "Comments\nThe minister arrived on Tuesday. Talks began at noon.\nShare this article"
    d = prepare(doc(text), SUPPORTED_LANGS)
    assert d.id == content_id(text)
    assert d.lang == "en"
    assert d.text == "The minister arrived on Tuesday. Talks began at noon."
    assert [d.text[s.start : s.end] for s in d.sentences] == [
        "The minister arrived on Tuesday.",
        "Talks began at noon.",
    ]
    assert d.problems == ()


def test_a_given_supported_language_is_kept() -> None:
    d = prepare(doc(CASES["ru"][8], lang="UK"), SUPPORTED_LANGS)  # what the source says wins
    assert d.lang == "uk"
    assert d.problems == ()


def test_a_given_regional_code_is_its_language() -> None:
    assert prepare(doc("The minister arrived.", lang="en-GB"), SUPPORTED_LANGS).lang == "en"


def test_a_given_unsupported_language_is_a_problem() -> None:
    d = prepare(doc("Il ministro è arrivato martedì.", lang="it"), SUPPORTED_LANGS)
    assert d.lang is None
    assert d.problems == (Problem("x.txt", "prepare", "language it not supported"),)
    assert len(d.sentences) == 1


def test_belarusian_is_reported_as_not_supported() -> None:
    d = prepare(doc(CASES["be"][8]), SUPPORTED_LANGS)
    assert d.lang is None
    assert d.problems == (Problem("x.txt", "prepare", "language be not supported"),)


def test_a_language_outside_the_run_is_not_supported() -> None:
    d = prepare(doc(CASES["de"][8]), ["en", "ru"])
    assert d.lang is None
    assert d.problems == (Problem("x.txt", "prepare", "language de not supported"),)


def test_an_unidentifiable_text_is_a_problem() -> None:
    d = prepare(doc("12 345 — 67 89"), SUPPORTED_LANGS)
    assert d.lang is None
    assert d.problems == (Problem("x.txt", "prepare", "language not identified"),)
    assert len(d.sentences) == 1


def test_earlier_problems_are_kept_and_chrome_only_text_is_reported() -> None:
    earlier = Problem(
        "x.txt", "read", "'published' 'soon' is not YYYY-MM-DD, YYYY-MM or YYYY; ignored", "line 3"
    )
    d = prepare(
        Document(id="a", text="Comments\nShare this article", lang="en", path="x.txt", problems=(earlier,)),
        SUPPORTED_LANGS,
    )
    assert d.text == ""
    assert d.sentences == ()
    assert d.problems == (earlier, Problem("x.txt", "prepare", "no text left after removing page chrome"))


@given(st.text(max_size=600), st.sampled_from([None, "en", "de", "ko", "xx", "EN-gb"]))
def test_prepare_never_raises(text: str, lang: str | None) -> None:
    d = prepare(doc(text, lang), SUPPORTED_LANGS)
    assert d.lang is None or d.lang in SUPPORTED_LANGS
    for s in d.sentences:
        assert d.text[s.start : s.end].strip()
