import pytest

from communique.errors import PackError
from communique.events.phrases import PhraseSet, parse_phrase
from communique.prepare.tokens import tokenize


def _set(*phrases: str) -> PhraseSet[str]:
    return PhraseSet([parse_phrase(p, p) for p in phrases])


def test_exact_stem_and_alternatives():
    ps = _set("held talks", "negotiat*", "met|meets")
    toks = tokenize("They held talks, then negotiated and met again.")
    found = [(h.value, toks[h.first].text) for h in ps.hits(toks)]
    assert found == [("held talks", "held"), ("negotiat*", "negotiated"), ("met|meets", "met")]


def test_longest_match_wins_at_a_position():
    ps = _set("foreign minister", "foreign minister of foreign affairs", "minister")
    toks = tokenize("the foreign minister spoke")
    hits = ps.hits(toks)
    assert [h.value for h in hits] == ["foreign minister"]


def test_discontinuous_phrase_respects_stop_tokens():
    ps = _set("schlug|schlägt ... vor")
    toks = tokenize("Er schlug gestern eine Lösung vor.")
    hits = ps.hits(toks)
    assert len(hits) == 1 and hits[0].indices == (1, 5)
    stop = [t.text == "," for t in tokenize("Er schlug, gestern, vor.")]
    assert ps.hits(tokenize("Er schlug, gestern, vor."), stop) == []


def test_matching_is_case_and_yo_insensitive():
    ps = _set("отчёт*")
    assert len(ps.hits(tokenize("ОТЧЕТЫ готовы"))) == 1


@pytest.mark.parametrize("bad", ["a||b", "*", " ... x"])
def test_malformed_phrases_raise_pack_error(bad: str):
    with pytest.raises(PackError):
        parse_phrase(bad, None, "file.yaml:3")
