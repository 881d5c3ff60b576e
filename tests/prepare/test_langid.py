"""Language identification: every supported language, uk / ru / be kept apart, look-alikes refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lingua import ConfidenceValue, Language, LanguageDetector

from communique.options import SUPPORTED_LANGS
from communique.prepare import langid
from communique.prepare.langid import guess, identify

from .langid_cases import CASES

SUPPORTED = list(SUPPORTED_LANGS)


@pytest.mark.parametrize(
    ("lang", "sentence"), [(lang, s) for lang, sentences in CASES.items() for s in sentences if lang != "be"]
)
def test_each_supported_language_is_identified(lang: str, sentence: str) -> None:
    assert identify(sentence, SUPPORTED) == lang


@pytest.mark.parametrize("sentence", CASES["be"])
def test_belarusian_is_recognised_and_not_supported(sentence: str) -> None:
    assert guess(sentence, SUPPORTED) == "be"
    assert identify(sentence, SUPPORTED) is None


def test_every_language_has_at_least_ten_short_and_long_sentences() -> None:
    for sentences in CASES.values():
        assert len(sentences) >= 10
        assert min(len(s) for s in sentences) < 40
        assert max(len(s) for s in sentences) > 140


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "pt",
            "O ministro disse na terça-feira que as negociações tinham corrido bem "
            "e que haverá nova reunião.",
        ),
        (
            "it",
            "Il ministro ha detto martedì che i negoziati sono andati bene e che ci sarà un nuovo incontro.",
        ),
        ("bg", "Министърът заяви във вторник, че преговорите са преминали успешно и ще има нова среща."),
        ("pl", "Rzecznik ministerstwa powiedział we wtorek, że rozmowy zakończyły się sukcesem."),
        ("cs", "Mluvčí ministerstva v úterý řekl, že rozhovory byly úspěšné."),
        ("tr", "Bakanlık sözcüsü salı günü görüşmelerin başarılı geçtiğini söyledi."),
        (
            "nl",
            "De minister zei dinsdag dat de onderhandelingen goed waren verlopen "
            "en dat er een nieuwe ronde komt.",
        ),
    ],
)
def test_look_alikes_are_not_forced_into_a_supported_language(lang: str, text: str) -> None:
    assert guess(text, SUPPORTED) == lang
    assert identify(text, SUPPORTED) is None


def test_hangul_is_korean_even_with_latin_names() -> None:
    text = "윤 장관은 화요일 서울에서 John Smith 미국 국무부 부장관과 회담했다고 NATO 관계자가 밝혔다."
    assert identify(text, SUPPORTED) == "ko"


def test_korean_is_refused_when_not_asked_for() -> None:
    assert identify("장관은 화요일에 도착했다.", ["en", "de"]) is None


def test_a_narrower_list_filters_but_does_not_force() -> None:
    english = "The minister said on Tuesday that the talks had gone well and would continue in May."
    assert identify(english, ["de", "ru"]) is None
    assert identify(english, ["en"]) == "en"


def test_nothing_to_judge_gives_none() -> None:
    for text in ("", "   ", "12345 67", "!!! ...", "ab"):
        assert identify(text, SUPPORTED) is None


def test_only_the_head_of_a_long_text_is_read() -> None:
    text = CASES["uk"][8] * 30 + " " + CASES["en"][8] * 300
    assert len(text) > 10 * langid.HEAD_CHARS
    assert identify(text, SUPPORTED) == "uk"


class Recorder:
    """The real detector, with a record of which of its methods were asked."""

    def __init__(self, detector: LanguageDetector) -> None:
        self.detector = detector
        self.calls: list[str] = []

    def compute_language_confidence_values(self, text: str) -> list[ConfidenceValue]:
        self.calls.append("probe")
        return self.detector.compute_language_confidence_values(text)

    def detect_language_of(self, text: str) -> Language | None:
        self.calls.append("head")
        return self.detector.detect_language_of(text)


def _recorder() -> Recorder:
    detector = langid._detector(frozenset((set(SUPPORTED) | set(langid.LOOKALIKES)) - {"ko"}))
    assert detector is not None
    return Recorder(detector)


def test_a_long_text_is_told_by_its_probe_when_that_is_sure() -> None:
    rec = _recorder()
    text = " ".join(CASES["fr"])
    assert len(text) > langid.PROBE_CHARS
    found = langid._detect(rec, text[: langid.HEAD_CHARS])  # type: ignore[arg-type]
    assert found is not None and found.iso_code_639_1.name.lower() == "fr"
    assert rec.calls == ["probe"]


def test_an_unsure_probe_leaves_the_answer_to_the_whole_head() -> None:
    rec = _recorder()
    ticker = "+++ 12:05 +++ 13:10 +++ 14:45 +++ " * 8  # no word to judge in the probe
    text = ticker + " ".join(CASES["de"])
    assert len(ticker) > langid.PROBE_CHARS
    found = langid._detect(rec, text[: langid.HEAD_CHARS])  # type: ignore[arg-type]
    assert found is not None and found.iso_code_639_1.name.lower() == "de"
    assert rec.calls == ["probe", "head"]
    assert identify(text, SUPPORTED) == "de"


def test_names_are_left_out_of_the_probe() -> None:
    # a lead of Finnish names: lingua calls its first 200 characters Finnish at 99.96 % or more
    rec = _recorder()
    tail = (" The two leaders said they had agreed to open a new ferry line and would meet again in the spring"
            " to review the plan, officials said on Friday after the talks ended.")
    for lead in ("Aino Virtanen, Eero Korhonen, Jukka Mäkinen, Sanna Heikkinen, Pekka Nieminen and Liisa "
                 "Hämäläinen met Kalle Laaksonen in Tampere.",
                 "Tarja Häkkinen met Jussi Järvinen in Kuopio. Pekka Nieminen met Liisa Hämäläinen in "
                 "Lappeenranta. Matti Koskinen met Sanna Heikkinen in Rovaniemi."):
        text = lead + tail
        raw = rec.detector.compute_language_confidence_values(text[: langid.PROBE_CHARS])
        assert raw[0].language == Language.FINNISH and raw[0].value >= langid.SURE  # what a raw probe says
        assert not any(w[:1].isupper() for w in langid.probe(text).split())
        assert identify(text, SUPPORTED) == "en"


@pytest.mark.parametrize("lang", sorted(set(CASES) - {"ko"}))
def test_the_probe_agrees_with_the_whole_head_on_every_case(lang: str) -> None:
    # every sentence of a language, then the sentences of each language joined into one long text
    rec = _recorder()
    texts = [*CASES[lang], " ".join(CASES[lang]), " ".join(reversed(CASES[lang]))]
    for text in texts:
        head = text[: langid.HEAD_CHARS]
        assert langid._detect(rec, head) == rec.detector.detect_language_of(head)  # type: ignore[arg-type]


def test_the_detector_is_built_once_per_language_set() -> None:
    langid._detector.cache_clear()
    identify(CASES["de"][0], SUPPORTED)
    identify(CASES["fr"][0], SUPPORTED)
    identify(CASES["ru"][0], ["ru", "uk"])  # the same candidates: the same detector
    info = langid._detector.cache_info()
    assert info.misses == 1
    assert info.hits == 2


@given(st.text(max_size=300))
def test_identify_never_raises(text: str) -> None:
    result = identify(text, SUPPORTED)
    assert result is None or result in SUPPORTED
