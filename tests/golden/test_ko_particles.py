"""Korean: particles glued to names give argument slots, and a Korean and an English report of one
meeting (written for the project) are coded into the same actors and categories."""

from __future__ import annotations

from typing import Any

import communique
from communique.actors.names import same_person
from communique.events.extract import groups
from communique.lang.pack import load_pack

KO = ("벨라루스 외무부 차관 유리 즈다노비치가 2 월 18 일 평양에 도착했다. "
      "즈다노비치는 2 월 19 일 북한 외무상 김영철과 회담했다.")
EN = ("Belarusian Deputy Foreign Minister Yuri Zhdanovich arrived in Pyongyang on February 18. "
      "On February 19 Zhdanovich held talks with North Korean Foreign Minister Kim Yong Chol.")


def _shape(text: str, lang: str) -> list[tuple[Any, ...]]:
    out = []
    for e in communique.extract(text, lang=lang, published="2025-03-07"):
        who = sorted((m.value.country, m.value.sector) for m in (*e.actors, *e.recipients))
        out.append((e.category, e.mode, tuple(who), e.date.iso() if e.date else None))
    return sorted(out, key=lambda x: (x[3] or "", x[0]))


def test_korean_and_english_reports_of_one_meeting_agree():
    ko, en = _shape(KO, "ko"), _shape(EN, "en")
    assert ko == en
    assert [x[0] for x in ko] == ["CONSULT", "CONSULT"]
    assert ko[0][2] == (("BLR", "GOV"), ("PRK", "GOV"))


def test_a_korean_surname_with_its_particle_is_the_person_named_before():
    ev = communique.extract(KO, lang="ko", published="2025-03-07")
    people = {m.value.id for e in ev for m in e.actors if m.value.country == "BLR"}
    assert len(people) == 1  # "유리 즈다노비치가" and "즈다노비치는" are one actor
    name = next(m.value.name for e in ev for m in e.actors if m.value.country == "BLR")
    assert name == "유리 즈다노비치"  # remembered without its particle
    assert same_person(name, "Yuri Zhdanovich")


def test_particles_by_class_with_allomorphs():
    pack = load_pack("ko")
    assert pack.particle("셰르바코프와") == {"with", "conj"}
    assert pack.particle("평양에서") >= {"_loc", "in"}
    assert pack.particle("북한을") == {"object"}
    assert pack.particle("러시아를") == {"object"}
    assert pack.particle("임종일이") == {"subject"}
    assert pack.particle("세르게이") == frozenset()  # 이 after an open syllable is part of the name
    assert pack.particle("올가") == frozenset()  # 가 after a closed syllable, and too short a stem
    assert pack.particle("명을", 1) == {"object"}
    assert load_pack("en").particle("with") == frozenset()


def test_groups_take_their_slot_from_the_particle():
    from communique.actors.base import ActorBase
    from communique.actors.corefer import Memory
    from communique.actors.recognise import Recogniser, word_tokens
    from communique.options import Options
    from communique.prepare.tokens import tokenize

    pack = load_pack("ko")
    rec = Recogniser(ActorBase.load(Options().languages, None), pack, Memory("ko"), None)
    text = "중국은 평양에서 북한과 러시아를 비난했다."
    sent = rec.sentence(text, word_tokens(tokenize(text)), set())
    gs = {tuple(m.text for m in g.members): g for g in groups(sent, pack)}
    assert gs[("중국은",)].case == "subject"
    assert "_loc" in gs[("평양에서",)].preps
    joined = gs[("북한과", "러시아를")]  # "A와 B": one list, the object
    assert joined.case == "object" and not joined.preps


def test_the_korean_pack_covers_all_sixteen_categories():
    from communique.events.ontology import ontology

    cats = {p.value.category for p in load_pack("ko").triggers.phrases}
    assert cats == set(ontology().categories)


def test_a_short_bracketed_date_does_not_cut_the_clause():
    ev = communique.extract("카자흐스탄 외무장관은 어제(6일) 베이징에 도착했다.", lang="ko", published="2025-03-07")
    assert [(e.category, e.date.iso() if e.date else None) for e in ev] == [("CONSULT", "2025-03-06")]
    assert {m.value.country for m in ev[0].actors} == {"KAZ"}
