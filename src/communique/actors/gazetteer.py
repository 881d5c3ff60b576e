"""The gazetteer: which token spans name a country, an organisation, a person or a place.

Names are indexed by the normalised form of their first word, longest first, so a sentence
costs one dictionary lookup per word. A name may span words separated only by hyphens,
apostrophes or periods ("Kim Jong-un" = "Kim Jong Un", "U.S." = "US"), never other
punctuation. Case is part of a name in cased scripts: a word written with a capital in the
data needs one in the text ("turkey" is no country), a short all-caps abbreviation must be
all caps ("us" is no country), a word written in lowercase (adjectives in de/ru/uk/fr/es)
matches in any case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.prepare.tokens import Token, tokenize
from communique.records import Actor, Place

ANY, TITLE, UPPER = 0, 1, 2
# tokens that may stand between the words of one name (the typographic apostrophe too: the
# tokenizer folds it to "'", so "Côte d’Ivoire" and "People’s Republic" are the names they spell)
JOINERS = frozenset({"-", "'", "’", ".", "‐", "‑", "–"})
# an all-caps abbreviation of up to this many letters must be all caps in the text; longer
# ones may be written as a word too (Nato, Opec, Asean)
SHORT_ABBREVIATION = 3
# places that share a first word, up to this many, are kept in one list rather than grouped by the next word
PLACE_LIST = 8
# distinct words whose "may start a name" answer is remembered (then the memo starts again)
STARTS_MEMO = 20_000


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form names: a kind of name, the actor code and default sector."""

    kind: str  # country | adjective | demonym | capital | seat | organisation | person | place
    code: str  # actor code: alpha-3 / UNO / EUR / IGO / NGO …
    sector: str  # default sector when this form acts ("GOV" for a country or capital; "" for adjectives)
    name: str  # canonical name
    actor: Actor | None = None
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A span of tokens [first, last) and every reading of it."""

    first: int
    last: int
    entries: tuple[Entry, ...]


# A name in the index: (the words after the first, case pattern of every word, entries).
_Name = tuple[tuple[str, ...], tuple[int, ...], tuple[Entry, ...]]


def unpack_places(packed: str) -> list[tuple[tuple[str, ...], int]]:
    """(other words, geonameid) of each "other words<TAB>geonameid" line of a packed place list."""
    out: list[tuple[tuple[str, ...], int]] = []
    if packed:
        for line in packed.split("\n"):
            rest, _, gid = line.partition("\t")
            out.append((tuple(rest.split(" ")) if rest else (), int(gid)))
    return out


def _second_word(line: str) -> str:
    """The second word of a place's name from its packed line ("" for a one-word name)."""
    return line[: line.index("\t")].split(" ", 1)[0]


def case_of(word: str) -> int:
    """The case pattern a data word imposes on the text."""
    if not any(c.isalpha() and (c.isupper() or c.islower()) for c in word):
        return ANY  # uncased script (Hangul) or digits
    if word.isupper() and (len(word) <= SHORT_ABBREVIATION or not word.isalpha()):
        return UPPER
    return TITLE if word[0].isupper() else ANY


def _case_ok(pattern: int, text: str) -> bool:
    if pattern == ANY:
        return True
    if pattern == UPPER:
        return text.isupper()
    return text[:1].isupper()


class Gazetteer:
    """Names of one language mapped to their readings."""

    def __init__(
        self,
        lang: str,
        strip: Callable[[str], str] | None = None,
        stem: Callable[[str], str] | None = None,
        stem_kinds: frozenset[str] = frozenset(),
        place_entry: Callable[[int], Entry | None] | None = None,
    ) -> None:
        """An empty gazetteer; strip removes particles from a word's end (Korean) for any
        kind, stem reduces inflected words on both sides for the kinds in stem_kinds,
        place_entry makes the entry of a place id on first use."""
        self.lang = lang
        self._place_entry = place_entry
        # places are many (tens of thousands a language): kept under their first word as one packed
        # string of "other words<TAB>geonameid" lines (as lists of tuples they took ~60 MB over the
        # 7 packs), unpacked when a text has that word; their entries made when a text names them
        self._places: dict[str, str] = {}
        self._strip = strip
        self._stem = stem
        self._stem_kinds = stem_kinds
        self._building: dict[str, dict[tuple[tuple[str, ...], tuple[int, ...]], list[Entry]]] = {}
        self._stem_building: dict[str, dict[tuple[tuple[str, ...], tuple[int, ...]], list[Entry]]] = {}
        self._index: dict[str, dict[str, tuple[_Name, ...]]] = {}
        self._stem_index: dict[str, dict[str, tuple[_Name, ...]]] = {}
        # first words shared by many places ("San", "New") have their places grouped by the next word too;
        # the rest (most of tens of thousands) stay in their short list: a dict each would cost megabytes
        self._place_buckets: dict[str, dict[str, str]] = {}
        # normalised word -> whether any index holds it (stripped or stemmed) as a first word: most
        # words of a text start no name, and this answers for them in one lookup
        self._starts: dict[str, bool] = {}
        self._frozen = False
        self.forms = 0

    def add_places(self, packed: dict[str, str]) -> None:
        """Index places in bulk: first word -> its places packed as "other words<TAB>geonameid" lines."""
        self._check_open()
        for first, lines in packed.items():
            known = self._places.get(first)
            self._places[first] = f"{known}\n{lines}" if known else lines
            self.forms += lines.count("\n") + 1

    def add(self, form: str, entry: Entry) -> None:
        """Index a surface form for an entry (before the first match)."""
        self._check_open()
        toks = [t for t in tokenize(form) if t.is_word]
        if not toks:
            return
        words = tuple(t.norm for t in toks)
        cases = tuple(case_of(t.text) for t in toks)
        self._put(self._building, words, cases, entry)
        # an abbreviation also matches written with periods: US = U.S., EU = E.U.
        if len(toks) == 1 and toks[0].text.isupper() and toks[0].text.isalpha() and 2 <= len(words[0]) <= 4:
            self._put(self._building, tuple(words[0]), (UPPER,) * len(words[0]), entry)
        if self._stem is not None and entry.kind in self._stem_kinds:
            self._put(self._stem_building, tuple(self._stem(w) for w in words), cases, entry)

    def _put(
        self,
        into: dict[str, dict[tuple[tuple[str, ...], tuple[int, ...]], list[Entry]]],
        words: tuple[str, ...],
        cases: tuple[int, ...],
        entry: Entry,
    ) -> None:
        bucket = into.setdefault(words[0], {})
        entries = bucket.setdefault((words, cases), [])
        if entry not in entries:
            entries.append(entry)
            self.forms += 1

    def _check_open(self) -> None:
        if self._frozen:
            raise RuntimeError(f"the {self.lang} gazetteer has matched text: no more names can be added")

    def freeze(self) -> None:
        """Build the indexes (done by the first match otherwise); nothing can be added after."""
        # two levels, first word then second word ("" for one-word names), so that a common
        # first word ("North", "New") costs one more lookup, not a try of every name after it
        for building, index in ((self._building, self._index), (self._stem_building, self._stem_index)):
            index.clear()
            for first, bucket in building.items():
                by_second: dict[str, list[_Name]] = {}
                for (w, c), e in bucket.items():
                    by_second.setdefault(w[1] if len(w) > 1 else "", []).append((w[1:], c, tuple(e)))
                index[first] = {k: tuple(sorted(v, key=lambda n: -len(n[0]))) for k, v in by_second.items()}
        self._place_buckets = {}
        for first, packed in self._places.items():
            if packed.count("\n") < PLACE_LIST:
                continue
            by_next: dict[str, list[str]] = {}
            for line in packed.split("\n"):
                by_next.setdefault(_second_word(line), []).append(line)
            self._place_buckets[first] = {k: "\n".join(v) for k, v in by_next.items()}
        self._starts.clear()
        # what the indexes were built from is not needed again (nothing is added after the first
        # match): ~10 MB over the 7 packs
        self._building, self._stem_building = {}, {}
        self._frozen = True

    def _may_start(self, form: str) -> bool:
        """Whether some name or place could start with a token of this normalised form."""
        known = self._starts.get(form)
        if known is None:
            keys = {form}
            if self._strip is not None:
                keys.add(self._strip(form))
            known = any(k in self._index or k in self._places for k in keys) or (
                self._stem is not None and bool(self._stem_index) and self._stem(form) in self._stem_index
            )
            if len(self._starts) >= STARTS_MEMO:
                self._starts.clear()
            self._starts[form] = known
        return known

    def matches(self, tokens: Sequence[Token]) -> list[Match]:
        """Leftmost-longest, non-overlapping names in a token sequence."""
        if not self._frozen:
            self.freeze()
        words = [t.text[:1].isalnum() for t in tokens]
        out: list[Match] = []
        n = len(tokens)
        i = 0
        may_start = self._may_start
        while i < n:
            if not words[i] or not may_start(tokens[i].norm):
                i += 1
                continue
            found = self._longest(tokens, words, i)
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.last
        return out

    def _next_word(self, tokens: Sequence[Token], words: list[bool], j: int) -> int:
        """The index of the word after joiners from j on, or -1 when other punctuation comes first."""
        n = len(tokens)
        while j < n and not words[j] and tokens[j].text in JOINERS:
            j += 1
        return j if j < n and words[j] else -1

    def _longest(self, tokens: Sequence[Token], words: list[bool], i: int) -> Match | None:
        best_end = -1
        best: list[Entry] = []
        tok = tokens[i]
        nxt = self._next_word(tokens, words, i + 1)
        seconds = [""]
        if nxt >= 0:
            seconds.append(tokens[nxt].norm)
            if self._strip is not None:
                seconds.append(self._strip(tokens[nxt].norm))
        for index, stemmed in ((self._index, False), (self._stem_index, True)):
            if stemmed and (self._stem is None or not index):
                continue
            keys = [self._stem(tok.norm)] if stemmed and self._stem else [tok.norm]
            if not stemmed and self._strip is not None:
                bare = self._strip(tok.norm)
                if bare != tok.norm:
                    keys.append(bare)
            second_keys = [self._stem(tokens[nxt].norm)] if stemmed and self._stem and nxt >= 0 else seconds
            for key in keys:
                bucket = index.get(key)
                if bucket is None:
                    continue
                for second in dict.fromkeys(["", *second_keys]):
                    for rest, cases, entries in bucket.get(second, ()):
                        end = self._match_rest(tokens, words, i, key, rest, cases, stemmed)
                        if end < 0 or end < best_end:
                            continue
                        if end > best_end:
                            best_end, best = end, []
                        best.extend(e for e in entries if e not in best)
        if (
            self._place_entry is not None and not tok.text[:1].islower()
        ):  # a place name starts with a capital
            keys = [tok.norm]
            if self._strip is not None and self._strip(tok.norm) != tok.norm:
                keys.append(self._strip(tok.norm))
            for key in keys:
                places = self._places.get(key)
                if places is None:
                    continue
                buckets = self._place_buckets.get(key)
                short = unpack_places(places) if buckets is None else []  # a short list, read once
                for second in dict.fromkeys(seconds):
                    if buckets is not None:
                        group = unpack_places(buckets.get(second, ""))
                    else:  # the places whose second word is this one, in the order indexed
                        group = [p for p in short if (p[0][0] if p[0] else "") == second]
                    for rest, place_id in group:
                        end = self._match_rest(tokens, words, i, key, rest, (ANY,) * (len(rest) + 1), False)
                        if end < 0 or end < best_end:
                            continue
                        entry = self._place_entry(place_id)
                        if entry is None:
                            continue
                        if end > best_end:
                            best_end, best = end, []
                        if entry not in best:
                            best.append(entry)
        if best_end < 0:
            return None
        return Match(i, best_end, tuple(best))

    def _match_rest(
        self,
        tokens: Sequence[Token],
        words: list[bool],
        i: int,
        key: str,
        rest: tuple[str, ...],
        cases: tuple[int, ...],
        stemmed: bool,
    ) -> int:
        """The end of the name starting at token i, or -1 when it does not match there."""
        tok = tokens[i]
        if key != tok.norm and rest and not stemmed:
            return -1  # a particle can only end a name
        if not _case_ok(cases[0], tok.text):
            return -1
        j = i + 1
        for k, word in enumerate(rest, 1):
            j = self._next_word(tokens, words, j)
            if j < 0:
                return -1
            t = tokens[j]
            if stemmed and self._stem is not None:
                ok = self._stem(t.norm) == word
            else:
                ok = t.norm == word or (
                    k == len(rest) and self._strip is not None and self._strip(t.norm) == word
                )
            if not ok or not _case_ok(cases[k], t.text):
                return -1
            j += 1
        return j
