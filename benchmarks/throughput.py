"""Throughput and memory of the coding pipeline and of ingest, on one process.

Builds a corpus by repeating the bundled sample articles (each copy made unique),
then prints words/s for spaCy alone, for the full pipeline and for ingest into DuckDB.
Run: .venv/bin/python benchmarks/throughput.py [--copies N]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from eventwire.ingest import ingest
from eventwire.model import Article
from eventwire.pipeline import default_pipeline
from eventwire.read import iter_records

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def build_corpus(copies: int) -> list[Article]:
    originals = [a for a in iter_records(CORPUS) if isinstance(a, Article)]
    articles = []
    for n in range(copies):
        for a in originals:
            text = f"{a.text}\n\nCopy {n}."
            articles.append(Article(article_id=f"{a.article_id}-{n}", text=text, title=a.title, published=a.published))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="copies of the sample corpus (12 articles each)")
    args = parser.parse_args()

    pipe = default_pipeline()
    articles = build_corpus(args.copies)
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(articles)} articles, {words} words")

    start = time.perf_counter()
    for _ in pipe.nlp.pipe((a.text for a in articles), batch_size=32):
        pass
    spacy_s = time.perf_counter() - start
    print(f"spaCy alone:    {words / spacy_s:8.0f} words/s  {len(articles) / spacy_s:6.1f} articles/s")

    start = time.perf_counter()
    events = sum(len(r.events) for r in pipe.process_many(articles, batch_size=32))
    full_s = time.perf_counter() - start
    print(f"full pipeline:  {words / full_s:8.0f} words/s  {len(articles) / full_s:6.1f} articles/s  "
          f"({events} events; {spacy_s / full_s:.2f} of spaCy-alone speed)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        lines = []
        for a in articles:
            lines.append(json.dumps({"id": a.article_id, "text": a.text, "published": a.published.isoformat() if a.published else None}))
        (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        report = ingest([folder], db, batch_size=64, pipeline=pipe)
        ingest_s = time.perf_counter() - start
        print(f"ingest (DuckDB): {words / ingest_s:8.0f} words/s  {len(articles) / ingest_s:6.1f} articles/s  "
              f"({report.stored} stored)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
