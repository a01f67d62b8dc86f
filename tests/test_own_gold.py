"""The project's own gold sentences (examples/gold/sentences.jsonl), written for eventwire.

Floors sit a little under the measured scores, so a regression in any stage shows here.
"""

from collections import Counter

import pytest

from conftest import REPO
from eventwire.evaluate import load_gold, run_eval

GOLD = REPO / "examples" / "gold" / "sentences.jsonl"


def test_the_gold_set_covers_every_plover_type_and_no_event_sentences():
    records = load_gold(GOLD)
    counts = Counter(r.event for r in records)
    assert len(records) >= 150 and counts["NONE"] >= 30
    assert all(counts[t] >= 8 for t in (
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"))
    for r in records:
        for actor in r.sources + r.targets:
            assert actor.text in r.text, (r.record_id, actor.text)


@pytest.fixture(scope="module")
def report(pipeline):
    return run_eval(GOLD, pipeline)


def test_no_event_sentences_rarely_yield_events(report):
    assert report["no_event_records"] >= 30 and report["false_event_rate"] <= 0.10


def test_detection_typing_and_actors_stay_above_their_floors(report):
    overall = report
    assert overall["detection_recall"] >= 0.9
    assert overall["type_accuracy"] >= 0.88
    assert overall["precision"] >= 0.72  # every coded row counts (2026-12-04: 0.755)
    assert overall["source_country_accuracy"] >= 0.95
    assert overall["target_country_accuracy"] >= 0.78


def test_article_gold_scores_whole_articles(pipeline):
    report = run_eval(REPO / "examples" / "gold" / "articles.jsonl", pipeline)
    assert report["records"] == 6 and report["gold_events"] >= 20
    assert report["precision"] >= 0.9 and report["recall"] >= 0.7
    assert report["false_event_rate"] == 0.0  # the market report has no political event


def test_the_blind_held_out_set_stays_above_its_floors(pipeline):
    """examples/gold/heldout.jsonl was written without looking at the coder and scored once
    (2026-11-25: precision 0.85, recall 0.83, source country 1.0, target country 0.74; with every
    coded row counted in precision, 2026-12-04: precision 0.75)."""
    report = run_eval(REPO / "examples" / "gold" / "heldout.jsonl", pipeline)
    assert report["gold_events"] >= 100 and report["no_event_records"] >= 20
    assert report["false_event_rate"] <= 0.10
    assert report["precision"] >= 0.72 and report["recall"] >= 0.75
    assert report["source_country_accuracy"] >= 0.93 and report["target_country_accuracy"] >= 0.75


def test_the_second_blind_set_stays_above_its_floors(pipeline):
    """examples/gold/heldout2.jsonl: 150 sentences a helper session wrote without seeing the coder
    or its errors; only its totals are read (2026-11-25: detection 0.91, P/R 0.78/0.80, source
    country 0.99, target country 0.74, 1 of 20 no-event sentences coded; with every coded row
    counted in precision, 2026-12-04: precision 0.69)."""
    report = run_eval(REPO / "examples" / "gold" / "heldout2.jsonl", pipeline)
    assert report["gold_events"] >= 130 and report["no_event_records"] >= 20
    assert report["false_event_rate"] <= 0.10
    assert report["detection_recall"] >= 0.85 and report["precision"] >= 0.65 and report["recall"] >= 0.72
    assert report["source_country_accuracy"] >= 0.93 and report["target_country_accuracy"] >= 0.65


def test_the_second_development_set_stays_above_its_floors(pipeline):
    """examples/gold/dev2.jsonl: 160 helper-written sentences whose errors were studied (2026-11-25:
    detection 0.94, type accuracy 0.88, source country 0.94, target country 0.76)."""
    report = run_eval(REPO / "examples" / "gold" / "dev2.jsonl", pipeline)
    assert report["gold_events"] >= 140 and report["false_event_rate"] <= 0.10
    assert report["detection_recall"] >= 0.88 and report["type_accuracy"] >= 0.82
    assert report["source_country_accuracy"] >= 0.9 and report["target_country_accuracy"] >= 0.7


def test_the_fifth_blind_set_stays_above_its_floors(pipeline):
    """examples/gold/heldout5.jsonl: 30 wire-style articles a helper session wrote and coded blind;
    only totals are read (2026-12-04: precision 0.70, recall 0.50, source country 0.92, location 0.35)."""
    report = run_eval(REPO / "examples" / "gold" / "heldout5.jsonl", pipeline)
    assert report["records"] == 30 and report["gold_events"] >= 200 and report["gold_rejects"] == []
    assert report["precision"] >= 0.66 and report["recall"] >= 0.46
    assert report["source_country_accuracy"] >= 0.88 and report["false_event_rate"] == 0.0
