"""Provisional actors: people, organisations and groups the knowledge base cannot name, coded from context.

So that an unknown actor never drops its event, each such name becomes a mention marked
``provisional``; its code comes from a title, a country in or around the name, an organisation
word, or the scene, in that order, and its rule says which. Places, dates and outlets never do.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from ..knowledge.kb import KnowledgeBase, fold
from ..knowledge.words import word_class
from ..model import ActorMention
from .mentions import PERSON_TITLES, MentionIndex, PlaceCountry
from .owners import HOME_SECTORS, STATE_TITLES, article_scene, country_of_the_scene, only_country_of_sentence

# NER labels that may name an actor; places (GPE, LOC, FAC) are places, whatever their role.
ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
# Dependencies by which a proper noun NER missed can fill an event's role.
ROLE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos"}
ARMED_NAME_WORDS = word_class("armed_name_words")
NEWS_OUTLETS = word_class("news_outlets")
THING_NAME_WORDS = word_class("thing_name_words")
PLACE_SUFFIXES = word_class("place_suffixes")
COUNTRY_KINDS = ("country", "demonym", "metonym")
MAX_NAME_TOKENS = 8
PLACE_LABELS = {"GPE", "LOC", "FAC"}
MILITARY_RANKS = word_class("military_ranks")
MILITARY_WORDS = {word for rank in MILITARY_RANKS for word in rank.split()}
# Organisation sectors of the state itself: a ministry or a court is the government of a country
# the text names, never of the country an article merely mentions most.
STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY"}
# Which knowledge-base names an unknown entity may be a misspelling of, by its NER label.
ACRONYM_KINDS = ("agent", "group", "igo", "provisional")
FUZZY_KINDS = {"PERSON": ("person",), "ORG": ("igo", "group"), "PROPN": ("person", "igo", "group"), "GPE": ("country",)}


def provisional_actors(kb: KnowledgeBase, place_country: PlaceCountry | None, doc: Doc,
                       mentions: list[ActorMention], index: MentionIndex, sent_of: list[int],
                       published: date | None = None) -> list[ActorMention]:
    """A provisional mention for each unknown name that could fill a role, coded from its context."""
    covered = {t for m in mentions for t in range(m.token_start, m.token_end)}
    found: list[ActorMention] = []
    surnames: dict[str, ActorMention] = {}  # last word of each provisional person named so far
    for span, label in _unknown_spans(doc, covered):
        if label == "GPE":
            # A place NER reads but neither the gazetteer nor the knowledge base knows may be a
            # country misspelt ("Afganistan"); it is never a provisional actor.
            variant = None if _is_place(span, label, place_country) else _spelling_variant(kb, span, label, sent_of, published)
            if variant is not None:
                found.append(variant)
            continue
        given = index.at(span.root)
        variant = _spelling_variant(kb, span, label, sent_of, published) if given else None
        if variant is not None:
            found.append(variant)  # "Libyan leader Muammar Gadafy": the known person, whatever the title says
            surnames[fold(span[-1].text)] = variant
            continue
        if given:
            # A title or apposition already gives the name its actor. An unknown person keeps the
            # title's code under their own name, marked provisional: "Education Minister Fabian Osuji".
            title = given[0]
            if label == "PERSON" and len(span) > 1 and len(given) == 1 and title.kind == "agent" and title.country:
                found.append(_titled_person(span, title, sent_of))
                surnames[fold(span[-1].text)] = found[-1]
            continue
        if _first_conjunct(span.root).dep_ in ("compound", "amod", "nmod"):
            continue  # "the Yongbyon nuclear complex", "Le Monde and Liberation dailies": modifiers, not role fillers
        if label == "PERSON" and len(span) == 1:
            # A lone word NER calls a person is often a town or a thing; it stands for someone only
            # as the surname of a person named before, whose code it repeats.
            earlier = surnames.get(fold(span.text))
            if earlier is not None:
                found.append(_again(earlier, span, sent_of))
            continue
        if (_is_place(span, label, place_country) or _is_outlet(span, kb) or _only_common_words(span, kb)
                or _names_a_thing(span)):
            continue
        if label == "NORP" and span.root.tag_ not in ("NNPS", "NNS"):
            continue  # "Kurdish", "Tigrayan": a modifier, not a people acting
        variant = _spelling_variant(kb, span, label, sent_of, published)
        if variant is not None:
            found.append(variant)
            if label == "PERSON":
                surnames[fold(span[-1].text)] = variant
            continue
        coded = _code_from_context(kb, place_country, span, label, mentions)
        if coded is None:
            continue
        code, country, sector, title, why = coded
        if label in ("ORG", "PROPN") and not (title or sector or "in the name" in why or "its owner" in why):
            continue  # a company, a club or a museum as often as an actor: only a word that says what it is will do
        found.append(ActorMention(
            text=span.text, start=span.start_char, end=span.end_char, code=code, country=country, sector=sector,
            actor_id=None, sentence_index=sent_of[span.root.i], kind="provisional",
            rule=f"provisional: {label} '{span.text}' is not in the knowledge base; code from {why}",
            token_start=span.start, token_end=span.end, head=span.root.i, title=title, provisional=True,
        ))
        if label == "PERSON":
            surnames[fold(span[-1].text)] = found[-1]
    found += _acronyms(doc, mentions + found, covered | {t for m in found for t in range(m.token_start, m.token_end)}, sent_of)
    return found


def _repeat(earlier: ActorMention, span: Span, sent_of: list[int], rule: str) -> ActorMention:
    """A later mention of an actor named before (its surname, its acronym): the same actor at a new span."""
    return replace(earlier, text=span.text, start=span.start_char, end=span.end_char, sentence_index=sent_of[span.root.i],
                   rule=rule, token_start=span.start, token_end=span.end, head=span.root.i)


def _again(earlier: ActorMention, span: Span, sent_of: list[int]) -> ActorMention:
    kind = "provisional" if earlier.provisional else "fuzzy"
    return _repeat(earlier, span, sent_of,
                   f"{kind}: '{span.text}' is the surname of '{earlier.text}', named before ({earlier.code})")


def _initials(mention: ActorMention, doc: Doc) -> str:
    """ "Central Reserve Police" -> "CRP"; "the Forces for Democracy and Development" -> "FDD"."""
    words = [t for t in doc[mention.token_start : mention.token_end] if t.is_alpha and t.text[:1].isupper()]
    return "".join(t.text[0] for t in words).upper()


def _acronyms(doc: Doc, mentions: list[ActorMention], covered: set[int], sent_of: list[int]) -> list[ActorMention]:
    """An unknown acronym stands for the one actor named before it whose capitalised words it
    spells: "Sudan's Central Reserve Police ... the CRP" is the same police force."""
    found: list[ActorMention] = []
    for token in doc:
        text = token.text
        if (token.i in covered or not (2 <= len(text) <= 6) or not text.isalpha() or not text.isupper()
                or token.pos_ not in ("PROPN", "NOUN")):
            continue
        spelled = {m.code: m for m in mentions if m.token_end <= token.i and m.kind in ACRONYM_KINDS
                   and _initials(m, doc)[-len(text):] == text}  # "Sudan's Central Reserve Police": its last words
        if len(spelled) != 1:
            continue
        earlier = next(iter(spelled.values()))
        found.append(_repeat(earlier, doc[token.i : token.i + 1], sent_of,
                             f"acronym: '{text}' spells '{earlier.text}', named before ({earlier.code})"))
    return found


def _titled_person(span: Span, title: ActorMention, sent_of: list[int]) -> ActorMention:
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char, code=title.code, country=title.country,
        sector=title.sector, actor_id=None, sentence_index=sent_of[span.root.i], kind="provisional",
        rule=f"provisional: PERSON '{span.text}' is not in the knowledge base; code from the title or description '{title.text}'",
        token_start=span.start, token_end=span.end, head=span.root.i, title=title.title or title.text, provisional=True,
    )


def _spelling_variant(kb: KnowledgeBase, span: Span, label: str, sent_of: list[int],
                      published: date | None) -> ActorMention | None:
    """A known actor under another spelling ("Khalifa Hifter", "Hizbollah"): a person for a PERSON
    span of two words or more, an organisation or group for an ORG; never a lone word NER calls a person."""
    kinds = FUZZY_KINDS.get(label)
    if kinds is None or (label == "PERSON" and len(span) < 2):
        return None
    match = kb.fuzzy_lookup([t.text for t in span], kinds)
    if match is None:
        return None
    hit, listed, score = match
    actor, why = kb.actor_for(hit, published)
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char, code=actor.code, country=actor.country,
        sector=actor.sector, actor_id=actor.actor_id, sentence_index=sent_of[span.root.i], kind=hit.kind,
        rule=f"fuzzy: '{span.text}' ≈ '{listed}', a name of {actor.name} (score {score:.0f}); {why}",
        token_start=span.start, token_end=span.end, head=span.root.i, name=actor.name, title=actor.title,
        sectors=actor.sectors, qid=actor.qid,
    )


def _unknown_spans(doc: Doc, covered: set[int]) -> list[tuple[Span, str]]:
    """Actor-like entities no mention covers, and proper-noun phrases NER missed in a role position."""
    spans: list[tuple[Span, str]] = []
    taken: set[int] = set(covered)
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS | {"GPE"} or any(t in covered for t in range(ent.start, ent.end)):
            continue
        for part in _split_list(ent):
            span = _trim(part)
            if span is not None and len(span) <= MAX_NAME_TOKENS:
                spans.append((span, ent.label_))
        taken.update(range(ent.start, ent.end))
    for token in doc:
        if (token.pos_ != "PROPN" or token.ent_type_ or token.i in taken or token.dep_ not in ROLE_DEPS
                or not token.text[:1].isupper()):
            continue
        first = token.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == token.i \
                and doc[first - 1].pos_ == "PROPN" and first - 1 not in taken:
            first -= 1
        if first == token.i and token.i == token.sent.start:
            continue  # a lone capitalised first word is as likely a common word the tagger misread
        spans.append((doc[first : token.i + 1], "PROPN"))
    return spans


def _split_list(ent: Span) -> list[Span]:
    """An entity NER ran over a list: "Le Monde and Liberation" is two names, and so is
    "Liberation, Agnes Faivre"; "Union for Democracy and Development" stays one, its "and" inside a phrase."""
    doc = ent.doc
    cuts = [t.i for t in ent if t.text in (",", "(", ")") or (t.dep_ == "cc" and t.head.i == ent.root.i
                                                   and any(c.dep_ == "conj" for c in ent.root.children))]
    parts, start = [], ent.start
    for cut in cuts:
        parts.append(doc[start:cut])
        start = cut + 1
    parts.append(doc[start : ent.end])
    return [part for part in parts if len(part)]


def _trim(ent: Span) -> Span | None:
    """The name without a leading article or a trailing possessive: "the Kano Traders Union's" -> "Kano Traders Union"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end] if end > start else None


def _is_place(span: Span, label: str, place_country: PlaceCountry | None) -> bool:
    """A name the gazetteer knows as a place is a place: NER often reads towns as people or groups."""
    if any(c.ent_type_ in PLACE_LABELS or (place_country is not None and place_country(c.text) is not None)
           for c in span.root.conjuncts if not span.start <= c.i < span.end):
        return True  # "taken Rutshuru Centre and Kiwanja": listed with a place, a place itself
    if place_country is None:
        return False
    # "Rutshuru Centre", "Kano State": a known place with a word that keeps it a place.
    rest = len(span) - 1
    while rest > 0 and fold(span[rest].lemma_) in PLACE_SUFFIXES:
        rest -= 1
    if rest < len(span) - 1 and place_country(span[: rest + 1].text) is not None:
        return True
    if label == "PERSON" and not (span.root.dep_ == "pobj" and span.root.head.lower_ in ("in", "at", "near", "from", "to")):
        return False  # "Amara Sesay said": a person, even if a town has the name
    return place_country(span.text) is not None


def _first_conjunct(token):
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _rank_before(span: Span) -> str | None:
    """A military rank written right before the name, full stops aside: "Maj. Gen.", "Colonel"."""
    doc = span.doc
    words: list[str] = []
    i = span.start - 1
    while i >= 0 and len(words) < 3 and (doc[i].text == "." or fold(doc[i].text).rstrip(".") in MILITARY_WORDS):
        if doc[i].text != ".":
            words.insert(0, fold(doc[i].text).rstrip("."))
        i -= 1
    if i >= 0 and doc[i].text in ("-", "–"):
        return None  # "Secretary-General Chedli Klibi": the end of another title, not a rank
    for k in range(len(words)):
        if " ".join(words[k:]) in MILITARY_RANKS:
            return " ".join(words[k:])
    return None


def _affiliation(span: Span, mentions: list[ActorMention]) -> ActorMention | None:
    """The organisation a person's apposition places them in: "Ali Waheed, chairperson of the
    Maldivian Democratic Party" belongs to the party; "X, a spokesman for the army", to the army."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    by_head = {m.head: m for m in mentions}
    for noun in nouns:
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at"):
                continue
            for obj in prep.children:
                owner = by_head.get(obj.i)
                if obj.dep_ == "pobj" and owner is not None and owner.kind in ("group", "igo", "agent") and owner.country:
                    return owner
    return None


def _names_a_thing(span: Span) -> bool:
    """ "Typhoon Haiyan", "Operation Barkhane", "the Louvre museum": a storm, an operation or a building."""
    doc = span.doc
    around = [t for t in (doc[span.start - 1] if span.start > 0 else None, doc[span.end] if span.end < len(doc) else None) if t is not None]
    return any(fold(t.lemma_) in THING_NAME_WORDS or fold(t.text) in THING_NAME_WORDS for t in (*span, *around))


def _is_outlet(span: Span, kb: KnowledgeBase) -> bool:
    """ "told Reuters", "Daily Sabah reported": outlets report acts; they are not provisional actors."""
    text = fold(span.text)
    if text in NEWS_OUTLETS or (text.startswith("the ") and text[4:] in NEWS_OUTLETS):
        return True
    return any((kb.agents.get((fold(t.lemma_),)) or kb.name_words.get(fold(t.lemma_))) == "MED" for t in span)


def _only_common_words(span: Span, kb: KnowledgeBase) -> bool:
    """ "Foreign Minister", "President": a title alone names no one new."""
    return all(fold(t.lemma_) in kb.agent_words or fold(t.lemma_) in PERSON_TITLES or not t.is_alpha for t in span)


def _code_from_context(kb: KnowledgeBase, place_country: PlaceCountry | None, span: Span, label: str,
                       mentions: list[ActorMention]) -> tuple[str, str | None, str | None, str | None, str] | None:
    """(code, country, sector, title, why) for an unknown name, or None when nothing says anything."""
    person = label in ("PERSON", "PROPN")
    title = _title_of(span, mentions) if person else None
    if title is not None and title.country:
        return title.code, title.country, title.sector, title.title or title.text, f"the title or description '{title.text}'"
    group = _affiliation(span, mentions) if person and title is None else None
    if group is not None:
        return group.code, group.country, group.sector, None, f"the organisation it belongs to, '{group.text}'"
    sector, sector_word = (None, None) if label == "PERSON" else _organisation_sector(kb, span)
    if sector is None and title is not None and title.sector:
        sector, sector_word = title.sector, title.text
    rank = _rank_before(span) if person and sector is None else None
    if rank is not None:
        sector, sector_word = "MIL", rank
    country, country_why = _country_in_or_around(kb, span, mentions)
    if country is None:
        # Where the act happens, then what the article is about; never another party of the sentence.
        # A ministry or a court named without its country is not given the article's.
        scene = country_of_the_scene(span.root, mentions, place_country)
        if scene is None and not (label != "PERSON" and sector in STATE_SECTORS and sector_word != rank):
            scene = article_scene(span.root, mentions, place_country)
        if scene is None and sector in HOME_SECTORS:
            scene = only_country_of_sentence(span.root, mentions, "")
        if scene is not None:
            country, country_why = scene.country, scene.rule
    if country is None and sector is None:
        return None
    code = (country or "") + (sector or "")
    word = (f"the rank '{rank}' (MIL)" if rank is not None else f"the organisation word '{sector_word}' ({sector})") if sector_word else ""
    why = "; ".join(part for part in (country_why, word) if part)
    return code, country, sector, rank, why


def _title_of(span: Span, mentions: list[ActorMention]) -> ActorMention | None:
    """A person's title right before the name or in apposition to it: "the governor, Amina Bello";
    or what the words right before the name say they are: "Syrian activist Omar Khattab"."""
    doc = span.doc
    root = span.root
    for m in mentions:
        if m.kind != "agent":
            continue
        between = doc[m.token_end : span.start]
        if m.token_end <= span.start and all(t.pos_ == "NOUN" and t.dep_ == "compound" for t in between):
            return m  # "opposition figure Joseph Kariuki": the words before the name say what he is
        if fold(doc[m.head].lemma_) not in PERSON_TITLES | STATE_TITLES:
            continue
        if m.token_end + 1 == span.start and doc[m.token_end].text == ",":
            return m
        head = doc[m.head]
        if (head.dep_ == "appos" and head.head.i == root.i) or (root.dep_ == "appos" and root.head.i == head.i):
            return m
    # "Dhaka Metropolitan Magistrate, Shafi Uddin": any one agent the parse sets in apposition.
    for m in mentions:
        head = doc[m.head]
        if m.kind == "agent" and head.tag_ in ("NN", "NNP") and (
                (head.dep_ == "appos" and head.head.i == root.i) or (root.dep_ == "appos" and root.head.i == head.i)):
            return m
    return None


def _organisation_sector(kb: KnowledgeBase, span: Span) -> tuple[str | None, str | None]:
    """The sector an organisation's name declares: armed words first, then its head noun, then any word."""
    lemmas = [fold(t.lemma_) for t in span]
    head = fold(span.root.lemma_)
    # An armed word says what a longer name is; alone ("Liberation", "Resistance") it may name anything.
    armed = next((w for w in lemmas if w in ARMED_NAME_WORDS), None) if len(span) > 1 else None
    if armed is not None and (kb.agents.get((head,)) or kb.name_words.get(head)) != "GOV":
        return "REB", armed  # "Karenni Defence Front", but not "the Defence Ministry"
    ordered = [head] + [w for w in reversed(lemmas) if w != head]
    for word in ordered:
        sector = kb.agents.get((word,)) or kb.name_words.get(word)
        if sector:
            return sector, word
    return None, None


def _country_in_or_around(kb: KnowledgeBase, span: Span, mentions: list[ActorMention]) -> tuple[str | None, str]:
    """A country named inside the name ("Libyan Islamic Fighting Group") or owning it ("Peru's ...")."""
    for token in span:
        for hit in kb.names.get((fold(token.text),), []):
            if hit.kind in ("country", "demonym"):  # not a capital: "Real Madrid" is no Spanish actor
                return hit.key, f"the country word '{token.text}' in the name"
    owners = [c for c in span.root.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < span.start]
    owners += [p for prep in span.root.children if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
               for p in prep.children if p.dep_ == "pobj"]
    for owner in owners:
        for m in mentions:
            if m.head == owner.i and m.country and m.kind in COUNTRY_KINDS:
                return m.country, f"its owner '{m.text}'"
    return None, ""
