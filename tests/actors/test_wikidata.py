"""The Wikidata dump builder on a small dump written here."""

from __future__ import annotations

import bz2
import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from communique.actors.base import ActorBase
from communique.actors.wikidata import build
from communique.errors import UsageError


def item(
    qid: str,
    labels: dict[str, str],
    claims: dict[str, list[Any]] | None = None,
    aliases: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    return {
        "id": qid,
        "type": "item",
        "labels": {k: {"language": k, "value": v} for k, v in labels.items()},
        "aliases": {k: [{"language": k, "value": v} for v in vs] for k, vs in (aliases or {}).items()},
        "claims": claims or {},
    }


def ref(prop: str, target: str, qualifiers: dict[str, Any] | None = None) -> dict[str, Any]:
    claim: dict[str, Any] = {"mainsnak": {"property": prop, "datavalue": {"value": {"id": target}}}}
    if qualifiers:
        claim["qualifiers"] = qualifiers
    return claim


def text(prop: str, value: str) -> dict[str, Any]:
    return {"mainsnak": {"property": prop, "datavalue": {"value": value}}}


def when(t: str, precision: int = 11) -> list[dict[str, Any]]:
    return [{"datavalue": {"value": {"time": t, "precision": precision}}}]


def dump_items() -> list[dict[str, Any]]:
    minister = item("Q83307", {"en": "minister"})
    people = [
        # a foreign minister with two dated terms, names in several languages
        item(
            "Q900",
            {"en": "Maxim Ryzhenkov", "ru": "Максим Рыженков", "ko": "막심 리젠코프"},
            {
                "P31": [ref("P31", "Q5")],
                "P39": [
                    ref("P39", "Q501", {"P580": when("+2024-04-09T00:00:00Z")}),
                    ref(
                        "P39",
                        "Q502",
                        {
                            "P580": when("+2019-00-00T00:00:00Z", 9),
                            "P582": when("+2024-04-00T00:00:00Z", 10),
                        },
                    ),
                ],
            },
            aliases={"de": ["Maxim Ryschenkow"]},
        ),
        # an office without a start date is not kept; a mayor is no office here
        item("Q901", {"en": "Undated Person"}, {"P31": [ref("P31", "Q5")], "P39": [ref("P39", "Q501")]}),
        item(
            "Q902",
            {"en": "Some Mayor"},
            {
                "P31": [ref("P31", "Q5")],
                "P39": [ref("P39", "Q503", {"P580": when("+2020-01-01T00:00:00Z")})],
            },
        ),
        # a chief of the general staff: military
        item(
            "Q903",
            {"en": "Viktor Gulevich"},
            {
                "P31": [ref("P31", "Q5")],
                "P39": [ref("P39", "Q504", {"P580": when("+2014-01-21T00:00:00Z")})],
            },
        ),
        # not a human
        item(
            "Q904",
            {"en": "A Horse"},
            {
                "P31": [ref("P31", "Q726")],
                "P39": [ref("P39", "Q501", {"P580": when("+2020-01-01T00:00:00Z")})],
            },
        ),
    ]
    places = [
        item("Q184", {"en": "Belarus"}, {"P298": [text("P298", "BLR")]}),
        item("Q423", {"en": "North Korea"}, {"P298": [text("P298", "PRK")]}),
        item(
            "Q501",
            {"en": "Minister of Foreign Affairs of Belarus"},
            {"P279": [ref("P279", "Q83307")], "P1001": [ref("P1001", "Q184")]},
        ),
        item(
            "Q502",
            {"en": "First Deputy Head of the Presidential Administration of Belarus"},
            {"P31": [ref("P31", "Q83307")], "P17": [ref("P17", "Q184")]},
        ),
        item("Q503", {"en": "Mayor of Minsk"}, {"P17": [ref("P17", "Q184")]}),
        item("Q504", {"en": "Chief of the General Staff of Belarus"}, {"P17": [ref("P17", "Q184")]}),
        item(
            "Q600",
            {
                "en": "Collective Security Treaty Organization",
                "ru": "Организация Договора о коллективной безопасности",
            },
            {"P31": [ref("P31", "Q245065")]},
            aliases={"ru": ["ОДКБ"], "en": ["CSTO"]},
        ),
        item(
            "Q601",
            {"en": "State Security Committee of the Republic of Belarus"},
            {"P31": [ref("P31", "Q327333")], "P17": [ref("P17", "Q184")]},
        ),
        item(
            "Q602",
            {"en": "Korean Central News Agency"},
            {"P31": [ref("P31", "Q43229")], "P17": [ref("P17", "Q423")]},
        ),
        item("Q603", {"en": "Minsk Zoo"}, {"P31": [ref("P31", "Q43229")], "P17": [ref("P17", "Q184")]}),
    ]
    # people come before the offices and states they refer to, as they may in a real dump
    return [minister, *people, *places]


def write_dump(path: Path, items: list[dict[str, Any]]) -> None:
    lines = "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"
    if path.name.endswith(".bz2"):
        path.write_bytes(bz2.compress(lines.encode("utf-8")))
    elif path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(lines.encode("utf-8")))
    else:
        path.write_text(lines, encoding="utf-8")


@pytest.mark.parametrize("suffix", [".json.bz2", ".json.gz", ".json"])
def test_build_counts_and_rows(tmp_path: Path, suffix: str) -> None:
    dump = tmp_path / ("latest-all" + suffix)
    write_dump(dump, dump_items())
    out = tmp_path / "wikidata.tsv"
    counts = build(dump, out, ["en", "ru", "de", "ko"])
    assert counts == {
        "entities": 16,
        "countries": 2,
        "offices": 3,
        "organisations": 3,
        "people": 2,
        "terms": 3,
    }
    rows = [
        line.split("\t")
        for line in out.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    by_id: dict[str, list[list[str]]] = {}
    for r in rows:
        by_id.setdefault(r[0], []).append(r)
    assert sorted(by_id) == ["o:Q600", "o:Q601", "o:Q602", "p:Q900", "p:Q903"]
    ryz = by_id["p:Q900"]
    assert [r[4:10] for r in ryz] == [
        ["Minister of Foreign Affairs of Belarus", "BLR", "GOV", "2024-04-09", "", "Q900"],
        [
            "First Deputy Head of the Presidential Administration of Belarus",
            "BLR",
            "GOV",
            "2019",
            "2024-04",
            "Q900",
        ],
    ]
    assert ryz[0][1] == "Maxim Ryzhenkov"
    assert ryz[0][3].split("|") == ["Максим Рыженков", "Maxim Ryschenkow", "막심 리젠코프"]
    assert by_id["p:Q903"][0][6] == "MIL"
    assert by_id["o:Q600"][0][5:7] == ["IGO", ""]
    assert by_id["o:Q601"][0][5:7] == ["BLR", "SPY"]
    assert by_id["o:Q602"][0][5:7] == ["PRK", "JRN"]


def test_built_file_loads_as_extra(tmp_path: Path) -> None:
    dump = tmp_path / "dump.json.bz2"
    write_dump(dump, dump_items())
    out = tmp_path / "wikidata.tsv"
    build(dump, out, ["en", "ru"])
    base = ActorBase.load(("en", "ru"), extra=out)
    actor = base.find_person("Gulevich", "en", date(2020, 1, 1))
    assert actor is not None and (actor.id, actor.sector, actor.qid) == ("p:Q903", "MIL", "Q903")
    toks = __import__("communique.prepare.tokens", fromlist=["tokenize"]).tokenize("ОДКБ")
    entries = base.gazetteer("ru").matches(toks)[0].entries
    assert any(e.actor is not None and e.actor.id == "o:Q600" for e in entries)


def test_bad_dump_line(tmp_path: Path) -> None:
    dump = tmp_path / "bad.json"
    dump.write_text("[\n{not json},\n]\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.json:2: not one JSON entity per line"):
        build(dump, tmp_path / "out.tsv", ["en"])
