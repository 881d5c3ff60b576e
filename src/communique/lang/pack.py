"""A language pack compiled for the coder: phrase sets built once per language and process."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from communique.errors import PackError
from communique.events.ontology import ontology
from communique.events.phrases import PhraseSet, parse_phrase
from communique.lang.loader import pack_dir, read_tsv
from communique.lang.schema import Modality, Pattern, Patterns, Syntax, load_yaml_file


@dataclass(frozen=True, slots=True)
class Office:
    """What a title or body word says about the entity it heads."""

    office: str  # canonical English label: "Foreign Minister", "Army"
    sector: str  # PLOVER sector code
    kind: str  # "person": a title that takes a name; "body": a collective (army, ministry, delegation)


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """Everything the coder knows about one language, compiled for matching."""

    lang: str
    syntax: Syntax
    words: PhraseSet[tuple[str, str]]  # function words: (class, name), e.g. ("prep", "with")
    offices: PhraseSet[Office]
    triggers: PhraseSet[Pattern]
    modality: PhraseSet[tuple[str, str]]  # (aux, "before" | "after")
    contexts: PhraseSet[str]
    stopwords: frozenset[str]
    mode_cues: dict[str, PhraseSet[str]]  # pattern id -> phrases that select one of its modes
    postpositions: tuple[tuple[str, frozenset[str]], ...] = ()  # (particle, its classes), longest first

    def particle(self, word: str, min_stem: int = 2) -> frozenset[str]:
        """Classes of the particle glued to the end of a word ("셰스타코프와" -> with); empty if none.
        Some particles follow only a closed syllable (명을), others only an open one (세르게이: none)."""
        syn = self.syntax
        for suffix, classes in self.postpositions:
            stem = word[: len(word) - len(suffix)]
            if word.endswith(suffix) and len(stem) >= min_stem and (
                    (suffix not in syn.closed_syllable_particles or _closed(stem[-1]))
                    and (suffix not in syn.open_syllable_particles or not _closed(stem[-1]))):
                return classes
        return frozenset()

    def verb_form(self, word: str) -> bool:
        """A word with the ending of a finite or linking verb (Korean 했다고, 비난하며)."""
        return bool(self.syntax.verb_endings) and word.endswith(tuple(self.syntax.verb_endings))


def _closed(letter: str) -> bool:
    """A syllable ending in a consonant: its decomposition ends in a final jamo (일 -> ᄋ ᅵ ᆯ)."""
    return "\u11a8" <= unicodedata.normalize("NFD", letter)[-1] <= "\u11ff"


def _postpositions(syntax: Syntax) -> tuple[tuple[str, frozenset[str]], ...]:
    by_form: dict[str, set[str]] = {}
    for cls, forms in syntax.postpositions.items():
        for f in forms:
            by_form.setdefault(f.casefold(), set()).add(cls)
    return tuple(sorted(((f, frozenset(c)) for f, c in by_form.items()), key=lambda x: -len(x[0])))


def _optional_yaml(path: Path, model: type) -> object:
    return load_yaml_file(model, path) if path.is_file() else model()


def _function_words(syntax: Syntax, where: str) -> PhraseSet[tuple[str, str]]:
    words: PhraseSet[tuple[str, str]] = PhraseSet()
    simple = {
        "det": syntax.determiners, "connector": syntax.connectors, "conj": syntax.conjunctions,
        "poss": syntax.possessive, "loc": syntax.locative, "boundary": syntax.boundaries,
        "pronoun": syntax.pronouns, "collective": syntax.collectives, "passive": syntax.passive,
        "agent": syntax.agent, "particle": syntax.name_particles, "accusation": syntax.accusations,
        "relative": syntax.relatives, "time_anaphor": syntax.time_anaphors,
        "demonstrative": syntax.demonstratives, "infinitive": syntax.infinitive_markers,
        "posspron": syntax.possessive_pronouns, "adjunct": syntax.adjuncts, "plural_pronoun": syntax.plural_pronouns,
        "attribution": syntax.attributions,
    }
    for cls, phrases in simple.items():
        for p in phrases:
            words.add(parse_phrase(p, (cls, ""), where))
    for name, phrases in syntax.prepositions.items():
        for p in phrases:
            words.add(parse_phrase(p, ("prep", name), where))
    return words


def _offices(lang: str) -> PhraseSet[Office]:
    path = pack_dir(lang) / "offices.tsv"
    out: PhraseSet[Office] = PhraseSet()
    if not path.is_file():
        return out
    sectors = ontology().sectors
    for n, (phrase, office, sector, kind) in read_tsv(path, 4):
        where = f"{path}:{n}"
        if sector not in sectors:
            raise PackError(f"{where}: unknown sector {sector!r}")
        if kind not in ("person", "body"):
            raise PackError(f"{where}: kind must be 'person' or 'body', not {kind!r}")
        # in this file "|" separates whole phrases ("foreign minister|foreign ministers")
        for alt in phrase.split("|"):
            out.add(parse_phrase(alt.strip(), Office(office, sector, kind), where))
    return out


def _check_pattern(p: Pattern, slots: set[str], where: str) -> None:
    onto = ontology()
    cat = onto.category(p.category) if p.category in onto.categories else None
    if cat is None:
        raise PackError(f"{where}: pattern {p.id}: unknown PLOVER category {p.category!r}")
    for mode in (p.mode, *p.modes):
        if mode and mode not in cat.modes:
            raise PackError(f"{where}: pattern {p.id}: {p.category} has no mode {mode!r}")
    for c in p.context:
        if c not in onto.contexts:
            raise PackError(f"{where}: pattern {p.id}: unknown context {c!r}")
    for s in (*(p.actor or ()), *(p.recipient or ()), *p.host):
        if s not in slots:
            raise PackError(f"{where}: pattern {p.id}: unknown slot {s!r} (known: {', '.join(sorted(slots))})")


FIXED_SLOTS = {"subject", "object", "after", "possessive", "genitive", "modifier", "complement", "clause",
               "nearest", "inner", "fronted"}


@cache
def load_pack(lang: str) -> LanguagePack:
    """The compiled pack of a language; PackError (file and line) when its data is malformed."""
    d = pack_dir(lang)
    if not (d / "pack.toml").is_file():
        raise PackError(f"{d}: no language pack for {lang!r}")
    syntax = _optional_yaml(d / "syntax.yaml", Syntax)
    assert isinstance(syntax, Syntax)
    words = _function_words(syntax, str(d / "syntax.yaml"))
    slots = FIXED_SLOTS | set(syntax.prepositions) | set(syntax.postpositions)
    triggers: PhraseSet[Pattern] = PhraseSet()
    ppath = d / "patterns.yaml"
    pats = _optional_yaml(ppath, Patterns)
    assert isinstance(pats, Patterns)
    mode_cues: dict[str, PhraseSet[str]] = {}
    for p in pats.patterns:
        _check_pattern(p, slots, str(ppath))
        for t in p.triggers:
            triggers.add(parse_phrase(t, p, f"{ppath}: pattern {p.id}"))
        if p.modes:
            cues: PhraseSet[str] = PhraseSet()
            for mode, phrases in p.modes.items():
                for ph in phrases:
                    cues.add(parse_phrase(ph, mode, f"{ppath}: pattern {p.id}, mode {mode}"))
            mode_cues[p.id] = cues
    mpath = d / "modality.yaml"
    mod = _optional_yaml(mpath, Modality)
    assert isinstance(mod, Modality)
    modality: PhraseSet[tuple[str, str]] = PhraseSet()
    for aux in ("future", "hypothetical", "negation"):
        for cue in getattr(mod, aux):
            modality.add(parse_phrase(cue, (aux, "before"), str(mpath)))
        for cue in getattr(mod, f"{aux}_after"):
            modality.add(parse_phrase(cue, (aux, "after"), str(mpath)))
    for cue in mod.reported:
        modality.add(parse_phrase(cue, ("reported", "before"), str(mpath)))
    contexts: PhraseSet[str] = PhraseSet()
    cpath = d / "contexts.yaml"
    if cpath.is_file():
        from communique.lang.loader import read_yaml

        raw = read_yaml(lang, "contexts.yaml") or {}
        if not isinstance(raw, dict):
            raise PackError(f"{cpath}: expected a mapping of context -> phrases")
        for ctx, phrases in raw.items():
            if ctx not in ontology().contexts:
                raise PackError(f"{cpath}: unknown context {ctx!r}")
            for p in phrases or ():
                contexts.add(parse_phrase(str(p), str(ctx), str(cpath)))
    stop = frozenset(w.casefold() for w in syntax.stopwords)
    return LanguagePack(lang, syntax, words, _offices(lang), triggers, modality, contexts, stop, mode_cues,
                        _postpositions(syntax))
