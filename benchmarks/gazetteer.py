"""Size, build time, cached load time and lookup speed of the offline gazetteer.

Run: .venv/bin/python benchmarks/gazetteer.py
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

from eventwire.knowledge.gazetteer import FEATURES, Gazetteer
from eventwire.knowledge.kb import load_kb
from eventwire.coding.nlp import load_nlp


def main() -> None:
    nlp = load_nlp()
    kb = load_kb(lambda text: [t.text for t in nlp.make_doc(text)])
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        gazetteer = Gazetteer.load(kb, cache_dir=Path(tmp))
        built = time.perf_counter() - start
        start = time.perf_counter()
        gazetteer = Gazetteer.load(kb, cache_dir=Path(tmp))
        loaded = time.perf_counter() - start
    features = Counter(FEATURES[f] for f in gazetteer.feature)
    print(f"places: {len(gazetteer):,} ({', '.join(f'{k} {v:,}' for k, v in features.most_common())})")
    print(f"names indexed: {len(gazetteer.index):,}")
    print(f"first build (no cache): {built:.2f} s; cached load: {loaded:.2f} s")
    names = ["Tripoli", "Alexandria", "Paris", "Kharkiv", "El Fasher", "Al-Watiya air base", "Nowhereville"] * 20000
    start = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    per = (time.perf_counter() - start) / len(names) * 1e6
    print(f"lookup: {per:.1f} µs per name ({len(names):,} lookups)")


if __name__ == "__main__":
    main()
