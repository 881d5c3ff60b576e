"""A synthetic store for the serve benchmark: at least N linked events (default 100,000), built through Store.

Run: PYTHONPATH=src python bench/serve_store.py [--events 100000] [--db bench/out/serve-100k.duckdb]

Each true event (a pair drawn with Zipf-like weights among 60 countries, a PLOVER category, a
day over ten years) is told by one to three one-sentence articles in English, German or
Russian from different outlets; the articles are written with Store.write and linked with
link_pending, as an ingest would, so the store has the shape the pipeline gives (documents,
sentences, event mentions with spans, linked events). The sentences are templates written for
this benchmark; nothing in them is a fact.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

from communique.link.incremental import link_pending
from communique.records import (
    Actor,
    DateValue,
    Document,
    EventMention,
    Extraction,
    Mention,
    Sentence,
    content_id,
)
from communique.store import serve_sql
from communique.store.duckdb import Store

# code, English, German, Russian (nominative) names
COUNTRIES = [
    ("AUT", "Austria", "Österreich", "Австрия"), ("BEL", "Belgium", "Belgien", "Бельгия"),
    ("BGR", "Bulgaria", "Bulgarien", "Болгария"), ("BLR", "Belarus", "Belarus", "Белоруссия"),
    ("BRA", "Brazil", "Brasilien", "Бразилия"), ("CAN", "Canada", "Kanada", "Канада"),
    ("CHE", "Switzerland", "die Schweiz", "Швейцария"), ("CHL", "Chile", "Chile", "Чили"),
    ("CHN", "China", "China", "Китай"), ("CZE", "Czechia", "Tschechien", "Чехия"),
    ("DEU", "Germany", "Deutschland", "Германия"), ("DNK", "Denmark", "Dänemark", "Дания"),
    ("EGY", "Egypt", "Ägypten", "Египет"), ("ESP", "Spain", "Spanien", "Испания"),
    ("EST", "Estonia", "Estland", "Эстония"), ("ETH", "Ethiopia", "Äthiopien", "Эфиопия"),
    ("FIN", "Finland", "Finnland", "Финляндия"), ("FRA", "France", "Frankreich", "Франция"),
    ("GBR", "Britain", "Großbritannien", "Великобритания"), ("GEO", "Georgia", "Georgien", "Грузия"),
    ("GRC", "Greece", "Griechenland", "Греция"), ("HUN", "Hungary", "Ungarn", "Венгрия"),
    ("IDN", "Indonesia", "Indonesien", "Индонезия"), ("IND", "India", "Indien", "Индия"),
    ("IRN", "Iran", "Iran", "Иран"), ("IRQ", "Iraq", "Irak", "Ирак"),
    ("ISL", "Iceland", "Island", "Исландия"), ("ISR", "Israel", "Israel", "Израиль"),
    ("ITA", "Italy", "Italien", "Италия"), ("JPN", "Japan", "Japan", "Япония"),
    ("KAZ", "Kazakhstan", "Kasachstan", "Казахстан"), ("KEN", "Kenya", "Kenia", "Кения"),
    ("KOR", "South Korea", "Südkorea", "Южная Корея"), ("LTU", "Lithuania", "Litauen", "Литва"),
    ("LVA", "Latvia", "Lettland", "Латвия"), ("MAR", "Morocco", "Marokko", "Марокко"),
    ("MDA", "Moldova", "Moldau", "Молдавия"), ("MEX", "Mexico", "Mexiko", "Мексика"),
    ("MNG", "Mongolia", "die Mongolei", "Монголия"), ("NGA", "Nigeria", "Nigeria", "Нигерия"),
    ("NLD", "the Netherlands", "die Niederlande", "Нидерланды"), ("NOR", "Norway", "Norwegen", "Норвегия"),
    ("POL", "Poland", "Polen", "Польша"), ("PRK", "North Korea", "Nordkorea", "КНДР"),
    ("PRT", "Portugal", "Portugal", "Португалия"), ("ROU", "Romania", "Rumänien", "Румыния"),
    ("RUS", "Russia", "Russland", "Россия"), ("SAU", "Saudi Arabia", "Saudi-Arabien", "Саудовская Аравия"),
    ("SRB", "Serbia", "Serbien", "Сербия"), ("SWE", "Sweden", "Schweden", "Швеция"),
    ("THA", "Thailand", "Thailand", "Таиланд"), ("TUR", "Turkey", "die Türkei", "Турция"),
    ("UKR", "Ukraine", "die Ukraine", "Украина"), ("USA", "the United States", "die USA", "США"),
    ("UZB", "Uzbekistan", "Usbekistan", "Узбекистан"), ("VNM", "Vietnam", "Vietnam", "Вьетнам"),
    ("ZAF", "South Africa", "Südafrika", "ЮАР"), ("ARG", "Argentina", "Argentinien", "Аргентина"),
    ("AZE", "Azerbaijan", "Aserbaidschan", "Азербайджан"), ("ARM", "Armenia", "Armenien", "Армения"),
]
LANG_COL = {"en": 1, "de": 2, "ru": 3}
# category, weight, quad, score, CAMEO root, trigger per language; {a} and {b} name the countries
CATEGORIES = [
    ("CONSULT", 40, 1, 1.0, "04", {"en": "{a} held talks with {b}", "de": "{a} führte Gespräche mit {b}",
                                   "ru": "{a} провела переговоры с {b}"}),
    ("AGREE", 12, 1, 2.5, "03", {"en": "{a} agreed with {b}", "de": "{a} einigte sich mit {b}",
                                 "ru": "{a} договорилась с {b}"}),
    ("AID", 5, 2, 10.0, "07", {"en": "{a} sent aid to {b}", "de": "{a} schickte Hilfe an {b}",
                               "ru": "{a} направила помощь {b}"}),
    ("COOPERATE", 8, 2, 9.5, "06", {"en": "{a} signed a cooperation pact with {b}",
                                    "de": "{a} unterzeichnete ein Kooperationsabkommen mit {b}",
                                    "ru": "{a} подписала соглашение о сотрудничестве с {b}"}),
    ("ACCUSE", 10, 3, -3.0, "11", {"en": "{a} accused {b}", "de": "{a} beschuldigte {b}",
                                   "ru": "{a} обвинила {b}"}),
    ("REJECT", 4, 3, -2.0, "12", {"en": "{a} rejected the demands of {b}", "de": "{a} wies die Forderungen von {b} "
                                  "zurück", "ru": "{a} отвергла требования {b}"}),
    ("THREATEN", 5, 3, -3.5, "13", {"en": "{a} threatened {b}", "de": "{a} drohte {b}", "ru": "{a} пригрозила {b}"}),
    ("SANCTION", 3, 4, -6.0, "16", {"en": "{a} imposed sanctions on {b}", "de": "{a} verhängte Sanktionen gegen {b}",
                                    "ru": "{a} ввела санкции против {b}"}),
    ("ASSAULT", 3, 4, -9.0, "18", {"en": "{a} shelled positions of {b}", "de": "{a} beschoss Stellungen von {b}",
                                   "ru": "{a} обстреляла позиции {b}"}),
]
TRIGGERS = {"CONSULT": {"en": "held talks", "de": "führte Gespräche", "ru": "провела переговоры"},
            "AGREE": {"en": "agreed", "de": "einigte sich", "ru": "договорилась"},
            "AID": {"en": "sent aid", "de": "schickte Hilfe", "ru": "направила помощь"},
            "COOPERATE": {"en": "signed a cooperation pact", "de": "unterzeichnete ein Kooperationsabkommen",
                          "ru": "подписала соглашение о сотрудничестве"},
            "ACCUSE": {"en": "accused", "de": "beschuldigte", "ru": "обвинила"},
            "REJECT": {"en": "rejected", "de": "wies", "ru": "отвергла"},
            "THREATEN": {"en": "threatened", "de": "drohte", "ru": "пригрозила"},
            "SANCTION": {"en": "imposed sanctions", "de": "verhängte Sanktionen", "ru": "ввела санкции"},
            "ASSAULT": {"en": "shelled", "de": "beschoss", "ru": "обстреляла"}}
OUTLETS = {"en": ["Harbour Gazette", "Evening Wire", "Plains Courier", "Coastal Ledger"],
           "de": ["Rheintal-Anzeiger", "Nordkurier Beispiel", "Alpenblatt"],
           "ru": ["Волжский вестник", "Северная газета", "Степной курьер"]}
EPOCH = date(2015, 1, 1)


def _article(rng: random.Random, n: int, lang: str, cat: tuple, a: tuple, b: tuple, when: date,
             published: date, outlet: str) -> Extraction:
    name, _w, quad, score, cameo, frames = cat
    an, bn = a[LANG_COL[lang]], b[LANG_COL[lang]]
    sentence = frames[lang].format(a=an, b=bn) + f" ({when.isoformat()})."
    text = f"{sentence} Report {n}."
    doc_id = content_id(text)
    trigger = TRIGGERS[name][lang]
    t0 = sentence.index(trigger)
    a0 = sentence.index(an)
    b0 = sentence.index(bn, a0 + len(an))
    actor = Mention(a0, a0 + len(an), an, "actor", Actor(f"{a[0]}/GOV", a[1], a[0], "GOV"))
    recip = Mention(b0, b0 + len(bn), bn, "actor", Actor(f"{b[0]}/GOV", b[1], b[0], "GOV"))
    em = EventMention(
        id=f"{doc_id[:12]}-0", doc_id=doc_id, sentence=0, category=name, trigger_start=t0,
        trigger_end=t0 + len(trigger), trigger_text=trigger, actors=(actor,), recipients=(recip,),
        date=DateValue(when, when, "day", when.isoformat()), confidence=round(rng.uniform(0.5, 0.9), 2),
        pattern=f"{lang}:bench", cameo=cameo, score=score, quad=quad)
    doc = Document(id=doc_id, text=text, lang=lang, title=f"{an} – {bn}", url=f"https://{lang}.news.example/{n}",
                   outlet=outlet, published=DateValue(published, published, "day"), path="bench",
                   sentences=(Sentence(0, 0, len(sentence)), Sentence(1, len(sentence) + 1, len(text))))
    return Extraction(doc, (), (em,), ())


def build(path: Path, events: int, seed: int = 7, batch: int = 10_000) -> dict[str, int]:
    """Write a store of at least `events` linked events to path (replacing it); returns its counts."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(COUNTRIES))]
    cat_w = [c[1] for c in CATEGORIES]
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    linked = 0
    with Store(path) as store:
        # reports of one event are linked into one, and now and then two events of a pair meet:
        # write batches until the store holds the linked events asked for
        while linked < events:
            pending: list[Extraction] = []
            for _ in range(min(batch, events - linked)):
                a, b = rng.choices(COUNTRIES, weights, k=2)
                while b == a:
                    b = rng.choices(COUNTRIES, weights)[0]
                cat = rng.choices(CATEGORIES, cat_w)[0]
                when = EPOCH + timedelta(days=rng.randrange(3650))
                reports = rng.choices((1, 2, 3), (75, 20, 5))[0]
                for lang in rng.sample(("en", "de", "ru"), reports):
                    pending.append(_article(rng, n, lang, cat, a, b, when, when + timedelta(days=rng.randrange(3)),
                                            rng.choice(OUTLETS[lang])))
                    n += 1
            store.write(pending)
            link_pending(store)
            linked = int(next(store.rows(serve_sql.SUMMARY_SQL))["events"])
        summary = next(store.rows(serve_sql.SUMMARY_SQL))
    return {k: int(summary[k]) for k in ("documents", "event_mentions", "events")}


def main() -> None:
    """Build the store and print its counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("bench/out/serve-100k.duckdb"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    t = time.perf_counter()
    counts = build(args.db, args.events, args.seed)
    print(f"{args.db}: {counts} in {time.perf_counter() - t:.0f} s")


if __name__ == "__main__":
    main()
