"""The Ray engine codes exactly what the single-machine ingest codes."""

import pytest

from conftest import CORPUS
from eventwire.engines.local import ingest
from eventwire.store import Store

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'eventwire[ray]')")


def test_ray_output_equals_local_output_event_for_event(tmp_path, pipeline):
    from eventwire.engines.ray_engine import ingest_ray

    local_db = tmp_path / "local.duckdb"
    ingest(CORPUS, local_db, pipeline=pipeline)
    out = tmp_path / "ray"
    report = ingest_ray(CORPUS, out, workers=2, batch_size=4)
    assert report.stored == len(list(CORPUS.glob("*.txt")))

    with Store(local_db, read_only=True) as local, Store(out, read_only=True) as remote:
        local_events = sorted(local.iter_event_dicts(), key=lambda e: e["event_id"])
        ray_events = sorted(remote.iter_event_dicts(), key=lambda e: e["event_id"])
        assert local_events and ray_events == local_events
        for table in ("articles", "mentions", "places", "stance"):
            assert local.con.execute(f"SELECT count(*) FROM {table}").fetchone() == \
                remote.con.execute(f"SELECT count(*) FROM {table}").fetchone()

    # A re-run finds everything written and codes nothing again.
    again = ingest_ray(CORPUS, out, workers=2)
    assert again.stored == 0 and again.skipped_known == report.stored
