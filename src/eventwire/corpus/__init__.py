"""The corpus layer: analyses over every article in a store, as DuckDB queries.

Each function takes a ``Store`` and returns plain rows, so the CLI and the Python API show the same figures.
"""

from .stats import stance_by_outlet, stats, unknown_actors

__all__ = ["stance_by_outlet", "stats", "unknown_actors"]
