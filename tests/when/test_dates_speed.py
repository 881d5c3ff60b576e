"""Throughput of find_dates on ordinary news sentences (slow: run with -m slow).

    PYTHONPATH=src python -m pytest tests/when/test_dates_speed.py -m slow -s
"""

from __future__ import annotations

import time

import pytest

from communique.when import find_dates
from communique.when.iso import parse_iso

# Ordinary sentences, written for this test: most name no time, some a number, a few a date.
SENTENCES = {
    "en": [
        "The foreign minister said the two countries would deepen their cooperation in trade.",
        "Officials in the capital declined to comment on the reports, citing security concerns.",
        "The delegation, led by the deputy defence minister, also visited a tank factory.",
        "Critics say the agreement gives the government sweeping powers over the media.",
        "More than 3,000 soldiers took part in the exercises, according to the ministry.",
        "The president met his counterpart on Tuesday to discuss the border dispute.",
        "Talks are expected to resume in October, a spokesman said.",
        "The opposition leader was detained at the airport and questioned for several hours.",
        "The United Nations called for restraint and urged the parties to negotiate.",
        "The minister may travel to the region again later this month.",
    ],
    "de": [
        "Der Außenminister sagte, beide Länder wollten ihre Zusammenarbeit im Handel vertiefen.",
        "Die Regierung lehnte eine Stellungnahme zu den Berichten ab.",
        "Rund 1.500 Soldaten nahmen an dem Manöver teil, teilte das Ministerium mit.",
        "Am Dienstag traf der Präsident seinen Amtskollegen in der Hauptstadt.",
        "Die Gespräche sollen im Oktober fortgesetzt werden, hieß es.",
        "Kritiker werfen der Regierung vor, die Pressefreiheit einzuschränken.",
        "Der Oppositionsführer wurde am Flughafen festgenommen und stundenlang verhört.",
        "Die Vereinten Nationen riefen beide Seiten zur Zurückhaltung auf.",
    ],
    "ru": [
        "Министр иностранных дел заявил, что страны углубят сотрудничество в сфере торговли.",
        "В учениях приняли участие около 12 тысяч военнослужащих.",
        "Во вторник президент встретился со своим коллегой в столице.",
        "Переговоры планируется возобновить в октябре, сообщил представитель МИД.",
        "Оппозиционер был задержан в аэропорту и допрошен.",
        "Стороны обвинили друг друга в нарушении режима прекращения огня.",
        "Делегацию возглавил заместитель министра обороны.",
        "ООН призвала стороны к сдержанности.",
    ],
    "uk": [
        "Міністр закордонних справ заявив, що країни поглиблять співпрацю у сфері торгівлі.",
        "У навчаннях взяли участь близько 12 тисяч військових.",
        "У вівторок президент зустрівся зі своїм колегою в столиці.",
        "Переговори планують відновити в жовтні, повідомив речник МЗС.",
        "Опозиціонера затримали в аеропорту й допитали.",
        "Сторони звинуватили одна одну в порушенні режиму припинення вогню.",
    ],
    "fr": [
        "Le ministre des affaires étrangères a déclaré que les deux pays renforceraient leur coopération.",
        "Quelque 3 000 soldats ont participé aux exercices, selon le ministère.",
        "Mardi, le président a rencontré son homologue dans la capitale.",
        "Les discussions devraient reprendre en octobre, a indiqué un porte-parole.",
        "Le chef de l'opposition a été arrêté à l'aéroport et interrogé pendant des heures.",
        "Les Nations unies ont appelé les parties à la retenue.",
    ],
    "es": [
        "El ministro de Asuntos Exteriores afirmó que ambos países profundizarán su cooperación.",
        "Unos 3.000 soldados participaron en las maniobras, según el ministerio.",
        "El martes, el presidente se reunió con su homólogo en la capital.",
        "Se espera que las conversaciones se reanuden en octubre, dijo un portavoz.",
        "El líder opositor fue detenido en el aeropuerto e interrogado durante horas.",
        "Naciones Unidas pidió moderación a las partes.",
    ],
    "ko": [
        "외교부 장관은 양국이 무역 분야 협력을 강화할 것이라고 말했다.",
        "국방부에 따르면 약 3천 명의 병력이 훈련에 참가했다.",
        "대통령은 화요일 수도에서 상대국 정상과 만났다.",
        "대변인은 회담이 10월에 재개될 것으로 보인다고 말했다.",
        "야당 지도자는 공항에서 체포돼 몇 시간 동안 조사를 받았다.",
        "유엔은 양측에 자제를 촉구했다.",
    ],
}
TARGET = 20_000  # sentences a second


def throughput(lang: str, rounds: int = 5, size: int = 3000) -> float:
    """Sentences a second, the best of a few rounds."""
    published = parse_iso("2023-09-15")
    batch = (SENTENCES[lang] * (size // len(SENTENCES[lang]) + 1))[:size]
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()  # CPU time: other processes on the machine do not count
        for s in batch:
            find_dates(s, 0, len(s), lang, published)
        best = min(best, time.process_time() - t)
    return size / best


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_throughput(lang: str, request: pytest.FixtureRequest) -> None:
    if "slow" not in str(request.config.getoption("markexpr", "")):
        pytest.skip("a measurement, not a check: run with -m slow")
    rate = throughput(lang)
    print(f"{lang}: {rate:,.0f} sentences/s")
    assert rate >= TARGET
