"""Event triggers: the verbs and event nouns of a sentence matched against the lexicon's patterns.

A pattern may constrain particle, preposition, object, complement, subject or modifier; the
most specific match wins. A threatened or refused act is absorbed into the threat or refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..knowledge.kb import fold
from ..knowledge.ontology import Ontology
from ..knowledge.schema import VerbPattern
from ..knowledge.words import word_class
from .syntax import COMMAND_VERBS, adverbial_infinitives, is_passive, own_forces, prep_objects, verb_subject

CONTAINER_NOUNS = word_class("container_nouns")
AMOUNT_NOUNS = word_class("amount_nouns")
QUANTITY_HEADS = word_class("quantity_heads")
SPAN_HEADS = word_class("span_heads")
SPEECH_VERBS = word_class("speech_verbs")
MARKET_NOUNS = word_class("market_nouns")
LIGHT_VERBS = word_class("light_verbs")
# Verbs of a collective decision, and the CAMEO quad classes of conflict (verbal, material).
DECIDING_VERBS = word_class("deciding_verbs")
CONFLICT_QUADS = (3, 4)
DEMAND_MODALS = {"must", "should", "ought"}


@dataclass(slots=True)
class Candidate:
    trigger: Token
    pattern: VerbPattern
    specificity: int
    is_noun: bool
    consumed: set[int] = field(default_factory=set)  # tokens whose own events this one absorbs


def find_candidates(ontology: Ontology, sent: Span) -> list[Candidate]:
    """The sentence's triggers: verbs and event nouns with their best lexicon pattern; absorbed acts are dropped."""
    found: list[Candidate] = []
    for token in sent:
        if token.pos_ == "VERB":
            patterns = ontology.verbs.get(fold(token.lemma_))
            match = _best_verb_pattern(token, patterns) if patterns else None
            if match:
                found.append(match)
            elif fold(token.lemma_) in SPEECH_VERBS:
                demand = _normative_speech(token)
                if demand:
                    found.append(demand)
        elif token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod"):
            if _market_sense(token):
                continue
            for key in noun_keys(token):
                patterns = ontology.nouns.get(key)
                if patterns:
                    match = _best_noun_pattern(token, patterns)
                    if match:
                        found.append(match)
                        break
    _absorb_threatened_acts(ontology, found)
    consumed = set().union(*(c.consumed for c in found)) if found else set()
    found = _drop_nouns_a_verb_pattern_names([c for c in found if c.trigger.i not in consumed])
    carriers = _carrying_verbs(found) | _decisions_to_coerce(ontology, found)
    return [c for c in found if c.trigger.i not in carriers]


def _decisions_to_coerce(ontology: Ontology, found: list[Candidate]) -> set[int]:
    """"EU leaders agreed to impose sanctions": a decision to use pressure or force is that act,
    intended (the modality stage keeps its type), not an agreement of its own."""
    by_token = {c.trigger.i: c for c in found}
    deciding = set()
    for cand in found:
        if cand.is_noun or fold(cand.trigger.lemma_) not in DECIDING_VERBS:
            continue
        for child in cand.trigger.children:
            act = by_token.get(child.i)
            if child.dep_ == "xcomp" and act is not None and ontology.code(act.pattern.code).quad_class in CONFLICT_QUADS:
                deciding.add(cand.trigger.i)
    return deciding


def _drop_nouns_a_verb_pattern_names(found: list[Candidate]) -> list[Candidate]:
    """A verb pattern that names its object ("begin + exercises", "impose + sanctions") already
    codes the noun's event, more specifically than the noun alone: the noun is not a second event."""
    named = set()
    for cand in found:
        if not cand.is_noun and cand.pattern.objects:
            named.update(o.i for o in _object_tokens(cand.trigger))
    return [c for c in found if not (c.is_noun and c.trigger.i in named)]


def _carrying_verbs(found: list[Candidate]) -> set[int]:
    """Verbs that only carry another candidate's event, which is coded instead:
    a light verb and its event noun ("launched air strikes", "ordered an offensive", "imposed
    sanctions"), and a command to one's own forces and the act commanded ("ordered his troops
    to withdraw")."""
    nouns = {c.trigger.i for c in found if c.is_noun}
    verbs = {c.trigger.i for c in found if not c.is_noun}
    carriers = set()
    for cand in found:
        verb = cand.trigger
        if cand.is_noun or verb.pos_ != "VERB":
            continue
        lemma = fold(verb.lemma_)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        # "carried out a series of raids": the noun may hide behind a span or count
        objects += [p for o in objects if o.lemma_.lower() in SPAN_HEADS | QUANTITY_HEADS
                    for prep in o.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for p in prep.children if p.dep_ == "pobj"]
        if lemma in LIGHT_VERBS and any(o.i in nouns for o in objects):
            carriers.add(verb.i)
        elif lemma in COMMAND_VERBS and objects and own_forces(objects[0]) and any(
                c.dep_ == "xcomp" and c.i in verbs for c in verb.children):
            carriers.add(verb.i)
    return carriers


def _market_sense(noun: Token) -> bool:
    """ "slowing Chinese demand for iron ore": a bare singular market noun is a quantity, not an act."""
    return (fold(noun.lemma_) in MARKET_NOUNS and noun.tag_ == "NN"
            and not any(c.dep_ in ("det", "poss") for c in noun.children))


def _absorb_threatened_acts(ontology: Ontology, found: list[Candidate]) -> None:
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
            if act is None and fold(complement.lemma_) in LIGHT_VERBS:
                # "threatened to launch a nuclear strike": the act is the light verb's noun
                act = next((by_token[o.i] for o in complement.children if o.dep_ == "dobj" and o.i in by_token), None)
            if act is None:
                continue
            cand.consumed.add(act.trigger.i)
            if cand.pattern.code.startswith("12"):
                continue  # "refused to approve the package": one refusal, aimed at the act's target
            threat = ontology.intended(act.pattern.code)
            if not cand.pattern.complements and threat and threat.startswith("13"):
                cand.pattern = cand.pattern.model_copy(update={"code": threat, "note": f"threatened act coded {act.pattern.code}"})


def _object_tokens(verb: Token) -> list[Token]:
    """What the verb acts on, looking through amounts and containers to the goods themselves.

    "delivered a package of missiles", "shipped 15,000 tonnes of wheat", and in the
    "supply X with Y" frame, "supplied the rebels with drones".
    """
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd") or (c.dep_ == "nsubjpass" and is_passive(verb))]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
        objects.append(verb.head)  # "two deals signed by Turkey": the participle's head is what was signed
    direct = [c for c in verb.children if c.dep_ == "dobj"]
    if direct:  # the parser hangs "with" on the verb or on its object
        objects += [p for head in (verb, *direct) for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "with"
                    for p in prep.children if p.dep_ == "pobj"]
    pending = list(objects)
    while pending:  # "a shipment of 20 tonnes of flour": containers nest
        obj = pending.pop()
        if obj.lemma_.lower() in CONTAINER_NOUNS | SPAN_HEADS or obj.pos_ == "NUM":  # "ended ten days of fighting"
            # "a package of missiles", and for amounts, "$60 million in aid"
            preps = ("of", "in") if obj.lemma_.lower() in AMOUNT_NOUNS or obj.pos_ == "NUM" else ("of",)
            inner = [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in preps
                     for p in prep.children if p.dep_ == "pobj" and p not in objects]
            objects += inner
            pending += inner
    for obj in list(objects):
        objects.extend(obj.conjuncts)
    return objects


# Entity labels of named places, which object lists match as the word "place"; the actors stage
# adds the places the gazetteer knows under PLACE_TOKENS.
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
PLACE_TOKENS = "eventwire.place_tokens"


def noun_keys(noun: Token) -> list[str]:
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
        found.update(noun_keys(t))
        if t.ent_type_ in PLACE_ENTITIES or t.i in t.doc.user_data.get(PLACE_TOKENS, ()):
            found.add("place")  # "recaptured Gharyan": a named place is what territorial patterns list as "place"
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
    if not complements:
        # "gave the ambassador 48 hours to leave": the parser may hang the infinitive as an adverbial
        complements = adverbial_infinitives(verb)
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
                candidates = objects + [p for _, p in prep_objects(verb, (pattern.prep,))]
            lemmas = object_lemmas if candidates is objects else _lemmas(candidates)
            if not wanted & lemmas:
                continue
            score += 2
            consumed.update(o.i for o in candidates if wanted & set(noun_keys(o)))
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
    tokens = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or verb_subject(verb)[0]
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
