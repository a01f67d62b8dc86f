"""Resolving sector agents to codes: the owner that settles an agent's country or group.

"Libyan forces" -> LBYMIL through the demonym; "its garrisons" through the clause's subject;
"rebels in Mali" through where they are; a domestic sector with no owner takes the scene's country.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..knowledge.kb import KnowledgeBase, fold
from ..knowledge.words import word_class
from ..model import ActorMention
from .mentions import PERSON_TITLES, PlaceCountry, stance_prefixed
from .syntax import clause_subject, governing_verb, reporter_subject

OWNER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
OWNER_PREPS = {"of", "from"}
# Sectors whose members act at home, so the country of the scene is theirs when nothing else says.
DOMESTIC_SECTORS = {"COP", "OPP", "CVL", "ACT", "LAB", "EDU", "REL", "MED", "JUD", "LEG", "BUS", "HLH", "AGR", "PTY", "ETH"}
SCENE_PREPS = {"in", "at", "near", "across", "throughout", "outside", "inside", "through", "around", "into"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
# Sectors that act at home: without owner or scene, they belong to the one country their sentence names.
HOME_SECTORS = (DOMESTIC_SECTORS - {"MED", "BUS", "ETH"}) | {"REB", "RAD"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
SPEAKER_WORDS = {"spokesman", "spokeswoman", "spokesperson"}
ARTICLE_PLACES = "eventwire.article_places"  # doc.user_data key: the article's places, found once
BACKERS = {"back", "backed", "support", "supported", "sponsor", "sponsored", "fund", "funded"}
STATE_TITLES = word_class("state_titles")
LEADING_PARTICIPLES = word_class("leading_participles")
AFFILIATION_WORDS = word_class("affiliation_words")
HOME_VERBS = word_class("home_verbs")
# Sectors whose members need no country: an aid agency or rights group of none is transnational (NGO).
TRANSNATIONAL_SECTORS = {"NGO"}
# Owners found from the sentence rather than the phrase; the agent's rule repeats why.
INFERRED_OWNER_RULES = ("scene", "place", "the only country")
BORDER_NOUNS = {"border", "frontier", "boundary"}


def find_agents(kb: KnowledgeBase, place_country: PlaceCountry | None, doc: Doc, names: list[ActorMention],
                sent_of: list[int]) -> list[ActorMention]:
    """Sector agents ("forces", "the interior minister"), each coded through the owner that settles its country."""
    name_at = {t: m for m in names for t in range(m.token_start, m.token_end)}
    lemmas = [_agent_lemma(t, kb) for t in doc]
    words = [fold(t.lower_) for t in doc]
    found: list[ActorMention] = []
    pending: list[tuple[int, int, Token, str]] = []  # agents whose owner may be another agent
    i, n = 0, len(doc)
    while i < n:
        lengths = kb.agent_lengths.get(lemmas[i]) or kb.agent_lengths.get(words[i])
        matched = 0
        for length in lengths or ():
            if i + length > n:
                continue
            # Words before the head keep their form: "rights group", not "right group".
            key = tuple(lemmas[i : i + length])
            if key not in kb.agents:
                key = (*words[i : i + length - 1], lemmas[i + length - 1])
            if key not in kb.agents or doc[i + length - 1].pos_ not in ("NOUN", "PROPN"):
                continue
            if any(t in name_at for t in range(i, i + length)):
                continue
            if i > 0 and doc[i - 1].text == "-":
                continue  # "Secretary-General", "Attorney-General": the last word of a title is no agent
            sector = kb.agents[key]
            head = doc[i : i + length].root  # "Secretary of State": the secretary, not the state
            if any(c.dep_ == "appos" and c.i in name_at and name_at[c.i].kind == "person"
                   and name_at[c.i].token_start == i + length for c in head.children):
                matched = length  # "the commander Khalifa Haftar": a title of the person named, not an actor
                break
            if key == ("state",) and any(p.pos_ == "NOUN" for prep in head.children if prep.lower_ == "of" for p in prep.children):
                matched = length  # "a state of siege", "the state of the economy": not the state as an actor
                break
            owner = _owner(head, doc[i], name_at, sector)
            if fold(head.lemma_) in PERSON_TITLES:
                # "the Dhaka police spokesman", "an army commander": a title belongs to the agent before it.
                inner = next((a for c in head.children if c.dep_ == "compound" for a in found if a.head == c.i and a.country), None)
                if inner is not None and (owner is None or owner.country == inner.country):
                    owner = inner
                elif owner is not None and owner.kind in ("country", "demonym"):
                    # "a Nigerian army spokesman": the country's army, not its government, speaks.
                    sector = next((kb.agents[(fold(c.lemma_),)] for c in head.children
                                   if c.dep_ == "compound" and (fold(c.lemma_),) in kb.agents), sector)
            if owner is None and place_country is not None:
                owner = _place_owner(head, doc[i], name_at, place_country, sector)
            if owner is None and any(fold(p.lemma_) in kb.agent_words for prep in head.children
                                     if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS
                                     for p in prep.children if p.dep_ == "pobj"):
                pending.append((i, length, head, sector))  # "doctors from aid groups": settled below
                matched = length
                break
            if owner is None and sector in DOMESTIC_SECTORS:
                owner = country_of_the_scene(head, names, place_country)
            if owner is None and _names_one_official(head, doc[i]) and _may_take_the_scene(head):
                owner = only_country_of_sentence(head, names, sector)
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
                _add_conjoined_owners(doc, owner, found, name_at, i, head, sector, sent_of, i + length - 1)
            matched = length
            break
        i += matched or 1
    # "medics from two Italian charities": an agent owned by a later agent phrase.
    agent_at = {m.head: m for m in found}
    # Right to left, so that "a leader of the Adhaalath Party" finds the party already placed.
    for i, length, head, sector in sorted(pending, key=lambda entry: -entry[0]):
        owner = None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPS):
            owner = next((agent_at[p.i] for p in prep.children if p.dep_ == "pobj" and p.i in agent_at), None)
            if owner is not None and owner.country:
                break
            owner = None
        owned_by_prep = owner is not None
        if owner is None and _named_before(head, found):
            continue  # "the army", after "the Sudanese army": coreference links it to the one named before
        if owner is None and _may_take_the_scene(head):
            # "Islamic fundamentalists continued their hunger strike in Algiers": a generic actor
            # nothing owns belongs to the scene of its clause, or failing that the country the
            # article is about; never to a party of its own sentence ("Officials said Iran ...").
            owner = country_of_the_scene(head, names, place_country) or article_scene(head, names, place_country)
            if owner is None and sector in HOME_SECTORS:
                # "Islamic fundamentalists demand the resignation of the Algerian president":
                # protesters, unions and rebels act at home, against the one state named.
                owner = only_country_of_sentence(head, names, "")
        if owner is not None and owner.country:
            found.append(_agent_with_owner(doc, owner, i, head, sector, sent_of, i + length - 1))
            agent_at[head.i] = found[-1]
            if owned_by_prep:  # a scene's country lends no partners
                _add_conjoined_owners(doc, owner, found, name_at, i, head, sector, sent_of, i + length - 1)
    return found


def _named_before(head: Token, found: list[ActorMention]) -> bool:
    """Whether a definite agent ("the army") repeats one named earlier with an owner ("the Sudanese army")."""
    phrase = head.head if head.dep_ == "compound" else head  # "the army delegation"
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in phrase.children):
        return False
    lemma = fold(head.lemma_)
    doc = head.doc
    return any(m.token_start < head.i and m.country and any(fold(t.lemma_) == lemma for t in doc[m.token_start : m.token_end])
               for m in found)


def _may_take_the_scene(head: Token) -> bool:
    """Whether an ownerless generic actor may take the scene's country: not "an official of a
    foreign power", not someone said to be foreign or international, and not "his deputy", whose
    owner is a person the coreference stage may or may not find."""
    if any((c.dep_ == "poss" and c.pos_ == "PRON") or (c.dep_ == "det" and c.lower_ in DEMONSTRATIVES) for c in head.children):
        return False  # "his deputy", "those crews": they point back at someone already named
    if any(fold(t.lemma_) in BACKERS for c in head.children for t in c.subtree if c.dep_ in ("amod", "compound")):
        return False  # "Iranian-backed militias": their backer is named, their own country is not
    modifiers = {form for c in head.children if c.dep_ in ("amod", "compound") for form in (fold(c.lemma_), c.lower_)}
    # "the warring parties", "rival factions": the sides of a conflict, whose country the scene does not settle.
    return not modifiers & {"foreign", "international", "western", "multinational", "regional", "unidentified", "unknown",
                            "warring", "rival", "opposing"}


def is_locative(token: Token) -> bool:
    """Whether a name stands for where an act happens ("in Mali", "near the Syrian border") rather
    than for a party to it ("Iran attacked", "Iranian-backed")."""
    while token.dep_ in ("compound", "amod", "poss", "appos", "conj", "nmod", "pobj") and token.head.i != token.i:
        if token.dep_ == "pobj":
            return token.head.dep_ == "prep" and token.head.lower_ in SCENE_PREPS
        token = token.head
    return False


def article_scene(head: Token, names: list[ActorMention], place_country: PlaceCountry | None = None) -> ActorMention | None:
    """The country the article is about, for an actor nothing else places: the country named most
    often, its towns and regions included ("Khartoum", "Darfur"), if one leads. In the actor's
    own sentence only places count, not the other parties."""
    sent = head.sent
    if place_country is not None:
        named = {t for m in names for t in range(m.token_start, m.token_end)}
        names = names + [p for p in _article_places(head.doc, place_country) if p.head not in named]
    # The dateline ("GOMA, Congo (AP) —") names where the article is written from: a place of the
    # article, whichever sentence it opens, and the winner of a tie.
    dateline_stop = dateline_end(head.doc)
    dateline: str | None = None
    counts: dict[str, list[ActorMention]] = {}
    for m in names:
        if not m.country or m.kind not in ("country", "demonym", "metonym"):
            continue
        in_dateline = dateline_stop is not None and m.token_end <= dateline_stop
        if in_dateline and dateline is None:
            dateline = m.country
        if sent.start <= m.head < sent.end and not in_dateline:
            token = head.doc[m.head]
            # In the actor's own sentence, only a place of its own clause: not "hostages held in Gaza".
            if not is_locative(token) or governing_verb(token).i not in _clause_chain(head):
                continue
        counts.setdefault(m.country, []).append(m)
    ranked = sorted(counts.values(), key=lambda found: (len(found), found[0].country == dateline), reverse=True)
    if not ranked or (len(ranked) > 1 and len(ranked[0]) == len(ranked[1])
                      and dateline not in (ranked[0][0].country,)):
        return None
    first = ranked[0][0]
    return replace(first, code=first.country, sector=None, actor_id=None, kind="country",
                   rule=f"scene of the article: {first.country}, the country it names most")


def _article_places(doc: Doc, place_country: PlaceCountry) -> list[ActorMention]:
    """The towns and regions an article names, as country mentions; found once per article, since
    every actor the article's scene places asks for them."""
    cached = doc.user_data.get(ARTICLE_PLACES)
    if cached is None:
        places = (_place_mention(t, place_country) for t in doc
                  if t.pos_ == "PROPN" and (t.ent_type_ in ("GPE", "LOC", "FAC") or _after_in(t)) and t.dep_ != "compound")
        cached = doc.user_data[ARTICLE_PLACES] = [p for p in places if p is not None]
    return cached


def dateline_end(doc: Doc) -> int | None:
    """Where a dateline ends: the dash, bracket or colon among the article's first words."""
    return next((t.i for t in doc[:12] if t.text in ("—", "–", "(", ":")
                 or (t.text == "-" and t.i > 0 and doc[t.i - 1].whitespace_)), None)  # not "pro-government"


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
            subject = clause_subject(head)
            if subject is not None and subject.i in name_at and agrees(child.lower_, [name_at[subject.i]], head.doc):
                return name_at[subject.i]
            reporter = reporter_subject(head)
            if reporter is not None and reporter.i in name_at and agrees(child.lower_, [name_at[reporter.i]], head.doc):
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
    if fold(head.lemma_) in SPEAKER_WORDS:
        # "a spokesman for the UN refugee agency": a spokesman speaks for the one named after "for".
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                owner = name_at.get(pobj.i) or next((name_at[c.i] for c in pobj.children
                                                     if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in name_at), None)
                if owner is not None:
                    return owner
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


def _place_owner(head: Token, first: Token, name_at: dict[int, ActorMention],
                 place_country: PlaceCountry, sector: str = "") -> ActorMention | None:
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
                and not stance_prefixed(token.doc, token.i)):
            owner = _place_mention(token, place_country)
            if owner is not None:
                return owner
    return None


def _after_in(token: Token) -> bool:
    """A name NER took for a person or an organisation, after "in": a town, if the gazetteer says so."""
    return token.ent_type_ in ("PERSON", "ORG") and token.dep_ == "pobj" and token.head.lower_ == "in"


def _place_mention(token: Token, place_country: PlaceCountry) -> ActorMention | None:
    """The country of the place name headed by ``token``, as a country mention, if the name settles it."""
    # NER takes many towns for people or organisations ("based in Goma", "in central Katmandu");
    # after "in" the gazetteer decides.
    if token.ent_type_ not in ("GPE", "LOC", "FAC", "") and not _after_in(token):
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


def only_country_of_sentence(head: Token, names: list[ActorMention], sector: str = "GOV") -> ActorMention | None:
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


def country_of_the_scene(head: Token, names: list[ActorMention],
                          place_country: PlaceCountry | None = None) -> ActorMention | None:
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
        if token.head.lower_ == "with" and fold(token.head.head.lemma_) in BORDER_NOUNS:
            continue  # "near the border with Afghanistan": the other side of the border
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


def _add_conjoined_owners(doc: Doc, owner: ActorMention, found: list[ActorMention], name_at, first: int, head: Token,
                          sector: str, sent_of, last: int) -> None:
    """One agent per conjoined owner, on the same words: "US and British forces", "delegations
    from the Sudanese army and the RSF"."""
    for conj in doc[owner.head].conjuncts:
        other = name_at.get(conj.i)
        if other is not None and other.code != owner.code and (other.country != owner.country or other.kind == "group"):
            also = _agent_with_owner(doc, other, first, head, sector, sent_of, last)
            also.text, also.start, also.end = found[-1].text, found[-1].start, found[-1].end
            also.token_start, also.token_end = found[-1].token_start, found[-1].token_end
            found.append(also)


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
    if owner.rule.startswith(INFERRED_OWNER_RULES) and owner.token_start > head.i:
        # "militias in Misrata": Misrata stays a place of its own; a scene owner keeps the whole phrase before it.
        span = doc[first if owner.rule.startswith("place") else min(first, head.left_edge.i) : head.i + 1]
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
        name=owner.name if owner.kind in ("group", "igo") else None,
        qid=owner.qid if owner.kind in ("group", "igo") else None,
        title=head.text.lower() if fold(head.lemma_) in PERSON_TITLES else None,
        sentence_index=sent_of[head.i], kind="agent",
        rule=f"agent '{head.text}' ({sector}) of {owner.text} ({owner.code})" + (f"; {owner.rule}" if owner.rule.startswith(INFERRED_OWNER_RULES) else ""),
        token_start=span.start, token_end=span.end, head=head.i,
    )


def owner_inferred(agent: ActorMention) -> bool:
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


def agrees(pronoun: str, mentions: list[ActorMention], doc: Doc) -> bool:
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
