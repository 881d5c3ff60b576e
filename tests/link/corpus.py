"""Small hand-written corpora for linking, analysis and export tests (texts written for these tests).

`doc()` builds an Extraction from sentences, each with the events it reports; offsets of
triggers, actors and places are found in the sentence text, so fixtures read like articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from communique.records import (
    Actor,
    DateValue,
    Document,
    EventMention,
    Extraction,
    Mention,
    Place,
    Sentence,
    content_id,
)

SCORES = {"CONSULT": (1, 2.5, "04"), "AGREE": (1, 2.5, "03"), "SUPPORT": (1, 5.0, "05"),
          "COOPERATE": (2, 9.5, "06"), "AID": (2, 10.0, "07"), "ACCUSE": (3, -3.0, "11"),
          "THREATEN": (3, -3.5, "13"), "ASSAULT": (4, -9.0, "18"), "SANCTION": (4, -6.0, "16"),
          "REJECT": (3, -2.0, "12"), "MOBILIZE": (4, -5.5, "15")}


@dataclass(frozen=True)
class Ev:
    """One event a sentence reports: who (code, surface words, person id), what, when, where."""

    category: str
    trigger: str
    actors: tuple[tuple[str, str, str | None], ...]  # (code, words in the sentence, person id)
    recipients: tuple[tuple[str, str, str | None], ...] = ()
    mode: str | None = None
    when: tuple[date, date, str, str] | None = None  # start, end, precision, words
    aux: str | None = None
    place: tuple[str, str] | None = None  # (country code, words)
    confidence: float = 0.8


@dataclass(frozen=True)
class Sent:
    text: str
    events: tuple[Ev, ...] = field(default=())


def day(iso: str, words: str = "") -> tuple[date, date, str, str]:
    """A day-precision date."""
    d = date.fromisoformat(iso)
    return d, d, "day", words or iso


def days(a: str, b: str, words: str = "") -> tuple[date, date, str, str]:
    """A range of days."""
    return date.fromisoformat(a), date.fromisoformat(b), "day", words or f"{a}..{b}"


def month(ym: str, words: str = "") -> tuple[date, date, str, str]:
    """A month-precision date."""
    y, m = map(int, ym.split("-"))
    start = date(y, m, 1)
    end = (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
    return start, end, "month", words or ym


def unknown(words: str) -> tuple[None, None, str, str]:
    """A time expression the text gives but that could not be resolved ("am Dienstag", no date)."""
    return None, None, "unknown", words  # type: ignore[return-value]


def _find(text: str, words: str, base: int) -> tuple[int, int]:
    i = text.index(words)
    return base + i, base + i + len(words)


def _entity(text: str, base: int, code: str, words: str, pid: str | None) -> Mention:
    s, e = _find(text, words, base)
    sector = "GOV"
    actor = Actor(pid or code, words if pid else code, code, sector, "Minister" if pid else "")
    return Mention(s, e, words, "actor", actor)


def doc(lang: str, sents: list[Sent], published: str | None = None, outlet: str | None = None,
        url: str | None = None) -> Extraction:
    """An extraction of a document written from sentences with their events."""
    text = " ".join(s.text for s in sents)
    pub = None
    if published:
        if len(published) == 10:
            pub = DateValue(*day(published)[:3])  # type: ignore[arg-type]
        else:
            pub = DateValue(*month(published)[:3])  # type: ignore[arg-type]
    doc_id = content_id(text)
    sentences = []
    events = []
    pos = 0
    for i, s in enumerate(sents):
        sentences.append(Sentence(i, pos, pos + len(s.text)))
        for j, ev in enumerate(s.events):
            t0, t1 = _find(s.text, ev.trigger, pos)
            actors = tuple(_entity(s.text, pos, c, w, p) for c, w, p in ev.actors)
            recipients = tuple(_entity(s.text, pos, c, w, p) for c, w, p in ev.recipients)
            loc = None
            if ev.place:
                ls, le = _find(s.text, ev.place[1], pos)
                loc = Mention(ls, le, ev.place[1], "place", Place(ev.place[1], ev.place[0]))
            dv = None
            if ev.when:
                dv = DateValue(ev.when[0], ev.when[1], ev.when[2], ev.when[3])  # type: ignore[arg-type]
            quad, score, cameo = SCORES.get(ev.category, (1, 0.0, "01"))
            events.append(EventMention(
                id=f"{doc_id[:8]}-{i}-{j}", doc_id=doc_id, sentence=i, category=ev.category,
                trigger_start=t0, trigger_end=t1, trigger_text=ev.trigger, actors=actors, recipients=recipients,
                mode=ev.mode, location=loc, date=dv, aux=ev.aux, confidence=ev.confidence,  # type: ignore[arg-type]
                pattern=f"{lang}:test", cameo=cameo, score=score, quad=quad, event_id=f"e-coder-{doc_id[:6]}"))
        pos += len(s.text) + 1
    d = Document(doc_id, text, lang=lang, outlet=outlet, url=url, published=pub, sentences=tuple(sentences))
    return Extraction(d, events=tuple(events))


# --- the visit corpus: one visit told in several languages, and what must stay apart ----------

BLR_MIN = ("BLR", "Shestakov", "p:blr:shestakov")


def visit_corpus() -> dict[str, Extraction]:
    """Documents about an April visit (four languages, day/month/no dates), a July visit and the rest."""
    en = doc("en", [
        Sent("Belarusian Deputy Foreign Minister Shestakov arrived in Pyongyang on Tuesday for talks.",
             (Ev("CONSULT", "arrived", (("BLR", "Shestakov", "p:blr:shestakov"),), (("PRK", "Pyongyang", None),),
                 "visit", day("2024-04-16", "on Tuesday"), place=("PRK", "Pyongyang")),)),
        Sent("On Thursday Shestakov held talks with North Korean officials.",
             (Ev("CONSULT", "held talks", (("BLR", "Shestakov", "p:blr:shestakov"),),
                 (("PRK", "North Korean", None),), None, day("2024-04-18", "On Thursday")),)),
    ], published="2024-04-18", outlet="Minsk Herald")
    de = doc("de", [
        Sent("Der belarussische Vizeaußenminister Schestakow ist am Dienstag in Pjöngjang eingetroffen.",
             (Ev("CONSULT", "eingetroffen", (("BLR", "Schestakow", "p:blr:shestakov"),),
                 (("PRK", "Pjöngjang", None),), "visit", day("2024-04-16", "am Dienstag"),
                 place=("PRK", "Pjöngjang")),)),
    ], published="2024-04-17", outlet="Rheinpost")
    ru = doc("ru", [
        Sent("В апреле замминистра иностранных дел Беларуси Шестаков посетил Пхеньян.",
             (Ev("CONSULT", "посетил", (("BLR", "Шестаков", "p:blr:shestakov"),), (("PRK", "Пхеньян", None),),
                 "visit", month("2024-04", "В апреле"), place=("PRK", "Пхеньян")),)),
    ], published="2024-05-02", outlet="Vesti Minsk")
    fr = doc("fr", [
        Sent("Le vice-ministre biélorusse Chestakov s'est rendu mardi à Pyongyang.",
             (Ev("CONSULT", "s'est rendu", (("BLR", "Chestakov", "p:blr:shestakov"),),
                 (("PRK", "Pyongyang", None),), "visit", unknown("mardi"), place=("PRK", "Pyongyang")),)),
    ], published=None, outlet="Le Quotidien")
    july = doc("ko", [
        Sent("벨라루스 외무장관 리젠코프가 23일 평양에 도착했다.",
             (Ev("CONSULT", "도착했다", (("BLR", "리젠코프", "p:blr:ryzhenkov"),), (("PRK", "평양", None),),
                 "visit", day("2024-07-23", "23일"), place=("PRK", "평양")),)),
    ], published="2024-07-24", outlet="Seoul Wire")
    planned = doc("en", [
        Sent("Belarus's foreign minister Ryzhenkov will travel to Pyongyang on Tuesday, the ministry said.",
             (Ev("CONSULT", "will travel", (("BLR", "Ryzhenkov", "p:blr:ryzhenkov"),), (("PRK", "Pyongyang", None),),
                 "visit", day("2024-07-23", "on Tuesday"), aux="future", place=("PRK", "Pyongyang")),)),
    ], published="2024-07-20", outlet="Minsk Herald")
    agree = doc("en", [
        Sent("Minsk and Pyongyang agreed on Thursday to expand contacts between their ministries.",
             (Ev("AGREE", "agreed", (("BLR", "Minsk", None), ("PRK", "Pyongyang", None)),
                 when=day("2024-04-18", "on Thursday")),)),
    ], published="2024-04-19", outlet="Asia Desk")
    return {"en": en, "de": de, "ru": ru, "fr": fr, "july": july, "planned": planned, "agree": agree}
