"""What a document has said so far about its people: who "Shestakov", "he" or "the two sides" are."""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.actors.names import same_person, strip_case
from communique.records import Actor


@dataclass
class Memory:
    """Per-document memory of persons and meetings, filled in reading order."""

    lang: str
    persons: list[tuple[str, Actor]] = field(default_factory=list)  # (name as written, actor)
    offices: dict[tuple[str, str], Actor] = field(default_factory=dict)  # (office, country) -> holder
    last_person: Actor | None = None
    last_participants: tuple[Actor, ...] = ()
    last_accusers: tuple[Actor, ...] = ()
    last_group: tuple[Actor, ...] = ()  # the last state or body named, for "they"

    def remember(self, name: str, actor: Actor) -> None:
        """Note a person named in the text with what is known of them."""
        if not any(a.id == actor.id and n == name for n, a in self.persons):
            self.persons.append((name, actor))
        if actor.office and actor.country:
            self.offices[(actor.office, actor.country)] = actor
        self.last_person = actor

    def resolve(self, name: str) -> Actor | None:
        """The person already named in this document that `name` (maybe a bare, inflected surname) denotes."""
        bare = " ".join(strip_case(w, self.lang) for w in name.split())
        for known, actor in reversed(self.persons):
            if same_person(bare, known) or same_person(name, known):
                return actor
        return None

    def holder(self, office: str, country: str) -> Actor | None:
        """The person this document named as holding an office of a country."""
        return self.offices.get((office, country))

    def accused(self, accusers: tuple[Actor, ...]) -> None:
        """Note who made the latest accusation, for "this accusation" in a denial."""
        if accusers:
            self.last_accusers = accusers

    def met(self, participants: tuple[Actor, ...]) -> None:
        """Note the participants of the latest meeting, for "the two sides"."""
        if len({a.country for a in participants}) >= 2:
            self.last_participants = participants
