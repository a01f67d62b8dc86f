import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS
from eventwire.engines.local import ingest
from eventwire.store import Store


def _copy_corpus(tmp_path: Path, extra_bad: bool = True) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    if extra_bad:
        (corpus / "broken.jsonl").write_text('{"id": "ok-1", "text": "Egypt condemned Israel on Monday."}\n{not json}\n{"id": "empty", "text": "  "}\n')
        (corpus / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    return corpus


def test_ingest_stores_articles_events_mentions_and_rejects(tmp_path, pipeline):
    corpus = _copy_corpus(tmp_path)
    db = tmp_path / "events.duckdb"
    report = ingest(corpus, db, batch_size=4, pipeline=pipeline)
    n_txt = len(list(CORPUS.glob("*.txt")))
    assert report.stored == n_txt + 1  # every sample plus the one good JSONL line
    assert report.rejects == 3
    assert set(report.reject_reasons) == {"malformed-json", "empty-text", "binary-file"}
    with Store(db, read_only=True) as store:
        counts = store.counts()
        assert counts["articles"] == n_txt + 1 and counts["rejects"] == 3
        assert counts["events"] == report.events > 0 and counts["mentions"] > counts["events"]
        reasons = {r[0]: r[1] for r in store.con.execute("SELECT reason, raw FROM rejects").fetchall()}
        assert reasons["malformed-json"] == "{not json}"  # nothing is lost
        actors = store.con.execute("SELECT count(*) FROM actors WHERE code = 'EGY'").fetchone()[0]
        assert actors == 1


def test_reingest_adds_no_duplicates(tmp_path, pipeline):
    corpus = _copy_corpus(tmp_path)
    db = tmp_path / "events.duckdb"
    ingest(corpus, db, pipeline=pipeline)
    with Store(db, read_only=True) as store:
        first = store.counts()
    again = ingest(corpus, db, pipeline=pipeline)
    assert again.stored == 0 and again.skipped_known == first["articles"]
    with Store(db, read_only=True) as store:
        assert store.counts() == first


def test_an_interrupted_ingest_finishes_on_rerun_and_loses_nothing(tmp_path, pipeline):
    corpus = _copy_corpus(tmp_path, extra_bad=False)
    clean_db, broken_db = tmp_path / "clean.duckdb", tmp_path / "broken.duckdb"
    ingest(corpus, clean_db, batch_size=2, pipeline=pipeline)

    class Interrupt(Exception):
        pass

    batches = {"n": 0}

    def stop_after_two_batches(records, events):
        batches["n"] += 1
        if batches["n"] == 2:
            raise Interrupt

    with pytest.raises(Interrupt):
        ingest(corpus, broken_db, batch_size=2, pipeline=pipeline, progress=stop_after_two_batches)
    with Store(broken_db, read_only=True) as store:
        assert store.counts()["articles"] == 4  # two committed batches of two
    ingest(corpus, broken_db, batch_size=2, pipeline=pipeline)
    query = "SELECT event_id FROM events ORDER BY event_id"
    with Store(clean_db, read_only=True) as a, Store(broken_db, read_only=True) as b:
        assert a.counts() == b.counts()
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_dash_nine_mid_ingest_then_rerun_completes(tmp_path, workers):
    corpus = _copy_corpus(tmp_path, extra_bad=False)
    db = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", "1",
               "--workers", workers, "-v"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if "committed batch" in line:
            process.send_signal(signal.SIGKILL)  # no chance to clean up
            break
    process.wait(timeout=120)
    assert process.returncode == -signal.SIGKILL
    with Store(db, read_only=True) as store:
        partial = store.counts()["articles"]
    total = len(list(CORPUS.glob("*.txt")))
    assert 1 <= partial < total
    subprocess.run(command[:-1], check=True, capture_output=True, timeout=300)
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == total
        assert store.con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0] == 0


def test_exported_jsonl_round_trips_the_public_schema(tmp_path, pipeline):
    from eventwire.model import EVENT_KEYS

    db = tmp_path / "events.duckdb"
    ingest(_copy_corpus(tmp_path, extra_bad=False), db, pipeline=pipeline)
    with Store(db, read_only=True) as store:
        rows = list(store.iter_event_dicts())
    assert rows and all(tuple(row) == EVENT_KEYS for row in rows)
    json.dumps(rows)  # serialisable as is


def test_a_store_of_another_layout_is_refused_with_one_line(tmp_path):
    import duckdb

    from eventwire.store.database import StoreVersionError

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with pytest.raises(StoreVersionError, match="layout 1"):
        Store(path)
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", str(path)])
    assert result.exit_code != 0 and "layout 1" in result.output and "Traceback" not in result.output
