from eventwire.model import EVENT_KEYS, ActorMention, Article, Event, Place, Trigger, content_hash


def _event(**extra):
    actor = ActorMention("Turkey", 0, 6, "TUR", "TUR", None, "country:TUR")
    return Event(
        article_id="a", event_id="e", sentence_index=0, sentence="Turkey visited Libya.",
        source=actor, target=None, cameo="042", cameo_root="04", plover="CONSULT", plover_mode="visit",
        quad_class=1, goldstein=1.9, trigger=Trigger("visited", 7, 14), **extra,
    )


def test_event_serialises_to_exactly_the_public_keys():
    row = _event().to_dict()
    assert tuple(row) == EVENT_KEYS
    # POLECAT-style actor fields: raw text, canonical name, country, sector and all sectors, title, QID.
    assert row["source"] == {"text": "Turkey", "code": "TUR", "country": "TUR", "sector": None,
                             "actor_id": "country:TUR", "start": 0, "end": 6, "name": None, "title": None,
                             "sectors": [], "qid": None, "provisional": False, "rule": ""}
    assert row["target"] is None and row["location"] is None and row["attributed_to"] is None
    assert row["trigger"] == {"text": "visited", "start": 7, "end": 14}


def test_location_has_the_public_place_shape():
    place = Place("Tripoli", 32.89, 13.19, "LBY", None, "capital", 10, 17)
    row = _event(location=place).to_dict()
    assert set(row["location"]) == {"name", "lat", "lon", "country", "admin1", "feature", "start", "end"}


def test_content_hash_ignores_reflowed_whitespace():
    assert content_hash("Turkey  sent\n aid.") == content_hash("Turkey sent aid.")
    assert content_hash("Turkey sent aid.") != content_hash("Turkey sent arms.")
    assert Article("x", "Some text").content_hash == content_hash("Some text")
