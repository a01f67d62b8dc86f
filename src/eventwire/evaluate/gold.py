"""Gold readers: the PLOVER gold-standard JSON and eventwire's own JSONL, as GoldRecords.

PLOVER labels renamed in v0.5 are mapped on load, so both formats score against one label set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..read.published import parse_published

# PLOVER v0.5 renamed or merged these types.
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NONE_LABEL = "NONE"
# Code prefixes of actors that belong to no country.
TRANSNATIONAL = ("IGO", "NGO", "MNC", "IMG")


@dataclass(slots=True)
class GoldActor:
    text: str
    country: str | None  # ISO alpha-3, or None for IGOs and unknowns
    code: str  # country + sector where the gold gives a sector


@dataclass(slots=True)
class GoldRecord:
    record_id: str
    text: str
    published: date | None
    event: str  # PLOVER type, or NONE for a sentence with no event
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    status: str | None = None
    location: dict[str, Any] | None = None  # {"name", "lat", "lon"}: the event's place; lat/lon may be null
    event_date: str | None = None  # "YYYY-MM-DD": the event's own date
    span: tuple[int, int] | None = None  # character span of the event's sentence; None = the whole text
    alt_types: tuple[str, ...] = ()  # other PLOVER types the gold accepts for this event
    optional: bool = False  # coding it is neither a miss nor a false positive
    cluster: str | None = None  # the real-world event it reports, shared across outlets
    location_given: bool = False  # the gold says where, or says (null) that no place is known


def _gold_actor(raw: dict[str, Any] | str) -> GoldActor:
    if isinstance(raw, str):
        raw = {"code": raw}
    code = (raw.get("code") or "").upper()
    sector = (raw.get("sector") or "").upper()
    country = code[:3] if len(code) >= 3 and code[:3] not in TRANSNATIONAL else None
    return GoldActor(raw.get("actorText") or raw.get("text") or "", country, code + sector if sector and len(code) == 3 else code)


def _actors(raw) -> list[GoldActor]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raw = [raw]
    return [_gold_actor(item) for item in raw if item]


class GoldError(ValueError):
    """A gold event that cannot be scored: it names the record and the reason."""


def _label(raw: Any) -> str:
    label = str(raw or "").upper() or NONE_LABEL
    return LABEL_MAP.get(label, label)


def _sentence_span(text: str, gold: dict[str, Any], record_id: str) -> tuple[int, int] | None:
    """Where the gold event's sentence sits in the text: explicit offsets, else the ``sentence``
    string found in the text, else None (the whole text)."""
    start, end = gold.get("start"), gold.get("end")
    if isinstance(start, int) and isinstance(end, int):
        if not 0 <= start < end <= len(text):
            raise GoldError(f"record {record_id}: offsets {start}-{end} fall outside its text")
        return start, end
    sentence = gold.get("sentence")
    if not sentence:
        return None
    at = text.find(sentence)
    if at < 0:
        raise GoldError(f"record {record_id}: its sentence {sentence[:60]!r} is not in the text")
    return at, at + len(sentence)


def _location(raw: Any, record_id: str) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise GoldError(f"record {record_id}: location must be an object or null")
    lat, lon = raw.get("lat"), raw.get("lon")
    if (lat is None) != (lon is None) or any(v is not None and not isinstance(v, (int, float)) for v in (lat, lon)):
        raise GoldError(f"record {record_id}: location needs numeric lat and lon, or both null")
    return {"name": raw.get("name"), "lat": lat, "lon": lon}


def load_gold(path: str | Path, rejects: list[str] | None = None) -> list[GoldRecord]:
    """PLOVER gold-standard JSON (a list of records) or eventwire JSONL (one record a line).

    A gold event that cannot be scored raises GoldError, or, when ``rejects`` is given, is
    left out and its reason appended there, so one bad event does not void the file."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        raw_records = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    raw_records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise GoldError(f"{path.name} line {number}: not JSON ({error.msg})") from None
    else:
        try:
            raw_records = json.loads(text)
        except json.JSONDecodeError as error:
            raise GoldError(f"{path.name}: not JSON ({error.msg} at line {error.lineno})") from None
    records = []
    for index, raw in enumerate(raw_records):
        text = raw.get("text")
        if not text or (raw.get("event") or "").upper() == "DOCUMENT":
            continue
        record_id = str(raw.get("id", index))
        published = parse_published(raw.get("date") or raw.get("published"))
        # A whole article lists its events; a sentence record is its own single event.
        gold_events = raw["events"] if isinstance(raw.get("events"), list) else [raw]
        if not gold_events:  # an article with no events is scored as a no-event record
            records.append(GoldRecord(record_id=record_id, text=text, published=published, event=NONE_LABEL))
        for gold in gold_events:
            try:
                records.append(_record(record_id, text, published, gold))
            except GoldError as error:
                if rejects is None:
                    raise
                rejects.append(str(error))
    return records


def _record(record_id: str, text: str, published: date | None, gold: dict[str, Any]) -> GoldRecord:
    return GoldRecord(
        record_id=record_id,
        text=text,
        published=published,
        event=_label(gold.get("event") or gold.get("plover")),
        sources=_actors(gold.get("source")),
        targets=_actors(gold.get("target")),
        status=gold.get("status"),
        location=_location(gold.get("location"), record_id),
        event_date=gold.get("event_date"),
        span=_sentence_span(text, gold, record_id),
        alt_types=tuple(_label(t) for t in gold.get("alt_types") or ()),
        optional=bool(gold.get("optional")),
        cluster=gold.get("cluster") or None,
        location_given="location" in gold,
    )
