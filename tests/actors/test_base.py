"""People lookup with dates, the user extra file, and data-file validation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communique.actors.base import ActorBase, parse_date
from communique.errors import PackError
from communique.prepare.tokens import tokenize


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.load(("en", "ru", "de", "ko"))


def test_load_is_cached() -> None:
    assert ActorBase.load(("en", "ru", "de", "ko")) is ActorBase.load(["en", "ru", "de", "ko"])


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("Ryzhenkov", "en"),
        ("Рыженкова", "ru"),
        ("Ryschenkows", "de"),
        ("Maxim Ryschenkow", "de"),
        ("리젠코프", "ko"),
    ],
)
def test_find_person_across_scripts(base: ActorBase, name: str, lang: str) -> None:
    actor = base.find_person(name, lang, date(2024, 6, 1))
    assert actor is not None
    assert (actor.id, actor.country, actor.sector, actor.office) == (
        "p:ryzhenkov",
        "BLR",
        "GOV",
        "Foreign Minister",
    )


def test_find_person_prefers_the_office_held_at_the_date(base: ActorBase) -> None:
    kishida = base.find_person("Kishida", "en", date(2016, 1, 1))
    assert kishida is not None and kishida.office == "Foreign Minister"
    kishida = base.find_person("Kishida", "en", date(2022, 1, 1))
    assert kishida is not None and kishida.office == "Prime Minister"
    shoigu = base.find_person("Шойгу", "ru", date(2025, 1, 1))
    assert shoigu is not None and shoigu.office == "Secretary of the Security Council"


def test_find_person_misses(base: ActorBase) -> None:
    assert base.find_person("Рыжков", "ru", date(2024, 6, 1)) is None
    assert base.find_person("", "en") is None


def test_countries(base: ActorBase) -> None:
    assert base.country("BLR").id == "BLR/GOV"
    assert base.country("PRK", "MIL").sector == "MIL"
    assert base.country("BLR", "").id == "BLR"
    assert base.country_name("BLR") == "Belarus"
    assert base.country_name("PRK", "ru") == "КНДР"
    assert base.country_name("XKX") == "Kosovo"
    assert base.country_name("KOR", "ko") == "대한민국"


def test_parse_date() -> None:
    assert parse_date("2024-04", False, "x") == date(2024, 4, 1)
    assert parse_date("2024-02", True, "x") == date(2024, 2, 29)
    assert parse_date("2024", True, "x") == date(2024, 12, 31)
    assert parse_date("", True, "x") is None
    with pytest.raises(PackError, match=r"x: bad date '2024/04'"):
        parse_date("2024/04", False, "x")


EXTRA = """# my additions
p:shestakov\tYevgeny Shestakov\tЕвгений Шестаков\tJewgeni Schestakow|셰스타코프\t\
Deputy Foreign Minister\tBLR\tGOV\t2023\t\t
o:minsk_dialogue\tMinsk Dialogue\t\t\t\tBLR\tSOC\t\t\t
alias\tBatka\tp:lukashenko\ten
alias\tOfficial Minsk\tBLR/GOV\t
alias\tStepanakert\tAZE/PRE\ten
"""


def test_extra_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra.tsv"
    extra.write_text(EXTRA, encoding="utf-8")
    base = ActorBase.load(("en", "ko"), extra=extra)
    actor = base.find_person("Schestakow", "de", date(2024, 5, 1))
    assert actor is not None and (actor.id, actor.office) == ("p:shestakov", "Deputy Foreign Minister")
    text = "Batka and Official Minsk hosted the Minsk Dialogue; Yevgeny Shestakov spoke."
    toks = tokenize(text)
    got = {
        text[toks[m.first].start : toks[m.last - 1].end]: m.entries[0]
        for m in base.gazetteer("en").matches(toks)
    }
    assert got["Batka"].actor is not None and got["Batka"].actor.id == "p:lukashenko"
    assert (got["Official Minsk"].code, got["Official Minsk"].sector) == ("BLR", "GOV")
    assert (got["Minsk Dialogue"].kind, got["Minsk Dialogue"].sector) == ("organisation", "SOC")
    assert got["Yevgeny Shestakov"].kind == "person"
    # an alias for one language only
    ko = [m for m in base.gazetteer("ko").matches(tokenize("Batka")) if m.entries[0].kind == "person"]
    assert ko == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("p:x\tX\t\t\tMinister\tBelarus\tGOV\t\t\t", r"extra.tsv:2: bad actor code 'Belarus'"),
        ("p:x\tX\t\t\tMinister\tBLR\tGOVT\t\t\t", r"extra.tsv:2: unknown sector 'GOVT'"),
        ("p:x\tX\t\t\tMinister\tBLR\tGOV\t2024-13-01\t\t", r"extra.tsv:2: bad date '2024-13-01'"),
        (
            "p:x\tX\t\t\tMinister\tBLR\tGOV\t2024\t2020\t",
            r"extra.tsv:2: term ends \(2020\) before it starts",
        ),
        ("x\tX\t\t\tMinister\tBLR\tGOV\t\t\t", r"extra.tsv:2: id 'x' must start with p:"),
        ("alias\tForm", r"extra.tsv:2: an alias line is"),
        ("alias\tForm\tp:nobody\t", r"extra.tsv:2: alias target 'p:nobody'"),
        ("p:x\tX\t\t\tMinister\tBLR\tGOV\t\t\tQ12\textra", r"extra.tsv:2: 11 fields, expected at most 10"),
    ],
)
def test_extra_file_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    extra = tmp_path / "extra.tsv"
    extra.write_text("# header\n" + line + "\n", encoding="utf-8")
    with pytest.raises(PackError, match=message):
        ActorBase(("en",), extra=extra)


def test_missing_extra_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such file"):
        ActorBase(("en",), extra=tmp_path / "missing.tsv")
