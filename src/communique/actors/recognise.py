"""Actors and places in a sentence: gazetteer names, titles and bodies, and people named in the text.

The sentence is read as a row of pieces (a gazetteer name, an office phrase, a capitalised
name, a function word, any other word), and noun phrases are composed from them:

    [det] [country adjective | country | country's]* office* [of/genitive country] [name]

so that "Belarusian Deputy Foreign Minister Yevgeny Shestakov", "der belarussische
Außenminister Maxim Ryschenkow", "глава МИД Белоруссии Максим Рыженков" and
"Im Chon Il, vice-minister of Foreign Affairs of the DPRK" each give one person with a
country, a sector and an office. Entities next to each other joined by "and"/commas form a
group: the unit an argument frame assigns to actor or recipient.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from communique.actors.base import ActorBase
from communique.actors.corefer import Memory
from communique.actors.gazetteer import Entry
from communique.actors.names import strip_case, translit_key
from communique.lang.pack import LanguagePack, Office
from communique.prepare.tokens import Token
from communique.records import Actor, Place

# Gazetteer readings, most specific first: a person beats an organisation beats a state …
_KIND_ORDER = ("person", "organisation", "country", "seat", "capital", "adjective", "demonym", "place")
_CASED = re.compile(r"[A-ZÀ-ÞА-ЯЁІЇЄҐΑ-Ω]")


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor (or a place) named by tokens first..last-1 of a sentence."""

    first: int
    last: int
    start: int
    end: int
    text: str
    actor: Actor | None  # None for a place that is not a political actor
    kind: str  # person | body | state | org | people | place
    place: Place | None = None
    named: bool = False  # carries a personal name


@dataclass
class Piece:
    """A run of tokens read as one unit."""

    first: int
    last: int
    kind: str  # gaz | office | name | word
    entries: tuple[Entry, ...] = ()
    office: Office | None = None
    kinds: frozenset[str] = frozenset()  # the classes of its function word (det, conj, prep …)
    reading: str = ""  # the most specific reading of its gazetteer entries (asked again and again)

    def entry(self, kind: str) -> Entry | None:
        """The gazetteer entry of a kind, if this piece has one."""
        return next((e for e in self.entries if e.kind == kind), None)

    def has(self, cls: str) -> bool:
        """True when the piece is a function word of a class (det, conj, prep …)."""
        return cls in self.kinds


@dataclass
class Sentence:
    """One sentence read for coding: tokens, function-word classes, entities, groups."""

    tokens: list[Token]
    classes: list[frozenset[tuple[str, str]]]
    covered: list[bool]  # token belongs to a multi-word function phrase started earlier
    # the class names alone ("det", "boundary" …) of classes[k]: asked of every token, often several times
    kinds: list[frozenset[str]] = field(default_factory=list)
    # function phrases ending right before token k: (their first token, (class, name))
    ends: dict[int, list[tuple[int, tuple[str, str]]]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    hyphens: set[int] = field(default_factory=set)  # tokens that follow a hyphen inside a word


def word_tokens(tokens: Sequence[Token]) -> list[Token]:
    """Drop hyphens inside words ("Jong-un" -> "Jong", "un"): names and phrases match either spelling."""
    n = len(tokens)
    return [t for i, t in enumerate(tokens)
            if not (t.text in "-‐‑" and 0 < i < n - 1 and tokens[i - 1].end == t.start
                    and tokens[i + 1].start == t.end)]


def _hyphen_joined(text: str, tokens: Sequence[Token]) -> set[int]:
    """The tokens that continue the previous word across a dropped hyphen ("Ri-nam")."""
    return {j for j, (a, b) in enumerate(pairwise(tokens), 1) if b.start == a.end + 1 and text[a.end] in "-‐‑"}


def _classes(tokens: list[Token], pack: LanguagePack) -> tuple[
        list[frozenset[tuple[str, str]]], list[bool], dict[int, list[tuple[int, tuple[str, str]]]]]:
    """Function-word classes by first token, tokens inside longer phrases, and classes by end token."""
    found: dict[int, set[tuple[str, str]]] = {}  # most tokens start no function phrase
    covered = [False] * len(tokens)
    ends: dict[int, list[tuple[int, tuple[str, str]]]] = {}
    longest: dict[int, int] = {}
    for h in pack.words.all_hits(tokens):
        found.setdefault(h.first, set()).add(h.value)
        ends.setdefault(h.end, []).append((h.first, h.value))
        longest[h.first] = max(longest.get(h.first, 0), h.end)
    for first, end in longest.items():
        for k in range(first + 1, end):
            covered[k] = True
    classes = [_NO_CLASSES] * len(tokens)
    for k, s in found.items():
        classes[k] = frozenset(s)
    return classes, covered, ends


_NO_CLASSES: frozenset[tuple[str, str]] = frozenset()
_NO_KINDS: frozenset[str] = frozenset()


def _kinds(classes: list[frozenset[tuple[str, str]]]) -> list[frozenset[str]]:
    """The class names of each token's function words."""
    return [frozenset(c for c, _ in cs) if cs else _NO_KINDS for cs in classes]


def _is_cased_upper(t: Token) -> bool:
    return bool(_CASED.match(t.text))


def _name_like(t: Token, pack: LanguagePack) -> bool:
    """Could start or continue a personal name: capitalised, or any word where the script has no case."""
    if not t.is_word or t.norm in pack.stopwords:
        return False
    return _is_cased_upper(t) if pack.syntax.cased_names else not t.text[:1].isdigit()


def _name_run(tokens: list[Token], hyphens: set[int], i: int, pack: LanguagePack, blocked: set[int],
              particles: frozenset[str]) -> int:
    """Index after a run of capitalised words starting at i (name particles allowed inside)."""
    j = i
    while j < len(tokens) and j not in blocked:
        t = tokens[j]
        capitalised = _name_like(t, pack) or (j > i and t.is_word and j in hyphens)
        particle = (t.norm in particles and j > i and j + 1 < len(tokens) and j + 1 not in blocked
                    and _is_cased_upper(tokens[j + 1]))
        if not (capitalised or particle):
            break
        j += 1
    return j


def _abbreviation_end(tokens: Sequence[Token], last: int) -> int:
    """'U.S. soldiers': the period that closes an abbreviated name belongs to it, so that the name
    composes with the noun after it (the period of a sentence's end stays outside)."""
    if 0 < last < len(tokens) - 1 and tokens[last].text == "." and tokens[last - 1].end == tokens[last].start:
        before = tokens[last - 1].text
        if len(before) == 1 and before.isalpha() and tokens[last + 1].is_word:
            return last + 1
    return last


def read_pieces(sent: Sentence, pack: LanguagePack,
                gaz_matches: Sequence[tuple[int, int, tuple[Entry, ...]]], blocked: set[int],
                particles: frozenset[str]) -> list[Piece]:
    """The sentence as pieces: gazetteer names, offices, capitalised names, other words (`particles`:
    the pack's name particles, casefolded)."""
    tokens = sent.tokens
    gaz = {first: (last, entries) for first, last, entries in gaz_matches}
    offices = {h.first: h for h in pack.offices.hits(tokens)}
    stops: set[int] = set()
    verbs: set[int] = set()
    if not pack.syntax.cased_names:
        # a caseless name ends with the word that carries its particle ("예브게니 셰스타코프가") or before a
        # function word; verb forms and trigger words ("방문한") are never names
        verbs = {k for k, t in enumerate(tokens) if pack.verb_form(t.norm)}
        verbs |= {h.first for h in pack.triggers.all_hits(tokens)}
        stops = {k + 1 for k, t in enumerate(tokens) if pack.particle(t.norm, 1)} | verbs | {
            k for k in range(len(tokens)) if _function_word(sent, k)}
    pieces: list[Piece] = []
    ends_a_name = blocked | set(gaz) | set(offices) | stops
    i = 0
    while i < len(tokens):
        g = gaz.get(i)
        o = offices.get(i)
        if g is not None and (o is None or g[0] >= o.last):
            pieces.append(Piece(i, g[0], "gaz", entries=g[1], reading=_reading(g[1])))
            i = g[0]
        elif o is not None:
            pieces.append(Piece(i, o.last, "office", office=o.value))
            i = o.last
        elif i not in blocked and _name_like(tokens[i], pack) and not _function_word(sent, i) and i not in verbs:
            j = _name_run(tokens, sent.hyphens, i, pack, ends_a_name, particles)
            j = max(j, i + 1)
            pieces.append(Piece(i, j, "name"))
            i = j
        else:
            pieces.append(Piece(i, i + 1, "word", kinds=sent.kinds[i]))
            i += 1
    return pieces


def _reading(entries: Sequence[Entry]) -> str:
    """The most specific gazetteer reading of a name."""
    kinds = {e.kind for e in entries}
    return next((k for k in _KIND_ORDER if k in kinds), "")


def _plain(p: Piece, sent: Sentence) -> bool:
    """An ordinary lowercase word (an adjective before a title), not a function word or a name."""
    if p.kind != "word" or p.last - p.first != 1:
        return False
    t = sent.tokens[p.first]
    return t.is_word and t.text[:1].islower() and not sent.classes[p.first]


def _function_word(sent: Sentence, i: int) -> bool:
    return bool(sent.classes[i]) or sent.covered[i]


@dataclass
class _NP:
    first_piece: int
    country: str = ""
    country_entry: Entry | None = None
    offices: list[Office] = field(default_factory=list)
    name: Piece | None = None
    person: Entry | None = None
    head: Piece | None = None  # a lone gazetteer name (state, organisation, place, people)


class Recogniser:
    """Finds the entities of sentences of one document, remembering its people as it goes."""

    def __init__(self, base: ActorBase, pack: LanguagePack, memory: Memory, when: date | None) -> None:
        self.base = base
        self.pack = pack
        self.gazetteer = base.gazetteer(pack.lang)
        self.memory = memory
        self.when = when
        self._sent = Sentence([], [], [])  # the sentence being read
        self.particles = frozenset(p.casefold() for p in pack.syntax.name_particles)  # once, not per sentence

    def sentence(self, text: str, tokens: list[Token], blocked: set[int]) -> Sentence:
        """Read one sentence: its function words, entities (persons remembered for later)."""
        classes, covered, ends = _classes(tokens, self.pack)
        sent = Sentence(tokens, classes, covered, _kinds(classes), ends)
        sent.hyphens = _hyphen_joined(text, tokens)
        self._sent = sent
        gaz = [(m.first, _abbreviation_end(tokens, m.last), tuple(m.entries)) for m in self.gazetteer.matches(tokens)]
        pieces = read_pieces(sent, self.pack, gaz, blocked, self.particles)
        sent.entities = self._compose(text, sent, pieces)
        return sent

    # --- composing noun phrases ------------------------------------------------------------

    def _compose(self, text: str, sent: Sentence, pieces: list[Piece]) -> list[Entity]:
        out: list[Entity] = []
        j = 0
        while j < len(pieces):
            p = pieces[j]
            if p.kind == "word" and not sent.classes[p.first]:
                j += 1  # a plain word: no stand-in, pronoun or noun phrase starts there
                continue
            first_classes = sent.kinds[p.first]
            stand_ins = (self.memory.last_participants if "collective" in first_classes
                         else self.memory.last_accusers if "accusation" in first_classes else ())
            if stand_ins:
                # "the two sides" -> the participants of the last meeting; "this accusation" -> its accusers
                end = self._phrase_end(sent, p.first)
                kind = "state" if "collective" in first_classes else "accusation"
                for a in stand_ins:
                    out.append(self._entity(text, sent, p.first, end, a, kind))
                j = max(self._piece_after(pieces, end), j + 1)
                continue
            if "pronoun" in first_classes and p.kind == "word" and self.memory.last_person is not None:
                out.append(self._entity(text, sent, p.first, p.last, self.memory.last_person, "person"))
                j += 1
                continue
            they = self.memory.last_participants or self.memory.last_group  # after a meeting: its sides
            if "plural_pronoun" in first_classes and p.kind == "word" and they:
                for a in they:
                    out.append(self._entity(text, sent, p.first, p.last, a, "body"))
                j += 1
                continue
            if p.kind == "word" and not p.has("det"):
                j += 1  # no noun phrase starts with a plain word (_noun_phrase would say so, slowly)
                continue
            np, k = self._noun_phrase(pieces, j)
            if np is None:
                j += 1
                continue
            out.extend(self._resolve(text, sent, pieces, np, j, k))
            j = max(k, j + 1)
        merged = [e for e in _appositions(text, out, sent, self) if e.actor is not None or e.kind == "place"]
        groups = [e.actor for e in merged
                  if e.actor is not None and e.actor.country and e.kind in ("body", "state", "people")]
        if groups:
            self.memory.last_group = (groups[-1],)  # "they" stands for the last group named
        return merged

    def _phrase_end(self, sent: Sentence, first: int) -> int:
        end = first + 1
        while end < len(sent.tokens) and sent.covered[end]:
            end += 1
        return end

    @staticmethod
    def _piece_after(pieces: list[Piece], token: int) -> int:
        return next((n for n, p in enumerate(pieces) if p.first >= token), len(pieces))

    def _noun_phrase(self, pieces: list[Piece], j: int) -> tuple[_NP | None, int]:
        """Compose a noun phrase starting at piece j; (None, j) when none starts there."""
        k = j
        while k < len(pieces) and pieces[k].kind == "word" and pieces[k].has("det"):
            k += 1
        np = _NP(j)
        start = k
        modifier: Piece | None = None
        # modifiers: country adjectives, countries before an office, "Russia's"
        while k < len(pieces):
            p = pieces[k]
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            reading = p.reading if p.kind == "gaz" else ""
            # "В Минске министр …": a city after a locative preposition is where, not whose
            governed = p.first > 0 and "loc" in self._sent.kinds[p.first - 1]
            if reading == "adjective" or (
                reading in ("country", "capital", "seat", "organisation") and not governed
                and nxt is not None and not self._closed(nxt)
                and (nxt.kind == "office" or (nxt.kind == "gaz" and nxt.reading == "adjective")
                     or (nxt.kind == "word" and nxt.has("poss")))
            ):
                e = p.entry(reading)
                if e is not None and not np.country:
                    np.country, np.country_entry = e.code, e
                    modifier = p
                k += 1
                if nxt is not None and nxt.kind == "word" and nxt.has("poss"):
                    # "Russia's": the possessive marker may be one token or two ("'" "s")
                    k = self._piece_after(pieces, self._phrase_end(self._sent, nxt.first))
                    m = k
                    while m < len(pieces) and m - k < 2 and _plain(pieces[m], self._sent):
                        m += 1  # "Iran's religious leader"
                    if not (m < len(pieces) and pieces[m].kind == "office"):
                        return _NP(j, head=p), start + 1
                continue
            break
        # plain words between the country and its office ("Iran's religious leader")
        m = k
        while modifier is not None and m < len(pieces) and m - k < 2 and _plain(pieces[m], self._sent):
            m += 1
        if m > k and m < len(pieces) and pieces[m].kind == "office":
            k = m
        while k < len(pieces) and pieces[k].kind == "office":
            office = pieces[k].office
            assert office is not None
            np.offices.append(office)
            k += 1
            if k < len(pieces) and self._closed(pieces[k]):
                break  # "외무장관은 | 소말리아 대표단을": a particle ends the phrase
            # "of Belarus", "von Belarus", genitive "МИД Белоруссии", "Außenminister Nordkoreas"
            m = k
            if m < len(pieces) and pieces[m].kind == "word" and pieces[m].has("connector"):
                m += 1
                while m < len(pieces) and pieces[m].kind == "word" and pieces[m].has("det"):
                    m += 1
            if m < len(pieces) and pieces[m].kind == "gaz" and pieces[m].reading in (
                    "country", "capital", "organisation", "seat", "adjective"):
                e = pieces[m].entry(pieces[m].reading)
                bare = m == k  # no "of"/article between: must be a genitive where the language marks it
                endings = self.pack.syntax.genitive_endings
                if bare and endings and not any(
                        self._sent.tokens[pieces[m].last - 1].norm.endswith(x) for x in endings):
                    e = None  # "besuchte der Präsident Litauen": Lithuania is the object, not his country
                if e is not None:
                    if not np.country:
                        np.country, np.country_entry = e.code, e
                    k = m + 1
        if k < len(pieces) and pieces[k].kind == "name" and (np.offices or np.country) and not self._closed(pieces[k]):
            np.name = pieces[k]
            k += 1
        elif k < len(pieces) and pieces[k].kind == "gaz" and pieces[k].reading == "person":
            np.person = pieces[k].entry("person")
            np.name = pieces[k]
            k += 1
        if np.offices or np.name:
            return np, k
        if modifier is not None and k > start:
            # a country (or its adjective) used as a modifier with no office after it: the
            # country itself, or for an adjective a modifier entity ("the Russian invasion")
            return _NP(j, head=modifier), k
        if start >= len(pieces):
            return None, j
        p = pieces[start]
        if p.kind == "gaz" and p.reading in (
                "country", "capital", "seat", "organisation", "demonym", "place", "person"):
            if p.reading == "person":
                return _NP(j, name=p, person=p.entry("person")), start + 1
            return _NP(j, head=p), start + 1
        if p.kind == "name":
            return _NP(j, name=p), start + 1
        return None, j

    def _bare(self, name: str) -> str:
        """A name without the particle glued to its last word in a caseless script (셰스타코프가 -> 셰스타코프)."""
        if self.pack.syntax.cased_names or not name.split():
            return name
        *head, last = name.split()
        return " ".join([*head, strip_case(last, self.pack.lang)])

    def _closed(self, p: Piece) -> bool:
        """A piece after a word with a particle (not the genitive) starts a phrase of its own in a caseless
        script ("차관은 | 임종일 …", "러시아가 | 분리주의 세력에"; but "벨라루스의 외무부 차관")."""
        return (not self.pack.syntax.cased_names and p.first > 0
                and bool(self.pack.particle(self._sent.tokens[p.first - 1].norm) - {"possessive"}))

    def _resolve(self, text: str, sent: Sentence, pieces: list[Piece], np: _NP, j: int, k: int) -> list[Entity]:
        """Turn a composed noun phrase into entities (a person remembered for later)."""
        first = pieces[j].first
        while first < pieces[k - 1].first and "det" in sent.kinds[first]:
            first += 1  # the entity's words begin after its determiners
        last = pieces[k - 1].last
        if np.head is not None:
            return self._head_entities(text, sent, np.head)
        office = np.offices[-1] if np.offices else None
        sector = _sector(np.offices)
        if np.name is not None:
            name_text = self._bare(text[sent.tokens[np.name.first].start:sent.tokens[np.name.last - 1].end])
            actor = self._person(name_text, np, office, sector)
            if actor is not None:
                self.memory.remember(name_text, actor)
            # an unknown name is kept without an actor: an apposition may still tell who it is
            return [self._entity(text, sent, first, last, actor, "person", named=True)]
        assert office is not None
        if not np.country:
            if office.kind == "body":
                # "rebels", "demonstrators", "security forces": whose they are may be where they act
                actor = Actor(f"?/{sector}", office.office, "", sector, office.office)
                return [self._entity(text, sent, first, last, actor, "body")]
            return []
        if office.kind == "person":
            holder = self.memory.holder(office.office, np.country)
            if holder is not None:
                return [self._entity(text, sent, first, last, holder, "person")]
            actor = Actor(f"{np.country}/{sector}/{office.office}", office.office, np.country, sector, office.office)
            return [self._entity(text, sent, first, last, actor, "person")]
        actor = Actor(f"{np.country}/{sector}", self.base.country_name(np.country), np.country, sector, office.office)
        return [self._entity(text, sent, first, last, actor, "body")]

    def _person(self, name: str, np: _NP, office: Office | None, sector: str) -> Actor | None:
        if len(name.replace(" ", "")) < 3:
            return None  # an initial ("Ю."), not a name to look up
        known = np.person.actor if np.person is not None and np.person.actor is not None else None
        if known is None:
            known = self.memory.resolve(name)
        # caseless scripts: any word may be a name, so a bare one must be known exactly (gazetteer, memory)
        if known is None and (self.pack.syntax.cased_names or np.country):
            known = self.base.find_person(name, self.pack.lang, self.when)
        if known is not None and (not np.country or known.country == np.country):
            if office and not known.office:
                known = replace(known, office=office.office, sector=known.sector or sector)
            return known
        key = translit_key(name.split()[-1]) if name.split() else translit_key(name)
        if not np.country:
            if not np.offices:
                return None
            # "President X" of no named country: the country of where X acts, if the sentence says
            return Actor(f"p:?:{key}", name, "", sector or "GOV", office.office if office else "", names=(name,))
        return Actor(f"p:{np.country.lower()}:{key}", name, np.country, sector or "GOV",
                     office.office if office else "", names=(name,))

    def _head_entities(self, text: str, sent: Sentence, p: Piece) -> list[Entity]:
        reading = p.reading
        e = p.entry(reading)
        if e is None:
            return []
        place = next((x.place for x in p.entries if x.place is not None), None)
        if reading == "place":
            return [self._entity(text, sent, p.first, p.last, None, "place", place=place)]
        if reading == "person" and e.actor is not None:
            return [self._entity(text, sent, p.first, p.last, e.actor, "person", named=True)]
        kind = {"organisation": "org", "demonym": "people", "adjective": "adj"}.get(reading, "state")
        actor = e.actor or self.base.country(e.code, e.sector)
        if actor.sector != e.sector and reading != "organisation":
            actor = replace(actor, sector=e.sector)
        return [self._entity(text, sent, p.first, p.last, actor, kind, place=place)]

    @staticmethod
    def _entity(text: str, sent: Sentence, first: int, last: int, actor: Actor | None, kind: str,
                place: Place | None = None, named: bool = False) -> Entity:
        start, end = sent.tokens[first].start, sent.tokens[last - 1].end
        return Entity(first, last, start, end, text[start:end], actor, kind, place, named)


def _sector(offices: list[Office]) -> str:
    """The sector of a phrase: its last office decides ("military delegation" -> MIL)."""
    return offices[-1].sector if offices else "GOV"


def _appositions(text: str, ents: list[Entity], sent: Sentence, rec: Recogniser) -> list[Entity]:
    """Merge "Name, office of Country," and "office of Country, Name," into one person."""
    out: list[Entity] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        adjacent = rec.pack.syntax.name_before_title and b is not None and b.first == a.last and a.named
        if b is not None and (adjacent or (b.first == a.last + 1 and sent.tokens[a.last].text == ",")):
            merged = _merge_apposition(text, a, b, rec)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _merge_apposition(text: str, a: Entity, b: Entity, rec: Recogniser) -> Entity | None:
    if a.named and not b.named and b.kind == "person":
        person, title = a, b
    elif b.named and not a.named and a.kind == "person":
        person, title = b, a
    else:
        return None
    if title.actor is None:
        return None
    known = person.actor
    if known is not None and known.office and known.country != title.actor.country:
        return None  # two different people side by side, not an apposition
    if known is not None and known.id.startswith("p:") and not known.id.startswith(f"p:{known.country.lower()}:"):
        known = None
    name = rec._bare(person.text)
    if known is None:
        actor = Actor(f"p:{title.actor.country.lower()}:{translit_key(name.split()[-1])}", name,
                      title.actor.country, title.actor.sector, title.actor.office, names=(name,))
    else:
        actor = replace(known, country=title.actor.country, sector=title.actor.sector,
                        office=known.office or title.actor.office)
    rec.memory.remember(name, actor)
    start, end = min(a.start, b.start), max(a.end, b.end)
    return replace(person, actor=actor, first=min(a.first, b.first), last=max(a.last, b.last),
                   start=start, end=end, text=text[start:end])
