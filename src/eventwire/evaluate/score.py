"""Scoring against gold records: each coded event is paired with a gold event of the same sentence.

Pairs are one-to-one, same type (or an accepted alternative) first, then any type for type accuracy.
Precision is matched over coded; roles, status, place and date are scored on the matched pairs.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ..model import Article, Event
from .gold import NONE_LABEL, TRANSNATIONAL, GoldActor, GoldRecord, load_gold

LOCATION_KM = 50.0  # a coded location this close to the gold coordinates counts as right
LISTED = 200  # misses and false positives kept in the report


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


def _location_match(event: Event, gold: dict[str, Any]) -> bool:
    """The same place by name, or within LOCATION_KM of the gold coordinates."""
    place = event.location
    if place is None:
        return False
    name = (gold.get("name") or "").casefold().strip()
    if name and place.name.casefold().strip() == name:
        return True
    if gold.get("lat") is None:
        return False
    return km_between(place.lat, place.lon, gold["lat"], gold["lon"]) <= LOCATION_KM


@dataclass
class CodedMention:
    """The rows of one event mention: one trigger, one PLOVER type. eventwire writes one dyadic
    row per source-target pair ("Egypt and Greece signed" is Egypt->Greece and Greece->Egypt);
    the gold lists coordinated actors in one event, so the mention is what is paired and counted."""

    rows: list[Event]

    @property
    def plover(self) -> str:
        return self.rows[0].plover

    @property
    def trigger(self):
        return self.rows[0].trigger

    @property
    def confidence(self) -> float:
        return max(e.confidence for e in self.rows)

    def best_row(self, record: GoldRecord) -> Event:
        return max(self.rows, key=lambda e: _row_agreement(record, e))


def mentions_of(events: list[Event]) -> list[CodedMention]:
    grouped: dict[tuple, list[Event]] = {}
    for event in events:
        grouped.setdefault((event.trigger.start, event.plover), []).append(event)
    return [CodedMention(rows) for rows in grouped.values()]


def _in_span(event: Event | CodedMention, record: GoldRecord) -> bool:
    """The coded event's trigger lies in the gold event's sentence (any of the text when the
    gold names no sentence)."""
    if record.span is None:
        return True
    start, end = record.span
    return start <= event.trigger.start < end


def _accepts(record: GoldRecord, mention: CodedMention) -> bool:
    return mention.plover == record.event or mention.plover in record.alt_types


def _row_agreement(record: GoldRecord, event: Event) -> tuple:
    """How well a row agrees with a gold event beyond its type: actors first, then confidence."""
    return (_country_match(event.source, record.sources) + _country_match(event.target, record.targets),
            _code_match(event.source, record.sources) + _code_match(event.target, record.targets),
            event.confidence)


def _agreement(record: GoldRecord, mention: CodedMention) -> tuple:
    return _row_agreement(record, mention.best_row(record))


def _pair(golds: list[GoldRecord], events: list[CodedMention],
          allowed: Callable[[GoldRecord, CodedMention], bool]) -> list[tuple[int, int]]:
    """One-to-one pairs of gold and coded indices, best agreement first (required gold before
    optional gold on a tie, then text order)."""
    candidates = [
        (_agreement(g, e), not g.optional, -gi, -ei, gi, ei)
        for gi, g in enumerate(golds) for ei, e in enumerate(events)
        if _in_span(e, g) and allowed(g, e)
    ]
    candidates.sort(reverse=True)
    used_gold, used_event, pairs = set(), set(), []
    for *_, gi, ei in candidates:
        if gi not in used_gold and ei not in used_event:
            used_gold.add(gi)
            used_event.add(ei)
            pairs.append((gi, ei))
    return sorted(pairs)


def _sentence_of(record: GoldRecord) -> str:
    return record.text[record.span[0]:record.span[1]] if record.span else record.text


@dataclass
class _Tally:
    """Running counts over every article of a gold file."""

    totals: Counter = field(default_factory=Counter)
    per_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    wrong_places: list[dict[str, Any]] = field(default_factory=list)  # matched pairs whose place or date is off
    clustered: list[tuple[str, str, Any]] = field(default_factory=list)  # (article, gold cluster, coded event)

    def score_pair(self, record: GoldRecord, event: Event) -> None:
        t = self.totals
        for role, gold_actors, actor in (("source", record.sources, event.source), ("target", record.targets, event.target)):
            if gold_actors:
                t[f"{role}_gold"] += 1
                t[f"{role}_country"] += _country_match(actor, gold_actors)
                t[f"{role}_code"] += _code_match(actor, gold_actors)
        if record.status:
            t["status_gold"] += 1
            t["status_hit"] += event.status == record.status
        place_right = date_right = True
        if record.location_given and not record.location:
            t["placeless_gold"] += 1
            t["placeless_located"] += event.location is not None
            place_right = event.location is None
        if record.location:
            t["location_gold"] += 1
            place_right = _location_match(event, record.location)
            t["location_hit"] += place_right
        if record.event_date:
            t["date_gold"] += 1
            date_right = event.date == record.event_date
            t["date_hit"] += date_right
        if not (place_right and date_right) and len(self.wrong_places) < LISTED:
            self.wrong_places.append({
                "id": record.record_id, "event": record.event, "trigger": event.trigger.text,
                "gold_place": (record.location or {}).get("name"), "coded_place": event.location.name if event.location else None,
                "gold_date": record.event_date, "coded_date": event.date, "text": _sentence_of(record)})


def _score_article(tally: _Tally, group: list[GoldRecord], rows: list[Event]) -> None:
    t = tally.totals
    t["coded_rows"] += len(rows)
    events = mentions_of(rows)
    golds = [r for r in group if r.event != NONE_LABEL]
    if not golds:
        t["none_records"] += 1
        t["none_with_events"] += bool(events)
        for e in events:
            tally.per_type[e.plover]["coded"] += 1
            tally.confusion[NONE_LABEL][e.plover] += 1
            _list_false_positive(tally, group[0], e)
        if not events:
            tally.confusion[NONE_LABEL][NONE_LABEL] += 1
        return
    typed = _pair(golds, events, _accepts)
    typed_gold = {gi for gi, _ in typed}
    typed_event = {ei for _, ei in typed}
    # Type accuracy looks at the gold events left over and the coded events left over in their sentences.
    rest_gold = [gi for gi in range(len(golds)) if gi not in typed_gold and not golds[gi].optional]
    rest_event = [ei for ei in range(len(events)) if ei not in typed_event]
    untyped = [(rest_gold[a], rest_event[b]) for a, b in
               _pair([golds[gi] for gi in rest_gold], [events[ei] for ei in rest_event], lambda g, e: True)]
    paired_with = {gi: ei for gi, ei in (*typed, *untyped)}
    neutral = {ei for gi, ei in typed if golds[gi].optional}
    for gi, gold in enumerate(golds):
        if gold.optional:
            t["optional"] += 1
            continue
        t["gold"] += 1
        tally.per_type[gold.event]["gold"] += 1
        ei = paired_with.get(gi)
        if ei is not None:
            t["detected"] += 1
        if gi in typed_gold:
            event = events[ei]
            t["matched"] += 1
            tally.per_type[gold.event]["matched"] += 1
            tally.confusion[gold.event][gold.event] += 1
            row = event.best_row(gold)
            tally.score_pair(gold, row)
            if gold.cluster:
                tally.clustered.append((gold.record_id, gold.cluster, row))
            continue
        tally.confusion[gold.event][events[ei].plover if ei is not None else NONE_LABEL] += 1
        if len(tally.misses) < LISTED:
            in_sentence = sorted({e.plover for e in events if _in_span(e, gold)})
            tally.misses.append({"id": gold.record_id, "gold": gold.event, "coded": in_sentence,
                                 "source": [a.code for a in gold.sources], "target": [a.code for a in gold.targets],
                                 "text": _sentence_of(gold)})
    sentence_gold = all(g.span is not None for g in golds)
    for ei, event in enumerate(events):
        if ei in neutral:
            continue
        tally.per_type[event.plover]["coded"] += 1
        t["coded"] += 1
        if sentence_gold:
            t["coded_in_sentence_gold"] += 1
            # A coded event in a sentence that holds no gold event at all: a false event there.
            t["outside_gold_sentences"] += not any(_in_span(event, g) for g in golds)
        if ei in typed_event:
            tally.per_type[event.plover]["true_positive"] += 1
        else:
            _list_false_positive(tally, group[0], event)


def _list_false_positive(tally: _Tally, record: GoldRecord, mention: CodedMention) -> None:
    event = mention.rows[0]
    if len(tally.false_positives) < LISTED:
        tally.false_positives.append({
            "id": record.record_id, "coded": event.plover, "cameo": event.cameo, "trigger": event.trigger.text,
            "source": event.source.code if event.source else None, "target": event.target.code if event.target else None,
            "text": event.sentence, "rule": event.rule})


def _dedup_scores(clustered: list[tuple[str, str, Any]], cluster_of: Callable[[Event], str | None]) -> dict[str, Any]:
    """Pairwise precision and recall of the coded events' cluster ids, over matched events of
    different articles whose gold names a cluster."""
    gold_pairs = coded_pairs = both = 0
    for (a1, g1, e1), (a2, g2, e2) in itertools.combinations(clustered, 2):
        if a1 == a2:
            continue
        c1, c2 = cluster_of(e1), cluster_of(e2)
        same_gold, same_coded = g1 == g2, c1 is not None and c1 == c2
        gold_pairs += same_gold
        coded_pairs += same_coded
        both += same_gold and same_coded
    return {"clustered_events": len(clustered), "gold_pairs": gold_pairs, "coded_pairs": coded_pairs,
            "pairwise_precision": _ratio(both, coded_pairs), "pairwise_recall": _ratio(both, gold_pairs)}


def evaluate(records: Iterable[GoldRecord], code_record: Callable[[GoldRecord], list[Event]],
             cluster_of: Callable[[Event], str | None] | None = None) -> dict[str, Any]:
    """Score ``code_record(record) -> list[Event]`` on the gold records. ``cluster_of`` gives a
    coded event's cross-article cluster id, for the de-duplication score."""
    records = list(records)
    tally = _Tally()
    # Records of one article share its id and text: code it once, pair its sentences' events.
    for _, group in itertools.groupby(records, key=lambda r: (r.record_id, r.text)):
        group = list(group)
        events = [e for e in code_record(group[0]) if e.plover]
        _score_article(tally, group, events)
    t = tally.totals
    by_type = {}
    for label, c in sorted(tally.per_type.items()):
        precision = _ratio(c["true_positive"], c["coded"])
        recall = _ratio(c["matched"], c["gold"])
        by_type[label] = {"gold": c["gold"], "coded": c["coded"], "matched": c["matched"],
                          "false_positive": c["coded"] - c["true_positive"],
                          "precision": precision, "recall": recall, "f1": _f1(precision, recall)}
    precision = _ratio(t["matched"], t["coded"])
    recall = _ratio(t["matched"], t["gold"])
    report = {
        "records": len({(r.record_id, r.text) for r in records}),
        "gold_events": t["gold"],
        "optional_events": t["optional"],
        "coded_events": t["coded"],
        "coded_rows": t["coded_rows"],
        "detection_recall": _ratio(t["detected"], t["gold"]),
        "type_accuracy": _ratio(t["matched"], t["detected"]),
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "source_country_accuracy": _ratio(t["source_country"], t["source_gold"]),
        "source_code_accuracy": _ratio(t["source_code"], t["source_gold"]),
        "target_country_accuracy": _ratio(t["target_country"], t["target_gold"]),
        "target_code_accuracy": _ratio(t["target_code"], t["target_gold"]),
        "no_event_records": t["none_records"],
        "false_event_rate": _ratio(t["none_with_events"], t["none_records"]),
        # Of coded events in articles whose gold names its sentences, the share in a sentence with no gold event.
        "outside_gold_sentences_rate": _ratio(t["outside_gold_sentences"], t["coded_in_sentence_gold"]),
        "status_accuracy": _ratio(t["status_hit"], t["status_gold"]),
        "location_accuracy": _ratio(t["location_hit"], t["location_gold"]),
        # Of matched events whose gold says no place is known, the share given a place anyway.
        "spurious_location_rate": _ratio(t["placeless_located"], t["placeless_gold"]),
        "date_accuracy": _ratio(t["date_hit"], t["date_gold"]),
        "by_type": by_type,
        "confusion": {gold: dict(row) for gold, row in sorted(tally.confusion.items())},
        "misses": tally.misses,
        "false_positives": tally.false_positives,
        "wrong_places_or_dates": tally.wrong_places,
    }
    if tally.clustered:
        report["dedup"] = _dedup_scores(tally.clustered, cluster_of or (lambda e: None))
    return report


def run_eval(path: str | Path, pipeline) -> dict[str, Any]:
    rejects: list[str] = []
    records = load_gold(path, rejects)
    # Gold written with another spelling of an IGO code (IGOAU, IGOEU) is read as eventwire's code.
    for record in records:
        for actor in (*record.sources, *record.targets):
            actor.code = pipeline.kb.canonical_code(actor.code)

    def code_record(record: GoldRecord) -> list[Event]:
        article = Article(article_id=record.record_id, text=record.text, published=record.published)
        return pipeline.process(article).events

    report = evaluate(records, code_record)
    report["gold_file"] = str(path)
    report["gold_rejects"] = rejects
    return report
