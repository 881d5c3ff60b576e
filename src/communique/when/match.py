"""Find time expressions in a sentence with a compiled grammar: leftmost, longest, no overlap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from communique.prepare.tokens import norm
from communique.records import DateValue, Mention
from communique.when.grammar import FIELDS, SLOT_FIELD, Grammar, Node, Rule, split
from communique.when.resolve import Reading, reference, resolve_readings

_DIGIT = re.compile(r"\d")
Readings = tuple[Reading, Reading | None]  # start, and end when the expression is a range
Bind = tuple[str, Any]
Found = tuple[int, Rule, tuple[Bind, ...]]  # token end, rule, slot values


@dataclass(slots=True)
class _Tokens:
    starts: list[int]
    ends: list[int]
    norms: list[str]
    nums: list[int]  # the value of a digit token, -1 for any other


def _tokenize(text: str, start: int, end: int, folded: str, g: Grammar) -> _Tokens:
    """Tokens of text[start:end]; folded is norm(text[start:end])."""
    if len(folded) == end - start:
        # Normalising kept every character in place (the usual case): split the folded text.
        offsets, words = split(folded)
        norms = words
    else:  # "ß" -> "ss" and the like: split the text, normalise token by token
        # (with "ʼ" made an apostrophe first, as norm makes it, so that tokens split alike).
        offsets, words = split(text[start:end].replace("ʼ", "'"))
        norms = [norm(w) for w in words]
    starts = [start + o for o in offsets]
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    if g.glue:
        starts, ends, norms = _unglue(starts, ends, norms, g)
    return _Tokens(starts, ends, norms, [int(n) if n.isdecimal() else -1 for n in norms])


def _unglue(
    starts: list[int], ends: list[int], norms: list[str], g: Grammar
) -> tuple[list[int], list[int], list[str]]:
    """Split a particle off a date word it is glued to ("9월에" -> "월", "에")."""
    out: tuple[list[int], list[int], list[str]] = ([], [], [])
    for s, e, n in zip(starts, ends, norms, strict=True):
        stem = ""
        if n.endswith(g.glue) and len(n) == e - s and n not in g.known:  # "오는" stays whole
            suffix = next((x for x in g.glue if n.endswith(x) and n[: -len(x)] in g.known), "")
            stem = n[: -len(suffix)] if suffix else ""
        if stem:
            cut = s + len(stem)
            out[0].extend((s, cut))
            out[1].extend((cut, e))
            out[2].extend((stem, n[len(stem) :]))
        else:
            out[0].append(s)
            out[1].append(e)
            out[2].append(n)
    return out


class _Matcher:
    """The walk of one sentence's tokens through the grammar's tries."""

    def __init__(self, text: str, g: Grammar, t: _Tokens) -> None:
        self.text = text
        self.g = g
        self.t = t
        self.n = len(t.norms)
        self.atom_memo: dict[int, list[tuple[int, Rule, Readings]]] = {}

    def glued(self, i: int) -> bool:
        """True when token i follows token i - 1 with no space between."""
        return self.t.starts[i] == self.t.ends[i - 1]

    def in_number(self, i: int) -> bool:
        """True for a digit group of a larger number: "1.500", "3,000"."""
        t = self.t

        def group(d: int, sep: int) -> bool:  # a separator and a three-digit group, all glued
            return (t.norms[sep] in ",." and t.ends[d] - t.starts[d] == 3 and t.nums[d] >= 0
                    and self.glued(sep) and self.glued(sep + 1))

        if i + 2 < self.n and t.nums[i] >= 0 and group(i + 2, i + 1):
            return True
        return i >= 2 and t.nums[i - 2] >= 0 and group(i, i - 1)

    def values(self, kind: str, key: str, i: int) -> list[tuple[int, Any]]:
        """The ways a slot can match at token i: (next token, value)."""
        t = self.t
        v = t.nums[i]
        if kind == "class":
            return self.vocab(key, i)
        if kind == "date":
            return [(j, readings) for j, rule, readings in self.atoms(i) if not rule.skip]
        if kind == "num":
            out = self.vocab("numbers", i)
            if 0 <= v < 1000 and t.ends[i] - t.starts[i] <= 3 and not self.in_number(i):
                out.append((i + 1, v))
            return out
        if v < 0:
            return []
        size = t.ends[i] - t.starts[i]
        if kind == "year":
            ok = size == 4 and 1800 <= v <= 2199
        elif kind == "day":
            ok = size <= 2 and 1 <= v <= 31
        else:  # mm
            ok = size <= 2 and 1 <= v <= 12
        if not ok or self.in_number(i):
            return []
        out = [(i + 1, v)]
        if kind == "day" and i + 1 < self.n and t.starts[i + 1] == t.ends[i]:
            for suffix in self.g.ordinals:  # "15th", "1er", "15-го": glued to the number
                k = i + 1 + len(suffix)
                if tuple(t.norms[i + 1 : k]) == suffix:
                    out.append((k, v))
        return out

    def vocab(self, key: str, i: int) -> list[tuple[int, Any]]:
        """Words of a vocabulary at token i."""
        entries = self.g.vocab[key].get(self.t.norms[i])
        if not entries:
            return []
        if key in self.g.capitalized and not self.text[self.t.starts[i]].isupper():
            return []  # "march" and "may" in English are verbs; the months are capitalised
        out = []
        for rest, value in entries:
            k = i + 1 + len(rest)
            if not rest or tuple(self.t.norms[i + 1 : k]) == rest:
                out.append((k, value))
        return out

    def walk(self, node: Node, i: int, binds: tuple[Bind, ...], out: list[Found]) -> None:
        """Every rule that matches from token i along node's trie."""
        if node.rule is not None:
            out.append((i, node.rule, binds))
        if i >= self.n:
            return
        edges = node.next.get(self.t.norms[i], ())
        if node.digits and self.t.nums[i] >= 0:
            edges += node.digits
        for kind, key, name, child in edges:
            if kind == "lit":
                self.walk(child, i + 1, binds, out)
            else:
                for j, value in self.values(kind, key, i):
                    self.walk(child, j, (*binds, (name, value)), out)

    def atoms(self, i: int) -> list[tuple[int, Rule, Readings]]:
        """Atom expressions starting at token i (memoised: ranges ask for them again)."""
        found = self.atom_memo.get(i)
        if found is None:
            raw: list[Found] = []
            self.walk(self.g.atoms, i, (), raw)
            found = [(j, rule, readings(rule, binds)) for j, rule, binds in raw if not rule.skip]
            found += [(j, rule, ({}, None)) for j, rule, _ in raw if rule.skip]
            self.atom_memo[i] = found
        return found

    def at(self, i: int) -> list[tuple[int, Rule, Readings]]:
        """Every expression starting at token i, longest first (then in the order written)."""
        raw: list[Found] = []
        self.walk(self.g.compounds, i, (), raw)
        found = [(j, rule, readings(rule, binds)) for j, rule, binds in raw]
        found += self.atoms(i)
        if len(found) > 1:
            found.sort(key=lambda f: (-f[0], f[1].index))
        return found


def readings(rule: Rule, binds: tuple[Bind, ...]) -> Readings:
    """The start (and end) reading that a rule's slot values and fixed fields make."""
    start: Reading = {}
    end: Reading | None = None
    names: dict[str, int] = {}
    for name, value in binds:
        if name == "date":
            start.update(value[0])
            if value[1] is not None:
                end = dict(value[1])
            continue
        if name == "date2":
            end = dict(value[1] if value[1] is not None else value[0])
            continue
        second = name.endswith("2")
        base = name[:-1] if second else name
        target = SLOT_FIELD.get(base, base if base in FIELDS else None)
        if target is None:
            names[name] = value
        elif second:
            end = {} if end is None else end
            end[target] = value
        else:
            start[target] = value
    for fname, spec in rule.assign:
        if isinstance(spec, str) and fname != "dir":
            x = names[spec.lstrip("-")]
            start[fname] = -x if spec.startswith("-") else x
        else:
            start[fname] = spec
    return start, end


def find(
    text: str, start: int, end: int, g: Grammar, published: DateValue | None, future: bool
) -> list[Mention]:
    """The time expressions of text[start:end]: leftmost first, each the longest that resolves."""
    folded = norm(text[start:end])
    if not _DIGIT.search(folded) and (g.gate is None or not g.gate.search(folded)):
        return []
    t = _tokenize(text, start, end, folded, g)
    m = _Matcher(text, g, t)
    ref = reference(published)
    # An expression holds a digit or a gate word, a few tokens from its start at most: a token
    # with neither so close after it starts none. That spares walks from most "in", "the", "on".
    anchors = [i for i, w in enumerate(t.norms) if t.nums[i] >= 0 or w in g.anchors]
    out: list[Mention] = []
    a = 0  # anchors[a] is the first anchor at or after i
    i = 0
    while i < m.n and a < len(anchors):
        while a < len(anchors) and anchors[a] < i:
            a += 1
        if a == len(anchors):
            break
        if anchors[a] - i > g.lead or (t.nums[i] < 0 and t.norms[i] not in g.starts):
            i += 1
            continue
        for j, rule, rd in m.at(i):
            if rule.skip:  # words that look like a date and are not: consumed, nothing found
                i = j
                break
            cs, ce = t.starts[i], t.ends[j - 1]
            v = resolve_readings(rd, ref, future, text[cs:ce])
            if v is not None:
                out.append(Mention(cs, ce, text[cs:ce], "time", v))
                i = j
                break
        else:
            i += 1
    return out
