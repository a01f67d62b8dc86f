"""Shared fixtures: one pipeline per test session, the optional ../shared data, and a row summary."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "examples" / "corpus"


def dyads(events) -> set[tuple[str | None, str | None, str | None]]:
    """The (source code, target code, PLOVER type) of each coded row."""
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.plover) for e in events}


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """Code one text and return its events."""
    from datetime import date

    from eventwire.model import Article

    def run(text: str, published: date | None = date(2024, 3, 14)):
        return pipeline.process(Article(article_id="t", text=text, published=published)).events

    return run


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"../shared is absent ({data} not found): skipping tests that read the shared data")
    return data
