"""Provisional actors: an unknown name in a role keeps its event, coded from its context and marked so."""

from datetime import date

import pytest

from eventwire.model import Article

D = date(2021, 5, 1)


def _result(pipeline, text):
    return pipeline.process(Article("t", text, published=D))


def _provisional(pipeline, text):
    return {m.text: m for m in _result(pipeline, text).mentions if m.provisional}


def test_a_title_gives_an_unknown_person_its_code(pipeline):
    found = _provisional(pipeline, "Police in Kenya arrested opposition figure Joseph Mwangi Kariuki on Monday.")
    person = found["Joseph Mwangi Kariuki"]
    assert person.code == "KENOPP" and person.kind == "provisional"
    assert person.rule.startswith("provisional: PERSON 'Joseph Mwangi Kariuki' is not in the knowledge base")


def test_the_event_keeps_its_unknown_target_with_lower_confidence(pipeline):
    known = _result(pipeline, "Police in Kenya arrested opposition leader Raila Odinga on Monday.").events
    unknown = _result(pipeline, "Police in Kenya arrested opposition figure Joseph Mwangi Kariuki on Monday.").events
    arrest = next(e for e in unknown if e.plover == "COERCE")
    assert arrest.target.provisional and arrest.target.code == "KENOPP"
    row = arrest.to_dict()
    assert row["target"]["provisional"] is True and row["target"]["rule"].startswith("provisional:")
    known_arrest = next(e for e in known if e.plover == "COERCE")
    assert not known_arrest.target.provisional and arrest.confidence < known_arrest.confidence


def test_a_surname_repeats_the_person_named_before(pipeline):
    found = _provisional(pipeline, "Police in Kenya arrested opposition figure Joseph Mwangi Kariuki. Kariuki was freed on bail.")
    assert found["Kariuki"].code == "KENOPP" and "surname" in found["Kariuki"].rule


def test_a_lone_unknown_word_is_no_person(pipeline):
    assert "Kariuki" not in _provisional(pipeline, "Kariuki was freed on bail.")


def test_an_organisation_word_and_the_scene_code_an_unknown_group(pipeline):
    found = _provisional(pipeline, "The Nyala Resistance Committee accused the army of killing protesters in Sudan.")
    group = found["Nyala Resistance Committee"]
    assert group.code == "SDNREB" and "'resistance' (REB)" in group.rule


def test_an_armed_word_does_not_make_a_ministry_rebel(pipeline):
    from eventwire.coding.provisional import _organisation_sector

    kb = pipeline.kb
    doc = pipeline.nlp("the Zorvan Defence Ministry")
    assert _organisation_sector(kb, doc[1:4])[0] == "GOV"
    doc = pipeline.nlp("the Zorvan Defence Front")
    assert _organisation_sector(kb, doc[1:4])[0] == "REB"


@pytest.mark.parametrize("text, span", [
    ("Nigeria's army chief told Reuters that the rebels would be defeated.", "Reuters"),
    ("The minister told the Kyiv Post that Russia had shelled the port.", "Kyiv Post"),
    ("Typhoon Haiyan killed thousands in the Philippines.", "Typhoon Haiyan"),
    ("Rebels shelled Rutshuru Centre on Monday, officials said.", "Rutshuru Centre"),
])
def test_outlets_storms_and_places_never_become_actors(pipeline, text, span):
    result = _result(pipeline, text)
    assert span not in {m.text for m in result.mentions if m.provisional}
    assert span not in [a.text for e in result.events for a in (e.source, e.target) if a]


def test_a_party_of_the_sentence_is_not_an_unknown_persons_scene(pipeline):
    # Nothing says who Javier Ortega is: Iraq is the other party, not his country.
    result = _result(pipeline, "Javier Ortega criticised Iraq on Monday.")
    assert not any(m.provisional for m in result.mentions)


def test_no_provisional_actor_without_a_clue_to_its_code(pipeline):
    # A company name with no country, title or organisation word says nothing about its code.
    assert not _provisional(pipeline, "Zentrix Dynamics won the contract.")


def test_a_rank_before_the_name_makes_an_officer_of_the_scene(pipeline):
    found = _provisional(pipeline, "Soldiers clashed with gunmen in Kenya. Maj. Gen. Peter Ochieng said ten gunmen were killed.")
    officer = found["Peter Ochieng"]
    assert officer.code == "KENMIL" and "the rank 'maj gen' (MIL)" in officer.rule


def test_the_organisation_in_an_apposition_codes_the_person(pipeline):
    found = _provisional(pipeline, "Police in Beirut arrested Joseph Kariuki, chairman of the Free Patriotic Movement.")
    assert found["Joseph Kariuki"].code == pipeline.kb.groups["lbn_fpm"].code == "LBNPTY"
    assert "the organisation it belongs to" in found["Joseph Kariuki"].rule


def test_an_agent_in_apposition_is_the_persons_description(pipeline):
    found = _provisional(pipeline, "On Monday, a Nairobi magistrate, Joseph Kariuki, rejected the bail plea.")
    assert found["Joseph Kariuki"].code == "KENJUD"


def test_a_list_read_as_one_name_is_split(pipeline):
    # "Le Monde and Liberation" are two newspapers: no rebel group called "Liberation" appears.
    result = _result(pipeline, "Niger ordered out two reporters working for the Paris papers Le Monde and Liberation. "
                               "A reporter from Liberation left on Sunday.")
    assert not [m for m in result.mentions if m.provisional and m.sector == "REB"]


def test_a_name_listed_with_a_place_is_a_place(pipeline):
    result = _result(pipeline, "The rebels had taken control of Kalemba Centre and Goma, residents said.")
    assert "Kalemba Centre" not in {m.text for m in result.mentions}


def test_a_ministry_without_its_country_does_not_take_the_articles(pipeline):
    # Sudan is what the article names most, but nothing says the ministry is Sudan's.
    text = ("Sudan's army seized power in Sudan. Protests spread across Sudan. "
            "The Zorvan Revenue Directorate accused the army of killing protesters.")
    found = _provisional(pipeline, text)
    assert found["Zorvan Revenue Directorate"].country is None and found["Zorvan Revenue Directorate"].sector == "GOV"


def test_an_unknown_person_with_a_title_is_named_and_marked_provisional(pipeline):
    events = _result(pipeline, "Nigerian Education Minister Fabian Osuji accused the senate of lying.").events
    accuse = next(e for e in events if e.plover == "ACCUSE")
    assert (accuse.source.text, accuse.source.code, accuse.source.provisional) == ("Fabian Osuji", "NGAGOV", True)
    assert accuse.source.title == "minister" and "the title or description 'Nigerian Education Minister'" in accuse.source.rule


def test_the_end_of_a_hyphenated_title_is_no_rank(pipeline):
    found = _provisional(pipeline, "Soldiers clashed with gunmen in Kenya. Party Secretary-General Peter Ochieng condemned the clashes.")
    assert all(m.sector != "MIL" for m in found.values())


def test_an_acronym_spells_the_actor_named_before_it(pipeline):
    text = ("Sudan's Central Reserve Police used excessive force against protesters. "
            "The Treasury Department accused the CRP of leading the crackdown.")
    accuse = next(e for e in _result(pipeline, text).events if e.plover == "ACCUSE")
    assert (accuse.source.code, accuse.target.text, accuse.target.code) == ("USAGOV", "CRP", "SDNCOP")
    assert accuse.target.rule.startswith("acronym: 'CRP' spells")


def test_an_acronym_that_spells_nothing_named_stays_unknown(pipeline):
    result = _result(pipeline, "Sudan's Central Reserve Police used force. The Treasury Department accused the RSF of abuses.")
    assert not [m for m in result.mentions if m.rule.startswith("acronym:") and m.text == "RSF"]


def test_the_dateline_breaks_a_tie_for_the_articles_country(pipeline):
    text = ("GOMA, Congo (AP) - Rebels seized two towns after fierce clashes with the military. "
            "Congo has accused Rwanda of backing the rebels, which Rwanda denies.")
    seized = next(e for e in _result(pipeline, text).events if e.cameo == "192")
    assert seized.target is not None and seized.target.code == "CODMIL"


def test_a_town_ner_takes_for_an_organisation_still_sets_the_scene(pipeline):
    from datetime import date

    from eventwire.model import Article

    text = ("Police fired tear gas at protesters on Saturday. "
            "Thousands had gathered in central Katmandu to demand the restoration of parliament.")
    events = pipeline.process(Article("t", text, published=date(2006, 1, 21))).events
    assert any(e.source is not None and e.source.code == "NPLCOP" for e in events)
