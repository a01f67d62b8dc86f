"""Throughput and memory of the coding pipeline and of ingest.

Builds a corpus of about 600-word articles by joining the bundled samples (each copy made
unique), or reads a directory given with --corpus, then prints articles/s and sentences/s
for spaCy alone, for the full pipeline, and for ingest into DuckDB with 1 and 2 workers.
Run: .venv/bin/python benchmarks/throughput.py [--articles N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from eventwire.engines.local import ingest
from eventwire.model import Article
from eventwire.pipeline import default_pipeline
from eventwire.read import iter_records

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TARGET_WORDS = 600


def build_corpus(n: int) -> list[Article]:
    """Articles of about 600 words, each joining consecutive samples, each unique."""
    samples = [a for a in iter_records(SAMPLES) if isinstance(a, Article)]
    articles = []
    k = 0
    for i in range(n):
        parts, words = [], 0
        while words < TARGET_WORDS:
            sample = samples[k % len(samples)]
            parts.append(sample.text)
            words += len(sample.text.split())
            k += 1
        articles.append(Article(article_id=f"bench-{i}", text="\n\n".join(parts) + f"\n\nBulletin {i}.",
                                published=samples[i % len(samples)].published))
    return articles


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=240, help="articles to generate")
    parser.add_argument("--corpus", type=Path, help="a directory of real articles to use instead")
    args = parser.parse_args()

    pipe = default_pipeline()
    articles = ([a for a in iter_records(args.corpus) if isinstance(a, Article)] if args.corpus
                else build_corpus(args.articles))
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(articles)} articles, {words / len(articles):.0f} words each")

    start = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in pipe.nlp.pipe((a.text for a in articles), batch_size=32))
    spacy_s = time.perf_counter() - start
    print(f"spaCy alone:    {len(articles) / spacy_s:6.1f} articles/s  {sentences / spacy_s:7.0f} sentences/s")

    start = time.perf_counter()
    events = sum(len(r.events) for r in pipe.process_many(articles, batch_size=32))
    full_s = time.perf_counter() - start
    print(f"full pipeline:  {len(articles) / full_s:6.1f} articles/s  {sentences / full_s:7.0f} sentences/s  "
          f"({events} events; {spacy_s / full_s:.2f} of spaCy-alone throughput)")
    print(f"peak RSS, this process: {peak_mb():.0f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        with open(folder / "corpus.jsonl", "w", encoding="utf-8") as handle:
            for a in articles:
                handle.write(json.dumps({"id": a.article_id, "text": a.text,
                                         "published": a.published.isoformat() if a.published else None}) + "\n")
        for workers in (1, 2):
            db = Path(tmp) / f"bench-{workers}.duckdb"
            start = time.perf_counter()
            report = ingest([folder], db, batch_size=32, pipeline=pipe if workers == 1 else None, workers=workers)
            seconds = time.perf_counter() - start
            print(f"ingest, {workers} worker{'s' if workers > 1 else ''}: {len(articles) / seconds:6.1f} articles/s "
                  f"({report.stored} stored, {report.events} events, {seconds:.1f} s including worker start-up)")
    print(f"peak RSS, largest worker process: {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
