"""Coding one prepared document: recognise, extract, resolve, in reading order."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from communique.actors.base import ActorBase
from communique.actors.corefer import Memory
from communique.actors.recognise import Entity, Recogniser, word_tokens
from communique.events.extract import Draft, extract
from communique.events.ontology import ontology
from communique.lang.pack import load_pack
from communique.options import Options
from communique.prepare.tokens import Token, tokenize
from communique.records import (
    Actor,
    DateValue,
    Document,
    EventMention,
    Extraction,
    Mention,
    Place,
    Sentence,
)
from communique.when import find_dates


def _hash(*parts: object) -> str:
    key = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _mention(e: Entity) -> Mention:
    if e.actor is not None:
        return Mention(e.start, e.end, e.text, "actor", e.actor)
    assert e.place is not None
    return Mention(e.start, e.end, e.text, "place", e.place)


def _place_mention(e: Entity | None) -> Mention | None:
    if e is None:
        return None
    if e.place is not None:
        return Mention(e.start, e.end, e.text, "place", e.place)
    if e.actor is not None:
        return Mention(e.start, e.end, e.text, "place", Place(e.actor.name, e.actor.country))
    return None


def _blocked(tokens: list[Token], times: list[Mention]) -> set[int]:
    """Tokens inside time expressions: never read as names ("Tuesday", "April")."""
    if not times:  # most sentences: no walk over their tokens
        return set()
    return {i for i, t in enumerate(tokens) for m in times if m.start <= t.start and t.end <= m.end}


@dataclass
class Coder:
    """Codes documents with the language packs and the actor base, loaded once per process."""

    options: Options
    base: ActorBase

    @classmethod
    def load(cls, options: Options) -> Coder:
        """Load the actor base (and, lazily, the language packs) for a run."""
        return cls(options, ActorBase.load(options.languages, options.actors_file))

    def code(self, doc: Document) -> Extraction:
        """Events, actors, places and times of a prepared document."""
        assert doc.lang is not None
        pack = load_pack(doc.lang)
        memory = Memory(doc.lang)
        when = doc.published.start if doc.published else None
        rec = Recogniser(self.base, pack, memory, when)
        mentions: list[Mention] = []
        events: list[EventMention] = []
        undated: set[str] = set()  # events of sentences that name no time at all
        last_dated: DateValue | None = None
        lede: DateValue | None = None
        for s in doc.sentences:
            toks = word_tokens(tokenize(doc.text, s.start, s.end))
            if not toks:
                continue
            mods = pack.modality.all_hits(toks)
            future = any(h.value[0] == "future" for h in mods)
            times = find_dates(doc.text, s.start, s.end, doc.lang, doc.published, future)
            if s.index == 0:
                lede = _dateline(doc, times)
            sent = rec.sentence(doc.text, toks, _blocked(toks, times))
            mentions.extend(_mention(e) for e in sent.entities if e.actor is None or e.actor.country)
            mentions.extend(times)
            drafts = _dedupe(extract(sent, pack, times, mods))
            # the function words of the sentence are in sent.kinds already (pack.words over toks)
            anaphor = not times and any("time_anaphor" in kinds for kinds in sent.kinds)
            for d in drafts:
                em = self._event(doc, s, d, toks)
                if em.date is None and anaphor and last_dated is not None:
                    em = replace(em, date=replace(last_dated, inferred=True))
                elif not times:
                    undated.add(em.id)
                if em.date is not None and not em.date.inferred:
                    last_dated = em.date
                events.append(em)
                if em.category == "CONSULT":
                    memory.met(tuple(m.value for m in (*em.actors, *em.recipients) if isinstance(m.value, Actor)))
                elif em.category == "ACCUSE":
                    memory.accused(tuple(m.value for m in em.actors if isinstance(m.value, Actor)))
        linked = _reached_at_talks(link_within(events))
        default = lede or doc.published
        if default is not None:
            # an event told without a time is dated by the article (its dateline, else its publication
            # date), marked inferred, as event datasets do; not so for what is planned or supposed
            linked = [replace(em, date=replace(default, inferred=True))
                      if em.date is None and em.id in undated and em.aux in (None, "negation") else em
                      for em in linked]
        return Extraction(doc, tuple(mentions), tuple(linked))

    def _event(self, doc: Document, s: Sentence, d: Draft, toks: list[Token]) -> EventMention:
        category, mode = d.pattern.category, d.mode
        date_value = d.time.value if d.time is not None and isinstance(d.time.value, DateValue) else None
        if date_value is not None and date_value.start is None:
            date_value = None
        aux = d.aux
        if aux is None and date_value is not None and _after(date_value, doc.published):
            aux = "future"
        category, mode, aux = _reduce(category, mode, aux)
        cat = ontology().category(category)
        trig_start, trig_end = toks[d.trigger.indices[0]].start, toks[d.trigger.indices[-1]].end
        trig_text = doc.text[trig_start:trig_end]
        contexts = tuple(d.contexts)
        conf = d.confidence * (0.8 if d.reported else 1.0)
        return EventMention(
            id=_hash(doc.id, s.index, trig_start, d.pattern.category, d.pattern.id),
            doc_id=doc.id,
            sentence=s.index,
            category=cat.name,
            trigger_start=trig_start,
            trigger_end=trig_end,
            trigger_text=trig_text,
            actors=tuple(_mention(e) for e in d.actors),
            recipients=tuple(_mention(e) for e in d.recipients),
            mode=mode,
            contexts=contexts,
            location=_place_mention(d.location),
            date=date_value,
            aux=aux,  # type: ignore[arg-type]
            confidence=round(conf, 3),
            pattern=f"{doc.lang}:{d.pattern.id}:{d.trigger.phrase.text}",
            cameo=cat.cameo_of(mode, contexts),
            score=cat.score_of(mode),
            quad=cat.quad,
        )


# Announced actions, as the CAMEO-to-PLOVER table codes them: an announced withdrawal is a
# concession (the manual's example), an announced release, ceasefire or access an intent to
# yield (AGREE, CAMEO 035x); announced coercion, violence or protest are threats. An
# announced sanction stays a sanction (with aux=future): it is policy already taken.
_FUTURE_BECOMES = {"RETREAT": "AGREE", "COERCE": "THREATEN", "ASSAULT": "THREATEN", "PROTEST": "THREATEN"}
_THREAT_MODES = {"curfew": "restrict", "martial-law": "restrict", "restrict": "restrict", "arrest": "arrest",
                 "deport": "expel", "expel": "expel", "withdraw": "relations", "discontinue": "restrict",
                 "obstruct": "restrict", "strike": "restrict", "demo": "restrict", "boycott": "restrict"}


def _reduce(category: str, mode: str | None, aux: str | None) -> tuple[str, str | None, str | None]:
    """Apply the manual's category rules for announced actions: the announcement is the event."""
    if aux != "future" or category not in _FUTURE_BECOMES:
        return category, mode, aux
    new = "CONCEDE" if category == "RETREAT" and mode == "withdraw" else _FUTURE_BECOMES[category]
    if new == "THREATEN":
        return new, _THREAT_MODES.get(mode or "", "violence" if category == "ASSAULT" else None), None
    return new, None, None


_DATELINE = re.compile(r"^\s*[A-ZÀ-ÞА-ЯЁІЇЄҐ][\w .'’-]{1,40},\s*$")


def _dateline(doc: Document, times: list[Mention]) -> DateValue | None:
    """The date of a dateline ("SOCHI, September 15. …", "MINSK, 15. September (BelTA) –"): the day of the lede."""
    if not times or times[0].start > 60:
        return None
    value = times[0].value
    if not isinstance(value, DateValue) or value.precision != "day":
        return None
    return value if _DATELINE.match(doc.text[: times[0].start]) else None


def _after(d: DateValue, published: DateValue | None) -> bool:
    """The event's time lies wholly after the publication date."""
    return bool(published and published.end and d.start and d.start > published.end)


def _participants(d: Draft) -> frozenset[str]:
    return frozenset(e.actor.country for e in (*d.actors, *d.recipients) if e.actor is not None)


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One draft per event in a sentence: of two with one category whose participants are equal or
    one set within the other, keep the fuller (then the more confident)."""
    keep: list[Draft] = []
    for d in sorted(drafts, key=lambda x: (-len(_participants(x)), -x.confidence)):
        mine = _participants(d)
        if not any(k.pattern.category == d.pattern.category and mine <= _participants(k) for k in keep):
            keep.append(d)
    return [d for d in drafts if d in keep]


def _codes(em: EventMention) -> frozenset[str]:
    return frozenset(getattr(m.value, "country", "") for m in (*em.actors, *em.recipients))


def _compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None or a.end is None or b.end is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _same_place(a: EventMention, b: EventMention) -> bool:
    """Locations do not contradict each other (either is unknown, or both are in one country)."""
    if a.location is None or b.location is None:
        return True
    return getattr(a.location.value, "country", None) == getattr(b.location.value, "country", None)


def link_within(events: list[EventMention]) -> list[EventMention]:
    """Mentions in one document that tell the same event (category, participants, date, place) share an
    event id; a member whose date is wider than another member's takes that date, inferred."""
    chains: list[list[int]] = []
    for n, em in enumerate(events):
        codes = _codes(em)
        for chain in chains:
            first = events[chain[0]]
            if (first.category == em.category and _codes(first) == codes
                    and all(_compatible(events[m].date, em.date) and _same_place(events[m], em) for m in chain)
                    and all((events[m].aux == "negation") == (em.aux == "negation") for m in chain)):
                chain.append(n)
                break
        else:
            chains.append([n])
    out = list(events)
    for chain in chains:
        eid = "e" + _hash(events[chain[0]].doc_id, events[chain[0]].id)
        best = _narrowest([events[m].date for m in chain])
        for m in chain:
            em = events[m]
            date = em.date
            # a wider date narrows to the chain's; an undated headline takes its story's date
            if best is not None and ((date is not None and _wider(date, best)) or (date is None and em.sentence == 0)):
                date = replace(best, inferred=True)
            out[m] = replace(em, event_id=eid, date=date)
    return out


_OUTCOMES = frozenset({"AGREE", "SUPPORT"})


def _reached_at_talks(events: list[EventMention]) -> list[EventMention]:
    """An agreement told without a date takes the date of the talks between the same parties that the
    document tells ("X and Y held talks on Thursday … The two sides agreed …"), marked inferred."""
    talks = [(em.sentence, _codes(em), em.date) for em in events
             if em.category == "CONSULT" and em.date is not None and not em.date.inferred and em.aux is None]
    out = []
    for em in events:
        if em.category in _OUTCOMES and em.date is None and em.aux is None:
            same = [(abs(sent - em.sentence), date) for sent, codes, date in talks if codes == _codes(em)]
            if same:
                em = replace(em, date=replace(min(same, key=lambda x: x[0])[1], inferred=True))
        out.append(em)
    return out


def _width(d: DateValue) -> int:
    assert d.start is not None and d.end is not None
    return (d.end - d.start).days


def _narrowest(dates: list[DateValue | None]) -> DateValue | None:
    known = [d for d in dates if d is not None and d.start is not None and d.end is not None]
    return min(known, key=_width) if known else None


def _wider(d: DateValue, than: DateValue) -> bool:
    """d strictly contains `than` (so `than` is the more precise telling of the same time)."""
    if d.start is None or d.end is None or than.start is None or than.end is None:
        return False
    return d.start <= than.start and than.end <= d.end and _width(d) > _width(than)
