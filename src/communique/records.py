"""The records that flow through the pipeline: plain, typed, immutable."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]
MentionKind = Literal["actor", "place", "time"]
Aux = Literal["future", "hypothetical", "negation"]


def content_id(text: str) -> str:
    """The document id: a hash of the text as read, so the same input is stored once."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong with one input, and where; recorded, never raised."""

    source: str  # file path, URL or document id
    stage: str  # read / prepare / extract / store
    message: str  # one line that says what is wrong
    where: str = ""  # record number, line, byte offset … when known


@dataclass(frozen=True, slots=True)
class DateValue:
    """A time as precise as the text fixes it: start..end inclusive, with its precision."""

    start: date | None
    end: date | None
    precision: Precision
    text: str = ""
    inferred: bool = False  # pinned through a linked event rather than read from the text

    def iso(self) -> str | None:
        """The date at its precision: YYYY-MM-DD, YYYY-MM or YYYY (None when unknown)."""
        if self.start is None or self.precision == "unknown":
            return None
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as character offsets into its document's text."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what is known about it."""

    id: str
    text: str
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: DateValue | None = None
    path: str | None = None
    sentences: tuple[Sentence, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A political entity: a state, an organisation, a person holding an office."""

    id: str  # "BLR" (the state), "BLR/GOV", "Q123…" or "p:blr:ryzhenkov"
    name: str  # canonical name
    country: str  # ISO 3166 alpha-3 or UNO / EUR / IGO / NGO / …
    sector: str = ""  # PLOVER sector code: GOV MIL OPP REB CVL …
    office: str = ""
    qid: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with its country and coordinates when a gazetteer knows them."""

    name: str
    country: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names an actor, a place or a time."""

    start: int
    end: int
    text: str
    kind: MentionKind
    value: Actor | Place | DateValue


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one sentence reports it, with the words that carry it."""

    id: str
    doc_id: str
    sentence: int
    category: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    actors: tuple[Mention, ...]
    recipients: tuple[Mention, ...] = ()
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    location: Mention | None = None
    date: DateValue | None = None
    aux: Aux | None = None
    confidence: float = 0.5
    pattern: str = ""
    cameo: str = ""
    score: float = 0.0
    quad: int = 0
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world event: the mentions of it across documents and languages."""

    id: str
    category: str
    mention_ids: tuple[str, ...]
    actor_codes: tuple[str, ...]
    recipient_codes: tuple[str, ...]
    start: date | None
    end: date | None
    precision: Precision
    n_mentions: int
    n_documents: int
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    first_report: date | None = None
    last_report: date | None = None
    confidence: float = 0.0
    mode: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one document yields: the prepared document, its mentions and events."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    events: tuple[EventMention, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
