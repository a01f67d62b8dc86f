"""Finding actor mentions: knowledge-base names in the text, and the index the later stages read them by.

Knowledge-base names take precedence over NER; a name inside a longer entity of another
kind ("Turkish Airlines") is not its country. Entities no name covers are kept as unknown names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from spacy.tokens import Doc, Token

from ..knowledge.gazetteer import COMPASS_WORDS
from ..knowledge.kb import KnowledgeBase, NameHit, fold, holds_role
from ..knowledge.words import word_class
from ..model import ActorMention, UnknownName

# The gazetteer's country_of: the country a place name settles, if any.
PlaceCountry = Callable[[str], "str | None"]

# Hit kinds in order of preference when one name means several things.
KIND_PRIORITY = {"group": 0, "igo": 1, "person": 2, "metonym": 3, "country": 4, "demonym": 5}
# A country name inside a longer entity of these types is part of another name
# ("Tripoli International Airport", "Turkish Airlines"), not an actor.
SHADOWING_ENTITIES = {"PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "ORG", "LANGUAGE"}
ARABIC_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"}
UNKNOWN_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
STANCE_PREFIXES = {"anti", "pro"}
PERSON_TITLES = word_class("person_titles")


@dataclass(slots=True)
class MentionIndex:
    """Mentions of one article, reachable from the token that heads them."""

    by_head: dict[int, list[ActorMention]]
    by_token: dict[int, ActorMention]

    def at(self, token: Token, depth: int = 0) -> list[ActorMention]:
        found = self.by_head.get(token.i)
        if found:
            return found
        covering = self.by_token.get(token.i)
        if covering:
            return [covering]
        if token.pos_ in ("PROPN", "NOUN"):
            # An unknown person with a known title ("Libyan Prime Minister <name>", "U.S. Secretary
            # of State <name>"), or a description followed by the name ("the putschist Khalifa Haftar").
            for child in token.children:
                if child.i in self.by_head and (child.dep_ == "appos" or (child.dep_ in ("compound", "nmod") and token.pos_ == "PROPN")):
                    return self.by_head[child.i]
            # "Ana Ruiz, the UN aid chief in Haiti": the apposition's own actor.
            for child in token.children:
                if child.dep_ == "appos" and depth < 2:
                    found = self.at(child, depth + 1)
                    if found:
                        return found
            # "the al-Qaeda terror network", "a Hamas delegation": a named group modifying the head;
            # "Thai army chief Prayuth": any actor that a title belongs to.
            for child in token.children:
                if child.dep_ in ("compound", "nmod") and child.i in self.by_head:
                    groups = [m for m in self.by_head[child.i] if m.kind in ("group", "igo")
                              or (m.kind == "agent" and fold(token.lemma_) in PERSON_TITLES)]
                    if groups:
                        return groups
        return []


def build_index(mentions: list[ActorMention]) -> MentionIndex:
    by_head: dict[int, list[ActorMention]] = {}
    by_token: dict[int, ActorMention] = {}
    for m in mentions:
        by_head.setdefault(m.head, []).append(m)
        for t in range(m.token_start, m.token_end):
            current = by_token.get(t)
            if current is None or (current.token_end - current.token_start) < (m.token_end - m.token_start):
                by_token[t] = m
    return MentionIndex(by_head, by_token)


def find_names(kb: KnowledgeBase, place_country: PlaceCountry | None, doc: Doc, published: date | None,
               sent_of: list[int]) -> list[ActorMention]:
    """Knowledge-base names, longest first, where NER does not read them as part of another name."""
    folded = [fold(t.text) for t in doc]
    # doc.ents is rebuilt per access; keep what shadowing needs.
    entities = [
        (e.start + (doc[e.start].lower_ == "the"), e.end, e.label_,  # "The White House" is still the White House
         any(fold(t.lemma_) in kb.agent_words and t.pos_ in ("NOUN", "PROPN") for t in e)
         # "Bosnian Serbs" read as a PERSON is still two known demonyms
         or all((fold(t.text),) in kb.names for t in e if t.lower_ != "the"))
        for e in doc.ents
    ]
    found: list[ActorMention] = []
    i, n = 0, len(doc)
    while i < n:
        lengths = kb.name_lengths.get(folded[i])
        matched = 0
        # Names start with a capital, or with a lower-case Arabic article ("al-Qaeda", "el-Sisi").
        if lengths and (doc[i].text[:1].isupper() or folded[i] in ARABIC_ARTICLES):
            for length in lengths:
                if i + length > n:
                    continue
                hits = kb.names.get(tuple(folded[i : i + length]))
                if not hits:
                    continue
                span = doc[i : i + length]
                hit = _choose_hit(kb, hits, span.text, published)
                if hit is None or _shadowed(span, hit, entities):
                    continue
                if hit.derived and not _read_as_person(span, entities, kb.agent_words):
                    continue
                if hit.kind in ("country", "demonym", "metonym") and _part_of_a_region(kb, place_country, doc, i, length):
                    continue
                actor, why = kb.actor_for(hit, published)
                found.append(
                    ActorMention(
                        text=span.text, start=span.start_char, end=span.end_char, code=actor.code,
                        country=actor.country, sector=actor.sector, actor_id=actor.actor_id,
                        sentence_index=sent_of[i], kind=hit.kind, rule=f"name '{span.text}': {why}",
                        token_start=i, token_end=i + length, head=span.root.i, name=actor.name,
                        title=actor.title, sectors=actor.sectors, qid=actor.qid,
                    )
                )
                matched = length
                break
        i += matched or 1
    # "anti-Syria journalist", "pro-Russian separatists": the name is a stance, not the owner.
    found = [m for m in found if not stance_prefixed(doc, m.token_start)]
    return _residents(doc, _ethnic_communities(doc, found), sent_of)


def _part_of_a_region(kb: KnowledgeBase, place_country: PlaceCountry | None, doc: Doc, i: int, length: int) -> bool:
    """ "Northern Ireland", "Western Kenya"? The first is a region of another country, the second
    is Kenya: a compass word before a country name counts only when the gazetteer knows the pair."""
    if i == 0 or place_country is None or fold(doc[i - 1].text) not in COMPASS_WORDS or not doc[i - 1].text[:1].isupper():
        return False
    region = place_country(doc[i - 1 : i + length].text)
    hits = kb.names.get(tuple(fold(t.text) for t in doc[i : i + length]), [])
    return region is not None and region not in {h.key for h in hits}


def _choose_hit(kb: KnowledgeBase, hits: list[NameHit], surface: str, published: date | None) -> NameHit | None:
    usable = [h for h in hits if not h.exact_case or surface.replace(".", "").replace("-", "").isupper()]
    if not usable:
        return None
    derived = [h for h in usable if h.derived]
    if len(derived) > 1:
        # A surname several people share: the one in office on the day, if exactly one is.
        serving = [h for h in derived if any(holds_role(r, published) for r in kb.people[h.key].roles)]
        return serving[0] if len(serving) == 1 else None
    return min(usable, key=lambda h: KIND_PRIORITY[h.kind])


def _read_as_person(span, entities: list[tuple[int, int, str, bool]], agent_words: frozenset[str]) -> bool:
    """Whether NER reads the span as a person named by surname alone, or with a title only:
    "Bush", "President Bush", but not "Laura Bush", someone else of that name."""
    doc = span.doc
    if any(t.pos_ != "PROPN" for t in span):
        return False  # "Rice prices", "Brown rice": the tagger reads a common word
    for start, end, label, _ in entities:
        if label == "PERSON" and start <= span.start and span.end <= end:
            others = [t for t in doc[start:end] if t.i < span.start or t.i >= span.end]
            return all(fold(t.lemma_) in agent_words or not t.is_alpha for t in others)
    return False


def _shadowed(span, hit: NameHit, entities: list[tuple[int, int, str, bool]]) -> bool:
    """True when a country-like name is only part of a longer, different entity.

    "Turkish Airlines" hides Turkey; "the Libyan Foreign Ministry" or "British Defence
    Secretary Jane Doe" do not, because a sector word inside makes them the country's agents.
    """
    if hit.kind not in ("country", "metonym", "demonym"):
        return False
    for start, end, label, has_agent_word in entities:
        if start <= span.start and span.end <= end and (end - start) > (span.end - span.start):
            if label in SHADOWING_ENTITIES:
                return not has_agent_word
    return False


def stance_prefixed(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows "anti-" or "pro-" (tokenized as "anti", "-")."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


def _residents(doc: Doc, names: list[ActorMention], sent_of: list[int]) -> list[ActorMention]:
    """ "Ethnic Hungarians in Romania", "the Hungarians of Slovakia": a people named by
    its demonym, placed in another country, is that country's ethnic community (ETH)."""
    by_head = {m.head: m for m in names if m.kind == "country"}
    result = []
    for m in names:
        token = doc[m.head]
        if m.kind == "demonym" and token.tag_ in ("NNS", "NNPS") and m.token_end - m.token_start == 1:
            homes = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("in", "of")
                     for p in prep.children if p.dep_ == "pobj"]
            home = next((by_head[p.i] for p in homes if p.i in by_head and by_head[p.i].country != m.country), None)
            if home is not None:
                result.append(replace(m, code=f"{home.country}ETH", country=home.country, sector="ETH", kind="agent",
                                      actor_id=None, name=None, sectors=(), qid=None, rule=f"ethnic community: {m.text} of {home.text}"))
                continue
        result.append(m)
    return result


def _ethnic_communities(doc: Doc, names: list[ActorMention]) -> list[ActorMention]:
    """ "Bosnian Serbs", "Iraqi Turkmen": a people named by one demonym, living in another country,
    is that country's ethnic community (sector ETH), not a second country."""
    by_start = {m.token_start: m for m in names}
    merged: list[ActorMention] = []
    skip: set[int] = set()
    for m in names:
        people = by_start.get(m.token_end)
        if (m.kind == "demonym" and people is not None and people.kind == "demonym" and people.country != m.country
                and doc[people.head].tag_ in ("NNS", "NNPS") and doc[m.head].head.i == people.head):
            span = doc[m.token_start:people.token_end]
            merged.append(ActorMention(
                text=span.text, start=span.start_char, end=span.end_char, code=f"{m.country}ETH", country=m.country,
                sector="ETH", actor_id=None, sentence_index=m.sentence_index, kind="agent",
                rule=f"ethnic community: {people.text} of {m.text}", token_start=span.start, token_end=span.end,
                head=people.head,
            ))
            skip.update((id(m), id(people)))
    return [m for m in names if id(m) not in skip] + merged


def unknown_names(doc: Doc, mentions: list[ActorMention], sent_of: list[int],
                  place_country: PlaceCountry | None = None) -> list[UnknownName]:
    """Person, organization, group and place entities that no mention covers and the gazetteer does
    not know ("Misrata" read as an organisation is still a known town), for `eventwire actors unknown`."""
    covered = {t for m in mentions for t in range(m.token_start, m.token_end)}
    unknown = []
    for ent in doc.ents:
        if ent.label_ not in UNKNOWN_LABELS or any(t in covered for t in range(ent.start, ent.end)):
            continue
        if place_country is not None and place_country(ent.text) is not None:
            continue
        unknown.append(
            UnknownName(ent.text, ent.label_, ent.start_char, ent.end_char, sent_of[ent.start], ent.sent.text.strip())
        )
    return unknown
