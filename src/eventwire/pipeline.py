"""The pipeline: read -> nlp -> actors -> events -> modality -> where -> when -> stance.

``Pipeline`` loads the model and the knowledge once and runs the registered stages over
each parsed article; the CLI, the Python API and the engines all use it. The stages live
in ``eventwire.coding``, one module each, and register themselves in ``coding.context``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc

# Importing a stage module registers its stage.
from .coding import actors, events, modality, nlp, restated, stance, when, where  # noqa: F401
from .coding.actors import ActorFinder
from .coding.context import STAGES, ArticleContext
from .coding.events import EventCoder
from .coding.nlp import load_nlp
from .coding.stance import StanceLexicon
from .coding.where import PlaceFinder
from .knowledge.gazetteer import Gazetteer
from .knowledge.kb import KnowledgeBase, load_kb
from .knowledge.ontology import Ontology, load_ontology
from .model import Article, ArticleResult

DEFAULT_STAGES = ("sentences", "actors", "events", "modality", "where", "when", "restated", "stance")
# A PETRARCH/TABARI verb dictionary (CAMEO.2.0.txt layout) whose patterns extend the lexicon.
VERBS_ENV = "EVENTWIRE_VERBS"
# A directory written by `eventwire dict import`, used on top of the package's knowledge.
OVERLAY_ENV = "EVENTWIRE_KB_OVERLAY"


class Pipeline:
    """The model, the knowledge and the stages, loaded once; ``process`` codes one article."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, kb: KnowledgeBase | None = None,
                 ontology: Ontology | None = None, kb_overlay: str | Path | None = None):
        unknown = [name for name in stages if name not in STAGES]
        if unknown:
            raise ValueError(f"unknown pipeline stages {unknown}; known: {sorted(STAGES)}")
        self.stage_names = tuple(stages)
        self.nlp = load_nlp()
        overlay = kb_overlay or os.environ.get(OVERLAY_ENV) or None
        self.kb = kb or load_kb(self._tokenize, overlay_dir=Path(overlay) if overlay else None)
        self.ontology = ontology or _ontology_with_user_verbs()
        self.gazetteer = Gazetteer.load(self.kb)
        self.finder = ActorFinder(self.kb, self.gazetteer.country_of)
        self.coder = EventCoder(self.ontology)
        self.places = PlaceFinder(self.gazetteer, self._tokenize)
        self.stance_lexicon = StanceLexicon.load()

    def _tokenize(self, text: str) -> list[str]:
        return [t.text for t in self.nlp.make_doc(text)]

    def process(self, article: Article) -> ArticleResult:
        return self.run_stages(article, self.nlp(article.text))

    def process_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
        """Parse in batches with nlp.pipe, streaming: memory stays bounded by the batch."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.run_stages(article, doc)

    def run_stages(self, article: Article, doc: Doc) -> ArticleResult:
        ctx = ArticleContext(article=article, doc=doc, result=ArticleResult(article=article))
        for name in self.stage_names:
            STAGES[name](self, ctx)
        return ctx.result


def _ontology_with_user_verbs() -> Ontology:
    """The package's ontology, plus a legacy PETRARCH verb dictionary named by $EVENTWIRE_VERBS."""
    verbs_file = os.environ.get(VERBS_ENV)
    if not verbs_file:
        return load_ontology()
    from .knowledge.petrarch import import_verb_dictionary

    ontology = load_ontology()
    ontology.add_patterns(import_verb_dictionary(Path(verbs_file), set(ontology.codes)).patterns, verbs_file)
    return ontology


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """One shared pipeline per process: the model and knowledge load once."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default

