"""The HTML reader: the page's main text and metadata, extracted by trafilatura.

The publication date comes from the page's metadata only, never from dates in its body.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Article, Reject
from .decode import SNIFF_LIMIT, raw_from_bytes, reject, reject_whole_file, sniff
from .records import new_article


def read_html(path: Path, label: str) -> Iterator[Article | Reject]:
    data = path.read_bytes()
    problem = sniff(data[:SNIFF_LIMIT])
    if problem is not None:
        yield reject_whole_file(label, problem, data, len(data))
        return
    try:
        markup: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        markup = data  # a page may declare another charset; trafilatura honours it
    try:
        document = _extract_html(markup)
    except Exception as exc:  # the extractor is third-party; a crash on one page must not stop the batch
        yield reject(label, "no-html-text", f"extractor failed: {type(exc).__name__}: {exc}", raw_from_bytes(data))
        return
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        yield reject(label, "no-html-text", "no main text found in the page", raw_from_bytes(data))
        return
    yield new_article(
        label,
        article_id=path.stem,
        text=text,
        title=getattr(document, "title", None),
        published=getattr(document, "date", None),
        url=getattr(document, "url", None),
        outlet=getattr(document, "sitename", None),
    )


def _extract_html(markup: str | bytes) -> Any:
    import trafilatura  # imported here: only HTML input needs it

    return trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        # Publication date from the page's metadata only: a search through the
        # body text would pick up dates of the events the article reports.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
