"""Batch ingest: stream records through the pipeline into the store.

Articles already stored (same content hash) are skipped before parsing, and each
batch commits atomically, so an interrupted run can simply be run again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import Article, ArticleResult, Reject
from .read import iter_records
from .store import Store

log = logging.getLogger("eventwire.ingest")


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped_known: int = 0
    events: int = 0
    rejects: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "read": self.read, "stored": self.stored, "skipped_known": self.skipped_known,
            "events": self.events, "rejects": self.rejects, "reject_reasons": dict(self.reject_reasons),
        }


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def ingest(sources, db: str | Path, *, batch_size: int = 64, pipeline=None, progress=None,
           stdin=None) -> IngestReport:
    """Code every readable record in ``sources`` into the DuckDB file ``db``.

    ``progress`` is an optional callable ``(articles_done, events_done)`` for the CLI's bar.
    """
    from .pipeline import default_pipeline

    pipe = pipeline or default_pipeline()
    report = IngestReport()
    with Store(db) as store:
        for chunk in batched(iter_records(sources, stdin=stdin), batch_size):
            articles = [r for r in chunk if isinstance(r, Article)]
            rejects = [r for r in chunk if isinstance(r, Reject)]
            report.read += len(articles)
            known = store.known_hashes(a.content_hash for a in articles)
            todo: list[Article] = []
            for article in articles:
                if article.content_hash in known:
                    report.skipped_known += 1
                else:
                    known.add(article.content_hash)
                    todo.append(article)
            results: list[ArticleResult] = list(pipe.process_many(todo))
            stored = store.write_batch(results, rejects)
            report.stored += stored
            log.info("committed batch: %d new articles, %d rejects (%d stored in all)", stored, len(rejects), report.stored)
            batch_events = sum(len(r.events) for r in results)
            report.events += batch_events
            for reject in rejects:
                report.rejects += 1
                report.reject_reasons[reject.reason] = report.reject_reasons.get(reject.reason, 0) + 1
            if progress is not None:
                progress(len(articles) + len(rejects), batch_events)
    return report
