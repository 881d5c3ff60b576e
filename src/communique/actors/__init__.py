"""The actor base (states, organisations, people, places) and the name machinery."""

from communique.actors.base import ActorBase
from communique.actors.gazetteer import Entry, Gazetteer, Match
from communique.actors.names import dm_codes, same_person, strip_case, translit_key

__all__ = [
    "ActorBase",
    "Entry",
    "Gazetteer",
    "Match",
    "dm_codes",
    "same_person",
    "strip_case",
    "translit_key",
]
