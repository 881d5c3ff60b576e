"""Sentences as exact character offsets: sentencex proposes, per-language rules dispose.

Newlines are hard boundaries. Within a line sentencex proposes boundaries; each language's
sentences.yaml (plus the language-independent xx/sentences.yaml) adds the boundaries it
misses ("2023 г. Президент") and removes the ones that are not ("der 3. Okt.", "В. Зеленський").
A boundary is kept unless a join rule matches it; join rules win over split rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import sentencex

from communique.errors import PackError
from communique.lang.loader import meta, pack_dir, read_yaml
from communique.records import Sentence

COMMON = "xx"  # the pack folder holding language-independent data
MAX_SENTENCE_CHARS = 3000  # longer runs without a boundary (tables, lists) are cut at a space
MAX_QUOTE_CHARS = 400  # a quotation that closes within this many characters is kept in one sentence
_TAIL = 80  # how much text before a boundary the rules look at

# Whitespace other than the ASCII space and tab. sentencex slices some of these by bytes and
# panics; replacing each by a space keeps every character offset the same.
_ODD_SPACE = re.compile(r"[^\S\n\t ]|[\u200b\u2060\ufeff]")
_LINE = re.compile(r"[^\n]+")
# Used only when sentencex fails on a line: end punctuation, closing marks, then a space.
_FALLBACK = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")
_LAST_WORD = re.compile(r"(\S+)\.$")
_QUOTE = re.compile(r'["“”„«»]')
_AFTER_END = re.compile(r"(?<=[.!?…\"'”’»)])\s+")


@dataclass(frozen=True, slots=True)
class Rule:
    """A boundary pattern: the text before ends with `before`, the text after starts with `after`."""

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None

    def matches(self, prev: str, nxt: str) -> bool:
        """True when both sides of the boundary match (the cheaper side, after, is tried first)."""
        if self.after is not None and self.after.match(nxt) is None:
            return False
        return self.before is None or self.before.search(prev) is not None


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything split() needs to know about one language."""

    splitter: str  # the language code given to sentencex
    abbreviations: frozenset[str]  # never end a sentence ("Dr", "St", "Okt")
    initials: bool  # "F. W. de Klerk", "В. Зеленський": a capital and a dot never end one
    joins: tuple[Rule, ...]
    splits: tuple[Rule, ...]


def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class of every BMP character passing test (re has no \\p{Lu})."""
    ranges: list[str] = []
    start = None
    for code in range(0x10000 + 1):
        ok = code < 0x10000 and not 0xD800 <= code <= 0xDFFF and test(chr(code))
        if ok and start is None:
            start = code
        elif not ok and start is not None:
            first, last = re.escape(chr(start)), re.escape(chr(code - 1))
            ranges.append(first if start == code - 1 else f"{first}-{last}")
            start = None
    return "[" + "".join(ranges) + "]"


@cache
def placeholders() -> dict[str, str]:
    """What {UPPER} and {LOWER} stand for in the patterns of pack data files."""
    return {"{UPPER}": _char_class(str.isupper), "{LOWER}": _char_class(str.islower)}


def _pattern(raw: Any, where: str, anchor_end: bool) -> re.Pattern[str] | None:
    """A compiled rule pattern; before-patterns are anchored at the end of the text before."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise PackError(f"{where}: a pattern must be a string, not {raw!r}")
    for name, cls in placeholders().items():
        raw = raw.replace(name, cls)
    try:
        return re.compile(f"(?:{raw})$" if anchor_end else raw)
    except re.error as exc:
        raise PackError(f"{where}: bad pattern {raw!r}: {exc}") from None


def _rules_of(data: Any, where: str, key: str) -> list[Rule]:
    """The join or split rules of one file."""
    items = data.get(key) or []
    if not isinstance(items, list):
        raise PackError(f"{where}: '{key}' must be a list")
    rules = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not ({"before", "after"} & item.keys()):
            raise PackError(f"{where}: {key} #{n} needs 'before' and/or 'after'")
        rules.append(
            Rule(
                _pattern(item.get("before"), f"{where} {key} #{n}", True),
                _pattern(item.get("after"), f"{where} {key} #{n}", False),
            )
        )
    return rules


def _splitter_code(lang: str) -> str:
    """The code sentencex should use for lang (pack.toml's `splitter`, else lang itself)."""
    try:
        return str(meta(lang).get("splitter", lang))
    except PackError:
        return lang


@cache
def rules(lang: str | None) -> Rules:
    """The sentence rules of a language, merged with the language-independent ones."""
    abbreviations: set[str] = set()
    joins: list[Rule] = []
    splits: list[Rule] = []
    initials = True
    for code in (COMMON, lang) if lang and lang != COMMON else (COMMON,):
        data = read_yaml(code, "sentences.yaml")
        if data is None:
            continue
        where = str(pack_dir(code) / "sentences.yaml")
        if not isinstance(data, dict):
            raise PackError(f"{where}: expected a mapping")
        words = data.get("abbreviations") or []
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise PackError(f"{where}: 'abbreviations' must be a list of words")
        abbreviations.update(w.rstrip(".") for w in words)
        if "initials" in data:
            initials = bool(data["initials"])
        joins += _rules_of(data, where, "joins")
        splits += _rules_of(data, where, "splits")
    splitter = _splitter_code(lang) if lang else "en"
    return Rules(splitter, frozenset(abbreviations), initials, tuple(joins), tuple(splits))


def _is_initial(word: str) -> bool:
    """True for a single capital letter, possibly after other initials: "W", "F.W", "В"."""
    last = word.rsplit(".", 1)[-1].lstrip("([\"'«„“")
    return len(last) == 1 and last.isupper()


def _joined(prev: str, nxt: str, glued: bool, r: Rules) -> bool:
    """True when the boundary between prev and nxt is not a sentence boundary."""
    first = nxt[:1]
    if not first or first.islower() or first in ",;:)]}%.!?…":
        return True
    if glued and first.isalpha() and not first.isupper():
        return True  # a split inside a word: '"좋다."라고'
    m = _LAST_WORD.search(prev)
    if m is not None:
        word = m.group(1).lstrip("([\"'«„“")
        if word in r.abbreviations or word.rsplit(".", 1)[-1] in r.abbreviations:
            return True
        if r.initials and first.isupper() and _is_initial(word):
            return True
    return any(rule.matches(prev, nxt) for rule in r.joins)


class _Quotes:
    """Where the quotations of a line are, to tell whether a boundary falls inside one.

    Quotation marks are paired as the languages use them: "…", “…”, „…“, «…», »…«. A quoted
    statement of several sentences stays with the words that attribute it ('"… . …," the
    minister said'), as long as it closes within MAX_QUOTE_CHARS. Marks that do not pair
    leave the rest of the line outside any quotation.
    """

    __slots__ = ("closes", "depths", "positions")

    def __init__(self, line: str) -> None:
        self.positions: list[int] = []
        self.depths: list[int] = []  # open quotations after the mark at positions[i]
        stack: list[str] = []
        for m in _QUOTE.finditer(line):
            ch = m.group()
            top = stack[-1] if stack else ""
            closing = (
                (ch == '"' and top == '"')
                or (ch == "“" and top == "„")
                or (ch == "”" and top in ("“", "„"))
                or (ch in "«»" and top in "«»" and top != "" and top != ch)
            )
            if closing:
                stack.pop()
            elif ch != "”":
                stack.append(ch)
            if len(stack) > 3:  # marks that do not pair: stop trusting them
                stack.clear()
            self.positions.append(m.start())
            self.depths.append(len(stack))
        # closes[i]: the position of the first mark at or after i that leaves no quotation open
        self.closes: list[int] = [-1] * len(self.positions)
        nxt = -1
        for i in range(len(self.positions) - 1, -1, -1):
            if self.depths[i] == 0:
                nxt = self.positions[i]
            self.closes[i] = nxt

    def holds(self, cut: int) -> bool:
        """True when cut is inside a quotation that closes soon after it."""
        i = bisect.bisect_left(self.positions, cut) - 1
        if i < 0 or self.depths[i] == 0 or i + 1 >= len(self.positions):
            return False
        close = self.closes[i + 1]
        return close >= 0 and close - cut <= MAX_QUOTE_CHARS


def _sentencex_ends(line: str, code: str) -> list[int]:
    """Offsets in line where sentencex starts a new sentence (the first one excluded)."""
    try:
        parts = sentencex.segment(code, _ODD_SPACE.sub(" ", line))
        ends, pos = [], 0
        for part in parts:
            pos += len(part)
            ends.append(pos)
    except BaseException as exc:
        # sentencex is Rust; a bug there surfaces as pyo3's PanicException, which derives
        # from BaseException. Only that one is caught: the line is then split by punctuation.
        if type(exc).__name__ != "PanicException":
            raise
        return [m.end() for m in _FALLBACK.finditer(line) if m.end() < len(line)]
    if pos != len(line):  # segments must tile the line; if not, trust punctuation instead
        return [m.end() for m in _FALLBACK.finditer(line) if m.end() < len(line)]
    return ends[:-1]


def _tail(line: str, start: int, end: int) -> str:
    """The last _TAIL characters of line[start:end], the text a rule looks at before a boundary.

    A cut-off tail starts with NUL, so that a rule's "^" still means the start of the sentence.
    """
    if end - start <= _TAIL:
        return line[start:end]
    return "\x00" + line[end - _TAIL : end]


def _head(line: str, start: int) -> str:
    """The first _TAIL characters after start, leading spaces skipped: what a rule looks at after a boundary.

    Bounded, so that a line of many sentences is not copied once per boundary.
    """
    while start < len(line) and line[start].isspace():
        start += 1
    return line[start : start + _TAIL]


def _extra_ends(line: str, r: Rules, known: set[int]) -> list[int]:
    """Boundaries the split rules add: at runs of spaces after end punctuation not cut already."""
    if not r.splits:
        return []
    found = []
    for m in _AFTER_END.finditer(line):
        if m.end() in known:
            continue
        prev, nxt = _tail(line, 0, m.start()), _head(line, m.end())
        if any(rule.matches(prev, nxt) for rule in r.splits):
            found.append(m.end())
    return found


def _cut(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of one sentence, none longer than MAX_SENTENCE_CHARS, cut at spaces."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _spans(text: str, r: Rules) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence of text, whitespace excluded."""
    for lm in _LINE.finditer(text):
        line, base = lm.group(), lm.start()
        if not line.strip():
            continue
        proposed = set(_sentencex_ends(line, r.splitter))
        cuts = sorted(proposed.union(_extra_ends(line, r, proposed)))
        quotes = _Quotes(line) if cuts and _QUOTE.search(line) else None
        start = 0
        for cut in cuts:
            prev, nxt = _tail(line, start, cut).rstrip(), _head(line, cut)
            glued = not line[cut - 1].isspace() and not line[cut].isspace()
            if not prev.strip() or not nxt or _joined(prev, nxt, glued, r):
                continue
            if quotes is not None and quotes.holds(cut):
                continue
            yield from _trimmed(text, base + start, base + cut)
            start = cut
        yield from _trimmed(text, base + start, base + len(line))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without surrounding whitespace, cut when too long; nothing if only whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield from _cut(start, end, text)


def split(text: str, lang: str | None) -> tuple[Sentence, ...]:
    """The sentences of text as offsets: in order, non-overlapping, covering all non-space characters."""
    r = rules(lang)
    return tuple(Sentence(i, s, e) for i, (s, e) in enumerate(_spans(text, r)))
