"""Sentence splitting: per-language rules on top of sentencex, exact offsets, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.errors import PackError
from communique.prepare import sentences
from communique.prepare.sentences import MAX_SENTENCE_CHARS, split


def texts(text: str, lang: str | None) -> list[str]:
    """The sentences of text as strings."""
    return [text[s.start : s.end] for s in split(text, lang)]


CASES = [
    (
        "en",
        "The U.S. envoy met Mr. Smith and Dr. Jones on Jan. 5 in St. Louis. F.W. de Klerk and George W. "
        "Bush were not there. Talks resume next week.",
        [
            "The U.S. envoy met Mr. Smith and Dr. Jones on Jan. 5 in St. Louis.",
            "F.W. de Klerk and George W. Bush were not there.",
            "Talks resume next week.",
        ],
    ),
    (
        "en",
        'She said: "We agree." Then she left. "We will return," he said. Acme Inc. said no. Gen. Smith came.',
        [
            'She said: "We agree."',
            "Then she left.",
            '"We will return," he said.',
            "Acme Inc. said no.",
            "Gen. Smith came.",
        ],
    ),
    (
        "en",
        '"These are not spontaneous movements. They are organised," the minister said. He left.',
        ['"These are not spontaneous movements. They are organised," the minister said.', "He left."],
    ),
    (
        "en",
        "The vote passed. (It was late.) Next item. 1. The first point was trade.",
        ["The vote passed.", "(It was late.)", "Next item.", "1. The first point was trade."],
    ),
    (
        "de",
        "Am 15. September 2023 traf Dr. Müller den Minister. Der 3. Okt. ist ein Feiertag. Am 3. Parteitag "
        "sprach er. Die Zahl stieg auf 15. Die Polizei kam.",
        [
            "Am 15. September 2023 traf Dr. Müller den Minister.",
            "Der 3. Okt. ist ein Feiertag.",
            "Am 3. Parteitag sprach er.",
            "Die Zahl stieg auf 15.",
            "Die Polizei kam.",
        ],
    ),
    (
        "de",
        "Er sagte: „Wir sind bereit.“ Danach ging er. Das ist z. B. gut. Es kamen u. a. Politiker. "
        "Die Gespräche am 4. 3. 2025 waren gut. Prof. Dr. Meier kam am 1. Januar.",
        [
            "Er sagte: „Wir sind bereit.“",
            "Danach ging er.",
            "Das ist z. B. gut.",
            "Es kamen u. a. Politiker.",
            "Die Gespräche am 4. 3. 2025 waren gut.",
            "Prof. Dr. Meier kam am 1. Januar.",
        ],
    ),
    (
        "ru",
        "В. Путин и В. В. Иванов прибыли в г. Москву. Это было в 2023 г. Президент уехал. Встреча прошла "
        "5 марта 2025 г. в Минске. Т. е. всё хорошо. Это ул. Ленина, д. 5. И т. д. Новое предложение.",
        [
            "В. Путин и В. В. Иванов прибыли в г. Москву.",
            "Это было в 2023 г.",
            "Президент уехал.",
            "Встреча прошла 5 марта 2025 г. в Минске.",
            "Т. е. всё хорошо.",
            "Это ул. Ленина, д. 5.",
            "И т. д.",
            "Новое предложение.",
        ],
    ),
    (
        "ru",
        "«Нам нужны партнёры», — сказал он. Затем он уехал.",
        ["«Нам нужны партнёры», — сказал он.", "Затем он уехал."],
    ),
    (
        "uk",
        "В. Зеленський заявив у 2023 р. про це. Він поїхав до м. Києва. Це було у 2024 р. Президент поїхав.",
        [
            "В. Зеленський заявив у 2023 р. про це.",
            "Він поїхав до м. Києва.",
            "Це було у 2024 р.",
            "Президент поїхав.",
        ],
    ),
    (
        "ko",
        '장관은 화요일 회담을 했다. 그는 "좋다."라고 말했다. 경제는 3.5% 성장했다. 끝났다! 왜? 그렇다.',
        [
            "장관은 화요일 회담을 했다.",
            '그는 "좋다."라고 말했다.',
            "경제는 3.5% 성장했다.",
            "끝났다!",
            "왜?",
            "그렇다.",
        ],
    ),
    (
        "fr",
        "M. Dupont est arrivé. Mme Martin a dit « Oui. » Puis elle est partie. "
        "Le 1er janv. 2025 il pleuvait.",
        [
            "M. Dupont est arrivé.",
            "Mme Martin a dit « Oui. »",
            "Puis elle est partie.",
            "Le 1er janv. 2025 il pleuvait.",
        ],
    ),
    (
        "es",
        "El Sr. García llegó. La Dra. López dijo: «Sí». EE. UU. respondió. Fue el 5 de ene. de 2025.",
        [
            "El Sr. García llegó.",
            "La Dra. López dijo: «Sí».",
            "EE. UU. respondió.",
            "Fue el 5 de ene. de 2025.",
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_language_rules(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


def test_newlines_are_hard_boundaries() -> None:
    text = "Headline without a full stop\nThe minister said on Tuesday\n\n  that talks went well.  \n"
    assert texts(text, "en") == [
        "Headline without a full stop",
        "The minister said on Tuesday",
        "that talks went well.",
    ]


def test_offsets_and_indices_are_exact() -> None:
    text = "  First one.   Second one!\n\nThird? "
    got = split(text, "en")
    assert [(s.index, s.start, s.end) for s in got] == [(0, 2, 12), (1, 15, 26), (2, 28, 34)]


def test_unknown_language_uses_common_rules() -> None:
    assert texts("Dr. Jones came. He left. F. W. Smith stayed.", None) == [
        "Dr. Jones came.",
        "He left.",
        "F. W. Smith stayed.",
    ]
    assert texts("Ein Satz. Noch einer.", "xx") == ["Ein Satz.", "Noch einer."]


def test_an_endless_sentence_is_cut_at_spaces() -> None:
    text = "word " * 2000
    got = split(text, "en")
    assert len(got) == 4
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in got)
    assert all(text[s.start] != " " and text[s.end - 1] != " " for s in got)


def test_a_sentencex_panic_falls_back_to_punctuation(monkeypatch: pytest.MonkeyPatch) -> None:
    class PanicException(BaseException):  # the name pyo3 gives a Rust panic
        pass

    def panic(lang: str, text: str) -> list[str]:
        raise PanicException("byte index is not a char boundary")

    monkeypatch.setattr(sentences.sentencex, "segment", panic)
    assert texts("One here. Two there! Three?", "en") == ["One here.", "Two there!", "Three?"]


def test_other_base_exceptions_are_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(lang: str, text: str) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(sentences.sentencex, "segment", interrupt)
    with pytest.raises(KeyboardInterrupt):
        split("One. Two.", "en")


def test_odd_whitespace_does_not_crash_sentencex() -> None:
    text = "W\u2028. ? A. \u3000Next\u00a0one. \u2029Last."
    got = split(text, "en")
    assert [text[s.start : s.end] for s in got][-1] == "Last."


def test_a_bad_rule_file_is_a_pack_error(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences.rules.cache_clear()
    monkeypatch.setattr(sentences, "read_yaml", lambda code, name: {"joins": [{"before": "(unclosed"}]})
    try:
        with pytest.raises(PackError, match="bad pattern"):
            sentences.rules("en")
    finally:
        sentences.rules.cache_clear()


def _check_tiling(text: str, lang: str | None) -> None:
    got = split(text, lang)
    covered: set[int] = set()
    last_end = 0
    for i, s in enumerate(got):
        assert s.index == i
        assert last_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
        covered.update(range(s.start, s.end))
        last_end = s.end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


ALPHABET = st.sampled_from(
    [*"ab AБвг가나. .?!\"'«»„“”()\n\t0123456789", "Dr.", "г.", "р.", "U.S.", " F.", "\u2028", "\u3000", "。"]
)


@settings(max_examples=300)
@given(
    st.lists(ALPHABET, max_size=80).map("".join),
    st.sampled_from(["en", "de", "ru", "uk", "fr", "es", "ko", None]),
)
def test_sentences_tile_the_text(text: str, lang: str | None) -> None:
    _check_tiling(text, lang)


@given(st.text(max_size=400))
def test_split_never_raises_on_any_text(text: str) -> None:
    _check_tiling(text, "de")
