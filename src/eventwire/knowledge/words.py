"""Word classes: the open lists of lemmas that coding rules test against, kept in ``data/word_classes.json``.

A user extends a class by editing the file; it is validated on first use, and a rule that
asks for a class the file lacks fails at import with the file's name, never silently.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .kb import DATA_DIR
from .schema import KnowledgeError, WordClass, load_entries

WORD_CLASSES_FILE = "word_classes.json"


@lru_cache(maxsize=4)
def load_word_classes(data_dir: Path = DATA_DIR) -> dict[str, frozenset[str]]:
    """Every word class in the file, by name; names must be unique."""
    path = data_dir / WORD_CLASSES_FILE
    classes: dict[str, frozenset[str]] = {}
    for entry in load_entries(path, "word_classes", WordClass):
        if entry.name in classes:
            raise KnowledgeError(f"{path}: word class {entry.name!r} is defined twice")
        classes[entry.name] = frozenset(entry.words)
    return classes


def word_class(name: str) -> frozenset[str]:
    """The words of one class; a missing class is a knowledge error naming the file."""
    classes = load_word_classes()
    if name not in classes:
        raise KnowledgeError(f"{DATA_DIR / WORD_CLASSES_FILE}: no word class {name!r} (known: {', '.join(sorted(classes))})")
    return classes[name]
