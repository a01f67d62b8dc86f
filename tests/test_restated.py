"""A later, vaguer mention of an act the article already coded is folded into the fuller row."""

from datetime import date

from eventwire.model import Article


def _coerce(pipeline, text):
    return [e for e in pipeline.process(Article("t", text, published=date(2024, 3, 14))).events if e.plover == "COERCE"]


def test_a_vaguer_restatement_is_not_a_second_arrest(pipeline):
    text = ("Belarusian police arrested opposition leader Maria Kolesnikova in Minsk on Monday. "
            "Kolesnikova was arrested as she tried to cross the border, her aides said.")
    rows = _coerce(pipeline, text)
    assert len(rows) == 1 and rows[0].source is not None and rows[0].source.code == "BLRCOP"
    assert "restated in sentence 1" in rows[0].rule


def test_the_fuller_row_wins_whichever_comes_first(pipeline):
    text = ("Kolesnikova was arrested on Monday, her aides said. "
            "Belarusian police arrested Kolesnikova in Minsk as she tried to cross the border.")
    rows = _coerce(pipeline, text)
    assert len(rows) == 1 and rows[0].source is not None and rows[0].sentence_index == 1


def test_two_full_rows_of_the_same_dyad_stay_two_events(pipeline):
    text = ("Belarusian police arrested Maria Kolesnikova on Monday. "
            "Belarusian police arrested Maria Kolesnikova again on Friday.")
    assert len(_coerce(pipeline, text)) == 2


def test_a_planned_arrest_is_not_folded_into_the_arrest(pipeline):
    text = ("Belarusian police arrested Maria Kolesnikova in Minsk on Monday. "
            "Officials had said Kolesnikova would be arrested if she returned.")
    rows = _coerce(pipeline, text)
    assert len(rows) == 2 and {e.status for e in rows} == {"asserted", "hypothetical"}
