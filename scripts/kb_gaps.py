"""Knowledge-base entries that cannot yet be trusted to stay true: no Wikidata id, or a role with no start date.

Run: .venv/bin/python scripts/kb_gaps.py [--list] [--kind people|groups|organizations]
Prints a count per kind; --list prints each entry's id too. Exits 0: this is a to-do list, not a test.
"""

from __future__ import annotations

import argparse
from datetime import date

from eventwire.knowledge.kb import holds_role, load_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the id of every entry with a gap")
    parser.add_argument("--kind", choices=("people", "groups", "organizations"), help="only this kind")
    args = parser.parse_args()
    kb = load_kb(str.split)
    today = date.today()
    gaps: dict[str, dict[str, list[str]]] = {
        "people": {
            "no QID": [p.id for p in kb.people.values() if not p.qid],
            "a role with no start date": [p.id for p in kb.people.values() if any(r.start is None for r in p.roles)],
            "a current role with no start date": [p.id for p in kb.people.values()
                                                  if any(r.start is None and holds_role(r, today) for r in p.roles)],
        },
        "groups": {"no QID": [g.id for g in kb.groups.values() if not g.qid]},
        "organizations": {"no QID": [o.id for o in kb.organizations.values() if not o.qid]},
    }
    sizes = {"people": len(kb.people), "groups": len(kb.groups), "organizations": len(kb.organizations)}
    for kind, checks in gaps.items():
        if args.kind and kind != args.kind:
            continue
        for check, ids in checks.items():
            print(f"{kind}: {len(ids):,} of {sizes[kind]:,} with {check}")
            if args.list:
                for entry_id in ids:
                    print(f"  {entry_id}")


if __name__ == "__main__":
    main()
