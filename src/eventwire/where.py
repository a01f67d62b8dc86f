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
    """The event's place: a locative phrase governed by the trigger, else one in the same sentence.

    Places that are the event's actors ("Moscow said") are not its location.
    """
    sent = trigger.sent
    in_sentence = [
        p for p in places
        if sent.start_char <= p.start < sent.end_char and not any(s <= p.start < e for s, e in actor_spans)
    ]
    if not in_sentence:
        return None, ""
    by_start = {p.start: p for p in in_sentence}
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
            for pobj in child.children:
                for token in pobj.subtree:
                    place = by_start.get(token.idx)
                    if place is not None:
                        return place, f"object of '{child.text}' governed by the trigger"
        if child.dep_ in ("dobj", "nsubjpass"):
            for token in child.subtree:
                place = by_start.get(token.idx)
                if place is not None:
                    return place, "the trigger's object is a place"
    if len(in_sentence) == 1:
        return in_sentence[0], "the only place named in the sentence"
    return None, ""
