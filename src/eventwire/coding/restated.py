"""The restated stage: a later, vaguer mention of an event the article already coded is not a second event.

"Russian police detained Navalny" and, two sentences on, "Navalny was detained" are one arrest: a
row missing a role that an earlier row of the same act fills is folded into that row.
"""

from __future__ import annotations

from ..model import Event
from .context import ArticleContext, Resources, stage


def _same_act(kept: Event, later: Event) -> bool:
    """``later`` restates ``kept``: the same CAMEO code and status family, no role or date that
    disagrees, and at least one role that ``later`` leaves empty and ``kept`` fills."""
    if later.cameo != kept.cameo or later.plover is None:
        return False
    if any((later.status == status) != (kept.status == status) for status in ("negated", "intent", "hypothetical")):
        return False  # an act planned, supposed or denied is not the act done
    if later.date and kept.date and later.date != kept.date:
        return False
    roles = ((kept.source, later.source), (kept.target, later.target))
    if any(a is not None and b is not None and a.code != b.code for a, b in roles):
        return False
    if not any(b is not None for _, b in roles):
        return False  # an act with no actor at all says too little to be matched
    return any(a is not None and b is None for a, b in roles)


@stage("restated")
def restated_stage(res: Resources, ctx: ArticleContext) -> None:
    """Of two rows of one act in different sentences where one leaves empty a role the other
    fills, keep the fuller; it keeps the other's place or date if it has none of its own."""
    kept: list[tuple[Event, object]] = []
    for event, trigger in zip(ctx.result.events, ctx.triggers):
        fuller = next((i for i, (k, _) in enumerate(kept) if k.sentence_index < event.sentence_index and _same_act(k, event)), None)
        if fuller is not None:
            _fold(kept[fuller][0], event)
            continue
        vaguer = next((i for i, (k, _) in enumerate(kept) if k.sentence_index < event.sentence_index and _same_act(event, k)), None)
        if vaguer is not None:
            _fold(event, kept[vaguer][0])
            kept[vaguer] = (event, trigger)
            continue
        kept.append((event, trigger))
    kept.sort(key=lambda pair: (pair[0].sentence_index, pair[0].trigger.start))
    ctx.result.events = [e for e, _ in kept]
    ctx.triggers = [t for _, t in kept]


def _fold(fuller: Event, restatement: Event) -> None:
    if fuller.location is None and restatement.location is not None:
        fuller.location = restatement.location
    if fuller.date is None and restatement.date is not None:
        fuller.date, fuller.date_precision, fuller.date_rule = restatement.date, restatement.date_precision, restatement.date_rule
    fuller.rule += f"; restated in sentence {restatement.sentence_index} ('{restatement.trigger.text}')"
