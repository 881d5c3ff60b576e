"""One event told in several languages codes to one record: same category, actors, recipients,
mode, date and place, whatever the language of the report (sentences written for the project)."""

from __future__ import annotations

from typing import Any

import pytest

import communique
from communique.records import Actor, EventMention

PUBLISHED = "2025-03-07"  # a Friday: "Tuesday" is 2025-03-04

# the same real-world event, reported natively in each language
REPORTS: dict[str, dict[str, str]] = {
    "meeting": {
        "en": "Lithuanian Foreign Minister Rokas Vaitkus met Polish Prime Minister Jan Nowicki in Warsaw on Tuesday.",
        "fr": "Le ministre lituanien des Affaires étrangères Rokas Vaitkus a rencontré mardi à Varsovie le Premier "
              "ministre polonais Jan Nowicki.",
        "es": "El canciller lituano Rokas Vaitkus se reunió el martes en Varsovia con el primer ministro polaco "
              "Jan Nowicki.",
        "uk": "Міністр закордонних справ Литви Рокас Вайткус у вівторок зустрівся у Варшаві з прем'єр-міністром "
              "Польщі Яном Новицьким.",
        "ko": "리투아니아 외무장관 로카스 바이트쿠스는 화요일 바르샤바에서 폴란드 총리 얀 노비츠키와 회담했다.",
    },
    "visit": {
        "en": "The Kazakh foreign minister arrived in Tokyo on Tuesday.",
        "fr": "Le chef de la diplomatie kazakhe est arrivé mardi à Tokyo.",
        "es": "El canciller kazajo llegó el martes a Tokio.",
        "uk": "Казахстанський міністр закордонних справ у вівторок прибув до Токіо.",
        "ko": "카자흐스탄 외무장관은 화요일 도쿄에 도착했다.",
    },
}


def _codes(ms: Any) -> list[tuple[str, str]]:
    return sorted((m.value.country, m.value.sector) for m in ms if isinstance(m.value, Actor))


def _record(em: EventMention) -> dict[str, Any]:
    return {"event": em.category, "mode": em.mode, "actor": _codes(em.actors), "recipient": _codes(em.recipients),
            "date": em.date.iso() if em.date else None, "aux": em.aux,
            "location": getattr(em.location.value, "country", None) if em.location else None}


def _coded(text: str, lang: str) -> list[dict[str, Any]]:
    return [_record(e) for e in communique.extract(text, published=PUBLISHED, lang=lang)]


CASES = [pytest.param(event, lang, id=f"{event}-{lang}") for event in sorted(REPORTS)
         for lang in ("fr", "es", "uk", "ko")]


@pytest.mark.parametrize(("event", "lang"), CASES)
def test_a_report_codes_as_its_english_twin(event: str, lang: str) -> None:
    english = _coded(REPORTS[event]["en"], "en")
    assert len(english) == 1, english
    assert _coded(REPORTS[event][lang], lang) == english


def test_the_french_meeting_is_the_english_meeting() -> None:
    """The acceptance case: a French report of a meeting, the same actors and category as in English."""
    (fr,) = _coded(REPORTS["meeting"]["fr"], "fr")
    assert fr["event"] == "CONSULT"
    assert {c for c, _ in fr["actor"] + fr["recipient"]} == {"LTU", "POL"}
    assert fr["date"] == "2025-03-04" and fr["location"] == "POL"


def test_a_french_and_a_korean_report_of_one_meeting_agree() -> None:
    """The issue's acceptance case: French and Korean reports of the same meeting, coded natively."""
    assert _coded(REPORTS["meeting"]["fr"], "fr") == _coded(REPORTS["meeting"]["ko"], "ko")
