"""Sentences cut into plain and marked pieces: exact pieces, precedence, clipping, and a property."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from communique.serve.highlight import Mark, Piece, pieces, to_sentence

TEXT = "Latvia accused Belarus of steering migrants."


def test_pieces_mark_trigger_actor_and_recipient():
    marks = [Mark(7, 14, "trigger", "ACCUSE"), Mark(0, 6, "actor", "LVA"), Mark(15, 22, "recipient", "BLR")]
    assert pieces(TEXT, marks) == [
        Piece("Latvia", "actor", "LVA"), Piece(" "), Piece("accused", "trigger", "ACCUSE"), Piece(" "),
        Piece("Belarus", "recipient", "BLR"), Piece(" of steering migrants."),
    ]


def test_the_trigger_wins_where_spans_overlap():
    marks = [Mark(0, 14, "actor", "LVA"), Mark(7, 14, "trigger", "ACCUSE")]
    assert pieces(TEXT, marks)[:3] == [Piece("Latvia ", "actor", "LVA"), Piece("accused", "trigger", "ACCUSE"),
                                       Piece(" Belarus of steering migrants.")]


def test_no_marks_is_one_plain_piece_and_empty_text_none():
    assert pieces(TEXT, []) == [Piece(TEXT)]
    assert pieces("", [Mark(0, 3, "actor")]) == []


def test_document_offsets_become_sentence_offsets_clipped():
    assert to_sentence(107, 114, 100, 44) == (7, 14)
    assert to_sentence(90, 106, 100, 44) == (0, 6)  # starts before the sentence
    assert to_sentence(140, 160, 100, 44) == (40, 44)  # runs past its end
    assert to_sentence(150, 160, 100, 44) is None  # outside
    assert to_sentence(105, 105, 100, 44) is None  # empty: an implicit entity
    assert to_sentence(None, 5, 0, 10) is None


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70),
                                                st.sampled_from(["trigger", "actor", "recipient"])), max_size=6))
def test_pieces_always_join_to_the_sentence(text: str, spans: list[tuple[int, int, str]]):
    out = pieces(text, [Mark(a, b, k) for a, b, k in spans])
    assert "".join(p.text for p in out) == text
    assert all(p.text for p in out)
    assert not any(a.kind is None and b.kind is None for a, b in pairwise(out))
