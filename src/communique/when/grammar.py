"""The date grammar of a language pack (lang/data/<lang>/dates.yaml), validated and compiled.

A grammar is vocabulary plus patterns. The file's keys:

    months, weekdays      {1: [forms…], …}: every form of each month (1-12) and weekday (1 = Monday)
    numbers               {2: [two, a couple of], …}: number words for {num}
    classes               {name: {value: [forms…]}}: small word classes ("last" -1, "next" 1)
    ordinals              suffixes glued to a day number: [st, nd, rd, th], [er], ["-го"]
    glue                  particles glued to a date word, split off before matching (Korean)
    capitalized           vocabularies whose words must start with a capital ("May", not "may")
    patterns              the templates below

A form is tokenised like the text, so "aujourd'hui" and "the day before yesterday" are forms
of several tokens; a form ending in "." also matches without it ("Sept."). A template:

    literal words         matched by their normalised form ("on", "года", "jusqu'à")
    {day} {mm} {year}     a day number 1-31 (with a glued ordinal suffix), a month number,
                          a four-digit year
    {month} {weekday}     a word of the months / weekdays vocabulary
    {num}                 a small number in digits or words (a variable for `set`)
    {<class>}             a word of a class of the pack; binds the field of that name if the
                          class is named after a field, else a variable for `set`
    {date}                any pattern without {date} (an "atom"): how ranges and "since X"
                          are built from the atoms
    [ ... ]  ( a | b )    optional part; alternatives;  \\( \\[ \\| …  a literal bracket or bar

A slot name ending in "2" ({day2}, {date2}) fills the end of a range. `set` gives fields
fixed by the pattern: {day_rel: -1} for "yesterday", {day_rel: -num} for "{num} days ago",
{dir: last} for "last {weekday}". `skip: true` makes a pattern that consumes its words and
yields nothing ("por la mañana" is no "mañana" = tomorrow).

Templates expand to token sequences stored in tries, so that the matcher walks the tokens of a
sentence once and the longest expression wins. A gate regex, made of one word from each
sequence, lets a sentence with no date word through in microseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from itertools import product
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from communique.errors import PackError
from communique.lang.loader import pack_dir, read_yaml
from communique.prepare.tokens import norm

FILE = "dates.yaml"

# The fields of a reading: what an expression says about a time before it is resolved.
FIELDS = ("year", "month", "day", "weekday", "year_rel", "month_rel", "week_rel", "day_rel", "dir")
# last / next: strictly before / after the publication date ("last Tuesday");
# past / future: the latest / earliest one, the publication day itself included.
DIRS = ("last", "next", "past", "future")
# Built-in slots that read digits; month and weekday read the vocabulary of the same name.
DIGIT_SLOTS = ("day", "mm", "year")
BUILTIN_SLOTS = (*DIGIT_SLOTS, "num", "date", "month", "weekday")
# Where a slot's value goes: the field it fills (numeric months fill "month").
SLOT_FIELD = {"day": "day", "mm": "month", "year": "year", "month": "month", "weekday": "weekday"}
MAX_SEQUENCES = 4096  # per template: a guard against optional parts multiplying out of hand

# Tokens: digits, runs of letters (digits apart from letters: Korean "2023년", English "15th"),
# and any other non-space character on its own ("aujourd'hui" is three tokens, in the text and
# in the grammar alike).
_TOKEN = re.compile(r"\d+|[^\W\d]+|[^\w\s]")


def split(text: str) -> tuple[list[int], list[str]]:
    """The tokens of a text: their offsets and themselves."""
    words: list[str] = _TOKEN.findall(text)  # far faster than finditer and its match objects
    starts: list[int] = []
    pos = 0
    find = text.find
    for w in words:
        pos = find(w, pos)  # only spaces lie between two tokens: this is w's place
        starts.append(pos)
        pos += len(w)
    return starts, words


def token_norms(text: str) -> tuple[str, ...]:
    """The normalised tokens of a vocabulary entry or template literal."""
    return tuple(split(norm(text))[1])


# ---------------------------------------------------------------------------------------------
# The file as written (validated with pydantic; errors are turned into file:line messages)

def _form(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty form")
    return value


Forms = dict[int, list[Annotated[str, AfterValidator(_form)]]]


class PatternSpec(BaseModel):
    """One pattern entry: a template, the fields it sets, or a words-to-skip marker."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    match: str = Field(min_length=1)
    assign: dict[str, int | str] = Field(default_factory=dict, alias="set")
    skip: bool = False

    @field_validator("assign")
    @classmethod
    def _known_fields(cls, value: dict[str, int | str]) -> dict[str, int | str]:
        for name, v in value.items():
            if name not in FIELDS:
                raise ValueError(f"unknown field {name!r} in set (fields: {', '.join(FIELDS)})")
            if name == "dir" and v not in DIRS:
                raise ValueError(f"dir must be one of {', '.join(DIRS)}, not {v!r}")
        return value


class DatesSpec(BaseModel):
    """The whole dates.yaml of a language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    months: Forms
    weekdays: Forms
    numbers: Forms = Field(default_factory=dict)
    classes: dict[str, Forms] = Field(default_factory=dict)
    ordinals: list[str] = Field(default_factory=list)
    glue: list[str] = Field(default_factory=list)
    capitalized: list[str] = Field(default_factory=list)
    patterns: list[PatternSpec]

    @field_validator("patterns", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        # A bare string is the common case: a template whose slots fill the fields.
        if isinstance(value, list):
            return [{"match": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("months")
    @classmethod
    def _twelve(cls, value: Forms) -> Forms:
        if sorted(value) != list(range(1, 13)):
            raise ValueError("months must have the keys 1 to 12")
        return value

    @field_validator("weekdays")
    @classmethod
    def _seven(cls, value: Forms) -> Forms:
        if sorted(value) != list(range(1, 8)):
            raise ValueError("weekdays must have the keys 1 (Monday) to 7 (Sunday)")
        return value

    @model_validator(mode="after")
    def _names(self) -> DatesSpec:
        for name in self.classes:
            if name in BUILTIN_SLOTS or name == "numbers" or name == "dir" or not name.isidentifier():
                raise ValueError(f"class name {name!r} is reserved or not a plain name")
            if name.endswith("2"):
                raise ValueError(f"class name {name!r} may not end in 2 (that marks a range end)")
        known = {"months", "weekdays", "numbers", *self.classes}
        for name in self.capitalized:
            if name not in known:
                raise ValueError(f"capitalized: {name!r} is no vocabulary of this file")
        return self


# ---------------------------------------------------------------------------------------------
# The compiled grammar


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern as compiled: where it was written and what it sets."""

    index: int
    line: int
    template: str
    assign: tuple[tuple[str, int | str], ...]
    skip: bool


Edge = tuple[str, str, str, "Node"]  # kind ("lit" or a slot kind), key, bind name, child


@dataclass(slots=True)
class Node:
    """A trie node over token sequences: literal edges, slot edges, and the rule ending here."""

    lits: dict[str, Node] = field(default_factory=dict)
    slots: list[tuple[str, str, str, Node]] = field(default_factory=list)  # kind, key, bind name, child
    rule: Rule | None = None
    # The edges a walk may take, by the next token's word, and those any digit token may take.
    next: dict[str, tuple[Edge, ...]] = field(default_factory=dict)
    digits: tuple[Edge, ...] = ()

    def child(self, element: tuple[str, str, str]) -> Node:
        """The child along an element, created when missing."""
        kind, key, name = element
        if kind == "lit":
            return self.lits.setdefault(key, Node())
        for k, _, n, c in self.slots:
            if k == kind and n == name:
                return c
        node = Node()
        self.slots.append((kind, key, name, node))
        return node


def _index(node: Node, vocab: dict[str, Vocab], atoms: Node | None) -> None:
    """Fill in next and digits of every node below node (atoms: the root {date} reads)."""
    stack = [node]
    while stack:
        n = stack.pop()
        by_word: dict[str, list[Edge]] = {w: [("lit", w, "", c)] for w, c in n.lits.items()}
        digits: list[Edge] = []
        for edge in n.slots:
            kind, key, _, child = edge
            stack.append(child)
            words: set[str] = set()
            if kind == "class":
                words = set(vocab[key])
            elif kind == "num":
                words = set(vocab["numbers"])
                digits.append(edge)
            elif kind == "date" and atoms is not None:
                words = set(atoms.next)
                if atoms.digits:
                    digits.append(edge)
            else:
                digits.append(edge)
            for w in words:
                by_word.setdefault(w, []).append(edge)
        n.next = {w: tuple(edges) for w, edges in by_word.items()}
        n.digits = tuple(digits)
        stack.extend(n.lits.values())


# A vocabulary: first token -> [(remaining tokens, value)].
Vocab = dict[str, list[tuple[tuple[str, ...], int]]]


@dataclass(frozen=True, slots=True)
class Grammar:
    """A language's date grammar, ready for the matcher."""

    lang: str
    atoms: Node  # patterns without {date}
    compounds: Node  # patterns with {date}
    vocab: dict[str, Vocab]  # months, weekdays, numbers and the pack's classes
    capitalized: frozenset[str]
    ordinals: tuple[tuple[str, ...], ...]
    glue: tuple[str, ...]  # longest first
    known: frozenset[str]  # every word of the grammar: where glued particles may be split off
    starts: frozenset[str]  # words that can begin an expression
    gate: re.Pattern[str] | None  # a sentence with no digit and no match of this has no date
    anchors: frozenset[str]  # the gate's words: every expression has one of them or a digit
    lead: int  # the most tokens an expression can have before its first digit or gate word


# ---------------------------------------------------------------------------------------------
# Templates

_LEX = re.compile(r"\\(.)|\{(\w+)\}|([\[\]()|])|([^\s\[\]()|{}\\]+)|(\S)")

Element = tuple[str, str, str]  # (kind, key, bind name): ("lit", "on", ""), ("day", "", "day2")
Seq = tuple[Element, ...]


class TemplateError(ValueError):
    """A template that cannot be read (the caller adds file and line)."""


def _slot(name: str, classes: set[str]) -> Element:
    base = name[:-1] if name.endswith("2") and name[:-1] in (*BUILTIN_SLOTS, *classes) else name
    if base in DIGIT_SLOTS or base in ("num", "date"):
        return (base, "", name)
    if base in ("month", "weekday"):
        return ("class", base + "s", name)
    if base in classes:
        return ("class", base, name)
    raise TemplateError(f"unknown slot {{{name}}}")


def expand_template(template: str, classes: set[str]) -> list[Seq]:
    """Every token sequence a template stands for."""
    lexemes: list[tuple[str, Any]] = []
    for m in _LEX.finditer(template):
        escaped, slot, bracket, literal, other = m.groups()
        if slot is not None:
            lexemes.append(("el", (_slot(slot, classes),)))
        elif bracket is not None:
            lexemes.append(("op", bracket))
        elif escaped is not None or literal is not None:
            words = token_norms(escaped if escaped is not None else literal)
            lexemes.append(("el", tuple(("lit", w, "") for w in words)))
        else:
            raise TemplateError(f"unexpected {other!r}")
    pos = 0

    def alternatives(closer: str | None) -> list[Seq]:
        nonlocal pos
        options: list[Seq] = []
        current: list[Seq] = [()]
        while pos < len(lexemes):
            kind, value = lexemes[pos]
            pos += 1
            if kind == "el":
                current = [s + value for s in current]
            elif value in "([":
                inner = alternatives(")" if value == "(" else "]")
                if value == "[":
                    inner = [(), *inner]
                current = [s + t for s, t in product(current, inner)]
            elif value == "|":
                if closer is None:
                    raise TemplateError("'|' outside brackets: write (a | b)")
                options.extend(current)
                current = [()]
            elif value == closer:
                return options + current
            else:
                raise TemplateError(f"unbalanced {value!r}")
            if len(current) > MAX_SEQUENCES:
                raise TemplateError(f"expands to more than {MAX_SEQUENCES} sequences")
        if closer is not None:
            raise TemplateError(f"missing {closer!r}")
        return options + current

    seqs = alternatives(None)
    if any(not s for s in seqs):
        raise TemplateError("can match nothing at all")
    return list(dict.fromkeys(seqs))


# ---------------------------------------------------------------------------------------------
# Loading


def _vocab(forms: Forms) -> Vocab:
    out: Vocab = {}
    for value, surfaces in forms.items():
        for surface in surfaces:
            variants = [surface]
            if surface.endswith(".") and len(surface) > 1:
                variants.append(surface[:-1])  # "Sept." is also written "Sept"
            for v in variants:
                toks = token_norms(v)
                entry = (toks[1:], value)
                if entry not in out.setdefault(toks[0], []):
                    out[toks[0]].append(entry)
    return out


def _word_regex(words: set[str]) -> str:
    """A regex for a set of words, factored by prefix so that one position costs one branch."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends = "" in node
        parts = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return render(trie)


# The C loader when PyYAML has it: lines of patterns are read at every load, not only on errors.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_of(path: Path, loc: tuple[Any, ...]) -> int | None:
    """The line of the YAML node at a pydantic error location (as deep as the file has it)."""
    try:
        node: Any = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError):
        return None
    line = None if node is None else node.start_mark.line + 1
    for key in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if str(k.value) == str(key)), None)
            if nxt is None:
                nxt = next((k for k, _ in node.value if str(k.value) == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        if nxt is None:
            continue  # a location step the file does not have (a pydantic union tag, say)
        node = nxt
        line = node.start_mark.line + 1
    return line


def _item_lines(path: Path, key: str) -> list[int]:
    """The line of each item of a top-level list of the file."""
    try:
        node: Any = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError):
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    items = next((v for k, v in node.value if k.value == key), None)
    if not isinstance(items, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in items.value]


def _fail(path: Path, loc: tuple[Any, ...], message: str) -> PackError:
    line = _line_of(path, loc)
    where = f"{path}:{line}" if line is not None else str(path)
    return PackError(f"{where}: {message}")


def _word(tokens: tuple[str, ...]) -> str | None:
    """The word of a form that best stands for it in the gate: its longest alphabetic token."""
    words = [t for t in tokens if any(c.isalpha() for c in t)]
    return max(reversed(words), key=len) if words else None


def _gate_options(seq: Seq, vocab: dict[str, Vocab]) -> list[set[str]] | None:
    """Sets of words, each enough to find every match of the sequence; None when digits are.

    The gate always looks for digits, so a sequence with a digit slot needs no word.
    """
    if any(k in ("date", "day", "mm", "year") for k, _, _ in seq):
        return None  # {date}: the atoms' own words cover it

    def forms(key: str) -> set[str] | None:
        """Words for the forms of a vocabulary; forms with a digit ("9 월") need none."""
        out = set()
        for first, entries in vocab[key].items():
            for rest, _ in entries:
                form = (first, *rest)
                if any(t.isdecimal() for t in form):
                    continue
                w = _word(form)
                if w is None:
                    raise TemplateError(f"the form {' '.join(form)!r} has neither a word nor a number")
                out.add(w)
        return out or None

    options: list[set[str]] = []
    for k, key, _ in seq:
        if k == "class" and key in ("months", "weekdays"):
            words = forms(key)  # rare words in ordinary text: the best gate there is
            return None if words is None else [words]
    for k, key, _ in seq:
        words = forms("numbers" if k == "num" else key) if k in ("class", "num") else None
        if k == "lit" and any(c.isalpha() for c in key):
            words = {key}
        elif k in ("class", "num") and words is None:
            return None
        if words:
            options.append(words)
    if not options:
        raise TemplateError("a form of it has neither a word nor a number")
    return options


def _gate(options: list[list[set[str]]]) -> set[str]:
    """Rare words that together cover every sequence (a greedy set cover).

    A word the patterns use often is a common word of the language ("en", "de", "in"), and so
    is a very short one: a dozen month names cost less than either.
    """
    uses = Counter(w for opts in options for o in opts if len(o) == 1 for w in o)

    def cost(words: AbstractSet[str]) -> int:
        return sum(1 + uses[w] + (100 if len(w) <= 2 else 0) for w in words)

    chosen: set[str] = set()
    for opts in sorted(options, key=len):
        if not any(o <= chosen for o in opts):
            chosen |= min(opts, key=lambda o: cost(o - chosen))
    return chosen


def compile_spec(spec: DatesSpec, path: Path, lang: str) -> Grammar:
    """The compiled grammar of a validated spec (template errors name the file and line)."""
    vocab = {"months": _vocab(spec.months), "weekdays": _vocab(spec.weekdays),
             "numbers": _vocab(spec.numbers)}
    vocab.update({name: _vocab(forms) for name, forms in spec.classes.items()})
    classes = set(spec.classes)
    atoms, compounds = Node(), Node()
    gate_options: list[list[set[str]]] = []
    lines = _item_lines(path, "patterns")
    for index, p in enumerate(spec.patterns):
        loc = ("patterns", index)
        try:
            seqs = expand_template(p.match, classes)
        except TemplateError as exc:
            raise _fail(path, loc, f"pattern {p.match!r}: {exc}") from None
        compound = any(k == "date" for s in seqs for k, _, _ in s)
        line = lines[index] if index < len(lines) else 0
        rule = Rule(index, line, p.match, tuple(p.assign.items()), p.skip)
        for seq in seqs:
            names = {n for _, _, n in seq if n}
            for fname, value in p.assign.items():
                var = value.lstrip("-") if isinstance(value, str) and fname != "dir" else None
                if var is not None and var not in names:
                    raise _fail(path, loc, f"pattern {p.match!r}: set {fname}: {value} uses "
                                f"{{{var}}}, which this form of the template does not have")
            if not p.skip and not p.assign and not (names - {"num"}):
                raise _fail(path, loc, f"pattern {p.match!r}: a form of it fixes no field")
            node = compounds if compound else atoms
            for element in seq:
                node = node.child(element)
            if node.rule is None:  # the first pattern written wins over later duplicates
                node.rule = rule
            if not p.skip:  # words to skip only matter where something else matched
                try:
                    opts = _gate_options(seq, vocab)
                except TemplateError as exc:
                    raise _fail(path, loc, f"pattern {p.match!r}: {exc}") from None
                if opts is not None:
                    gate_options.append(opts)
    known = {w for v in vocab.values() for first, entries in v.items()
             for w in (first, *(t for rest, _ in entries for t in rest))}
    known |= _literals(atoms) | _literals(compounds)
    _index(atoms, vocab, None)
    _index(compounds, vocab, atoms)
    glue = tuple(sorted({norm(g) for g in spec.glue}, key=len, reverse=True))
    words = _gate(gate_options)
    # Whole words, or word starts where particles are glued on (Korean): a gate may let through
    # more than it must, never less. Digits are looked for apart (match.find), anywhere.
    end = "" if any(g[:1].isalpha() for g in glue) else r"(?![^\W\d_])"
    gate_re = re.compile(r"\b" + _word_regex(words) + end) if words else None
    atom_lead = _lead(atoms, vocab, words, 0)
    return Grammar(
        lang=lang,
        atoms=atoms,
        compounds=compounds,
        vocab=vocab,
        capitalized=frozenset(spec.capitalized),
        ordinals=tuple(token_norms(o) for o in spec.ordinals),
        glue=glue,
        known=frozenset(known),
        starts=frozenset(atoms.next) | frozenset(compounds.next),
        gate=gate_re,
        anchors=frozenset(words),
        lead=max(atom_lead, _lead(compounds, vocab, words, atom_lead)),
    )


def _lead(node: Node, vocab: dict[str, Vocab], anchors: set[str], date_lead: int) -> int:
    """The most tokens a walk from node can consume before it reaches a digit or gate word."""

    def first_anchor(tokens: tuple[str, ...]) -> int | None:
        return next((k for k, w in enumerate(tokens) if w in anchors or w.isdecimal()), None)

    best = 0
    for w, child in node.lits.items():
        if w not in anchors:
            best = max(best, 1 + _lead(child, vocab, anchors, date_lead))
    for kind, key, _, child in node.slots:
        if kind == "date":
            best = max(best, date_lead)
        elif kind in ("class", "num"):  # (digit slots are anchors themselves: a lead of 0)
            after = _lead(child, vocab, anchors, date_lead)
            for first, entries in vocab["numbers" if kind == "num" else key].items():
                for rest, _ in entries:
                    form = (first, *rest)
                    k = first_anchor(form)
                    best = max(best, k if k is not None else len(form) + after)
    return best


def _literals(node: Node) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        out.update(n.lits)
        stack.extend(n.lits.values())
        stack.extend(c for _, _, _, c in n.slots)
    return out


def _from_data(raw: Any, path: Path, lang: str) -> Grammar:
    try:
        spec = DatesSpec.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise _fail(path, tuple(first["loc"]), f"{where}: {first['msg']}") from None
    return compile_spec(spec, path, lang)


@cache
def grammar(lang: str) -> Grammar | None:
    """The compiled date grammar of a language pack, or None when the pack has none."""
    raw = read_yaml(lang, FILE)  # syntax errors come back as PackError with the line
    if raw is None:
        return None
    return _from_data(raw, pack_dir(lang) / FILE, lang)
