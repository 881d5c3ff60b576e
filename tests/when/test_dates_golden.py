"""Golden cases per language (tests/when/golden/<lang>.yaml): exact spans, values, precision."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from communique.records import DateValue
from communique.when import find_dates
from communique.when.iso import parse_iso

GOLDEN = Path(__file__).parent / "golden"
LANGS = ("en", "de", "ru", "uk", "fr", "es", "ko")
# The least number of expressions each language's file must check.
MINIMUM = {"en": 30, "de": 30, "ru": 30, "uk": 20, "fr": 20, "es": 20, "ko": 20}


def _load(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((GOLDEN / f"{lang}.yaml").read_text(encoding="utf-8"))
    return data


def _published(value: object) -> DateValue | None:
    return None if value is None else parse_iso(str(value))


def _cases() -> list[Any]:
    out = []
    for lang in LANGS:
        data = _load(lang)
        for n, case in enumerate(data["cases"]):
            published = case.get("published", data["published"])
            out.append(pytest.param(lang, case, published, id=f"{lang}-{n}"))
    return out


def _as_date(value: object) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


@pytest.mark.parametrize(("lang", "case", "published"), _cases())
@pytest.mark.parametrize("prefix", ["", "Erste Zeile.\n"], ids=["alone", "in-document"])
def test_golden(lang: str, case: dict[str, Any], published: object, prefix: str) -> None:
    sentence = case["text"]
    text = prefix + sentence + "\nNext line 2023."
    start, end = len(prefix), len(prefix) + len(sentence)
    found = find_dates(text, start, end, lang, _published(published), case.get("future", False))
    expected = []
    cursor = 0
    for surface, first, last, precision in case["dates"]:
        at = sentence.index(surface, cursor)
        cursor = at + len(surface)
        expected.append((start + at, start + cursor, surface, _as_date(first), _as_date(last), precision))
    values = [m.value for m in found]
    assert all(isinstance(v, DateValue) for v in values)
    got = [(m.start, m.end, m.text, v.start, v.end, v.precision)
           for m, v in zip(found, values, strict=True) if isinstance(v, DateValue)]
    assert got == expected
    for m, v in zip(found, values, strict=True):
        assert m.kind == "time"
        assert isinstance(v, DateValue) and v.text == m.text == text[m.start : m.end]


@pytest.mark.parametrize("lang", LANGS)
def test_golden_coverage(lang: str) -> None:
    data = _load(lang)
    cases = data["cases"]
    assert sum(len(c["dates"]) for c in cases) >= MINIMUM[lang]
    known = [c.get("published", data["published"]) for c in cases]
    assert {len(str(p)) for p in known if p is not None} >= {10, 7}  # to the day and the month
    assert None in known
    assert any(c.get("future") for c in cases) and any(not c.get("future") for c in cases)
