"""Evaluation: gold readers and the scorer behind `eventwire eval`.

``run_eval`` codes every gold record with a pipeline and scores the result.
"""

from .gold import GoldActor, GoldRecord, load_gold
from .score import evaluate, km_between, run_eval

__all__ = ["GoldActor", "GoldRecord", "evaluate", "km_between", "load_gold", "run_eval"]
