"""Schemas of the knowledge files under ``eventwire/knowledge/data``, checked on load.

Each file is plain JSON that people edit by hand; a pydantic model per entry
turns a typo into an error that names the file, the entry and the field.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

# CAMEO/Phoenix sector codes that eventwire understands.
SECTORS = {
    "GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "BUS", "MED", "CVL", "REF", "NGO",
    "IGO", "SPY", "EDU", "HLH", "LAB", "ELI", "CRM", "UAF", "INS", "SEP", "PTY", "ENV",
    "AGR", "REL", "MOD", "RAD", "IMG", "HRI", "PEO", "MNC", "NGM", "ETH", "DEV", "SET", "JEW",
    "CHR", "MUS", "HIN", "BUD", "TOU", "STU", "ACT", "PRO", "VET", "MDE",
}
ISO3 = re.compile(r"^[A-Z]{3}$")
ACTOR_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
CAMEO_CODE = re.compile(r"^\d{2,4}$")
WIKIDATA_QID = re.compile(r"^Q[1-9][0-9]*$")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


class KnowledgeError(ValueError):
    """A knowledge file is missing or does not match its schema."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _nonblank(values: list[str]) -> list[str]:
    for value in values:
        if not value or value != value.strip():
            raise ValueError(f"blank or padded name {value!r}")
    return values


def _actor_code(value: str) -> str:
    if not ACTOR_CODE.match(value):
        raise ValueError(f"code must be groups of three capital letters, got {value!r}")
    return value


def _cameo_code(value: str) -> str:
    if not CAMEO_CODE.match(value):
        raise ValueError(f"CAMEO code must be 2 to 4 digits, got {value!r}")
    return value


def _wikidata_qid(value: str | None) -> str | None:
    """A Wikidata item id such as Q1234; None where the id is not known."""
    if value is not None and not WIKIDATA_QID.match(value):
        raise ValueError(f"qid must be a Wikidata item id such as Q42, got {value!r}")
    return value


def _iso3_code(value: str | None) -> str | None:
    """An ISO alpha-3 country code; None passes for fields that allow no country."""
    if value is not None and not ISO3.match(value):
        raise ValueError(f"country must be an ISO alpha-3 code (three capital letters), got {value!r}")
    return value


# ---------------------------------------------------------------- actors
class Capital(_Entry):
    name: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Country(_Entry):
    iso3: str
    name: str
    aliases: list[str] = []
    demonyms: list[str] = []  # adjectives and people nouns: Turkish, Turk, Turks
    capital: Capital | None = None
    # Places whose name stands for the government: the capital, Kremlin, White House.
    government_metonyms: list[str] = []
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    _names = field_validator("aliases", "demonyms", "government_metonyms")(_nonblank)

    _iso3 = field_validator("iso3")(_iso3_code)


class Organization(_Entry):
    id: str
    code: str  # e.g. IGOUNO, IGOWSTNAT
    name: str
    aliases: list[str] = []
    country: str | None = None  # null for IGOs and transnational actors
    sector: str | None = "IGO"
    qid: str | None = None  # Wikidata item id
    # Other spellings of the code in other datasets ("IGOAU" for IGOAFRAFU); read as this code.
    code_aliases: list[str] = []

    _names = field_validator("aliases")(_nonblank)

    _qid = field_validator("qid")(_wikidata_qid)

    _code = field_validator("code")(_actor_code)


class AgentGroup(_Entry):
    sector: str
    terms: list[str]  # singular lemmas: "minister", "soldier", "protester"

    _names = field_validator("terms")(_nonblank)

    @field_validator("sector")
    @classmethod
    def _sector(cls, value: str) -> str:
        if value not in SECTORS:
            raise ValueError(f"unknown sector {value!r}")
        return value


class Group(_Entry):
    """A named non-state actor or faction."""

    id: str
    name: str
    aliases: list[str] = []
    code: str
    country: str | None
    sector: str | None
    qid: str | None = None  # Wikidata item id

    _names = field_validator("aliases")(_nonblank)

    _qid = field_validator("qid")(_wikidata_qid)

    _code = field_validator("code")(_actor_code)


class Role(_Entry):
    code: str
    country: str | None
    sector: str | None
    title: str
    start: date | None = None  # inclusive; null = open
    end: date | None = None  # inclusive; null = still in office

    @model_validator(mode="after")
    def _ordered(self) -> "Role":
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"role {self.title!r} ends before it starts")
        return self


class Person(_Entry):
    id: str
    name: str
    aliases: list[str] = []
    roles: list[Role]
    qid: str | None = None  # Wikidata item id

    _names = field_validator("aliases")(_nonblank)

    _qid = field_validator("qid")(_wikidata_qid)


# ---------------------------------------------------------------- events
class CameoCode(_Entry):
    code: str
    label: str
    goldstein: float = Field(ge=-10, le=10)
    quad_class: int = Field(ge=1, le=4)
    plover: str | None  # None: PLOVER has no type for it (a bare statement, CAMEO 010)
    plover_mode: str | None = None
    # Why the PLOVER type departs from the official CAMEO2PLOVER table, with its reference.
    plover_note: str = ""

    _code = field_validator("code")(_cameo_code)

    @field_validator("plover")
    @classmethod
    def _plover(cls, value: str | None) -> str | None:
        if value is not None and value not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value


class VerbPattern(_Entry):
    """One lexicon entry: a verb or event noun, optional constraints, the CAMEO code."""

    code: str
    lemma: str | None = None  # verb lemma
    noun: str | None = None  # event noun lemma ("cease-fire", "sanction")
    particle: str | None = None  # phrasal particle: "back" in "back down"
    prep: str | None = None  # preposition the trigger governs: "to" in "fly to"
    objects: list[str] = []  # direct-object head lemmas that must be present
    complements: list[str] = []  # xcomp verb lemmas: "threaten" + "attack"
    subjects: list[str] = []  # subject head lemmas that must be present: "troops" left Afghanistan
    modifiers: list[str] = []  # amod/compound lemmas of an event noun: "military" aid
    target: Literal["object", "prep", "none"] = "object"
    # For verbs of receiving ("received aid from the EU"): the giver is the object of this
    # preposition and becomes the source; the grammatical subject becomes the target.
    source_prep: str | None = None
    # Joint actors of a reciprocal event act on each other: "A and B signed a deal" is A->B and B->A.
    reciprocal: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _one_head(self) -> "VerbPattern":
        if (self.lemma is None) == (self.noun is None):
            raise ValueError("a pattern needs exactly one of 'lemma' or 'noun'")
        if self.target == "prep" and not self.prep:
            raise ValueError("target 'prep' needs 'prep'")
        return self


class IntentRule(_Entry):
    """Codes starting with ``prefix`` become ``code`` when the event is only intended (or refused)."""

    prefix: str
    code: str

    _codes = field_validator("prefix", "code")(_cameo_code)


class CuratedPlace(_Entry):
    """A place the GeoNames and airport tables lack: a base, a sea, a region, a border area or a site."""

    name: str
    aliases: list[str] = []
    feature: Literal["base", "port", "sea", "region", "border", "site", "city", "airport"]
    country: str | None  # ISO alpha-3; null for seas and regions spanning countries
    admin1: str | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    _names = field_validator("aliases")(_nonblank)

    _country = field_validator("country")(_iso3_code)


class StanceTerm(_Entry):
    """An evaluative word or phrase and how it frames the actor it describes (-1 hostile .. 1 favourable)."""

    term: str
    score: float = Field(ge=-1, le=1)

    @field_validator("term")
    @classmethod
    def _term(cls, value: str) -> str:
        if not value or value != value.strip() or value != value.lower():
            raise ValueError(f"term must be lower-case and unpadded, got {value!r}")
        return value



class WordClass(_Entry):
    """A named list of words a coding rule tests lemmas against ("reporting_verbs", "person_titles")."""

    name: str = Field(pattern=r"^[a-z][a-z_]*$")
    used_by: Literal["actors", "events", "modality", "where"]
    description: str = Field(min_length=10)
    words: list[str] = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _words(cls, values: list[str]) -> list[str]:
        for value in values:
            if not value or value != value.strip() or value != value.lower():
                raise ValueError(f"words are lemmas: lower-case and unpadded, got {value!r}")
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ValueError(f"listed more than once: {', '.join(repeated)}")
        return values

E = TypeVar("E", bound=BaseModel)


def load_entries(path: Path, key: str, model: type[E]) -> list[E]:
    """Read ``{key: [...]}`` from a JSON file and validate every entry."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: knowledge file is missing") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
        raise KnowledgeError(f"{path}: expected an object with a list under {key!r}")
    entries: list[E] = []
    for index, raw in enumerate(payload[key]):
        try:
            entries.append(model.model_validate(raw))
        except ValidationError as exc:
            label = raw.get("id") or raw.get("name") or raw.get("code") if isinstance(raw, dict) else raw
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors())
            raise KnowledgeError(f"{path}: {key}[{index}] ({label}): {problems}") from exc
    return entries
