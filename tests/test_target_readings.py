"""Where a target hides: two subjects that meet, joint acts, an infinitive hung as an adverbial,
the partner of a phone call, and the owner of what support is for (sentences written for eventwire)."""

from datetime import date

import pytest

from eventwire.model import Article


def _dyads(pipeline, text, cameo_prefix):
    events = pipeline.process(Article("t", text, published=date(2021, 3, 1))).events
    return {(e.source.code if e.source else None, e.target.code if e.target else None)
            for e in events if e.cameo.startswith(cameo_prefix)}


@pytest.mark.parametrize("text, prefix, dyad", [
    # the parser gives "met" two subjects; the meeting is between them, both ways
    ("Kenyan President Uhuru Kenyatta and opposition leader Raila Odinga met on Friday in Nairobi.", "04", ("KENGOV", "KENOPP")),
    ("Kenyan President Uhuru Kenyatta and opposition leader Raila Odinga met on Friday in Nairobi.", "04", ("KENOPP", "KENGOV")),
    # a joint exercise is one each side holds with the other
    ("Japanese troops and the Indian navy began joint drills off Chennai on Monday.", "06", ("JPNMIL", "INDMIL")),
    # the threatened act's object, though the parser hangs the infinitive as an adverbial
    ("Turkey threatened on Monday to impose new tariffs on Greece.", "13", ("TUR", "GRC")),
    # the partner of a call hangs from the means
    ("Italian Prime Minister Giorgia Meloni spoke by phone with Turkish President Recep Tayyip Erdogan on Monday.", "04", ("ITAGOV", "TURGOV")),
    # support for a country's bid is support for the country
    ("Spain voiced strong support on Friday for Moldova's bid to join the European Union.", "05", ("ESP", "MDA")),
])
def test_the_target_is_found(pipeline, text, prefix, dyad):
    assert dyad in _dyads(pipeline, text, prefix)


def test_one_subject_meeting_nobody_named_has_no_target(pipeline):
    assert _dyads(pipeline, "Kenyan President Uhuru Kenyatta met on Friday in Nairobi.", "04") == {("KENGOV", None)}  # the meeting is coded, with no invented partner


def test_each_other_makes_the_sources_each_others_targets(pipeline):
    dyads = _dyads(pipeline, "Armenia and Azerbaijan accused each other of shelling border villages.", "11")
    assert {("ARM", "AZE"), ("AZE", "ARM")} <= dyads


def test_a_warning_of_sanctions_is_a_threat_to_the_one_warned(pipeline):
    assert ("IGOAFRAFU", "MLI") in _dyads(pipeline, "The African Union on Monday warned Mali of sanctions.", "13")


def test_a_preposition_target_that_is_no_actor_leaves_the_object(pipeline):
    # "warned X of reprisals": the object of "of" is no actor, so the verb's object is the target
    events = pipeline.process(Article("t", "Kenya warned Somalia of reprisals on Monday.", published=date(2021, 3, 1))).events
    assert any(e.target is not None and e.target.country == "SOM" for e in events if e.cameo.startswith("13"))
