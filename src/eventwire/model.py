"""The data model shared by every pipeline stage.

Typed dataclasses for articles, sentences, actor mentions, places, events and
rejects. ``Event.to_dict`` is the public output schema and must not drift.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

STATUSES = ("asserted", "attributed", "rumor", "intent", "hypothetical", "negated")
Status = Literal["asserted", "attributed", "rumor", "intent", "hypothetical", "negated"]
DatePrecision = Literal["day", "week", "month", "year"]


def content_hash(text: str) -> str:
    """Hash of the article text with whitespace folded, so re-flowed copies match."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def event_id(text_hash: str, sentence_index: int, trigger_start: int, source, target, cameo: str) -> str:
    """A stable id for an event row: its article, trigger, roles and code; stages that change these recompute it."""
    key = f"{text_hash}|{sentence_index}|{trigger_start}|{source.code if source else ''}|{source.start if source else ''}|{target.code if target else ''}|{target.start if target else ''}|{cameo}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    article_id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str = ""  # where the record came from: "path", "path:line 3", "<stdin>"
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)


@dataclass(slots=True)
class Reject:
    """A record that could not be read, kept whole with the reason."""

    origin: str
    reason: str
    detail: str = ""
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "reason": self.reason, "detail": self.detail, "raw": self.raw}


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Actor:
    """A knowledge-base entity: a state, an IGO, a named group or a person in one role."""

    actor_id: str
    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str  # country | igo | group | person | agent
    qid: str | None = None  # Wikidata item id, where the knowledge base has it
    title: str | None = None  # a person's role on the day: "foreign minister of Turkey"
    sectors: tuple[str, ...] = ()  # every sector the actor holds on the day, primary first


@dataclass(slots=True)
class ActorMention:
    """A span of text resolved to an actor code, with the rule that resolved it."""

    text: str
    start: int
    end: int
    code: str
    country: str | None
    sector: str | None
    actor_id: str | None
    sentence_index: int = -1
    kind: str = ""
    rule: str = ""
    token_start: int = -1  # spaCy token indices of the span (end exclusive)
    token_end: int = -1
    head: int = -1  # token index of the span's syntactic head, used to fill roles
    # POLECAT-style fields: the canonical name, the title, all sectors and the Wikidata id.
    name: str | None = None
    title: str | None = None
    sectors: tuple[str, ...] = ()
    qid: str | None = None
    # Not in the knowledge base: the code was inferred from context, and ``rule`` says how.
    provisional: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "actor_id": self.actor_id,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "title": self.title,
            "sectors": list(self.sectors or ((self.sector,) if self.sector else ())),
            "qid": self.qid,
            "provisional": self.provisional,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str | None
    start: int
    end: int
    sentence_index: int = -1
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "feature": self.feature,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Trigger:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Event:
    article_id: str
    event_id: str
    sentence_index: int
    sentence: str
    source: ActorMention | None
    target: ActorMention | None
    cameo: str
    cameo_root: str
    plover: str | None  # None for a bare statement (CAMEO 01x without a PLOVER type)
    plover_mode: str | None
    quad_class: int
    goldstein: float
    trigger: Trigger
    status: Status = "asserted"
    attributed_to: ActorMention | None = None
    confidence: float = 0.5
    date: str | None = None
    date_precision: DatePrecision | None = None
    location: Place | None = None
    # Evidence that is not part of the public row but is kept for --explain and the store.
    rule: str = ""
    status_reason: str = ""
    date_rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The public JSON row: exactly these keys, in this order."""
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_precision": self.date_precision,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "status": self.status,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "confidence": self.confidence,
            "trigger": self.trigger.to_dict(),
            "location": self.location.to_dict() if self.location else None,
        }


EVENT_KEYS = (
    "article_id", "event_id", "sentence_index", "sentence", "date", "date_precision",
    "source", "target", "cameo", "cameo_root", "plover", "plover_mode", "quad_class",
    "goldstein", "status", "attributed_to", "confidence", "trigger", "location",
)


@dataclass(slots=True)
class UnknownName:
    """A PERSON/ORG/NORP entity the knowledge base does not know, kept so users can add it."""

    text: str
    label: str
    start: int
    end: int
    sentence_index: int
    context: str


@dataclass(slots=True)
class StanceCue:
    """One piece of evidence for an article's stance toward an actor."""

    text: str
    start: int
    end: int
    kind: str  # label (an evaluative word describing the actor) | praise | blame
    score: float


@dataclass(slots=True)
class ActorStance:
    """How one article frames one actor: a score in -1..1 and the cues behind it."""

    actor_key: str  # actor_id, or the code when the actor has no id
    code: str
    name: str
    score: float
    cues: list[StanceCue] = field(default_factory=list)


@dataclass(slots=True)
class ArticleResult:
    """Everything the pipeline learned from one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    unknown: list[UnknownName] = field(default_factory=list)
    stance: list[ActorStance] = field(default_factory=list)
