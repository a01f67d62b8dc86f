"""The actors stage: find actor mentions in a parsed article and resolve them to codes.

Knowledge-base names take precedence over NER; sector agents combine with a
country or group ("Libyan forces" -> LBYMIL); coreference is conservative.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from spacy.tokens import Doc, Token

from .gazetteer import COMPASS_WORDS
from .kb import KnowledgeBase, NameHit, fold, holds_role
from .model import ActorMention, UnknownName

# Hit kinds in order of preference when one name means several things.
KIND_PRIORITY = {"group": 0, "igo": 1, "person": 2, "metonym": 3, "country": 4, "demonym": 5}
# A country name inside a longer entity of these types is part of another name
# ("Tripoli International Airport", "Turkish Airlines"), not an actor.
SHADOWING_ENTITIES = {"PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "ORG", "LANGUAGE"}
OWNER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
OWNER_PREPS = {"of", "from"}
# Sectors whose members act at home, so the country of the scene is theirs when nothing else says.
DOMESTIC_SECTORS = {"COP", "OPP", "CVL", "ACT", "LAB", "EDU", "REL", "MED", "JUD", "LEG", "BUS", "HLH", "AGR", "PTY", "ETH"}
SCENE_PREPS = {"in", "at", "near", "across", "throughout", "outside", "inside", "through", "around", "into"}
# Nominals that stand for the article's current state actor: "the country", "the nation".
STATE_NOMINALS = {"country", "nation", "state"}
GOVERNMENT_NOMINALS = {"government", "authority", "regime", "administration", "leadership"}
PRONOUN_SUBJECTS = {"it", "they", "he", "she"}
DEMONSTRATIVES = {"those", "these"}
ARABIC_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
# Agent heads that name one person, so "he" or "she" can refer to them.
PERSON_TITLES = {"president", "minister", "leader", "premier", "chancellor", "king", "queen", "emir", "sultan",
                 "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "commander", "general",
                 "secretary", "governor", "mayor", "official", "diplomat", "judge", "prosecutor", "chief"}
# Nouns for another party related to the modifier: "Israel's militia ally" is not Israel.
RELATIONAL_NOUNS = {"ally", "partner", "proxy", "client", "rival", "enemy", "foe", "opponent", "adversary",
                    "neighbor", "neighbour", "critic", "counterpart", "backer", "sponsor"}
# Titles of those who speak for a state abroad: a second one in a sentence may be foreign.
STATE_TITLES = {"president", "minister", "leader", "premier", "chancellor", "king", "queen", "emir", "sultan",
                "ambassador", "envoy", "diplomat", "secretary"}
# Nouns for people or their vehicles that a demonstrative can point back to an actor with:
# "those crews", "these vessels". Event nouns ("these defeats") are deliberately absent.
COLLECTIVE_NOUNS = {"crew", "member", "man", "people", "personnel", "vessel", "ship", "unit", "delegation",
                    "side", "camp", "ally", "partner", "country", "nation", "state", "group", "envoy"}
DEMONSTRATIVE_WINDOW = 2  # sentences to look back for the antecedent
DEFINITE_WINDOW = 4  # sentences to look back from "the army" to "the Sudanese army"
UNKNOWN_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
# Participles that make the modifier the group's owner: "Vietnamese-led forces", unlike "Iranian-backed".
LEADING_PARTICIPLES = {"lead", "led", "run", "command", "control", "own", "align", "aligned", "ally", "allied"}
# Words that tie a group to the one it serves: "workers affiliated with", "fighters loyal to".
AFFILIATION_WORDS = {"affiliate", "affiliated", "loyal", "belong", "attach", "attached", "aligned", "allied"}
# Verbs by which a group is placed: "a newspaper based in Beirut".
HOME_VERBS = {"base", "headquarter", "station", "locate"}
STANCE_PREFIXES = {"anti", "pro"}
# Sectors whose members need no country: an aid agency or rights group of none is transnational (NGO).
TRANSNATIONAL_SECTORS = {"NGO"}
# Owners found from the sentence rather than the phrase; the agent's rule repeats why.
INFERRED_OWNER_RULES = ("scene", "place", "the only country")


@dataclass(slots=True)
class MentionIndex:
    """Mentions of one article, reachable from the token that heads them."""

    by_head: dict[int, list[ActorMention]]
    by_token: dict[int, ActorMention]

    def at(self, token: Token, depth: int = 0) -> list[ActorMention]:
        found = self.by_head.get(token.i)
        if found:
            return found
        covering = self.by_token.get(token.i)
        if covering:
            return [covering]
        if token.pos_ in ("PROPN", "NOUN"):
            # An unknown person with a known title ("Libyan Prime Minister <name>", "U.S. Secretary
            # of State <name>"), or a description followed by the name ("the putschist Khalifa Haftar").
            for child in token.children:
                if child.i in self.by_head and (child.dep_ == "appos" or (child.dep_ in ("compound", "nmod") and token.pos_ == "PROPN")):
                    return self.by_head[child.i]
            # "Ana Ruiz, the UN aid chief in Haiti": the apposition's own actor.
            for child in token.children:
                if child.dep_ == "appos" and depth < 2:
                    found = self.at(child, depth + 1)
                    if found:
                        return found
            # "the al-Qaeda terror network", "a Hamas delegation": a named group modifying the head;
            # "Thai army chief Prayuth": any actor that a title belongs to.
            for child in token.children:
                if child.dep_ in ("compound", "nmod") and child.i in self.by_head:
                    groups = [m for m in self.by_head[child.i] if m.kind in ("group", "igo")
                              or (m.kind == "agent" and fold(token.lemma_) in PERSON_TITLES)]
                    if groups:
                        return groups
        return []


class ActorFinder:
    """Finds and resolves actor mentions; one instance serves every article."""

    def __init__(self, kb: KnowledgeBase, place_country: Callable[[str], str | None] | None = None):
        self.kb = kb
        # Names a group by where it is: "Darfur rebels" -> SDN. The gazetteer's country_of.
        self.place_country = place_country

    # -------------------------------------------------------------- public
    def find(self, doc: Doc, published: date | None) -> tuple[list[ActorMention], list[UnknownName]]:
        sent_of = _sentence_index(doc)
        names = self._name_mentions(doc, published, sent_of)
        agents = self._agent_mentions(doc, names, sent_of)
        mentions = _merge(names, agents)
        mentions += self._coreference(doc, mentions, sent_of)
        mentions.sort(key=lambda m: (m.start, -m.end))
        unknown = self._unknown_names(doc, mentions, sent_of)
        return mentions, unknown

    # -------------------------------------------------------------- names
    def _name_mentions(self, doc: Doc, published: date | None, sent_of: list[int]) -> list[ActorMention]:
        kb = self.kb
        folded = [fold(t.text) for t in doc]
        # doc.ents is rebuilt per access; keep what shadowing needs.
        entities = [
            (e.start + (doc[e.start].lower_ == "the"), e.end, e.label_,  # "The White House" is still the White House
             any(fold(t.lemma_) in kb.agent_words and t.pos_ in ("NOUN", "PROPN") for t in e)
             # "Bosnian Serbs" read as a PERSON is still two known demonyms
             or all((fold(t.text),) in kb.names for t in e if t.lower_ != "the"))
            for e in doc.ents
        ]
        found: list[ActorMention] = []
        i, n = 0, len(doc)
        while i < n:
            lengths = kb.name_lengths.get(folded[i])
            matched = 0
            # Names start with a capital, or with a lower-case Arabic article ("al-Qaeda", "el-Sisi").
            if lengths and (doc[i].text[:1].isupper() or folded[i] in ARABIC_ARTICLES):
                for length in lengths:
                    if i + length > n:
                        continue
                    hits = kb.names.get(tuple(folded[i : i + length]))
                    if not hits:
                        continue
                    span = doc[i : i + length]
                    hit = self._choose_hit(hits, span.text, published)
                    if hit is None or _shadowed(span, hit, entities):
                        continue
                    if hit.derived and not _read_as_person(span, entities, kb.agent_words):
                        continue
                    if hit.kind in ("country", "demonym", "metonym") and self._part_of_a_region(doc, i, length):
                        continue
                    actor, why = kb.actor_for(hit, published)
                    found.append(
                        ActorMention(
                            text=span.text, start=span.start_char, end=span.end_char, code=actor.code,
                            country=actor.country, sector=actor.sector, actor_id=actor.actor_id,
                            sentence_index=sent_of[i], kind=hit.kind, rule=f"name '{span.text}': {why}",
                            token_start=i, token_end=i + length, head=span.root.i,
                        )
                    )
                    matched = length
                    break
            i += matched or 1
        # "anti-Syria journalist", "pro-Russian separatists": the name is a stance, not the owner.
        found = [m for m in found if not _stance_prefixed(doc, m.token_start)]
        return _residents(doc, _ethnic_communities(doc, found), sent_of)

    def _part_of_a_region(self, doc: Doc, i: int, length: int) -> bool:
        """ "Northern Ireland", "Western Kenya"? The first is a region of another country, the second
        is Kenya: a compass word before a country name counts only when the gazetteer knows the pair."""
        if i == 0 or self.place_country is None or fold(doc[i - 1].text) not in COMPASS_WORDS or not doc[i - 1].text[:1].isupper():
            return False
        region = self.place_country(doc[i - 1 : i + length].text)
        hits = self.kb.names.get(tuple(fold(t.text) for t in doc[i : i + length]), [])
        return region is not None and region not in {h.key for h in hits}

    def _choose_hit(self, hits: list[NameHit], surface: str, published: date | None) -> NameHit | None:
        usable = [h for h in hits if not h.exact_case or surface.replace(".", "").replace("-", "").isupper()]
        if not usable:
            return None
        derived = [h for h in usable if h.derived]
        if len(derived) > 1:
            # A surname several people share: the one in office on the day, if exactly one is.
            serving = [h for h in derived if any(holds_role(r, published) for r in self.kb.people[h.key].roles)]
            return serving[0] if len(serving) == 1 else None
        return min(usable, key=lambda h: KIND_PRIORITY[h.kind])

    # -------------------------------------------------------------- agents
    def _agent_mentions(self, doc: Doc, names: list[ActorMention], sent_of: list[int]) -> list[ActorMention]:
        kb = self.kb
        name_at = {t: m for m in names for t in range(m.token_start, m.token_end)}
        lemmas = [_agent_lemma(t, kb) for t in doc]
        found: list[ActorMention] = []
        pending: list[tuple[int, int, Token, str]] = []  # agents whose owner may be another agent
        i, n = 0, len(doc)
        while i < n:
            lengths = kb.agent_lengths.get(lemmas[i])
            matched = 0
            for length in lengths or ():
                key = tuple(lemmas[i : i + length])
                if i + length > n or key not in kb.agents or doc[i + length - 1].pos_ not in ("NOUN", "PROPN"):
                    continue
                if any(t in name_at for t in range(i, i + length)):
                    continue
                if i > 0 and doc[i - 1].text == "-":
                    continue  # "Secretary-General", "Attorney-General": the last word of a title is no agent
                sector = kb.agents[key]
                head = doc[i : i + length].root  # "Secretary of State": the secretary, not the state
                if key == ("state",) and any(p.pos_ == "NOUN" for prep in head.children if prep.lower_ == "of" for p in prep.children):
                    matched = length  # "a state of siege", "the state of the economy": not the state as an actor
                    break
                owner = _owner(head, doc[i], name_at, sector)
                if owner is None and self.place_country is not None:
                    owner = _place_owner(head, doc[i], name_at, self.place_country, sector)
                if owner is None and any(fold(p.lemma_) in kb.agent_words for prep in head.children
                                         if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS
                                         for p in prep.children if p.dep_ == "pobj"):
                    pending.append((i, length, head, sector))  # "doctors from aid groups": settled below
                    matched = length
                    break
                if owner is None and sector in DOMESTIC_SECTORS:
                    owner = _country_of_the_scene(head, names, self.place_country)
                if owner is None and _names_one_official(head, doc[i]):
                    owner = _only_country_of_sentence(head, names, sector)
                if owner is None and sector in TRANSNATIONAL_SECTORS:
                    # "13 international aid agencies": an NGO of no country is a transnational one.
                    found.append(_transnational(doc, i, head, sector, sent_of, i + length - 1))
                    matched = length
                    break
                if owner is None:
                    pending.append((i, length, head, sector))
                if owner is not None:
                    found.append(_agent_with_owner(doc, owner, i, head, sector, sent_of, i + length - 1))
                    # "US and British forces": one agent per conjoined owner.
                    for conj in doc[owner.head].conjuncts:
                        other = name_at.get(conj.i)
                        if other is not None and other.country != owner.country:
                            also = _agent_with_owner(doc, other, i, head, sector, sent_of, i + length - 1)
                            also.text, also.start, also.end = found[-1].text, found[-1].start, found[-1].end
                            also.token_start, also.token_end = found[-1].token_start, found[-1].token_end
                            found.append(also)
                matched = length
                break
            i += matched or 1
        # "medics from two Italian charities": an agent owned by a later agent phrase.
        agent_at = {m.head: m for m in found}
        for i, length, head, sector in pending:
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPS):
                owner = next((agent_at[p.i] for p in prep.children if p.dep_ == "pobj" and p.i in agent_at), None)
                if owner is not None and owner.country:
                    found.append(_agent_with_owner(doc, owner, i, head, sector, sent_of, i + length - 1))
                    break
        return found

    # -------------------------------------------------------------- coreference
    def _coreference(self, doc: Doc, mentions: list[ActorMention], sent_of: list[int]) -> list[ActorMention]:
        """Conservative links: state nominals, relative-clause pronouns and demonstratives.

        Each rule fires only when its antecedent is unambiguous; otherwise the
        role stays empty, which is better than a wrong actor.
        """
        covered = {t for m in mentions for t in range(m.token_start, m.token_end)}
        by_head: dict[int, list[ActorMention]] = {}
        for m in mentions:
            by_head.setdefault(m.head, []).append(m)
        sentences = list(doc.sents)
        added: list[ActorMention] = []
        focus: ActorMention | None = None  # the latest state-level subject
        for s_index, sent in enumerate(sentences):
            previous_subjects: list[ActorMention] = []
            for back in range(1, DEMONSTRATIVE_WINDOW + 1):
                if s_index - back >= 0:
                    previous_subjects = _subject_mentions(sentences[s_index - back], by_head)
                    if not previous_subjects:
                        # The parser may miss the subject; a few distinct actors will still do.
                        named = _unique_codes(m for t in sentences[s_index - back] for m in by_head.get(t.i, ()))
                        previous_subjects = named if len(named) <= 3 else []
                    if previous_subjects:
                        break
            for token in sent:
                if token.i in covered:
                    continue
                link: list[ActorMention] = []
                rule = ""
                lemma = token.lemma_.lower()
                has_the = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
                if (token.pos_ == "NOUN" and has_the and focus is not None and not _has_modifier(token)
                        and lemma in STATE_NOMINALS | GOVERNMENT_NOMINALS):
                    if lemma in STATE_NOMINALS:
                        link, rule = [_state_only(focus)], f"'{token.text}' = the article's current state, {focus.text}"
                    elif lemma in GOVERNMENT_NOMINALS and focus.country:
                        gov = _state_only(focus)
                        gov.code, gov.sector = focus.country + "GOV", "GOV"
                        link, rule = [gov], f"'{token.text}' = government of the current state, {focus.text}"
                elif token.pos_ == "NOUN" and has_the and not _has_modifier(token) and (lemma,) in self.kb.agents:
                    earlier = _latest_agent(doc, mentions, token, sent_of[token.i] - DEFINITE_WINDOW)
                    if earlier is not None:
                        link, rule = [earlier], f"'{token.text}' = the latest '{doc[earlier.head].text}' named, {earlier.text}"
                elif token.lower_ in PRONOUN_SUBJECTS and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp":
                    # "Hungary said it will support ...": the reporter speaks of itself.
                    antecedent = _reporter_of(token, by_head)
                    if antecedent:
                        link, rule = antecedent, f"'{token.text}' = subject of '{token.head.head.text}', which governs its clause"
                elif token.lower_ in PRONOUN_SUBJECTS and token.dep_ == "nsubj" and token.head.dep_ == "relcl":
                    antecedent = _main_clause_subject(token.head, by_head)
                    if antecedent:
                        link, rule = antecedent, "pronoun in a relative clause = subject of the governing clause"
                elif token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in token.children):
                    if previous_subjects and (lemma in COLLECTIVE_NOUNS or (lemma,) in self.kb.agents):
                        link, rule = previous_subjects, "demonstrative refers to the subjects of a preceding sentence"
                for antecedent in link:
                    start_token = min([c.i for c in token.children if c.dep_ == "det"] + [token.i])
                    span = doc[start_token : token.i + 1]
                    m = ActorMention(
                        text=span.text, start=span.start_char, end=span.end_char, code=antecedent.code,
                        country=antecedent.country, sector=antecedent.sector, actor_id=antecedent.actor_id,
                        sentence_index=sent_of[token.i], kind="coref", rule=f"coreference: {rule}",
                        token_start=span.start, token_end=span.end, head=token.i,
                    )
                    added.append(m)
                    by_head.setdefault(token.i, []).append(m)
            for m in _subject_mentions(sent, by_head):
                if m.country and m.kind in ("country", "metonym", "coref", "agent"):
                    focus = m
        return added

    # -------------------------------------------------------------- unknown names
    def _unknown_names(self, doc: Doc, mentions: list[ActorMention], sent_of: list[int]) -> list[UnknownName]:
        covered = {t for m in mentions for t in range(m.token_start, m.token_end)}
        unknown = []
        for ent in doc.ents:
            if ent.label_ not in UNKNOWN_LABELS or any(t in covered for t in range(ent.start, ent.end)):
                continue
            unknown.append(
                UnknownName(ent.text, ent.label_, ent.start_char, ent.end_char, sent_of[ent.start], ent.sent.text.strip())
            )
        return unknown


# ------------------------------------------------------------------ helpers
def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for s_index, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = s_index
    return index


def _read_as_person(span, entities: list[tuple[int, int, str, bool]], agent_words: frozenset[str]) -> bool:
    """Whether NER reads the span as a person named by surname alone, or with a title only:
    "Bush", "President Bush", but not "Laura Bush", someone else of that name."""
    doc = span.doc
    if any(t.pos_ != "PROPN" for t in span):
        return False  # "Rice prices", "Brown rice": the tagger reads a common word
    for start, end, label, _ in entities:
        if label == "PERSON" and start <= span.start and span.end <= end:
            others = [t for t in doc[start:end] if t.i < span.start or t.i >= span.end]
            return all(fold(t.lemma_) in agent_words or not t.is_alpha for t in others)
    return False


def _shadowed(span, hit: NameHit, entities: list[tuple[int, int, str, bool]]) -> bool:
    """True when a country-like name is only part of a longer, different entity.

    "Turkish Airlines" hides Turkey; "the Libyan Foreign Ministry" or "British Defence
    Secretary Jane Doe" do not, because a sector word inside makes them the country's agents.
    """
    if hit.kind not in ("country", "metonym", "demonym"):
        return False
    for start, end, label, has_agent_word in entities:
        if start <= span.start and span.end <= end and (end - start) > (span.end - span.start):
            if label in SHADOWING_ENTITIES:
                return not has_agent_word
    return False


def _owner(head: Token, first: Token, name_at: dict[int, ActorMention], sector: str = "") -> ActorMention | None:
    """The country, organization or person that an agent noun belongs to."""
    candidates = list(head.children)
    if first.i != head.i:
        candidates += list(first.children)
    for child in candidates:
        if child.dep_ in OWNER_DEPS and child.i in name_at:
            return name_at[child.i]
        if child.dep_ in OWNER_DEPS and child.i < head.i:
            if child.pos_ == "VERB" and fold(child.lemma_) not in LEADING_PARTICIPLES:
                continue  # "Iranian-backed militias" are backed by Iran, not Iran's
            # "Turkey's Foreign Minister": the owner may modify the title's first word;
            # "Vietnamese-led forces": or the participle that says who leads them.
            for grandchild in child.children:
                if grandchild.dep_ in ("poss", "amod", "compound", "npadvmod", "nmod") and grandchild.i in name_at:
                    return name_at[grandchild.i]
    for child in candidates:
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
            # "Chad has reinforced its garrisons": the owner is the clause's named subject.
            subject = _clause_subject(head)
            if subject is not None and subject.i in name_at and _agrees(child.lower_, [name_at[subject.i]], head.doc):
                return name_at[subject.i]
            reporter = _reporter_subject(head)
            if reporter is not None and reporter.i in name_at and _agrees(child.lower_, [name_at[reporter.i]], head.doc):
                return name_at[reporter.i]  # "Bosnian Serbs said their forces had withdrawn"
            if child.lower_ in ("his", "her") and subject is not None and subject.i in range(head.left_edge.i, head.right_edge.i + 1):
                # "His deputy, <name>, flew to Rome": the person last named before.
                person = _previous_person(head, name_at)
                if person is not None:
                    return person
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in name_at:
                    return name_at[pobj.i]
    for acl in (c for c in head.children if c.dep_ in ("acl", "amod") and fold(c.lemma_) in AFFILIATION_WORDS):
        # "dockers affiliated with a Greek union", "fighters loyal to Haftar"
        for prep in (c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("with", "to")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.i in name_at):
                return name_at[pobj.i]
    for pobj in _home_places(head):
        # "rebels in Ivory Coast", "a newspaper based in Beirut": with no other owner, the
        # country the group is in or based in is its own. A capital after a bare "in" says
        # whose protesters or police they are, but an armed group may be anyone's ("gunmen in
        # Tripoli, Lebanon"), so for those it needs "based in".
        owner = name_at.get(pobj.i) or next((name_at[c.i] for c in pobj.children if c.dep_ in ("poss", "compound")
                                             and c.i in name_at and name_at[c.i].kind == "country"), None)
        if owner is None:
            continue  # "in South Sudan's Jonglei state": the country that owns the place will do
        if owner.kind == "country":
            return owner
        if owner.kind == "metonym" and (pobj.head.head.i != head.i or sector in DOMESTIC_SECTORS):
            return replace(owner, code=owner.country, sector=None, kind="country",
                           rule=f"place '{owner.text}' is where the group is")
    return None


def _home_places(head: Token) -> list[Token]:
    """Objects of "in" that say where a group is: "rebels in Mali", "a group based in Trinidad"."""
    holders = [head] + [c for c in head.children if c.dep_ == "acl" and fold(c.lemma_) in HOME_VERBS]
    return [p for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "in"
            for p in prep.children if p.dep_ == "pobj"]


def _reporter_subject(token: Token) -> Token | None:
    """The subject of the verb reporting the clause ``token`` is in: "X said (... token ...)"."""
    verb = governing_verb(token)
    if verb.dep_ != "ccomp":
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _ethnic_communities(doc: Doc, names: list[ActorMention]) -> list[ActorMention]:
    """ "Bosnian Serbs", "Iraqi Turkmen": a people named by one demonym, living in another country,
    is that country's ethnic community (sector ETH), not a second country."""
    by_start = {m.token_start: m for m in names}
    merged: list[ActorMention] = []
    skip: set[int] = set()
    for m in names:
        people = by_start.get(m.token_end)
        if (m.kind == "demonym" and people is not None and people.kind == "demonym" and people.country != m.country
                and doc[people.head].tag_ in ("NNS", "NNPS") and doc[m.head].head.i == people.head):
            span = doc[m.token_start:people.token_end]
            merged.append(ActorMention(
                text=span.text, start=span.start_char, end=span.end_char, code=f"{m.country}ETH", country=m.country,
                sector="ETH", actor_id=None, sentence_index=m.sentence_index, kind="agent",
                rule=f"ethnic community: {people.text} of {m.text}", token_start=span.start, token_end=span.end,
                head=people.head,
            ))
            skip.update((id(m), id(people)))
    return [m for m in names if id(m) not in skip] + merged


def _place_owner(head: Token, first: Token, name_at: dict[int, ActorMention],
                 place_country: Callable[[str], str | None], sector: str = "") -> ActorMention | None:
    """A region or city that names where a group is from: "Darfur rebels", "rebels in Jaffna",
    and for people who live there, "residents of the Golan Heights"."""
    modifiers = [c for c in (*head.children, *first.children) if c.dep_ in OWNER_DEPS and c.i < head.i]
    modifiers += _home_places(head)
    if sector in DOMESTIC_SECTORS:
        for pobj in (p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for p in prep.children if p.dep_ == "pobj"):
            # "residents of the Turkish Aegean coast": the place, or the country that qualifies it.
            qualifier = next((name_at[c.i] for c in pobj.children if c.dep_ in ("amod", "compound") and c.i in name_at
                              and name_at[c.i].kind in ("country", "demonym")), None)
            if qualifier is not None:
                return qualifier
            modifiers.append(pobj)
    for token in modifiers:
        # "Misrata militias": the tagger may read a town before a noun as an adjective.
        if ((token.pos_ == "PROPN" or (token.pos_ == "ADJ" and token.text[:1].isupper())) and token.i not in name_at
                and not _stance_prefixed(token.doc, token.i)):
            owner = _place_mention(token, place_country)
            if owner is not None:
                return owner
    return None


def _place_mention(token: Token, place_country: Callable[[str], str | None]) -> ActorMention | None:
    """The country of the place name headed by ``token``, as a country mention, if the name settles it."""
    # NER takes many towns for people ("based in Goma"); after "in" the gazetteer decides.
    if token.ent_type_ not in ("GPE", "LOC", "FAC", "") and not (
            token.ent_type_ == "PERSON" and token.dep_ == "pobj" and token.head.lower_ == "in"):
        return None
    first_name = min([c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token.i])
    span = token.doc[first_name : token.i + 1]
    country = place_country(span.text)
    if not country:
        return None
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char, code=country, country=country,
        sector=None, actor_id=None, sentence_index=-1, kind="country",
        rule=f"place '{span.text}' is in {country}", token_start=span.start, token_end=span.end, head=token.i,
    )


def _names_one_official(head: Token, first: Token) -> bool:
    """ "Prime Minister Mahendra Chaudhry", "former president Carlos Menem", "the president":
    a title naming one official, whose country the sentence may settle."""
    if fold(head.lemma_) not in PERSON_TITLES:
        return False
    if head.dep_ == "compound" and head.head.pos_ == "PROPN":
        return True
    return any((c.dep_ == "det" and c.lower_ == "the") or c.lower_ == "former" for c in (*head.children, *first.children))


def _names_an_official(token: Token) -> bool:
    """Whether a demonym or country modifies one official's title ("South African leader")."""
    return (token.dep_ in ("amod", "compound", "poss", "nmod") and fold(token.head.lemma_) in STATE_TITLES
            and token.head.tag_ in ("NN", "NNP"))


def _only_country_of_sentence(head: Token, names: list[ActorMention], sector: str = "GOV") -> ActorMention | None:
    """The country of an official's title when the sentence names exactly one country."""
    sent = head.sent
    in_sentence = [m for m in names if sent.start <= m.head < sent.end and m.country and m.kind != "igo"]
    if len({m.country for m in in_sentence}) != 1:
        return None
    named = in_sentence[0]
    if sector == "GOV" and any(_names_an_official(head.doc[m.head]) for m in in_sentence):
        return None  # "Mitterrand welcomed South African leader de Klerk": one state meets another
    return replace(named, code=named.country, sector=None, actor_id=None, kind="country",
                   rule=f"the only country the sentence names: {named.text}")


def _clause_chain(token: Token) -> set[int]:
    """The verbs of the clause around ``token`` and the clauses it hangs from, up to a report:
    in "rebels shelled Juba, killing 20 people, officials in Nairobi said", "killing" and
    "shelled" but not "said"."""
    verb = governing_verb(token)
    chain = {verb.i}
    while verb.dep_ not in ("ccomp", "ROOT") and verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            chain.add(verb.i)
    return chain


def _stance_prefixed(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows "anti-" or "pro-" (tokenized as "anti", "-")."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


def _residents(doc: Doc, names: list[ActorMention], sent_of: list[int]) -> list[ActorMention]:
    """ "Ethnic Hungarians in Romania", "the Hungarians of Slovakia": a people named by
    its demonym, placed in another country, is that country's ethnic community (ETH)."""
    by_head = {m.head: m for m in names if m.kind == "country"}
    result = []
    for m in names:
        token = doc[m.head]
        if m.kind == "demonym" and token.tag_ in ("NNS", "NNPS") and m.token_end - m.token_start == 1:
            homes = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("in", "of")
                     for p in prep.children if p.dep_ == "pobj"]
            home = next((by_head[p.i] for p in homes if p.i in by_head and by_head[p.i].country != m.country), None)
            if home is not None:
                result.append(replace(m, code=f"{home.country}ETH", country=home.country, sector="ETH", kind="agent",
                                      actor_id=None, rule=f"ethnic community: {m.text} of {home.text}"))
                continue
        result.append(m)
    return result


def _country_of_the_scene(head: Token, names: list[ActorMention],
                          place_country: Callable[[str], str | None] | None = None) -> ActorMention | None:
    """The one country where the sentence places its action: "Inmates rioted in a prison in Maputo".

    Only for domestic sectors (police, protesters, students, ...), and only when every
    place named after a locative preposition in the sentence belongs to one country. Known
    names count, and so do gazetteer places whose name settles their country ("in Mombasa").
    """
    sent = head.sent
    chain = _clause_chain(head)
    scene: dict[str, ActorMention] = {}
    candidates = [m for m in names if m.kind in ("country", "metonym") and sent.start <= m.head < sent.end]
    if place_country is not None:
        named = {t for m in names for t in range(m.token_start, m.token_end)}
        for token in sent:
            if token.pos_ == "PROPN" and token.dep_ == "pobj" and token.head.lower_ in SCENE_PREPS and token.i not in named:
                owner = _place_mention(token, place_country)
                if owner is not None:
                    candidates.append(owner)
    for m in candidates:
        token = head.doc[m.head]
        ancestors = list(token.ancestors)
        if head in ancestors:
            continue  # the place belongs to the group's own description ("parties who ... in Libya")
        if governing_verb(token).i not in chain:
            continue  # the place of another clause: where the reporter is, not where the act was
        if any(a.dep_ == "prep" and a.lower_ in SCENE_PREPS for a in ancestors if a.i >= sent.start):
            scene.setdefault(m.country, m)
    if len(scene) != 1:
        return None
    place = next(iter(scene.values()))
    return replace(place, code=place.country, sector=None, actor_id=None, kind="country",
                   rule=f"scene of the action: {place.text}")


def _agent_lemma(token: Token, kb) -> str:
    """The token's lemma; a capitalised plural the tagger took for a name ("Rebels in Mali") is singularised."""
    lemma = fold(token.lemma_)
    if token.pos_ == "PROPN" and lemma not in kb.agent_words:
        for cut in ("ies", "es", "s"):
            if lemma.endswith(cut):
                stem = lemma[: -len(cut)] + ("y" if cut == "ies" else "")
                if stem in kb.agent_words:
                    return stem
    return lemma


def _previous_person(token: Token, name_at: dict[int, ActorMention], window: int = 2) -> ActorMention | None:
    """The nearest person named before ``token`` in its sentence or the ``window`` sentences before,
    if exactly one person is named there."""
    sentences = list(token.doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    start = sentences[max(0, index - window)].start
    people = {m.actor_id: m for i, m in name_at.items() if start <= i < token.i and m.kind == "person"}
    return next(iter(people.values())) if len(people) == 1 else None


def governing_verb(token: Token) -> Token:
    """The nearest verb above ``token``: the clause it belongs to (the root if there is none)."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _clause_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above ``token``."""
    return next((c for c in governing_verb(token).children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _agent_with_owner(doc: Doc, owner: ActorMention, first: int, head: Token, sector: str, sent_of,
                      last: int = -1) -> ActorMention:
    # "the Bush administration" is the US government whatever Bush's role on the day.
    if owner.kind in ("country", "demonym", "metonym") or (owner.country and (owner.sector == "GOV" or (
            sector == "GOV" and owner.kind == "person" and owner.sector == "ELI"))):
        code = (owner.country or owner.code[:3]) + sector
        actor_sector = sector
    else:
        code, actor_sector = owner.code, owner.sector
    inside = head.left_edge.i <= owner.token_start and owner.token_end - 1 <= head.right_edge.i
    if owner.rule.startswith("place") and owner.token_start > head.i:
        span = doc[first : head.i + 1]  # "militias in Misrata": Misrata stays a place of its own
    elif not inside:
        span = doc[head.left_edge.i : head.i + 1]  # the owner is outside the phrase: "its forces", the scene
    elif owner.token_start < first:
        span = doc[owner.token_start : max(head.i, last) + 1]
    else:
        # "residents of the Turkish Aegean coast": the whole phrase the owner sits in.
        branch = doc[owner.head]
        while branch.head.i != head.i and branch.head.i != branch.i:
            branch = branch.head
        end = branch.right_edge.i + 1 if branch.head.i == head.i and branch.i > head.i else owner.token_end
        span = doc[first : max(head.i + 1, last + 1, end)]
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char, code=code, country=owner.country,
        sector=actor_sector, actor_id=owner.actor_id if owner.kind in ("group", "igo") else None,
        sentence_index=sent_of[head.i], kind="agent",
        rule=f"agent '{head.text}' ({sector}) of {owner.text} ({owner.code})" + (f"; {owner.rule}" if owner.rule.startswith(INFERRED_OWNER_RULES) else ""),
        token_start=span.start, token_end=span.end, head=head.i,
    )


def _owner_inferred(agent: ActorMention) -> bool:
    """Whether the agent's country came from the sentence (scene, only country, place) rather than its phrase."""
    return any(f"; {prefix}" in agent.rule for prefix in INFERRED_OWNER_RULES)


def _transnational(doc: Doc, first: int, head: Token, sector: str, sent_of, last: int) -> ActorMention:
    span = doc[first : max(head.i, last) + 1]
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char, code=sector, country=None, sector=sector,
        actor_id=None, sentence_index=sent_of[head.i], kind="agent",
        rule=f"agent '{head.text}' ({sector}) of no country: transnational", token_start=span.start, token_end=span.end,
        head=head.i,
    )


def _merge(names: list[ActorMention], agents: list[ActorMention]) -> list[ActorMention]:
    """Agent phrases take the head position; a titled person lends the title its actor_id.

    "Turkey's Foreign Minister, Mevlut Cavusoglu": the title phrase carries the
    code, the person right after it (apposition or compound) carries the id.
    """
    agent_heads = {a.head for a in agents}
    persons = [m for m in names if m.kind == "person"]
    for a in agents:
        if a.actor_id is None:
            for p in persons:
                if 0 <= p.token_start - a.token_end <= 1:
                    a.actor_id = p.actor_id
                    if a.country and p.country != a.country and a.sector and not _owner_inferred(a):
                        # "Soviet Foreign Minister Eduard Shevardnadze" in an undated text: the title
                        # says which role the person is in, where the knowledge base could only guess.
                        p.code, p.country, p.sector = a.code, a.country, a.sector
                        p.rule += f"; the title '{a.text}' names the role"
    return list(agents) + [m for m in names if m.head not in agent_heads]


def _subject_mentions(sent, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    found: list[ActorMention] = []
    for token in sent:
        if token.dep_ in ("nsubj", "nsubjpass") and token.i in by_head:
            found.extend(by_head[token.i])
            for conj in token.conjuncts:
                found.extend(by_head.get(conj.i, []))
    return _unique_codes(found)


def _unique_codes(mentions) -> list[ActorMention]:
    unique: dict[str, ActorMention] = {}
    for m in mentions:
        if m.kind != "coref":
            unique.setdefault(m.code, m)
    return list(unique.values())


def _main_clause_subject(relcl_verb: Token, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    noun = relcl_verb.head
    governing = noun.head if noun.dep_ in ("dobj", "pobj", "attr") else None
    while governing is not None and governing.pos_ not in ("VERB", "AUX"):
        governing = governing.head if governing.head.i != governing.i else None
    if governing is None:
        return []
    for child in governing.children:
        if child.dep_ == "nsubj" and child.i in by_head:
            return by_head[child.i]
    return []


def _agrees(pronoun: str, mentions: list[ActorMention], doc: Doc) -> bool:
    """Number and person agreement between a pronoun and its candidate antecedents."""
    if not mentions:
        return False
    plural = len({m.code for m in mentions}) > 1 or doc[mentions[0].head].tag_ in ("NNS", "NNPS")
    kind = mentions[0].kind
    if pronoun in ("it", "its"):
        return not plural and kind in ("country", "metonym", "igo", "group", "agent") and doc[mentions[0].head].lemma_.lower() not in PERSON_TITLES
    if pronoun in ("he", "she", "his", "her"):
        return not plural and (kind == "person" or doc[mentions[0].head].lemma_.lower() in PERSON_TITLES)
    return plural or kind == "group"  # they, their


def _reporter_of(pronoun: Token, by_head: dict[int, list[ActorMention]]) -> list[ActorMention]:
    governor = pronoun.head.head
    for child in governor.children:
        if child.dep_ == "nsubj" and child.i in by_head:
            candidates = by_head[child.i]
            return candidates if _agrees(pronoun.lower_, candidates, pronoun.doc) else []
    return []


def _latest_agent(doc: Doc, mentions: list[ActorMention], token: Token, first_sentence: int) -> ActorMention | None:
    """The nearest earlier actor phrase with the same head noun ("the army" -> "the Sudanese army")."""
    best = None
    for m in mentions:
        if (m.kind in ("agent", "group", "igo") and m.end <= token.idx and m.sentence_index >= first_sentence
                and doc[m.head].lemma_.lower() == token.lemma_.lower() and (best is None or m.start > best.start)):
            best = m
    return best


def _has_modifier(token: Token) -> bool:
    return any(c.dep_ in ("amod", "compound", "poss") for c in token.children)


def _state_only(focus: ActorMention) -> ActorMention:
    code = focus.country or focus.code[:3]
    return ActorMention(
        text=focus.text, start=focus.start, end=focus.end, code=code, country=focus.country, sector=None,
        actor_id=f"country:{code}", sentence_index=focus.sentence_index, kind="country",
    )


def build_index(mentions: list[ActorMention]) -> MentionIndex:
    by_head: dict[int, list[ActorMention]] = {}
    by_token: dict[int, ActorMention] = {}
    for m in mentions:
        by_head.setdefault(m.head, []).append(m)
        for t in range(m.token_start, m.token_end):
            current = by_token.get(t)
            if current is None or (current.token_end - current.token_start) < (m.token_end - m.token_start):
                by_token[t] = m
    return MentionIndex(by_head, by_token)
