"""Scoring against gold records: detection, type, actor, status, place and date accuracy.

For every gold record the text is coded, and the scores are computed per PLOVER type
and overall, with a confusion table.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..model import Article, Event
from .gold import NONE_LABEL, TRANSNATIONAL, GoldActor, GoldRecord, load_gold

LOCATION_KM = 25.0  # a coded location this close to the gold coordinates counts as right


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if not p or not r:
        return 0.0 if p is not None and r is not None else None
    return round(2 * p * r / (p + r), 4)


def _country_match(actor, gold: list[GoldActor]) -> bool:
    """Same country. A transnational gold actor (no country: IGO, NGO, ...) matches a coded
    actor that has no country either; whether the Red Cross is an IGO or an NGO is a
    sector question, which code accuracy scores."""
    if actor is None:
        return False
    for g in gold:
        if g.country and g.country == actor.country:
            return True
        if not g.country and g.code[:3] in TRANSNATIONAL and actor.country is None and actor.code[:3] in TRANSNATIONAL:
            return True
    return False


def _code_match(actor, gold: list[GoldActor]) -> bool:
    if actor is None:
        return False
    code = actor.code
    return any(g.code == code or (g.country is None and g.code and code.startswith(g.code)) for g in gold)


def _best_event(events: list[Event], record: GoldRecord) -> Event | None:
    """The coded event of the gold type that best matches the gold actors."""
    same_type = [e for e in events if e.plover == record.event]
    if not same_type:
        return None
    return max(same_type, key=lambda e: (_country_match(e.source, record.sources), _country_match(e.target, record.targets), e.confidence))


def evaluate(records: Iterable[GoldRecord], code_record) -> dict[str, Any]:
    """Score ``code_record(record) -> list[Event]`` on the gold records."""
    records = list(records)
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    status_hits = Counter()
    misses: list[dict[str, Any]] = []
    # Records of one article share its id and text: code it once, score each gold event.
    for _, group in itertools.groupby(records, key=lambda r: (r.record_id, r.text)):
        group = list(group)
        events = code_record(group[0])
        predicted_types = {e.plover for e in events}
        gold_types = {r.event for r in group} - {NONE_LABEL}
        if not gold_types:
            totals["none_records"] += 1
            totals["none_with_events"] += bool(events)
            for t in predicted_types:
                per_type[t]["false_positive"] += 1
            confusion[NONE_LABEL][max(predicted_types) if predicted_types else NONE_LABEL] += 1
            continue
        for t in predicted_types - gold_types:
            per_type[t]["false_positive"] += 1
        unused = list(events)
        for record in (r for r in group if r.event != NONE_LABEL):
            gold = record.event
            totals["gold"] += 1
            per_type[gold]["gold"] += 1
            if events:
                totals["detected"] += 1
            best = _best_event(unused, record)
            top = max(events, key=lambda e: e.confidence).plover if events else NONE_LABEL
            confusion[gold][gold if best else top] += 1
            if best is None:
                if len(misses) < 200:
                    misses.append({"id": record.record_id, "gold": gold, "coded": sorted(predicted_types), "text": record.text})
                continue
            unused.remove(best)
            totals["matched"] += 1
            per_type[gold]["matched"] += 1
            per_type[gold]["true_positive"] += 1
            if record.sources:
                totals["source_gold"] += 1
                totals["source_country"] += _country_match(best.source, record.sources)
                totals["source_code"] += _code_match(best.source, record.sources)
            if record.targets:
                totals["target_gold"] += 1
                totals["target_country"] += _country_match(best.target, record.targets)
                totals["target_code"] += _code_match(best.target, record.targets)
            if record.status:
                status_hits["gold"] += 1
                status_hits["correct"] += best.status == record.status
            if record.location:
                totals["location_gold"] += 1
                totals["location_hit"] += best.location is not None and km_between(
                    best.location.lat, best.location.lon, record.location["lat"], record.location["lon"]) <= LOCATION_KM
            if record.event_date:
                totals["date_gold"] += 1
                totals["date_hit"] += best.date == record.event_date
    by_type = {}
    for label, c in sorted(per_type.items()):
        precision = _ratio(c["true_positive"], c["true_positive"] + c["false_positive"])
        recall = _ratio(c["matched"], c["gold"])
        by_type[label] = {"gold": c["gold"], "matched": c["matched"], "false_positive": c["false_positive"],
                          "precision": precision, "recall": recall, "f1": _f1(precision, recall)}
    tp = sum(c["true_positive"] for c in per_type.values())
    fp = sum(c["false_positive"] for c in per_type.values())
    precision = _ratio(tp, tp + fp)
    recall = _ratio(totals["matched"], totals["gold"])
    return {
        "records": len({(r.record_id, r.text) for r in records}),
        "gold_events": totals["gold"],
        "detection_recall": _ratio(totals["detected"], totals["gold"]),
        "type_accuracy": _ratio(totals["matched"], totals["detected"]),
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "source_country_accuracy": _ratio(totals["source_country"], totals["source_gold"]),
        "source_code_accuracy": _ratio(totals["source_code"], totals["source_gold"]),
        "target_country_accuracy": _ratio(totals["target_country"], totals["target_gold"]),
        "target_code_accuracy": _ratio(totals["target_code"], totals["target_gold"]),
        "no_event_records": totals["none_records"],
        "false_event_rate": _ratio(totals["none_with_events"], totals["none_records"]),
        "status_accuracy": _ratio(status_hits["correct"], status_hits["gold"]),
        "location_accuracy": _ratio(totals["location_hit"], totals["location_gold"]),
        "date_accuracy": _ratio(totals["date_hit"], totals["date_gold"]),
        "by_type": by_type,
        "confusion": {gold: dict(row) for gold, row in sorted(confusion.items())},
        "misses": misses,
    }


def run_eval(path: str | Path, pipeline) -> dict[str, Any]:
    records = load_gold(path)
    # Gold written with another spelling of an IGO code (IGOAU, IGOEU) is read as eventwire's code.
    for record in records:
        for actor in (*record.sources, *record.targets):
            actor.code = pipeline.kb.canonical_code(actor.code)

    def code_record(record: GoldRecord) -> list[Event]:
        article = Article(article_id=record.record_id, text=record.text, published=record.published)
        # PLOVER has no type for a bare public statement (CAMEO 010, the reporting act
        # behind an attributed event), so those rows are not scored.
        return [e for e in pipeline.process(article).events if e.cameo != "010"]

    report = evaluate(records, code_record)
    report["gold_file"] = str(path)
    return report
