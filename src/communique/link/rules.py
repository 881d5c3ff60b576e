"""What makes two reports tell the same real-world event: the linker's rules, as plain functions.

A mention is seen by the linker as a `LinkMention`: its category, the country codes of its
actors and recipients (so languages and scripts no longer matter), its own date as the text
fixes it, its auxiliary mode, location, the people it names, and its document's publication
date. Everything here is a pure function of one or two of those.

Rules, and why:

- Category family. A mention links only within its category, except AGREE and SUPPORT, which
  coders split differently for one act (a treaty "signed" vs "backed"): those two link only
  when both are dated to the day. CONSULT does not absorb AGREE: "agreed to expand contacts"
  during a visit is its own event (and the evaluation codes it so). A planned visit is CONSULT
  with aux=future and links to the visit itself (aux classes below).
- Aux class. Reported-as-happened and planned (aux None / future) are one class, because the
  announcement of a visit and the visit are one event; hypothetical and negated events link
  only with their own kind.
- Participants, through resolved country codes. For the symmetric categories (CONSULT, AGREE,
  SUPPORT, COOPERATE) direction is ignored: the two sets must share two codes (or all of the
  smaller one when it has fewer). For the others the actor sets must overlap, and the
  recipient sets too when both name one. Two visits in opposite directions never link.
- Dates: intervals [start, end] at their precision, overlapping after a slack of a day
  (reports disagree by a day across time zones and "yesterday"), three days for CONSULT
  (a visit spans several days, and its meetings are reported on different ones).
- Location: compatible when absent on one side or the same country.

Blocking is by stream, (family, unordered participant pair): a mention with participants
{BLR, RUS, PRK} is in three streams; one with a single participant in its own stream; a
meeting of more than six in one stream of its exact set. Only mentions sharing a stream and
an overlapping time window are ever compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from communique.records import Actor, Document, EventMention

SYMMETRIC = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
FAMILY = {"SUPPORT": "AGREE"}  # category -> family; a category not named is its own family
SLACK_DAYS = {"CONSULT": 3}  # family -> days of slack when comparing dates; default 1
SPAN_DAYS = {"CONSULT": 14}  # family -> longest span one event may have; default 4
FINE_DAYS = 14  # a day-precision interval at most this long anchors events ("fine")
COARSE_DAYS = 62  # a bounded interval at most this long is "coarse" (a month); longer ones are "wide"
RECENT_DAYS = 60  # an undated report of something done looks this far back from publication
AHEAD_DAYS = 366  # an undated announcement looks this far ahead
MAX_STREAM_CODES = 6  # more participants than this: one stream for the exact set

_CODE_FORM = re.compile(r"^[A-Z]{3}(/[A-Z]{3})?$")


@dataclass(frozen=True, slots=True)
class LinkMention:
    """An event mention as the linker sees it: codes, dates and the document's context."""

    id: str
    doc_id: str
    category: str
    actors: tuple[str, ...] = ()  # country codes
    recipients: tuple[str, ...] = ()
    mode: str | None = None
    aux: str | None = None
    start: date | None = None  # the mention's own date (never one pinned by an earlier link)
    end: date | None = None
    precision: str | None = None
    location: str | None = None
    persons: frozenset[str] = frozenset()  # ids of named people (not bare country/sector codes)
    published: date | None = None
    published_end: date | None = None
    published_precision: str | None = None
    outlet: str | None = None
    lang: str | None = None
    confidence: float = 0.5


def family(category: str) -> str:
    """The category family a category links within."""
    return FAMILY.get(category, category)


def slack(fam: str) -> int:
    """Days of slack when comparing dates within a family."""
    return SLACK_DAYS.get(fam, 1)


def span_limit(fam: str) -> int:
    """The longest span, in days, of one event of a family."""
    return SPAN_DAYS.get(fam, 4)


def aux_class(aux: str | None) -> str:
    """'real' for reported and planned events, else the aux itself (hypothetical, negation)."""
    return "real" if aux in (None, "future") else str(aux)


def is_person(actor_id: str | None, office: object = None) -> bool:
    """Whether an actor id names a person: 'p:…' ids, or an id with an office that is not a bare code."""
    if not actor_id or _CODE_FORM.match(actor_id):
        return False
    return actor_id.startswith("p:") or bool(office)


def participants(m: LinkMention) -> frozenset[str]:
    """All country codes of a mention, actors and recipients."""
    return _participants(m.actors, m.recipients)


@lru_cache(maxsize=1 << 16)
def _participants(actors: tuple[str, ...], recipients: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c for c in (*actors, *recipients) if c)


def streams(m: LinkMention) -> tuple[str, ...]:
    """The blocking streams of a mention: its unordered participant pairs (or set, or single code)."""
    return _streams(m.actors, m.recipients)


@lru_cache(maxsize=1 << 16)
def _streams(actors: tuple[str, ...], recipients: tuple[str, ...]) -> tuple[str, ...]:
    codes = sorted(_participants(actors, recipients))
    if not codes:
        return ()
    if len(codes) == 1:
        return (codes[0] + "|",)
    if len(codes) > MAX_STREAM_CODES:
        return ("*" + ",".join(codes),)
    return tuple(f"{a}|{b}" for i, a in enumerate(codes) for b in codes[i + 1:])


def signature(m: LinkMention) -> str:
    """Who, as a key: the participant set for symmetric categories, actors>recipients otherwise."""
    if m.category in SYMMETRIC or not m.actors:
        return ",".join(sorted(participants(m)))
    return ",".join(sorted(set(m.actors))) + ">" + ",".join(sorted(set(m.recipients)))


def kind(m: LinkMention) -> str:
    """'fine' (dated to the day, a short interval), 'coarse' (a month or so) or 'wide' (a year, undated)."""
    if m.start is None or m.end is None or m.precision in (None, "unknown", "year"):
        return "wide"
    days = (m.end - m.start).days
    if m.precision == "day" and days <= FINE_DAYS:
        return "fine"
    return "coarse" if days <= COARSE_DAYS else "wide"


def window(m: LinkMention) -> tuple[date | None, date | None]:
    """Where the event of a mention can lie: its dates with slack, or what its publication allows."""
    s = timedelta(days=slack(family(m.category)))
    if kind(m) != "wide" or (m.start is not None and m.end is not None and m.precision == "year"):
        assert m.start is not None and m.end is not None
        return m.start - s, m.end + s
    if m.published is None:
        return None, None
    pub_end = m.published_end or m.published
    if m.aux is None:  # reported as done: before publication, recently
        return m.published - timedelta(days=RECENT_DAYS), pub_end + s
    if m.aux == "future":  # announced: after publication
        return m.published - s, pub_end + timedelta(days=AHEAD_DAYS)
    return m.published - timedelta(days=RECENT_DAYS), pub_end + timedelta(days=AHEAD_DAYS)


def overlaps(lo1: date | None, hi1: date | None, lo2: date | None, hi2: date | None) -> bool:
    """Two closed intervals (None for unbounded) share a day."""
    return (lo1 is None or hi2 is None or lo1 <= hi2) and (lo2 is None or hi1 is None or lo2 <= hi1)


def who_compatible(category: str, act1: frozenset[str], rec1: frozenset[str],
                   act2: frozenset[str], rec2: frozenset[str]) -> bool:
    """Participants compatible: shared pair for symmetric categories, overlapping sides for others."""
    p1, p2 = act1 | rec1, act2 | rec2
    if category in SYMMETRIC or not act1 or not act2:
        return len(p1 & p2) >= min(2, len(p1), len(p2))
    return bool(act1 & act2) and (not rec1 or not rec2 or bool(rec1 & rec2))


def reversed_visits(visitors1: frozenset[str], hosts1: frozenset[str],
                    visitors2: frozenset[str], hosts2: frozenset[str]) -> bool:
    """One side's visitors are the other's hosts and vice versa: visits in opposite directions."""
    if not (visitors1 and hosts1 and visitors2 and hosts2):
        return False
    return not (visitors1 & visitors2) and bool(visitors1 & hosts2) and bool(visitors2 & hosts1)


def visit_sides(m: LinkMention) -> tuple[frozenset[str], frozenset[str]]:
    """(visitors, hosts) of a visit with both sides named; empty sets otherwise."""
    if m.mode != "visit" or not m.actors or not (m.recipients or m.location):
        return frozenset(), frozenset()
    hosts = frozenset(m.recipients) if m.recipients else frozenset({m.location or ""})
    return frozenset(m.actors) - hosts, hosts


def compatible(a: LinkMention, b: LinkMention) -> bool:
    """Whether two day-dated mentions can tell the same event (category, aux, who, when, where)."""
    fam = family(a.category)
    if fam != family(b.category) or aux_class(a.aux) != aux_class(b.aux):
        return False
    if a.category != b.category and (a.precision != "day" or b.precision != "day"):
        return False
    if a.location and b.location and a.location != b.location:
        return False
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    s = timedelta(days=slack(fam))
    if not (a.start - s <= b.end and b.start - s <= a.end):
        return False
    if not who_compatible(a.category, frozenset(a.actors), frozenset(a.recipients),
                          frozenset(b.actors), frozenset(b.recipients)):
        return False
    return not reversed_visits(*visit_sides(a), *visit_sides(b))


def people(actors: Iterable[tuple[str | None, object]]) -> frozenset[str]:
    """The ids of the named people among (actor id, office) pairs."""
    return frozenset(aid for aid, office in actors if aid and is_person(aid, office))


def named_people(em: EventMention) -> frozenset[str]:
    """The ids of the named people among an event mention's actors and recipients."""
    return people((m.value.id, m.value.office) for m in (*em.actors, *em.recipients) if isinstance(m.value, Actor))


def from_event(em: EventMention, doc: Document) -> LinkMention:
    """The linker's view of an event mention of a document held in memory."""
    codes = [[getattr(m.value, "country", "") for m in ms] for ms in (em.actors, em.recipients)]
    persons = named_people(em)
    pub = doc.published if doc.published is not None and doc.published.start is not None else None
    d = em.date if em.date is not None and em.date.start is not None else None
    if d is not None and d.inferred and pub is not None and (d.start, d.end) == (pub.start, pub.end or pub.start):
        d = None  # the coder's stand-in for an event told without a time: the publication date
    loc = getattr(em.location.value, "country", None) if em.location is not None else None
    return LinkMention(
        id=em.id, doc_id=em.doc_id, category=em.category,
        actors=tuple(dict.fromkeys(c for c in codes[0] if c)),
        recipients=tuple(dict.fromkeys(c for c in codes[1] if c)),
        mode=em.mode, aux=em.aux, start=d.start if d else None, end=(d.end or d.start) if d else None,
        precision=d.precision if d else None, location=loc or None, persons=persons,
        published=pub.start if pub else None, published_end=pub.end if pub else None,
        published_precision=pub.precision if pub else None, outlet=doc.outlet, lang=doc.lang,
        confidence=em.confidence,
    )
