"""The offline gazetteer, place disambiguation and event locations."""

from datetime import date

import pytest

from conftest import REPO
from eventwire.evaluate import km_between, run_eval
from eventwire.model import Article


def _places(pipeline, text):
    return {p.name: p for p in pipeline.process(Article("t", text, published=date(2024, 3, 14))).places}


def test_the_gazetteer_covers_cities_airports_and_curated_places(pipeline):
    gazetteer = pipeline.gazetteer
    assert len(gazetteer) > 100_000
    features = {e.feature for name in ("Jeddah", "Tripoli International Airport", "Al-Watiya air base", "Strait of Hormuz", "Texas")
                for e in gazetteer.lookup(name)}
    assert {"city", "airport", "base", "sea", "region"} <= features
    assert {e.country for e in gazetteer.lookup("Tripoli")} >= {"LBY", "LBN"}


@pytest.mark.parametrize("text, name, country, lat, lon", [
    ("Haftar's forces shelled Tripoli on Monday.", "Tripoli", "LBY", 32.89, 13.19),
    ("Lebanese troops deployed in Tripoli, Lebanon, after clashes.", "Tripoli", "LBN", 34.44, 35.85),
    ("Protesters rallied in Alexandria on Friday.", "Alexandria", "EGY", 31.20, 29.92),
    ("Officials met in Alexandria, Virginia, on Monday.", "Alexandria", "USA", 38.80, -77.05),
    ("A tornado hit Paris, Texas.", "Paris", "USA", 33.66, -95.56),
    ("Police detained activists in Paris.", "Paris", "FRA", 48.86, 2.35),
    ("The GNA captured Al-Watiya air base near the Tunisian border.", "Al-Watiya air base", "LBY", 32.47, 11.90),
    ("Flights resumed at Tripoli International Airport.", "Tripoli International Airport", "LBY", 32.66, 13.16),
])
def test_places_are_disambiguated_by_context(pipeline, text, name, country, lat, lon):
    place = _places(pipeline, text)[name]
    assert place.country == country and km_between(place.lat, place.lon, lat, lon) <= 25, place.rule


def test_actors_are_not_places_and_places_are_not_actors(pipeline):
    result = pipeline.process(Article("t", "Moscow rejected the plan. Fighting broke out in Tripoli.", published=date(2024, 3, 14)))
    assert [m.text for m in result.mentions if m.text == "Moscow"]
    # Hamas is a group, never a place, whatever the gazetteer holds.
    assert "Hamas" not in _places(pipeline, "Israeli jets attacked Hamas in Gaza.")


@pytest.mark.parametrize("text, where", [
    ("Macron visited Turkey on Monday.", "Turkey"),
    ("Lavrov flew to Ankara for talks.", "Ankara"),
    ("Israeli troops raided Jenin on Monday.", "Jenin"),
    ("Russian troops attacked Ukrainian positions near Kharkiv.", "Kharkiv"),
])
def test_event_locations(pipeline, text, where):
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    assert events and events[0].location is not None and events[0].location.name == where


def test_a_place_in_another_clause_is_not_the_event_location(pipeline):
    events = pipeline.process(Article("t", "Poland expelled three diplomats after a plot to burn warehouses in Warsaw.")).events
    assert events and all(e.location is None for e in events)


def test_location_and_date_gold(pipeline):
    report = run_eval(REPO / "examples" / "gold" / "places.jsonl", pipeline)
    assert report["records"] >= 60
    assert report["location_accuracy"] >= 0.85 and report["date_accuracy"] >= 0.95


def test_the_dominant_place_locates_material_acts_only(pipeline):
    text = ("Clashes erupted in Benghazi on Monday. Libyan forces shelled rebel positions. "
            "Residents of Benghazi fled the fighting. Egypt condemned the violence.")
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    shelled = next(e for e in events if e.plover == "ASSAULT")
    assert shelled.location is not None and shelled.location.name == "Benghazi" and "dominant" in shelled.rule
    condemned = next(e for e in events if e.plover == "ACCUSE")
    assert condemned.location is None


def test_force_against_a_place_targets_its_country(pipeline):
    events = pipeline.process(Article("t", "Israeli tanks fired shells at targets in Jericho on Monday.", published=date(2024, 3, 14))).events
    fired = next(e for e in events if e.plover == "ASSAULT")
    assert fired.target is not None and fired.target.code == "PSE" and fired.target.text == "Jericho"
    assert "country of the place" in fired.rule
    # A statement made in a place is not aimed at it.
    said = pipeline.process(Article("t", "Egypt condemned Israel in Cairo on Monday.", published=date(2024, 3, 14))).events
    assert said and all(e.target is not None and e.target.code == "ISR" for e in said)


def test_a_statement_is_not_located_where_what_it_mentions_happened(pipeline):
    events = pipeline.process(Article("t", "The RSF accused the army of bombing markets in El Fasher.", published=date(2024, 3, 14))).events
    accused = next(e for e in events if e.plover == "ACCUSE")
    assert accused.location is None


def test_implied_targets_at_home(pipeline):
    curfew = pipeline.process(Article("t", "Turkish authorities imposed a curfew in Diyarbakir.", published=date(2024, 3, 14))).events
    assert curfew[0].target.code == "TURCVL"  # the state's force at home falls on its civilians
    protest = pipeline.process(Article("t", "Greek Cypriots protested in Nicosia.", published=date(2024, 3, 14))).events
    assert protest[0].target.code == "CYPGOV"  # a protest at home is aimed at the government


def test_places_are_not_listed_as_unknown_actors(pipeline):
    result = pipeline.process(Article("t", "Israeli troops raided Jenin on Monday. Zorblax Quintana criticised the raid.",
                                      published=date(2024, 3, 14)))
    unknown = [u.text for u in result.unknown]
    assert "Jenin" not in unknown and "Zorblax Quintana" in unknown


@pytest.mark.parametrize("text, code", [
    ("Egypt said it will withdraw its observers from Sudan.", "SDN"),  # an intended act's argument
    ("Hezbollah threatened to resume attacks in Cyprus.", "CYP"),  # a threatened act's place
    ("Jordan sent 40 tonnes of flour to Gaza on Monday.", "PSE"),  # where aid goes
    ("Egyptian students staged a strike on Monday.", "EGYGOV"),  # a protest with no target
])
def test_places_and_protests_give_implied_targets(pipeline, text, code):
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    assert any(e.target is not None and e.target.code[:len(code)] == code for e in events), [(e.cameo, e.target) for e in events]


def test_a_meeting_place_is_a_venue_not_a_target(pipeline):
    events = pipeline.process(Article("t", "Ethiopia and Kenya held talks in Geneva on Monday.", published=date(2024, 3, 14))).events
    assert events and all(e.target is None or e.target.country != "CHE" for e in events)


def test_a_subdivision_the_gazetteer_lacks_is_placed_by_its_core_region(pipeline):
    assert pipeline.gazetteer.lookup("West Darfur State") == []
    assert {e.country for e in pipeline.gazetteer.lookup_core("West Darfur State")} == {"SDN"}
    assert pipeline.gazetteer.country_of("North Darfur") == "SDN"
    assert pipeline.gazetteer.lookup_core("Paris") == []  # nothing to strip: no second guess


def test_a_coordinated_acts_prepositions_stay_with_it(pipeline):
    text = "Egypt hopes to gain support from France and the U.S. and to agree on a settlement."
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    agreed = [e for e in events if e.trigger.text == "agree"]
    assert agreed and all(e.target is None for e in agreed)


def test_the_place_of_agreeing_to_meet_is_a_venue_not_a_target(pipeline):
    from eventwire.model import Article

    events = pipeline.process(Article("t", "Ethiopia agreed on Monday to hold talks in Nairobi next week.")).events
    meet = [e for e in events if e.cameo.startswith("036")]
    assert meet and all(e.target is None or e.target.kind != "place" for e in meet)
