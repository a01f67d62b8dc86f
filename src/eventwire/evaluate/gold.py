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
    location: dict[str, Any] | None = None  # {"name", "lat", "lon"}: the event's place
    event_date: str | None = None  # "YYYY-MM-DD": the event's own date


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


def load_gold(path: str | Path) -> list[GoldRecord]:
    """PLOVER gold-standard JSON (a list of records) or eventwire JSONL (one record a line)."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        raw_records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        raw_records = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for index, raw in enumerate(raw_records):
        text = raw.get("text")
        if not text or (raw.get("event") or "").upper() == "DOCUMENT":
            continue
        record_id = str(raw.get("id", index))
        published = parse_published(raw.get("date") or raw.get("published"))
        # A whole article lists its events; a sentence record is its own single event.
        gold_events = raw["events"] if isinstance(raw.get("events"), list) else [raw]
        for gold in gold_events or [{}]:
            event = (gold.get("event") or gold.get("plover") or "").upper() or NONE_LABEL
            records.append(
                GoldRecord(
                    record_id=record_id,
                    text=text,
                    published=published,
                    event=LABEL_MAP.get(event, event),
                    sources=_actors(gold.get("source")),
                    targets=_actors(gold.get("target")),
                    status=gold.get("status"),
                    location=gold.get("location"),
                    event_date=gold.get("event_date"),
                )
            )
    return records
