"""eventwire: political event data from news text, with the evidence for every row.

The Python API mirrors the CLI: ``code_text`` codes one text, ``ingest`` codes
files into a DuckDB store, and ``Pipeline`` runs the stages on Articles. All three share one pipeline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from .engines.local import IngestReport
from .engines.local import ingest as _ingest_paths

__version__ = "0.1.0"


def code_text(text: str, published: date | str | None = None, article_id: str = "text") -> list:
    """Code one text and return its events (``eventwire.model.Event``)."""
    from .model import Article
    from .pipeline import default_pipeline
    from .read.published import parse_published

    if isinstance(published, str):
        published = parse_published(published)
    return default_pipeline().process(Article(article_id=article_id, text=text, published=published)).events


def ingest(paths: str | Path | Iterable[str | Path], db: str | Path, batch_size: int = 64) -> IngestReport:
    """Code every readable record under ``paths`` into the DuckDB file ``db``."""
    return _ingest_paths(paths, db, batch_size=batch_size)


def __getattr__(name: str):
    # ``eventwire.Pipeline`` loads spaCy, so it is imported on first use, not with the package.
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


__all__ = ["Pipeline", "code_text", "ingest", "__version__"]
