"""Spelling variants of one name: transliterations (Haftar, Hifter) and typing slips (Cavusolgu).

Two folded names are variants when they have as many words and each pair of words is equal,
or sounds alike (same first letter, same consonants) or differs by one swap of neighbours.
Tuned on the knowledge base itself: no two of its distinct people pass, except Khamenei and Khomeini.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

VOWELS = frozenset("aeiouyw")
# Words this short are particles or initials ("al", "bin", "mi6"): they must match exactly.
MIN_FUZZY_WORD = 5
MAX_LENGTH_GAP = 2
# Below this ratio two words with the same consonants are more often two names (Hasan, Hosni).
MIN_WORD_RATIO = 60


def consonant_skeleton(word: str) -> str:
    """The first letter and the consonants after it, doubled letters once, an h after a consonant
    dropped, v read as f: Ghaddafi and Gaddafi are both "gdf", Haftar and Hifter both "hftr"."""
    # "Lavrov" and "Lavrof", "Gorbachev" and "Gorbachov": v and f are one letter across transliterations.
    letters = re.sub(r"[^a-z0-9]", "", word).replace("v", "f")
    kept: list[str] = []
    for k, ch in enumerate(letters[1:], 1):
        if ch in VOWELS or (ch == "h" and letters[k - 1] not in VOWELS):
            continue
        if kept and kept[-1] == ch:
            continue
        kept.append(ch)
    return letters[:1] + "".join(kept)


def words_are_variants(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_WORD or abs(len(a) - len(b)) > MAX_LENGTH_GAP or a[0] != b[0]:
        return False
    if a.startswith(b) or b.startswith(a):
        return False  # Abbas and Abbasi, Ahmad and Ahmadi: one name grown into another
    if consonant_skeleton(a) == consonant_skeleton(b) and fuzz.ratio(a, b) >= MIN_WORD_RATIO:
        return True
    return len(a) == len(b) and OSA.distance(a, b) == 1 and sorted(a) == sorted(b)


def names_are_variants(a: str, b: str) -> bool:
    """Whether two folded names, word by word, spell the same name; identical names are not variants."""
    words_a, words_b = a.split(), b.split()
    return (a != b and len(words_a) == len(words_b)
            and all(words_are_variants(x, y) for x, y in zip(words_a, words_b)))


def similarity(a: str, b: str) -> float:
    """The score a fuzzy match reports: rapidfuzz's ratio of the two folded names, 0 to 100."""
    return fuzz.ratio(a, b)


def same_words_score(a: str, b: str) -> float:
    """The score of two names with the same words in another order: rapidfuzz's token-sort ratio."""
    return fuzz.token_sort_ratio(a, b)
