"""Name keys, Daitch–Mokotoff codes, case stripping and the same-person decision."""

from __future__ import annotations

import pytest

from communique.actors.names import dm_codes, same_person, strip_case, translit_key

RYZHENKOV = ["Рыженков", "Ryzhenkov", "Ryschenkow", "Ryjenkov", "Ruzhenkov", "리젠코프", "Maxim Ryzhenkov"]
SHESTAKOV = ["Shestakov", "Schestakow", "Шестаков", "셰스타코프", "Chestakov"]
LUKASHENKO = ["Лукашенко", "Lukaschenko", "Loukachenko", "Łukaszenka", "루카셴코", "Lukashenko"]


@pytest.mark.parametrize("group", [RYZHENKOV, SHESTAKOV, LUKASHENKO])
def test_variants_of_one_name_match(group: list[str]) -> None:
    for a in group:
        for b in group:
            assert same_person(a, b), (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Рыжков", "Рыженков"),
        ("Ryzhkov", "Ryzhenkov"),
        ("Рыжков", "리젠코프"),
        ("Рыбаков", "Рыбков"),
        ("Иванов", "Ивашов"),
        ("Lavrov", "Lavrenko"),
        ("Shestakov", "Shatskov"),
        ("Putin", "Pushkin"),
        ("Kim Jong Un", "Kim Yo Jong"),
        ("김여정", "Kim Jong Un"),
        ("Moon Jae-in", "Yoon Suk Yeol"),
        ("Sergei Lavrov", "Sergei Shoigu"),
        ("리젠코프", "리상푸"),
        ("Petrov", "Petrenko"),
    ],
)
def test_different_people_stay_apart(a: str, b: str) -> None:
    assert not same_person(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong-un"),
        ("Kim Jong Un", "김정은"),
        ("Choe Son Hui", "최선희"),
        ("Zelensky", "Selenskyj"),
        ("Zelensky", "Зеленський"),
        ("Volodymyr Zelensky", "볼로디미르 젤렌스키"),
        ("M. Ryzhenkov", "Максим Рыженков"),
        ("Yevgeny Shestakov", "Jewgeni Schestakow"),
        ("Sergei Lavrov", "Sergueï Lavrov"),
        ("Putin", "푸틴"),
        ("Lavrov", "라브로프"),
    ],
)
def test_full_names_and_initials(a: str, b: str) -> None:
    assert same_person(a, b)


def test_first_names_must_agree_when_both_given() -> None:
    assert not same_person("Maxim Ryzhenkov", "Igor Ryzhenkov")
    assert same_person("Maxim Ryzhenkov", "Ryzhenkov")


def test_translit_key_folds_spellings() -> None:
    assert translit_key("Рыженков") == "rijenkov"
    assert translit_key("Ryschenkow") == "rijenkov"
    assert translit_key("리젠코프") == "rijenkov"
    assert translit_key("Kim Jong-un") == "kim jong un"


def test_dm_codes() -> None:
    assert dm_codes("Ryzhenkov") == frozenset({"946570"})
    assert dm_codes("Ryjenkov") == frozenset({"916570", "946570"})  # J is 1 or 4
    assert dm_codes("Рыжков") == frozenset({"945700"})
    assert dm_codes("Lukaschenko") == dm_codes("Лукашенко") == frozenset({"854650"})
    # equal codes separated by a vowel are both written; adjacent ones once
    assert dm_codes("Lulu") == frozenset({"880000"})
    assert dm_codes("Schmidt") == frozenset({"463000"})


@pytest.mark.parametrize(
    ("word", "lang", "nominative"),
    [
        ("Рыженкова", "ru", "Рыженков"),
        ("Рыженкову", "ru", "Рыженков"),
        ("Рыженковым", "ru", "Рыженков"),
        ("Шестакова", "ru", "Шестаков"),
        ("Лукашенко", "ru", "Лукашенко"),
        ("Зеленского", "ru", "Зеленский"),
        ("Макрона", "ru", "Макрон"),
        ("Захаровой", "ru", "Захаров"),
        ("Лукашенка", "uk", "Лукашенко"),
        ("Зеленського", "uk", "Зеленський"),
        ("Шестаковим", "uk", "Шестаков"),
        ("Ryschenkows", "de", "Ryschenkow"),
        ("Lukas", "de", "Lukas"),
        ("Putin", "de", "Putin"),
        ("리젠코프가", "ko", "리젠코프"),
        ("최선희는", "ko", "최선희"),
        ("평양에서", "ko", "평양"),
        ("북한", "ko", "북한"),
        ("Ryzhenkov", "en", "Ryzhenkov"),
    ],
)
def test_strip_case(word: str, lang: str, nominative: str) -> None:
    assert strip_case(word, lang) == nominative
