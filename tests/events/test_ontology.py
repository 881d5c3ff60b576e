from communique.events.ontology import ontology


def test_sixteen_categories_with_quad_classes():
    o = ontology()
    assert len(o.categories) == 16
    quads = {name: c.quad for name, c in o.categories.items()}
    assert quads["CONSULT"] == 1 and quads["AID"] == 2 and quads["ACCUSE"] == 3 and quads["ASSAULT"] == 4


def test_scores_and_cameo_by_mode():
    c = ontology().category("CONSULT")
    assert c.score_of("visit") == 4 and c.score_of(None) == 2.5
    assert c.cameo_of("phone") == "041" and c.cameo_of(None) == "04"
    a = ontology().category("ASSAULT")
    assert a.cameo_of(None, ("military",)) == "19" and a.cameo_of(None) == "18"


def test_recipient_required_where_the_manual_says():
    o = ontology()
    assert {n for n, c in o.categories.items() if c.requires_recipient} == {"COOPERATE", "AID", "SANCTION"}
