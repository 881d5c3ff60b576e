"""A fixed corpus for the serve tests, written for them: coded by hand (not by the coder, whose output
moves as it improves), stored and linked as an ingest would. Eight articles in English, German
and Russian make seven events:

- KAZ → AFG aid, 2025-03-24, told in German and English (one event, two documents);
- LVA accuses BLR (03-17), LVA demands of BLR (03-18), BLR rejects LVA (03-19, in Russian);
- a Dutch visit to Estonia announced for later (aux future, no date);
- AUT refuses SRB (03-27, in German); a German delegation in Tashkent (03-06, in Russian).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from communique.link.incremental import link_pending
from communique.records import Extraction, Problem
from communique.store.duckdb import Store
from tests.link.corpus import Ev, Sent, day, doc

AID_DE = "Kasachstan hat am Montag einen Zug mit Hilfsgütern nach Afghanistan geschickt."
AID_EN = "Kazakhstan sent a train with flour and medicine to Afghanistan on Monday."


def _titled(ex: Extraction, title: str) -> Extraction:
    return replace(ex, document=replace(ex.document, title=title))


def serve_corpus() -> list[Extraction]:
    """The articles, coded."""
    kaz, afg = ("KAZ", "Kasachstan", None), ("AFG", "Afghanistan", None)
    lva, blr = ("LVA", "Latvia", None), ("BLR", "Belarus", None)
    return [
        _titled(doc("de", [Sent(AID_DE, (Ev("AID", "geschickt", (kaz,), (afg,), when=day("2025-03-24", "am Montag")),)),
                           Sent("Der Zug soll in drei Tagen ankommen.")],
                    published="2025-03-25", outlet="Rheinischer Bote", url="https://bote.example/kasachstan"),
                "Kasachstan schickt Hilfsgüter"),
        _titled(doc("en", [Sent(AID_EN, (Ev("AID", "sent", (("KAZ", "Kazakhstan", None),), (afg,),
                                            when=day("2025-03-24", "on Monday")),))],
                    published="2025-03-25", outlet="Atlantic Wire", url="https://wire.example/aid"),
                "Aid train leaves Astana"),
        doc("en", [Sent("Latvia accused Belarus on 2025-03-17 of steering migrants to the border.",
                        (Ev("ACCUSE", "accused", (lva,), (blr,), when=day("2025-03-17")),))],
            published="2025-03-17", outlet="Baltic Courier"),
        doc("en", [Sent("Latvia demanded on 2025-03-18 that Belarus close the crossings.",
                        (Ev("REQUEST", "demanded", (lva,), (blr,), when=day("2025-03-18")),))],
            published="2025-03-18", outlet="Baltic Courier"),
        doc("ru", [Sent("Белоруссия 19 марта отвергла обвинения Латвии.",
                        (Ev("REJECT", "отвергла", (("BLR", "Белоруссия", None),), (("LVA", "Латвии", None),),
                            when=day("2025-03-19", "19 марта")),))],
            published="2025-03-19", outlet="Вечерний обозреватель"),
        doc("en", [Sent("The Dutch defence minister will visit Estonia later this spring.",
                        (Ev("CONSULT", "will visit", (("NLD", "Dutch", None),), (("EST", "Estonia", None),), "visit",
                            aux="future", place=("EST", "Estonia")),))],
            published="2025-03-17", outlet="Harbour Gazette"),
        doc("de", [Sent("Österreich lehnte am 27. März die Auslieferung nach Serbien ab.",
                        (Ev("REJECT", "lehnte", (("AUT", "Österreich", None),), (("SRB", "Serbien", None),),
                            when=day("2025-03-27", "am 27. März")),))],
            published="2025-03-28", outlet="Alpenblatt"),
        doc("ru", [Sent("Немецкая делегация прибыла в Ташкент 6 марта.",
                        (Ev("CONSULT", "прибыла", (("DEU", "Немецкая делегация", None),), (("UZB", "Ташкент", None),),
                            "visit", day("2025-03-06", "6 марта"), place=("UZB", "Ташкент")),))],
            published="2025-03-06", outlet="Степной вестник"),
    ]


def serve_store(path: Path) -> Path:
    """The corpus stored and linked, with two problems: one of a stored document, one of a file not read."""
    exs = serve_corpus()
    austria = exs[6].document.id
    problems = [Problem(austria, "prepare", "text cut to 100000 characters"),
                Problem("feeds/broken.rss", "read", "not well-formed XML", "line 3")]
    with Store(path) as st:
        st.write(exs, problems)
        link_pending(st)
    return path
