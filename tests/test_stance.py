"""Article stance toward actors: evaluative words that describe them, and praise or blame."""

import json
from datetime import date

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.model import Article


def _stance(pipeline, text):
    result = pipeline.process(Article("t", text, published=date(2020, 5, 1)))
    return {s.code: s for s in result.stance}


def test_labels_in_the_noun_phrase_apposition_and_predicate(pipeline):
    stance = _stance(pipeline, "The putschist Khalifa Haftar met reporters.")
    assert stance["LBYREB"].score == -1.0 and stance["LBYREB"].cues[0].text == "putschist"
    favourable = _stance(pipeline, "The internationally recognized Government of National Accord met reporters.")
    assert favourable["LBYGOV"].score == 1.0 and favourable["LBYGOV"].cues[0].text == "internationally recognized"
    predicate = _stance(pipeline, "Haftar is a renegade general.")
    assert predicate["LBYREB"].score < 0
    appos = _stance(pipeline, "Assad, a brutal dictator, met reporters in Damascus.")
    assert appos["SYRGOV"].score < -0.8


def test_praise_and_blame_aimed_at_an_actor_count_half(pipeline):
    assert _stance(pipeline, "Egypt praised Jordan on Monday.")["JOR"].score == 0.5
    assert _stance(pipeline, "Egypt condemned Jordan on Monday.")["JOR"].score == -0.5
    # Negated blame is no blame; neutral text has no stance at all.
    assert "JOR" not in _stance(pipeline, "Egypt did not condemn Jordan.")
    assert _stance(pipeline, "Egypt and Jordan met in Cairo.") == {}


def test_offsets_point_at_the_cue(pipeline):
    result = pipeline.process(Article("t", "The rogue regime of North Korea fired missiles.", published=date(2020, 5, 1)))
    cues = [cue for stance in result.stance for cue in stance.cues]
    assert cues and all(result.article.text[cue.start:cue.end] == cue.text for cue in cues)


def test_stance_command_compares_outlets(tmp_path, pipeline):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Outlet: Wire A\n\nThe putschist Khalifa Haftar attacked Tripoli.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Outlet: Wire B\n\nThe legitimate commander Khalifa Haftar attacked Tripoli.\n", encoding="utf-8")
    runner = CliRunner()
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["stance", "--db", str(db), "--actor", "LBYREB", "--json"]).stdout)
    by_outlet = {r["outlet"]: r["mean_score"] for r in rows}
    assert by_outlet["Wire A"] == -1.0 and by_outlet["Wire B"] > 0
    table = runner.invoke(app, ["stance", "--db", str(db)])
    assert table.exit_code == 0 and "Wire A" in table.stdout
