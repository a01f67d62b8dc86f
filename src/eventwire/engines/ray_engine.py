"""Ingest on a Ray cluster: the same pipeline, run by Ray Data actors, written as a Parquet dataset.

Each actor loads the spaCy pipeline and the knowledge base once; batches of articles map
to coded results, which the driver writes as Parquet files in the store's table schemas.
Ray is an optional extra: ``pip install 'eventwire[ray]'``.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from .local import IngestReport, new_articles
from ..read import iter_records
from ..store import TABLES
from ..store.parquet import known_hashes, write_part

log = logging.getLogger("eventwire.ray")


class RayUnavailable(RuntimeError):
    """Ray is not installed."""


class CodingActor:
    """One per Ray worker: holds a loaded pipeline and codes batches of articles."""

    def __init__(self, overlay: str | None = None):
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(kb_overlay=overlay)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        articles = [pickle.loads(blob) for blob in batch["article"]]
        results = list(self.pipeline.process_many(articles))
        return {"result": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]}


def ingest_ray(sources, out_dir: str | Path, *, address: str | None = None, batch_size: int = 64,
               chunk_size: int = 5000, workers: int | None = None, overlay: str | None = None,
               progress=None) -> IngestReport:
    """Code ``sources`` on Ray into the Parquet dataset ``out_dir`` (one folder per table).

    Articles are sent to Ray in chunks of ``chunk_size``, so the driver's memory stays bounded;
    each chunk's files are written only once the chunk is coded, so a re-run after an
    interruption skips the articles already written and codes the rest.
    """
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise RayUnavailable("the Ray engine needs Ray: pip install 'eventwire[ray]'") from exc

    out_dir = Path(out_dir)
    for name in TABLES:
        (out_dir / name).mkdir(parents=True, exist_ok=True)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
                 **({"num_cpus": workers} if workers and not address else {}))
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    report = IngestReport()
    known = known_hashes(out_dir)
    try:
        chunks = new_articles(iter_records(sources), chunk_size, lambda hashes: known.intersection(hashes), report)
        for part, (todo, rejects, n_articles) in enumerate(chunks):
            known.update(a.content_hash for a in todo)
            if n_articles and not todo:
                continue  # written by an earlier run, with its rejects
            results = []
            if todo:
                dataset = ray.data.from_items([{"article": pickle.dumps(a)} for a in todo])
                coded = dataset.map_batches(
                    CodingActor, fn_constructor_args=(overlay,), batch_size=batch_size,
                    concurrency=workers or max(1, int(ray.cluster_resources().get("CPU", 1))),
                )
                # Results come back in input order, so the output does not depend on scheduling.
                results = [pickle.loads(blob) for row in coded.iter_rows() for blob in [row["result"]]]
            write_part(out_dir, part, results, rejects)
            report.stored += len(results)
            report.events += sum(len(r.events) for r in results)
            for reject in rejects:
                report.rejects += 1
                report.reject_reasons[reject.reason] = report.reject_reasons.get(reject.reason, 0) + 1
            if progress is not None:
                progress(n_articles + len(rejects), sum(len(r.events) for r in results))
    finally:
        if started_here:
            ray.shutdown()
    return report
