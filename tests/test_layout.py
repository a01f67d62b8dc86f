"""The package layout holds: stages never import the pipeline, modules stay small, word classes are data."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire
from eventwire.knowledge.kb import DATA_DIR
from eventwire.knowledge.schema import KnowledgeError
from eventwire.knowledge.words import WORD_CLASSES_FILE, load_word_classes, word_class

PACKAGE = Path(eventwire.__file__).parent
LOWER_LAYERS = ("coding", "knowledge", "read", "store", "corpus", "evaluate")
MAX_MODULE_LINES = 650  # "about 600": a module past this wants splitting


def _imported_modules(path: Path) -> set[str]:
    """Absolute dotted names of everything ``path`` imports, relative imports resolved."""
    package = ".".join(("eventwire", *path.parent.relative_to(PACKAGE).parts))
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            else:
                found.add(node.module or "")
    return found


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_no_lower_layer_imports_the_pipeline_or_the_cli(layer):
    modules = sorted((PACKAGE / layer).rglob("*.py"))
    assert modules, f"no modules under {layer}/"
    for path in modules:
        imported = _imported_modules(path)
        assert "eventwire.pipeline" not in imported and "eventwire.cli" not in imported, path


def test_the_default_stages_are_registered_by_the_coding_modules():
    from eventwire.coding.context import STAGES
    from eventwire.pipeline import DEFAULT_STAGES

    assert set(DEFAULT_STAGES) <= set(STAGES)
    for name in DEFAULT_STAGES:
        assert STAGES[name].__module__.startswith("eventwire.coding."), (name, STAGES[name].__module__)


def test_no_module_is_much_over_six_hundred_lines():
    sizes = {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert len(sizes) > 30
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_importing_the_package_does_not_load_spacy_but_pipeline_is_there():
    script = ("import sys, eventwire; loaded = 'spacy' in sys.modules; "
              "print(loaded, eventwire.Pipeline.__module__, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "eventwire.pipeline", "True"]


def test_every_word_class_in_the_file_is_asked_for_by_the_code_and_every_one_asked_for_exists():
    asked = set()
    for path in PACKAGE.rglob("*.py"):
        asked.update(re.findall(r'word_class\("([a-z_]+)"\)', path.read_text(encoding="utf-8")))
    listed = set(load_word_classes())
    assert len(listed) >= 25
    assert asked == listed


def test_a_word_class_is_a_frozen_set_of_lemmas():
    reporting = word_class("reporting_verbs")
    assert isinstance(reporting, frozenset)
    assert {"say", "announce", "tell"} <= reporting


def test_asking_for_an_unknown_word_class_names_the_file():
    with pytest.raises(KnowledgeError, match=r"word_classes\.json: no word class 'no_such_class'"):
        word_class("no_such_class")


def _write_classes(tmp_path: Path, entries: list[dict]) -> Path:
    (tmp_path / WORD_CLASSES_FILE).write_text(json.dumps({"word_classes": entries}), encoding="utf-8")
    return tmp_path


GOOD = {"name": "siege_nouns", "used_by": "events", "description": "Nouns for a siege and its kin.", "words": ["siege"]}


@pytest.mark.parametrize("change, message", [
    ({"words": ["Siege"]}, "lower-case"),
    ({"words": ["siege", "blockade", "siege"]}, "listed more than once: siege"),
    ({"words": []}, "at least 1"),
    ({"name": "Siege Nouns"}, "name"),
    ({"used_by": "nowhere"}, "used_by"),
    ({"extra": 1}, "extra"),
])
def test_a_bad_word_class_entry_is_refused_with_the_file_and_entry(tmp_path, change, message):
    directory = _write_classes(tmp_path, [{**GOOD, **change}])
    with pytest.raises(KnowledgeError) as raised:
        load_word_classes(directory)
    text = str(raised.value)
    assert WORD_CLASSES_FILE in text and "word_classes[0]" in text and message in text


def test_a_word_class_defined_twice_is_refused(tmp_path):
    directory = _write_classes(tmp_path, [GOOD, {**GOOD, "words": ["blockade"]}])
    with pytest.raises(KnowledgeError, match="'siege_nouns' is defined twice"):
        load_word_classes(directory)


def test_the_shipped_word_classes_file_is_the_one_loaded():
    assert (DATA_DIR / WORD_CLASSES_FILE).is_file()
    assert DATA_DIR.parent.name == "knowledge"
