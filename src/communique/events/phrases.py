"""Multi-pattern phrase matching over normalised tokens.

A phrase is written as words separated by spaces; each word is an exact form (`talks`), a
stem (`negotiat*`), or alternatives (`met|meet*`); ` ... ` separates parts of a
discontinuous phrase (German separable verbs: `schlug|schlägt ... vor`), each later part
found after the previous one within `max_gap` tokens. All phrases of a language are compiled
into two indexes on the first word (exact forms and stems), so matching a sentence costs a
few dictionary lookups per token whatever the number of phrases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Generic, NamedTuple, TypeVar

from communique.errors import PackError
from communique.prepare.tokens import Token, norm

T = TypeVar("T")

MAX_GAP = 20
# distinct token forms whose candidate phrases a PhraseSet remembers; past this the memo is
# dropped and refilled, so memory stays bounded whatever the vocabulary of a corpus
MEMO_FORMS = 8_192
MEMO_PAIRS = 16_384  # likewise, pairs of a form that starts a phrase and the form after it
_NORM = attrgetter("norm")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a phrase: exact forms and stems that it accepts."""

    exact: frozenset[str]
    stems: tuple[str, ...]

    def accepts(self, form: str) -> bool:
        """True when a normalised token form fits this word."""
        # startswith takes the whole tuple at once: this runs for every candidate word of every
        # sentence, where a generator inside any() costs more than the comparisons themselves
        return form in self.exact or form.startswith(self.stems)


@dataclass(frozen=True, slots=True)
class Phrase(Generic[T]):
    """A compiled phrase and what it stands for."""

    text: str
    parts: tuple[tuple[Word, ...], ...]
    value: T

    @property
    def length(self) -> int:
        """Number of words (for preferring longer phrases)."""
        return sum(len(p) for p in self.parts)


# A NamedTuple (like Token, and for the same reason): a frozen dataclass's __init__ cost more than
# finding the phrase, and every set makes hits for every sentence.
class Hit(NamedTuple, Generic[T]):
    """A phrase found in a token list: the token indices of its words."""

    first: int  # first token of the first part
    last: int  # index after the last token of the first part
    end: int  # index after the last token of the whole phrase
    indices: tuple[int, ...]
    phrase: Phrase[T]

    @property
    def value(self) -> T:
        """What the phrase stands for."""
        return self.phrase.value


def parse_word(raw: str, where: str) -> Word:
    """A Word from `form`, `stem*` or `a|b*`."""
    exact: set[str] = set()
    stems: list[str] = []
    for alt in raw.split("|"):
        if not alt:
            raise PackError(f"{where}: empty alternative in {raw!r}")
        if alt.endswith("*"):
            stem = norm(alt[:-1])
            if not stem:
                raise PackError(f"{where}: a stem needs at least one letter: {raw!r}")
            stems.append(stem)
        else:
            exact.add(norm(alt))
    return Word(frozenset(exact), tuple(stems))


def parse_phrase(text: str, value: T, where: str = "") -> Phrase[T]:
    """Compile one phrase; PackError (naming `where`) if it is malformed."""
    parts = []
    for part in text.split("..."):
        words = tuple(parse_word(w, where) for w in part.split())
        if not words:
            raise PackError(f"{where}: empty part in phrase {text!r}")
        parts.append(words)
    return Phrase(text, tuple(parts), value)


class PhraseSet(Generic[T]):
    """Many phrases, indexed for fast leftmost-longest matching."""

    def __init__(self, phrases: Sequence[Phrase[T]] = ()) -> None:
        self._exact: dict[str, list[Phrase[T]]] = defaultdict(list)
        self._stem: dict[str, list[Phrase[T]]] = defaultdict(list)
        self._stem_lengths: set[int] = set()
        # form -> its candidate phrases: a corpus repeats a few thousand forms endlessly
        self._memo: dict[str, tuple[Phrase[T], ...]] = {}
        # (form, next form) -> the candidates of form that the next form does not rule out
        self._pairs: dict[tuple[str, str], tuple[Phrase[T], ...]] = {}
        self.phrases: list[Phrase[T]] = []
        for p in phrases:
            self.add(p)

    def add(self, phrase: Phrase[T]) -> None:
        """Index one more phrase."""
        self.phrases.append(phrase)
        first = phrase.parts[0][0]
        for form in first.exact:
            self._exact[form].append(phrase)
        for stem in first.stems:
            self._stem[stem].append(phrase)
            self._stem_lengths.add(len(stem))
        self._memo.clear()
        self._pairs.clear()

    def _candidates(self, form: str) -> tuple[Phrase[T], ...]:
        """The phrases whose first word accepts `form`, exact forms first, then stems."""
        out = self._memo.get(form)
        if out is not None:
            return out
        found = list(self._exact.get(form, ()))
        for n in self._stem_lengths:
            if n <= len(form):
                found.extend(self._stem.get(form[:n], ()))
        if len(self._memo) >= MEMO_FORMS:
            self._memo.clear()
        out = self._memo[form] = tuple(found)
        return out

    def all_hits(self, tokens: Sequence[Token], stop: Sequence[bool] | None = None) -> list[Hit[T]]:
        """Every phrase occurrence (overlaps allowed); `stop[i]` marks tokens a gap may not cross."""
        # This runs over every token for ~6 sets a sentence, and most tokens start no phrase of a
        # set: the memo's answers are looked up at C speed, and Python loops only over the tokens
        # that start some phrase (compress skips the empty tuples).
        norms = list(map(_NORM, tokens))
        found = list(map(self._memo.get, norms))
        if None in found:  # forms the memo does not know yet
            found = [self._candidates(f) if c is None else c for f, c in zip(norms, found, strict=True)]
        hits: list[Hit[T]] = []
        n = len(norms)
        for i in compress(range(n), found):
            second = norms[i + 1] if i + 1 < n else ""
            for phrase in self._fitting(norms[i], second):
                hit = _match_at(tokens, i, phrase, stop)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _fitting(self, form: str, second: str) -> tuple[Phrase[T], ...]:
        """The candidates of `form` whose first part's second word, if any, accepts `second`.

        A frequent first word starts many phrases ("in" → "in front of", "in order to" …) and the
        next token rules out most of them: checked once per pair of forms, not once per occurrence.
        """
        key = (form, second)
        out = self._pairs.get(key)
        if out is None:
            out = tuple(p for p in self._candidates(form) if len(p.parts[0]) == 1 or p.parts[0][1].accepts(second))
            if len(self._pairs) >= MEMO_PAIRS:
                self._pairs.clear()
            self._pairs[key] = out
        return out

    def hits(self, tokens: Sequence[Token], stop: Sequence[bool] | None = None) -> list[Hit[T]]:
        """Leftmost-longest, non-overlapping occurrences (by the first part's tokens)."""
        best: dict[int, Hit[T]] = {}
        for h in self.all_hits(tokens, stop):
            cur = best.get(h.first)
            if cur is None or (h.last, h.phrase.length) > (cur.last, cur.phrase.length):
                best[h.first] = h
        out: list[Hit[T]] = []
        taken = -1
        for first in sorted(best):
            if first >= taken:
                out.append(best[first])
                taken = best[first].last
        return out


def _match_part(tokens: Sequence[Token], i: int, words: tuple[Word, ...], skip: int = 0) -> int | None:
    """Index after the part if `words` match contiguously at i, else None; the first `skip`
    words are known to match already."""
    n = len(words)
    if i + n > len(tokens):
        return None
    for k in range(skip, n):
        if not words[k].accepts(tokens[i + k].norm):
            return None
    return i + n


def _match_at(tokens: Sequence[Token], i: int, phrase: Phrase[T], stop: Sequence[bool] | None) -> Hit[T] | None:
    # all_hits found the phrase by its first two words at i (PhraseSet._fitting), so matching
    # starts at the third
    parts = phrase.parts
    if len(parts) == 1 and len(parts[0]) == 1:  # one word (most function words): found already
        return Hit(i, i + 1, i + 1, (i,), phrase)
    end = _match_part(tokens, i, parts[0], min(2, len(parts[0])))
    if end is None:
        return None
    if len(phrase.parts) == 1:
        return Hit(i, end, end, tuple(range(i, end)), phrase)
    last = end
    indices = list(range(i, end))
    for part in phrase.parts[1:]:
        found = None
        for j in range(end, min(len(tokens), end + MAX_GAP)):
            found = _match_part(tokens, j, part)  # a part may itself be a stop word ("said … that …")
            if found is not None:
                indices.extend(range(j, found))
                end = found
                break
            if stop is not None and stop[j]:
                break
        if found is None:
            return None
    return Hit(i, last, end, tuple(indices), phrase)
