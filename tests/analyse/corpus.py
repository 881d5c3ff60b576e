"""A sample corpus for the analyses, written for these tests: each pattern and its negative case.

- BLR–PRK: one agreement in March 2023, then three events in April 2024 (a surge), a visit
  in July 2024; BLR visits PRK twice and is never visited back (a reciprocity gap).
- RUS–CHN: one meeting every month of 2022 and 2023 (steady: no surge), visits both ways (no gap).
- PRK hosts BLR's minister and a RUS delegation within a day (co-presence); a CHN visit to PRK
  in September is alone; LTU visits POL twice in a year, POL once back (no gap).
- BLR, RUS and PRK cooperate pairwise within September 2023 (a triangle); FIN, EST and LVA only
  in one trilateral meeting (no triangle); SWE–NOR in January, NOR–DNK in June and SWE–DNK in
  December (too far apart: no triangle).
"""

from __future__ import annotations

from pathlib import Path

from communique.link.incremental import link_pending
from communique.records import Extraction
from communique.store.duckdb import Store
from tests.link.corpus import Ev, Sent, day, doc, month

NAMES = {"BLR": "Belarus", "PRK": "North Korea", "RUS": "Russia", "CHN": "China", "LTU": "Lithuania",
         "POL": "Poland", "FIN": "Finland", "EST": "Estonia", "LVA": "Latvia", "SWE": "Sweden",
         "NOR": "Norway", "DNK": "Denmark"}


def report(lang: str, text: str, ev: Ev, published: str | None, outlet: str) -> Extraction:
    """A one-sentence article."""
    return doc(lang, [Sent(text, (ev,))], published=published, outlet=outlet)


def _visit(a: str, b: str, iso: str, outlet: str, extra: str = "", person: str | None = None) -> Extraction:
    who = person or f"The foreign minister of {NAMES[a]}"
    text = f"{who} arrived in {NAMES[b]} on {iso}{extra}."
    actor = (a, person or NAMES[a], f"p:{a.lower()}:{person.lower()}" if person else None)
    ev = Ev("CONSULT", "arrived", (actor,), ((b, NAMES[b], None),), "visit", day(iso), place=(b, NAMES[b]))
    return report("en", text, ev, iso, outlet)


def _meet(cat: str, a: str, b: str, iso: str, outlet: str, extra: str = "", lang: str = "en") -> Extraction:
    verb = {"CONSULT": "met", "AGREE": "agreed", "COOPERATE": "cooperated", "SUPPORT": "supported"}[cat]
    text = f"{NAMES[a]} {verb} with {NAMES[b]} on {iso}{extra}."
    ev = Ev(cat, verb, ((a, NAMES[a], None),), ((b, NAMES[b], None),), None, day(iso))
    return report(lang, text, ev, iso, outlet)


def analysis_corpus() -> list[Extraction]:
    """The documents of the sample corpus."""
    exs = [
        _meet("AGREE", "BLR", "PRK", "2023-03-10", "Minsk Herald"),
        _visit("BLR", "PRK", "2024-04-16", "Minsk Herald", person="Shestakov"),
        _visit("BLR", "PRK", "2024-04-16", "Asia Desk", " for talks", person="Shestakov"),
        _meet("AGREE", "BLR", "PRK", "2024-04-18", "Asia Desk", " to expand contacts"),
        _meet("COOPERATE", "BLR", "PRK", "2024-04-27", "Minsk Herald", " on tourism"),
        _visit("BLR", "PRK", "2024-07-23", "Seoul Wire", person="Ryzhenkov"),
        _visit("RUS", "PRK", "2024-07-24", "Seoul Wire", " with a military delegation"),
        _visit("CHN", "PRK", "2024-09-10", "Asia Desk"),
        _visit("RUS", "CHN", "2023-05-15", "Beijing Review"),
        _visit("CHN", "RUS", "2023-10-18", "Moscow Daily"),
        _visit("LTU", "POL", "2023-02-02", "Baltic Times"),
        _visit("LTU", "POL", "2023-06-06", "Baltic Times"),
        _visit("POL", "LTU", "2023-11-11", "Baltic Times"),
        # the September 2023 triangle: RUS–PRK on the 13th, BLR–RUS and all three on the 15th
        _visit("PRK", "RUS", "2023-09-13", "Moscow Daily"),
        _meet("CONSULT", "BLR", "RUS", "2023-09-15", "Moscow Daily", " in Sochi"),
        report("en", "Belarus proposed on 2023-09-15 trilateral cooperation with Russia and North Korea.",
               Ev("AGREE", "proposed", (("BLR", "Belarus", None),), (("RUS", "Russia", None),
                                                                     ("PRK", "North Korea", None)),
                  when=day("2023-09-15")), "2023-09-15", "Minsk Herald"),
        report("en", "Finland, Estonia and Latvia signed a cooperation pact on 2025-01-20.",
               Ev("COOPERATE", "signed", (("FIN", "Finland", None), ("EST", "Estonia", None),
                                          ("LVA", "Latvia", None)), when=day("2025-01-20")), "2025-01-20",
               "Baltic Times"),
        _meet("COOPERATE", "SWE", "NOR", "2022-01-12", "Nordic Post"),
        _meet("COOPERATE", "NOR", "DNK", "2022-06-12", "Nordic Post"),
        _meet("COOPERATE", "SWE", "DNK", "2022-12-12", "Nordic Post"),
        # a hypothetical return visit does not close the gap
        report("en", "North Korean officials might visit Belarus later.",
               Ev("CONSULT", "might visit", (("PRK", "North Korean", None),), (("BLR", "Belarus", None),), "visit",
                  aux="hypothetical", place=("BLR", "Belarus")), "2024-07-25", "Asia Desk"),
        # a month-dated report of the April visit, in German
        report("de", "Im April 2024 besuchte Schestakow Nordkorea.",
               Ev("CONSULT", "besuchte", (("BLR", "Schestakow", "p:blr:shestakov"),),
                  (("PRK", "Nordkorea", None),), "visit", month("2024-04", "Im April 2024"),
                  place=("PRK", "Nordkorea")), "2024-05-03", "Rheinpost"),
    ]
    for y in (2022, 2023):
        for m in range(1, 13):
            exs.append(_meet("CONSULT", "RUS", "CHN", f"{y}-{m:02d}-05", "Beijing Review", f", round {y}-{m}"))
    return exs


def analysis_store(path: Path) -> Path:
    """A store holding the sample corpus, linked."""
    with Store(path) as st:
        st.write(analysis_corpus())
        link_pending(st)
    return path
