"""The shapes of the REST API (Pydantic models at the edge); field names follow the PLOVER exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

# the analysis records serve as they are: the API's edges and evidence are theirs, field for field
from communique.analyse.data import Evidence
from communique.analyse.network import Edge


class ErrorOut(BaseModel):
    """Why a request was refused."""

    detail: str


class Summary(BaseModel):
    """What the store holds."""

    store: str
    documents: int
    event_mentions: int
    events: int
    problems: int
    first: dt.date | None = Field(None, description="Earliest event date (or first report)")
    last: dt.date | None = None
    languages: dict[str, int] = Field(default_factory=dict, description="Documents per language")
    categories: dict[str, int] = Field(default_factory=dict, description="Linked events per PLOVER category")


class EventItem(BaseModel):
    """A linked (real-world) event as listed: who did what to whom, when, how widely reported."""

    event_id: str
    event: str = Field(description="PLOVER category")
    mode: str | None = None
    aux: str | None = Field(None, description="Modality: future, hypothetical, negation; null when reported as done")
    actor: list[str] = Field(default_factory=list, description="Country codes of the actors")
    recipient: list[str] = Field(default_factory=list)
    persons: list[str] = Field(default_factory=list, description="Ids of the people named")
    date: str | None = Field(None, description="YYYY-MM-DD, YYYY-MM or YYYY at the date's precision")
    date_end: str | None = None
    date_precision: str | None = None
    location: str | None = Field(None, description="Country code of the location")
    n_mentions: int
    n_documents: int
    sources: list[str] = Field(default_factory=list, description="Outlets that reported it")
    languages: list[str] = Field(default_factory=list)
    first_report: dt.date | None = None
    last_report: dt.date | None = None
    confidence: float | None = None
    cameo: str | None = None
    plover_score: float | None = None
    quad_class: int | None = None
    sentence: str | None = Field(None, description="The sentence of its most confident report")
    sentence_lang: str | None = None
    trigger: str | None = None


class EventPage(BaseModel):
    """A page of linked events."""

    total: int
    limit: int
    offset: int
    items: list[EventItem]


class Entity(BaseModel):
    """An actor or recipient of a report, with its span in the sentence (null when implicit)."""

    code: str | None = None
    sector: str | None = None
    name: str | None = None
    actor_id: str | None = None
    office: str | None = None
    text: str | None = Field(None, description="The words of the text")
    implicit: bool = Field(False, description="Supplied by a coding convention, not named in the text")
    start: int | None = Field(None, description="Offset in the sentence")
    end: int | None = None


class Span(BaseModel):
    """A highlighted run of a sentence: offsets in the sentence, kind and label."""

    start: int
    end: int
    kind: str = Field(description="trigger, actor or recipient")
    label: str = ""


class Mention(BaseModel):
    """One report of an event: the sentence that carries it, where it was read and how it was coded."""

    mention_id: str
    doc_id: str
    lang: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: str | None = None
    event: str
    mode: str | None = None
    aux: str | None = None
    context: list[str] = Field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_inferred: bool | None = None
    trigger: str | None = None
    confidence: float | None = None
    pattern: str | None = None
    link_kind: str | None = None
    location: dict[str, Any] | None = None
    actor: list[Entity] = Field(default_factory=list)
    recipient: list[Entity] = Field(default_factory=list)
    sentence_index: int | None = None
    sentence: str = Field(description="The sentence in its original language")
    spans: list[Span] = Field(default_factory=list, description="Trigger, actors and recipients in the sentence")


class EventDetail(EventItem):
    """A linked event with every report of it."""

    mentions: list[Mention] = Field(default_factory=list)


class NameVariant(BaseModel):
    """How the texts name an actor, in one language."""

    text: str
    lang: str | None = None
    mentions: int


class ActorItem(BaseModel):
    """An actor the reports name: its code, canonical name and the words the texts use for it."""

    actor_id: str
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    country: str | None = Field(None, description="English name of the country code")
    offices: list[str] = Field(default_factory=list)
    mentions: int = Field(description="Reports naming it")
    events: int = Field(0, description="Linked events its country takes part in")
    variants: list[NameVariant] = Field(default_factory=list)


class ActorPage(BaseModel):
    """A page of actors."""

    total: int
    limit: int
    offset: int
    items: list[ActorItem]


class TimelinePeriod(BaseModel):
    """One period of a dyad's timeline."""

    label: str
    start: dt.date
    end: dt.date
    events: int
    mentions: int
    by_category: dict[str, int]
    cooperation: int
    conflict: int
    score: float | None = Field(None, description="Mean PLOVER score (-10 conflict .. +10 cooperation)")
    event_ids: list[str]


class TimelineOut(BaseModel):
    """Interactions of two actors per period."""

    a: str
    b: str
    by: str
    events: int
    periods: list[TimelinePeriod]


class Node(BaseModel):
    """An actor of the network."""

    id: str
    name: str
    events: int
    degree: int


class NetworkOut(BaseModel):
    """The actor network (strongest edges first when cut by limit)."""

    nodes: list[Node]
    edges: list[Edge]
    total_edges: int


class AlertOut(BaseModel):
    """An alert with its figures, events and sentences."""

    kind: str
    title: str
    actors: list[str]
    start: dt.date | None = None
    end: dt.date | None = None
    figures: dict[str, float | int | str]
    event_ids: list[str]
    evidence: list[Evidence]


class AlertList(BaseModel):
    """The alerts of the store (a page of them)."""

    total: int
    limit: int | None = None
    offset: int = 0
    items: list[AlertOut]


class DocumentItem(BaseModel):
    """A stored document."""

    id: str
    lang: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None
    n_sentences: int | None = None
    length: int | None = None
    events: int = Field(description="Event reports coded in it")
    problems: int = Field(description="Problems recorded against it")


class DocumentPage(BaseModel):
    """A page of documents."""

    total: int
    limit: int
    offset: int
    items: list[DocumentItem]


class ProblemItem(BaseModel):
    """What went wrong with one input."""

    source: str | None = None
    stage: str | None = None
    message: str | None = None
    location: str | None = None
    recorded: dt.datetime | None = None


class DocumentDetail(DocumentItem):
    """A document with its text, its problems and the events reported in it."""

    text: str
    event_ids: list[str]
    problem_list: list[ProblemItem]


class ProblemPage(BaseModel):
    """A page of problems."""

    total: int
    limit: int
    offset: int
    items: list[ProblemItem]
