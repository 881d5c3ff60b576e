"""The schema of the hand-written coder files of a language pack, validated at load time.

syntax.yaml    words that shape argument frames (prepositions, conjunctions, boundaries …)
offices.tsv    titles and bodies: "foreign minister" -> office, sector
patterns.yaml  event triggers with their argument frames
modality.yaml  cues of future / hypothetical / negation
contexts.yaml  words that put an event in a PLOVER context

Errors name the file and, where the YAML parser can tell, the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from communique.errors import PackError
from communique.lang.loader import load_data_yaml

M = TypeVar("M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Syntax(_Strict):
    """Function words of one language, as phrase lists."""

    determiners: list[str] = []
    connectors: list[str] = []  # office -> country: "of", "von", "de"
    conjunctions: list[str] = []  # join entities into one list: "and", "und", "и"
    possessive: list[str] = []  # "'s"
    prepositions: dict[str, list[str]] = {}  # frame slot name -> phrases ("with": ["with", "together with"])
    locative: list[str] = []  # prepositions that introduce where something happened
    boundaries: list[str] = []  # words that start a new clause
    pronouns: list[str] = []  # singular personal pronouns that may stand for the last person named
    plural_pronouns: list[str] = []  # "they": the last state or group named
    possessive_pronouns: list[str] = []  # "his", "sein": a noun owned by the clause's actor
    collectives: list[str] = []  # "the two sides": the participants of the last meeting
    accusations: list[str] = []  # "this accusation", "diesen Vorwurf": the accusers of the last accusation
    attributions: list[str] = []  # "according to": the time up to the next comma is the report's, not the event's
    adjuncts: list[str] = []  # "during", "at", "на": a meeting noun after one is the setting of an event
    demonstratives: list[str] = []  # "this visit": a noun trigger after one tells an event already told
    infinitive_markers: list[str] = []  # "to visit": the word after one is a verb
    time_anaphors: list[str] = []  # "at the same time": the time of the event told just before
    relatives: list[str] = []  # relative pronouns that, after a comma, open a clause ("…, der nach X reist")
    passive: list[str] = []  # auxiliaries that, before a participle trigger, make it passive
    agent: list[str] = []  # the passive agent's preposition ("by")
    stopwords: list[str] = []  # capitalised words that never start a name
    subject_after_verb: bool = False  # V2 / free word order: look for the subject after the verb too
    # verbs that attribute what came before ("…, a rights group said"): their subject is no object
    speech_verbs: list[str] = []
    preps_before_verb: bool = False  # free word order: "с X провела переговоры Y" (with-phrase before the verb)
    genitive_endings: list[str] = []  # a bare country after a title must end so to be its genitive ("Kenias")
    object_before_verb: bool = False  # verb-final clauses: the object may stand before the verb
    modality_window: int = Field(default=6, ge=1, le=40)  # words between a modal cue and its verb
    passive_window: int = Field(default=3, ge=1, le=12)  # words between a passive auxiliary and its participle
    participle_suffixes: list[str] = []  # a trigger read as passive must end so ("attacked" -> "ed") …
    participles: list[str] = []  # … or be one of these irregular participles ("struck", "shot")
    name_particles: list[str] = []  # lowercase words inside names: "de", "van", "bin"
    determiner_makes_noun: bool = False  # "their demands", "the attack": a verb trigger after one is a noun
    capitalised_nouns: bool = False  # German: a capitalised word inside a sentence is a noun ("Treffen")
    cased_names: bool = True  # names start with a capital; False for scripts without case (Korean)
    name_before_title: bool = False  # "임종일 북한 외무부 차관": a name may stand right before its title
    # particles glued to the last word of a noun phrase, by class: a preposition slot name ("with": [와, 과]),
    # or subject / object / possessive / conj ("A와 B": one list when the next entity follows at once)
    postpositions: dict[str, list[str]] = {}
    closed_syllable_particles: list[str] = []  # read as particles only after a closed syllable (Korean 이, 은, 을)
    open_syllable_particles: list[str] = []  # … only after an open one (Korean 가, 는, 를)
    verb_endings: list[str] = []  # a word so ending is a verb, never part of a caseless name (Korean 다, 다고)
    linking_endings: list[str] = []  # verb endings chaining clauses of one subject (Korean 하고, 하며): no clause edge


class Pattern(_Strict):
    """One event trigger family with its argument frame."""

    id: str
    category: str
    triggers: list[str] = Field(min_length=1)
    mode: str | None = None
    frame: Literal["verb", "noun"] = "verb"
    actor: list[str] | None = None  # slots tried in order; the first that yields entities wins
    recipient: list[str] | None = None  # slots whose entities are all recipients
    host: list[str] = []  # slots naming where a visit goes: the host and the location
    together: bool = False  # all participants are actors (a meeting without a host)
    absorb: bool = False  # the rest of the sentence is this event's content, not events of its own
    modal_content: bool = False  # the trigger words are a proposal's content: "could consider cooperation"
    context: list[str] = []
    unless: list[str] = []  # words next to the trigger (within 2 words) that cancel it
    requires: list[Literal["recipient", "host", "actor_person", "partner", "mode"]] = []  # drop the event without these
    modes: dict[str, list[str]] = {}  # mode -> phrases in the trigger's clause that select it
    confidence: float = Field(default=0.7, ge=0, le=1)

    @field_validator("category")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class Patterns(_Strict):
    """The patterns file."""

    patterns: list[Pattern] = []


class Modality(_Strict):
    """Cues of the auxiliary modes: before the trigger in its clause, or right after it."""

    future: list[str] = []
    hypothetical: list[str] = []
    negation: list[str] = []
    future_after: list[str] = []
    hypothetical_after: list[str] = []
    negation_after: list[str] = []
    reported: list[str] = []  # "allegedly", "soll … haben": claimed, not established (kept, marked)


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line (1-based) of the YAML node at a pydantic error location, as near as it exists."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def load_yaml_file(model: type[M], path: Path) -> M:
    """Parse and validate a YAML file; PackError naming the file, the line and the field."""
    text = path.read_text(encoding="utf-8")
    try:
        data = load_data_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise PackError(f"{path}{line}: {getattr(exc, 'problem', exc)}") from None
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        at = _line_of(text, tuple(first["loc"]))
        where = f"{path}:{at}" if at else str(path)
        loc = ".".join(str(x) for x in first["loc"])
        raise PackError(f"{where}: {loc}: {first['msg']}") from None
