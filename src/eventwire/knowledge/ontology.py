"""The event ontology: the CAMEO codebook (Goldstein, QuadClass, PLOVER) and the event lexicon.

Both are data files under ``eventwire/knowledge/data``; this module loads, cross-checks
and indexes them for the event coder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .kb import DATA_DIR, fold
from .schema import CameoCode, IntentRule, KnowledgeError, VerbPattern, load_entries


@dataclass(slots=True)
class Ontology:
    codes: dict[str, CameoCode]
    verbs: dict[str, list[VerbPattern]]  # folded verb lemma -> patterns, file order
    nouns: dict[str, list[VerbPattern]]  # folded noun lemma -> patterns
    intent_rules: list[IntentRule] = field(default_factory=list)  # longest prefix first
    negated_rules: list[IntentRule] = field(default_factory=list)  # longest prefix first

    def code(self, cameo: str) -> CameoCode:
        return self.codes[cameo]

    def intended(self, cameo: str) -> str | None:
        """The CAMEO code for promising or planning ``cameo`` (03x or 13x), if there is one."""
        return _longest_prefix(self.intent_rules, cameo)

    def refused(self, cameo: str) -> str | None:
        """The CAMEO rejection (12x) that an explicitly undone cooperative ``cameo`` amounts to."""
        return _longest_prefix(self.negated_rules, cameo)

    def add_patterns(self, patterns: list[VerbPattern], source: str = "extra patterns") -> None:
        """Index more patterns after the package's own, which keep precedence on ties."""
        _index_patterns(patterns, self.codes, self.verbs, self.nouns, source)

    @property
    def pattern_count(self) -> int:
        return sum(map(len, self.verbs.values())) + sum(map(len, self.nouns.values()))


def _index_patterns(patterns, by_code: dict[str, CameoCode], verbs: dict[str, list[VerbPattern]],
                    nouns: dict[str, list[VerbPattern]], source: str) -> None:
    for index, pattern in enumerate(patterns):
        if pattern.code not in by_code:
            raise KnowledgeError(f"{source}: pattern {index} uses CAMEO code {pattern.code!r}, which the codebook lacks")
        if pattern.lemma is not None:
            verbs.setdefault(fold(pattern.lemma), []).append(pattern)
        else:
            nouns.setdefault(fold(pattern.noun or ""), []).append(pattern)


def _longest_prefix(rules: list[IntentRule], cameo: str) -> str | None:
    for rule in rules:
        if cameo.startswith(rule.prefix):
            return rule.code
    return None


def build_ontology(
    codes: list[CameoCode], patterns: list[VerbPattern], source: str = "lexicon",
    intent_rules: list[IntentRule] = (), negated_rules: list[IntentRule] = (),
) -> Ontology:
    by_code = {c.code: c for c in codes}
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[VerbPattern]] = {}
    _index_patterns(patterns, by_code, verbs, nouns, source)
    for rule in (*intent_rules, *negated_rules):
        if rule.code not in by_code:
            raise KnowledgeError(f"modal code rule {rule.prefix!r} -> {rule.code!r}: the codebook lacks {rule.code!r}")

    def longest_first(rules):
        return sorted(rules, key=lambda r: -len(r.prefix))

    return Ontology(by_code, verbs, nouns, longest_first(intent_rules), longest_first(negated_rules))


def load_ontology(data_dir: Path = DATA_DIR, extra_patterns: list[VerbPattern] | None = None) -> Ontology:
    codes = load_entries(data_dir / "cameo.json", "codes", CameoCode)
    patterns = load_entries(data_dir / "verbs.json", "patterns", VerbPattern)
    intent_rules = load_entries(data_dir / "modal_codes.json", "intent", IntentRule)
    negated_rules = load_entries(data_dir / "modal_codes.json", "negated", IntentRule)
    return build_ontology(
        codes, patterns + list(extra_patterns or []), str(data_dir / "verbs.json"), intent_rules, negated_rules,
    )
