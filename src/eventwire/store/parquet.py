"""Parquet datasets in the store's schemas: one folder per table, one file per table and chunk.

The Ray engine writes them; ``Store`` opens such a folder read-only and queries it in place.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from .tables import batch_tables


def known_hashes(out_dir: Path) -> set[str]:
    """Content hashes of the articles a dataset already holds."""
    files = list((out_dir / "articles").glob("*.parquet")) if (out_dir / "articles").is_dir() else []
    known: set[str] = set()
    for file in files:
        known.update(pq.read_table(file, columns=["content_hash"]).column("content_hash").to_pylist())
    return known


def write_part(out_dir: Path, part: int, results, rejects) -> None:
    """One file per table and chunk; the articles file last, since it marks the chunk as done."""
    tables = batch_tables(results, rejects)
    stamp = f"{part:06d}-{results[0].article.content_hash[:12] if results else 'rejects'}"
    for name in [n for n in tables if n != "articles"] + ["articles"]:
        table = tables[name]
        if table.num_rows:
            tmp = out_dir / name / f".{stamp}.parquet.tmp"
            pq.write_table(table, tmp)
            tmp.replace(out_dir / name / f"part-{stamp}.parquet")
