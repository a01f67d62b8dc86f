"""The store stage: an embedded DuckDB database of articles, events, actors, mentions,
places and rejects.

Each batch of articles is written in one transaction keyed by content hash, so a
re-run skips what is stored and an interrupted ingest loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..model import ArticleResult, Reject
from .tables import SCHEMA_VERSION, TABLES, batch_tables, row_to_event_dict

_DUCK_TYPES = {
    pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int8(): "TINYINT", pa.float64(): "DOUBLE", pa.date32(): "DATE",
    pa.list_(pa.string()): "VARCHAR[]", pa.bool_(): "BOOLEAN",
}


class StoreVersionError(ValueError):
    """The database file was written with another table layout than this eventwire's."""


def _create_sql(name: str, schema: pa.Schema, key: str | None) -> str:
    columns = ", ".join(
        f'"{f.name}" {_DUCK_TYPES[f.type]}' + (" PRIMARY KEY" if f.name == key else "") for f in schema
    )
    return f"CREATE TABLE IF NOT EXISTS {name} ({columns})"


class Store:
    """A DuckDB file holding everything eventwire coded; a few composable verbs."""

    def __init__(self, path: str | Path, read_only: bool = False):
        """Open a DuckDB file, or (read-only) a Parquet dataset directory written by ``write_parquet``
        or by the Ray engine, whose tables DuckDB then queries in place."""
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such database (run `eventwire ingest` first)")
        if Path(self.path).is_dir():
            self.con = duckdb.connect()
            self._attach_parquet(Path(self.path))
            return
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self._create()

    def _attach_parquet(self, directory: Path) -> None:
        for name, (schema, _) in TABLES.items():
            files = list((directory / name).rglob("*.parquet")) if (directory / name).is_dir() else []
            if files:
                pattern = str(directory / name / "**" / "*.parquet").replace("'", "''")
                self.con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning = true, union_by_name = true)")
            else:
                self.con.execute(_create_sql(name, schema, None).replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE"))

    def write_parquet(self, directory: str | Path) -> None:
        """Write every table as a Parquet dataset under ``directory``; events are partitioned by month."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            target = str(directory / name).replace("'", "''")
            if name == "events":
                self.con.execute(
                    f"""COPY (SELECT *, coalesce(strftime(date, '%Y-%m'), 'undated') AS month FROM events)
                        TO '{target}' (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE)""")
            else:
                (directory / name).mkdir(exist_ok=True)
                self.con.execute(f"COPY {name} TO '{target}/{name}.parquet' (FORMAT PARQUET)")

    def _create(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        found = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if found is not None and found[0] != str(SCHEMA_VERSION):
            self.con.close()
            raise StoreVersionError(
                f"{self.path}: written with table layout {found[0]}, this eventwire writes layout {SCHEMA_VERSION}; "
                "ingest into a new file (or export the old one with the eventwire that wrote it)")
        for name, (schema, key) in TABLES.items():
            self.con.execute(_create_sql(name, schema, key))
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self.con.execute(
            """CREATE OR REPLACE VIEW actors AS
               SELECT coalesce(actor_id, code) AS actor_key, code, country, sector, any_value(actor_id) AS actor_id,
                      mode(text) AS example_text, count(*) AS mentions, count(DISTINCT content_hash) AS articles
               FROM mentions GROUP BY ALL"""
        )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writing
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(set(hashes))
        if not wanted:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [wanted]
        ).fetchall()
        return {row[0] for row in rows}

    def write_batch(self, results: list[ArticleResult], rejects: list[Reject] = ()) -> int:
        """Write one batch atomically; returns the number of new articles stored."""
        known = self.known_hashes(r.article.content_hash for r in results)
        fresh: list[ArticleResult] = []
        seen: set[str] = set(known)
        for result in results:
            if result.article.content_hash not in seen:
                seen.add(result.article.content_hash)
                fresh.append(result)
        tables = batch_tables(fresh, rejects)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name, table in tables.items():
                if table.num_rows:
                    self.con.register("_batch", table)
                    verb = "INSERT OR IGNORE" if TABLES[name][1] else "INSERT"
                    self.con.execute(f"{verb} INTO {name} SELECT * FROM _batch")
                    self.con.unregister("_batch")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(fresh)

    # ------------------------------------------------------------ reading
    def query(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        return self.con.sql(sql, params=params) if params else self.con.sql(sql)

    def iter_event_dicts(self, batch: int = 2048) -> Iterator[dict[str, Any]]:
        """Events in the public JSON shape, streamed."""
        cursor = self.con.execute("SELECT * FROM events ORDER BY article_id, sentence_index, trigger_start, event_id")
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(batch):
            for row in rows:
                yield row_to_event_dict(dict(zip(names, row)))

    def counts(self) -> dict[str, int]:
        return {name: self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
