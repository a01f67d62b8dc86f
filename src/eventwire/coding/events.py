"""The events stage: one row per trigger and actor pair, with its code, confidence and rule trail.

Triggers come from ``triggers``, roles from ``roles``; of rows with the same source and type in
a sentence, the most specific pattern is kept, and a row with a target subsumes one without.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..knowledge.kb import fold
from ..knowledge.ontology import Ontology
from ..model import ActorMention, Event, Trigger, event_id
from .context import ArticleContext, Resources, stage
from .mentions import MentionIndex
from .roles import Roles, means_of_force, noun_roles, pairs, says_each_other, topic_of_speech, verb_roles
from .syntax import is_passive
from .triggers import Candidate, find_candidates

# Verbal roots whose object names what is spoken of: comment, appeal, praise, demand, accuse, reject.
SPEECH_ROOTS = ("01", "02", "05", "10", "11", "12")
# Metonyms ("Tripoli", "Moscow") are places, not actors, when they are the object of force;
# aid sent to "Kyiv" still goes to the government.
MATERIAL_QUADS = (4,)


# A deployment done to back a side is coded as the military aid it is (CAMEO 074, PLOVER AID).
DEPLOYMENT_ROOT = "15"
MILITARY_AID_CODE = "074"
# Verbs of backing a side, and the sectors that make the backing material.
BACKING_VERBS = {"back", "support", "arm", "sponsor"}
ARMED_SECTORS = {"REB", "MIL"}
MILITARY_AID_CODE_GIVEN = "072"
# A strike by workers, doctors, teachers or students is a walkout (143), not a military strike.
LABOUR_SECTORS = {"LAB", "HLH", "EDU", "CVL", "ACT", "BUS", "AGR"}
LABOUR_STRIKE_CODE = "143"
# An ultimatum to leave (139) given to a foreign envoy is the envoy's expulsion (166, SANCTION).
ULTIMATUM_CODE, EXPULSION_CODE = "139", "166"
ENVOY_WORDS = {"ambassador", "envoy", "diplomat", "diplomats", "chargé", "charge", "consul", "attaché", "attache"}


def _is_envoy(actor: ActorMention) -> bool:
    return any(fold(word) in ENVOY_WORDS for word in actor.text.split())


def _last_pair(coded: list[tuple[Event, Token]]) -> tuple[ActorMention, ActorMention] | None:
    """The two parties of the latest reciprocal act coded so far: rows of one trigger whose source
    and target swap ("Israel and Hamas agreed to a truce")."""
    for event, _ in reversed(coded):
        if event.source is None or event.target is None:
            continue
        for other, _ in coded:
            if other.trigger.start == event.trigger.start and other.source is not None and other.target is not None \
                    and other.source.code == event.target.code and other.target.code == event.source.code:
                return event.source, event.target
    return None


def _both_sides(actor: ActorMention) -> bool:
    """An agent mention that reads "both sides", "the two sides", "the two parties"."""
    words = {w.lower() for w in actor.text.split()}
    return actor.kind == "agent" and bool(words & {"both", "two"}) and bool(words & {"sides", "parties", "factions"})


class EventCoder:
    """Codes the events of one parsed article; one instance serves every article."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology

    def code(self, doc: Doc, mentions: MentionIndex, article_id: str, text_hash: str) -> list[tuple[Event, Token]]:
        coded: list[tuple[Event, Token]] = []
        for s_index, sent in enumerate(doc.sents):
            coded.extend(self._code_sentence(sent, s_index, mentions, article_id, text_hash, coded))
        return coded

    def _code_sentence(self, sent: Span, s_index: int, mentions: MentionIndex, article_id: str, text_hash: str,
                       earlier: list[tuple[Event, Token]] = ()):
        best: dict[tuple[str | None, str | None, str], tuple[Event, Token, int]] = {}
        candidates = find_candidates(self.ontology, sent)
        verb_triggers = {c.trigger.i for c in candidates if not c.is_noun}
        verbal_triggers = {c.trigger.i for c in candidates if not c.is_noun and c.pattern.code[:2] in SPEECH_ROOTS}
        for cand in candidates:
            info = self.ontology.code(cand.pattern.code)
            roles = noun_roles(cand, mentions, verb_triggers) if cand.is_noun else verb_roles(cand, mentions)
            pair = _last_pair(earlier) if len(roles.sources) == 1 and _both_sides(roles.sources[0]) else None
            if pair is not None:
                # "Both sides will evacuate the front lines": the two parties of the article's last
                # reciprocal act, not the scene's government
                said = roles.sources[0]
                roles.sources = [replace(side, text=said.text, start=said.start, end=said.end, token_start=said.token_start,
                                         token_end=said.token_end, head=said.head, sentence_index=said.sentence_index,
                                         kind="coref", rule=f"'{said.text}' = {side.text}, a party of the last reciprocal act")
                                 for side in pair]
                roles.mutual = roles.mutual or not roles.targets and says_each_other(cand.trigger)
                roles.how.append(f"source = both sides of the last reciprocal act ({pair[0].code}, {pair[1].code})")
            if roles.backs and info.code.startswith(DEPLOYMENT_ROOT):
                info = self.ontology.code(MILITARY_AID_CODE)  # troops sent to back a side are military aid to it
            places_hit = [t for t in roles.targets if t.kind == "metonym" and info.quad_class in MATERIAL_QUADS]
            roles.targets = [t for t in roles.targets if t not in places_hit]
            # "Rockets struck central Tripoli": force whose means is the subject, on a place, is an
            # event with no named agent; the where stage aims it at the side or country of the place.
            force_on_a_place = bool(places_hit) and not roles.sources and means_of_force(cand, info.code)
            if not roles.sources and not force_on_a_place and not (
                    roles.targets and (is_passive(cand.trigger) or means_of_force(cand, info.code))):
                continue  # only a passive clause, or force with its means as the subject, may leave its agent unsaid
            if cand.is_noun and not roles.sources:
                continue  # an event noun with no agent is usually a topic, not an event
            if cand.is_noun and topic_of_speech(cand.trigger, verbal_triggers):
                continue  # "China denounced the US arms sale": what a statement is about
            base = info
            for source, target in pairs(cand.pattern, roles):
                trigger = cand.trigger
                info, recoded_because = self._code_of_the_pair(base, cand, source, target)
                event = Event(
                    article_id=article_id,
                    event_id=event_id(text_hash, s_index, trigger.idx, source, target, info.code),
                    sentence_index=s_index,
                    sentence=sent.text.strip(),
                    source=source,
                    target=target,
                    cameo=info.code,
                    cameo_root=info.code[:2],
                    plover=info.plover,
                    plover_mode=info.plover_mode,
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    trigger=Trigger(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
                    confidence=_confidence(cand, source, target),
                    rule=_describe(cand, roles),
                )
                key = (source.code if source else None, target.code if target else None, info.plover)
                if recoded_because:
                    event.rule += f"; {base.code} -> {info.code} ({recoded_because})"
                rank = cand.specificity * 10 + len(info.code)
                if key not in best or rank > best[key][2]:
                    best[key] = (event, trigger, rank)
        # A row with an empty target is subsumed by a row of the same source and type
        # that has one: "made gains against X and captured Y" is one event against X.
        with_target = {(s, p) for s, t, p in best if t is not None}
        kept = [v for (s, t, p), v in best.items() if t is not None or (s, p) not in with_target]
        return [(event, trigger) for event, trigger, _ in sorted(kept, key=lambda v: (v[0].trigger.start, v[0].event_id))]

    def _code_of_the_pair(self, info, cand: Candidate, source: ActorMention | None, target: ActorMention | None):
        """The code for one source-target pair, when its parties change what the act is, and why:
        backing an armed side, or backing "militarily", is military aid (072), not the endorsement
        (051) the verb alone would be ("Haftar is backed by Egypt"); a strike by workers is a
        walkout (143); an ultimatum to leave given to an envoy is the envoy's expulsion (166)."""
        lemma = fold(cand.trigger.lemma_)
        if info.code.startswith("05") and not cand.is_noun and lemma in BACKING_VERBS:
            militarily = any(c.dep_ == "advmod" and c.lower_ == "militarily" for c in cand.trigger.children)
            if militarily or (target is not None and target.sector in ARMED_SECTORS):
                return self.ontology.code(MILITARY_AID_CODE_GIVEN), "backing an armed side is military aid"
        if cand.is_noun and lemma == "strike" and source is not None and source.sector in LABOUR_SECTORS:
            return self.ontology.code(LABOUR_STRIKE_CODE), "a strike by workers is a walkout, not an attack"
        if info.code == ULTIMATUM_CODE and target is not None and _is_envoy(target):
            return self.ontology.code(EXPULSION_CODE), "an envoy given hours to leave is expelled"
        return info, ""


@stage("events")
def events_stage(res: Resources, ctx: ArticleContext) -> None:
    """Code every sentence's events; the triggers stay beside them for the later stages."""
    assert ctx.mentions is not None, "the events stage needs the actors stage"
    coded = res.coder.code(ctx.doc, ctx.mentions, ctx.article.article_id, ctx.article.content_hash)
    ctx.result.events = [event for event, _ in coded]
    ctx.triggers = [trigger for _, trigger in coded]


def _confidence(cand: Candidate, source: ActorMention | None, target: ActorMention | None) -> float:
    """Monotone in support: pattern specificity, filled roles, and how the actors were found."""
    score = 0.35 + 0.05 * min(cand.specificity, 5)
    score += 0.2 if source else 0.0
    score += 0.15 if target else 0.0
    for actor in (source, target):
        if actor is not None and actor.kind == "coref":
            score -= 0.1
        if actor is not None and actor.provisional:
            score -= 0.15  # its code is inferred from context, not read from the knowledge base
    if cand.is_noun:
        score -= 0.05
    return round(max(0.05, min(score, 0.95)), 2)


def _describe(cand: Candidate, roles: Roles) -> str:
    p = cand.pattern
    head = f"verb '{p.lemma}'" if p.lemma else f"noun '{p.noun}'"
    parts = [head]
    if p.particle:
        parts.append(f"particle '{p.particle}'")
    if p.prep:
        parts.append(f"prep '{p.prep}'")
    if p.objects:
        parts.append("object in " + "/".join(p.objects[:4]) + ("..." if len(p.objects) > 4 else ""))
    if p.complements:
        parts.append("complement in " + "/".join(p.complements[:4]) + ("..." if len(p.complements) > 4 else ""))
    if p.subjects:
        parts.append("subject in " + "/".join(p.subjects[:4]) + ("..." if len(p.subjects) > 4 else ""))
    if p.modifiers:
        parts.append("modifier in " + "/".join(p.modifiers[:4]))
    return f"{' + '.join(parts)} -> {p.code}; " + "; ".join(roles.how)
