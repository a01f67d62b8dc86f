"""The events stage: match verbs and event nouns against the lexicon and fill their roles.

Roles come from the dependency parse: subject or passive agent as source,
object or a governed preposition as target, with control and coordination
followed upward. Roles without a valid actor stay empty.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import RELATIONAL_NOUNS, MentionIndex
from .kb import fold
from .kb_schema import VerbPattern
from .model import ActorMention, Event, Trigger
from .ontology import Ontology

# Prepositions whose object is a plausible target when the pattern names none.
TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "upon", "into", "behind")
NOUN_TARGET_PREPS = ("to", "for", "against", "on", "with", "toward", "towards", "of", "behind")
# Verbs whose object, not subject, controls an infinitive: "urged Iran to stop".
OBJECT_CONTROL = {"urge", "ask", "make", "force", "persuade", "tell", "call", "press", "push", "pressure",
                  "order", "invite", "encourage", "compel", "allow", "help", "warn"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
# Amounts and containers that an object's goods hide behind: "a package of missiles".
CONTAINER_NOUNS = {"package", "shipment", "consignment", "tonne", "ton", "batch", "cargo", "load", "delivery",
                   "part", "portion", "share", "half", "bulk", "rest",
                   "convoy", "planeload", "truckload", "shipload", "quantity", "amount", "worth", "lot", "set",
                   "supply", "million", "billion", "thousand", "hundred", "dozen", "kind", "type", "pallet", "crate"}
AMOUNT_NOUNS = {"million", "billion", "thousand", "hundred", "$", "dollar", "euro", "worth"}
# Prepositions by which a verb joins an event noun: "converged for a rally", "took part in a strike".
PARTICIPATION_PREPS = {"for", "in"}
# Heads that count or group the real actor: "thousands of protesters", "a group of soldiers".
QUANTITY_HEADS = {"thousand", "hundred", "dozen", "score", "million", "group", "number", "some", "many",
                  "most", "all", "several", "few", "batch", "contingent", "unit", "team", "crowd", "member", "delegation",
                  "patch", "wave", "column", "squad", "band", "handful", "majority", "ten", "party", "detachment"}
# Stretches of time and runs of acts that an event noun hides behind: "ten days of war games".
SPAN_HEADS = {"day", "week", "month", "year", "hour", "night", "round", "series", "spate", "string", "wave", "campaign"}
# Subjects that are the means of force, not an actor: "a minefield explosion killed two youths".
FORCE_MEANS = {"explosion", "blast", "bomb", "bombing", "mine", "landmine", "shell", "shelling", "rocket", "missile",
               "airstrike", "strike", "attack", "gunfire", "fire", "grenade", "ied", "drone", "mortar", "artillery", "raid"}
MODIFIER_TARGET_PREPS = ("against", "on", "to", "toward", "towards", "upon", "into")
# Prepositions after a verb's object that name the party it concerns: "calls by Annan", "an offer from Kabul",
# "positions of the army", "a meeting with Obama", "sanctions on Iran".
OWNER_PREPS = ("by", "from", "of", "with", "on", "against", "to", "for")
# Verbs of saying whose normative complement ("X must ...", "X should ...") makes them a demand or appeal.
SPEECH_VERBS = {"say", "declare", "insist", "state", "announce", "conclude", "stress", "tell", "add", "write", "argue", "reiterate", "emphasize", "emphasise", "assert"}
DEMAND_MODALS = {"must", "should", "ought"}
# CAMEO roots whose target may be the subject of a that-clause: appeals (02), demands (10), threats (13).
CLAUSE_TARGET_ROOTS = ("02", "10", "13")
# Codes whose passive subject is the side acting: forces deployed (15) or withdrawn (087).
SELF_MOVING_CODES = ("15", "087")
# Verbs whose past form after a noun is a passive participle: "three servicemen accused of rape".
PASSIVE_PARTICIPLES = {"accuse", "suspect", "charge", "convict", "hold", "detain", "arrest", "capture", "kill",
                       "wound", "injure", "abduct", "kidnap", "jail", "sentence", "want", "link", "back", "believe"}
# Verbal roots whose object names what is spoken of: comment, appeal, praise, demand, accuse, reject.
SPEECH_ROOTS = ("01", "02", "05", "10", "11", "12")
# Verbs whose trailing participle reports a consequence: "..., raising fears", "..., sparking protests".
RESULT_VERBS = {"raise", "spark", "prompt", "trigger", "fuel", "cause", "provoke", "stoke", "deepen", "heighten", "add"}
# Participles that, with "in", describe what the subject does: "were engaged in", "are involved in".
STATE_PARTICIPLES = {"engage", "involve"}
COOPERATIVE_ROOTS = ("02", "03", "05", "06", "07", "08")
# Roots where "from" names an origin or a giver, not the party acted upon: visits and
# meetings (04), aid received (07), statements (01).
FROM_IS_NOT_TARGET = ("01", "04", "07")
# Metonyms ("Tripoli", "Moscow") are places, not actors, when they are the object of force;
# aid sent to "Kyiv" still goes to the government.
MATERIAL_QUADS = (4,)


@dataclass(slots=True)
class Candidate:
    trigger: Token
    pattern: VerbPattern
    specificity: int
    is_noun: bool
    consumed: set[int] = field(default_factory=set)  # tokens whose own events this one absorbs


@dataclass(slots=True)
class Roles:
    sources: list[ActorMention]
    targets: list[ActorMention]
    how: list[str]


class EventCoder:
    """Codes the events of one parsed article; one instance serves every article."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology

    def code(self, doc: Doc, mentions: MentionIndex, article_id: str, text_hash: str) -> list[tuple[Event, Token]]:
        coded: list[tuple[Event, Token]] = []
        for s_index, sent in enumerate(doc.sents):
            coded.extend(self._code_sentence(sent, s_index, mentions, article_id, text_hash))
        return coded

    # -------------------------------------------------------------- matching
    def _candidates(self, sent: Span) -> list[Candidate]:
        found: list[Candidate] = []
        for token in sent:
            if token.pos_ == "VERB":
                patterns = self.ontology.verbs.get(fold(token.lemma_))
                match = _best_verb_pattern(token, patterns) if patterns else None
                if match:
                    found.append(match)
                elif fold(token.lemma_) in SPEECH_VERBS:
                    demand = _normative_speech(token)
                    if demand:
                        found.append(demand)
            elif token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod"):
                for key in _noun_keys(token):
                    patterns = self.ontology.nouns.get(key)
                    if patterns:
                        match = _best_noun_pattern(token, patterns)
                        if match:
                            found.append(match)
                            break
        self._absorb_threatened_acts(found)
        consumed = set().union(*(c.consumed for c in found)) if found else set()
        return [c for c in found if c.trigger.i not in consumed]

    def _absorb_threatened_acts(self, found: list[Candidate]) -> None:
        """ "threatened to hold a strike": the threatened act is part of the threat, and names its kind.

        A refusal absorbs the refused act the same way ("refused to approve the package").

        The act's own code, mapped through the intent table, gives the specific threat
        (a strike -> 133, an attack -> 138); a cooperative act leaves the threat generic.
        """
        by_token = {c.trigger.i: c for c in found}
        for cand in found:
            if cand.is_noun or not cand.pattern.code.startswith(("12", "13")):
                continue
            for complement in (c for c in cand.trigger.children if c.dep_ in ("xcomp", "ccomp")):
                act = by_token.get(complement.i)
                if act is None:
                    continue
                cand.consumed.add(complement.i)
                if cand.pattern.code.startswith("12"):
                    continue  # "refused to approve the package": one refusal, aimed at the act's target
                threat = self.ontology.intended(act.pattern.code)
                if not cand.pattern.complements and threat and threat.startswith("13"):
                    cand.pattern = cand.pattern.model_copy(update={"code": threat, "note": f"threatened act coded {act.pattern.code}"})

    def _code_sentence(self, sent: Span, s_index: int, mentions: MentionIndex, article_id: str, text_hash: str):
        best: dict[tuple[str | None, str | None, str], tuple[Event, Token, int]] = {}
        candidates = self._candidates(sent)
        verb_triggers = {c.trigger.i for c in candidates if not c.is_noun}
        verbal_triggers = {c.trigger.i for c in candidates if not c.is_noun and c.pattern.code[:2] in SPEECH_ROOTS}
        for cand in candidates:
            info = self.ontology.code(cand.pattern.code)
            roles = _noun_roles(cand, mentions, verb_triggers) if cand.is_noun else _verb_roles(cand, mentions)
            roles.targets = [t for t in roles.targets if not (t.kind == "metonym" and info.quad_class in MATERIAL_QUADS)]
            if not roles.sources and not (roles.targets and (_is_passive(cand.trigger) or _means_of_force(cand, info.code))):
                continue  # only a passive clause, or force with its means as the subject, may leave its agent unsaid
            if cand.is_noun and not roles.sources:
                continue  # an event noun with no agent is usually a topic, not an event
            if cand.is_noun and _topic_of_speech(cand.trigger, verbal_triggers):
                continue  # "China denounced the US arms sale": what a statement is about
            for source, target in _pairs(cand.pattern, roles):
                trigger = cand.trigger
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
                rank = cand.specificity * 10 + len(info.code)
                if key not in best or rank > best[key][2]:
                    best[key] = (event, trigger, rank)
        # A row with an empty target is subsumed by a row of the same source and type
        # that has one: "made gains against X and captured Y" is one event against X.
        with_target = {(s, p) for s, t, p in best if t is not None}
        kept = [v for (s, t, p), v in best.items() if t is not None or (s, p) not in with_target]
        return [(event, trigger) for event, trigger, _ in sorted(kept, key=lambda v: (v[0].trigger.start, v[0].event_id))]


def _pairs(pattern: VerbPattern, roles: Roles) -> list[tuple[ActorMention | None, ActorMention | None]]:
    """Source-target pairs of one trigger; an actor never targets itself."""
    sources = roles.sources or [None]
    if pattern.reciprocal and not roles.targets and len({s.code for s in roles.sources}) > 1:
        return [(s, t) for s in roles.sources for t in roles.sources if s.code != t.code]
    pairs = []
    for source in sources:
        for target in roles.targets or [None]:
            if source is not None and target is not None and source.code == target.code:
                target = None
            pairs.append((source, target))
    return pairs


# ------------------------------------------------------------------ pattern matching
def _object_tokens(verb: Token) -> list[Token]:
    """What the verb acts on, looking through amounts and containers to the goods themselves.

    "delivered a package of missiles", "shipped 15,000 tonnes of wheat", and in the
    "supply X with Y" frame, "supplied the rebels with drones".
    """
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd") or (c.dep_ == "nsubjpass" and _is_passive(verb))]
    direct = [c for c in verb.children if c.dep_ == "dobj"]
    if direct:  # the parser hangs "with" on the verb or on its object
        objects += [p for head in (verb, *direct) for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "with"
                    for p in prep.children if p.dep_ == "pobj"]
    for obj in list(objects):
        if obj.lemma_.lower() in CONTAINER_NOUNS | SPAN_HEADS or obj.pos_ == "NUM":  # "ended ten days of fighting"
            # "a package of missiles", and for amounts, "$60 million in aid"
            preps = ("of", "in") if obj.lemma_.lower() in AMOUNT_NOUNS or obj.pos_ == "NUM" else ("of",)
            objects += [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in preps
                        for p in prep.children if p.dep_ == "pobj"]
    for obj in list(objects):
        objects.extend(obj.conjuncts)
    return objects


def _noun_keys(noun: Token) -> list[str]:
    """Lookup keys for a noun: its compound form first ("cease-fire", "air strike"), then its lemma."""
    keys = []
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    # "IRIS-T air defence systems" is also an "air defence system" and a "defence system".
    if compounds:
        start = min(t.left_edge.i for t in compounds)
        for j in range(start, noun.i):
            if noun.doc[j].is_punct:
                continue
            prefix = "".join(t.text_with_ws for t in noun.doc[j : noun.i])  # Doc.text would rebuild the whole text
            keys.append(fold(prefix + noun.lemma_))
    joined = fold(noun.text)
    keys.append(fold(noun.lemma_))
    if joined not in keys:
        keys.append(joined)
    return keys


def _lemmas(tokens: list[Token]) -> set[str]:
    """Lookup keys of object nouns, with their compound modifiers: "food rations" is also food."""
    found = set()
    for t in tokens:
        found.update(_noun_keys(t))
        found.update(fold(c.lemma_) for c in t.children if c.dep_ == "compound")
        # "chemical weapons" is also the object "chemical weapon"
        found.update(fold(f"{c.text} {t.lemma_}") for c in t.children if c.dep_ == "amod" and c.i == t.i - 1)
    return found


def _best_verb_pattern(verb: Token, patterns: list[VerbPattern]) -> Candidate | None:
    children = list(verb.children)
    # A "particle" that governs a preposition is a misparsed quantity: "kidnapped up to 16 advisers".
    particles = {fold(c.lemma_) for c in children if c.dep_ == "prt" and not any(g.dep_ == "prep" for g in c.children)}
    preps = {c.lower_ for c in children if c.dep_ in ("prep", "dative", "agent")}
    objects = _object_tokens(verb)
    object_lemmas = _lemmas(objects)
    complements = [c for c in children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    complement_lemmas = {fold(c.lemma_) for c in complements}
    subject_lemmas: set[str] | None = None  # computed only for patterns that constrain the subject
    best: Candidate | None = None
    for pattern in patterns:
        score = 1
        consumed: set[int] = set()
        if pattern.particle:
            if fold(pattern.particle) not in particles:
                continue
            score += 2
        elif particles:
            continue  # "back down" is not "back"; a phrasal verb needs its own entry
        if pattern.prep:
            if pattern.prep not in preps:
                continue
            score += 1
        if pattern.objects:
            wanted = {fold(o) for o in pattern.objects}
            candidates = objects
            if pattern.prep and pattern.target != "prep":
                # "went on strike", "warned Kenya of attacks": the constrained noun follows the preposition.
                candidates = objects + [p for _, p in _prep_objects(verb, (pattern.prep,))]
            lemmas = object_lemmas if candidates is objects else _lemmas(candidates)
            if not wanted & lemmas:
                continue
            score += 2
            consumed.update(o.i for o in candidates if wanted & set(_noun_keys(o)))
        if pattern.complements:
            wanted = {fold(c) for c in pattern.complements}
            if not wanted & complement_lemmas:
                continue
            score += 2
            consumed.update(c.i for c in complements if fold(c.lemma_) in wanted)
        if pattern.subjects:
            if subject_lemmas is None:
                subject_lemmas = _subject_lemmas(verb)
            if not {fold(x) for x in pattern.subjects} & subject_lemmas:
                continue
            score += 2
        if best is None or score > best.specificity:
            best = Candidate(verb, pattern, score, False, consumed)
    return best


def _subject_lemmas(verb: Token) -> set[str]:
    """Lookup keys of the verb's subject ("thousands of troops" is troops), passive or not."""
    tokens = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or _subject_tokens(verb)[0]
    for token in list(tokens):
        if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM":
            tokens += [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                       for p in prep.children if p.dep_ == "pobj"]
    return _lemmas(tokens)


def _normative_speech(verb: Token) -> Candidate | None:
    """ "Washington declared that China must drop its barriers": saying what another must do is a demand."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        modals = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        if has_subject and modals & DEMAND_MODALS:
            code = "100" if modals & {"must", "has", "have"} else "020"
            pattern = VerbPattern(code=code, lemma=verb.lemma_.lower(), note=f"speech verb with '{(modals & DEMAND_MODALS).pop()}' clause")
            return Candidate(verb, pattern, 1, False, set())
    return None


def _best_noun_pattern(noun: Token, patterns: list[VerbPattern]) -> Candidate | None:
    modifiers = {fold(c.lemma_) for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    for c in noun.children:  # "military and logistical support"
        if c.dep_ == "amod":
            modifiers.update(fold(x.lemma_) for x in c.conjuncts)
    preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    best: Candidate | None = None
    for pattern in patterns:
        score = 1
        if pattern.modifiers:
            if not {fold(m) for m in pattern.modifiers} & modifiers:
                continue
            score += 2
        if pattern.prep:
            if pattern.prep not in preps:
                continue
            score += 1
        if best is None or score > best.specificity:
            best = Candidate(noun, pattern, score, True)
    return best


# ------------------------------------------------------------------ roles
def _actors_at(token: Token, mentions: MentionIndex) -> list[ActorMention]:
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


def _subject_tokens(verb: Token) -> tuple[list[Token], str]:
    """The subject of a verb, climbing coordination, control and relative clauses."""
    current = verb
    for _ in range(8):
        subject_deps = ("nsubj", "csubj") if _is_passive(current) else ("nsubj", "csubj", "nsubjpass")
        for child in current.children:
            if child.dep_ in subject_deps:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return [current.head], "relative clause subject"
                if child.pos_ == "VERB":
                    # "Aid workers stationed in Chad said": a participle misparsed as the subject.
                    inner = [c for c in child.children if c.dep_ == "nsubj"]
                    if inner:
                        return inner, f"subject of '{child.text}' (parsed as the subject of '{current.text}')"
                return [child], "subject" if current.i == verb.i else f"subject of '{current.text}'"
            if child.dep_ == "agent":
                return [c for c in child.children if c.dep_ == "pobj"], "passive agent"
        if current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
            current = current.head
            continue
        if current.dep_ in ("xcomp", "ccomp") and current.head.pos_ in ("VERB", "AUX"):
            head = current.head
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects and fold(head.lemma_) in OBJECT_CONTROL:
                return objects, f"object of '{head.text}' controls '{verb.text}'"
            current = head
            continue
        if current.dep_ == "xcomp" and current.head.pos_ == "ADJ" and current.head.dep_ == "acomp":
            current = current.head.head  # "Italy is willing to send ships": the subject of "is"
            continue
        if current.dep_ == "advcl" and current.tag_ == "VBG":
            if fold(current.lemma_) in RESULT_VERBS:
                break  # "..., raising fears of a cut": the result of the event, not an act of its actors
            current = current.head
            continue
        if current.dep_ == "relcl" and current.tag_ != "VBN":
            return [current.head], "head of the relative clause"
        has_object = any(c.dep_ == "dobj" for c in current.children)  # a passive participle takes none
        if current.dep_ == "acl" and (has_object or (current.tag_ != "VBN" and not (
                fold(current.lemma_) in PASSIVE_PARTICIPLES or any(c.dep_ == "agent" for c in current.children)))):
            # "protesters demanding reforms", and main verbs the parser hangs on their subject
            # ("Iraqi troops massed"); but "servicemen accused of rape" are the accused
            return [current.head], "head of the participle clause"
        break
    return [], ""


def _topic_of_speech(noun: Token, verbal_triggers: set[int]) -> bool:
    """Whether an event noun is the object of a statement, accusation, demand or rejection."""
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for", "over", "about", "on") else noun.head
    return noun.dep_ in ("dobj", "pobj") and head.i in verbal_triggers


def _means_of_force(cand: Candidate, code: str) -> bool:
    """ "A car bomb killed five soldiers": force whose subject is its means has an unknown agent."""
    if cand.is_noun or code[:2] not in ("18", "19", "20"):
        return False
    subjects = [c for c in cand.trigger.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(fold(s.lemma_) in FORCE_MEANS for s in subjects)


def _is_passive(verb: Token) -> bool:
    if fold(verb.lemma_) in STATE_PARTICIPLES and any(c.dep_ == "prep" and c.lower_ == "in" for c in verb.children):
        return False  # "troops were engaged in heavy fighting": a state of the subject, not a passive
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _prep_objects(head: Token, preps: tuple[str, ...] | list[str]) -> list[tuple[str, Token]]:
    found = []
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found.extend((child.lower_, p) for p in child.children if p.dep_ == "pobj")
    return found


def _verb_roles(cand: Candidate, mentions: MentionIndex) -> Roles:
    verb, pattern = cand.trigger, cand.pattern
    how: list[str] = []
    sources: list[ActorMention] = []
    targets: list[ActorMention] = []
    passive = _is_passive(verb)
    subject_tokens, why = _subject_tokens(verb)
    if pattern.source_prep:
        givers = [m for _, pobj in _prep_objects(verb, (pattern.source_prep,)) for m in _actors_at(pobj, mentions)]
        receivers = [m for token in subject_tokens for m in _actors_at(token, mentions)]
        if givers:
            how.append(f"source = object of '{pattern.source_prep}'" + (f"; target = {why}" if receivers else ""))
        return Roles(givers, receivers if givers else [], how)
    for token in subject_tokens:
        sources.extend(_actors_at(token, mentions))
    if sources:
        how.append(f"source = {why}")
    elif passive and pattern.code.startswith(SELF_MOVING_CODES):
        # "Soviet paratroopers were deployed in Lithuania": forces moved are their side's act.
        sources = [m for c in verb.children if c.dep_ == "nsubjpass" for m in _actors_at(c, mentions)]
        if sources:
            how.append("source = the forces moved (passive subject)")
            return Roles(sources, [], how)
    if pattern.target == "prep":
        for _, pobj in _prep_objects(verb, (pattern.prep or "",)):
            targets.extend(_actors_at(pobj, mentions))
        if targets:
            how.append(f"target = object of '{pattern.prep}'")
    elif pattern.target == "object":
        object_deps = ("nsubjpass",) if passive else ("dobj", "dative", "iobj")
        own_countries = {m.country for m in sources if m.country}
        for child in verb.children:
            if child.dep_ in object_deps:
                # "Israel strengthened its forces": the source's own forces are not its target.
                owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children)
                targets.extend(m for m in _actors_at(child, mentions) if not (owned and m.country in own_countries))
        if targets:
            how.append("target = passive subject" if passive else "target = object")
    # "threatened to detain the fishermen": the target is the complement's object. A threat or a
    # refusal looks into its infinitive even when the act itself is not in the lexicon.
    complements = [c for c in verb.children if c.i in cand.consumed or (c.dep_ == "xcomp" and c.pos_ == "VERB")]
    if not targets and complements and (pattern.target != "none" or pattern.code.startswith(("12", "13"))):
        for complement in complements:
            # "demanded that Israel withdraw": the party asked to act, else the one acted upon.
            subjects = [m for c in complement.children if c.dep_ in ("nsubj", "nsubjpass") for m in _actors_at(c, mentions)]
            objects = [m for c in complement.children if c.dep_ in ("dobj", "dative") for m in _actors_at(c, mentions)]
            if not subjects and not objects:
                # "refused to allow UN planes to land": the party allowed is the subject of its clause.
                objects = [m for clause in complement.children if clause.dep_ in ("ccomp", "xcomp")
                           for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for m in _actors_at(c, mentions)]
            owners = [] if subjects or objects else _owner_of_object(complement, mentions, False)[0]
            targets.extend(subjects or objects or owners)
            for prep, pobj in _prep_objects(complement, TARGET_PREPS):
                # "halt gas supplies to the Moldovan capital": the owner of a non-actor object.
                targets.extend(_actors_at(pobj, mentions) or (
                    _modifier_actors(pobj, mentions) if prep in MODIFIER_TARGET_PREPS else []))
            if targets:
                how.append(f"target = object of the complement '{complement.text}'")
                break
    if not targets and pattern.target != "prep":
        targets, rule = _prepositional_targets(verb, pattern, mentions)
        if targets:
            how.append(rule)
    if not targets and pattern.target == "object":
        targets, rule = _owner_of_object(verb, mentions, passive)
        if targets:
            how.append(rule)
    if not targets and pattern.code[:2] in CLAUSE_TARGET_ROOTS:
        # "demanded that Hamas renounce violence": the target is the subject of the demanded clause.
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for child in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                targets.extend(_actors_at(child, mentions))
            if targets:
                how.append(f"target = subject of the clause '{clause.text}'")
                break
    return Roles(sources, targets, how)


def _prepositional_targets(verb: Token, pattern: VerbPattern, mentions: MentionIndex) -> tuple[list[ActorMention], str]:
    """The target a preposition on the verb names, trying the most direct readings first."""

    def readings():
        for prep, pobj in _prep_objects(verb, TARGET_PREPS):
            yield _actors_at(pobj, mentions), f"target = object of '{prep}'"
        # "agreed to US mediation"; not "with": "with Turkish support" is help, not a target.
        for prep, pobj in _prep_objects(verb, MODIFIER_TARGET_PREPS):
            yield _modifier_actors(pobj, mentions), f"target = owner of '{prep} {pobj.text}'"
        # "voiced support for the Philippines": for cooperation, "for" names the beneficiary.
        if pattern.code[:2] in COOPERATIVE_ROOTS:
            for _, pobj in _prep_objects(verb, ("for",)):
                yield _actors_at(pobj, mentions), "target = object of 'for'"
        # "bowed to pressure from the opposition": the party behind the prep object.
        for prep, pobj in _prep_objects(verb, MODIFIER_TARGET_PREPS):
            for _, owner in _prep_objects(pobj, ("from", "by")):
                yield _actors_at(owner, mentions), f"target = '{prep} {pobj.text}' from {owner.text}"
        # "mobilized reservists for a war against Iraq": the adversary of the purpose.
        for _, purpose in _prep_objects(verb, ("for",)):
            for prep, pobj in _prep_objects(purpose, ("against",)):
                yield _actors_at(pobj, mentions), f"target = object of 'for {purpose.text} {prep}'"
        # "seized weapons from armed groups", "demanded autonomy from Belgrade": the party
        # something is taken from. Last, since "from" also names where one comes from.
        if pattern.code[:2] not in FROM_IS_NOT_TARGET:
            for _, pobj in _prep_objects(verb, ("from",)):
                yield _actors_at(pobj, mentions), "target = object of 'from'"

    return next(((found, rule) for found, rule in readings() if found), ([], ""))


def _modifier_actors(noun: Token, mentions: MentionIndex) -> list[ActorMention]:
    """Actors that modify a non-actor noun: "US mediation", "Russian oil imports", "Iran's programme".
    Not a relation: "Israel's ally" is somebody else."""
    if fold(noun.lemma_) in RELATIONAL_NOUNS:
        return []
    return [m for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") for m in _actors_at(c, mentions)]


def _owner_of_object(verb: Token, mentions: MentionIndex, passive: bool) -> tuple[list[ActorMention], str]:
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
                found = _actors_at(child, mentions)
                if found:
                    return found, f"target = '{child.text}', owner of the object '{obj.text}'"
        for prep, pobj in _prep_objects(obj, OWNER_PREPS):
            found = _actors_at(pobj, mentions) or _modifier_actors(pobj, mentions)  # "an embargo on Russian oil imports"
            if found:
                return found, f"target = '{prep}' {pobj.text} after the object '{obj.text}'"
        for acl in (c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            # "the package of incentives offered by Britain, France and Germany"
            found = [m for agent in acl.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"
                     for m in _actors_at(p, mentions)]
            if found:
                return found, f"target = who '{acl.text}' the object '{obj.text}'"
    return [], ""


def _noun_roles(cand: Candidate, mentions: MentionIndex, verb_triggers: set[int] = frozenset()) -> Roles:
    noun = cand.trigger
    how: list[str] = []
    sources: list[ActorMention] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and mentions.at(child):
            sources = _actors_at(child, mentions)
            how.append(f"source = '{child.text}' modifies the event noun")
            break
    relative = [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    if not sources:
        for clause in relative:
            tokens, why = _subject_tokens(clause)
            if tokens and tokens[0].i != noun.i:
                sources = [m for t in tokens for m in _actors_at(t, mentions)]
                if sources:
                    how.append(f"source = {why} of the relative clause")
                    break
    # "launched an attack": the light verb's subject is the noun's agent; but in "supported a
    # cease-fire" the verb is an event of its own and the noun only its topic.
    holder = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in QUANTITY_HEADS | SPAN_HEADS:
        holder = noun.head.head  # "launched ten days of war games", "carried out a series of raids"
    governor = holder.head
    if holder.dep_ == "pobj" and holder.head.lower_ in PARTICIPATION_PREPS:
        governor = holder.head.head  # "converged for a rally", "took part in a strike"
    if not sources and holder.dep_ in ("dobj", "nsubjpass", "pobj") and governor.pos_ in ("VERB", "AUX") \
            and governor.i not in verb_triggers:
        tokens, why = _subject_tokens(governor)
        sources = [m for t in tokens for m in _actors_at(t, mentions)]
        if sources:
            how.append(f"source = {why} of '{governor.text}'")
    wanted = (cand.pattern.prep,) if cand.pattern.target == "prep" and cand.pattern.prep else NOUN_TARGET_PREPS
    targets: list[ActorMention] = []
    heads = [noun, *relative]
    if holder.dep_ == "dobj" and governor.pos_ == "VERB" and governor.i not in verb_triggers:
        heads.append(governor)  # "carry out strikes against Iran": the light verb holds the target
    for head in heads:
        for prep, pobj in _prep_objects(head, wanted):
            if prep == "of" and not sources:
                continue  # "the support of Russia" may name the supporter, not the supported
            targets = _actors_at(pobj, mentions)
            if targets:
                how.append(f"target = object of '{prep}'")
                break
        if targets:
            break
    return Roles(sources, targets, how)


# ------------------------------------------------------------------ evidence
def _confidence(cand: Candidate, source: ActorMention | None, target: ActorMention | None) -> float:
    """Monotone in support: pattern specificity, filled roles, and how the actors were found."""
    score = 0.35 + 0.05 * min(cand.specificity, 5)
    score += 0.2 if source else 0.0
    score += 0.15 if target else 0.0
    for actor in (source, target):
        if actor is not None and actor.kind == "coref":
            score -= 0.1
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


def event_id(text_hash: str, sentence_index: int, trigger_start: int, source, target, cameo: str) -> str:
    key = f"{text_hash}|{sentence_index}|{trigger_start}|{source.code if source else ''}|{source.start if source else ''}|{target.code if target else ''}|{target.start if target else ''}|{cameo}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
