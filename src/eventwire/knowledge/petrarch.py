"""Import PETRARCH/TABARI actor and agent dictionaries into a user knowledge-base overlay.

The overlay is three plain JSON files (groups, people, agents) in the same schemas as the
package's own knowledge, loaded at run time after it: it adds names, never overrides them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from pydantic import ValidationError

from .schema import ACTOR_CODE, SECTORS, AgentGroup, Group, Person, Role

CODE_TOKEN = re.compile(r"\[([^\]]*)\]")
MACRO = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
# A date restriction after a code: ">140608", "< 20070101", "320101-331108".
RESTRICTION = re.compile(r"^(?:(?P<after>>)\s*(?P<a>\d+)|(?P<before><)\s*(?P<b>\d+)|(?P<s>\d+)\s*-\s*(?P<e>\d+))$")


TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC", "NGM"}
# Three-letter codes that are sectors, not countries ("ETH" stays Ethiopia).
SECTOR_ONLY = SECTORS - {"ETH"}


@dataclass
class RawEntry:
    """One dictionary entry: its phrases and its code lines, as written."""

    source: str  # "file:line"
    phrases: list[str]
    codes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    groups: list[Group] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    agents: list[AgentGroup] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    examples: dict[str, str] = field(default_factory=dict)  # reason -> first "file:line: text"

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        self.examples.setdefault(reason, where)


def read_entries(path: Path) -> Iterable[RawEntry]:
    """Entries of a TABARI-format file: a phrase line, '+' synonym lines, indented '[CODE ...]' lines."""
    macros: dict[str, list[str]] = {}
    current: RawEntry | None = None
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.split("#", 1)[0].rstrip()
        where = f"{path.name}:{number}"
        if not line.strip():
            if current:
                yield current
            current = None
            continue
        macro = MACRO.match(line.strip())
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        codes = CODE_TOKEN.findall(line)
        phrase_part = CODE_TOKEN.sub("", line)
        if line[0] in " \t" and line.strip().startswith("["):
            if current:
                current.codes += codes
            continue
        if line.startswith("+"):
            if current:
                current.phrases += _expand(phrase_part[1:], macros)
                current.codes += codes
            continue
        if current:
            yield current
        current = RawEntry(where, _expand(phrase_part, macros), list(codes))
    if current:
        yield current


def _expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    """The phrase and its '{plural}' form, with '!MACRO!' words expanded."""
    forms = []
    main, _, rest = phrase.partition("{")
    forms.append(main)
    if rest:
        alternative = rest.split("}", 1)[0]
        if alternative.strip():
            forms.append(alternative)
    expanded = []
    for form in forms:
        names = re.findall(r"!(\w+)!", form)
        variants = [form]
        for name in names:
            variants = [v.replace(f"!{name}!", word) for v in variants for word in macros.get(name, [name])]
        expanded += variants
    return [p for p in (_clean(v) for v in expanded) if p]


def _clean(phrase: str) -> str:
    """'KOFI_ANNAN_' -> 'Kofi Annan'; short all-capital forms ('UN', 'NATO') keep their capitals."""
    text = " ".join(phrase.strip().strip("+").replace("_", " ").split()).strip(" ,")
    letters = text.replace(".", "").replace("-", "")
    return text if len(letters) <= 5 and " " not in text else text.title()


def parse_date(token: str) -> date | None:
    """TABARI dates: YYMMDD (years below 30 are 20YY) or YYYYMMDD; anything else is None."""
    try:
        if len(token) == 6:
            year = int(token[:2])
            return date(2000 + year if year < 30 else 1900 + year, int(token[2:4]), int(token[4:6]))
        if len(token) == 8:
            return date(int(token[:4]), int(token[4:6]), int(token[6:8]))
    except ValueError:
        return None
    return None


def _role(code_text: str) -> tuple[Role | None, str]:
    """One '[CODE restriction]' as a Role, or the reason it cannot be one."""
    parts = code_text.strip().split(None, 1)
    if not parts or parts[0] == "---":
        return None, "no code ('---')"
    code = parts[0].upper()
    if not ACTOR_CODE.match(code):
        return None, f"not an actor code: {code!r}"
    start = end = None
    if len(parts) > 1:
        restriction = RESTRICTION.match(parts[1].strip())
        if not restriction:
            return None, f"unreadable date restriction {parts[1].strip()!r}"
        if restriction["after"]:
            start = parse_date(restriction["a"])
        elif restriction["before"]:
            end = parse_date(restriction["b"])
        else:
            start, end = parse_date(restriction["s"]), parse_date(restriction["e"])
        if (restriction["after"] and start is None) or (restriction["before"] and end is None) or (
            restriction["s"] and (start is None or end is None)
        ):
            return None, f"unreadable date in {parts[1].strip()!r}"
        if start and end and end < start:
            return None, "date range ends before it starts"
    if len(code) == 3 and code in SECTOR_ONLY:
        country, sector = None, code  # "[ELI]": a role with no country, e.g. a former leader
    else:
        country = code[:3] if code[:3] not in TRANSNATIONAL else None
        sector = code[3:6] or None
        if sector and sector not in SECTORS:
            sector = None
    try:
        return Role(code=code, country=country, sector=sector, title=f"{code} (imported)", start=start, end=end), ""
    except ValidationError as exc:
        return None, exc.errors()[0]["msg"]


def import_dictionaries(paths: Iterable[Path], lemmatize: Callable[[str], str] = str.lower) -> ImportReport:
    """Convert actor entries into groups (one undated code) or people (dated codes), agents into sectors.

    Agent words are stored as lemmas (``lemmatize``), since sector words are matched by lemma.
    """
    report = ImportReport()
    agent_terms: dict[str, set[str]] = {}
    used_ids: Counter = Counter()
    for path in paths:
        for entry in read_entries(Path(path)):
            where = f"{entry.source}: {' / '.join(entry.phrases[:2])}"
            if not entry.phrases:
                report.skip("entry without a name", where)
                continue
            if entry.codes and all(c.strip().startswith("~") for c in entry.codes):
                sector = entry.codes[0].strip()[1:4].upper()
                if sector not in SECTORS:
                    report.skip("agent with an unknown sector", where)
                    continue
                for phrase in entry.phrases:
                    term = lemmatize(phrase)
                    if term:
                        agent_terms.setdefault(sector, set()).add(term)
                continue
            roles = []
            for code_text in entry.codes:
                role, why = _role(code_text)
                if role is None:
                    report.skip(why if why.startswith("no code") else "unreadable code or date", where)
                else:
                    roles.append(role)
            if not roles:
                report.skip("actor without a usable code", where)
                continue
            name, aliases = entry.phrases[0], list(dict.fromkeys(p for p in entry.phrases[1:] if p != entry.phrases[0]))
            slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "entry"
            used_ids[slug] += 1
            entry_id = f"tabari_{slug}" + (f"_{used_ids[slug]}" if used_ids[slug] > 1 else "")
            try:
                if len(roles) == 1 and roles[0].start is None and roles[0].end is None:
                    role = roles[0]
                    report.groups.append(Group(id=entry_id, name=name, aliases=aliases, code=role.code,
                                               country=role.country, sector=role.sector))
                else:
                    report.people.append(Person(id=entry_id, name=name, aliases=aliases, roles=roles))
            except ValidationError as exc:
                report.skip(f"invalid entry ({exc.errors()[0]['msg']})", where)
    for sector, terms in sorted(agent_terms.items()):
        report.agents.append(AgentGroup(sector=sector, terms=sorted(terms)))
    return report


def write_overlay(report: ImportReport, directory: Path) -> dict[str, int]:
    """Write the overlay files; returns entries written per file."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, key, items in (("groups.json", "groups", report.groups), ("people.json", "people", report.people),
                             ("agents.json", "agents", report.agents)):
        rows = [item.model_dump(mode="json") for item in items]
        lines = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in rows)
        (directory / name).write_text(f'{{\n  "{key}": [\n{lines}\n  ]\n}}\n', encoding="utf-8")
        written[name] = len(rows)
    return written


# ------------------------------------------------------------------ verb dictionaries
VERB_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
PATTERN_CODE = re.compile(r"\[([0-9]{2,4})(?::[0-9]{2,4})?\]")


@dataclass
class VerbImport:
    patterns: list = field(default_factory=list)  # VerbPattern
    skipped: Counter = field(default_factory=Counter)


def import_verb_dictionary(path: Path, known_codes: set[str]) -> VerbImport:
    """Read a PETRARCH/TABARI CAMEO verb dictionary (CAMEO.2.0.txt layout) into lexicon patterns.

    Kept: a verb block's own code, and patterns of the form "- * OBJECT (PREP ...) [code]",
    where the object may be a word, a {multi word} phrase or a &SYNONYM set. Patterns with
    words before the verb, or codes the codebook lacks, are counted as skipped.
    """
    from .schema import VerbPattern

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    synonyms: dict[str, list[str]] = {}
    current_set = None
    result = VerbImport()
    verbs: list[str] = []
    block_code = None
    in_patterns = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_patterns = True
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                synonyms[current_set] = []
            elif line.startswith("+") and current_set:
                synonyms[current_set].append(_lower_words(line[1:]))
            elif not line.strip():
                current_set = None
            continue
        block = VERB_BLOCK.match(line)
        if block:
            verbs, block_code = [], block.group(2).strip()
            continue
        if not line.strip():
            continue
        if not line.startswith("-"):
            verb = _lower_words(line.split("{", 1)[0])  # a verb of the block; its inflections follow in braces
            if verb and verb not in verbs:
                verbs.append(verb)
                if block_code in known_codes:  # the block's own code applies to the bare verb
                    result.patterns.append(VerbPattern(code=block_code, lemma=verb, note=f"imported from {Path(path).name}"))
            continue
        code = PATTERN_CODE.search(line)
        if code is None:
            result.skipped["no code"] += 1
            continue
        if code.group(1) not in known_codes:
            result.skipped["code not in the codebook"] += 1
            continue
        body = PATTERN_CODE.sub("", line[1:]).replace("$", " ").replace("+", " ").strip()
        if not body.startswith("*"):
            result.skipped["words before the verb"] += 1
            continue
        objects, prep = _pattern_parts(body[1:], synonyms)
        if objects is None:
            result.skipped["unsupported pattern syntax"] += 1
            continue
        for verb in dict.fromkeys(v for v in verbs if v):
            try:
                result.patterns.append(VerbPattern(
                    code=code.group(1), lemma=verb, objects=objects, prep=prep,
                    target="prep" if prep and not objects else "object",
                    note=f"imported from {Path(path).name}",
                ))
            except ValidationError:
                result.skipped["invalid pattern"] += 1
    return result


def _lower_words(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def _pattern_parts(body: str, synonyms: dict[str, list[str]]) -> tuple[list[str] | None, str | None]:
    """Objects and preposition of the part of a pattern after the verb; (None, None) if unsupported."""
    body = body.strip()
    objects: list[str] = []
    prep = None
    # The first element after the verb: a word, a {phrase} or a &SET, unless it is a (PREP ...) group.
    head = re.match(r"^(\{[^}]*\}|&\w+|[A-Z][A-Z'\-]*)", body)
    if head:
        token = head.group(1)
        if token.startswith("{"):
            words = [w for w in token[1:-1].split() if not w.startswith("&")]
            objects = [_lower_words(words[-1])] if words else []
        elif token.startswith("&"):
            objects = synonyms.get(token.rstrip("_"), [])
            if not objects:
                return None, None
        else:
            objects = [_lower_words(token)]
        body = body[head.end():].strip()
    group = re.match(r"^\((\w+)", body)
    if group:
        prep = group.group(1).lower()
    elif body and not body.startswith("("):
        return None, None  # more words after the object: a longer phrase than the lexicon expresses
    if not objects and prep is None:
        return None, None
    return objects, prep
