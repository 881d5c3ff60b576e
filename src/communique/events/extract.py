"""Events in one sentence: trigger phrases of the language pack and their argument frames.

No parser: a sentence is cut into clauses at boundary words and strong punctuation, its
entities grouped into lists ("Minsk, Moscow and Pyongyang"), each group tagged with the
preposition that governs it ("with Putin" -> with). A pattern's frame then names, in order
of preference, the slots its actor and recipient come from:

    subject     the nearest group before the trigger in its clause that no preposition governs
    object      the first such group after the trigger
    after       the first such group after the trigger (a subject after a V2 verb)
    possessive  "Putin's meeting"
    genitive    the group right after a noun trigger ("the visit of X", "визит председателя КНДР")
    complement  every group after the trigger in the sentence ("suggested that A, B and C …")
    clause      every other group in the clause
    <prep>      groups governed by a preposition class of syntax.yaml ("with", "to", "in", …)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from communique.actors.base import NONSTATE
from communique.actors.recognise import Entity, Sentence
from communique.events.ontology import ontology
from communique.events.phrases import Hit
from communique.lang.pack import LanguagePack
from communique.lang.schema import Pattern
from communique.prepare.tokens import Token
from communique.records import Actor, Mention

_STRONG = frozenset(";:[]\"«»“”„‟—")  # parentheses are asides within a clause, not its end
_QUOTES = frozenset("\"«»“”„‟")
_ASIDES = {"(": ")", '"': '"', "“": "”", "«": "»", "‘": "’", "'": "'"}
_DASHES = frozenset("–-")
AUX_ORDER = ("negation", "hypothetical", "future")


@dataclass
class Group:
    """Entities that act together ("Russia and North Korea"), with the preposition governing them."""

    members: list[Entity]
    first: int
    last: int
    preps: frozenset[str] = frozenset()
    possessive: bool = False
    case: str = ""  # "subject" / "object" when a glued particle says so; "bare" for none (where particles are used)

    @property
    def adjectival(self) -> bool:
        """Only country adjectives ("the Russian invasion"): usable by the modifier slot alone."""
        return all(m.kind == "adj" for m in self.members)

    @property
    def actors(self) -> list[Entity]:
        """The members that are political actors (not mere places)."""
        return [m for m in self.members if m.actor is not None]


@dataclass
class Draft:
    """An event found in a sentence, before it gets its document-level fields."""

    pattern: Pattern
    trigger: Hit[Pattern]
    actors: list[Entity]
    recipients: list[Entity]
    host: Entity | None = None
    location: Entity | None = None
    mode: str | None = None
    aux: str | None = None
    reported: bool = False
    contexts: list[str] = field(default_factory=list)
    time: Mention | None = None
    confidence: float = 0.5


def boundaries(sent: Sentence, asides: bool = False) -> list[bool]:
    """Tokens that start a new clause: strong punctuation, boundary words, ", and" before a non-entity;
    with `asides`, brackets or quotes around four words or fewer ("어제(24일)", "(현지시간)") cut nothing."""
    toks = sent.tokens
    starts = {e.first for e in sent.entities}
    out = [False] * len(toks)
    for i, t in enumerate(toks):
        spaced_dash = (t.text in _DASHES and 0 < i < len(toks) - 1
                       and toks[i - 1].end < t.start < t.end < toks[i + 1].start)
        boundary_word = "boundary" in sent.kinds[i]
        # ", and" starts a clause unless a list of entities goes on after it
        comma_and = (t.text == "," and i + 1 < len(toks) and "conj" in sent.kinds[i + 1]
                     and i + 2 not in starts and i + 3 not in starts)
        # ", der …" (a relative pronoun after a comma) starts a relative clause
        relative = (i > 0 and toks[i - 1].text == "," and "relative" in sent.kinds[i]
                    and i + 1 not in starts and not _article_before_noun(sent, i))
        out[i] = t.text in _STRONG or spaced_dash or boundary_word or comma_and or relative
    for i, t in enumerate(toks if asides else ()):
        pair = _ASIDES.get(t.text)
        close = next((k for k in range(i + 1, min(i + 6, len(toks))) if toks[k].text == pair), None)
        if close is not None:  # "어제(24일)", "“변화하는 시대의 요구”에"
            out[i] = out[close] = False
    return out


def _article_before_noun(sent: Sentence, i: int) -> bool:
    """", die Gespräche …": a relative pronoun's form used as an article before a capitalised noun
    (only where nouns are capitalised; the sentence carries no pack, so a capital after a lowercase
    article word is the sign)."""
    nxt = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
    return bool(nxt is not None and sent.tokens[i].text[:1].islower() and nxt.text[:1].isupper()
                and nxt.is_word)


def clause_of(bounds: Sequence[bool], i: int) -> tuple[int, int]:
    """The clause [start, end) holding token i; a boundary token opens the clause after it."""
    start = i
    while start > 0 and not bounds[start]:
        start -= 1
    end = i + 1
    while end < len(bounds) and not bounds[end]:
        end += 1
    return start, end


def groups(sent: Sentence, pack: LanguagePack) -> list[Group]:
    """Entities joined into lists by commas and conjunctions, with their governing preposition."""
    out: list[Group] = []
    toks = sent.tokens
    for e in sorted(sent.entities, key=lambda x: (x.first, x.last)):
        if out and _joinable(sent, out[-1], e, pack):
            out[-1].members.append(e)
            out[-1].last = max(out[-1].last, e.last)
            continue
        out.append(Group([e], e.first, e.last))
    for g in out:
        g.preps = _governing(sent, g.first)
        g.possessive = g.last < len(toks) and "poss" in sent.kinds[g.last]
        # postpositions glued to the group's last word ("셰스타코프와" -> with, "북한을" -> object)
        glued = pack.particle(toks[g.last - 1].norm)
        g.preps = g.preps or glued - _CASES
        g.possessive = g.possessive or "possessive" in glued
        bare = "bare" if pack.postpositions and not glued else ""
        g.case = next((c for c in ("subject", "object") if c in glued), bare)
    return out


_CASES = frozenset({"subject", "object", "possessive", "conj"})


def _joinable(sent: Sentence, g: Group, e: Entity, pack: LanguagePack) -> bool:
    if e.first < g.last:
        return True  # the same words read twice (e.g. "the two sides" standing for two states)
    between = range(g.last, e.first)
    if not between:  # "북한과 러시아": a conjunction glued to the first name
        return ("conj" in pack.particle(sent.tokens[g.last - 1].norm)
                and (g.members[-1].actor is None) == (e.actor is None))
    saw_joiner = saw_conj = False
    for k in between:
        t = sent.tokens[k]
        cls = sent.kinds[k]
        if t.text == "," or "conj" in cls:
            saw_joiner = True
            saw_conj = saw_conj or "conj" in cls
        elif "det" in cls or sent.covered[k]:
            continue
        else:
            return False
    last = g.members[-1]
    if not saw_conj and not (_has_country(last) and _has_country(e)):
        return False  # "According to the press, the minister …": a comma alone joins only named parties
    return (saw_joiner and (last.actor is None) == (e.actor is None)
            and (last.kind == "adj") == (e.kind == "adj"))


def _has_country(e: Entity) -> bool:
    return e.actor is not None and bool(e.actor.country)


_GOVERNING = {"loc": "_loc", "agent": "_agent", "connector": "of"}


def _governing(sent: Sentence, first: int) -> frozenset[str]:
    """The preposition classes of the (possibly multi-word) preposition right before a group, skipping
    determiners: "together with the Belarusian side" -> with."""
    k = first  # phrases ending at k end right before token k
    while k > 0:
        ending = sent.ends.get(k, ())
        # a preposition of several words that holds its article ("in die" = into) comes first …
        longer = {_governs(cls, name) for start, (cls, name) in ending
                  if start < k - 1 and (cls == "prep" or cls in _GOVERNING)}
        if longer:
            return frozenset(longer)
        # … then a determiner is skipped ("mit dem …"; "der" also a connector)
        if any(cls == "det" for _, (cls, _n) in ending):
            k -= 1
            continue
        return frozenset(_governs(cls, name) for _, (cls, name) in ending if cls == "prep" or cls in _GOVERNING)
    return frozenset()


def _governs(cls: str, name: str) -> str:
    return name if cls == "prep" else _GOVERNING[cls]


class Frames:
    """Argument slots of one sentence, computed on demand for each trigger."""

    def __init__(self, sent: Sentence, pack: LanguagePack, groups_: list[Group], bounds: list[bool],
                 trigger_starts: Sequence[int] = ()) -> None:
        self.sent = sent
        self.pack = pack
        self.groups = groups_
        self.bounds = bounds
        self.trigger_starts = sorted(trigger_starts)
        self.triggers: set[int] = set()  # first tokens of the triggers that are clause verbs (Korean)
        self.joiners = {w for c in pack.syntax.conjunctions for w in c.lower().split()}

    def next_trigger(self, trig: Hit[Pattern]) -> int:
        """Where the next trigger starts: a verb's prepositional phrases stop there ("agreed to mediation
        in the talks with X": X is the talks' partner)."""
        return next((t for t in self.trigger_starts if t > trig.first), len(self.sent.tokens))

    def _free(self, g: Group) -> bool:
        return not g.preps

    def _verb_between(self, g: Group, trig: Hit[Pattern]) -> bool:
        return any(g.last <= k < trig.first for k in self.triggers)

    def _object_of_the_verb_before(self, g: Group, trig: Hit[Pattern]) -> bool:
        """'A bomb killed two soldiers and wounded three': the soldiers are the first verb's object,
        and the second verb, joined to it by a conjunction alone, shares the first one's subject."""
        prev = [t for t in self.trigger_starts if t < g.first]
        if not prev or any(h is not g and prev[-1] < h.first and h.last <= g.first for h in self.groups):
            return False
        between = [t.norm for t in self.sent.tokens[g.last:trig.first]]
        return any(w in self.joiners for w in between) and all(w in self.joiners or w == "," for w in between)

    def _speaker(self, g: Group, trig: Hit[Pattern]) -> bool:
        """'Soldiers tortured detainees, a rights group said': the group after the comma is the one who
        speaks, not the verb's object."""
        toks = self.sent.tokens
        speech = self.pack.syntax.speech_verbs
        return (g.last < len(toks) and toks[g.last].norm in speech
                and any(t.text == "," for t in toks[trig.last:g.first]))

    def _fronted(self, trig: Hit[Pattern]) -> list[Group]:
        """The subject of the clause an attribution closes: '[X beat migrants], a rights group charged'
        -- the first free group of the sentence, when the trigger's own subject follows a comma."""
        toks = self.sent.tokens
        before = [g for g in self.groups if g.last <= trig.first]
        if not before or before[-1].last != trig.first:
            return []
        speaker = before[-1]
        k = speaker.first - 1
        while k >= 0 and toks[k].norm in self.pack.syntax.determiners:
            k -= 1
        if k < 0 or toks[k].text != ",":
            return []
        first = [g for g in before[:-1] if self._free(g) and not g.adjectival]
        return first[:1]

    def _modifier(self, g: Group) -> bool:
        """A name with no particle before a common noun modifies it ("일본 관광객들이"): no actor."""
        toks = self.sent.tokens
        return (g.case == "bare" and all(m.kind == "state" for m in g.members) and g.last < len(toks)
                and toks[g.last].is_word and not any(h.first == g.last for h in self.groups))

    @staticmethod
    def _bare_object(g: Group, trig: Hit[Pattern]) -> bool:
        """A name with no particle right before a verbal noun is its object ("북한 방문": visiting North Korea)."""
        return g.case == "bare" and g.last == trig.first

    def slot(self, name: str, trig: Hit[Pattern], clause: tuple[int, int], noun: bool,
             role: str = "actor") -> list[Group]:
        """The groups a named slot holds for this trigger; an adjective-only phrase ("a Chadian border
        post") may be a recipient, never an actor (except through the modifier slot)."""
        c0, c1 = clause
        # "attacked a Chadian border post" names Chad; "sent troops to Ukrainian territory" names no recipient
        loose = role == "recipient" and name not in ("to", "in", "from", "_loc")
        inside = [g for g in self.groups if g.first >= c0 and g.last <= c1 and (loose or not g.adjectival)]
        before = [g for g in inside if g.last <= trig.first]
        # after the first part: a discontinuous trigger's arguments stand between its parts ("warf X … vor")
        after = [g for g in inside if g.first >= trig.last]
        verb_final = self.pack.syntax.object_before_verb
        v2 = self.pack.syntax.subject_after_verb and not verb_final_only(self.pack)
        subject_first = any(self._free(g) and _known(g) for g in before)
        if name == "subject":
            cands = [g for g in before if self._free(g) and not g.possessive and not g.adjectival
                     and not self._bare_object(g, trig) and not self._modifier(g)
                     and (verb_final or not self._object_of_the_verb_before(g, trig))]
            if not cands and v2:  # "Am Montag empfing der Präsident …": the subject follows the verb
                return [g for g in after if self._free(g) and not g.adjectival][:1]
            if len(cands) > 1 and not verb_final and not _known(cands[-1]):
                cands = [g for g in cands if _known(g)] or cands  # "Korea began sending troops in …"
            if not cands:  # "Iran's religious leader … rejected": the owner stands for the subject
                cands = [g for g in before if self._free(g) and g.possessive]
            # a particle of the nominative marks the subject of the nearest verb (no trigger between)
            marked = [g for g in cands if g.case == "subject" and not self._verb_between(g, trig)]
            if marked:
                return marked[-1:]
            # verb-final clauses put subject and object before the verb: the subject comes first
            return cands[:1] if verb_final else cands[-1:]
        if name == "after":
            return [g for g in after if self._free(g) and not g.adjectival][:1]
        if name == "object":
            marked = [g for g in before if (g.case == "object" and not self._verb_between(g, trig))
                      or self._bare_object(g, trig)]
            if marked:  # "북한을 방문했다": the accusative particle marks the object
                return marked[-1:]
            # an adjective-only phrase is an object only right after the verb ("attacked a Chadian post")
            free_after = [g for g in after if self._free(g) and g.case != "subject"
                          and (not g.adjectival or g.first - trig.end <= 3) and not self._speaker(g, trig)]
            # after a V2 verb with its subject behind it, the object is the next free group
            cands = free_after[1:2] if v2 and not subject_first else free_after[:1]
            if not cands and verb_final:
                free = [g for g in before if self._free(g) and not g.possessive and g.case != "subject"
                        and not (g.case and self._verb_between(g, trig))
                        and not (g.case == "bare" and any(h.first == g.last and h.actors for h in self.groups))]
                cands = free[-1:] if self.pack.postpositions else free[1:][-1:]
            return cands
        if name == "fronted":  # "X beat migrants, a rights group charged": X, who did what is charged
            return self._fronted(trig)
        if name == "inner":  # "A는 [B가 … 공격했다고] 비난했다": the subject of a clause the verb governs
            return [g for g in before if g.case == "subject" and self._verb_between(g, trig)][-1:]
        if name == "possessive":
            return [g for g in before if g.possessive and trig.first - g.last <= 4][-1:]
        if name == "genitive":
            return [g for g in after if (not g.preps or "of" in g.preps) and g.first - trig.end <= 6][:1]
        if name == "nearest":
            return [g for g in self.groups if g.last <= trig.first and not g.adjectival][-1:]
        if name == "complement":
            # what the trigger's words say about others; the places where things happen only if nothing else
            comp = [g for g in self.groups if g.first >= trig.last and (role == "recipient" or not g.adjectival)]
            named = [g for g in comp if "_loc" not in g.preps]
            return named or comp
        if name == "modifier":
            return [g for g in self.groups if g.adjectival and g.last <= trig.first
                    and trig.first - g.last <= 2][-1:]
        if name == "clause":
            return inside
        # a preposition class: after the trigger; verb-final languages put it before the trigger too
        # a noun's own phrases follow it closely ("talks with X"), except where every phrase comes first (Korean)
        head_last = bool(self.pack.postpositions)
        pool = inside if (verb_final and (head_last or not noun)) or (
            self.pack.syntax.preps_before_verb and not noun) else after
        found = [g for g in pool if name in g.preps and not (g.case and self._verb_between(g, trig))
                 and (g.first < self.next_trigger(trig) or verb_final)]
        if noun and not head_last:
            found = [g for g in found if 0 <= g.first - trig.end <= 6]
        if role == "recipient" and found:  # "sent to X": one destination, the nearest
            return [min(found, key=lambda g: abs(g.first - trig.first))]
        return found


def _participle(t: Token, pack: LanguagePack) -> bool:
    """The word has the form of a participle in this language ("attacked", "shot")."""
    syn = pack.syntax
    return t.norm in syn.participles or any(t.norm.endswith(s) for s in syn.participle_suffixes)


def _reduced_passive(sent: Sentence, trig: Hit[Pattern], clause: tuple[int, int], pack: LanguagePack) -> bool:
    """A participle right before its agent with no auxiliary: "territory occupied by Russia"."""
    if not (trig.end < clause[1] and any(c == "agent" for c, _ in sent.classes[trig.end])):
        return False
    head = sent.tokens[trig.first].norm
    syn = pack.syntax
    if not (head in syn.participles or any(head.endswith(s) for s in syn.participle_suffixes)):
        return False
    return not any(c == "passive" for k in range(max(clause[0], trig.first - syn.passive_window), trig.first)
                   for c, _ in sent.classes[k])


def verb_final_only(pack: LanguagePack) -> bool:
    """Verb-final order rules (object before the verb) take precedence over V2 subject inversion."""
    return pack.syntax.object_before_verb and not pack.syntax.capitalised_nouns


def _known(g: Group) -> bool:
    """Some member has a country (not a group named without one, like "troops")."""
    return any(m.actor is not None and m.actor.country for m in g.members)


def _passive(sent: Sentence, trig: Hit[Pattern], clause: tuple[int, int], pack: LanguagePack) -> bool:
    """A participle trigger after an auxiliary of the passive ("was attacked", "has been indicted")."""
    syn = pack.syntax
    head = sent.tokens[trig.first].norm
    if not (head in syn.participles or any(head.endswith(s) for s in syn.participle_suffixes)):
        return False
    for k in range(max(clause[0], trig.first - syn.passive_window), trig.first):
        if any(c == "passive" for c, _ in sent.classes[k]):
            return True
    return False


def _members(gs: Sequence[Group]) -> list[Entity]:
    out: list[Entity] = []
    for g in gs:
        out.extend(g.actors)
    return out


def _unique(ents: list[Entity], exclude: Sequence[Entity] = ()) -> list[Entity]:
    """Entities once each (by actor), leaving out the very words already used in another role."""
    spans = {(e.start, e.end) for e in exclude}
    seen: set[str] = set()
    out = []
    for e in ents:
        if e.actor is not None and e.actor.id not in seen and (e.start, e.end) not in spans:
            seen.add(e.actor.id)
            out.append(e)
    return out


def _first_filled(frames: Frames, slots: Sequence[str], trig: Hit[Pattern], clause: tuple[int, int],
                  noun: bool) -> tuple[str, list[Group]]:
    for s in slots:
        gs = [g for g in frames.slot(s, trig, clause, noun) if g.actors]
        if gs:
            return s, gs
    return "", []


def extract(sent: Sentence, pack: LanguagePack, times: Sequence[Mention],
            mods: list[Hit[tuple[str, str]]]) -> list[Draft]:
    """The events of one read sentence, as drafts with actors, recipients, place, time and modality
    (`mods`: the sentence's modality hits, which the coder has found for its future tense)."""
    bounds = boundaries(sent, bool(pack.postpositions))
    inside_entity = {k for e in sent.entities for k in range(e.first, e.last)}
    hits = [h for h in _choose_triggers(sent, pack, bounds) if not set(range(h.first, h.last)) & inside_entity
            and not _hyphenated(sent, h)]
    if pack.postpositions:  # a bare verbal noun ("시대의 요구") is a thing named, not an event told
        hits = [h for h in hits if not _bare(sent, h)]
    if not hits:
        return []  # no trigger, no event: the groups, frames and cues of the sentence are not needed
    frames = Frames(sent, pack, groups(sent, pack), bounds, [h.first for h in hits])
    frames.triggers = {h.first for h in hits if _clause_verb(sent, pack, h)}
    ctx_hits = {h.value for h in pack.contexts.hits(sent.tokens)}
    drafts: list[Draft] = []
    absorbed_from: int | None = None
    for trig in hits:
        if absorbed_from is not None and trig.first > absorbed_from and not _setting(sent, trig):
            continue
        p = trig.value
        if _cancelled(sent, trig, pack):
            continue
        if drafts and _purpose(sent, trig):
            continue  # "… blocked roads to demand reforms": the goal of an act already coded
        if p.frame == "verb" and trig.first > 0 and any(
                c in ("det", "posspron") for c, _ in sent.classes[trig.first - 1]) and (
                _participle(sent.tokens[trig.first], pack) or pack.syntax.determiner_makes_noun):
            continue  # "the alleged violations", "their demands": an adjective or a noun, not the act
        if p.frame == "noun" and trig.first > 0 and any(c == "demonstrative" for c, _ in sent.classes[trig.first - 1]):
            continue  # "this visit": an event told before, not a new one
        d = _frame(sent, frames, trig, p, bounds)
        if d is None:
            continue
        clause = clause_of(bounds, trig.first)
        window = 2 if p.frame == "noun" else frames.pack.syntax.modality_window
        d.aux, d.reported = _modality(mods, trig, clause, window, noun=p.frame == "noun")
        if p.modal_content and d.aux in ("hypothetical", "future"):
            d.aux = None  # "X said A and B could cooperate": the modal belongs to what is proposed
        d.contexts = sorted(set(p.context) | ctx_hits)
        d.time = _time_for(sent, times, trig, clause)
        drafts.append(d)
        if p.absorb and not pack.postpositions:
            absorbed_from = trig.first  # from its first word: "wies den Vorschlag … zurück" holds what it rejects
    if pack.postpositions:  # verb-final: what an absorbing verb says stands between its actor and it
        drafts = [d for d in drafts if not any(_content(d, a, frames) for a in drafts if a.actors)]
    return [d for d in (_settle(d, drafts, sent, bounds) for d in drafts) if d is not None]


def _bare(sent: Sentence, h: Hit[Pattern]) -> bool:
    """The trigger's last word is a short stem alone, with no ending or particle ("요구", "회담"; a longer
    stem is a verb form already: "공급할")."""
    word = sent.tokens[h.last - 1].norm
    return len(word) <= 2 and word in h.phrase.parts[0][-1].stems


def _clause_verb(sent: Sentence, pack: LanguagePack, h: Hit[Pattern]) -> bool:
    """A trigger that closes a clause of its own: not a bare verbal noun ("요구"), nor one with a particle
    ("방문에 초청했다"), nor a verb linked to the next one with the same subject ("접견하고 … 평가했다")."""
    word = sent.tokens[h.last - 1].norm
    if _bare(sent, h):
        return False
    return ((not pack.particle(word) or pack.verb_form(word))
            and not (pack.syntax.linking_endings and word.endswith(tuple(pack.syntax.linking_endings))))


def _content(d: Draft, a: Draft, frames: Frames) -> bool:
    """Whether d is what the absorbing verb a says, in a verb-final clause: after a's actor and before a,
    with a subject of its own ("A는 [B가 … 공급했다고] 비난했다"), as a's object ("[석방을] 요구했다") or
    right before it ("[회담] 재개를 촉구했다"); not the setting ("회담에서 합의했다")."""
    start = max(e.last for e in a.actors)
    if not (a.pattern.absorb and start <= d.trigger.first < a.trigger.first):
        return False
    word = frames.sent.tokens[d.trigger.last - 1].norm
    glued = frames.pack.particle(word)
    own = any(g.case == "subject" and start <= g.first and g.last <= d.trigger.first
              and not frames._verb_between(g, d.trigger) for g in frames.groups)
    near = a.trigger.first - d.trigger.last <= 1 and not frames.pack.verb_form(word)
    return "_loc" not in glued and (own or "object" in glued or near)


def _settle(d: Draft, drafts: list[Draft], sent: Sentence, bounds: list[bool]) -> Draft | None:
    """Final participants: a noun with no actor of its own takes the actor of the verb it serves,
    when that is clear — a fronted adverbial ("During a meeting with X, Y proposed …": Y met X) or a
    possessive pronoun ("Y proposed it during his summit with X"); meetings list everyone as actors."""
    domestic = ontology().category(d.pattern.category).domestic_recipient
    # the police act at home: those they fire on or beat are of their own country
    policing = bool(d.actors) and all(a.actor is not None and a.actor.sector == "COP" for a in d.actors)
    # a domestic act by someone of no named country ("President X banned Ugandan opposition parties")
    d.actors = _placed(d.actors, d.location, d.recipients if domestic else ())
    d.recipients = _placed(d.recipients, d.location, d.actors if domestic or policing else ())
    if "recipient" in d.pattern.requires and not d.recipients:
        return None
    if not d.actors and d.pattern.together and len(d.recipients) >= 2:
        d.actors, d.recipients = d.recipients, []  # "talks between X and Y"
    if not d.actors:
        owner = _owner(sent, d.trigger.first)
        if owner is not None:
            d.actors = owner
        else:
            clause = clause_of(bounds, d.trigger.first)
            verbs = [v for v in drafts if v.pattern.frame == "verb" and v.actors
                     and clause[0] <= v.trigger.first < clause[1] and min(a.first for a in v.actors) > d.trigger.first]
            if not verbs:
                return None
            d.actors = list(min(verbs, key=lambda v: abs(v.trigger.first - d.trigger.first)).actors)
        d.recipients = _unique(d.recipients, d.actors)
        d.confidence = round(d.confidence * 0.85, 3)
    if d.pattern.together and d.host is None:
        d.actors = _unique(d.actors + d.recipients)
        d.recipients = []
    if d.pattern.frame == "noun" and d.pattern.category == "CONSULT" and len(d.actors) + len(d.recipients) < 2:
        # "proposed it to Putin at the talks in Sochi": the talks are between the verb's participants
        clause = clause_of(bounds, d.trigger.first)
        verbs = [v for v in drafts if v.pattern.frame == "verb" and clause[0] <= v.trigger.first < clause[1]
                 and v.pattern.category in _SAID_AT_TALKS]
        if verbs:
            v = min(verbs, key=lambda v: abs(v.trigger.first - d.trigger.first))
            d.actors = _unique(d.actors + v.actors + v.recipients)
    if "partner" in d.pattern.requires and d.host is None and len({_who(e) for e in d.actors + d.recipients}) < 2:
        return None  # a meeting needs two sides
    countries = {a.actor.country for a in d.actors if a.actor is not None}
    # an international body (the UN, an NGO) has no home country to act on
    if domestic and not d.recipients and len(countries) == 1 and not countries & NONSTATE:
        near = d.location is not None and min(abs(d.location.first - d.trigger.end),
                                             abs(d.trigger.first - d.location.last)) <= _NEAR
        # "reimposed blockades in the West Bank": there; a place named far off is where it was said
        where = (_country_of(d.location) if near else "") or countries.pop()
        d.recipients = [_implicit(sent, d.trigger, where, domestic)]
    return d


def _implicit(sent: Sentence, trig: Hit[Pattern], country: str, sector: str) -> Entity:
    """A recipient the convention supplies, not the words: an empty span at the trigger, marked implicit."""
    at = sent.tokens[trig.first].start
    return Entity(trig.first, trig.first, at, at, "", Actor(f"{country}/{sector}", country, country, sector),
                  "implicit")


def _country_of(e: Entity | None) -> str:
    if e is None:
        return ""
    if e.actor is not None:
        return e.actor.country
    return e.place.country if e.place is not None else ""


def _placed(ents: list[Entity], where: Entity | None, actors: Sequence[Entity] = ()) -> list[Entity]:
    """Give groups named without a country ("rebels", "demonstrators") the country of where the event
    happened, or, for recipients, the actors' own (domestic); drop them when neither is known."""
    country = ""
    if where is not None:
        country = where.actor.country if where.actor is not None else where.place.country if where.place else ""
    if not country and actors:
        known = {a.actor.country for a in actors if a.actor is not None and a.actor.country}
        country = known.pop() if len(known) == 1 else ""
    out = []
    for e in ents:
        if e.actor is not None and not e.actor.country:
            if not country:
                continue
            ident = (e.actor.id.replace("p:?:", f"p:{country.lower()}:") if e.actor.id.startswith("p:?:")
                     else f"{country}/{e.actor.sector}")
            e = replace(e, actor=replace(e.actor, id=ident, country=country))
        out.append(e)
    return out


def _who(e: Entity) -> str:
    return e.actor.id if e.actor is not None else e.text


def _owner(sent: Sentence, i: int) -> list[Entity] | None:
    """The entity a possessive pronoun before token i stands for ("its war" -> the state named last)."""
    k = i - 1
    while k >= 0 and not sent.classes[k] and sent.tokens[k].is_word and k > i - 3:
        k -= 1  # adjectives between pronoun and noun ("his recent summit")
    if k < 0 or not any(c == "posspron" for c, _ in sent.classes[k]):
        return None
    before = [e for e in sent.entities if e.last <= k and e.actor is not None and e.kind != "adj"]
    return [before[-1]] if before else None


# acts of a state on its territory: with no agent named, the state where they happen is the actor
_STATE_ACTS = frozenset({"ACCUSE", "COERCE", "SANCTION"})
def _hyphenated(sent: Sentence, trig: Hit[Pattern]) -> bool:
    """The trigger is the tail of a hyphenated word ("long-threatened", "Saudi-owned"): not a verb of its own."""
    i = trig.first
    return i in sent.hyphens and sent.tokens[i - 1].is_word


def _purpose(sent: Sentence, trig: Hit[Pattern]) -> bool:
    """The trigger opens an infinitive clause ("to demand", "um … zu"): the purpose of what came before."""
    return trig.first > 0 and any(c == "infinitive" for c, _ in sent.classes[trig.first - 1])


def _setting(sent: Sentence, trig: Hit[Pattern]) -> bool:
    """A meeting noun after an adjunct preposition ("at the talks", "на переговорах") is where the
    absorbing event took place, not part of what was said: it stands as an event of its own."""
    if trig.value.frame != "noun" or trig.value.category != "CONSULT":
        return False
    return any(c == "adjunct" for k in range(max(0, trig.first - 3), trig.first) for c, _ in sent.classes[k])


_NOUN_SIGNS = frozenset({"det", "posspron", "poss", "prep", "loc", "connector"})


def _choose_triggers(sent: Sentence, pack: LanguagePack, bounds: list[bool]) -> list[Hit[Pattern]]:
    """Leftmost-longest trigger hits; where a word is both a noun and a verb trigger ("visit", "talks"),
    the words before it decide: a determiner, possessive or preposition makes it a noun."""
    at: dict[int, list[Hit[Pattern]]] = {}
    # a quoted phrase stays inside the trigger's reach: "think about "three-way cooperation""
    gaps = [b and t.text not in _QUOTES for b, t in zip(bounds, sent.tokens, strict=True)]
    for h in pack.triggers.all_hits(sent.tokens, gaps):
        at.setdefault(h.first, []).append(h)
    out: list[Hit[Pattern]] = []
    taken = -1
    claimed: set[int] = set()  # the later words of discontinuous triggers ("lifted … curfew")
    for first in sorted(at):
        if first < taken or first in claimed:
            continue
        cands = at[first]
        if len({c.value.frame for c in cands}) > 1:
            want = "noun" if _looks_nominal(sent, first, pack) else "verb"
            cands = [c for c in cands if c.value.frame == want] or cands
        best = max(cands, key=lambda c: (c.last, c.phrase.length))
        out.append(best)
        taken = best.last
        claimed.update(best.indices)
    return out


def _looks_nominal(sent: Sentence, i: int, pack: LanguagePack | None = None) -> bool:
    """A determiner, possessive or preposition shortly before token i (adjectives may intervene),
    or, where nouns are capitalised, a capital letter inside the sentence."""
    if pack is not None and pack.syntax.capitalised_nouns and i > 0 and sent.tokens[i].text[:1].isupper():
        return True
    adj_ends = {e.last for e in sent.entities if e.kind == "adj"}
    for k in range(i - 1, max(-1, i - 4), -1):
        classes = {c for c, _ in sent.classes[k]}
        if "infinitive" in classes:
            return False
        if classes & _NOUN_SIGNS or k + 1 in adj_ends:
            return True
        if classes or not sent.tokens[k].is_word or sent.tokens[k].text[:1].isupper():
            return False
    return False


def _cancelled(sent: Sentence, trig: Hit[Pattern], pack: LanguagePack) -> bool:
    if not trig.value.unless:
        return False
    window = {t.norm for t in sent.tokens[max(0, trig.first - 2):trig.end + 2]}
    return any(u.casefold() in window for u in trig.value.unless)


def _frame(sent: Sentence, frames: Frames, trig: Hit[Pattern], p: Pattern, bounds: list[bool]) -> Draft | None:
    noun = p.frame == "noun"
    clause = clause_of(bounds, trig.first)
    actor_slots = p.actor or (["possessive", "modifier", "genitive", "subject"] if noun else ["subject"])
    if not noun and pack_subject_after(frames.pack) and "after" not in actor_slots and not p.actor:
        actor_slots = [*actor_slots, "after"]
    recip_slots = p.recipient if p.recipient is not None else ([] if noun else ["object"])
    if not noun and _reduced_passive(sent, trig, clause, frames.pack):
        return None  # "territory occupied by Russia" describes a state of things, not an event
    if not noun and _passive(sent, trig, clause, frames.pack):
        actor_groups = frames.slot("_agent", trig, clause, noun) or []
        recip_groups = frames.slot("subject", trig, clause, noun, "recipient")
        for s in recip_slots:  # "… wurden von Japan nach Bangladesch geliefert"
            if s not in ("object", "subject", "after") and s not in _CATCH_ALL:
                recip_groups += [g for g in frames.slot(s, trig, clause, noun, "recipient")
                                 if g not in recip_groups and g not in actor_groups]
        if not actor_groups and p.category in _STATE_ACTS:
            # "was put under investigation in Italy": the state where it was done did it
            actor_groups = [g for g in frames.groups if clause[0] <= g.first < clause[1] and _locative(frames, g)
                            and any(m.kind == "state" for m in g.members)][:1]
        if not actor_groups:
            return None
        used_slot = "_agent"
    else:
        used_slot, actor_groups = _first_filled(frames, actor_slots, trig, clause, noun)
        recip_groups = []
        for s in _ordered(recip_slots, frames, trig, clause, noun):
            recip_groups.extend(g for g in frames.slot(s, trig, clause, noun, "recipient") if g not in actor_groups)
    actors = _unique(_members(actor_groups))
    if not actors and not noun:
        return None
    host = None
    location = None
    for s in p.host:
        for g in frames.slot(s, trig, clause, noun, "recipient"):
            if g in actor_groups:
                continue
            cand = next((m for m in g.members if m.place is not None or m.actor is not None), None)
            if cand is not None:
                host = cand
                break
        if host is not None:
            break
    recipients = _unique(_members(recip_groups), actors)
    if host is not None:
        location = host
        if host.actor is not None and all(r.actor is None or r.actor.country != host.actor.country
                                          for r in recipients):
            recipients = [host, *recipients]
    if location is None:
        location = _location(frames, trig, clause, actor_groups)
        parties = [*actor_groups, *recip_groups]
        if location is not None and frames.pack.postpositions and parties \
                and location.last <= min(g.first for g in parties):
            location = None  # head-final: a place before every party belongs to the clause around it
    if "host" in p.requires and host is None:
        return None
    if "actor_person" in p.requires and actors and not any(a.kind in ("person", "body") for a in actors):
        return None
    conf = p.confidence * (0.85 if used_slot in ("after", "clause", "complement", "modifier") else 1.0)
    mode = _mode(sent, frames.pack, p, trig, clause)
    if "mode" in p.requires and mode is None:
        return None  # e.g. a mobilisation needs troops or weapons: "mobilized pressure groups" is none
    return Draft(p, trig, actors, recipients, host, location, mode=mode, confidence=round(conf, 3))


_CATCH_ALL = ("complement", "genitive", "clause")
# what is said or done across a table: its participants are those of the talks it was said at
_SAID_AT_TALKS = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "REJECT"})
_NEAR = 10  # words: how far from its trigger a place or time may stand


def _ordered(slots: Sequence[str], frames: Frames, trig: Hit[Pattern], clause: tuple[int, int],
             noun: bool) -> list[str]:
    """Recipient slots to use: the specific ones; the catch-alls (complement …) only when those find nothing."""
    specific = [s for s in slots if s not in _CATCH_ALL]
    if any(_known(g) for s in specific for g in frames.slot(s, trig, clause, noun, "recipient")):
        return specific
    return list(slots)


def _mode(sent: Sentence, pack: LanguagePack, p: Pattern, trig: Hit[Pattern], clause: tuple[int, int]) -> str | None:
    """The pattern's mode, or the mode of the cue nearest the trigger in its clause."""
    cues = pack.mode_cues.get(p.id)
    if cues is None:
        return p.mode
    hits = cues.all_hits(sent.tokens[clause[0]:clause[1]])
    if not hits:
        return p.mode
    pos = trig.first - clause[0]
    return min(hits, key=lambda h: (abs(h.first - pos), -h.phrase.length)).value


def pack_subject_after(pack: LanguagePack) -> bool:
    """Whether a verb's subject may follow it (German V2, Russian free order)."""
    return pack.syntax.subject_after_verb


def _locative(frames: Frames, g: Group) -> bool:
    """A locative preposition governs the group, or stands just before a named place ("im Ferienort Sotschi")."""
    if "_loc" in g.preps:
        return True
    if not any(m.place is not None for m in g.members):
        return False
    classes = frames.sent.classes
    return any(c == "loc" for k in range(max(0, g.first - 3), g.first) for c, _ in classes[k])


def _location(frames: Frames, trig: Hit[Pattern], clause: tuple[int, int], used: Sequence[Group]) -> Entity | None:
    """The place the event happened: a place (or country) governed by a locative preposition in the
    clause; of several, only one near the trigger ("… the meeting … took place in Lomé" has one)."""
    cands = [m for g in frames.groups
             if g not in used and clause[0] <= g.first and g.last <= clause[1] and _locative(frames, g)
             for m in g.members[:1] if m.place is not None or m.kind == "state"]
    if len(cands) > 1:
        # several places: the one near the trigger; one named far off belongs to something else
        cands = [m for m in cands if min(abs(m.first - trig.end), abs(trig.first - m.last)) <= _NEAR]
    return cands[0] if cands else None


def _modality(mods: Sequence[Hit[tuple[str, str]]], trig: Hit[Pattern],
              clause: tuple[int, int], window: int, noun: bool = False) -> tuple[str | None, bool]:
    """The auxiliary mode of a trigger from cues shortly before it in its clause (or right after):
    negation > hypothetical > future."""
    found: set[str] = set()
    reported = False
    for h in mods:
        aux, where = h.value
        if where == "before" and clause[0] <= h.first < trig.first:
            if trig.first - h.end > (3 if aux == "negation" else window):
                continue
            if aux == "reported":
                reported = True
                continue
            found.add(aux)
        elif where == "after" and trig.end <= h.first <= trig.end + 3 and h.first < clause[1]:
            found.add(aux)
        elif noun and where == "before" and aux != "negation" and trig.end <= h.first < clause[1]:
            found.add(aux)  # "the meeting will be about …": the noun is the subject of a future verb
    for aux in AUX_ORDER:
        if aux in found:
            return aux, reported
    return None, reported


def _word_distance(toks: Sequence[Token], m: Mention, trig: Hit[Pattern]) -> int:
    """Words between a time expression and a trigger."""
    first = next((i for i, t in enumerate(toks) if t.start >= m.start), len(toks))
    last = next((i for i, t in enumerate(toks) if t.start >= m.end), len(toks))
    if last <= trig.first:
        return trig.first - last
    if first >= trig.end:
        return first - trig.end
    return 0


def _reporting(sent: Sentence) -> list[tuple[int, int]]:
    """Character spans of attributions ("according to KCNA on Friday,"): their time is the report's."""
    spans = []
    for i, classes in enumerate(sent.classes):
        if any(c == "attribution" for c, _ in classes):
            j = i + 1
            while j < len(sent.tokens) and sent.tokens[j].text not in ",;:" and not any(
                    c == "boundary" for c, _ in sent.classes[j]):
                j += 1
            spans.append((sent.tokens[i].start, sent.tokens[j - 1].end))
    return spans


def _time_for(sent: Sentence, times: Sequence[Mention], trig: Hit[Pattern], clause: tuple[int, int]) -> Mention | None:
    """The time expression of a trigger: the nearest in its clause, else the sentence's only one."""
    reported = _reporting(sent)
    times = [m for m in times if not any(a <= m.start and m.end <= b for a, b in reported)]
    if not times:
        return None
    toks = sent.tokens
    c0 = toks[clause[0]].start
    c1 = toks[clause[1] - 1].end
    here = [m for m in times if c0 <= m.start and m.end <= c1]
    pos = toks[trig.first].start
    if len(here) == 1:
        return here[0]
    near = [m for m in here if _word_distance(toks, m, trig) <= 2 * _NEAR]
    if near:
        return min(near, key=lambda m: abs(m.start - pos))
    if here:
        return None
    # the sentence's one time, unless it stands in a later clause ("…, which will meet in June")
    distinct = {(getattr(m.value, "start", None), getattr(m.value, "end", None)) for m in times}
    return times[0] if len(distinct) == 1 and times[0].start < c1 else None
