"""Amending an event row after the events stage: a new code or a new target, said in its rule trail.

The row's id follows its code and roles, so every amendment recomputes it.
"""

from __future__ import annotations

from ..knowledge.schema import CameoCode
from ..model import ActorMention, Event, event_id


def recode(event: Event, info: CameoCode, text_hash: str) -> None:
    """Give an event another CAMEO code, with the PLOVER type, QuadClass and Goldstein score that go with it."""
    event.cameo, event.cameo_root = info.code, info.code[:2]
    event.plover, event.plover_mode = info.plover, info.plover_mode
    event.quad_class, event.goldstein = info.quad_class, info.goldstein
    refresh_id(event, text_hash)


def retarget(event: Event, target: ActorMention, why: str, text_hash: str) -> None:
    """Give an event the target a later stage found, saying why in its rule."""
    event.target = target
    event.rule += f"; target = {why}"
    refresh_id(event, text_hash)


def refresh_id(event: Event, text_hash: str) -> None:
    """The id follows the code and roles, so it is recomputed when a later stage changes them."""
    event.event_id = event_id(text_hash, event.sentence_index, event.trigger.start, event.source, event.target, event.cameo)
