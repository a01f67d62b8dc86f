"""The CAMEO -> PLOVER table: statements have no PLOVER type, and every departure from the
official 2021 conversion table says why."""

from datetime import date

from eventwire.knowledge.ontology import load_ontology
from eventwire.model import Article


def test_only_bare_statements_lack_a_plover_type():
    codes = load_ontology().codes
    untyped = sorted(code for code, info in codes.items() if info.plover is None)
    assert untyped == ["01", "010", "011", "014", "015"]
    assert all(codes[code].plover_note for code in untyped)


def test_the_table_follows_the_official_mapping_or_notes_its_reference():
    codes = load_ontology().codes
    # Settled by the official table (apology, destroying property, easing sanctions, access).
    assert codes["055"].plover == "SUPPORT" and codes["1712"].plover == "ASSAULT"
    assert codes["085"].plover == "RETREAT" and codes["0863"].plover == "RETREAT"
    # Settled by gold records against the table: each says so.
    for code, plover in (("163", "SANCTION"), ("057", "AGREE"), ("0841", "CONCEDE"), ("0871", "CONCEDE")):
        assert codes[code].plover == plover and "CAMEO2PLOVER" in codes[code].plover_note


def test_a_reporting_verb_row_is_kept_for_cameo_but_has_no_plover_type(pipeline):
    text = "Egyptian officials said Haftar's forces shelled Tripoli on Monday."
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    statement = [e for e in events if e.cameo == "010"]
    assert statement and all(e.plover is None and e.plover_mode == "statement" for e in statement)
    assert any(e.plover == "ASSAULT" for e in events)
