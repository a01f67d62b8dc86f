"""Reading: files, directories and standard input become Articles, or Rejects that keep the raw input.

``iter_records`` is the one entry point; each input format has a module of its own.
"""

from .decode import RAW_LIMIT
from .sources import FORMAT_BY_SUFFIX, STDIN_LABEL, iter_records

__all__ = ["FORMAT_BY_SUFFIX", "RAW_LIMIT", "STDIN_LABEL", "iter_records"]
