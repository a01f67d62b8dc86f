"""The store: coded articles in an embedded DuckDB file, or in Parquet datasets of the same schemas.

``Store`` is the database; ``tables`` holds the schemas and the public event rows.
"""

from .database import Store
from .tables import EVENT_SCHEMA, TABLES, batch_tables, dumps_event, event_row, row_to_event_dict

__all__ = ["EVENT_SCHEMA", "TABLES", "Store", "batch_tables", "dumps_event", "event_row", "row_to_event_dict"]
