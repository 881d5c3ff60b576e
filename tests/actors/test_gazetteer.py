"""The gazetteer on sentences in every language: countries, forms, seats, IGOs, places, case."""

from __future__ import annotations

import time

import pytest

from communique.actors.base import ActorBase
from communique.prepare.tokens import tokenize

LANGS = ("en", "de", "ru", "uk", "fr", "es", "ko")


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.load(LANGS)


def found(base: ActorBase, lang: str, text: str) -> list[tuple[str, str, str, str]]:
    """(surface text, kind, code, sector) of the first reading of each match."""
    toks = tokenize(text)
    out = []
    for m in base.gazetteer(lang).matches(toks):
        e = m.entries[0]
        out.append((text[toks[m.first].start : toks[m.last - 1].end], e.kind, e.code, e.sector))
    return out


def kinds(base: ActorBase, lang: str, text: str) -> dict[str, set[tuple[str, str, str]]]:
    toks = tokenize(text)
    out: dict[str, set[tuple[str, str, str]]] = {}
    for m in base.gazetteer(lang).matches(toks):
        span = text[toks[m.first].start : toks[m.last - 1].end]
        out[span] = {(e.kind, e.code, e.sector) for e in m.entries}
    return out


def test_english(base: ActorBase) -> None:
    text = (
        "The U.S. and N. Korea traded accusations as the Kremlin backed Pyongyang; "
        "Belarusian officials met NATO and the UN in Minsk."
    )
    got = kinds(base, "en", text)
    assert ("country", "USA", "GOV") in got["U.S"]
    assert got["N. Korea"] == {("country", "PRK", "GOV")}
    assert got["Kremlin"] == {("seat", "RUS", "GOV")}
    assert got["Pyongyang"] == {("capital", "PRK", "GOV"), ("place", "PRK", "")}
    assert got["Belarusian"] == {("adjective", "BLR", ""), ("demonym", "BLR", "")}
    assert got["NATO"] == {("organisation", "IGO", "")}
    assert got["UN"] == {("organisation", "UNO", "")}
    assert ("capital", "BLR", "GOV") in got["Minsk"]


def test_english_case_policy(base: ActorBase) -> None:
    # lowercase common words and a lowercase pronoun are not countries or places
    assert found(base, "en", "let us eat turkey in nice weather, said chad") == []
    assert [f[2] for f in found(base, "en", "Turkey and Chad")] == ["TUR", "TCD"]
    # a name never spans a comma
    assert found(base, "en", "North, Korea") == []
    assert [f[0] for f in found(base, "en", "Kim Jong-un met Kim Jong Un")] == [
        "Kim Jong-un",
        "Kim Jong Un",
    ]


def test_german(base: ActorBase) -> None:
    text = (
        "Der belarussische Außenminister sprach in Pjöngjang über Nordkoreas Atomprogramm, "
        "die Weißrussen und die Rolle Russlands; das Weiße Haus und die Nato schwiegen."
    )
    got = kinds(base, "de", text)
    assert got["belarussische"] == {("adjective", "BLR", "")}
    assert ("capital", "PRK", "GOV") in got["Pjöngjang"]
    assert got["Nordkoreas"] == {("country", "PRK", "GOV")}
    assert got["Weißrussen"] == {("demonym", "BLR", "")}
    assert got["Russlands"] == {("country", "RUS", "GOV")}
    assert got["Nato"] == {("organisation", "IGO", "")}
    assert "Weiße Haus" not in got  # only the listed forms of the seat: Weißes/Weißen Haus
    assert kinds(base, "de", "im Weißen Haus")["Weißen Haus"] == {("seat", "USA", "GOV")}


def test_russian(base: ActorBase) -> None:
    text = (
        "Министр иностранных дел Белоруссии прибыл в Пхеньян, где обсудил с руководством "
        "Северной Кореи решения ОДКБ и Евросоюза; в Кремле белорусского гостя не комментировали."
    )
    got = kinds(base, "ru", text)
    assert got["Белоруссии"] == {("country", "BLR", "GOV")}
    assert ("capital", "PRK", "GOV") in got["Пхеньян"]
    assert got["Северной Кореи"] == {("country", "PRK", "GOV")}
    assert got["ОДКБ"] == {("organisation", "IGO", "")}
    assert got["Евросоюза"] == {("organisation", "EUR", "")}
    assert got["Кремле"] == {("seat", "RUS", "GOV")}
    assert got["белорусского"] == {("adjective", "BLR", "")}
    assert ("capital", "RUS", "GOV") in kinds(base, "ru", "переговоры в Москве")["Москве"]


def test_ukrainian(base: ActorBase) -> None:
    text = "Делегація Південної Кореї прибула до Києва, а білоруський міністр поїхав до НАТО і ООН."
    got = kinds(base, "uk", text)
    assert got["Південної Кореї"] == {("country", "KOR", "GOV")}
    assert ("capital", "UKR", "GOV") in got["Києва"]
    assert got["білоруський"] == {("adjective", "BLR", "")}
    assert got["НАТО"] == {("organisation", "IGO", "")}
    assert got["ООН"] == {("organisation", "UNO", "")}


def test_french(base: ActorBase) -> None:
    text = (
        "Les autorités nord-coréennes ont reçu le ministre biélorusse à Pyongyang, selon l'Élysée et l'ONU."
    )
    got = kinds(base, "fr", text)
    assert got["nord-coréennes"] == {("adjective", "PRK", "")}
    assert got["biélorusse"] == {("adjective", "BLR", "")}
    assert got["Élysée"] == {("seat", "FRA", "GOV")}
    assert got["ONU"] == {("organisation", "UNO", "")}
    assert found(base, "fr", "La Corée du Nord")[0][:3] == ("Corée du Nord", "country", "PRK")


def test_spanish(base: ActorBase) -> None:
    text = (
        "El canciller bielorruso viajó a Pionyang; las autoridades norcoreanas, EE. UU. y la OTAN callaron."
    )
    got = kinds(base, "es", text)
    assert got["bielorruso"] == {("adjective", "BLR", "")}
    assert ("capital", "PRK", "GOV") in got["Pionyang"]
    assert got["norcoreanas"] == {("adjective", "PRK", "")}
    assert ("country", "USA", "GOV") in got["EE. UU"]
    assert got["OTAN"] == {("organisation", "IGO", "")}


def test_korean_particles(base: ActorBase) -> None:
    text = "리젠코프가 평양에서 최선희 외무상과 만났고 북한은 러시아와 유엔 안보리를 비난했다"
    got = kinds(base, "ko", text)
    assert ("person", "BLR", "GOV") in got["리젠코프가"]
    assert got["평양에서"] == {("capital", "PRK", "GOV"), ("place", "PRK", "")}
    assert ("person", "PRK", "GOV") in got["최선희"]
    assert got["북한은"] == {("country", "PRK", "GOV"), ("adjective", "PRK", "")}
    assert ("country", "RUS", "GOV") in got["러시아와"]
    assert got["유엔 안보리를"] == {("organisation", "UNO", "")}


def test_places(base: ActorBase) -> None:
    toks = tokenize("Talks were held in Vladivostok and Hamburg.")
    places = [e.place for m in base.gazetteer("en").matches(toks) for e in m.entries if e.place]
    assert [(p.name, p.country) for p in places] == [("Vladivostok", "RUS"), ("Hamburg", "DEU")]
    assert places[0].lat is not None and 43 < places[0].lat < 44


def test_pre_and_folded_territories(base: ActorBase) -> None:
    got = kinds(base, "en", "Transnistria and Greenland")
    assert got["Transnistria"] == {("country", "MDA", "PRE")}
    assert got["Greenland"] == {("country", "DNK", "GOV")}


def test_speed(base: ActorBase) -> None:
    text = (
        "The Belarusian foreign minister met North Korean officials in Pyongyang on Tuesday, "
        "and the Kremlin welcomed talks between Minsk and Seoul about the UN. "
    ) * 500
    toks = tokenize(text)
    start = time.perf_counter()
    base.gazetteer("en").matches(toks)
    rate = len(toks) / (time.perf_counter() - start)
    assert rate > 50_000, f"{rate:.0f} tokens/s"


def test_russian_places_in_every_case_but_not_common_words(base: ActorBase) -> None:
    got = kinds(base, "ru", "Встреча прошла в Хабаровске. Воля народа, сказал он.")
    assert got == {"Хабаровске": {("place", "RUS", "")}}
    got = kinds(base, "uk", "Зустріч відбулася у Львові.")
    assert got == {"Львові": {("place", "UKR", "")}}


def test_korean_common_words_are_not_places(base: ActorBase) -> None:
    assert kinds(base, "ko", "수출은 전주 대비 늘었고 양산 계획은 미뤘다") == {}
    assert kinds(base, "ko", "부산에서") == {"부산에서": {("place", "KOR", "")}}
