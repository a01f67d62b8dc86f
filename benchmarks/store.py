"""Query speed of the DuckDB store on 1,000,000 synthetic events.

Times a dyad x month aggregation, an actor-network query over a date range and a single
event lookup with its evidence.
Run: .venv/bin/python benchmarks/store.py [--rows N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from eventwire.store import Store


def timed(store: Store, label: str, sql: str, params=()) -> None:
    start = time.perf_counter()
    rows = store.con.execute(sql, list(params)).fetchall()
    print(f"{label}: {time.perf_counter() - start:.3f} s ({len(rows)} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        # Synthetic rows in the real events schema: 60 actors, 20 CAMEO roots, four years.
        store.con.execute(
            f"""INSERT INTO events (event_id, article_id, content_hash, sentence_index, sentence, date, date_precision,
                                    source_code, source_country, target_code, target_country, cameo, cameo_root,
                                    plover, quad_class, goldstein, status, confidence, trigger_text, trigger_start,
                                    trigger_end, rule)
                SELECT printf('%016x', i), 'a' || (i // 20), 'h' || (i // 20), (i % 20)::INTEGER,
                       'Sentence ' || i, DATE '2021-01-01' + ((i * 7919) % 1461)::INTEGER, 'day',
                       'C' || lpad(((i * 31) % 60)::VARCHAR, 2, '0'), 'C' || lpad(((i * 31) % 60)::VARCHAR, 2, '0'),
                       'C' || lpad(((i * 17 + 7) % 60)::VARCHAR, 2, '0'), 'C' || lpad(((i * 17 + 7) % 60)::VARCHAR, 2, '0'),
                       lpad(((i % 20) + 1)::VARCHAR, 2, '0') || '0', lpad(((i % 20) + 1)::VARCHAR, 2, '0'),
                       'CONSULT', ((i % 4) + 1)::TINYINT, ((i % 21) - 10)::DOUBLE, 'asserted', 0.7, 'verb',
                       0, 4, 'synthetic'
                FROM range({args.rows}) t(i)""")
        print(f"built {args.rows:,} events in {time.perf_counter() - start:.1f} s")
        timed(store, "dyad x month aggregation",
              """SELECT source_code, target_code, date_trunc('month', date) AS month, count(*), avg(goldstein)
                 FROM events GROUP BY ALL""")
        timed(store, "actor network 2022-2023 (weighted edges)",
              """SELECT source_code, target_code, count(*) AS weight, sum(goldstein) AS net_goldstein
                 FROM events WHERE date BETWEEN DATE '2022-01-01' AND DATE '2023-12-31'
                   AND source_code IS NOT NULL AND target_code IS NOT NULL
                 GROUP BY ALL ORDER BY weight DESC""")
        timed(store, "single event with evidence",
              "SELECT event_id, sentence, trigger_text, trigger_start, rule FROM events WHERE event_id = ?",
              [f"{args.rows // 2:016x}"])
        store.close()


if __name__ == "__main__":
    main()
