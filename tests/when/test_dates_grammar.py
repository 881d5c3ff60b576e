"""The date grammar files: every pack's loads; a malformed one names its file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from communique.errors import PackError
from communique.lang import loader
from communique.records import DateValue
from communique.when import find_dates, grammar
from communique.when.grammar import TemplateError, expand_template, split, token_norms
from communique.when.iso import parse_iso

LANGS = ("en", "de", "ru", "uk", "fr", "es", "ko")

GOOD = """\
months: {1: [Jan], 2: [Feb], 3: [Mar], 4: [Apr], 5: [May], 6: [Jun],
         7: [Jul], 8: [Aug], 9: [Sep], 10: [Oct], 11: [Nov], 12: [Dec]}
weekdays: {1: [Mon], 2: [Tue], 3: [Wed], 4: [Thu], 5: [Fri], 6: [Sat], 7: [Sun]}
classes:
  day_rel: {-1: [ystd]}
patterns:
  - "{day} {month} {year}"
  - {match: "{day_rel}"}
"""


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary language pack "xx" whose dates.yaml a test writes."""
    monkeypatch.setattr(loader, "DATA", tmp_path)
    (tmp_path / "xx").mkdir()
    grammar.cache_clear()
    yield tmp_path / "xx" / "dates.yaml"
    grammar.cache_clear()


@pytest.mark.parametrize("lang", LANGS)
def test_every_pack_compiles(lang: str) -> None:
    g = grammar(lang)
    assert g is not None and g.gate is not None
    assert g.lead > 0 and g.starts


def test_no_grammar_no_dates() -> None:
    assert grammar("zz") is None
    assert find_dates("on 5 May 2023", 0, 13, "zz", None) == []


def test_temporary_pack_works(pack: Path) -> None:
    pack.write_text(GOOD, encoding="utf-8")
    text = "ystd and 5 Mar 2021"
    found = find_dates(text, 0, len(text), "xx", parse_iso("2023-09-15"))
    assert [(m.text, m.value.iso()) for m in found if isinstance(m.value, DateValue)] == [
        ("ystd", "2023-09-14"),
        ("5 Mar 2021", "2021-03-05"),
    ]


def _error(pack: Path, content: str) -> str:
    pack.write_text(content, encoding="utf-8")
    with pytest.raises(PackError) as info:
        grammar("xx")
    return str(info.value)


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        # YAML that does not parse
        (GOOD.replace("patterns:", "patterns: [oops"), 7, "dates.yaml:"),
        # an unknown top-level key
        (GOOD + "colour: blue\n", 9, "colour"),
        # months without December
        (GOOD.replace(", 12: [Dec]", ""), 1, "months"),
        # a pattern that sets a field that does not exist
        (GOOD.replace('{match: "{day_rel}"}', '{match: "{day_rel}", set: {hour: 3}}'), 8, "hour"),
        # dir that is no direction
        (GOOD.replace('{match: "{day_rel}"}', '{match: "{day_rel}", set: {dir: up}}'), 8, "dir"),
        # unbalanced brackets
        (GOOD.replace('"{day} {month} {year}"', '"[on {day} {month} {year}"'), 7, "missing"),
        # a slot nobody knows
        (GOOD.replace('"{day} {month} {year}"', '"{day} {moon} {year}"'), 7, "moon"),
        # set uses a variable the template does not bind
        (GOOD.replace('{match: "{day_rel}"}', '{match: "{day_rel}", set: {week_rel: -num}}'), 8, "num"),
        # a pattern that fixes nothing
        (GOOD + '  - "on the"\n', 9, "fixes no field"),
        # a vocabulary form that is empty
        (GOOD.replace("day_rel: {-1: [ystd]}", "day_rel: {-1: ['']}"), 5, "empty"),
    ],
)
def test_malformed_names_file_and_line(pack: Path, broken: str, line: int, words: str) -> None:
    message = _error(pack, broken)
    assert f"{pack}:{line}:" in message
    assert words in message


def test_template_expansion() -> None:
    assert expand_template("[on] {weekday}", set()) == [
        (("class", "weekdays", "weekday"),),
        (("lit", "on", ""), ("class", "weekdays", "weekday")),
    ]
    seqs = expand_template("(from|between) {day} (to|and) {date2}", set())
    assert len(seqs) == 4
    assert expand_template(r"\( {day} \)", set())[0][0] == ("lit", "(", "")
    for bad in ("(a|b", "a]", "a | b", "[a]", "{nothing}"):
        with pytest.raises(TemplateError):
            expand_template(bad, set())


def test_tokens() -> None:
    assert split("2023년 9월에, Tuesday's") == (
        [0, 4, 6, 7, 9, 11, 18, 19],
        ["2023", "년", "9", "월에", ",", "Tuesday", "'", "s"],
    )
    assert token_norms("Sept.") == ("sept", ".")
    assert token_norms("пʼятницю") == token_norms("п’ятницю") == ("п", "'", "ятницю")


@pytest.mark.parametrize("lang", LANGS)
def test_a_lone_number_is_no_date(lang: str) -> None:
    """No pattern reads a bare number: "15 people", "the 2022 invasion", "1.500 Soldaten"."""
    g = grammar(lang)
    assert g is not None
    for kind, _, _, child in g.atoms.slots:
        if kind in ("day", "mm", "year", "num"):
            assert child.rule is None or child.rule.skip, child.rule
