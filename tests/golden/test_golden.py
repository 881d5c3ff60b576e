"""Golden tests: sentences written for the project, with the events they must yield.

Each tests/golden/<lang>.yaml case gives a text, its publication date, and the exact set of
events expected: category, actor and recipient country codes (sets), and where given mode,
date, aux and location country. Extra or missing events fail the case. A case with an `xfail`
key (the reason: what the engine or data outside the pack lacks) is expected to fail; it fails
the run once it passes, so that the mark is removed when the fix lands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import communique
from communique.records import Actor, EventMention

HERE = Path(__file__).parent


def _cases() -> list[Any]:
    out = []
    for f in sorted(HERE.glob("*.yaml")):
        for n, case in enumerate(yaml.safe_load(f.read_text(encoding="utf-8"))):
            marks = [pytest.mark.xfail(reason=str(case["xfail"]), strict=True)] if case.get("xfail") else []
            out.append(pytest.param(f.stem, case, id=f"{f.stem}-{n:02d}-{case['text'][:40]}", marks=marks))
    return out


def _codes(ms: Any) -> set[str]:
    return {m.value.country for m in ms if isinstance(m.value, Actor)}


def _shape(em: EventMention) -> dict[str, Any]:
    loc = em.location.value.country if em.location is not None else None  # type: ignore[union-attr]
    return {"event": em.category, "actor": _codes(em.actors), "recipient": _codes(em.recipients),
            "mode": em.mode, "date": em.date.iso() if em.date else None, "aux": em.aux, "location": loc}


def _matches(pred: dict[str, Any], want: dict[str, Any]) -> bool:
    if pred["event"] != want["event"]:
        return False
    if pred["actor"] != set(want.get("actor", [])) or pred["recipient"] != set(want.get("recipient", [])):
        return False
    if pred["aux"] != want.get("aux"):
        return False
    return all(pred[k] == want[k] for k in ("mode", "date", "location") if k in want)


@pytest.mark.parametrize(("lang", "case"), _cases())
def test_golden(lang: str, case: dict[str, Any]) -> None:
    published = str(case["published"]) if case.get("published") else None
    got = [_shape(e) for e in communique.extract(case["text"], published=published, lang=lang)]
    wanted = case.get("events", [])
    unmatched = list(got)
    missing = []
    for w in wanted:
        hit = next((g for g in unmatched if _matches(g, w)), None)
        if hit is None:
            missing.append(w)
        else:
            unmatched.remove(hit)
    if (missing or unmatched) and case.get("xfail"):
        pytest.xfail(str(case["xfail"]))
    assert not missing and not unmatched, f"missing {missing}\nunexpected {unmatched}"
