"""Synthetic news documents for tests, built from templates written for the project."""

from __future__ import annotations

import json
import random
from pathlib import Path

COUNTRIES_EN = [
    ("Poland", "Polish"), ("Lithuania", "Lithuanian"), ("Finland", "Finnish"), ("Japan", "Japanese"),
    ("Brazil", "Brazilian"), ("Kenya", "Kenyan"), ("Mexico", "Mexican"), ("Egypt", "Egyptian"),
    ("Vietnam", "Vietnamese"), ("Canada", "Canadian"), ("Turkey", "Turkish"), ("Chile", "Chilean"),
]
TEMPLATES_EN = [
    "{a_adj} Foreign Minister {name} visited {b} on {day} to discuss trade.",
    "{a} and {b} agreed on {day} to expand energy cooperation.",
    "The {a_adj} government accused {b} of violating the fishing agreement.",
    "{a} imposed sanctions on {b} on {day}.",
    "{a_adj} President {name} met {b_adj} Prime Minister {name2} in {city} on {day}.",
    "{a} sent humanitarian aid to {b}.",
    "Thousands of {a_adj} workers protested against the government on {day}.",
    "{a} rejected the proposal made by {b}.",
]
NAMES = ["Anna Korvala", "Jonas Petrauskas", "Maria Duarte", "Kenji Arata", "Ali Demir", "Sofia Rios"]
CITIES = ["Geneva", "Vienna", "Oslo", "Singapore", "Nairobi", "Lima"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def document(rng: random.Random, n: int) -> str:
    """One short article of 3-6 sentences; `n` makes every document's text unique."""
    parts = []
    for _ in range(rng.randint(3, 6)):
        (a, a_adj), (b, b_adj) = rng.sample(COUNTRIES_EN, 2)
        parts.append(rng.choice(TEMPLATES_EN).format(
            a=a, a_adj=a_adj, b=b, b_adj=b_adj, name=rng.choice(NAMES), name2=rng.choice(NAMES),
            city=rng.choice(CITIES), day=rng.choice(DAYS)))
    parts.append(f"This is report number {n}.")
    return " ".join(parts)


def write_manifest(folder: Path, count: int, seed: int = 7) -> Path:
    """A JSONL manifest of `count` synthetic English documents with publication dates."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for n in range(count):
            day = 1 + n % 28
            f.write(json.dumps({"text": document(rng, n), "published": f"2025-02-{day:02d}",
                                "url": f"https://news.example/{n}"}) + "\n")
    return path
