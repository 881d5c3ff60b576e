"""Page chrome off the edges of an article: comment counters, share bars, cookie notes, bylines.

Only whole lines at the start or the end of a text are removed (plus a chrome word glued to
the first word by the extractor), and only when they match a marker of the language's
clean.yaml or the language-independent xx/clean.yaml: an article sentence is never cut in
the middle, and a marker that is not listed is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from communique.errors import PackError
from communique.lang.loader import pack_dir, read_yaml
from communique.prepare.sentences import placeholders

COMMON = "xx"
MAX_EDGE_LINES = 8  # at most this many lines are removed from each end
MAX_CHROME_CHARS = 400  # a longer line is article text whatever it starts with
MAX_BIO_WORDS = 25

_SPACE = re.compile(r"[^\S\n]+")
_NAME_WORD = r"(?:{UPPER}[\w'’-]*\.?|{UPPER}\.)"
_KEYS = {
    "edge_words",
    "head_lines",
    "tail_lines",
    "head_prefixes",
    "bylines",
    "roles",
    "role_links",
    "connectors",
}


@dataclass(frozen=True, slots=True)
class Markers:
    """The compiled chrome markers of one language (merged with the common ones)."""

    edge: re.Pattern[str] | None  # a whole line that is chrome at either end
    glued: re.Pattern[str] | None  # a chrome word glued to the first word of the text
    head: re.Pattern[str] | None  # a whole first line that is chrome
    tail: re.Pattern[str] | None  # a whole last line that is chrome
    prefix: re.Pattern[str] | None  # chrome at the start of the first line, before the lede
    bio: re.Pattern[str] | None  # a line that only names and describes the author


def _alternation(items: list[str], escape: bool) -> str | None:
    """One regex alternative of all items (longest first, so that the longest wins)."""
    if not items:
        return None
    parts = sorted(set(items), key=len, reverse=True)
    return "|".join(re.escape(p) if escape else f"(?:{p})" for p in parts)


def _compile(pattern: str | None, where: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """A compiled marker pattern; {UPPER} and {LOWER} stand for any capital or small letter."""
    if pattern is None:
        return None
    for name, cls in placeholders().items():
        pattern = pattern.replace(name, cls)
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise PackError(f"{where}: bad pattern: {exc}") from None


def _strings(data: dict[str, Any], key: str, where: str) -> list[str]:
    """A list of strings from a clean.yaml, or an error naming the file."""
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise PackError(f"{where}: '{key}' must be a list of strings (quote words like 'No' or 'On')")
    return list(items)


def _bio_pattern(bylines: list[str], roles: list[str], links: list[str], connectors: list[str]) -> str | None:
    """A whole line that names an author and, optionally, what they do and where.

    "By Anna Weber", "Anna Weber, diplomatic correspondent in Astana", "Anna Weber is a
    senior correspondent for the Northern Ledger": a name (capitalised words), then a role
    from the list, then only capitalised words after a connector. A lede has lower-case
    words after its name and role ("…, said on Tuesday"), so it never matches.
    """
    if not roles:
        return None
    name = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
    # Roles, links and bylines ignore case; the name's capitals must not.
    role = f"(?i:{_alternation(roles, escape=True)})"
    link = f"(?i:{_alternation(links, escape=True) or ','})"
    article = r"(?:(?i:the|der|die|das|den|dem|la|le|les|el|los|las)\s+|l'|l’)?"
    place = rf"{article}{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|the|de|la|del|der|die|das|и|та|&))*"
    connector = f"(?i:{_alternation(connectors, escape=True) or 'in'})"
    where = rf"(?:\s+{connector}\s+{place}){{0,3}}"
    described = rf"\s*(?:{link})\s*(?:[\w'’-]+\s+){{0,3}}?(?:{role})\w*{where}"
    bare = rf"{name}{described}"
    if not bylines:
        return rf"{bare}\.?"
    byline = f"(?i:{_alternation(bylines, escape=True)})"
    signed = rf"{byline}\s*:?\s*{name}(?:{described}|\s*,\s*{place})?"
    return rf"(?:{signed}|{bare})\.?"


@cache
def markers(lang: str | None) -> Markers:
    """The chrome markers of a language merged with the language-independent ones."""
    merged: dict[str, list[str]] = {key: [] for key in _KEYS}
    for code in (COMMON, lang) if lang and lang != COMMON else (COMMON,):
        data = read_yaml(code, "clean.yaml")
        if data is None:
            continue
        where = str(pack_dir(code) / "clean.yaml")
        if not isinstance(data, dict):
            raise PackError(f"{where}: expected a mapping")
        unknown = set(data) - _KEYS
        if unknown:
            raise PackError(f"{where}: unknown keys {sorted(unknown)}")
        for key in _KEYS:
            merged[key] += _strings(data, key, where)
    words = _alternation(merged["edge_words"], escape=True)
    where = f"clean.yaml of {lang or COMMON}"
    edge = rf"(?:\d+\s+)?(?:{words})\s*:?\s*(?:[(\[]?\d+[)\]]?)?" if words else None
    bio = _bio_pattern(merged["bylines"], merged["roles"], merged["role_links"], merged["connectors"])
    return Markers(
        edge=_compile(edge, where),
        glued=_compile(rf"(?:{words})(?={{UPPER}})", where, 0) if words else None,
        head=_compile(_alternation(merged["head_lines"], escape=False), where),
        tail=_compile(_alternation(merged["tail_lines"], escape=False), where),
        prefix=_compile(_alternation(merged["head_prefixes"], escape=False), where),
        bio=_compile(bio, where, 0),
    )


def _is_bio(line: str, m: Markers) -> bool:
    """True when the line only names and describes the author."""
    if m.bio is None or len(line.split()) > MAX_BIO_WORDS:
        return False
    return m.bio.fullmatch(line) is not None


def _is_chrome(line: str, m: Markers, head: bool) -> bool:
    """True when the whole line is chrome at this end of the text."""
    if len(line) > MAX_CHROME_CHARS:
        return False
    edge_lines = m.head if head else m.tail
    return any(p is not None and p.fullmatch(line) for p in (m.edge, edge_lines)) or _is_bio(line, m)


def _trim_first(line: str, m: Markers) -> str:
    """The first line without a chrome word glued to it or a chrome prefix."""
    if m.glued is not None:
        g = m.glued.match(line)
        if g is not None:
            line = line[g.end() :]
    if m.prefix is not None:
        p = m.prefix.match(line)
        if p is not None and p.end() < len(line):
            line = line[p.end() :].lstrip()
    return line


def clean(text: str, lang: str | None) -> str:
    """The article without page chrome at its edges; each line's spaces normalised, one line a paragraph."""
    m = markers(lang)
    lines = [ln for raw in text.split("\n") if (ln := _SPACE.sub(" ", raw).strip())]
    for _ in range(MAX_EDGE_LINES):
        if not lines:
            break
        if _is_chrome(lines[0], m, head=True):
            lines.pop(0)
            continue
        trimmed = _trim_first(lines[0], m)
        if trimmed == lines[0]:
            break
        lines[0] = trimmed
    for _ in range(MAX_EDGE_LINES):
        if not lines or not _is_chrome(lines[-1], m, head=False):
            break
        lines.pop()
    return "\n".join(lines)
