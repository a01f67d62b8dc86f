import csv
import io
import json

import pytest
from typer.testing import CliRunner

from conftest import CORPUS
from eventwire.cli import app
from eventwire.model import EVENT_KEYS

runner = CliRunner()


@pytest.mark.parametrize("command", ["code", "ingest", "export", "stats", "eval"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_code_prints_jsonl_in_the_public_schema(pipeline):
    sample = sorted(CORPUS.glob("*.txt"))[0]
    result = runner.invoke(app, ["code", str(sample), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows and all(tuple(row) == EVENT_KEYS for row in rows)


def test_code_reads_stdin_and_prints_a_table(pipeline):
    result = runner.invoke(app, ["code", "-"], input="Egypt condemned Israel on Monday.\n")
    assert result.exit_code == 0
    assert "EGY" in result.stdout and "ISR" in result.stdout


def test_ingest_stats_and_export(tmp_path, pipeline):
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    stats = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    data = json.loads(stats.stdout)
    assert data["totals"]["articles"] == len(list(CORPUS.glob("*.txt")))
    assert sum(row["events"] for row in data["by_type"]) == data["totals"]["events"]
    # A dyad has both sides: the two sample articles on the grain deal give TUR<->UKR twice each way.
    dyads = {(row["source"], row["target"]): row["events"] for row in data["by_dyad"]}
    assert dyads and all(source and target for source, target in dyads)
    assert dyads.get(("TUR", "UKR")) == 2 and dyads.get(("UKR", "TUR")) == 2
    table = runner.invoke(app, ["stats", "--db", str(db)])
    assert "Events by type" in table.stdout and "Top dyads" in table.stdout

    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
    assert len(exported.stdout.splitlines()) == data["totals"]["events"]
    out_csv = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", str(out_csv)]).exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(out_csv.read_text())))) == data["totals"]["events"]
    out_parquet = tmp_path / "events.parquet"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--out", str(out_parquet)]).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(out_parquet).num_rows == data["totals"]["events"]


def test_a_missing_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 1 and "no such database" in result.output


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_code_prints_json_and_csv(pipeline, fmt):
    sample = CORPUS / "07-peace-deal.txt"
    result = runner.invoke(app, ["code", str(sample), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.stdout)
        assert rows and all(tuple(row) == EVENT_KEYS for row in rows)
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows and {"source_code", "target_code", "cameo"} <= set(rows[0])
    assert any(r["cameo"] == "057" for r in rows)


def test_code_and_ingest_the_seed_article(tmp_path, pipeline, shared_data):
    seed = shared_data / "seed_article.txt"
    coded = runner.invoke(app, ["code", str(seed), "--format", "jsonl"])
    assert coded.exit_code == 0, coded.output
    rows = [json.loads(line) for line in coded.stdout.splitlines() if line.strip()]
    assert any(r["source"]["code"] == "GRC" and (r["target"] or {}).get("code") == "TUR" and r["plover"] == "THREATEN" for r in rows)
    db = tmp_path / "seed.duckdb"
    assert runner.invoke(app, ["ingest", str(seed), "--db", str(db)]).exit_code == 0
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["totals"]["articles"] == 1 and stats["totals"]["events"] == len(rows)


def test_actors_lookup_resolves_by_date_and_explains(pipeline):
    minister = runner.invoke(app, ["actors", "lookup", "Cavusoglu", "--date", "2019-05-01"])
    assert minister.exit_code == 0 and "TURGOV" in minister.stdout and "foreign minister" in minister.stdout
    seat = runner.invoke(app, ["actors", "lookup", "the Kremlin"])
    assert seat.exit_code == 0 and "RUSGOV" in seat.stdout
    sector = runner.invoke(app, ["actors", "lookup", "forces"])
    assert sector.exit_code == 0 and "MIL" in sector.stdout
    missing = runner.invoke(app, ["actors", "lookup", "Zorblax Quintana"])
    assert missing.exit_code == 1 and "not in the knowledge base" in missing.stdout
    assert runner.invoke(app, ["actors", "lookup", "Putin", "--date", "last year"]).exit_code == 1


def test_actors_unknown_lists_names_by_frequency(tmp_path, pipeline):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Zorblax Quintana met Egypt's foreign minister in Cairo on Monday.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Zorblax Quintana criticised Israel on Tuesday.\n", encoding="utf-8")
    db = tmp_path / "u.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["actors", "unknown", "--db", str(db), "--json"])
    rows = json.loads(listed.stdout)
    top = rows[0]
    assert top["name"] == "Zorblax Quintana" and top["mentions"] == 2 and top["articles"] == 2
    assert "Zorblax Quintana" in top["example"]


def test_actors_unknown_shows_the_codes_provisional_actors_were_given(tmp_path, pipeline):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, day in (("a", "Monday"), ("b", "Tuesday")):
        (corpus / f"{name}.txt").write_text(
            f"Police in Kenya arrested opposition figure Joseph Mwangi Kariuki on {day}.\n", encoding="utf-8")
    db = tmp_path / "p.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["actors", "unknown", "--db", str(db), "--json"]).stdout)
    row = next(r for r in rows if r["name"] == "Joseph Mwangi Kariuki")
    assert row["codes"] == "KENOPP x2" and row["events"] == 2 and row["rule"].startswith("provisional: PERSON")
    table = runner.invoke(app, ["actors", "unknown", "--db", str(db)])
    assert table.exit_code == 0 and "KENOPP x2" in table.stdout
