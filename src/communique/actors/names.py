"""Person names across scripts: transliteration keys, Daitch–Mokotoff codes, case stripping.

A name read in Russian, German, French, Korean … reaches one key: the spelling of each
language's transliteration is folded (ж/zh/sch/j, -ow/-ov/-off, й/j/y …) so that
Рыженков, Ryzhenkov, Ryschenkow, Ryjenkov and 리젠코프 agree. The key only proposes;
same_person decides with the consonant skeleton, the count of syllables and Jaro–Winkler,
so that near neighbours (Рыжков, Рыбаков) stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from communique.errors import PackError
from communique.lang.loader import pack_dir, read_yaml

# --- Hangul -------------------------------------------------------------------------------
# Romanisation for matching only: foreign names written in Hangul follow the loanword
# transcription rules, so the letters chosen here are those that meet the Latin spellings
# (ㅈ is the ж/j class, ㅅ before a y-vowel is ш, a final 프 is the -v of -ов).
_INITIAL = ["k", "k", "n", "d", "t", "r", "m", "b", "p", "s", "s", "", "j", "j", "ch", "k", "t", "p", "h"]
_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINAL = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "l",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]
_Y_VOWELS = {2, 3, 6, 7, 12, 17}  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ
_EU = 18  # ㅡ: the vowel Korean adds to carry a consonant cluster (스, 프, 크)


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _hangul_word(word: str) -> str:
    """Latin letters for a Hangul word, tuned to meet transliterations of foreign names."""
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        if not _is_hangul(ch):
            out.append(anyascii(ch).lower())
            continue
        code = ord(ch) - 0xAC00
        ini, med, fin = code // 588, (code % 588) // 28, code % 28
        cons = _INITIAL[ini]
        vowel = _MEDIAL[med]
        if cons == "s" and med in _Y_VOWELS:  # 셰 = ше, 샤 = ша
            cons, vowel = "sh", vowel[1:]
        if med == _EU and fin == 0 and i > 0:
            # epenthetic vowel: keep the consonant alone; a final 프 writes a foreign -v/-f
            if cons == "p" and i == n - 1:
                cons = "f"
            elif cons == "ch":
                cons = "ts"
            elif cons == "j":
                cons = "z"
            out.append(cons)
            continue
        out.append(cons + vowel + _FINAL[fin])
    # an intervocalic l is written ㄹㄹ (젤렌스키 = Zelensky): one l
    return "".join(out).replace("lr", "l")


# --- Latin folding ------------------------------------------------------------------------
_GLIDE_J = re.compile(r"(?<=[aeiouy])j(?![aeiouy])")  # Sergej, Jurij: j is й here
_GUE = re.compile(r"gu(?=[eiy])")  # French Sergueï
_FOLDS = [
    ("schtsch", "J"),
    ("shch", "J"),
    ("tsch", "J"),
    ("dzh", "J"),
    ("sch", "J"),
    ("tch", "J"),
    ("zh", "J"),
    ("sh", "J"),
    ("ch", "J"),
    ("cz", "J"),
    ("sz", "J"),
    ("j", "J"),
    ("kh", "h"),
    ("ph", "v"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("f", "v"),
    ("tz", "ts"),
    ("z", "s"),
    ("ou", "u"),
    ("y", "i"),
]
_FOLD_RE = re.compile("|".join(re.escape(a) for a, _ in sorted(_FOLDS, key=lambda p: -len(p[0]))))
_FOLD_MAP = dict(_FOLDS)
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")
_NON_LETTER = re.compile(r"[^a-z]+")


def _latin(word: str) -> str:
    """Lowercase ASCII letters of one word, Hangul romanised for matching."""
    word = unicodedata.normalize("NFC", word).replace("ё", "е").replace("Ё", "Е")
    text = _hangul_word(word) if any(_is_hangul(c) for c in word) else anyascii(word)
    return _NON_LETTER.sub("", text.lower())


def _fold(latin: str) -> str:
    s = _GUE.sub("g", _GLIDE_J.sub("i", latin))
    s = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], s)
    return _DOUBLE.sub(r"\1", s).lower()


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return _fold(_latin(word))


def words(name: str) -> list[str]:
    """The words of a name: letters only, hyphens, apostrophes and periods as separators."""
    return [w for w in re.split(r"[^\w]+|_", name) if w]


def translit_key(name: str) -> str:
    """Script- and spelling-independent key of a name: one folded Latin word per word."""
    return " ".join(k for k in (_word_key(w) for w in words(name)) if k)


def _skeleton(key: str) -> str:
    return _DOUBLE.sub(r"\1", "".join(c for c in key if c not in _VOWELS and c != " "))


def _syllables(key: str) -> int:
    return sum(1 for i, c in enumerate(key) if c in _VOWELS and (i == 0 or key[i - 1] not in _VOWELS))


# Korean writes fewer consonant contrasts (ㅂ = b/v, ㅍ = p/f, ㅈ = ж/з/дж, ㄹ = l/r), so a
# comparison that involves Hangul uses these classes on both sides.
_COARSE = str.maketrans({"b": "p", "v": "p", "g": "k", "d": "t", "j": "s", "z": "s", "l": "r", "c": "k"})


def _coarse(key: str) -> str:
    return _skeleton(key.replace("ts", "s").translate(_COARSE).lower())


# --- Daitch–Mokotoff ----------------------------------------------------------------------
# (letters, code at the start, before a vowel, elsewhere); "|" separates the alternatives of
# ambiguous letters, None is "not coded". From Mokotoff's published table (1985, revised).
_DM_TABLE: list[tuple[str, str | None, str | None, str | None]] = [
    ("SCHTSCH", "2", "4", "4"),
    ("SCHTSH", "2", "4", "4"),
    ("SCHTCH", "2", "4", "4"),
    ("SHTCH", "2", "4", "4"),
    ("SHTSH", "2", "4", "4"),
    ("STSCH", "2", "4", "4"),
    ("TTSCH", "4", "4", "4"),
    ("ZHDZH", "2", "4", "4"),
    ("SHCH", "2", "4", "4"),
    ("SCHT", "2", "43", "43"),
    ("SCHD", "2", "43", "43"),
    ("STCH", "2", "4", "4"),
    ("STRZ", "2", "4", "4"),
    ("STRS", "2", "4", "4"),
    ("STSH", "2", "4", "4"),
    ("SZCZ", "2", "4", "4"),
    ("SZCS", "2", "4", "4"),
    ("TTCH", "4", "4", "4"),
    ("TSCH", "4", "4", "4"),
    ("TTSZ", "4", "4", "4"),
    ("ZDZH", "2", "4", "4"),
    ("ZSCH", "4", "4", "4"),
    ("CHS", "5", "54", "54"),
    ("CSZ", "4", "4", "4"),
    ("CZS", "4", "4", "4"),
    ("DRZ", "4", "4", "4"),
    ("DRS", "4", "4", "4"),
    ("DSH", "4", "4", "4"),
    ("DSZ", "4", "4", "4"),
    ("DZH", "4", "4", "4"),
    ("DZS", "4", "4", "4"),
    ("SCH", "4", "4", "4"),
    ("SHT", "2", "43", "43"),
    ("SZT", "2", "43", "43"),
    ("SHD", "2", "43", "43"),
    ("SZD", "2", "43", "43"),
    ("TCH", "4", "4", "4"),
    ("TRZ", "4", "4", "4"),
    ("TRS", "4", "4", "4"),
    ("TSH", "4", "4", "4"),
    ("TTS", "4", "4", "4"),
    ("TTZ", "4", "4", "4"),
    ("TZS", "4", "4", "4"),
    ("TSZ", "4", "4", "4"),
    ("ZDZ", "2", "4", "4"),
    ("ZHD", "2", "43", "43"),
    ("ZSH", "4", "4", "4"),
    ("AI", "0", "1", None),
    ("AJ", "0", "1", None),
    ("AY", "0", "1", None),
    ("AU", "0", "7", None),
    ("CH", "5|4", "5|4", "5|4"),
    ("CK", "5|45", "5|45", "5|45"),
    ("CZ", "4", "4", "4"),
    ("CS", "4", "4", "4"),
    ("DS", "4", "4", "4"),
    ("DZ", "4", "4", "4"),
    ("DT", "3", "3", "3"),
    ("EI", "0", "1", None),
    ("EJ", "0", "1", None),
    ("EY", "0", "1", None),
    ("EU", "1", "1", None),
    ("FB", "7", "7", "7"),
    ("IA", "1", None, None),
    ("IE", "1", None, None),
    ("IO", "1", None, None),
    ("IU", "1", None, None),
    ("KS", "5", "54", "54"),
    ("KH", "5", "5", "5"),
    ("MN", "66", "66", "66"),
    ("NM", "66", "66", "66"),
    ("OI", "0", "1", None),
    ("OJ", "0", "1", None),
    ("OY", "0", "1", None),
    ("PF", "7", "7", "7"),
    ("PH", "7", "7", "7"),
    ("RS", "94|4", "94|4", "94|4"),
    ("RZ", "94|4", "94|4", "94|4"),
    ("SC", "2", "4", "4"),
    ("SH", "4", "4", "4"),
    ("ST", "2", "43", "43"),
    ("SD", "2", "43", "43"),
    ("SZ", "4", "4", "4"),
    ("TC", "4", "4", "4"),
    ("TH", "3", "3", "3"),
    ("TS", "4", "4", "4"),
    ("TZ", "4", "4", "4"),
    ("UI", "0", "1", None),
    ("UJ", "0", "1", None),
    ("UY", "0", "1", None),
    ("UE", "0", None, None),
    ("ZD", "2", "43", "43"),
    ("ZH", "4", "4", "4"),
    ("ZS", "4", "4", "4"),
    ("A", "0", None, None),
    ("B", "7", "7", "7"),
    ("C", "5|4", "5|4", "5|4"),
    ("D", "3", "3", "3"),
    ("E", "0", None, None),
    ("F", "7", "7", "7"),
    ("G", "5", "5", "5"),
    ("H", "5", "5", None),
    ("I", "0", None, None),
    ("J", "1|4", "1|4", "1|4"),
    ("K", "5", "5", "5"),
    ("L", "8", "8", "8"),
    ("M", "6", "6", "6"),
    ("N", "6", "6", "6"),
    ("O", "0", None, None),
    ("P", "7", "7", "7"),
    ("Q", "5", "5", "5"),
    ("R", "9", "9", "9"),
    ("S", "4", "4", "4"),
    ("T", "3", "3", "3"),
    ("U", "0", None, None),
    ("V", "7", "7", "7"),
    ("W", "7", "7", "7"),
    ("X", "5", "54", "54"),
    ("Y", "1", None, None),
    ("Z", "4", "4", "4"),
]
_DM_BY_FIRST: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
for _row in _DM_TABLE:
    _DM_BY_FIRST.setdefault(_row[0][0], []).append(_row)
for _rows in _DM_BY_FIRST.values():
    _rows.sort(key=lambda r: -len(r[0]))
_DM_VOWELS = frozenset("AEIOU")


@lru_cache(maxsize=65536)
def dm_codes(surname: str) -> frozenset[str]:
    """Daitch–Mokotoff soundex codes (six digits each) of a surname in any script."""
    letters = "".join(_latin(w) for w in words(surname)).upper()
    # each branch: (digits so far, last code appended); the last code is reset by vowels so
    # that equal codes separated by a vowel are both written, as the rules require
    branches: set[tuple[str, str]] = {("", "")}
    i = 0
    while i < len(letters):
        row = next((r for r in _DM_BY_FIRST.get(letters[i], []) if letters.startswith(r[0], i)), None)
        if row is None:
            i += 1
            continue
        after = i + len(row[0])
        if i == 0:
            code = row[1]
        elif after < len(letters) and letters[after] in _DM_VOWELS:
            code = row[2]
        else:
            code = row[3]
        new: set[tuple[str, str]] = set()
        for digits, last in branches:
            if code is None:
                new.add((digits, ""))
                continue
            for alt in code.split("|"):
                appended = digits if alt == last else digits + alt
                new.add((appended, alt))
        branches = new
        i = after
    return frozenset((d + "000000")[:6] for d, _ in branches)


# --- Case endings -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NameRules:
    """The name morphology of one language, from lang/data/<lang>/names.yaml."""

    min_stem: int
    endings: tuple[tuple[str, str], ...]  # longest first
    invariant: tuple[str, ...]
    family_names: frozenset[str] = frozenset()


@cache
def rules(lang: str) -> NameRules:
    """The name rules of a language (none when its pack has no names.yaml)."""
    data = read_yaml(lang, "names.yaml")
    path = pack_dir(lang) / "names.yaml"
    if data is None:
        return NameRules(3, (), ())
    if not isinstance(data, dict):
        raise PackError(f"{path}:1: expected a mapping with case_endings, invariant, min_stem")
    pairs: list[tuple[str, str]] = []
    for n, item in enumerate(data.get("case_endings") or [], 1):
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise PackError(f"{path}: case_endings item {n}: expected [ending, replacement], got {item!r}")
        pairs.append((item[0].casefold(), item[1]))
    pairs.sort(key=lambda p: -len(p[0]))
    minimum = data.get("min_stem", 3)
    if not isinstance(minimum, int) or minimum < 1:
        raise PackError(f"{path}: min_stem must be a positive integer, got {minimum!r}")
    inv = tuple(str(x).casefold() for x in data.get("invariant") or [])
    fam = frozenset(str(x) for x in data.get("family_names") or [])
    return NameRules(minimum, tuple(pairs), inv, fam)


def strip_case(word: str, lang: str) -> str:
    """The nominative of an inflected name word (Рыженковым → Рыженков, 최선희는 → 최선희)."""
    r = rules(lang)
    low = word.casefold()
    if any(low.endswith(e) for e in r.invariant):
        return word
    for ending, repl in r.endings:
        if low.endswith(ending) and len(low) - len(ending) >= r.min_stem:
            stem = word[: len(word) - len(ending)]
            return stem + (repl.upper() if word.isupper() else repl)
    return word


# --- Same person --------------------------------------------------------------------------
def _korean_rules() -> NameRules:
    try:
        return rules("ko")
    except PackError:
        return NameRules(2, (), ())


def _readings(name: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """(surname key, given-name keys, written in Hangul) for each way to read a name."""
    ws = words(name)
    hangul = any(_is_hangul(c) for c in name)
    keys = [_word_key(w) for w in ws]
    out: list[tuple[str, tuple[str, ...], bool]] = []
    if len(ws) == 1:
        out.append((keys[0], (), hangul))
        w = ws[0]
        # a Korean full name is one word: family name syllable + given name (김정은)
        if hangul and len(w) in (2, 3) and w[0] in _korean_rules().family_names:
            out.append((_word_key(w[0]), (_word_key(w[1:]),), True))
    elif ws:
        out.append((keys[-1], tuple(keys[:-1]), hangul))
        out.append((keys[0], tuple(keys[1:]), hangul))
    return out


_VOWEL_CLASS = {"a": "a", "e": "e", "i": "i", "o": "o", "u": "u"}
_VOWEL_GROUP = re.compile(r"[aeiou]+")


def _vowels(key: str) -> str:
    """The vowel of each syllable, by its first letter (Korean eo ~ o, eu ~ u, ae ~ a/e)."""
    return "".join(_VOWEL_CLASS[g[0]] for g in _VOWEL_GROUP.findall(key))


def _surname_match(a: str, b: str, coarse: bool) -> bool:
    if not a or not b:
        return False
    if coarse:
        if _coarse(a) != _coarse(b):
            return False
        # Korean consonant classes are wide, so the vowels must agree too (리젠코프 ≠ 리상푸)
        va, vb = _vowels(a), _vowels(b)
        return va == vb or (
            len(va) == len(vb) >= 3 and sum(x != y for x, y in zip(va, vb, strict=True)) <= 1
        )
    if _syllables(a) != _syllables(b):
        return False
    sa, sb = _skeleton(a), _skeleton(b)
    jw = JaroWinkler.similarity(a, b)
    if sa == sb:
        return jw >= 0.8
    # one spelling may keep a consonant the other drops (h/kh, g/h): let the phonetic code
    # and a high string similarity decide, at equal skeleton length only
    return len(sa) == len(sb) and jw >= 0.92 and bool(dm_codes(a) & dm_codes(b))


def _given_match(a: tuple[str, ...], b: tuple[str, ...], coarse: bool) -> bool:
    if not a or not b:
        return True
    if coarse:
        return _coarse("".join(a)) == _coarse("".join(b))
    for x, y in zip(a, b, strict=False):
        if len(x) == 1 or len(y) == 1:  # an initial
            if x[0] != y[0]:
                return False
        elif not (_skeleton(x) == _skeleton(y) or JaroWinkler.similarity(x, y) >= 0.85):
            return False
    return True


# Pure in its two names, and asked again and again: each name a document mentions is compared with
# the people it has named before (Memory.resolve), and the same names recur across documents.
@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """True when two person names (full or surname only, any script) denote the same person."""
    ra, rb = _readings(a), _readings(b)
    for i, (sa, ga, ha) in enumerate(ra):
        for j, (sb, gb, hb) in enumerate(rb):
            coarse = ha or hb
            if not (_surname_match(sa, sb, coarse) and _given_match(ga, gb, coarse)):
                continue
            # read family-name-first (a second reading of a full name), the rest is a family name
            # too and must match as strictly ("Dawit Alemu" is not "David Lammy")
            if (i or j) and ga and gb and not coarse and not _surname_match("".join(ga), "".join(gb), False):
                continue
            return True
    return False
