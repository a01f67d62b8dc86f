"""The local engine: stream records through the pipeline into the store, in worker processes.

Articles already stored (same content hash) are skipped before parsing, and each
batch commits atomically, so an interrupted run can simply be run again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, ArticleResult, Reject
from ..read import iter_records
from ..store import Store

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
           stdin=None, workers: int = 1) -> IngestReport:
    """Code every readable record in ``sources`` into the DuckDB file ``db``.

    With ``workers`` > 1, batches are coded in that many processes (each loads the pipeline
    once) while this process reads, skips known articles and writes, in input order. At most
    two batches per worker are in flight, so memory does not grow with the corpus.
    ``progress`` is an optional callable ``(articles_done, events_done)`` for the CLI's bar.
    """
    report = IngestReport()
    with Store(db) as store:
        batches = new_articles(iter_records(sources, stdin=stdin), batch_size, store.known_hashes, report)
        if workers > 1:
            coded = _code_in_pool(batches, workers)
        else:
            from ..pipeline import default_pipeline

            pipe = pipeline or default_pipeline()
            coded = ((todo, rejects, n_read, list(pipe.process_many(todo))) for todo, rejects, n_read in batches)
        for _todo, rejects, n_read, results in coded:
            stored = store.write_batch(results, rejects)
            report.stored += stored
            log.info("committed batch: %d new articles, %d rejects (%d stored in all)", stored, len(rejects), report.stored)
            batch_events = sum(len(r.events) for r in results)
            report.events += batch_events
            for reject in rejects:
                report.rejects += 1
                report.reject_reasons[reject.reason] = report.reject_reasons.get(reject.reason, 0) + 1
            if progress is not None:
                progress(n_read + len(rejects), batch_events)
    return report


def new_articles(records, batch_size: int, known_hashes, report: IngestReport):
    """Batches of (articles to code, rejects, articles read), skipping articles already stored.

    ``known_hashes(hashes)`` returns those of ``hashes`` that are stored. Duplicates among
    batches still in flight are caught when written (the store ignores known hashes).
    """
    for chunk in batched(records, batch_size):
        articles = [r for r in chunk if isinstance(r, Article)]
        rejects = [r for r in chunk if isinstance(r, Reject)]
        report.read += len(articles)
        known = set(known_hashes(a.content_hash for a in articles))
        todo: list[Article] = []
        for article in articles:
            if article.content_hash in known:
                report.skipped_known += 1
            else:
                known.add(article.content_hash)
                todo.append(article)
        yield todo, rejects, len(articles)


_worker_pipeline = None


def _start_worker(overlay: str | None) -> None:
    global _worker_pipeline
    import os

    from ..pipeline import OVERLAY_ENV, Pipeline

    if overlay:
        os.environ[OVERLAY_ENV] = overlay
    _worker_pipeline = Pipeline()


def _code_batch(articles: list[Article]) -> list[ArticleResult]:
    assert _worker_pipeline is not None, "worker not initialised"
    return list(_worker_pipeline.process_many(articles))


def _code_in_pool(batches, workers: int):
    """Code batches in a process pool, in order, with a bounded number in flight."""
    import multiprocessing
    import os
    from collections import deque

    from ..pipeline import OVERLAY_ENV

    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited model or locks
    with context.Pool(workers, initializer=_start_worker, initargs=(os.environ.get(OVERLAY_ENV),)) as pool:
        pending: deque = deque()
        for todo, rejects, n_read in batches:
            pending.append((todo, rejects, n_read, pool.apply_async(_code_batch, (todo,))))
            while len(pending) >= 2 * workers:
                todo_, rejects_, n_, future = pending.popleft()
                yield todo_, rejects_, n_, future.get()
        while pending:
            todo_, rejects_, n_, future = pending.popleft()
            yield todo_, rejects_, n_, future.get()
