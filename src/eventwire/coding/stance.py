"""The stance stage: how an article frames each actor, from -1 (hostile) to 1 (favourable).

Cues are evaluative words that describe the actor in its own noun phrase, apposition or
predicate ("the putschist Haftar", "the internationally recognized GNA"), and praise or
blame aimed at it (SUPPORT/praise and ACCUSE events with the actor as target).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from ..knowledge.kb import DATA_DIR, fold
from ..knowledge.schema import StanceTerm, load_entries
from ..model import ActorMention, ActorStance, Event, StanceCue
from .context import ArticleContext, Resources, stage

PRAISE_CODES = ("051",)  # praise or endorse
BLAME_ROOTS = ("11",)  # criticize, accuse, condemn
EVENT_CUE_SCORE = 0.5  # reported praise or blame weighs less than the article's own words


class StanceLexicon:
    def __init__(self, terms: list[StanceTerm]):
        self.scores = {t.term: t.score for t in terms}
        # Longest first, so "democratically elected" wins over "elected".
        alternatives = "|".join(re.escape(t) for t in sorted(self.scores, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> "StanceLexicon":
        return cls(load_entries(data_dir / "stance.json", "terms", StanceTerm))

    def cues_in(self, doc: Doc, start: int, end: int) -> list[StanceCue]:
        """Evaluative terms in the character range [start, end) of ``doc``."""
        text = fold(doc.text[start:end])
        # fold() keeps the length of ASCII text; for other scripts offsets are approximate.
        return [
            StanceCue(doc.text[start + m.start(): start + m.end()], start + m.start(), start + m.end(), "label",
                      self.scores[m.group(1)])
            for m in self.pattern.finditer(text)
        ]


def _description_ranges(doc: Doc, mention: ActorMention) -> list[tuple[int, int]]:
    """Where an article describes the actor: its own noun phrase, appositions, and copular predicates."""
    head = doc[mention.head]
    ranges = [(doc[head.left_edge.i].idx, mention.end)]
    if head.dep_ in ("appos", "compound") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        governor = head.head  # "the putschist Khalifa Haftar": the name is in apposition to the label
        ranges.append((doc[governor.left_edge.i].idx, governor.idx + len(governor)))
    for child in head.children:
        if child.dep_ in ("appos", "acl", "amod") and child.i > head.i:
            ranges.append((doc[child.left_edge.i].idx, doc[child.right_edge.i].idx + len(doc[child.right_edge.i])))
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        for attr in (c for c in head.head.children if c.dep_ in ("attr", "acomp")):
            ranges.append((doc[attr.left_edge.i].idx, doc[attr.right_edge.i].idx + len(doc[attr.right_edge.i])))
    return ranges


def _key(actor: ActorMention) -> str:
    return actor.actor_id or actor.code


def article_stance(doc: Doc, mentions: list[ActorMention], events: list[Event], lexicon: StanceLexicon) -> list[ActorStance]:
    found: dict[str, ActorStance] = {}
    seen: set[tuple[str, int]] = set()

    def add(actor: ActorMention, cue: StanceCue) -> None:
        key = _key(actor)
        if (key, cue.start) in seen:
            return
        seen.add((key, cue.start))
        entry = found.setdefault(key, ActorStance(key, actor.code, actor.text, 0.0))
        entry.cues.append(cue)

    for mention in mentions:
        if mention.kind == "coref":
            continue
        for start, end in _description_ranges(doc, mention):
            for cue in lexicon.cues_in(doc, start, end):
                add(mention, cue)
    for event in events:
        if event.target is None or event.status in ("negated", "hypothetical"):
            continue
        if event.cameo in PRAISE_CODES:
            add(event.target, StanceCue(event.trigger.text, event.trigger.start, event.trigger.end, "praise", EVENT_CUE_SCORE))
        elif event.cameo.startswith(BLAME_ROOTS):
            add(event.target, StanceCue(event.trigger.text, event.trigger.start, event.trigger.end, "blame", -EVENT_CUE_SCORE))
    for entry in found.values():
        entry.score = round(max(-1.0, min(1.0, sum(c.score for c in entry.cues) / len(entry.cues))), 3)
        entry.cues.sort(key=lambda c: c.start)
    return sorted(found.values(), key=lambda s: (s.score, s.actor_key))


@stage("stance")
def stance_stage(res: Resources, ctx: ArticleContext) -> None:
    """How the article frames each actor, from its own words and the praise or blame it reports."""
    ctx.result.stance = article_stance(ctx.doc, ctx.result.mentions, ctx.result.events, res.stance_lexicon)
