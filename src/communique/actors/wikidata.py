"""Build an `extra` actor file from a Wikidata JSON dump, streaming.

The official dumps hold one entity per line inside a JSON array ("[", then "{…},", …, "]").
Two passes keep memory flat whatever the dump's size: the first collects the small things
(states with their ISO alpha-3 code, position items that are offices, organisations), the
second streams the people and writes one row per term of office as it reads them.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from communique.errors import PackError, UsageError

CONFIG = Path(__file__).parent / "data" / "wikidata.yaml"
HEADER = (
    "# Built from a Wikidata dump by `communique actors build`; load with ActorBase.load(..., extra=).\n"
    "# Columns: id\tname\tnative\tvariants\toffice\tcountry\tsector\tfrom\tto\tqid\n"
)


@dataclass(slots=True)
class Config:
    """What to keep (actors/data/wikidata.yaml)."""

    human: str
    office_classes: set[str]
    office_words: list[str]
    military_words: list[str]
    organisation_classes: dict[str, str]
    national_classes: dict[str, str]
    agency_classes: set[str]
    agency_words: dict[str, list[str]] = field(default_factory=dict)


def read_config(path: Path = CONFIG) -> Config:
    """The builder's configuration."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return Config(
            human=str(data["human"]),
            office_classes=set(data.get("office_classes") or {}),
            office_words=[str(w).lower() for w in data.get("office_words") or []],
            military_words=[str(w).lower() for w in data.get("military_words") or []],
            organisation_classes={
                str(k): str(v) for k, v in (data.get("organisation_classes") or {}).items()
            },
            national_classes={str(k): str(v) for k, v in (data.get("national_classes") or {}).items()},
            agency_classes={str(x) for x in data.get("agency_classes") or []},
            agency_words={
                str(k): [str(w).lower() for w in v] for k, v in (data.get("agency_words") or {}).items()
            },
        )
    except (OSError, yaml.YAMLError, KeyError, AttributeError, TypeError) as exc:
        raise PackError(f"{path}: {exc}") from None


def entities(dump: Path) -> Iterator[dict[str, Any]]:
    """The entities of a dump (.json, .json.bz2 or .json.gz), one at a time."""
    opener: Any = open
    if dump.name.endswith(".bz2"):
        opener = bz2.open
    elif dump.name.endswith(".gz"):
        opener = gzip.open
    try:
        f: IO[str] = opener(dump, "rt", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{dump}: {exc}") from None
    with f:
        for n, raw in enumerate(f, 1):
            line = raw.strip().rstrip(",")
            if not line or line in ("[", "]"):
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{dump}:{n}: not one JSON entity per line ({exc.msg})") from None
            if isinstance(item, dict):
                yield item


def _ids(item: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in item.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.append(str(value["id"]))
    return out


def _strings(item: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in item.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, str):
            out.append(value)
    return out


def _label(item: dict[str, Any], lang: str) -> str:
    return str(item.get("labels", {}).get(lang, {}).get("value", ""))


def _names(item: dict[str, Any], langs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for lang in langs:
        for v in [_label(item, lang)] + [a.get("value", "") for a in item.get("aliases", {}).get(lang, [])]:
            if v and "\t" not in v and "|" not in v and v not in out:
                out.append(v)
    return out


def _time(qualifiers: dict[str, Any], prop: str) -> str:
    """A qualifier's time at its precision: YYYY-MM-DD, YYYY-MM or YYYY ("" when absent)."""
    for q in qualifiers.get(prop, []):
        value = q.get("datavalue", {}).get("value")
        if not isinstance(value, dict) or "time" not in value:
            continue
        t = str(value["time"]).lstrip("+")
        precision = int(value.get("precision", 11))
        y, m, d = t[:4], t[5:7], t[8:10]
        if precision >= 11 and m != "00" and d != "00":
            return f"{y}-{m}-{d}"
        if precision == 10 and m != "00":
            return f"{y}-{m}"
        return y
    return ""


def _has_word(text: str, words: list[str]) -> bool:
    low = text.lower()
    return any(w in low for w in words)


@dataclass(slots=True)
class _Office:
    label: str
    countries: list[str]  # state items
    sector: str


def build(dump: Path, out: Path, langs: Sequence[str], config: Path | None = None) -> dict[str, int]:
    """Write the people holding offices and the organisations of a dump as an `extra` TSV; counts."""
    cfg = read_config(config or CONFIG)
    counts = {"entities": 0, "countries": 0, "offices": 0, "organisations": 0, "people": 0, "terms": 0}
    names_langs = list(dict.fromkeys(["en", *langs]))
    states: dict[str, str] = {}  # state item -> alpha-3
    offices: dict[str, _Office] = {}
    orgs: list[tuple[dict[str, Any], str, str]] = []  # item, code or state item, sector
    # pass 1: states, offices, organisations
    for item in entities(dump):
        counts["entities"] += 1
        qid = str(item.get("id", ""))
        classes = set(_ids(item, "P31")) | set(_ids(item, "P279"))
        codes = _strings(item, "P298")
        if codes:
            states[qid] = codes[0].upper()
        label = _label(item, "en")
        where = _ids(item, "P1001") + _ids(item, "P17")
        if where and (classes & cfg.office_classes or _has_word(label, cfg.office_words)):
            sector = "MIL" if _has_word(label, cfg.military_words) else "GOV"
            offices[qid] = _Office(label, where, sector)
        kind = next(
            (cfg.organisation_classes[c] for c in sorted(classes) if c in cfg.organisation_classes), ""
        )
        if kind:
            orgs.append((_slim(item, names_langs), kind, ""))
            continue
        national = next((cfg.national_classes[c] for c in sorted(classes) if c in cfg.national_classes), "")
        if not national and classes & cfg.agency_classes:
            national = next((s for s, ws in sorted(cfg.agency_words.items()) if _has_word(label, ws)), "")
        if national and where:
            orgs.append((_slim(item, names_langs), where[0], national))
    counts["countries"] = len(states)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for item, code, sector in orgs:
            country = states.get(code, "") if sector else code
            names = _names(item, names_langs)
            if not country or not names:
                continue
            qid = str(item["id"])
            f.write(
                "\t".join([f"o:{qid}", names[0], "", "|".join(names[1:]), "", country, sector, "", "", qid])
                + "\n"
            )
            counts["organisations"] += 1
        kept = {q: o for q, o in offices.items() if any(c in states for c in o.countries)}
        counts["offices"] = len(kept)
        # pass 2: people with terms in those offices, written as they stream by
        for item in entities(dump):
            if cfg.human not in _ids(item, "P31"):
                continue
            rows = _terms(item, kept, states)
            names = _names(item, names_langs)
            if not rows or not names:
                continue
            qid = str(item["id"])
            counts["people"] += 1
            for i, (office, country, sector, start, end) in enumerate(rows):
                variants = "|".join(names[1:]) if i == 0 else ""
                f.write(
                    "\t".join(
                        [f"p:{qid}", names[0], "", variants, office, country, sector, start, end, qid]
                    )
                    + "\n"
                )
                counts["terms"] += 1
    return counts


def _slim(item: dict[str, Any], langs: Sequence[str]) -> dict[str, Any]:
    """Only the id, labels and aliases of an item: what is kept of it until pass 1 ends."""
    return {
        "id": item.get("id"),
        "labels": {k: v for k, v in item.get("labels", {}).items() if k in langs},
        "aliases": {k: v for k, v in item.get("aliases", {}).items() if k in langs},
    }


def _terms(
    item: dict[str, Any], offices: dict[str, _Office], states: dict[str, str]
) -> list[tuple[str, str, str, str, str]]:
    out = []
    for claim in item.get("claims", {}).get("P39", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if not isinstance(value, dict):
            continue
        office = offices.get(str(value.get("id")))
        if office is None:
            continue
        qualifiers = claim.get("qualifiers", {})
        start, end = _time(qualifiers, "P580"), _time(qualifiers, "P582")
        if not start:
            continue  # an undated office says nothing about when the person acted
        country = next(states[c] for c in office.countries if c in states)
        out.append((office.label, country, office.sector, start, end))
    return out
