"""The PLOVER ontology (events/plover.yaml): categories, modes, scores, CAMEO codes, quad classes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from communique.errors import PackError


@dataclass(frozen=True, slots=True)
class Category:
    """One PLOVER event category with what the manual says of it."""

    name: str
    quad: int
    score: float
    cameo: str
    requires_recipient: bool = False
    military_cameo: str | None = None
    domestic_recipient: str | None = None  # sector of the actor's own country when no recipient is named
    modes: dict[str, tuple[float, str]] = field(default_factory=dict)  # mode -> (score, CAMEO code)

    def score_of(self, mode: str | None) -> float:
        """The PLOVER score of this category in a mode (the category's own when the mode has none)."""
        return self.modes[mode][0] if mode in self.modes else self.score

    def cameo_of(self, mode: str | None, contexts: tuple[str, ...] = ()) -> str:
        """The CAMEO code closest to this category and mode."""
        if mode in self.modes:
            return self.modes[mode][1]
        if self.military_cameo and "military" in contexts:
            return self.military_cameo
        return self.cameo


@dataclass(frozen=True, slots=True)
class Ontology:
    """All of PLOVER that the coder needs to check and score its records."""

    categories: dict[str, Category]
    contexts: frozenset[str]
    sectors: frozenset[str]

    def category(self, name: str) -> Category:
        """A category by name; PackError for one PLOVER does not have."""
        try:
            return self.categories[name]
        except KeyError:
            raise PackError(f"unknown PLOVER category {name!r}") from None


@cache
def ontology() -> Ontology:
    """The ontology shipped with the package."""
    raw = yaml.safe_load(resources.files("communique.events").joinpath("plover.yaml").read_text("utf-8"))
    cats = {}
    for name, c in raw["categories"].items():
        modes = {m: (float(v["score"]), str(v["cameo"])) for m, v in (c.get("modes") or {}).items()}
        cats[name] = Category(name, int(c["quad"]), float(c["score"]), str(c["cameo"]),
                              bool(c.get("requires_recipient", False)), c.get("military_cameo"),
                              c.get("domestic_recipient"), modes)
    return Ontology(cats, frozenset(raw["contexts"]), frozenset(raw["sectors"]))
