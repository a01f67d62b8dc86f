"""The actor knowledge base: countries, organizations, groups, people and sector agents.

Loads the validated JSON files under ``eventwire/knowledge/data`` once and builds a
name index keyed by accent- and case-folded token tuples for fast matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from anyascii import anyascii

from .schema import (
    AgentGroup, Country, Group, KnowledgeError, Organization, Person, Role, load_entries,
)
from ..model import Actor
from .variants import names_are_variants, same_words_score, similarity

# Words an organisation's name may drop or move: "Government of National Unity", "National Unity Government".
NAME_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "'s", "-"})
MIN_REORDERED_WORDS = 3

DATA_DIR = Path(str(resources.files("eventwire.knowledge") / "data"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent- and case-folded form used for every name comparison (Çavuşoğlu = cavusoglu)."""
    return anyascii(text).lower().replace("\u2019", "'")


@dataclass(frozen=True, slots=True)
class NameHit:
    """What a matched name stands for."""

    kind: str  # country | demonym | metonym | igo | group | person
    key: str  # iso3, organization id, group id or person id
    exact_case: bool  # short all-capital aliases (US, UN, IS) must match in capitals
    # A surname the knowledge base derived, not a listed alias: it matches only where NER
    # reads a person ("Bush said"), so "bush fires" or "May" the month never do.
    derived: bool = False


@dataclass(slots=True)
class KnowledgeBase:
    countries: dict[str, Country]
    organizations: dict[str, Organization]
    groups: dict[str, Group]
    people: dict[str, Person]
    agents: dict[tuple[str, ...], str]  # folded lemma tuple -> sector
    names: dict[tuple[str, ...], list[NameHit]] = field(default_factory=dict)
    name_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first token -> lengths
    agent_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    agent_words: frozenset[str] = frozenset()  # every word of every agent term
    # Words inside an unknown organisation's name that say its sector ("Kano State Health Commission").
    name_words: dict[str, str] = field(default_factory=dict)
    _code_aliases: dict[str, str] = field(default_factory=dict, repr=False)
    _fuzzy_index: dict[tuple[int, str], list[tuple[str, NameHit]]] = field(default_factory=dict, repr=False)
    _word_set_index: dict[frozenset[str], list[tuple[str, NameHit]]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------ resolution
    def canonical_code(self, code: str) -> str:
        """The code eventwire writes for a code another dataset spells otherwise: IGOAU -> IGOAFRAFU."""
        if not self._code_aliases:
            self._code_aliases.update({alias: org.code for org in self.organizations.values() for alias in org.code_aliases})
            self._code_aliases.setdefault("", "")
        return self._code_aliases.get(code, code)

    def actor_for(self, hit: NameHit, when: date | None = None) -> tuple[Actor, str]:
        """The actor a name hit denotes on a given date, and a short reason."""
        if hit.kind in ("country", "demonym"):
            country = self.countries[hit.key]
            return Actor(f"country:{hit.key}", country.name, hit.key, hit.key, None, "country"), hit.kind
        if hit.kind == "metonym":
            country = self.countries[hit.key]
            return (
                Actor(f"country:{hit.key}", country.name, hit.key + "GOV", hit.key, "GOV", "country"),
                "seat of government stands for the government",
            )
        if hit.kind == "igo":
            org = self.organizations[hit.key]
            return Actor(f"org:{org.id}", org.name, org.code, org.country, org.sector, "igo", org.qid,
                         sectors=_sectors(org.sector)), "organization"
        if hit.kind == "group":
            group = self.groups[hit.key]
            return Actor(f"group:{group.id}", group.name, group.code, group.country, group.sector, "group", group.qid,
                         sectors=_sectors(group.sector)), "named group"
        person = self.people[hit.key]
        role, why = role_on(person.roles, when)
        # "All sectors": every sector of the roles held that day, the chosen role's first.
        held = [r.sector for r in person.roles if r is not role and r.sector and holds_role(r, when)]
        sectors = tuple(dict.fromkeys(_sectors(role.sector) + tuple(held)))
        return Actor(f"person:{person.id}", person.name, role.code, role.country, role.sector, "person", person.qid,
                     role.title, sectors), why


    def fuzzy_lookup(self, words: list[str], kinds: tuple[str, ...]) -> tuple[NameHit, str, float] | None:
        """The one knowledge-base name of these ``kinds`` that ``words`` spell differently
        ("Khalifa Hafter" for Khalifa Haftar): (hit, the name as listed, score), or None when
        no name, or names of two different actors, are variants of it."""
        if not self._fuzzy_index:
            for tokens, hits in self.names.items():
                for hit in hits:
                    if not hit.derived and not hit.exact_case:
                        self._fuzzy_index.setdefault((len(tokens), tokens[0][:1]), []).append((" ".join(tokens), hit))
        query = " ".join(fold(w) for w in words)
        if not query:
            return None
        found: dict[tuple[str, str], tuple[NameHit, str, float]] = {}
        for listed, hit in self._fuzzy_index.get((len(words), query[:1]), ()):
            if hit.kind in kinds and names_are_variants(query, listed):
                score = similarity(query, listed)
                best = found.get((hit.kind, hit.key))
                if best is None or score > best[2]:
                    found[(hit.kind, hit.key)] = (hit, listed, score)
        if not found and {"igo", "group"} & set(kinds):
            for listed, hit in self._reordered_names(query):
                if hit.kind in kinds:
                    found.setdefault((hit.kind, hit.key), (hit, listed, same_words_score(query, listed)))
        return next(iter(found.values())) if len(found) == 1 else None

    def _reordered_names(self, query: str) -> list[tuple[str, NameHit]]:
        """Organisation names with the query's words in another order: "National Unity Government"
        for the "Government of National Unity". Three words at least: two swapped words are too
        often another name."""
        if not self._word_set_index:
            for tokens, hits in self.names.items():
                listed_words = frozenset(tokens) - NAME_FUNCTION_WORDS
                if len(listed_words) >= MIN_REORDERED_WORDS:
                    for hit in hits:
                        if hit.kind in ("igo", "group"):
                            self._word_set_index.setdefault(listed_words, []).append((" ".join(tokens), hit))
        query_words = frozenset(query.split()) - NAME_FUNCTION_WORDS
        return [(listed, hit) for listed, hit in self._word_set_index.get(query_words, ()) if listed != query]

    def lookup(self, name: str, words: list[str], lemmas: list[str], when: date | None = None) -> list[tuple[Actor, str, str]]:
        """Every actor ``name`` (as ``words``, with their ``lemmas``) can denote on ``when``: (actor, kind, why).

        Sector words resolve too, by lemma: "forces" is the MIL sector word "force".
        """
        tokens = tuple(fold(t) for t in words)
        found = []
        for hit in self.names.get(tokens, []):
            actor, why = self.actor_for(hit, when)
            if hit.exact_case and not name.replace(".", "").replace("-", "").isupper():
                why += f"; only matches when written in capitals ({name!r} is not)"
            found.append((actor, hit.kind, why))
        lemma_key = tuple(fold(t) for t in lemmas)
        sector = self.agents.get(lemma_key)
        if sector:
            found.append((Actor(f"agent:{' '.join(lemma_key)}", name, sector, None, sector, "agent"), "agent",
                          f"sector word: combines with its owner's country ('Libyan {name}' -> LBY{sector})"))
        return found


def _sectors(sector: str | None) -> tuple[str, ...]:
    return (sector,) if sector else ()


def holds_role(role: Role, when: date | None) -> bool:
    """Whether ``role`` is held on ``when``; without a date, whether it is held now (open-ended)."""
    if when is None:
        return role.end is None
    return (role.start is None or role.start <= when) and (role.end is None or when <= role.end)


def role_on(roles: list[Role], when: date | None) -> tuple[Role, str]:
    """The role held on ``when``; without a date, the current or latest role."""
    if when is not None:
        for role in roles:
            if holds_role(role, when):
                return role, f"{role.title} on {when.isoformat()}"

        def distance(role: Role) -> int:
            if role.start and when < role.start:
                return (role.start - when).days
            if role.end and when > role.end:
                return (when - role.end).days
            return 0

        nearest = min(roles, key=distance)
        return nearest, f"no role on {when.isoformat()}; nearest is {nearest.title}"
    current = [role for role in roles if holds_role(role, None)]
    if current:
        return current[-1], f"{current[-1].title} (current; article has no date)"
    latest = max(roles, key=lambda role: role.end or date.max)
    return latest, f"{latest.title} (latest; article has no date)"


NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _is_short_caps(name: str) -> bool:
    letters = name.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def build_kb(
    countries: Iterable[Country],
    organizations: Iterable[Organization],
    agents: Iterable[AgentGroup],
    groups: Iterable[Group],
    people: Iterable[Person],
    tokenize: Callable[[str], list[str]],
    overlay: tuple[list[Group], list[Person], list[AgentGroup]] = ([], [], []),
    name_words: Iterable[AgentGroup] = (),
) -> KnowledgeBase:
    """Index every name by the folded tokens the spaCy tokenizer gives it.

    ``overlay`` (a user's imported dictionaries) only adds: a name or sector word the
    package already knows keeps its meaning.
    """
    kb = KnowledgeBase(
        countries={c.iso3: c for c in countries},
        organizations={o.id: o for o in organizations},
        groups={g.id: g for g in groups},
        people={p.id: p for p in people},
        agents={},
        name_words={fold(term): entry.sector for entry in name_words for term in entry.terms},
    )

    def add(name: str, hit_kind: str, key: str, only_new: bool = False) -> None:
        tokens = tuple(fold(t) for t in tokenize(name))
        if not tokens or (only_new and tokens in kb.names):
            return
        hit = NameHit(hit_kind, key, _is_short_caps(name))
        bucket = kb.names.setdefault(tokens, [])
        if hit not in bucket:
            bucket.append(hit)

    for c in kb.countries.values():
        for name in (c.name, *c.aliases):
            add(name, "country", c.iso3)
        for name in c.demonyms:
            add(name, "demonym", c.iso3)
        for name in c.government_metonyms:
            add(name, "metonym", c.iso3)
    for o in kb.organizations.values():
        for name in (o.name, *o.aliases):
            add(name, "igo", o.id)
    for g in kb.groups.values():
        for name in (g.name, *g.aliases):
            add(name, "group", g.id)
    for p in kb.people.values():
        for name in (p.name, *p.aliases):
            add(name, "person", p.id)
    _add_surnames(kb, tokenize)
    for a in agents:
        for term in a.terms:
            key = tuple(fold(t) for t in term.split())
            if kb.agents.get(key, a.sector) != a.sector:
                raise KnowledgeError(f"agents.json: the term {term!r} is listed under both {kb.agents[key]} and {a.sector}")
            kb.agents[key] = a.sector
    extra_groups, extra_people, extra_agents = overlay
    for g in extra_groups:
        kb.groups.setdefault(g.id, g)
        for name in (g.name, *g.aliases):
            add(name, "group", g.id, only_new=True)
    for p in extra_people:
        kb.people.setdefault(p.id, p)
        for name in (p.name, *p.aliases):
            add(name, "person", p.id, only_new=True)
    for a in extra_agents:
        for term in a.terms:
            kb.agents.setdefault(tuple(fold(t) for t in term.split()), a.sector)

    kb.name_lengths = _lengths_by_first_token(kb.names)
    kb.agent_lengths = _lengths_by_first_token(kb.agents)
    kb.agent_words = frozenset(word for key in kb.agents for word in key)
    return kb


def _add_surnames(kb: KnowledgeBase, tokenize: Callable[[str], list[str]]) -> None:
    """Second mentions use the surname alone ("Bush said"). Each person's last name becomes a
    derived name unless it is already a name of anything; people sharing a surname all get
    it, and the one in office on the article's date is chosen when it is matched."""
    by_surname: dict[tuple[str, ...], list[str]] = {}
    for p in kb.people.values():
        words = tokenize(p.name)
        last = words[-1] if len(words) > 1 else ""
        if len(last) < 3 or not last[:1].isupper() or last.rstrip(".").lower() in NAME_SUFFIXES:
            continue
        by_surname.setdefault((fold(last),), []).append(p.id)
    for tokens, ids in by_surname.items():
        if tokens in kb.names:
            continue
        kb.names[tokens] = [NameHit("person", person_id, False, derived=True) for person_id in ids]


def _lengths_by_first_token(index: dict[tuple[str, ...], object]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for key in index:
        lengths.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


def load_kb(tokenize: Callable[[str], list[str]], data_dir: Path = DATA_DIR, overlay_dir: Path | None = None) -> KnowledgeBase:
    """Load and validate every knowledge file in ``data_dir``, then the optional user overlay."""
    if not data_dir.is_dir():
        raise KnowledgeError(f"{data_dir}: knowledge directory is missing")
    return build_kb(
        load_entries(data_dir / "countries.json", "countries", Country),
        load_entries(data_dir / "organizations.json", "organizations", Organization),
        load_entries(data_dir / "agents.json", "agents", AgentGroup),
        load_entries(data_dir / "groups.json", "groups", Group),
        load_entries(data_dir / "people.json", "people", Person),
        tokenize,
        load_overlay(overlay_dir) if overlay_dir else ([], [], []),
        load_entries(data_dir / "name_words.json", "name_words", AgentGroup),
    )


def load_overlay(directory: Path) -> tuple[list[Group], list[Person], list[AgentGroup]]:
    """A user overlay written by `eventwire dict import`; each of its files is optional."""
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeError(f"{directory}: knowledge overlay directory is missing")

    def optional(name: str, key: str, model):
        path = directory / name
        return load_entries(path, key, model) if path.exists() else []

    return optional("groups.json", "groups", Group), optional("people.json", "people", Person), optional("agents.json", "agents", AgentGroup)
