"""What the coding stages share: the article context, the stage registry, and the resources a stage may use.

Stages register here and the pipeline runs them by name, so no stage imports the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Protocol

from spacy.tokens import Doc, Token

from ..model import Article, ArticleResult

if TYPE_CHECKING:
    from ..knowledge.gazetteer import Gazetteer
    from ..knowledge.kb import KnowledgeBase
    from ..knowledge.ontology import Ontology
    from .actors import ActorFinder
    from .events import EventCoder
    from .mentions import MentionIndex
    from .stance import StanceLexicon
    from .where import PlaceFinder


@dataclass(slots=True)
class ArticleContext:
    """What the stages share while one article goes through the pipeline."""

    article: Article
    doc: Doc
    result: ArticleResult
    sent_of: list[int] = field(default_factory=list)  # token index -> sentence index
    mentions: MentionIndex | None = None
    triggers: list[Token] = field(default_factory=list)  # parallel to result.events


class Resources(Protocol):
    """What a stage may read besides the article: the model and the knowledge, loaded once per process."""

    kb: KnowledgeBase
    ontology: Ontology
    gazetteer: Gazetteer
    finder: ActorFinder
    coder: EventCoder
    places: PlaceFinder
    stance_lexicon: StanceLexicon


Stage = Callable[[Resources, ArticleContext], None]
STAGES: dict[str, Stage] = {}


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register a pipeline stage under ``name`` (spaCy-style registry)."""

    def register(func: Stage) -> Stage:
        STAGES[name] = func
        return func

    return register
