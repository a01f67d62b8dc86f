"""End-to-end checks on the reference article in ../shared (read there, never copied)."""

from datetime import date

import pytest

from eventwire.model import Article


@pytest.fixture(scope="module")
def seed_events(pipeline, shared_data):
    text = (shared_data / "seed_article.txt").read_text(encoding="utf-8")
    return text, pipeline.process(Article("seed", text, published=date(2020, 5, 25))).events


def _pairs(events):
    return [(e.source, e.target, e) for e in events if e.source and e.target]


def test_turkey_gives_libya_aid(seed_events):
    _, events = seed_events
    assert any(s.country == "TUR" and t.country == "LBY" and e.plover == "AID" for s, t, e in _pairs(events))


def test_the_gna_acts_against_haftars_side(seed_events):
    _, events = seed_events
    gna_vs_haftar = [
        e for s, t, e in _pairs(events)
        if s.actor_id == "group:lby_gna" and t.country == "LBY" and t.actor_id != "group:lby_gna"
        and t.sector != "GOV" and e.quad_class == 4
    ]
    assert gna_vs_haftar


def test_greece_threatens_turkey(seed_events):
    _, events = seed_events
    assert any(s.code == "GRC" and t.code == "TUR" and e.plover == "THREATEN" for s, t, e in _pairs(events))


def test_every_offset_points_at_its_text(seed_events):
    text, events = seed_events
    for e in events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        for actor in (e.source, e.target):
            if actor:
                assert text[actor.start:actor.end] == actor.text


def test_help_given_with_an_ally_is_not_aimed_at_it(seed_events):
    _, events = seed_events
    broke = [e for e in events if e.trigger.text == "broke"]
    assert broke and all(e.target is None or e.target.country != "TUR" for e in broke)
