"""A sentence cut into pieces, each plain or marked as the trigger, an actor or a recipient.

The store keeps document offsets; a piece knows only its own text and what it marks, so a
renderer escapes every piece alike and never splices markup into article text. Overlapping
spans are resolved per character (the trigger wins over an actor, an actor over a recipient);
spans outside the sentence are clipped, empty ones (implicit entities) mark nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("trigger", "actor", "recipient")  # in order of precedence


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to highlight, in sentence offsets, with its kind and a label (code, name)."""

    start: int
    end: int
    kind: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of sentence text; kind is None for plain text."""

    text: str
    kind: str | None = None
    label: str = ""


def to_sentence(start: int | None, end: int | None, sentence_start: int, length: int) -> tuple[int, int] | None:
    """Document offsets as offsets in a sentence, clipped to it; None when nothing of it is inside."""
    if start is None or end is None:
        return None
    s, e = max(start - sentence_start, 0), min(end - sentence_start, length)
    return (s, e) if s < e else None


def pieces(text: str, marks: Sequence[Mark]) -> list[Piece]:
    """The sentence as consecutive pieces whose texts join to exactly `text`."""
    owner: list[Mark | None] = [None] * len(text)
    rank = {k: i for i, k in enumerate(KINDS)}
    for mark in sorted(marks, key=lambda m: rank.get(m.kind, len(KINDS)), reverse=True):
        for i in range(max(mark.start, 0), min(mark.end, len(text))):
            owner[i] = mark  # later (higher-precedence) marks overwrite
    out: list[Piece] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and owner[j] is owner[i]:
            j += 1
        m: Mark | None = owner[i]
        out.append(Piece(text[i:j], m.kind if m else None, m.label if m else ""))
        i = j
    return out
