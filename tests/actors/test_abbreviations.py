"""An abbreviated country name written with periods ("U.S.", "U.K.") composes with the noun after
it like the same name without them: the body's sector, the whole phrase as the actor's text."""

from __future__ import annotations

import pytest

import communique


@pytest.mark.parametrize(("text", "phrase", "actor"), [
    ("The U.S. military struck an arms depot.", "U.S. military", ("USA", "MIL")),
    ("U.K. officials met their Irish counterparts in Dublin.", "U.K. officials", ("GBR", "GOV")),
    ("The US military struck an arms depot.", "US military", ("USA", "MIL")),
])
def test_a_name_with_periods_composes_with_its_noun(text: str, phrase: str, actor: tuple[str, str]):
    events = communique.extract(text, published="2025-03-07", lang="en")
    assert events, text
    first = events[0].actors[0]
    assert (first.text, (first.value.country, first.value.sector)) == (phrase, actor)
    assert text[first.start:first.end] == phrase


def test_the_period_of_a_sentence_end_stays_outside_the_name():
    text = "Iran accused the U.S."
    events = communique.extract(text, published="2025-03-07", lang="en")
    assert [m.text for e in events for m in e.recipients] == ["U.S"]
