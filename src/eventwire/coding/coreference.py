"""Conservative coreference: state nominals, pronouns and demonstratives linked to an earlier actor.

Each rule fires only when its antecedent is unambiguous; otherwise the role stays empty,
which is better than a wrong actor.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..knowledge.kb import KnowledgeBase
from ..knowledge.words import word_class
from ..model import ActorMention
from .mentions import PERSON_TITLES
from .owners import agrees

STATE_NOMINALS = word_class("state_nominals")
GOVERNMENT_NOMINALS = word_class("government_nominals")
PRONOUN_SUBJECTS = {"it", "they", "he", "she"}
PRONOUN_OBJECTS = {"him", "her", "them"}
FIRST_PERSON = {"we", "i"}
REPORTING_VERBS = word_class("reporting_verbs")
DEMONSTRATIVES = {"those", "these"}
COLLECTIVE_NOUNS = word_class("collective_nouns")
DEMONSTRATIVE_WINDOW = 2  # sentences to look back for the antecedent
DEFINITE_WINDOW = 4  # sentences to look back from "the army" to "the Sudanese army"


def coreference(kb: KnowledgeBase, doc: Doc, mentions: list[ActorMention], sent_of: list[int]) -> list[ActorMention]:
    """Conservative links: state nominals, relative-clause pronouns and demonstratives.

    Each rule fires only when its antecedent is unambiguous; otherwise the
    role stays empty, which is better than a wrong actor.
    """
    covered = {t for m in mentions for t in range(m.token_start, m.token_end)}
    by_head: dict[int, list[ActorMention]] = {}
    for m in mentions:
        by_head.setdefault(m.head, []).append(m)
    sentences = list(doc.sents)
    added: list[ActorMention] = []
    focus: ActorMention | None = None  # the latest state-level subject
    for s_index, sent in enumerate(sentences):
        previous_subjects: list[ActorMention] = []
        for back in range(1, DEMONSTRATIVE_WINDOW + 1):
            if s_index - back >= 0:
                previous_subjects = _subject_mentions(sentences[s_index - back], by_head)
                if not previous_subjects:
                    # The parser may miss the subject; a few distinct actors will still do.
                    named = _unique_codes(m for t in sentences[s_index - back] for m in by_head.get(t.i, ()))
                    previous_subjects = named if len(named) <= 3 else []
                if previous_subjects:
                    break
        for token in sent:
            if token.i in covered:
                continue
            link: list[ActorMention] = []
            rule = ""
            lemma = token.lemma_.lower()
            has_the = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            if (token.pos_ == "NOUN" and has_the and focus is not None and not _has_modifier(token)
                    and lemma in STATE_NOMINALS | GOVERNMENT_NOMINALS):
                if lemma in STATE_NOMINALS:
                    link, rule = [_state_only(focus)], f"'{token.text}' = the article's current state, {focus.text}"
                elif lemma in GOVERNMENT_NOMINALS and focus.country:
                    gov = _state_only(focus)
                    gov.code, gov.sector = focus.country + "GOV", "GOV"
                    link, rule = [gov], f"'{token.text}' = government of the current state, {focus.text}"
            elif token.pos_ == "NOUN" and has_the and not _has_modifier(token) and (lemma,) in kb.agents:
                earlier = _latest_agent(doc, mentions, token, sent_of[token.i] - DEFINITE_WINDOW)
                if earlier is not None:
                    link, rule = [earlier], f"'{token.text}' = the latest '{doc[earlier.head].text}' named, {earlier.text}"
            elif token.lower_ in PRONOUN_SUBJECTS and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp":
                # "Hungary said it will support ...": the reporter speaks of itself.
                antecedent = _reporter_of(token, by_head)
                if antecedent:
                    link, rule = antecedent, f"'{token.text}' = subject of '{token.head.head.text}', which governs its clause"
            elif token.lower_ in FIRST_PERSON and token.dep_ in ("nsubj", "nsubjpass"):
                # '"We condemn the killings," Nelson said': the quote's "we" or "I" is its speaker.
                antecedent = _quoted_speaker(token, by_head)
                if antecedent:
                    link, rule = antecedent, f"'{token.text}' in a quote = its speaker"
            elif token.lower_ in PRONOUN_SUBJECTS and token.dep_ == "nsubj" and token.head.dep_ == "relcl":
                antecedent = _main_clause_subject(token.head, by_head)
                if antecedent:
                    link, rule = antecedent, "pronoun in a relative clause = subject of the governing clause"
            elif token.lower_ in PRONOUN_OBJECTS and token.dep_ in ("dobj", "dative", "pobj"):
                antecedent = _object_antecedent(token, by_head)
                if antecedent:
                    link, rule = antecedent, f"'{token.text}' = the one other party named before it in the sentence"
            elif token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in token.children):
                if previous_subjects and (lemma in COLLECTIVE_NOUNS or (lemma,) in kb.agents):
                    link, rule = previous_subjects, "demonstrative refers to the subjects of a preceding sentence"
            for antecedent in link:
                start_token = min([c.i for c in token.children if c.dep_ == "det"] + [token.i])
                span = doc[start_token : token.i + 1]
                m = ActorMention(
                    text=span.text, start=span.start_char, end=span.end_char, code=antecedent.code,
                    country=antecedent.country, sector=antecedent.sector, actor_id=antecedent.actor_id,
                    sentence_index=sent_of[token.i], kind="coref", rule=f"coreference: {rule}",
                    token_start=span.start, token_end=span.end, head=token.i, name=antecedent.name,
                    title=antecedent.title, sectors=antecedent.sectors, qid=antecedent.qid,
                    provisional=antecedent.provisional,
                )
                added.append(m)
                by_head.setdefault(token.i, []).append(m)
        for m in _subject_mentions(sent, by_head):
            if m.country and m.kind in ("country", "metonym", "coref", "agent"):
                focus = m
    return added


def _object_antecedent(pronoun: Token, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    """ "summoned Libya's ambassador and asked him to ...": an object pronoun stands for the one
    person (him, her) or group (them) named before it in its sentence that is not the subject
    of its clause; with none, or two, it stays unlinked."""
    doc = pronoun.doc
    verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
    subjects: set[int] = set()
    while True:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                subjects.update(t.i for t in child.subtree)
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    plural = pronoun.lower_ == "them"
    found: dict[str, ActorMention] = {}
    for i in range(pronoun.sent.start, pronoun.i):
        for m in by_head.get(i, ()):
            head = doc[m.head]
            if m.head in subjects or m.kind in ("country", "demonym", "metonym") or head.dep_ in ("poss", "compound", "amod"):
                continue
            if plural:
                fits = m.kind in ("group", "igo") or (m.kind == "agent" and head.tag_ in ("NNS", "NNPS"))
            else:
                fits = m.kind == "person" or (m.kind == "provisional" and m.title is not None) or (
                    m.kind in ("agent", "provisional") and head.tag_ in ("NN", "NNP") and head.lemma_.lower() in PERSON_TITLES)
            if fits:
                found.setdefault(m.code, m)
    return list(found.values()) if len(found) == 1 else []


def _subject_mentions(sent, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    found: list[ActorMention] = []
    for token in sent:
        if token.dep_ in ("nsubj", "nsubjpass") and token.i in by_head:
            found.extend(by_head[token.i])
            for conj in token.conjuncts:
                found.extend(by_head.get(conj.i, []))
    return _unique_codes(found)


def _unique_codes(mentions) -> list[ActorMention]:
    unique: dict[str, ActorMention] = {}
    for m in mentions:
        if m.kind != "coref":
            unique.setdefault(m.code, m)
    return list(unique.values())


def _main_clause_subject(relcl_verb: Token, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    noun = relcl_verb.head
    governing = noun.head if noun.dep_ in ("dobj", "pobj", "attr") else None
    while governing is not None and governing.pos_ not in ("VERB", "AUX"):
        governing = governing.head if governing.head.i != governing.i else None
    if governing is None:
        return []
    for child in governing.children:
        if child.dep_ == "nsubj" and child.i in by_head:
            return by_head[child.i]
    return []


def _quoted_speaker(pronoun: Token, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    """The subject of the reporting verb above the pronoun's clause, if it is a known actor."""
    for verb in pronoun.head.ancestors:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_VERBS:
            speakers = [m for c in verb.children if c.dep_ == "nsubj" for m in by_head.get(c.i, ())]
            return _unique_codes(speakers) if len(_unique_codes(speakers)) == 1 else []
    return []


def _reporter_of(pronoun: Token, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    governor = pronoun.head.head
    for child in governor.children:
        if child.dep_ == "nsubj" and child.i in by_head:
            candidates = by_head[child.i]
            return candidates if agrees(pronoun.lower_, candidates, pronoun.doc) else []
    return []


def _latest_agent(doc: Doc, mentions: list[ActorMention], token: Token, first_sentence: int) -> ActorMention | None:
    """The nearest earlier actor phrase with the same head noun ("the army" -> "the Sudanese army")."""
    best = None
    for m in mentions:
        if (m.kind in ("agent", "group", "igo") and m.end <= token.idx and m.sentence_index >= first_sentence
                and doc[m.head].lemma_.lower() == token.lemma_.lower() and (best is None or m.start > best.start)):
            best = m
    return best


def _has_modifier(token: Token) -> bool:
    return any(c.dep_ in ("amod", "compound", "poss") for c in token.children)


def _state_only(focus: ActorMention) -> ActorMention:
    code = focus.country or focus.code[:3]
    return ActorMention(
        text=focus.text, start=focus.start, end=focus.end, code=code, country=focus.country, sector=None,
        actor_id=f"country:{code}", sentence_index=focus.sentence_index, kind="country",
    )
