"""Implied targets: the holder of a place taken, the side a deployment backs, help against an adversary."""

from datetime import date

from eventwire.model import Article


def _events(pipeline, text):
    return pipeline.process(Article("t", text, published=date(2020, 6, 1))).events


def _pair(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def test_ground_taken_after_clashes_is_aimed_at_the_other_side(pipeline):
    taken = next(e for e in _events(pipeline, "Haftar's forces captured the town of Gharyan after heavy clashes with GNA forces.")
                 if e.cameo == "192")
    assert _pair(taken) == ("LBYREB", "LBYGOV") and "the holder of the place" in taken.rule


def test_the_holder_may_be_named_in_another_sentence(pipeline):
    events = _events(pipeline, "GNA forces recaptured Tarhuna on Monday. Haftar's forces had held the town since April.")
    taken = next(e for e in events if e.cameo == "192")
    assert _pair(taken) == ("LBYGOV", "LBYREB")


def test_a_held_place_names_its_holder(pipeline):
    siege = next(e for e in _events(pipeline, "Syrian troops besieged rebel-held Aleppo.") if e.cameo_root == "19")
    assert _pair(siege) == ("SYRMIL", "SYRREB")


def test_without_a_holder_the_place_gives_its_country(pipeline):
    taken = next(e for e in _events(pipeline, "Iraqi forces liberated Mosul in July.") if e.cameo == "192")
    assert taken.target.code.startswith("IRQ") and "holder" not in taken.rule


def test_troops_sent_to_back_a_side_are_aid_to_that_side(pipeline):
    events = _events(pipeline, "Turkey sent soldiers to Libya to back the Government of National Accord.")
    assert [(_pair(e), e.plover) for e in events] == [(("TUR", "LBYGOV"), "AID")]
    events = _events(pipeline, "Russia deployed mercenaries to Libya in support of Khalifa Haftar.")
    assert [(_pair(e), e.plover) for e in events] == [(("RUS", "LBYREB"), "AID")]


def test_a_deployment_with_no_side_backed_stays_a_deployment(pipeline):
    events = _events(pipeline, "Rwanda deployed troops to Mozambique to fight insurgents.")
    assert [(_pair(e), e.plover) for e in events] == [(("RWA", "MOZ"), "MOBILIZE")]


def test_help_against_an_adversary_is_not_aimed_at_the_adversary(pipeline):
    events = _events(pipeline, "Turkey pledged to help the GNA defend the capital against Haftar.")
    assert ("TUR", "LBYGOV") in [_pair(e) for e in events]
    assert not any(e.target and e.target.code == "LBYREB" for e in events)
    # Conflict keeps "against": sanctions against Iran are aimed at Iran.
    assert [_pair(e) for e in _events(pipeline, "Britain imposed sanctions against Iran.")] == [("GBR", "IRN")]


def test_the_addressee_of_a_request_is_its_target(pipeline):
    for text, pair in (("The European Union called on Turkey to withdraw its troops.", ("IGOEUREEC", "TUR")),
                       ("Egypt urged the Libyan National Army to accept a ceasefire.", ("EGY", "LBYREB")),
                       ("The Arab League demanded that Israel halt its offensive.", ("IGOARBALL", "ISR"))):
        request = next(e for e in _events(pipeline, text) if e.plover == "REQUEST")
        assert _pair(request) == pair


def test_an_airport_code_is_no_place(pipeline):
    # "CRP" is also Corpus Christi's airport code; here it is a police force.
    result = pipeline.process(Article("t", "Washington accused the CRP of killing protesters in Khartoum."))
    assert not any(p.name == "CRP" for p in result.places)


def test_ground_taken_without_a_named_place_is_aimed_at_the_side_fought(pipeline):
    from eventwire.model import Article

    events = pipeline.process(Article("t", "The rebels clashed with the army near Goma on Friday. "
                                           "The rebels had taken control of two towns by Saturday.")).events
    taken = next(e for e in events if e.cameo == "192")
    assert taken.target is not None and taken.target.code == "CODMIL"
    assert "fought for the ground (an earlier sentence)" in taken.target.rule


def test_the_sides_of_one_conflict_agree_among_themselves(pipeline):
    from eventwire.model import Article

    events = pipeline.process(Article("t", "Yemen's two rival factions signed a prisoner exchange agreement on Friday.")).events
    signed = next(e for e in events if e.plover == "AGREE")
    assert signed.source.code == signed.target.code == "YEMREB"
    # One plural actor without a word that makes it several sides stays without a target.
    events = pipeline.process(Article("t", "Yemeni rebels signed a prisoner exchange agreement on Friday.")).events
    assert next(e for e in events if e.plover == "AGREE").target is None
