"""Tokens with character offsets and a normalised form used by every matcher.

Hyphens and other punctuation split words ("Jong-un" -> "jong", "un"), so that the same
name written with or without hyphens matches; punctuation stays as tokens of its own for
clause boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Words (letters and digits, no underscore) or single punctuation characters.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
_FOLD = str.maketrans({"ё": "е", "Ё": "е", "’": "'", "ʼ": "'", "`": "'", "‘": "'"})


# A NamedTuple rather than a frozen dataclass: every sentence of every document is tokenised, and
# a frozen dataclass's __init__ (each field set through object.__setattr__) made a token cost
# three times as much to create.
class Token(NamedTuple):
    """A word or punctuation mark, with document offsets and its normalised form."""

    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        """True for letters or digits, False for punctuation."""
        return self.text[:1].isalnum()


# Words repeat endlessly in a corpus; a bounded cache keeps memory flat over any vocabulary.
@lru_cache(maxsize=1 << 14)
def norm(word: str) -> str:
    """The matching form of a word: case-folded, ё as е, curly apostrophes straightened."""
    return unicodedata.normalize("NFC", word.translate(_FOLD)).casefold()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into text."""
    stop = len(text) if end is None else end
    # findall is far faster than finditer and its match objects. Only spaces and underscores lie
    # between two tokens, and a token starts with neither: it is where find meets it next.
    out = []
    pos = start
    find = text.find
    for word in _TOKEN.findall(text, start, stop):
        pos = find(word, pos)
        out.append(Token(pos, pos + len(word), word, norm(word)))
        pos += len(word)
    return out
