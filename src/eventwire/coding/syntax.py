"""Dependency-parse helpers the coding stages share: a token's clause, a verb's subject, passives, prepositions.

They read spaCy's parse only; what an actor or an event is stays in the stages.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..knowledge.kb import fold
from ..knowledge.words import word_class

RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
OBJECT_CONTROL = word_class("object_control")
COMMAND_VERBS = word_class("command_verbs")
# Nouns of a decision taken, whose owner does what it decides: "France's decision to expel".
DECISION_NOUNS = {"decision", "order", "move", "vote"}
PASSIVE_PARTICIPLES = word_class("passive_participles")
RESULT_VERBS = word_class("result_verbs")
STATE_PARTICIPLES = word_class("state_participles")


def governing_verb(token: Token) -> Token:
    """The nearest verb above ``token``: the clause it belongs to (the root if there is none)."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def is_passive(verb: Token) -> bool:
    if fold(verb.lemma_) in STATE_PARTICIPLES and any(c.dep_ == "prep" and c.lower_ == "in" for c in verb.children):
        return False  # "troops were engaged in heavy fighting": a state of the subject, not a passive
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def prep_objects(head: Token, preps: tuple[str, ...] | list[str]) -> list[tuple[str, Token]]:
    found = []
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found.extend((child.lower_, p) for p in child.children if p.dep_ == "pobj")
    return found


def is_to_infinitive(verb: Token) -> bool:
    """Whether a verb heads a "to" infinitive: "to disperse", "to leave"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def adverbial_infinitives(verb: Token) -> list[Token]:
    """Infinitives the parser hung on ``verb`` as adverbials: "threatened on Sunday to impose ...",
    "gave the ambassador 48 hours to leave"."""
    return [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB" and is_to_infinitive(c)]


def own_forces(obj: Token) -> bool:
    """An ordered party that is the commander's own: "his forces", "its troops", or a bare
    "troops" or "police" with nothing to make them anyone else's."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        return True
    return obj.pos_ == "NOUN" and not obj.ent_type_ and all(c.dep_ in ("det", "nummod", "amod") and not c.ent_type_
                                                            for c in obj.children)


def verb_subject(verb: Token) -> tuple[list[Token], str]:
    """The subject of a verb, climbing coordination, control and relative clauses."""
    current = verb
    for _ in range(8):
        subject_deps = ("nsubj", "csubj") if is_passive(current) else ("nsubj", "csubj", "nsubjpass")
        for child in current.children:
            if child.dep_ in subject_deps:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return [current.head], "relative clause subject"
                if child.pos_ == "VERB":
                    # "Aid workers stationed in Chad said": a participle misparsed as the subject.
                    inner = [c for c in child.children if c.dep_ == "nsubj"]
                    if inner:
                        return inner, f"subject of '{child.text}' (parsed as the subject of '{current.text}')"
                # "Kibaki and opposition leader Odinga met": the parser may give the verb two subjects.
                subjects = [c for c in current.children if c.dep_ == child.dep_ and c.pos_ in ("PROPN", "NOUN", "PRON")] or [child]
                return subjects, "subject" if current.i == verb.i else f"subject of '{current.text}'"
            if child.dep_ == "agent":
                return [c for c in child.children if c.dep_ == "pobj"], "passive agent"
        if current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ == "VERB":
            # "succeeded in mediating": the subject does the gerund's act. With an object, "accused
            # Rwanda of backing the M23", the act is only what the accusation alleges: no agent.
            head = current.head.head
            if any(c.dep_ == "dobj" for c in head.children) or is_passive(head):
                break
            current = head
            continue
        if current.dep_ == "ccomp" and is_passive(current) and any(c.dep_ == "nsubjpass" for c in current.children):
            break  # "Kolesnikova was arrested, her aides said": the unnamed agent is not the speaker
        if current.dep_ in ("xcomp", "ccomp") and current.head.pos_ in ("VERB", "AUX"):
            head = current.head
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects and fold(head.lemma_) in COMMAND_VERBS and own_forces(objects[0]):
                current = head  # "Haftar ordered his forces to capture Tripoli": the commander acts
                continue
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
        if current.dep_ == "acl" and fold(current.head.lemma_) in DECISION_NOUNS and is_to_infinitive(current):
            # "France's decision to expel 35 diplomats": the owner of the decision acts (a pledge or
            # a bid "to" act is only an intention, and stays without an agent)
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            if owners:
                return owners, f"owner of the '{current.head.text}'"
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


def clause_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above ``token``."""
    return next((c for c in governing_verb(token).children if c.dep_ in ("nsubj", "nsubjpass")), None)


def reporter_subject(token: Token) -> Token | None:
    """The subject of the verb reporting the clause ``token`` is in: "X said (... token ...)"."""
    verb = governing_verb(token)
    if verb.dep_ != "ccomp":
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
