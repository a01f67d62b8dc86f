"""The Python API is the same pipeline as the CLI."""

import json

import duckdb

import eventwire
from conftest import CORPUS


def test_code_text_returns_events_with_dates_from_the_publication_day(pipeline):
    events = eventwire.code_text("Greece threatened on Monday to arrest Turkish sailors.", published="2020-06-03")
    threat = next(e for e in events if e.plover == "THREATEN")
    assert threat.source.code == "GRC" and threat.target.country == "TUR"
    assert threat.date == "2020-06-01" and threat.date_precision == "day"
    assert json.loads(json.dumps(threat.to_dict()))["cameo"] == threat.cameo


def test_ingest_api_writes_the_store_and_is_idempotent(tmp_path, pipeline):
    db = tmp_path / "api.duckdb"
    first = eventwire.ingest([CORPUS / "07-peace-deal.txt", CORPUS / "08-embassy-expulsion.txt"], db=db)
    again = eventwire.ingest(CORPUS / "07-peace-deal.txt", db=db)
    assert first.stored == 2 and again.stored == 0 and again.skipped_known == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM events WHERE cameo = '057'").fetchone()[0] >= 1
