"""The where stage: recognise place names and give each event the place its own clause names.

The gazetteer here is built from the knowledge base (country centroids and
capitals); an event takes a place from its own clause first, then its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .kb import KnowledgeBase, fold
from .model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE_PREPS = {"in", "at", "near", "to", "into", "inside", "outside", "around", "across", "from", "toward", "towards", "on"}
# Prepositions that put the event itself somewhere ("clashes in Tripoli").
PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "within", "throughout", "into"}
# "to" names the event's place only after a verb of movement ("deployed troops to Iraq", not "talked to Iraq").
MOTION_PREPS = {"to", "toward", "towards"}
MOTION_VERBS = {"deploy", "send", "dispatch", "move", "march", "advance", "travel", "fly", "sail", "arrive", "return", "redeploy", "transfer", "ship", "airlift", "evacuate"}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str  # country | capital


class Gazetteer:
    """Name -> candidate places, folded for accents and case."""

    def __init__(self, entries: list[GazetteerEntry]):
        self.by_name: dict[str, list[GazetteerEntry]] = {}
        for entry in entries:
            self.by_name.setdefault(fold(entry.name), []).append(entry)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> "Gazetteer":
        entries = []
        for country in kb.countries.values():
            for name in (country.name, *country.aliases):
                entries.append(GazetteerEntry(name, country.lat, country.lon, country.iso3, None, "country"))
            if country.capital:
                cap = country.capital
                entries.append(GazetteerEntry(cap.name, cap.lat, cap.lon, country.iso3, None, "capital"))
        return cls(entries)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return self.by_name.get(key, [])


def find_places(doc: Doc, gazetteer: Gazetteer, focus_country: str | None, sent_of: list[int]) -> list[Place]:
    """Every resolvable place entity in the article, with offsets."""
    places = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        candidates = gazetteer.lookup(ent.text)
        if not candidates:
            continue
        # Prefer the article's focus country, then capitals over same-named others.
        best = max(candidates, key=lambda e: (e.country == focus_country, e.feature == "capital"))
        places.append(
            Place(
                name=ent.text, lat=best.lat, lon=best.lon, country=best.country, admin1=best.admin1,
                feature=best.feature, start=ent.start_char, end=ent.end_char, sentence_index=sent_of[ent.start],
                rule=f"gazetteer '{best.name}' ({best.feature})",
            )
        )
    return places


def locate_event(trigger: Token, places: list[Place], actor_spans: list[tuple[int, int]]) -> tuple[Place | None, str]:
    """The event's place: a locative phrase governed by the trigger or its object, else none.

    Places that are actors ("Moscow said") are not locations, and a place named
    elsewhere in the sentence may belong to another clause, so it is not used.
    """
    sent = trigger.sent
    usable = [
        p for p in places
        if sent.start_char <= p.start < sent.end_char and not any(s < p.end and p.start < e for s, e in actor_spans)
    ]
    if not usable:
        return None, ""

    def place_in(token: Token) -> Place | None:
        for place in usable:
            if place.start <= token.idx < place.end:
                return place
        return None

    preps = PLACE_PREPS | (MOTION_PREPS if trigger.lemma_.lower() in MOTION_VERBS else set())
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)  # "launched an offensive in Tripoli"
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    for token in pobj.subtree:
                        place = place_in(token)
                        if place is not None:
                            return place, f"object of '{child.text}' governed by '{head.text}'"
    for obj in (c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")):
        place = place_in(obj)
        if place is not None:
            return place, "the trigger's object is a place"
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                place = place_in(pobj)
                if place is not None:
                    return place, f"the trigger's object is '{prep.text}' {place.name}"
    return None, ""
