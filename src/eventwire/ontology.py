"""The event ontology: the CAMEO codebook (Goldstein, QuadClass, PLOVER) and the event lexicon.

Both are data files under ``eventwire/data``; this module loads, cross-checks
and indexes them for the event coder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .kb import DATA_DIR, fold
from .kb_schema import CameoCode, IntentRule, KnowledgeError, VerbPattern, load_entries


@dataclass(slots=True)
class Ontology:
    codes: dict[str, CameoCode]
    verbs: dict[str, list[VerbPattern]]  # folded verb lemma -> patterns, file order
    nouns: dict[str, list[VerbPattern]]  # folded noun lemma -> patterns
    intent_rules: list[IntentRule] = field(default_factory=list)  # longest prefix first

    def code(self, cameo: str) -> CameoCode:
        return self.codes[cameo]

    def intended(self, cameo: str) -> str | None:
        """The CAMEO code for promising or planning ``cameo`` (03x or 13x), if there is one."""
        for rule in self.intent_rules:
            if cameo.startswith(rule.prefix):
                return rule.code
        return None

    @property
    def pattern_count(self) -> int:
        return sum(map(len, self.verbs.values())) + sum(map(len, self.nouns.values()))


def build_ontology(
    codes: list[CameoCode], patterns: list[VerbPattern], source: str = "lexicon", intent_rules: list[IntentRule] = (),
) -> Ontology:
    by_code = {c.code: c for c in codes}
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[VerbPattern]] = {}
    for index, pattern in enumerate(patterns):
        if pattern.code not in by_code:
            raise KnowledgeError(f"{source}: pattern {index} uses CAMEO code {pattern.code!r}, which the codebook lacks")
        if pattern.lemma is not None:
            verbs.setdefault(fold(pattern.lemma), []).append(pattern)
        else:
            nouns.setdefault(fold(pattern.noun or ""), []).append(pattern)
    for rule in intent_rules:
        if rule.code not in by_code:
            raise KnowledgeError(f"intent rule {rule.prefix!r} -> {rule.code!r}: the codebook lacks {rule.code!r}")
    ordered = sorted(intent_rules, key=lambda r: -len(r.prefix))
    return Ontology(by_code, verbs, nouns, ordered)


def load_ontology(data_dir: Path = DATA_DIR, extra_patterns: list[VerbPattern] | None = None) -> Ontology:
    codes = load_entries(data_dir / "cameo.json", "codes", CameoCode)
    patterns = load_entries(data_dir / "verbs.json", "patterns", VerbPattern)
    intent_rules = load_entries(data_dir / "intent.json", "intent", IntentRule)
    return build_ontology(codes, patterns + list(extra_patterns or []), str(data_dir / "verbs.json"), intent_rules)
