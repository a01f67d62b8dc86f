"""Roles: the source and target of each trigger, read from the dependency parse.

Subject or passive agent is the source; object, a governed preposition, a complement's
object or an object's owner is the target, tried in that order. Roles without an actor stay empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..knowledge.kb import fold
from ..knowledge.schema import VerbPattern
from ..knowledge.words import word_class
from ..model import ActorMention, Event, Place
from .amend import retarget
from .mentions import MentionIndex
from .syntax import adverbial_infinitives, is_passive, is_to_infinitive, prep_objects, verb_subject
from .triggers import Candidate

# Prepositions whose object is a plausible target when the pattern names none.
TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "upon", "into", "behind")
NOUN_TARGET_PREPS = ("to", "for", "against", "on", "with", "toward", "towards", "of", "behind")
# Prepositions by which a verb joins an event noun: "converged for a rally", "took part in a strike",
# "spoke at a joint press conference".
PARTICIPATION_PREPS = {"for", "in", "at"}
QUANTITY_HEADS = word_class("quantity_heads")
JOINT_EVENT_NOUNS = word_class("joint_event_nouns")
# Nouns for people that are an act only as a predicate: "X has been a supporter of Y".
PREDICATE_EVENT_NOUNS = {"supporter", "backer"}
# Roots of acts that give or join (consult, support, cooperate, aid), whose "from" names the giver.
GIVING_ROOTS = ("03", "04", "05", "06", "07")
# Roots of coercion and force, whose purpose clause may name their target.
FORCE_ROOTS = ("17", "18", "19", "20")
SPAN_HEADS = word_class("span_heads")
FORCE_MEANS = word_class("force_means")
RELATIONAL_NOUNS = word_class("relational_nouns")
MODIFIER_TARGET_PREPS = ("against", "on", "to", "toward", "towards", "upon", "into")
# Prepositions after a verb's object that name the party it concerns: "calls by Annan", "an offer from Kabul",
# "positions of the army", "a meeting with Obama", "sanctions on Iran".
OWNER_PREPS = ("by", "from", "of", "with", "on", "against", "to", "for", "over", "about")
# CAMEO roots whose target may be the subject of a that-clause: appeals (02), demands (10), threats (13).
CLAUSE_TARGET_ROOTS = ("02", "10", "13")
# Codes whose passive subject is the side acting: forces deployed (15) or withdrawn (087).
SELF_MOVING_CODES = ("15", "087")
COOPERATIVE_ROOTS = ("02", "03", "05", "06", "07", "08")
# Roots of acts that may be done for a side: cooperation (06), aid (07) and deployment (15).
PURPOSE_ROOTS = ("06", "07", "15")
SUPPORT_VERBS = word_class("support_verbs")
SUPPORT_NOUNS = {"support", "aid", "defence", "defense", "behalf", "backing"}
# Roots where "from" names an origin or a giver, not the party acted upon: visits and
# meetings (04), aid received (07), statements (01).
FROM_IS_NOT_TARGET = ("01", "04", "07")


@dataclass(slots=True)
class Roles:
    sources: list[ActorMention]
    targets: list[ActorMention]
    how: list[str]
    backs: bool = False  # the target came from a purpose of support: a deployment is then aid
    among: bool = False  # "the two rival factions signed": a reciprocal act among the sides of one source
    mutual: bool = False  # "refused to meet with each other": the sources act on one another


def pairs(pattern: VerbPattern, roles: Roles) -> list[tuple[ActorMention | None, ActorMention | None]]:
    """Source-target pairs of one trigger; an actor never targets itself."""
    sources = roles.sources or [None]
    if roles.among:
        return [(s, s) for s in roles.sources]
    if (pattern.reciprocal or roles.mutual) and not roles.targets and len({s.code for s in roles.sources}) > 1:
        return [(s, t) for s in roles.sources for t in roles.sources if s.code != t.code]
    pairs = []
    for source in sources:
        for target in roles.targets or [None]:
            if source is not None and target is not None and source.code == target.code:
                target = None
            pairs.append((source, target))
    return pairs


def actors_at(token: Token, mentions: MentionIndex) -> list[ActorMention]:
    """Actors filling a role headed by ``token``, including coordinated ones."""
    found = list(mentions.at(token))
    if not found and (token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM"):
        # "Thousands of Georgian protesters rallied": the role is filled by what is counted.
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found.extend(mentions.at(pobj))
                found.extend(m for conj in pobj.conjuncts for m in mentions.at(conj))
    for conj in token.conjuncts:
        found.extend(mentions.at(conj))
    unique: dict[tuple[str, int], ActorMention] = {}
    for m in found:
        unique.setdefault((m.code, m.start), m)
    return list(unique.values())


def topic_of_speech(noun: Token, verbal_triggers: set[int]) -> bool:
    """Whether an event noun is the object of a statement, accusation, demand or rejection."""
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for", "over", "about", "on") else noun.head
    return noun.dep_ in ("dobj", "pobj") and head.i in verbal_triggers


def means_of_force(cand: Candidate, code: str) -> bool:
    """ "A car bomb killed five soldiers": force whose subject is its means has an unknown agent."""
    if cand.is_noun or code[:2] not in ("18", "19", "20"):
        return False
    subjects = [c for c in cand.trigger.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(fold(s.lemma_) in FORCE_MEANS for s in subjects)


def verb_roles(cand: Candidate, mentions: MentionIndex) -> Roles:
    verb, pattern = cand.trigger, cand.pattern
    how: list[str] = []
    sources: list[ActorMention] = []
    targets: list[ActorMention] = []
    passive = is_passive(verb)
    subject_tokens, why = verb_subject(verb)
    if pattern.source_prep:
        givers = [m for _, pobj in prep_objects(verb, (pattern.source_prep,)) for m in actors_at(pobj, mentions)]
        receivers = [m for token in subject_tokens for m in actors_at(token, mentions)]
        if passive and not receivers:
            # "the US envoy was summoned to the Russian Foreign Ministry": the one summoned
            receivers = [m for c in verb.children if c.dep_ == "nsubjpass" for m in actors_at(c, mentions)]
            why = "passive subject"
        if givers:
            how.append(f"source = object of '{pattern.source_prep}'" + (f"; target = {why}" if receivers else ""))
        return Roles(givers, receivers if givers else [], how)
    for token in subject_tokens:
        sources.extend(actors_at(token, mentions))
    if sources:
        how.append(f"source = {why}")
    elif passive and pattern.code.startswith(SELF_MOVING_CODES):
        # "Soviet paratroopers were deployed in Lithuania": forces moved are their side's act.
        sources = [m for c in verb.children if c.dep_ == "nsubjpass" for m in actors_at(c, mentions)]
        if sources:
            how.append("source = the forces moved (passive subject)")
            return Roles(sources, [], how)
    if pattern.code[:2] in PURPOSE_ROOTS:
        backed, rule = purpose_of_support(verb, mentions)
        if backed:
            how.append(rule)
            return Roles(sources, backed, how, backs=True)
    if pattern.target == "prep":
        for _, pobj in prep_objects(verb, (pattern.prep or "",)):
            targets.extend(actors_at(pobj, mentions))
        if targets:
            how.append(f"target = object of '{pattern.prep}'")
        elif not passive:
            # "warned Turkey of sanctions": the preposition names the matter, the object whom it concerns.
            targets = [m for c in verb.children if c.dep_ in ("dobj", "dative") for m in actors_at(c, mentions)]
            if targets:
                how.append(f"target = object (the object of '{pattern.prep}' is no actor)")
    elif pattern.target == "object":
        object_deps = ("nsubjpass",) if passive else ("dobj", "dative", "iobj")
        own_countries = {m.country for m in sources if m.country}
        for child in verb.children:
            if child.dep_ in object_deps:
                # "Israel strengthened its forces": the source's own forces are not its target.
                owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children)
                targets.extend(m for m in actors_at(child, mentions) if not (owned and m.country in own_countries))
        if not targets and passive and verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
            # "Haftar is believed to be backed by Egypt": the raised subject is the one acted on
            targets = [m for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") for m in actors_at(c, mentions)]
        if targets:
            how.append("target = passive subject" if passive else "target = object")
        elif verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
            # "Assad's army, backed by Hezbollah fighters": the participle's head is the one acted on
            targets = [m for m in actors_at(verb.head, mentions) if m not in sources]
            if targets:
                how.append(f"target = '{verb.head.text}', the head of the participle")
    # "threatened to detain the fishermen": the target is the complement's object. A threat or a
    # refusal looks into its infinitive even when the act itself is not in the lexicon.
    complements = [c for c in verb.children if c.i in cand.consumed or (c.dep_ == "xcomp" and c.pos_ == "VERB")]
    if pattern.code.startswith(("12", "13")):
        # "threatened on Sunday to impose tariffs on Colombia": the parser may hang the infinitive as an adverbial.
        complements += [c for c in adverbial_infinitives(verb) if c not in complements]
    if not targets and complements and (pattern.target != "none" or pattern.code.startswith(("12", "13"))):
        for complement in complements:
            # "demanded that Israel withdraw": the party asked to act, else the one acted upon.
            subjects = [m for c in complement.children if c.dep_ in ("nsubj", "nsubjpass") for m in actors_at(c, mentions)]
            if not subjects:
                # "urged that Maduro step down": the parser may hang the subject as a compound
                subjects = [m for c in complement.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < complement.i
                            for m in actors_at(c, mentions)]
            objects = [m for c in complement.children if c.dep_ in ("dobj", "dative") for m in actors_at(c, mentions)]
            if not subjects and not objects:
                # "refused to allow UN planes to land": the party allowed is the subject of its clause.
                objects = [m for clause in complement.children if clause.dep_ in ("ccomp", "xcomp")
                           for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for m in actors_at(c, mentions)]
            owners = [] if subjects or objects else _owner_of_object(complement, mentions, False, without_adversary(pattern.code, OWNER_PREPS))[0]
            targets.extend(subjects or objects or owners)
            for prep, pobj in prep_objects(complement, without_adversary(pattern.code, TARGET_PREPS)):
                # "halt gas supplies to the Moldovan capital": the owner of a non-actor object.
                targets.extend(actors_at(pobj, mentions) or (
                    _modifier_actors(pobj, mentions) if prep in MODIFIER_TARGET_PREPS else []))
            if targets:
                how.append(f"target = object of the complement '{complement.text}'")
                break
    if not targets and pattern.target != "prep":
        targets, rule = _prepositional_targets(verb, pattern, mentions)
        if targets:
            how.append(rule)
    if not targets and pattern.target == "object":
        targets, rule = _owner_of_object(verb, mentions, passive, without_adversary(pattern.code, OWNER_PREPS))
        if targets:
            how.append(rule)
    if not targets and pattern.code[:2] in CLAUSE_TARGET_ROOTS:
        # "demanded that Hamas renounce violence": the target is the subject of the demanded clause.
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for child in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                targets.extend(actors_at(child, mentions))
            if targets:
                how.append(f"target = subject of the clause '{clause.text}'")
                break
    if not targets and pattern.code[:2] in FORCE_ROOTS:
        # "fired tear gas to disperse the protesters": force is aimed at whom its purpose names
        for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and is_to_infinitive(c)):
            targets = [m for c in clause.children if c.dep_ == "dobj" for m in actors_at(c, mentions)]
            if targets:
                how.append(f"target = object of the purpose '{clause.text}'")
                break
    if not targets and pattern.reciprocal and len(sources) == 1 and _sides_of_one_conflict(verb.doc[sources[0].head]):
        how.append("target = the same sides: a reciprocal act among them")
        return Roles(sources, [], how, among=True)
    if not targets and len({m.code for m in sources}) > 1 and says_each_other(verb):
        how.append("target = each other: the sources act on one another")
        return Roles(sources, [], how, mutual=True)
    return Roles(sources, targets, how)


def says_each_other(verb: Token) -> bool:
    """ "refused to sit or meet with each other", "accused one another": a reciprocal pronoun in the act's clause."""
    words = [t.lower_ for t in verb.subtree]
    return any((a, b) in (("each", "other"), ("one", "another")) for a, b in zip(words, words[1:]))


def _sides_of_one_conflict(head: Token) -> bool:
    """ "Libya's two rival factions", "the warring parties", "both sides": a plural actor whose
    members act on each other when they meet, agree or sign."""
    return head.tag_ in ("NNS", "NNPS") and any(c.lower_ in RECIPROCAL_MODIFIERS for c in head.children)


def purpose_of_support(verb: Token, mentions: MentionIndex) -> tuple[list[ActorMention], str]:
    """The side a deployment or a gift is for: "sent soldiers to Libya to back the GNA", "deployed
    mercenaries in support of Haftar". CAMEO and PLOVER code aid by its recipient, so the one
    backed is the target, not the country the troops were sent to (TUR -> LBYGOV, never TUR -> LBY)."""
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp") and fold(c.lemma_) in SUPPORT_VERBS
                   and is_to_infinitive(c)):
        backed = [m for c in clause.children if c.dep_ in ("dobj", "dative") for m in actors_at(c, mentions)]
        # "to help the GNA defend Tripoli": the one helped is the subject of the clause helped.
        backed = backed or [m for sub in clause.children if sub.dep_ in ("ccomp", "xcomp")
                            for c in sub.children if c.dep_ == "nsubj" for m in actors_at(c, mentions)]
        if backed:
            return backed, f"target = the side the act is to '{clause.text}' (its purpose)"
    for prep, pobj in prep_objects(verb, ("in", "on")):
        if fold(pobj.lemma_) in SUPPORT_NOUNS:
            backed = [m for _, owner in prep_objects(pobj, ("of",)) for m in actors_at(owner, mentions)]
            if backed:
                return backed, f"target = the side the act is '{prep} {pobj.text} of' (its purpose)"
    return [], ""


def without_adversary(code: str, preps: tuple[str, ...]) -> tuple[str, ...]:
    """Target prepositions for a code. Help "against" someone is aimed at the side helped, so for
    cooperation "against" names the adversary, never the target: "help the GNA defend the
    capital against Haftar" is support to the GNA, not to Haftar (CAMEO codes the recipient)."""
    return tuple(p for p in preps if p != "against") if code[:2] in COOPERATIVE_ROOTS else preps


def _prepositional_targets(verb: Token, pattern: VerbPattern, mentions: MentionIndex) -> tuple[list[ActorMention], str]:
    """The target a preposition on the verb names, trying the most direct readings first."""

    def readings():
        for prep, pobj in prep_objects(verb, without_adversary(pattern.code, TARGET_PREPS)):
            yield actors_at(pobj, mentions), f"target = object of '{prep}'"
        # "agreed to US mediation"; not "with": "with Turkish support" is help, not a target.
        for prep, pobj in prep_objects(verb, without_adversary(pattern.code, MODIFIER_TARGET_PREPS)):
            yield _modifier_actors(pobj, mentions), f"target = owner of '{prep} {pobj.text}'"
        # "voiced support for the Philippines": for cooperation, "for" names the beneficiary.
        if pattern.code[:2] in COOPERATIVE_ROOTS:
            for _, pobj in prep_objects(verb, ("for",)):
                yield actors_at(pobj, mentions), "target = object of 'for'"
            for _, pobj in prep_objects(verb, ("for",)):
                yield _modifier_actors(pobj, mentions), f"target = owner of 'for {pobj.text}'"  # "support for Ukraine's bid"
        # "spoke by telephone with Putin": the partner hangs from the means of talking.
        for _, means in prep_objects(verb, ("by", "via", "over")):
            for prep, pobj in prep_objects(means, ("with", "to")):
                yield actors_at(pobj, mentions), f"target = object of '{prep}' after '{means.text}'"
        # "bowed to pressure from the opposition": the party behind the prep object.
        for prep, pobj in prep_objects(verb, MODIFIER_TARGET_PREPS):
            for _, owner in prep_objects(pobj, ("from", "by")):
                yield actors_at(owner, mentions), f"target = '{prep} {pobj.text}' from {owner.text}"
        # "mobilized reservists for a war against Iraq": the adversary of the purpose.
        for _, purpose in prep_objects(verb, ("for",)):
            for prep, pobj in prep_objects(purpose, ("against",)):
                yield actors_at(pobj, mentions), f"target = object of 'for {purpose.text} {prep}'"
        # "seized weapons from armed groups", "demanded autonomy from Belgrade": the party
        # something is taken from. Last, since "from" also names where one comes from.
        if pattern.code[:2] not in FROM_IS_NOT_TARGET:
            for _, pobj in prep_objects(verb, ("from",)):
                yield actors_at(pobj, mentions), "target = object of 'from'"

    return next(((found, rule) for found, rule in readings() if found), ([], ""))


def _modifier_actors(noun: Token, mentions: MentionIndex) -> list[ActorMention]:
    """Actors that modify a non-actor noun: "US mediation", "Russian oil imports", "Iran's programme".
    Not a relation: "Israel's ally" is somebody else."""
    if fold(noun.lemma_) in RELATIONAL_NOUNS:
        return []
    return [m for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") for m in actors_at(c, mentions)]


def _owner_of_object(verb: Token, mentions: MentionIndex, passive: bool,
                     owner_preps: tuple[str, ...] = OWNER_PREPS) -> tuple[list[ActorMention], str]:
    """The actor a non-actor object belongs to: "rejected a US offer", "an offer from Kabul".

    The object may stand in apposition to a predicate the parser took for it: "denounced as
    a crime Serbia's suppression of the unrest".
    """
    objects = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    objects += [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
                for p in prep.children if p.dep_ == "pobj" for a in p.children if a.dep_ == "appos"]
    for obj in objects:
        if mentions.at(obj):
            continue  # the object is itself an actor, already considered
        for child in obj.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                found = actors_at(child, mentions)
                if found:
                    return found, f"target = '{child.text}', owner of the object '{obj.text}'"
        for prep, pobj in prep_objects(obj, owner_preps):
            found = actors_at(pobj, mentions) or _modifier_actors(pobj, mentions)  # "an embargo on Russian oil imports"
            if found:
                return found, f"target = '{prep}' {pobj.text} after the object '{obj.text}'"
        for acl in (c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            # "the package of incentives offered by Britain, France and Germany"
            found = [m for agent in acl.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"
                     for m in actors_at(p, mentions)]
            if found:
                return found, f"target = who '{acl.text}' the object '{obj.text}'"
    return [], ""


def _sides_between(noun: Token, mentions: MentionIndex) -> list[ActorMention]:
    """The actors after "between", on the noun or on the verb it is the subject of: "clashes
    between the army and rebels", "clashes erupted on Monday between the army and rebels"."""
    heads = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        heads.append(noun.head)
    for head in heads:
        for _, pobj in prep_objects(head, ("between",)):
            found = actors_at(pobj, mentions)
            if len({m.code for m in found}) < 2:
                # "talks between representatives of the GNA and the LNA": the sides sit deeper
                found = _unique_by_code([m for t in pobj.subtree for m in mentions.at(t)])
            if found:
                return found
    return []


def _unique_by_code(found: list[ActorMention]) -> list[ActorMention]:
    unique: dict[str, ActorMention] = {}
    for m in found:
        unique.setdefault(m.code, m)
    return list(unique.values())


def noun_roles(cand: Candidate, mentions: MentionIndex, verb_triggers: set[int] = frozenset()) -> Roles:
    noun = cand.trigger
    how: list[str] = []
    if fold(noun.lemma_) in PREDICATE_EVENT_NOUNS and noun.dep_ != "attr":
        return Roles([], [], how)  # "opposition supporters marched": people, not an act of support
    sources: list[ActorMention] = []
    own_words = set((cand.pattern.noun or "").split())  # "press" in "press conference" is no agent
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and mentions.at(child) and fold(child.lemma_) not in own_words:
            sources = actors_at(child, mentions)
            how.append(f"source = '{child.text}' modifies the event noun")
            break
    if not sources:
        # "an air raid by Haftar's forces"; "support from Russia" names the giver of help
        preps = ("by", "from") if cand.pattern.code[:2] in GIVING_ROOTS else ("by",)
        for prep, pobj in prep_objects(noun, preps):
            sources = actors_at(pobj, mentions)
            if sources:
                how.append(f"source = object of '{prep}' after the event noun")
                break
    if not sources and cand.pattern.code.startswith(SELF_MOVING_CODES):
        # "the deployment of Turkish troops", "the withdrawal of US forces": forces that move act
        for _, pobj in prep_objects(noun, ("of",)):
            sources = actors_at(pobj, mentions)
            if sources:
                how.append("source = the forces moved ('of' after the event noun)")
                break
    if not sources and fold(noun.lemma_) in JOINT_EVENT_NOUNS:
        sides = _sides_between(noun, mentions)
        if len({m.code for m in sides}) > 1:
            how.append("source and target = the sides 'between' whom it happens")
            return Roles(sides, [], how, mutual=True)
    if not sources and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        # "El-Sisi has been an ardent supporter of Haftar": the copula's subject is the agent
        tokens, why = verb_subject(noun.head)
        sources = [m for t in tokens for m in actors_at(t, mentions)]
        if sources:
            how.append(f"source = {why} of '{noun.head.text}'")
    relative = [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    if not sources:
        for clause in relative:
            tokens, why = verb_subject(clause)
            if tokens and tokens[0].i != noun.i:
                sources = [m for t in tokens for m in actors_at(t, mentions)]
                if sources:
                    how.append(f"source = {why} of the relative clause")
                    break
    # "launched an attack": the light verb's subject is the noun's agent; but in "supported a
    # cease-fire" the verb is an event of its own and the noun only its topic.
    holder = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in QUANTITY_HEADS | SPAN_HEADS:
        holder = noun.head.head  # "launched ten days of war games", "carried out a series of raids"
    governor = holder.head
    partnered = any(p == "with" for p, _ in prep_objects(noun, ("with",)))
    if holder.dep_ == "pobj" and holder.head.lower_ in PARTICIPATION_PREPS and (holder.head.lower_ != "at" or partnered):
        # "converged for a rally", "took part in a strike"; "at" only for a gathering with a
        # named partner ("spoke at a joint press conference with X"), else it is a venue
        governor = holder.head.head
    if not sources and holder.dep_ in ("dobj", "nsubjpass", "pobj") and governor.pos_ in ("VERB", "AUX") \
            and governor.i not in verb_triggers:
        tokens, why = verb_subject(governor)
        sources = [m for t in tokens for m in actors_at(t, mentions)]
        if sources:
            how.append(f"source = {why} of '{governor.text}'")
    wanted = (cand.pattern.prep,) if cand.pattern.target == "prep" and cand.pattern.prep else NOUN_TARGET_PREPS
    targets: list[ActorMention] = []
    heads = [noun, *relative]
    if holder.dep_ == "dobj" and governor.pos_ == "VERB" and governor.i not in verb_triggers:
        heads.append(governor)  # "carry out strikes against Iran": the light verb holds the target
    for head in heads:
        for prep, pobj in prep_objects(head, wanted):
            if prep == "of" and not sources:
                continue  # "the support of Russia" may name the supporter, not the supported
            targets = actors_at(pobj, mentions)
            if targets:
                how.append(f"target = object of '{prep}'")
                break
        if targets:
            break
    return Roles(sources, targets, how)


# ------------------------------------------------------------------ implied targets
# Sectors of the state: at home, their force is aimed at civilians, and a protest is aimed at them.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}


def target_the_place(event: Event, place: Place, text_hash: str) -> None:
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
    retarget(event, target, f"the country of the place ({code})", text_hash)


def target_own_government(event: Event, text_hash: str, coup: bool = False) -> None:
    """A protest that names no target is addressed to the protesters' own government
    ("Egyptian demonstrators rioted" -> EGYGOV), the CAMEO coding convention; a coup is aimed at
    its makers' own government, even when they are the state's army."""
    source = event.source
    if source is None or not source.country or source.kind == "igo" or (source.sector in STATE_SECTORS and not coup):
        return
    if coup and source.sector == "GOV":
        return  # a government is not its own coup's target
    code = source.country + "GOV"
    target = ActorMention(
        text=source.text, start=source.start, end=source.end, code=code, country=source.country, sector="GOV",
        actor_id=None, sentence_index=source.sentence_index, kind="implied",
        rule=f"a {'coup' if coup else 'protest'} with no named target is aimed at the government of {source.country}",
    )
    retarget(event, target, f"the {'coup makers' if coup else 'protesters'}' own government ({code})", text_hash)


# Verbs by which a side holds ground, and the nouns by which a later sentence points back at a place.
HOLDING_VERBS = {"hold", "control", "occupy", "run", "seize", "capture", "take", "overrun"}
PLACE_NOUNS = word_class("place_nouns")
FIGHTING_NOUNS = word_class("fighting_nouns")
# CAMEO codes of taking or besieging ground, whose target is the side that held it.
GROUND_CODES = ("191", "192")
RECIPROCAL_MODIFIERS = {"two", "both", "rival", "warring", "opposing"}


def holder_of_the_place(event: Event, place: Place, doc: Doc, mentions: MentionIndex) -> tuple[ActorMention, str] | None:
    """The side that held a place an act of force is aimed at: CAMEO and PLOVER code the capture,
    siege or assault of a place as aimed at its holder, not at the place. The holder is read from
    the place's own description ("rebel-held Aleppo", "the town, held by the rebels"), then, for
    ground taken or besieged, from the clause ("after clashes with the rebels", "captured it from
    the rebels") and the article ("the rebels had held the town since 2019"). The control state
    of a corpus is not consulted here."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return None
    side = event.source.code if event.source else None
    held = _other_side(_described_holder(span, mentions), side)
    if held:
        return held[0], f"'{held[0].text}' held {place.name} (its description)"
    if not event.cameo.startswith(GROUND_CODES):
        return None
    sent = span.sent
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    taken_from = _taken_from(trigger.root, side, mentions) if trigger is not None else None
    if taken_from is not None:
        return taken_from, f"{place.name} was taken from '{taken_from.text}'"
    for token in sent:
        if fold(token.lemma_) in FIGHTING_NOUNS:
            for _, pobj in prep_objects(token, ("with", "against")):
                fought = _other_side(actors_at(pobj, mentions), side)
                if fought:
                    return fought[0], f"'{fought[0].text}' fought for {place.name} ('{token.text} with')"
    sentences = list(doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= span.root.i < s.end)
    for other in sentences[max(0, here - 2) : here + 3]:
        for token in other:
            if fold(token.lemma_) not in HOLDING_VERBS or token.pos_ not in ("VERB", "AUX") or token.i == span.root.head.i:
                continue
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            if not any(_points_at(o, span) for o in objects):
                continue
            holders = _other_side([m for c in token.children if c.dep_ in ("nsubj", "agent")
                                   for m in actors_at(c if c.dep_ == "nsubj" else next(iter(c.children), c), mentions)], side)
            if holders:
                return holders[0], f"'{holders[0].text}' {token.text} {place.name} ({'this' if other is sent else 'another'} sentence)"
    return None


def holder_of_ground_taken(event: Event, doc: Doc, mentions: MentionIndex) -> tuple[ActorMention, str] | None:
    """For ground taken with no place named ("seized two towns after clashes with the army"), the
    side it was taken from: the object of "from" on the trigger, else the one side a fighting noun
    of this sentence or the two before names ("clashes with", "fighting against")."""
    if not event.cameo.startswith(GROUND_CODES):
        return None
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None:
        return None
    side = event.source.code if event.source else None
    taken_from = _taken_from(trigger.root, side, mentions)
    if taken_from is not None:
        return taken_from, f"the ground was taken from '{taken_from.text}'"
    sentences = list(doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= trigger.root.i < s.end)
    for other in reversed(sentences[max(0, here - 2) : here + 1]):
        fought = {m.code: m for token in other if fold(token.lemma_) in FIGHTING_NOUNS
                  for _, pobj in prep_objects(token, ("with", "against", "between"))
                  for m in _other_side(actors_at(pobj, mentions), side)}
        if len(fought) == 1:
            holder = next(iter(fought.values()))
            return holder, f"'{holder.text}' fought for the ground ({'this' if other.start <= trigger.root.i < other.end else 'an earlier'} sentence)"
    return None


def _other_side(found: list[ActorMention], side: str | None) -> list[ActorMention]:
    """The actors that can have held ground against ``side``: not the side itself, not a place."""
    return [m for m in found if m.code and m.code != side and m.kind != "place"]


def _taken_from(trigger: Token, side: str | None, mentions: MentionIndex) -> ActorMention | None:
    """ "retook the town from the rebels": the other side named by "from" on the trigger."""
    for _, pobj in prep_objects(trigger, ("from",)):
        taken_from = _other_side(actors_at(pobj, mentions), side)
        if taken_from:
            return taken_from[0]
    return None


def _described_holder(span: Span, mentions: MentionIndex) -> list[ActorMention]:
    """ "rebel-held Aleppo", "Houthi-controlled Hodeidah", "Aleppo, held by rebels"."""
    doc = span.doc
    root = span.root
    # "rebel - held Aleppo": the participle before the name, and the actor before the hyphen.
    for token in doc[max(span.sent.start, span.start - 4) : span.start]:
        if fold(token.lemma_) in HOLDING_VERBS and token.i > 0 and doc[token.i - 1].text == "-":
            owner = doc[token.i - 2] if token.i >= 2 else None
            if owner is not None:
                found = actors_at(owner, mentions) or list(mentions.at(owner))
                if found:
                    return found
    for clause in (c for c in root.children if c.dep_ in ("acl", "relcl") and fold(c.lemma_) in HOLDING_VERBS):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            return [m for p in agent.children if p.dep_ == "pobj" for m in actors_at(p, mentions)]
    return []


def _points_at(token: Token, span: Span) -> bool:
    """Whether an object names the place again: the same name, or "the town" for a town."""
    if fold(token.text) == fold(span.root.text):
        return True
    return fold(token.lemma_) in PLACE_NOUNS and any(c.lower_ in ("the", "this", "that") for c in token.children)


def target_the_holder(event: Event, holder: ActorMention, why: str, text_hash: str) -> None:
    """Give an act of force against a held place its holder as target (see ``holder_of_the_place``)."""
    target = ActorMention(
        text=holder.text, start=holder.start, end=holder.end, code=holder.code, country=holder.country,
        sector=holder.sector, actor_id=holder.actor_id, sentence_index=holder.sentence_index, kind="implied",
        rule=f"the holder of the place: {why}", name=holder.name, title=holder.title, sectors=holder.sectors,
        qid=holder.qid, provisional=holder.provisional,
    )
    retarget(event, target, f"the holder of the place ({why})", text_hash)
