"""Where talks, deals and acts on envoys happen when their own clause names no place."""

from datetime import date

from eventwire.model import Article


def _located(pipeline, text, plover):
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    event = next(e for e in events if e.plover == plover)
    return event.location.name if event.location else None


def test_a_dateline_places_its_own_states_verbal_acts(pipeline):
    assert _located(pipeline, "CAIRO — Egypt and Jordan signed a trade agreement on Monday.", "AGREE") == "CAIRO"
    # A dateline abroad says nothing about where the home side acted.
    assert _located(pipeline, "NAIROBI — Egypt and Jordan signed a trade agreement on Monday.", "AGREE") is None


def test_a_deal_reached_after_talks_somewhere_is_made_there(pipeline):
    text = "Armenia and Azerbaijan signed a prisoner exchange deal on Friday after three days of talks in Geneva."
    assert _located(pipeline, text, "AGREE") == "Geneva"


def test_the_articles_one_venue_places_its_unlocated_deals(pipeline):
    text = ("Regional leaders gathered on Monday for a summit in Lusaka. "
            "Zambia and Malawi signed a border accord.")
    assert _located(pipeline, text, "AGREE") == "Lusaka"
    two_venues = ("Regional leaders gathered on Monday for a summit in Lusaka. Ministers met again at talks in Harare. "
                  "Zambia and Malawi signed a border accord.")
    assert _located(pipeline, two_venues, "AGREE") is None


def test_an_envoy_is_summoned_in_the_hosts_capital(pipeline):
    assert _located(pipeline, "Kenya's foreign minister summoned Uganda's ambassador on Tuesday.", "ACCUSE") == "Nairobi"


def test_a_city_naming_an_airport_is_the_place_not_an_actor(pipeline):
    assert _located(pipeline, "Police detained the activist at a Moscow airport on Sunday.", "COERCE") == "Moscow"


def test_a_ship_named_after_a_town_is_no_place(pipeline):
    events = pipeline.process(Article("t", "Turkish warships escorted the Oruc Reis and the Fatih into Cypriot waters.")).events
    places = pipeline.process(Article("t", "Cyprus issued warrants against firms assisting the Fatih.")).places
    assert not any(p.name == "Fatih" for p in places)
    assert all(e.location is None or e.location.name != "Fatih" for e in events)
    assert [p.name for p in pipeline.process(Article("t", "The court in the Hague ruled on Monday.")).places] == ["Hague"]
