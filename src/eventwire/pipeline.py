"""The pipeline: read -> nlp -> actors -> events -> modality -> where and when.

``Pipeline`` loads the model and the knowledge once and runs the registered
stages over each parsed article; the CLI, Python API and store all use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc, Token

from .actors import ActorFinder, MentionIndex, build_index
from .events import EventCoder, event_id
from .kb import KnowledgeBase, load_kb
from .modality import condition_mark, condition_party, conditional_threat, decide_status, is_refusal, reporting_verb
from .kb_schema import CameoCode
from .model import ActorMention, Article, ArticleResult, Event, Sentence, Trigger
from .nlp import load_nlp
from .ontology import Ontology, load_ontology
from .stance import StanceLexicon, article_stance
from .gazetteer import Gazetteer
from .where import LOCATIVE_PREPS, PlaceFinder, locate_event, overlaps, place_argument


@dataclass(slots=True)
class ArticleContext:
    """What the stages share while one article goes through the pipeline."""

    article: Article
    doc: Doc
    result: ArticleResult
    sent_of: list[int] = field(default_factory=list)
    mentions: MentionIndex | None = None
    triggers: list[Token] = field(default_factory=list)  # parallel to result.events


Stage = Callable[["Pipeline", ArticleContext], None]
STAGES: dict[str, Stage] = {}
DEFAULT_STAGES = ("sentences", "actors", "events", "modality", "where", "when", "stance")


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register a pipeline stage under ``name`` (spaCy-style registry)."""

    def register(func: Stage) -> Stage:
        STAGES[name] = func
        return func

    return register


class Pipeline:
    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, kb: KnowledgeBase | None = None,
                 ontology: Ontology | None = None, kb_overlay: str | Path | None = None):
        unknown = [name for name in stages if name not in STAGES]
        if unknown:
            raise ValueError(f"unknown pipeline stages {unknown}; known: {sorted(STAGES)}")
        self.stage_names = tuple(stages)
        self.nlp = load_nlp()
        overlay = kb_overlay or os.environ.get(OVERLAY_ENV) or None
        self.kb = kb or load_kb(lambda text: [t.text for t in self.nlp.make_doc(text)], overlay_dir=Path(overlay) if overlay else None)
        self.ontology = ontology or _ontology_with_user_verbs()
        self.gazetteer = Gazetteer.load(self.kb)
        self.finder = ActorFinder(self.kb, self.gazetteer.country_of)
        self.coder = EventCoder(self.ontology)
        self.places = PlaceFinder(self.gazetteer, lambda text: [t.text for t in self.nlp.make_doc(text)])
        self.stance_lexicon = StanceLexicon.load()

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


@stage("sentences")
def sentences_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    ctx.sent_of = [0] * len(ctx.doc)
    for index, sent in enumerate(ctx.doc.sents):
        for t in range(sent.start, sent.end):
            ctx.sent_of[t] = index
        ctx.result.sentences.append(Sentence(index, sent.start_char, sent.end_char, sent.text.strip()))


@stage("actors")
def actors_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    mentions, unknown = pipe.finder.find(ctx.doc, ctx.article.published)
    ctx.result.mentions = mentions
    ctx.result.unknown = unknown
    ctx.mentions = build_index(mentions)


@stage("events")
def events_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    assert ctx.mentions is not None, "the events stage needs the actors stage"
    coded = pipe.coder.code(ctx.doc, ctx.mentions, ctx.article.article_id, ctx.article.content_hash)
    ctx.result.events = [event for event, _ in coded]
    ctx.triggers = [trigger for _, trigger in coded]


@stage("modality")
def modality_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    assert ctx.mentions is not None
    for event, trigger in zip(ctx.result.events, ctx.triggers):
        status, speaker, reason = decide_status(trigger, ctx.mentions)
        threat = conditional_threat(pipe.ontology, event, trigger, condition_mark(reason), ctx.mentions) \
            if status == "hypothetical" else None
        if status == "hypothetical" and event.cameo_root == "12" and condition_mark(reason) == "unless":
            # "refused to free him unless Israel releases prisoners": the refusal is made now.
            status, speaker, reason = decide_status(trigger, ctx.mentions, allow_condition=False)
        if threat is not None:
            # "will withdraw its force unless ...", "will strike if Tehran ...": a harm made
            # conditional on the other side's conduct is a threat, and the threat is made now.
            event.rule += f"; {event.cameo} on condition -> threat {threat} ({reason})"
            _recode(event, pipe.ontology.code(threat), ctx.article.content_hash)
            status, speaker, reason = decide_status(trigger, ctx.mentions, allow_condition=False)
            if status in ("intent", "hypothetical"):
                status, speaker, reason = "asserted", None, f"a conditional threat ({reason})"
        # CAMEO and PLOVER code a promised or planned act as the intent to do it (03x, 13x):
        # the row keeps status "intent". A cooperative act explicitly not done is a rejection
        # (12x), and that rejection is itself asserted or attributed.
        if status == "intent":
            recoded = pipe.ontology.intended(event.cameo)
            if recoded is not None:
                event.rule += f"; intended {event.cameo} -> {recoded} ({reason})"
                _recode(event, pipe.ontology.code(recoded), ctx.article.content_hash)
        elif status == "negated" and is_refusal(trigger):
            recoded = pipe.ontology.refused(event.cameo)
            if recoded is not None:
                event.rule += f"; refused {event.cameo} -> {recoded} ({reason})"
                _recode(event, pipe.ontology.code(recoded), ctx.article.content_hash)
                status, speaker, reason = decide_status(trigger, ctx.mentions, allow_negation=False)
        if status == "attributed" and _says_it_itself(event, speaker):
            # "Egypt said it would expel ...": a verbal act reported by its own source is that act.
            status, speaker, reason = "asserted", None, f"verbal act stated by its source ({reason})"
        if event.cameo_root in ("12", "13"):
            party = condition_party(trigger, event, ctx.mentions)
            if party is not None and (event.target is None or event.target.code != party.code):
                # "will storm Mariupol unless Ukrainian troops withdraw": a threat or a conditional
                # refusal is aimed at the party whose conduct the condition names.
                _retarget(event, party, f"the subject of the condition ({party.text})", ctx.article.content_hash)
        event.status = status  # type: ignore[assignment]
        event.attributed_to = speaker
        event.status_reason = reason
    _add_statements(pipe, ctx)


def _add_statements(pipe: Pipeline, ctx: ArticleContext) -> None:
    """The reporting act behind an attributed event is an event too: CAMEO 010, its speaker the source."""
    taken = {t.i for t in ctx.triggers}
    info = pipe.ontology.code(STATEMENT_CODE)
    for event, trigger in list(zip(ctx.result.events, ctx.triggers)):
        if event.status != "attributed" or event.attributed_to is None:
            continue
        verb = reporting_verb(trigger)
        if verb is None or verb.i in taken:
            continue
        taken.add(verb.i)
        speaker = event.attributed_to
        status, attributed_to, reason = decide_status(verb, ctx.mentions)
        statement = Event(
            article_id=event.article_id,
            event_id=event_id(ctx.article.content_hash, event.sentence_index, verb.idx, speaker, None, info.code),
            sentence_index=event.sentence_index, sentence=event.sentence, source=speaker, target=None,
            cameo=info.code, cameo_root=info.code[:2], plover=info.plover, plover_mode=info.plover_mode,
            quad_class=info.quad_class, goldstein=info.goldstein,
            trigger=Trigger(verb.text, verb.idx, verb.idx + len(verb.text)),
            confidence=round(event.confidence * 0.9, 2), status=status, attributed_to=attributed_to,
            rule=f"reporting verb '{verb.text}' of the {event.cameo} event '{event.trigger.text}'; source = speaker",
            status_reason=reason,
        )
        ctx.result.events.append(statement)
        ctx.triggers.append(verb)
    order = sorted(range(len(ctx.triggers)), key=lambda k: (ctx.result.events[k].sentence_index, ctx.triggers[k].idx))
    ctx.result.events = [ctx.result.events[k] for k in order]
    ctx.triggers = [ctx.triggers[k] for k in order]


def _says_it_itself(event: Event, speaker) -> bool:
    verbal = event.quad_class in (1, 3)
    return verbal and speaker is not None and event.source is not None and speaker.code == event.source.code


def _recode(event: Event, info: CameoCode, text_hash: str) -> None:
    event.cameo, event.cameo_root = info.code, info.code[:2]
    event.plover, event.plover_mode = info.plover, info.plover_mode
    event.quad_class, event.goldstein = info.quad_class, info.goldstein
    _refresh_id(event, text_hash)


def _retarget(event: Event, target: ActorMention, why: str, text_hash: str) -> None:
    """Give an event the target a later stage found, saying why in its rule."""
    event.target = target
    event.rule += f"; target = {why}"
    _refresh_id(event, text_hash)


def _refresh_id(event: Event, text_hash: str) -> None:
    """The id follows the code and roles, so it is recomputed when a later stage changes them."""
    event.event_id = event_id(text_hash, event.sentence_index, event.trigger.start, event.source, event.target, event.cameo)


@stage("where")
def where_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    focus = _focus_country(ctx.result)
    named = {m.country for m in ctx.result.mentions if m.country}
    actor_tokens = frozenset(t for m in ctx.result.mentions if m.kind in ("group", "igo", "person")
                             for t in range(m.token_start, m.token_end))
    places = pipe.places.find(ctx.doc, focus, named, ctx.sent_of, actor_tokens)
    ctx.result.places = places
    # A name NER took for a person or organization but the gazetteer placed is not an unknown actor.
    ctx.result.unknown = [u for u in ctx.result.unknown if not any(overlaps(p, [(u.start, u.end)]) for p in places)]
    # A country or capital is a place only as the object of a locative preposition
    # ("clashes in Tripoli"); as a subject or object it is an actor ("Tripoli said").
    doc = ctx.doc
    actor_spans = [
        (m.start, m.end) for m in ctx.result.mentions
        if not (doc[m.head].dep_ == "pobj" and doc[m.head].head.lower_ in LOCATIVE_PREPS)
    ]
    dominant = _dominant_place(places, actor_spans)
    for event, trigger in zip(ctx.result.events, ctx.triggers):
        # "visited Turkey", "flew to Moscow": a visit happens at its destination.
        visit = event.cameo in VISIT_CODES and event.target is not None
        destination = (event.target.start, event.target.end) if visit else None
        place, rule = locate_event(trigger, places, actor_spans, destination, force=event.quad_class == 4,
                                   material=event.quad_class in (2, 4))
        # Material acts happen where the story is; statements happen wherever the speaker is.
        if place is None and dominant is not None and event.quad_class in (2, 4) and not any(
            p.sentence_index == event.sentence_index and not overlaps(p, actor_spans) for p in places
        ):
            place, rule = dominant  # the sentence names no place of its own
        if place is not None:
            event.location = place
            event.rule += f"; location = {rule}"
            if event.target is None and event.quad_class == 4 and place.country and not rule.startswith(FALLBACK_RULES):
                _target_the_place(event, place, ctx.article.content_hash)
        if event.target is None and event.cameo_root not in VENUE_ROOTS:
            argument = place_argument(trigger, places, wide=event.quad_class in (2, 4) or event.cameo_root in WIDE_ARGUMENT_ROOTS,
                                      giving=event.cameo_root in GIVING_ROOTS)
            if argument is not None and argument.country:
                _target_the_place(event, argument, ctx.article.content_hash)
        if event.target is None and event.cameo_root == "14":
            _target_own_government(event, ctx.article.content_hash)


STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}
# Statements and meetings: a place in their clause is where they happened, never whom they concern.
VENUE_ROOTS = ("01", "04")
# Support, cooperation and aid, of which "from" names the giver.
GIVING_ROOTS = ("03", "05", "06", "07")
# Verbal acts whose "in" place is what they are about: intents, investigations, refusals, threats.
WIDE_ARGUMENT_ROOTS = ("03", "09", "12", "13")
# Location rules that do not tie the place to the act closely enough to make it the target.
FALLBACK_RULES = ("the article's dominant place", "the only place in the sentence")


def _target_the_place(event: Event, place, text_hash: str) -> None:
    """Force used in or against a place with no named target is aimed at that place's country
    ("Israeli tanks fired at targets in Jericho" -> PSE), as CAMEO coders code it, and so is an act
    whose argument is a place ("withdraw inspectors from Iraq" -> IRQ). At home, the
    state's force is aimed at its civilians (a curfew in Cizre -> TURCVL) and a protest at the
    government (Greek Cypriots protesting in Nicosia -> CYPGOV)."""
    code = place.country
    if event.source is not None and event.source.country == place.country:
        if event.source.sector in STATE_SECTORS:
            code = place.country + "CVL"
        elif event.cameo_root == "14":
            code = place.country + "GOV"
    target = ActorMention(
        text=place.name, start=place.start, end=place.end, code=code, country=place.country,
        sector=code[3:] or None,
        actor_id=None, sentence_index=place.sentence_index, kind="place",
        rule=f"the country of {place.name}, the place the act is aimed at",
    )
    _retarget(event, target, f"the country of the place ({code})", text_hash)


def _target_own_government(event: Event, text_hash: str) -> None:
    """A protest that names no target is addressed to the protesters' own government
    ("Egyptian demonstrators rioted" -> EGYGOV), the CAMEO coding convention."""
    source = event.source
    if source is None or not source.country or source.sector in STATE_SECTORS or source.kind == "igo":
        return
    code = source.country + "GOV"
    target = ActorMention(
        text=source.text, start=source.start, end=source.end, code=code, country=source.country, sector="GOV",
        actor_id=None, sentence_index=source.sentence_index, kind="implied",
        rule=f"a protest with no named target is addressed to the government of {source.country}",
    )
    _retarget(event, target, f"the protesters' own government ({code})", text_hash)


def _dominant_place(places, actor_spans: list[tuple[int, int]]):
    """The place most of the article's place mentions name (at least two, and more than half), if any."""
    counts: dict[tuple[str, float, float], list] = {}
    for place in places:
        if not overlaps(place, actor_spans):
            counts.setdefault((place.country or "", round(place.lat, 2), round(place.lon, 2)), []).append(place)
    total = sum(map(len, counts.values()))
    if not counts:
        return None
    mentions = max(counts.values(), key=len)
    if len(mentions) >= 2 and len(mentions) * 2 > total:
        return mentions[0], f"the article's dominant place ({len(mentions)} of {total} place mentions)"
    return None


@stage("when")
def when_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    from .when import event_date

    for event, trigger in zip(ctx.result.events, ctx.triggers):
        resolved = event_date(trigger, ctx.article.published)
        if resolved is not None:
            event.date, event.date_precision, event.date_rule = resolved


@stage("stance")
def stance_stage(pipe: Pipeline, ctx: ArticleContext) -> None:
    ctx.result.stance = article_stance(ctx.doc, ctx.result.mentions, ctx.result.events, pipe.stance_lexicon)


def _focus_country(result: ArticleResult) -> str | None:
    counts: dict[str, int] = {}
    for m in result.mentions:
        if m.country:
            counts[m.country] = counts.get(m.country, 0) + 1
    return max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]


def _ontology_with_user_verbs() -> Ontology:
    """The package's ontology, plus a legacy PETRARCH verb dictionary named by $EVENTWIRE_VERBS."""
    verbs_file = os.environ.get(VERBS_ENV)
    if not verbs_file:
        return load_ontology()
    from .dictionaries import import_verb_dictionary

    ontology = load_ontology()
    ontology.add_patterns(import_verb_dictionary(Path(verbs_file), set(ontology.codes)).patterns, verbs_file)
    return ontology


# A PETRARCH/TABARI verb dictionary (CAMEO.2.0.txt layout) whose patterns extend the lexicon.
VERBS_ENV = "EVENTWIRE_VERBS"
# CAMEO "make a visit": located at the destination, the target.
VISIT_CODES = ("042",)
# CAMEO "make a public statement": the reporting act behind an attributed event.
STATEMENT_CODE = "010"
# A directory written by `eventwire dict import`, used on top of the package's knowledge.
OVERLAY_ENV = "EVENTWIRE_KB_OVERLAY"
_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """One shared pipeline per process: the model and knowledge load once."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def code_events(results: Iterable[ArticleResult]) -> Iterator[Event]:
    for result in results:
        yield from result.events
