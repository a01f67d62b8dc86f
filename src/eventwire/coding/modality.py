"""The modality stage: decide whether an event is asserted, attributed, rumored, intended,
hypothetical or negated, and who it is attributed to; then apply the codebook's recodes.

Cues come from the trigger's clause and the clauses that govern it. The recodes are named
conventions below: intended and refused acts, conditional threats, and the reporting act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .amend import recode, retarget
from .context import ArticleContext, Resources, stage

from ..knowledge.kb import fold
from ..knowledge.words import word_class
from ..model import ActorMention, Event, Trigger, event_id
from .mentions import MentionIndex

if TYPE_CHECKING:
    from ..knowledge.ontology import Ontology

REPORTING_VERBS = word_class("reporting_verbs")
RUMOR_ADVERBS = word_class("rumor_adverbs")
RUMOR_GOVERNORS = word_class("rumor_governors")
RUMOR_NOUNS = word_class("rumor_nouns")
INTENT_GOVERNORS = word_class("intent_governors")
INTENT_ADJECTIVES = word_class("intent_adjectives")
NEGATING_GOVERNORS = word_class("negating_governors")
# Governors whose negation is a refusal ("refused to", "failed to") rather than a denial of fact.
REFUSING_GOVERNORS = word_class("refusing_governors")
NORMATIVE_GOVERNORS = {"ought", "need", "have"}  # "ought to", "needs to", "has to"
# Verbs that, coded on themselves with an infinitive, stand for the act promised or planned.
PROMISING_VERBS = word_class("promising_verbs")
COMMITTING_GOVERNORS = word_class("committing_governors")
# CAMEO quad classes of cooperation (verbal, material).
COOPERATIVE_QUADS = (1, 2)
# Verbs of a collective decision: what is decided keeps its own type, with status intent.
DECIDING_VERBS = word_class("deciding_verbs")
INTENT_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"might", "could", "would", "may", "can"}
NORMATIVE_AUX = {"should", "must", "ought"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}


def clause_chain(trigger: Token) -> list[Token]:
    """The trigger's clause head and every clause head above it, nearest first."""
    head = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
    chain = [head]
    while head.head.i != head.i and len(chain) < 8:
        coordinated = head.dep_ == "conj"
        head = head.head
        # A first conjunct is a sibling, not a governor: in "denied X and threatened Y"
        # the threat is not denied. Climb on to the governor the conjuncts share.
        if not coordinated and head.pos_ in ("VERB", "AUX"):
            chain.append(head)
    return chain


def decide_status(trigger: Token, mentions: MentionIndex, allow_negation: bool = True,
                  allow_condition: bool = True) -> tuple[str, ActorMention | None, str]:
    """Return (status, attributed_to, reason) for the event whose trigger is ``trigger``.

    With ``allow_negation`` false, negation cues are skipped: used once a refused act has
    been recoded as the rejection, which is itself asserted or attributed. With
    ``allow_condition`` false, a condition the act depends on is skipped: used once a
    conditioned act has been recoded as the threat it makes.
    """
    chain = clause_chain(trigger)
    own = chain[0]
    sent = trigger.sent

    def aux_of(verb: Token) -> set[str]:
        return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}

    # Negation binds to the trigger's own clause, or to a governor that denies it.
    for verb in (trigger, own) if allow_negation else ():
        if any(c.dep_ == "neg" for c in verb.children) or any(c.lower_ == "no" and c.dep_ == "det" for c in verb.children):
            return "negated", None, f"negation on '{verb.text}'"
        # "No Israeli jets attacked": a subject quantified by "no".
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            if any(d.dep_ == "det" and d.lower_ == "no" for d in subject.children):
                return "negated", None, f"'no' on the subject '{subject.text}'"
    # A condition inside a refusal is not refused: "refused to free him unless Israel releases ...".
    conditional_clause = any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in own.children)
    for verb in chain[1:3] if allow_negation and not conditional_clause else ():
        if fold(verb.lemma_) in NEGATING_GOVERNORS:
            return "negated", None, f"governed by '{verb.text}'"
        if verb.lemma_ == "stop" and any(c.lower_ == "short" for c in verb.children):
            return "negated", None, f"'{verb.text} short of'"
        if verb.lemma_ == "have" and any(c.lower_ == "yet" for c in verb.children):
            return "negated", None, "'has yet to'"
    own_aux = aux_of(own)
    if sent.text.rstrip().endswith("?"):
        return "hypothetical", None, "question"
    for verb in chain:
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if marks & CONDITIONAL_MARKS:
            return "hypothetical", None, f"conditional '{(marks & CONDITIONAL_MARKS).pop()}'"
    # "Unless Iran stops, Israel will strike": the consequence of a condition.
    for clause in (c for c in own.children if c.dep_ == "advcl") if allow_condition else ():
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"} & CONDITIONAL_MARKS
        if marks:
            return "hypothetical", None, f"consequence of a condition ('{marks.pop()}')"
    if own_aux & NORMATIVE_AUX:
        return "hypothetical", None, f"normative '{(own_aux & NORMATIVE_AUX).pop()}'"
    if own.dep_ == "xcomp" and fold(own.head.lemma_) in NORMATIVE_GOVERNORS:
        return "hypothetical", None, f"normative '{own.head.text} to'"
    if "would" in own_aux and own.dep_ == "ccomp" and fold(own.head.lemma_) in REPORTING_VERBS | {"announce", "vow", "promise", "pledge"}:
        own_aux = (own_aux - {"would"}) | {"will"}  # "said it would ...": a reported future, not a hypothesis
    if own_aux & HYPOTHETICAL_AUX:
        return "hypothetical", None, f"modal '{(own_aux & HYPOTHETICAL_AUX).pop()}'"
    for verb in chain[:3]:
        adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"} & RUMOR_ADVERBS
        if adverbs:
            return "rumor", None, f"hedge '{adverbs.pop()}'"
        if fold(verb.lemma_) in RUMOR_GOVERNORS and verb.i != trigger.i:
            return "rumor", None, f"hedged by '{verb.text}'"
        if verb.lemma_ == "say" and any(c.dep_ == "expl" or (c.dep_ == "nsubjpass" and c.lower_ == "it") for c in verb.children):
            return "rumor", None, "'it is said'"
    for ancestor in trigger.ancestors:
        if fold(ancestor.lemma_) in RUMOR_NOUNS:
            return "rumor", None, f"inside '{ancestor.text}'"
    intention = _intention(trigger, own, own_aux, chain)
    if intention:
        return "intent", None, intention
    verb = reporting_verb(trigger, chain)
    if verb is not None:
        speaker = speaker_of(verb, mentions)
        who = speaker.text if speaker else "an unnamed source"
        return "attributed", speaker, f"reported by {who} ('{verb.text}')"
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            pobjs = [c for c in token.nbor().children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
            speaker = next((m for p in pobjs for m in mentions.at(p)), None)
            return "attributed", speaker, "'according to'"
    return "asserted", None, "stated as fact"


def _intention(trigger: Token, own: Token, own_aux: set[str], chain: list[Token]) -> str:
    """Why the event is only intended, or "" when it is not."""
    if own_aux & INTENT_AUX or _going_to(own):
        return "future tense"
    described = own.dep_ == "acl" and own.tag_ == "VBN"  # "a ceasefire brokered by Washington": done
    for verb in chain[1:3] if not described else ():
        # The governor, never the trigger: "promised aid" is an asserted promise.
        if fold(verb.lemma_) in INTENT_GOVERNORS and verb.i != trigger.i:
            return f"intention '{verb.text}'"
    # "vowed to punish", coded on "vowed" itself: the row stands for the vowed act.
    if fold(trigger.lemma_) in PROMISING_VERBS and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in trigger.children):
        return f"intention '{trigger.text} to'"
    # "Italy is willing to send ships": an adjective of readiness governs the clause.
    if own.dep_ == "xcomp" and own.head.pos_ == "ADJ" and fold(own.head.lemma_) in INTENT_ADJECTIVES:
        return f"intention '{own.head.text}'"
    return ""


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.dep_ == "aux" for c in head.children)


def is_refusal(trigger: Token) -> bool:
    """A negated act that amounts to refusing it: "refused to meet", "failed to agree", "would not meet"."""
    chain = clause_chain(trigger)
    if any(fold(v.lemma_) in REFUSING_GOVERNORS for v in chain[1:3]):
        return True
    own = chain[0]
    return any(c.dep_ == "neg" for c in own.children) and bool(
        {c.lower_ for c in own.children if c.dep_ == "aux"} & {"will", "would", "wo", "'ll"})


def reporting_verb(trigger: Token, chain: list[Token] | None = None) -> Token | None:
    """The verb of saying that governs the trigger's clause ("officials said ..."), if any."""
    for verb in (chain or clause_chain(trigger))[1:]:
        if fold(verb.lemma_) in REPORTING_VERBS:
            return verb
    return None


def speaker_of(verb: Token, mentions: MentionIndex) -> ActorMention | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = mentions.at(child)
            if found:
                return found[0]
    return None


def condition_mark(reason: str) -> str | None:
    """The conditional word of a "consequence of a condition" status reason, if that is the reason."""
    prefix = "consequence of a condition ('"
    return reason[len(prefix):].rstrip("')") if reason.startswith(prefix) else None


def condition_party(trigger: Token, event: Event, mentions: MentionIndex) -> ActorMention | None:
    """The actor whose conduct an "unless"/"if" clause on the event's clauses names, if another party."""
    verbs = clause_chain(trigger)[:3]
    verbs += [c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]  # "threatened to storm X unless ..."
    for subject in _condition_subjects(verbs, ("unless", "if")):
        found = [m for m in mentions.at(subject) if event.source is None or m.code != event.source.code]
        if found:
            return found[0]
    return None


def _condition_subjects(verbs: list[Token], marks: tuple[str, ...]):
    """The subjects of the conditional clauses ("if", "unless") that hang on ``verbs``."""
    for verb in verbs:
        for clause in (c for c in verb.children if c.dep_ == "advcl" and any(m.lower_ in marks for m in c.children)):
            yield from (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))


def conditional_threat(ontology: Ontology, event: Event, trigger: Token, mark: str | None,
                        mentions: MentionIndex) -> str | None:
    """The threat code for an act made conditional, or None when the condition makes no threat.

    A threat commits its maker: "will"/"would", never "could" or "may" (speculation). With
    "unless", conflict and withdrawals become threats; with "if", only conflict, and only when
    the condition is another party's conduct ("if Tehran supplies missiles") or the actor
    states it itself ("Iran said it would close the strait if ..."); "would attack if talks
    failed" stays a hypothesis.
    """
    if mark not in ("unless", "if"):
        return None
    own = clause_chain(trigger)[0]
    if not {c.lower_ for c in own.children if c.dep_ == "aux"} & (INTENT_AUX | {"would"}):
        return None
    harmful = event.quad_class in (3, 4) or (mark == "unless" and event.cameo.startswith("087"))
    if not harmful:
        return None
    if mark == "if" and not (_conduct_of_another(own, event, mentions) or _stated_by_source(trigger, event, mentions)):
        return None
    if event.cameo_root == "13":
        return event.cameo
    code = ontology.intended(event.cameo)
    return code if code and code.startswith("13") else "130"


def _conduct_of_another(own: Token, event: Event, mentions: MentionIndex) -> bool:
    """Whether an "if" clause on ``own`` has another party, or a pronoun for one, as its subject."""
    for subject in _condition_subjects([own], ("if",)):
        if subject.lower_ in ("it", "they"):
            return True
        if any(event.source is None or m.code != event.source.code for m in mentions.at(subject)):
            return True
    return False


def _stated_by_source(trigger: Token, event: Event, mentions: MentionIndex) -> bool:
    verb = reporting_verb(trigger)
    speaker = speaker_of(verb, mentions) if verb is not None else None
    return speaker is not None and event.source is not None and speaker.code == event.source.code


# ------------------------------------------------------------------ the stage and its conventions
# CAMEO "make a public statement": the reporting act behind an attributed event.
STATEMENT_CODE = "010"
Decision = tuple[str, "ActorMention | None", str]  # (status, attributed_to, reason)


@stage("modality")
def modality_stage(res: Resources, ctx: ArticleContext) -> None:
    """Each event's status, attribution and reason, then the recodes the status calls for."""
    assert ctx.mentions is not None, "the modality stage needs the actors stage"
    mentions, text_hash = ctx.mentions, ctx.article.content_hash
    for event, trigger in zip(ctx.result.events, ctx.triggers):
        decision = decide_status(trigger, mentions)
        decision = conditional_acts(res.ontology, event, trigger, decision, mentions, text_hash)
        decision = intended_and_refused_acts(res.ontology, event, trigger, decision, mentions, text_hash)
        decision = verbal_act_stated_by_its_source(event, decision)
        aim_at_the_condition_party(event, trigger, mentions, text_hash)
        event.status, event.attributed_to, event.status_reason = decision  # type: ignore[assignment]
    add_reporting_acts(res.ontology, ctx)


def conditional_acts(ontology: Ontology, event: Event, trigger: Token, decision: Decision,
                     mentions: MentionIndex, text_hash: str) -> Decision:
    """CAMEO 13x: a harm made conditional on the other side's conduct is a threat, and the threat is
    made now ("will withdraw its force unless ...", "will strike if Tehran ..."). A refusal made on a
    condition ("refused to free him unless Israel releases prisoners") is itself made now."""
    status, speaker, reason = decision
    mark = condition_mark(reason)
    threat = conditional_threat(ontology, event, trigger, mark, mentions) if status == "hypothetical" else None
    if status == "hypothetical" and event.cameo_root == "12" and mark == "unless":
        status, speaker, reason = decide_status(trigger, mentions, allow_condition=False)
    if threat is not None:
        event.rule += f"; {event.cameo} on condition -> threat {threat} ({reason})"
        recode(event, ontology.code(threat), text_hash)
        status, speaker, reason = decide_status(trigger, mentions, allow_condition=False)
        if status in ("intent", "hypothetical"):
            status, speaker, reason = "asserted", None, f"a conditional threat ({reason})"
    return status, speaker, reason


def intended_and_refused_acts(ontology: Ontology, event: Event, trigger: Token, decision: Decision,
                              mentions: MentionIndex, text_hash: str) -> Decision:
    """CAMEO and PLOVER code a promised or planned act as the intent to do it (03x, 13x): the row
    keeps status "intent". A cooperative act only planned or told in the future tense ("talks will
    resume", "hostages will be released") keeps its own type; so does a planned act with no source. A cooperative act explicitly not done is a rejection (12x), and that
    rejection is itself asserted or attributed."""
    status, speaker, reason = decision
    if status == "intent" and event.quad_class in COOPERATIVE_QUADS and not _committed(trigger):
        pass  # "talks will resume", "hostages will be released": the act itself, only intended
    elif status == "intent" and event.source is None:
        pass  # "he would be detained for 48 hours": a planned act with no one to threaten it
    elif status == "intent" and event.quad_class not in COOPERATIVE_QUADS and trigger.dep_ == "xcomp" \
            and fold(trigger.head.lemma_) in DECIDING_VERBS:
        pass  # "agreed to impose sanctions": the sanction, decided, not a threat of one
    elif status == "intent":
        recoded = ontology.intended(event.cameo)
        if recoded is not None:
            event.rule += f"; intended {event.cameo} -> {recoded} ({reason})"
            recode(event, ontology.code(recoded), text_hash)
    elif status == "negated" and is_refusal(trigger):
        recoded = ontology.refused(event.cameo)
        if recoded is not None:
            event.rule += f"; refused {event.cameo} -> {recoded} ({reason})"
            recode(event, ontology.code(recoded), text_hash)
            status, speaker, reason = decide_status(trigger, mentions, allow_negation=False)
    return status, speaker, reason


def _committed(trigger: Token) -> bool:
    """Whether the act's party commits itself to it: "pledged to send aid", "agreed to hold talks",
    a promise coded on the promising verb itself ("vowed to retaliate"), or stated readiness
    ("is willing to send troops": PLOVER's AGREE covers indicated willingness). A plain future,
    even in the party's own words ("said it would deposit $1 billion"), is the act, intended: the
    news gold codes it so, where the PLOVER gold standard would say AGREE."""
    if fold(trigger.lemma_) in COMMITTING_GOVERNORS | PROMISING_VERBS:
        return True
    # "Italy is willing to send peacekeepers": stated readiness is an offer (PLOVER AGREE).
    if trigger.dep_ == "xcomp" and trigger.head.pos_ == "ADJ" and fold(trigger.head.lemma_) in INTENT_ADJECTIVES:
        return True
    governors = [a for a in list(trigger.ancestors)[:3] if a.pos_ in ("VERB", "AUX")]
    return any(fold(a.lemma_) in COMMITTING_GOVERNORS for a in governors)


def verbal_act_stated_by_its_source(event: Event, decision: Decision) -> Decision:
    """A verbal act reported by its own source is that act, asserted: "Egypt said it would expel ..."
    is Egypt's threat, not a report of one (CAMEO codes the statement's content)."""
    status, speaker, reason = decision
    verbal = event.quad_class in (1, 3)
    if status == "attributed" and verbal and speaker is not None and event.source is not None \
            and speaker.code == event.source.code:
        return "asserted", None, f"verbal act stated by its source ({reason})"
    return decision


def aim_at_the_condition_party(event: Event, trigger: Token, mentions: MentionIndex, text_hash: str) -> None:
    """A threat or a conditional refusal is aimed at the party whose conduct its condition names
    ("will storm Mariupol unless Ukrainian troops withdraw" -> UKRMIL)."""
    if event.cameo_root not in ("12", "13"):
        return
    party = condition_party(trigger, event, mentions)
    if party is not None and (event.target is None or event.target.code != party.code):
        retarget(event, party, f"the subject of the condition ({party.text})", text_hash)


def add_reporting_acts(ontology: Ontology, ctx: ArticleContext) -> None:
    """The reporting act behind an attributed event is an event too: CAMEO 010, its speaker the source.
    One per reporting verb; the rows stay in sentence and trigger order."""
    taken = {t.i for t in ctx.triggers}
    info = ontology.code(STATEMENT_CODE)
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
