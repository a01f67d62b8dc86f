"""The store's tables: their Arrow schemas, and the rows a coded article gives each of them.

DuckDB and the Parquet datasets share these schemas, so a store and a Ray dataset hold
the same columns; ``event_row`` and ``row_to_event_dict`` are the public event schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from ..model import ArticleResult, Event, Reject

SCHEMA_VERSION = 2  # 2: POLECAT-style actor fields (name, title, sectors, qid, provisional, rule)

ACTOR_FIELDS = ("text", "code", "country", "sector", "actor_id", "start", "end", "name", "title", "sectors", "qid",
                "provisional", "rule")
LOCATION_FIELDS = ("name", "lat", "lon", "country", "admin1", "feature", "start", "end")
ACTOR_TYPES = {"text": pa.string(), "code": pa.string(), "country": pa.string(), "sector": pa.string(),
               "actor_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "name": pa.string(),
               "title": pa.string(), "sectors": pa.list_(pa.string()), "qid": pa.string(), "provisional": pa.bool_(),
               "rule": pa.string()}
LOCATION_TYPES = {"name": pa.string(), "lat": pa.float64(), "lon": pa.float64(), "country": pa.string(),
                  "admin1": pa.string(), "feature": pa.string(), "start": pa.int32(), "end": pa.int32()}


def _actor_columns(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{name}", kind) for name, kind in ACTOR_TYPES.items()]


EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()), ("article_id", pa.string()), ("content_hash", pa.string()),
        ("sentence_index", pa.int32()), ("sentence", pa.string()),
        ("date", pa.date32()), ("date_precision", pa.string()),
        *_actor_columns("source"), *_actor_columns("target"),
        ("cameo", pa.string()), ("cameo_root", pa.string()), ("plover", pa.string()), ("plover_mode", pa.string()),
        ("quad_class", pa.int8()), ("goldstein", pa.float64()), ("status", pa.string()),
        *_actor_columns("attributed"),
        ("confidence", pa.float64()), ("trigger_text", pa.string()), ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        *[(f"location_{name}", kind) for name, kind in LOCATION_TYPES.items()],
        ("rule", pa.string()), ("status_reason", pa.string()), ("date_rule", pa.string()),
    ]
)
ARTICLE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()), ("article_id", pa.string()), ("title", pa.string()),
        ("published", pa.date32()), ("url", pa.string()), ("outlet", pa.string()), ("origin", pa.string()),
        ("text", pa.string()), ("n_sentences", pa.int32()), ("n_events", pa.int32()),
    ]
)
MENTION_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()),
        ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("code", pa.string()),
        ("country", pa.string()), ("sector", pa.string()), ("actor_id", pa.string()), ("kind", pa.string()),
        ("rule", pa.string()), ("name", pa.string()), ("qid", pa.string()), ("provisional", pa.bool_()),
    ]
)
PLACE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()),
        ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
        ("admin1", pa.string()), ("feature", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("rule", pa.string()),
    ]
)
UNKNOWN_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()),
        ("text", pa.string()), ("label", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("context", pa.string()),
    ]
)
STANCE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()), ("article_id", pa.string()), ("actor_key", pa.string()), ("code", pa.string()),
        ("name", pa.string()), ("score", pa.float64()), ("n_cues", pa.int32()),
        ("evidence", pa.string()),  # JSON list of {text, start, end, kind, score}
    ]
)
REJECT_SCHEMA = pa.schema(
    [("reject_key", pa.string()), ("origin", pa.string()), ("reason", pa.string()), ("detail", pa.string()),
     ("raw", pa.string())]
)

TABLES = {
    "articles": (ARTICLE_SCHEMA, "content_hash"),
    "events": (EVENT_SCHEMA, "event_id"),
    "mentions": (MENTION_SCHEMA, None),
    "places": (PLACE_SCHEMA, None),
    "unknown_names": (UNKNOWN_SCHEMA, None),
    "stance": (STANCE_SCHEMA, None),
    "rejects": (REJECT_SCHEMA, "reject_key"),
}


def batch_tables(results: list[ArticleResult], rejects: Iterable[Reject] = ()) -> dict[str, pa.Table]:
    """The rows of every table for a batch of coded articles, as Arrow tables in the store's schemas."""
    fresh = results
    return {
        "articles": _table(ARTICLE_SCHEMA, (article_row(r) for r in fresh)),
        "events": _table(EVENT_SCHEMA, (event_row(e, r.article.content_hash) for r in fresh for e in r.events)),
        "mentions": _table(MENTION_SCHEMA, (mention_row(m, r) for r in fresh for m in r.mentions)),
        "places": _table(PLACE_SCHEMA, (place_row(p, r) for r in fresh for p in r.places)),
        "unknown_names": _table(UNKNOWN_SCHEMA, (unknown_row(u, r) for r in fresh for u in r.unknown)),
        "stance": _table(STANCE_SCHEMA, (stance_row(st, r) for r in fresh for st in r.stance)),
        "rejects": _table(REJECT_SCHEMA, (reject_row(x) for x in rejects)),
    }


def _table(schema: pa.Schema, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


def _actor_cells(prefix: str, actor) -> dict[str, Any]:
    data = actor.to_dict() if actor is not None else {}
    return {f"{prefix}_{name}": data.get(name) for name in ACTOR_FIELDS}


def event_row(event: Event, text_hash: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": event.event_id, "article_id": event.article_id, "content_hash": text_hash,
        "sentence_index": event.sentence_index, "sentence": event.sentence,
        "date": event.date, "date_precision": event.date_precision,
        **_actor_cells("source", event.source), **_actor_cells("target", event.target),
        "cameo": event.cameo, "cameo_root": event.cameo_root, "plover": event.plover,
        "plover_mode": event.plover_mode, "quad_class": event.quad_class, "goldstein": event.goldstein,
        "status": event.status, **_actor_cells("attributed", event.attributed_to),
        "confidence": event.confidence, "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "rule": event.rule, "status_reason": event.status_reason, "date_rule": event.date_rule,
    }
    location = event.location.to_dict() if event.location else {}
    row.update({f"location_{name}": location.get(name) for name in LOCATION_FIELDS})
    if row["date"] is not None:
        from datetime import date

        row["date"] = date.fromisoformat(row["date"])
    return row


def row_to_event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """Rebuild the public event JSON from a flat events row."""

    def actor(prefix: str) -> dict[str, Any] | None:
        if row.get(f"{prefix}_code") is None:
            return None
        actor = {name: row.get(f"{prefix}_{name}") for name in ACTOR_FIELDS}
        actor["sectors"] = list(actor["sectors"] or [])
        actor["provisional"] = bool(actor["provisional"])
        return actor

    location = None
    if row.get("location_name") is not None:
        location = {name: row[f"location_{name}"] for name in LOCATION_FIELDS}
    day = row["date"]
    return {
        "article_id": row["article_id"], "event_id": row["event_id"], "sentence_index": row["sentence_index"],
        "sentence": row["sentence"], "date": day.isoformat() if day is not None else None,
        "date_precision": row["date_precision"], "source": actor("source"), "target": actor("target"),
        "cameo": row["cameo"], "cameo_root": row["cameo_root"], "plover": row["plover"],
        "plover_mode": row["plover_mode"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "status": row["status"], "attributed_to": actor("attributed"), "confidence": row["confidence"],
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "location": location,
    }


def article_row(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {
        "content_hash": a.content_hash, "article_id": a.article_id, "title": a.title, "published": a.published,
        "url": a.url, "outlet": a.outlet, "origin": a.origin, "text": a.text,
        "n_sentences": len(result.sentences), "n_events": len(result.events),
    }


def mention_row(m, result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {
        "content_hash": a.content_hash, "article_id": a.article_id, "sentence_index": m.sentence_index,
        "text": m.text, "start": m.start, "end": m.end, "code": m.code, "country": m.country, "sector": m.sector,
        "actor_id": m.actor_id, "kind": m.kind, "rule": m.rule, "name": m.name, "qid": m.qid,
        "provisional": m.provisional,
    }


def place_row(p, result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {"content_hash": a.content_hash, "article_id": a.article_id, "sentence_index": p.sentence_index,
            "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country, "admin1": p.admin1,
            "feature": p.feature, "start": p.start, "end": p.end, "rule": p.rule}


def unknown_row(u, result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {"content_hash": a.content_hash, "article_id": a.article_id, "sentence_index": u.sentence_index,
            "text": u.text, "label": u.label, "start": u.start, "end": u.end, "context": u.context}


def stance_row(st, result: ArticleResult) -> dict[str, Any]:
    a = result.article
    evidence = [{"text": c.text, "start": c.start, "end": c.end, "kind": c.kind, "score": c.score} for c in st.cues]
    return {"content_hash": a.content_hash, "article_id": a.article_id, "actor_key": st.actor_key, "code": st.code,
            "name": st.name, "score": st.score, "n_cues": len(st.cues), "evidence": json.dumps(evidence, ensure_ascii=False)}


def reject_row(reject: Reject) -> dict[str, Any]:
    key = hashlib.sha256(f"{reject.origin}\x00{reject.reason}\x00{reject.raw}".encode("utf-8", "replace")).hexdigest()
    return {"reject_key": key, **reject.to_dict()}


def dumps_event(event: dict[str, Any]) -> str:
    return json.dumps(event, ensure_ascii=False)
