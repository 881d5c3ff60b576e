"""Regions, occupied and disputed territories, armed groups and parties, UN bodies' short forms
and other names of states, in every language, on sentences written for these tests.

Each phrase marks the name under test with brackets; the gazetteer must read exactly that span,
and its most specific reading (the one the recogniser takes) must be the expected one.
"""

from __future__ import annotations

import math

import pytest

from communique.actors.base import ActorBase
from communique.prepare.tokens import tokenize

# the languages test_gazetteer loads: the same tuple shares its cached base (one copy in memory)
LANGS = ("en", "de", "ru", "uk", "fr", "es", "ko")
# the recogniser's order of readings (actors/recognise.py): the first kind present wins
ORDER = ("person", "organisation", "country", "seat", "capital", "adjective", "demonym", "place")


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.load(LANGS)


def reading(base: ActorBase, lang: str, phrase: str) -> tuple[str, str, str] | None:
    """(kind, code, sector) of the bracketed span, None when no name covers exactly it."""
    start = phrase.index("[")
    end = phrase.index("]") - 1
    text = phrase.replace("[", "").replace("]", "")
    toks = tokenize(text)
    for m in base.gazetteer(lang).matches(toks):
        if toks[m.first].start == start and toks[m.last - 1].end == end:
            kinds = {e.kind: e for e in reversed(m.entries)}
            kind = next(k for k in ORDER if k in kinds)
            e = kinds[kind]
            return kind, e.code, e.sector
    return None


def spans(base: ActorBase, lang: str, text: str) -> dict[str, set[tuple[str, str, str]]]:
    toks = tokenize(text)
    out: dict[str, set[tuple[str, str, str]]] = {}
    for m in base.gazetteer(lang).matches(toks):
        out[text[toks[m.first].start : toks[m.last - 1].end]] = {(e.kind, e.code, e.sector) for e in m.entries}
    return out


PLACE = "place"
ORG = "organisation"
STATE = "country"

# lang, phrase, (kind, code, sector)
CASES: list[tuple[str, str, tuple[str, str, str]]] = [
    # --- regions: places of the state they belong to ---------------------------------------
    ("en", "Israeli troops entered the [West Bank] city of Jenin", (PLACE, "PSE", "")),
    ("en", "aid trucks crossed into the [Gaza Strip]", (PLACE, "PSE", "")),
    ("en", "Druze villages in the [Golan Heights]", (PLACE, "SYR", "")),
    ("en", "police in [Northern Ireland] arrested two men", (PLACE, "GBR", "")),
    ("en", "voters in [Scotland] and Wales", (PLACE, "GBR", "")),
    ("en", "floods in [New South Wales]", (PLACE, "AUS", "")),
    ("en", "a storm hit [New England] on Monday", (PLACE, "USA", "")),
    ("en", "Russia annexed [Crimea] in 2014", (PLACE, "UKR", "")),
    ("en", "fighting in the [Donbas] intensified", (PLACE, "UKR", "")),
    ("en", "shelling in the [Donetsk region] killed three", (PLACE, "UKR", "")),
    ("en", "the [Zaporizhzhia oblast] governor said", (PLACE, "UKR", "")),
    ("en", "refugees fled [Darfur] for Chad", (PLACE, "SDN", "")),
    ("en", "clashes in South [Kordofan]", (PLACE, "SDN", "")),
    ("en", "the war in [Tigray] ended in 2022", (PLACE, "ETH", "")),
    ("en", "an attack in [Jammu and Kashmir]", (PLACE, "IND", "")),
    ("en", "a bomb exploded in [Chechnya]", (PLACE, "RUS", "")),
    ("en", "camps in [Xinjiang]", (PLACE, "CHN", "")),
    ("en", "protests in [Tibet]", (PLACE, "CHN", "")),
    ("en", "the [Kurdistan Region] held elections", (PLACE, "IRQ", "")),
    ("en", "the independence vote in [Catalonia]", (PLACE, "ESP", "")),
    ("en", "separatists in the [Basque Country]", (PLACE, "ESP", "")),
    ("en", "missiles were moved to the [Kaliningrad region]", (PLACE, "RUS", "")),
    ("en", "the Vostochny spaceport in the [Amur region]", (PLACE, "RUS", "")),
    ("en", "US bases on [Okinawa Island]", (PLACE, "JPN", "")),
    ("en", "a summit on [Jeju Island]", (PLACE, "KOR", "")),
    ("de", "Soldaten drangen ins [Westjordanland] vor", (PLACE, "PSE", "")),
    ("de", "die Lage des [Westjordanlandes]", (PLACE, "PSE", "")),
    ("de", "Hilfe für den [Gazastreifen]", (PLACE, "PSE", "")),
    ("de", "Russland annektierte die [Krim] 2014", (PLACE, "UKR", "")),
    ("de", "Kämpfe im [Donbass]", (PLACE, "UKR", "")),
    ("de", "Wahlen in [Nordirland]", (PLACE, "GBR", "")),
    ("de", "die Regierung [Kataloniens]", (PLACE, "ESP", "")),
    ("de", "Angriffe in [Tschetschenien]", (PLACE, "RUS", "")),
    ("de", "auf den [Golanhöhen]", (PLACE, "SYR", "")),
    ("ru", "российские войска в [Крыму]", (PLACE, "UKR", "")),
    ("ru", "обстрелы [Донбасса]", (PLACE, "UKR", "")),
    ("ru", "бои в [секторе Газа]", (PLACE, "PSE", "")),
    ("ru", "поселения на [Западном берегу реки Иордан]", (PLACE, "PSE", "")),
    ("ru", "губернатор [Запорожской области] заявил", (PLACE, "UKR", "")),
    ("ru", "учения в [Калининградской области]", (PLACE, "RUS", "")),
    ("ru", "глава [Чечни] заявил", (PLACE, "RUS", "")),
    ("ru", "на [Голанских высотах]", (PLACE, "SYR", "")),
    ("ru", "космодром Восточный в [Амурской области]", (PLACE, "RUS", "")),
    ("ru", "визит в [Приморье]", (PLACE, "RUS", "")),
    ("uk", "окупанти в [Криму]", (PLACE, "UKR", "")),
    ("uk", "бої на [Донбасі]", (PLACE, "UKR", "")),
    ("uk", "обстріл [Херсонської області]", (PLACE, "UKR", "")),
    ("uk", "поселення на [Західному березі]", (PLACE, "PSE", "")),
    ("uk", "голова [Запорізької області]", (PLACE, "UKR", "")),
    ("fr", "les colons de [Cisjordanie]", (PLACE, "PSE", "")),
    ("fr", "la guerre dans la [bande de Gaza]", (PLACE, "PSE", "")),
    ("fr", "l'annexion de la [Crimée]", (PLACE, "UKR", "")),
    ("fr", "la situation au [Darfour]", (PLACE, "SDN", "")),
    ("fr", "les nationalistes en [Corse]", (PLACE, "FRA", "")),
    ("fr", "le référendum en [Écosse]", (PLACE, "GBR", "")),
    ("es", "los colonos en [Cisjordania]", (PLACE, "PSE", "")),
    ("es", "la ofensiva en la [Franja de Gaza]", (PLACE, "PSE", "")),
    ("es", "el independentismo en [Cataluña]", (PLACE, "ESP", "")),
    ("es", "el Gobierno del [País Vasco]", (PLACE, "ESP", "")),
    ("es", "la anexión de [Crimea]", (PLACE, "UKR", "")),
    ("ko", "이스라엘군이 [요르단강 서안에서] 작전을 벌였다", (PLACE, "PSE", "")),
    ("ko", "[가자지구에] 구호품이 도착했다", (PLACE, "PSE", "")),
    ("ko", "러시아가 [크림반도를] 병합했다", (PLACE, "UKR", "")),
    ("ko", "[돈바스에서] 교전이 이어졌다", (PLACE, "UKR", "")),
    ("ko", "[신장위구르자치구의] 수용소", (PLACE, "CHN", "")),
    ("ko", "[연해주에서] 열린 포럼", (PLACE, "RUS", "")),
    # --- armed groups, movements, parties ----------------------------------------------------
    ("en", "[Hamas] fighters fired rockets", (ORG, "PSE", "REB")),
    ("en", "the armed wing of Hamas, the [Qassam Brigades]", (ORG, "PSE", "REB")),
    ("en", "[Palestinian Islamic Jihad] said", (ORG, "PSE", "REB")),
    ("en", "[Fatah] officials met in Ramallah", (ORG, "PSE", "PTY")),
    ("en", "the [Palestinian Authority] condemned the raid", (ORG, "PSE", "GOV")),
    ("en", "[Hezbollah] fired drones at Israel", (ORG, "LBN", "REB")),
    ("en", "[Houthi] rebels attacked a ship", (ORG, "YEM", "REB")),
    ("en", "the [Taliban] banned girls from schools", (ORG, "AFG", "GOV")),
    ("en", "the [Pakistani Taliban] claimed the attack", (ORG, "PAK", "REB")),
    ("en", "[al-Qaeda] claimed responsibility", (ORG, "IMG", "REB")),
    ("en", "[Al Qaida] leaders were killed", (ORG, "IMG", "REB")),
    ("en", "fighters of the [Islamic State] retreated", (ORG, "IMG", "REB")),
    ("en", "[ISIS] militants", (ORG, "IMG", "REB")),
    ("en", "[al-Shabaab] attacked a base in Somalia", (ORG, "SOM", "REB")),
    ("en", "[Boko Haram] abducted students", (ORG, "NGA", "REB")),
    ("en", "the [PKK] announced its dissolution", (ORG, "TUR", "REB")),
    ("en", "the Kurdish-led [Syrian Democratic Forces]", (ORG, "SYR", "REB")),
    ("en", "[HTS] fighters entered Aleppo", (ORG, "SYR", "REB")),
    ("en", "the [Tamil Tigers] were defeated in 2009", (ORG, "LKA", "REB")),
    ("en", "[FARC] dissidents", (ORG, "COL", "REB")),
    ("en", "the [ELN] guerrilla", (ORG, "COL", "REB")),
    ("en", "[M23] rebels seized Goma", (ORG, "COD", "REB")),
    ("en", "the [Rapid Support Forces] besieged El Fasher", (ORG, "SDN", "REB")),
    ("en", "the [Wagner Group] mercenaries", (ORG, "RUS", "PRM")),
    ("en", "the [Muslim Brotherhood] was banned", (ORG, "EGY", "OPP")),
    ("en", "the [Polisario Front] said", (ORG, "MAR", "REB")),
    ("en", "the [Islamic Salvation Front] won the vote", (ORG, "DZA", "REB")),
    ("en", "[ETA] announced a ceasefire", (ORG, "ESP", "REB")),
    ("en", "the [Provisional IRA] disarmed", (ORG, "GBR", "REB")),
    ("en", "the [Kosovo Liberation Army] fought Serbian forces", (ORG, "XKX", "REB")),
    ("de", "die [Taliban] verboten den Unterricht", (ORG, "AFG", "GOV")),
    ("de", "die [Hamas] feuerte Raketen ab", (ORG, "PSE", "REB")),
    ("de", "die [Hisbollah] im Libanon", (ORG, "LBN", "REB")),
    ("de", "die [Huthi-Rebellen] im Jemen", (ORG, "YEM", "REB")),
    ("de", "Kämpfer des [Islamischen Staates]", (ORG, "IMG", "REB")),
    ("de", "die Terrormiliz [IS]", (ORG, "IMG", "REB")),
    ("de", "das Netzwerk [al-Qaida]", (ORG, "IMG", "REB")),
    ("de", "die [Muslimbruderschaft] in Ägypten", (ORG, "EGY", "OPP")),
    ("de", "die kurdische [PKK]", (ORG, "TUR", "REB")),
    ("de", "die [RSF-Miliz] im Sudan", (ORG, "SDN", "REB")),
    ("ru", "боевики [ХАМАС] выпустили ракеты", (ORG, "PSE", "REB")),
    ("ru", "позиции [Хезболлы]", (ORG, "LBN", "REB")),
    ("ru", "атаки [хуситов] в Красном море", (ORG, "YEM", "REB")),
    ("ru", "движение [Талибан] пришло к власти", (ORG, "AFG", "GOV")),
    ("ru", "боевики [ИГИЛ]", (ORG, "IMG", "REB")),
    ("ru", "лидер «[Аль-Каиды]»", (ORG, "IMG", "REB")),
    ("ru", "запрет [Братьев-мусульман]", (ORG, "EGY", "OPP")),
    ("ru", "бойцы [ЧВК Вагнер]", (ORG, "RUS", "PRM")),
    ("uk", "бойовики [ХАМАС]", (ORG, "PSE", "REB")),
    ("uk", "удари [Хезболли]", (ORG, "LBN", "REB")),
    ("uk", "рух [Талібан]", (ORG, "AFG", "GOV")),
    ("uk", "напади [хуситів]", (ORG, "YEM", "REB")),
    ("uk", "терористи [ІДІЛ]", (ORG, "IMG", "REB")),
    ("fr", "les [talibans] ont interdit", (ORG, "AFG", "GOV")),
    ("fr", "le [Hezbollah] libanais", (ORG, "LBN", "REB")),
    ("fr", "le groupe [État islamique]", (ORG, "IMG", "REB")),
    ("fr", "les rebelles [houthis] du Yémen", (ORG, "YEM", "REB")),
    ("fr", "les [Forces de soutien rapide] au Soudan", (ORG, "SDN", "REB")),
    ("fr", "[Reporters sans frontières] a dénoncé", (ORG, "NGO", "")),
    ("es", "los [talibanes] prohibieron", (ORG, "AFG", "GOV")),
    ("es", "la milicia chií [Hezbolá]", (ORG, "LBN", "REB")),
    ("es", "los rebeldes [hutíes]", (ORG, "YEM", "REB")),
    ("es", "la guerrilla del [ELN]", (ORG, "COL", "REB")),
    ("es", "las [FARC] firmaron la paz", (ORG, "COL", "REB")),
    ("ko", "[하마스는] 성명을 냈다", (ORG, "PSE", "REB")),
    ("ko", "[탈레반이] 정권을 장악했다", (ORG, "AFG", "GOV")),
    ("ko", "[헤즈볼라가] 드론을 발사했다", (ORG, "LBN", "REB")),
    ("ko", "[후티] 반군", (ORG, "YEM", "REB")),
    ("ko", "[알카에다의] 지도자", (ORG, "IMG", "REB")),
    # --- UN bodies and other IGOs --------------------------------------------------------------
    ("en", "[the Security Council] voted on Friday", (ORG, "UNO", "")),
    ("en", "the [UN Security Council] met", (ORG, "UNO", "")),
    ("en", "the [UNSC] resolution", (ORG, "UNO", "")),
    ("en", "[the General Assembly] adopted a resolution", (ORG, "UNO", "")),
    ("en", "the [European Community] in 1985", (ORG, "EUR", "")),
    ("en", "the [European Economic Community]", (ORG, "EUR", "")),
    ("en", "the [ILO] said", (ORG, "UNO", "")),
    ("en", "the [International Labour Organization] said", (ORG, "UNO", "")),
    ("en", "the [UNRWA] chief", (ORG, "UNO", "")),
    ("en", "the [AU] summit", (ORG, "IGO", "")),
    ("en", "[Russia's Security Council] secretary", (ORG, "RUS", "GOV")),
    ("en", "Iran's [Supreme National Security Council]", (ORG, "IRN", "GOV")),
    ("de", "[der Sicherheitsrat] stimmte ab", (ORG, "UNO", "")),
    ("de", "eine Sitzung des [UN-Sicherheitsrats]", (ORG, "UNO", "")),
    ("de", "der [Uno-Sicherheitsrat] tagte", (ORG, "UNO", "")),
    ("de", "die [Internationale Arbeitsorganisation]", (ORG, "UNO", "")),
    ("de", "das [UN-Palästinenserhilfswerk] UNRWA", (ORG, "UNO", "")),
    ("de", "die [Europäische Gemeinschaft]", (ORG, "EUR", "")),
    ("ru", "заседание [Совета Безопасности ООН]", (ORG, "UNO", "")),
    ("ru", "секретарь [Совбеза РФ]", (ORG, "RUS", "GOV")),
    ("ru", "доклад [МОТ]", (ORG, "UNO", "")),
    ("uk", "засідання [Ради безпеки ООН]", (ORG, "UNO", "")),
    ("fr", "le [Conseil de sécurité de l’ONU] a voté", (ORG, "UNO", "")),
    ("fr", "l'[OIT] a publié", (ORG, "UNO", "")),
    ("es", "la [Organización Internacional del Trabajo]", (ORG, "UNO", "")),
    ("es", "el [Consejo de Seguridad de las Naciones Unidas]", (ORG, "UNO", "")),
    ("ko", "[안전보장이사회는] 결의안을 채택했다", (ORG, "UNO", "")),
    ("ko", "[안보리가] 소집됐다", (ORG, "UNO", "")),
    ("ko", "[유엔총회에서] 연설했다", (ORG, "UNO", "")),
    # --- other names of states ----------------------------------------------------------------
    ("en", "the war in [Bosnia] ended in 1995", (STATE, "BIH", "GOV")),
    ("en", "rebels in the [Ivory Coast]", (STATE, "CIV", "GOV")),
    ("en", "[Côte d’Ivoire] and Ghana", (STATE, "CIV", "GOV")),
    ("en", "the [People’s Republic of China]", (STATE, "CHN", "GOV")),
    ("en", "[East Timor] voted for independence", (STATE, "TLS", "GOV")),
    ("en", "the junta in [Burma]", (STATE, "MMR", "GOV")),
    ("en", "the junta in [Myanmar]", (STATE, "MMR", "GOV")),
    ("en", "[Holland] and Belgium", (STATE, "NLD", "GOV")),
    ("en", "the king of [Swaziland]", (STATE, "SWZ", "GOV")),
    ("en", "the [Democratic Republic of Congo] and Rwanda", (STATE, "COD", "GOV")),
    ("en", "the [Republic of the Congo]", (STATE, "COG", "GOV")),
    ("en", "President Mobutu of [Zaire]", (STATE, "COD", "GOV")),
    ("en", "the [Palestinian territories]", (STATE, "PSE", "GOV")),
    ("en", "the [Holy See] and Italy", (STATE, "VAT", "GOV")),
    ("de", "der Krieg in [Bosnien]", (STATE, "BIH", "GOV")),
    ("de", "Rebellen in der [Elfenbeinküste]", (STATE, "CIV", "GOV")),
    ("de", "Fans aus [Holland]", (STATE, "NLD", "GOV")),
    ("de", "der [Heilige Stuhl] erklärte", (STATE, "VAT", "GOV")),
    ("de", "Flüchtlinge aus der [DR Kongo]", (STATE, "COD", "GOV")),
    ("de", "ein Staat [Palästina]", (STATE, "PSE", "GOV")),
    ("fr", "la [RDC] et le Rwanda", (STATE, "COD", "GOV")),
    ("fr", "la [Birmanie] et la Thaïlande", (STATE, "MMR", "GOV")),
    ("fr", "le [Saint-Siège] a déclaré", (STATE, "VAT", "GOV")),
    ("fr", "l'État de [Palestine]", (STATE, "PSE", "GOV")),
    ("es", "la [Costa de Marfil]", (STATE, "CIV", "GOV")),
    ("es", "la [RD Congo] y Ruanda", (STATE, "COD", "GOV")),
    ("es", "la [Santa Sede]", (STATE, "VAT", "GOV")),
    ("es", "el Estado de [Palestina]", (STATE, "PSE", "GOV")),
    ("ru", "власти [Мьянмы]", (STATE, "MMR", "GOV")),
    ("ru", "в [Голландии]", (STATE, "NLD", "GOV")),
    ("ru", "признание [Палестины]", (STATE, "PSE", "GOV")),
    ("ru", "в [Демократической Республике Конго]", (STATE, "COD", "GOV")),
    ("uk", "у [В'єтнамі]", (STATE, "VNM", "GOV")),
    ("uk", "влада [Великобританії]", (STATE, "GBR", "GOV")),
    ("uk", "у [Придністров'ї]", (STATE, "MDA", "PRE")),
    ("ko", "[보스니아] 내전", (STATE, "BIH", "GOV")),
    ("ko", "[팔레스타인] 국가 승인", (STATE, "PSE", "GOV")),
    ("ko", "[교황청은] 성명을 냈다", (STATE, "VAT", "GOV")),
    ("ko", "[압하지야] 분리주의", (STATE, "GEO", "PRE")),
]


@pytest.mark.parametrize(("lang", "phrase", "want"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_reading(base: ActorBase, lang: str, phrase: str, want: tuple[str, str, str]) -> None:
    assert reading(base, lang, phrase) == want


# lang, text, surface form that must not be read as a place (or at all)
NOT_PLACES = [
    ("en", "Hamas", "Hamas"),  # geonames has Hamas as an alternate name of Hamm (DEU)
    ("de", "die Hamas", "Hamas"),
    ("fr", "le Hamas", "Hamas"),
    ("en", "the Palestine question", "Palestine"),  # a town in Texas
    ("fr", "la Palestine", "Palestine"),
    ("ko", "팔레스타인", "팔레스타인"),
    ("en", "Holland", "Holland"),  # a town in Michigan
    ("ru", "Голландия", "Голландия"),
]


@pytest.mark.parametrize(("lang", "text", "form"), NOT_PLACES)
def test_political_names_are_no_foreign_places(base: ActorBase, lang: str, text: str, form: str) -> None:
    got = spans(base, lang, text)
    assert form in got
    assert not any(kind == "place" for kind, _, _ in got[form]), got[form]


def test_northern_ireland_is_british_not_irish(base: ActorBase) -> None:
    got = spans(base, "en", "Northern Ireland and Ireland")
    assert got["Northern Ireland"] == {("place", "GBR", "")}
    assert got["Ireland"] == {("country", "IRL", "GOV")}
    assert spans(base, "de", "Nordirland")["Nordirland"] == {("place", "GBR", "")}
    assert spans(base, "fr", "l'Irlande du Nord")["Irlande du Nord"] == {("place", "GBR", "")}


def test_countries_inside_longer_names_yield(base: ActorBase) -> None:
    # the country in a longer name of another country's region does not read
    got = spans(base, "en", "New South Wales, New Mexico, New Jersey and New England")
    assert got == {
        "New South Wales": {("place", "AUS", "")},
        "New Mexico": {("place", "USA", "")},
        "New Jersey": {("place", "USA", "")},
        "New England": {("place", "USA", "")},
    }
    # the UN Security Council does not swallow other councils
    assert spans(base, "en", "the National Security Council met") == {}
    assert spans(base, "en", "Turkey's National Security Council") == {"Turkey": {("country", "TUR", "GOV")}}
    got = spans(base, "en", "the Security Council of Russia met")
    assert got == {"the Security Council of Russia": {("organisation", "RUS", "GOV")}}
    assert spans(base, "de", "der russische Sicherheitsrat")["russische Sicherheitsrat"] == {
        ("organisation", "RUS", "GOV")
    }
    assert spans(base, "ru", "Совет безопасности России")["Совет безопасности России"] == {
        ("organisation", "RUS", "GOV")
    }


def test_ambiguous_forms_are_left_out(base: ActorBase) -> None:
    # Kashmir and Kurdistan alone belong to several states; the Congo alone to two; the
    # Soviet Union and Yugoslavia no longer exist
    for text in ("Kashmir", "Kurdistan", "the Congo", "the Soviet Union", "the USSR", "Yugoslavia"):
        assert spans(base, "en", text) == {}, text
    # SDF is also Japan's Self-Defense Forces, IRA the US Inflation Reduction Act
    assert spans(base, "en", "the SDF") == {}
    assert spans(base, "en", "the IRA") == {}
    # abbreviations of up to three letters are all caps: "au" and "eta" are words
    assert spans(base, "en", "au revoir, said the eta") == {}
    # lowercase words are no regions
    assert spans(base, "en", "the west bank of the river") == {}


def test_every_region_is_named_and_well_placed(base: ActorBase) -> None:
    # each region has a name in English, a code of the actor base, and a point that lies
    # nearer a city of its own country than of any other (a check on swapped or mistyped
    # coordinates); occupied territories may lie nearest a city of the occupier
    occupied = {"golan_heights": {"ISR"}}
    cities = [base._place_entry(gid) for gid in base.places]
    for rid, place in base.regions.items():
        assert place.name and len(place.country) == 3, rid
        if place.lat is None or place.lon is None:
            continue
        near = min(
            (c.place for c in cities if c is not None and c.place is not None and c.place.lat is not None),
            key=lambda p: math.dist((p.lat or 0.0, p.lon or 0.0), (place.lat or 0.0, place.lon or 0.0)),
        )
        assert near.country in {place.country, *occupied.get(rid, set())}, (rid, near)


def test_regions_have_forms_in_every_language(base: ActorBase) -> None:
    from communique.lang.loader import pack_dir, read_tsv

    for lang in LANGS:
        path = pack_dir(lang) / "generated" / "regions.tsv"
        ids = {f[0] for _, f in read_tsv(path, 2)}
        assert {"west_bank", "gaza_strip", "crimea", "northern_ireland"} <= ids, lang
        assert ids <= set(base.regions), lang


def test_political_common_words_are_no_places(base: ActorBase) -> None:
    # "die Union" is the CDU/CSU, not Union (New Jersey); "Justicia" a ministry, "the Republic"
    # and "the Mission" no US towns
    assert spans(base, "de", "die Union und die SPD") == {}
    assert spans(base, "es", "el Ministerio de Justicia") == {}
    assert spans(base, "en", "the Republic and the Mission") == {}
