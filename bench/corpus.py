"""The benchmark corpus: synthetic multilingual news built from templates written for the project.

Deterministic for a given seed and size, generated on demand (never committed). Each document
is a short article of 5-12 sentences: event sentences (meetings, visits, sanctions, accusations,
aid, protests, rejections, agreements) mixed with filler sentences that carry no event, as real
articles do, in English, German and Russian, with a share of French, Spanish and Ukrainian
documents (their packs have no event patterns yet: they exercise language identification,
cleaning, sentence splitting and the gazetteer). No text comes from the evaluation or seed sets.

    PYTHONPATH=src python bench/corpus.py OUT.jsonl --docs 10000
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

# Documents come in publication order, DOCS_PER_DAY a day from START, as a news feed delivers them:
# a larger corpus covers a longer period at the same rate, so its daily density (what the linker
# compares a new report with) does not grow with its size.
START = date(2023, 1, 2)
DOCS_PER_DAY = 100
# language -> share of documents
MIX: tuple[tuple[str, float], ...] = (("en", 0.5), ("de", 0.2), ("ru", 0.2), ("fr", 0.04), ("es", 0.03), ("uk", 0.03))

NAMES = ["Anna Korvala", "Jonas Petrauskas", "Maria Duarte", "Kenji Arata", "Ali Demir", "Sofia Rios",
         "Pavel Nemec", "Lena Virtanen", "Tomas Alvarez", "Ines Haddad"]
NAMES_RU = ["Анна Корвала", "Йонас Петраускас", "Мария Дуарте", "Кэндзи Арата", "Али Демир", "София Риос",
            "Павел Немец", "Лена Виртанен"]
NAMES_UK = ["Анна Корвала", "Йонас Петраускас", "Марія Дуарте", "Кендзі Арата", "Алі Демір"]

EN_COUNTRIES = [("Poland", "Polish"), ("Lithuania", "Lithuanian"), ("Finland", "Finnish"), ("Japan", "Japanese"),
                ("Brazil", "Brazilian"), ("Kenya", "Kenyan"), ("Mexico", "Mexican"), ("Egypt", "Egyptian"),
                ("Vietnam", "Vietnamese"), ("Canada", "Canadian"), ("Chile", "Chilean"), ("Norway", "Norwegian")]
EN_CITIES = ["Geneva", "Vienna", "Oslo", "Singapore", "Nairobi", "Lima", "Warsaw", "Hanoi"]
EN_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "on {month} {d}",
           "on {d} {month}", "yesterday"]
EN_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]
EN_EVENTS = [
    "{A_adj} Foreign Minister {name} visited {B} {day} to discuss trade and transport links.",
    "{A} and {B} agreed {day} to expand their cooperation in energy.",
    "The {A_adj} government accused {B} of violating the fishing agreement.",
    "{A} imposed sanctions on {B} {day}, citing the border dispute.",
    "{A_adj} President {name} met {B_adj} Prime Minister {name2} in {city} {day}.",
    "{A} sent humanitarian aid to {B} after the floods.",
    "Thousands of {A_adj} workers protested against the government {day}.",
    "{A} rejected the proposal made by {B}.",
    "The {A_adj} defence minister said {A} would hold talks with {B} next month.",
    "{A} expelled two {B_adj} diplomats {day}.",
    "Officials in {city} said {A} had signed a new trade agreement with {B}.",
    "{A_adj} troops attacked positions near the border with {B} {day}, the ministry said.",
]
EN_FILLER = [
    "Markets in the region were calm.",
    "Officials declined to comment on the details.",
    "The statement was published on the ministry's website.",
    "Heavy rain disrupted flights across the region for most of the day.",
    "Analysts said the figures for the third quarter were better than expected.",
    "The ministry did not say how many people had taken part.",
    "Prices of grain and fuel rose by {n} percent over the year.",
    "A spokesperson said more details would follow \"in due course\".",
    "The parliament is expected to vote on the budget in {month}.",
    "Local media reported long queues at petrol stations in {city}.",
]
EN_MONTHS = ["January", "March", "May", "July", "September", "November"]

DE_COUNTRIES = ["Polen", "Litauen", "Finnland", "Japan", "Brasilien", "Kenia", "Mexiko", "Ägypten", "Kanada",
                "Chile", "Vietnam", "Norwegen"]
DE_CITIES = ["Genf", "Wien", "Oslo", "Singapur", "Nairobi", "Lima", "Warschau", "Hanoi"]
DE_DAYS = ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am {d}. {month}"]
DE_MONTH_NAMES = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                  "November", "Dezember"]
DE_EVENTS = [
    "{A} verhängte {day} Sanktionen gegen {B}.",
    "{A} und {B} vereinbarten {day}, die Zusammenarbeit im Energiebereich auszubauen.",
    "Die Regierung von {A} warf {B} vor, das Fischereiabkommen verletzt zu haben.",
    "Der Außenminister von {A}, {name}, besuchte {day} {B}.",
    "Der Präsident von {A}, {name}, traf sich {day} in {city} mit dem Regierungschef von {B}.",
    "{A} schickte humanitäre Hilfe nach {B}.",
    "Tausende Arbeiter protestierten {day} in {A} gegen die Regierung.",
    "{A} lehnte den Vorschlag von {B} ab.",
    "{A} wies {day} zwei Diplomaten aus {B} aus.",
    "Vertreter von {A} und {B} führten {day} in {city} Gespräche über den Handel.",
]
DE_FILLER = [
    "Die Märkte in der Region blieben ruhig.",
    "Einzelheiten wurden zunächst nicht bekannt.",
    "Die Erklärung wurde auf der Internetseite des Ministeriums veröffentlicht.",
    "Starker Regen führte in der ganzen Region zu Verspätungen im Flugverkehr.",
    "Die Preise für Getreide und Treibstoff stiegen im Jahresvergleich um {n} Prozent.",
    "Das Parlament soll im {month} über den Haushalt abstimmen.",
    "Nach Angaben örtlicher Medien bildeten sich in {city} lange Schlangen an den Tankstellen.",
]
DE_MONTHS = ["Januar", "März", "Mai", "Juli", "September", "November"]

# nominative, genitive, accusative, prepositional
RU_COUNTRIES = [("Польша", "Польши", "Польшу", "Польше"), ("Литва", "Литвы", "Литву", "Литве"),
                ("Финляндия", "Финляндии", "Финляндию", "Финляндии"), ("Япония", "Японии", "Японию", "Японии"),
                ("Бразилия", "Бразилии", "Бразилию", "Бразилии"), ("Кения", "Кении", "Кению", "Кении"),
                ("Мексика", "Мексики", "Мексику", "Мексике"), ("Египет", "Египта", "Египет", "Египте"),
                ("Канада", "Канады", "Канаду", "Канаде"), ("Вьетнам", "Вьетнама", "Вьетнам", "Вьетнаме"),
                ("Норвегия", "Норвегии", "Норвегию", "Норвегии")]
RU_CITIES = ["Женеве", "Вене", "Осло", "Сингапуре", "Найроби", "Лиме", "Варшаве"]
RU_DAYS = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "{d} {month}"]
RU_MONTH_NAMES = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                  "ноября", "декабря"]
RU_EVENTS = [
    "Правительство {A_gen} {day} ввело санкции против {B_gen}.",
    "Министр иностранных дел {A_gen} {name} {day} посетил {B_acc}.",
    "Президент {A_gen} {name} {day} встретился в {city} с премьер-министром {B_gen}.",
    "Власти {A_gen} обвинили {B_acc} в нарушении соглашения о рыболовстве.",
    "Правительство {A_gen} направило гуманитарную помощь в {B_acc}.",
    "Тысячи рабочих {day} вышли на акцию протеста в {A_prep}.",
    "Правительство {A_gen} отклонило предложение {B_gen}.",
    "{A} и {B} {day} договорились расширить сотрудничество в энергетике.",
    "{A} {day} выслала двух дипломатов {B_gen}.",
]
RU_FILLER = [
    "Рынки в регионе оставались спокойными.",
    "Подробности не сообщаются.",
    "Заявление опубликовано на сайте министерства.",
    "Из-за сильного дождя в регионе задерживались авиарейсы.",
    "Цены на зерно и топливо выросли за год на {n} процентов.",
    "Парламент должен проголосовать по бюджету в {month}.",
    "По данным местных СМИ, в {city} у заправок выстроились очереди.",
]
RU_MONTHS = ["январе", "марте", "мае", "июле", "сентябре", "ноябре"]

FR_SENTENCES = [
    "Le gouvernement de {A} a annoncé de nouvelles mesures économiques {day}.",
    "Le ministre des Affaires étrangères de {A} s'est rendu à {city} {day}.",
    "Les marchés de la région sont restés calmes.",
    "Selon les médias locaux, de longues files d'attente se sont formées devant les stations-service.",
    "Le parlement doit voter le budget en {month}.",
    "Les prix des céréales et du carburant ont augmenté de {n} pour cent sur un an.",
]
FR_COUNTRIES = ["la Pologne", "la Lituanie", "la Finlande", "le Japon", "le Brésil", "le Kenya", "le Canada"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
FR_MONTHS = ["janvier", "mars", "mai", "juillet", "septembre"]
ES_SENTENCES = [
    "El gobierno de {A} anunció nuevas medidas económicas el {day}.",
    "El ministro de Asuntos Exteriores de {A} viajó a {city} el {day}.",
    "Los mercados de la región se mantuvieron tranquilos.",
    "Según los medios locales, se formaron largas colas en las gasolineras.",
    "El parlamento votará el presupuesto en {month}.",
    "Los precios del grano y del combustible subieron un {n} por ciento en un año.",
]
ES_COUNTRIES = ["Polonia", "Lituania", "Finlandia", "Japón", "Brasil", "Kenia", "México", "Canadá", "Chile"]
ES_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes"]
ES_MONTHS = ["enero", "marzo", "mayo", "julio", "septiembre"]
UK_SENTENCES = [
    "Уряд країни {A} оголосив нові економічні заходи у {day}.",
    "Міністр закордонних справ {name} відвідав {city} у {day}.",
    "Ринки в регіоні залишалися спокійними.",
    "За даними місцевих ЗМІ, біля заправок утворилися довгі черги.",
    "Парламент має проголосувати за бюджет у {month}.",
    "Ціни на зерно та пальне зросли за рік на {n} відсотків.",
]
UK_COUNTRIES = ["Польща", "Литва", "Фінляндія", "Японія", "Бразилія", "Канада"]
UK_DAYS = ["понеділок", "вівторок", "середу", "четвер", "п'ятницю"]
UK_MONTHS = ["січні", "березні", "травні", "липні", "вересні"]


def _day(rng: random.Random, choices: list[str], months: list[str], published: date) -> str:
    """A time expression of a report: a weekday, or a date at most a week before publication."""
    when = published - timedelta(days=rng.randint(0, 6))
    return rng.choice(choices).format(d=when.day, month=months[when.month - 1])


def _en(rng: random.Random, event: bool, published: date) -> str:
    if not event:
        return rng.choice(EN_FILLER).format(n=rng.randint(2, 40), month=rng.choice(EN_MONTHS),
                                            city=rng.choice(EN_CITIES))
    (a, a_adj), (b, b_adj) = rng.sample(EN_COUNTRIES, 2)
    return rng.choice(EN_EVENTS).format(A=a, A_adj=a_adj, B=b, B_adj=b_adj, name=rng.choice(NAMES),
                                        name2=rng.choice(NAMES), city=rng.choice(EN_CITIES),
                                        day=_day(rng, EN_DAYS, EN_MONTH_NAMES, published))


def _de(rng: random.Random, event: bool, published: date) -> str:
    if not event:
        return rng.choice(DE_FILLER).format(n=rng.randint(2, 40), month=rng.choice(DE_MONTHS),
                                            city=rng.choice(DE_CITIES))
    a, b = rng.sample(DE_COUNTRIES, 2)
    return rng.choice(DE_EVENTS).format(A=a, B=b, name=rng.choice(NAMES), city=rng.choice(DE_CITIES),
                                        day=_day(rng, DE_DAYS, DE_MONTH_NAMES, published))


def _ru(rng: random.Random, event: bool, published: date) -> str:
    if not event:
        return rng.choice(RU_FILLER).format(n=rng.randint(5, 40), month=rng.choice(RU_MONTHS),
                                            city=rng.choice(RU_CITIES))
    a, b = rng.sample(RU_COUNTRIES, 2)
    return rng.choice(RU_EVENTS).format(A=a[0], A_gen=a[1], A_acc=a[2], A_prep=a[3], B=b[0], B_gen=b[1], B_acc=b[2],
                                        name=rng.choice(NAMES_RU), city=rng.choice(RU_CITIES),
                                        day=_day(rng, RU_DAYS, RU_MONTH_NAMES, published))


def _other(lang: str, rng: random.Random) -> str:
    sentences, countries, days, months = {
        "fr": (FR_SENTENCES, FR_COUNTRIES, FR_DAYS, FR_MONTHS),
        "es": (ES_SENTENCES, ES_COUNTRIES, ES_DAYS, ES_MONTHS),
        "uk": (UK_SENTENCES, UK_COUNTRIES, UK_DAYS, UK_MONTHS),
    }[lang]
    return rng.choice(sentences).format(A=rng.choice(countries), city=rng.choice(EN_CITIES), day=rng.choice(days),
                                        month=rng.choice(months), n=rng.randint(5, 40), name=rng.choice(NAMES_UK))


def article(rng: random.Random, lang: str, n: int, published: date) -> str:
    """One article of 5-12 sentences in `lang`; `n` makes its text unique."""
    parts = []
    for _ in range(rng.randint(5, 12)):
        event = rng.random() < 0.55
        if lang == "en":
            parts.append(_en(rng, event, published))
        elif lang == "de":
            parts.append(_de(rng, event, published))
        elif lang == "ru":
            parts.append(_ru(rng, event, published))
        else:
            parts.append(_other(lang, rng))
    tail = {"en": "Report {n}.", "de": "Meldung {n}.", "ru": "Сообщение {n}.", "fr": "Dépêche {n}.",
            "es": "Despacho {n}.", "uk": "Повідомлення {n}."}[lang]
    parts.append(tail.format(n=n))
    # a paragraph break now and then, as articles have
    text = ""
    for k, p in enumerate(parts):
        text += p + ("\n\n" if k % 4 == 3 else " ")
    return text.strip()


def records(count: int, seed: int = 11) -> Iterator[dict[str, str]]:
    """`count` manifest records in publication order: text, language (for the record; not given to the
    pipeline), date and URL."""
    rng = random.Random(seed)
    langs = [lang for lang, _ in MIX]
    weights = [w for _, w in MIX]
    for n in range(count):
        lang = rng.choices(langs, weights)[0]
        published = START + timedelta(days=n // DOCS_PER_DAY)
        yield {"text": article(rng, lang, n, published), "published": published.isoformat(),
               "url": f"https://bench.example/{lang}/{n}", "bench_lang": lang}


def write(path: Path, count: int, seed: int = 11, langs: tuple[str, ...] | None = None) -> Path:
    """Write a JSONL manifest of `count` documents (only those in `langs`, when given); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for rec in records(count, seed):
            if langs is None or rec["bench_lang"] in langs:
                f.write(json.dumps({k: v for k, v in rec.items() if k != "bench_lang"}, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    """Write the benchmark corpus."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    write(args.out, args.docs, args.seed)


if __name__ == "__main__":
    main()
