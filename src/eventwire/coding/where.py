"""The where stage: recognise place names, pick their referents, and give each event the place
its own clause names.

Candidates come from the offline gazetteer; the article's countries, a "City, Region"
qualifier, facility words ("air base", "airport") and population decide between them.
"""

from __future__ import annotations

import math

from spacy.tokens import Doc, Span, Token

from ..knowledge.gazetteer import Gazetteer, GazetteerEntry
from ..knowledge.kb import DATA_DIR, fold
from ..knowledge.schema import CuratedPlace, load_entries
from ..knowledge.words import word_class
from ..model import ArticleResult, Event, Place
from .mentions import PERSON_TITLES
from .context import ArticleContext, Resources, stage
from .owners import dateline_end
from .roles import holder_of_ground_taken, holder_of_the_place, target_own_government, target_the_holder, target_the_place
from .syntax import governing_verb, prep_objects

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entity types that are never a place, though a town may share the word ("in mid-August").
NOT_PLACE_LABELS = {"NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LANGUAGE", "EVENT"}
NOTABLE_POPULATION = 10_000
# Words in a place phrase that say what kind of place it is.
FACILITY_WORDS = {"air base": "base", "airbase": "base", "base": "base", "airport": "airport", "airfield": "base",
                  "port": "port", "crossing": "border", "strait": "sea", "sea": "sea", "gulf": "sea",
                  "plant": "site", "facility": "site", "region": "region", "province": "region", "state": "region"}
LOCATIVE_PREPS = {"in", "at", "near", "to", "into", "inside", "outside", "around", "across", "from", "toward", "towards", "on"}
# Prepositions that put the event itself somewhere ("clashes in Tripoli").
PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "within", "throughout", "into"}
# "to" names the event's place only after a verb of movement ("deployed troops to Iraq", not "talked to Iraq").
MOTION_PREPS = {"to", "toward", "towards"}
MOTION_VERBS = word_class("motion_verbs")
RELATIONAL_NOUNS = word_class("relational_nouns")
VENUE_NOUNS = word_class("venue_nouns")
SPAN_HEADS = word_class("span_heads")
COUP_WORDS = word_class("coup_words")
COUP_CODE = "170"
# Nouns of force on ground, whose "of" names the place: "tightened the siege of Aleppo".
GROUND_NOUNS = {"siege", "blockade", "encirclement", "occupation", "bombardment", "shelling", "capture", "assault"}
# Verbs whose subject is the ground taken: "Bakhmut fell to Russian forces".
FALLING_VERBS = {"fall"}
# Acts done where the parties meet, which take the venue of the talks their sentence or article names.
MEETING_TYPES = ("CONSULT", "AGREE")
# Foreign envoys, and the acts a host state does to foreigners in its capital.
ENVOY_WORDS = {"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "chargé", "charge", "consul"}
HOST_VERBS = {"summon", "expel"}


class PlaceFinder:
    """Finds place mentions (NER places and the curated multi-word names) and picks their referents."""

    def __init__(self, gazetteer: Gazetteer, tokenize):
        self.gazetteer = gazetteer
        self.curated: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for place in load_entries(DATA_DIR / "places.json", "places", CuratedPlace):
            for name in (place.name, *place.aliases):
                tokens = tuple(fold(t) for t in tokenize(name))
                if tokens:
                    self.curated.setdefault(tokens[0], []).append((tokens, name))
        for bucket in self.curated.values():
            bucket.sort(key=lambda item: -len(item[0]))

    def find(self, doc: Doc, focus_country: str | None, context_countries: set[str], sent_of: list[int],
             actor_tokens: frozenset[int] = frozenset()) -> list[Place]:
        """Places of the article; ``actor_tokens`` (people, groups, organizations) are never places."""
        spans = [s for s in self._spans(doc) if not any(t in actor_tokens for t in range(s.start, s.end))]
        resolved: list[tuple[Span, GazetteerEntry, str]] = []
        pending = []
        for index, span in enumerate(spans):
            candidates = self.gazetteer.lookup(span.text)
            if not candidates and span.label_ in PLACE_LABELS:
                # "West Darfur State": a subdivision the gazetteer lacks, placed by the region it names.
                candidates = self.gazetteer.lookup_core(span.text)
            if not candidates:
                continue
            qualifier = _qualifier(span, spans[index + 1] if index + 1 < len(spans) else None, self.gazetteer)
            pending.append((span, candidates, qualifier))
        # Unambiguous places lend their countries to the rest of the article.
        settled = {c[0].country for _, c, _ in pending if len({e.country for e in c}) == 1 and c[0].country}
        countries = set(context_countries) | settled
        for span, candidates, qualifier in pending:
            best, why = _choose(span, candidates, focus_country, countries, qualifier)
            if _named_vessel(span, best):
                continue
            resolved.append((span, best, why))
        return [
            Place(name=span.text, lat=e.lat, lon=e.lon, country=e.country, admin1=e.admin1, feature=e.feature,
                  start=span.start_char, end=span.end_char, sentence_index=sent_of[span.start],
                  rule=f"gazetteer {e.name!r} ({e.feature}, {e.country or '-'}): {why}")
            for span, e, why in resolved
        ]

    def _proper_noun_places(self, doc: Doc) -> list[Span]:
        """Names NER missed ("raided Jenin", "near Erbil"): proper nouns after a locative preposition
        or as the object of a verb, kept only when the gazetteer knows the whole name."""
        found = []
        for token in doc:
            of_frame = token.dep_ == "pobj" and token.head.lower_ == "of" and fold(token.head.head.lemma_) in PLACE_NOUNS | GROUND_NOUNS
            # NER may call a town in "the siege of Aleppo" a nationality; the frame says it is a place
            mislabelled = of_frame and token.ent_type_ == "NORP"
            if token.pos_ != "PROPN" or token.dep_ == "compound" or (token.ent_type_ in NOT_PLACE_LABELS and not mislabelled):
                continue
            governed = (token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS | MOTION_PREPS) or token.dep_ in ("dobj", "poss") \
                or (token.dep_ == "pobj" and token.head.lower_ == "of" and fold(token.head.head.lemma_) in PLACE_NOUNS | GROUND_NOUNS)
            if not governed:
                continue
            first = min([c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token.i])
            span = doc[first:token.i + 1]
            candidates = self.gazetteer.lookup(span.text)
            # NER often takes a town for a person ("raided Jenin"); trust it unless the place is notable.
            notable = any(e.population >= NOTABLE_POPULATION or e.feature != "city" for e in candidates)
            if candidates and (token.ent_type_ != "PERSON" or notable):
                found.append(span)
        return found

    def _spans(self, doc: Doc) -> list[Span]:
        """NER places, and curated names wherever they occur; the longer of two overlapping spans wins."""
        spans = [e for e in doc.ents if e.label_ in PLACE_LABELS]
        spans += self._proper_noun_places(doc)
        folded = [fold(t.text) for t in doc]
        i = 0
        while i < len(doc):
            for tokens, _ in self.curated.get(folded[i], ()):
                if tuple(folded[i:i + len(tokens)]) == tokens and doc[i].text[:1].isupper():
                    spans.append(doc[i:i + len(tokens)])
                    i += len(tokens) - 1
                    break
            i += 1
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[Span] = []
        for span in spans:
            if kept and span.start < kept[-1].end:
                if span.end - span.start > kept[-1].end - kept[-1].start:
                    kept[-1] = span
                continue
            kept.append(span)
        return [_trim_the(s) for s in kept]


def _named_vessel(span: Span, entry: GazetteerEntry) -> bool:
    """"The Fatih", "the Yavuz": a town's bare name after "the" is a ship's or a vessel's, not the
    town (towns take no article; "The Hague" is one name, and "the town of X" is a place phrase)."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None or before.lower_ != "the" or entry.feature != "city" or fold(entry.name).startswith("the "):
        return False
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is None or fold(following.lemma_) not in PLACE_NOUNS | set(FACILITY_WORDS)


def _trim_the(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def _qualifier(span: Span, following: Span | None, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """ "Paris, Texas" / "Tripoli, Lebanon": a place right after a comma narrows the one before it."""
    if following is None or following.start != span.end + 1 or span.doc[span.end].text != ",":
        return None
    found = [e for e in gazetteer.lookup(following.text) if e.feature in ("country", "region")]
    return found[0] if found else None


def _choose(span: Span, candidates: list[GazetteerEntry], focus: str | None, countries: set[str],
            qualifier: GazetteerEntry | None) -> tuple[GazetteerEntry, str]:
    text = span.text.lower()
    wants = {f for word, f in FACILITY_WORDS.items() if word in text}
    qualified = False
    if qualifier is not None:
        narrowed = [e for e in candidates if (qualifier.feature == "region" and qualifier.admin1 and e.admin1 == qualifier.admin1)
                    or (qualifier.feature == "country" and e.country == qualifier.country)]
        if narrowed:
            candidates, qualified = narrowed, True

    def score(e: GazetteerEntry) -> float:
        value = math.log10(e.population + 1) / 2
        value += 3.0 if e.country and e.country == focus else 0.0
        value += 1.5 if e.country in countries else 0.0
        value += 3.0 if e.feature in wants else 0.0
        value += {"country": 4.0, "capital": 2.0, "region": 1.0, "sea": 1.0, "base": 1.0, "site": 1.0, "border": 1.0}.get(e.feature, 0.0)
        return value

    best = max(candidates, key=score)
    reasons = []
    if qualified:
        reasons.append(f"qualified by {qualifier.name}")
    if best.country and best.country == focus:
        reasons.append("the article's focus country")
    elif best.country in countries:
        reasons.append("a country the article names")
    if best.feature in wants:
        reasons.append(f"the phrase names the feature ({best.feature})")
    if len(candidates) > 1 and not reasons:
        reasons.append("largest of the same-named places")
    return best, "; ".join(reasons) or "only candidate"


def locate_event(trigger: Token, places: list[Place], actor_spans: list[tuple[int, int]],
                 destination: tuple[int, int] | None = None, force: bool = False,
                 material: bool = True) -> tuple[Place | None, str]:
    """The event's place: a locative phrase governed by the trigger or its object, else the one
    place of the sentence that sits in the trigger's own clause, else none.

    Places that are actors ("Moscow said") are not locations; a place in another clause of
    the sentence ("after a plot to burn warehouses in Warsaw") belongs to another event. A
    visit's ``destination`` (the target's span) is its place even though it is an actor, and
    so is the object of ``force`` (material conflict).
    """
    sent = trigger.sent
    if force:
        # "shelled Tripoli", "struck Beirut's suburbs": the target of force is a place, not an actor.
        in_sentence = [p for p in places if sent.start_char <= p.start < sent.end_char]
        taken = ("dobj", "nsubjpass") + (("nsubj",) if trigger.lemma_.lower() in FALLING_VERBS else ())
        for obj in (c for c in trigger.children if c.dep_ in taken):
            for token in obj.subtree:
                if token.dep_ == "poss" and fold(token.head.lemma_) in RELATIONAL_NOUNS | PERSON_TITLES:
                    continue  # "killed the chief of Israel's ally": a relation, not the place attacked
                place = place_at(token, in_sentence)
                if place is not None:
                    return place, "the place attacked or taken"
    if destination is not None:
        for place in places:
            if overlaps(place, [destination]):
                return place, "the destination of the visit"
    usable = [p for p in places if sent.start_char <= p.start < sent.end_char and not overlaps(p, actor_spans)]
    if not usable:
        return None, ""
    preps = PLACE_PREPS | (MOTION_PREPS if trigger.lemma_.lower() in MOTION_VERBS else set())
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)  # "launched an offensive in Tripoli"
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    for token in pobj.subtree:
                        place = place_at(token, usable)
                        if place is not None:
                            return place, f"object of '{child.text}' governed by '{head.text}'"
    for obj in (c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")):
        place = place_at(obj, usable)
        if place is not None:
            return place, "the trigger's object is a place"
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                place = place_at(pobj, usable)
                if place is not None:
                    return place, f"the trigger's object is '{prep.text}' {place.name}"
    # A statement happens where the speaker is, not where what it talks about happened.
    if len(usable) == 1 and material:
        span = trigger.doc.char_span(usable[0].start, usable[0].end, alignment_mode="expand")
        event_clause = {trigger.i, *(a.i for a in trigger.ancestors)} | ({trigger.head.i} if trigger.pos_ == "NOUN" else set())
        if span is not None and governing_verb(span.root).i in event_clause:
            return usable[0], "the only place in the sentence, in the event's clause"
    return None, ""


# Nouns that name a kind of place before its name: "the town of Ras Lanuf", "the district of Homs".
PLACE_NOUNS = {"town", "city", "village", "district", "province", "region", "suburb", "outskirts", "port", "capital",
               "enclave", "island", "state", "governorate", "neighbourhood", "neighborhood", "area", "county"}
# Objects that stand somewhere, so their place is the act's concern even for a verbal act.
LOCATED_OBJECTS = {"embassy", "consulate", "mission", "office", "base", "settlement", "outpost", "camp", "plant",
                   "facility", "bureau", "checkpoint", "crossing", "border", "school", "hospital"}
# Prepositions whose object is what an act is aimed at or moves: "aid to Gaza", "withdraw from Iraq".
ARGUMENT_PREPS = {"to", "into", "from", "against", "toward", "towards", "on", "upon", "across", "out"}


def place_argument(trigger: Token, places: list[Place], wide: bool = False, giving: bool = False) -> Place | None:
    """A place that is an argument of the act: its object ("shut down Kathmandu"), or the object of
    a preposition of direction ("gas supplies to Transnistria", "observers from Sudan").

    The act's own complement counts ("threatened to resume attacks in Israel"), and so do its
    object noun and a relative clause on an event noun. With ``wide`` (material acts, intents,
    refusals, threats), a place after "in" counts too ("lifted the emergency in Darfur");
    otherwise "in" names a venue. For ``giving`` acts (support, aid), "from" names the giver.
    """
    sent = trigger.sent
    in_sentence = [p for p in places if sent.start_char <= p.start < sent.end_char]
    if not in_sentence:
        return None
    preps = ARGUMENT_PREPS | ({"in", "inside", "within", "throughout"} if wide else set())
    heads = [trigger]
    heads += [c for c in trigger.children if c.dep_ in ("xcomp", "relcl", "acl") and c.pos_ == "VERB"]
    heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    # "restored relations with and reopened its embassy in Hanoi": the object of a coordinated act
    # with the same subject (its own prepositions belong to that act: "consolidate support from the U.S.").
    lent = [c for v in trigger.conjuncts if v.pos_ == "VERB" and not any(d.dep_ in ("nsubj", "nsubjpass") for d in v.children)
            for c in v.children if c.dep_ == "dobj" and fold(c.lemma_) in LOCATED_OBJECTS]
    heads += lent

    for head in heads:
        is_object = head.i != trigger.i and head.pos_ in ("NOUN", "PROPN")
        if is_object:
            place = place_at(head, in_sentence)
            if place is not None:
                return place
        # "evacuated settlements in Gaza": where the object of a material act is, is what the act
        # concerns. Not for verbal acts: "signed an agreement in Nairobi" names the venue.
        located = is_object and fold(head.lemma_) in LOCATED_OBJECTS  # "opened an embassy in Hanoi"
        head_preps = preps | ({"in", "inside", "within"} if is_object and (wide or located) else set())
        if head in lent:
            head_preps = {"in", "inside", "within"}  # only where the coordinated act's object stands
        if giving:
            head_preps = head_preps - {"from"}  # "won support from France": the giver, not a place
        if (head.i == trigger.i and trigger.pos_ in ("NOUN", "PROPN")) or (is_object and fold(head.lemma_) in GROUND_NOUNS):
            head_preps = head_preps | {"of"}  # "the shelling of Homs", "tightened the siege of Aleppo"
        for child in head.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in head_preps:
                # "pulled out of Poti": the object hangs on the "of" after "out"
                pobjs = [c for c in child.children if c.dep_ == "pobj"] + [
                    p for of in child.children if of.dep_ == "prep" and of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
                for pobj in pobjs:
                    for token in pobj.subtree:
                        place = place_at(token, in_sentence)
                        if place is not None:
                            return place
    return None


def place_at(token: Token, places: list[Place]) -> Place | None:
    """The place mention that covers ``token``, if any."""
    return next((place for place in places if place.start <= token.idx < place.end), None)


def overlaps(place: Place, spans: list[tuple[int, int]]) -> bool:
    """Whether a place mention shares characters with any of the (start, end) spans."""
    return any(start < place.end and place.start < end for start, end in spans)


# ------------------------------------------------------------------ the stage
# CAMEO "make a visit": located at the destination, the target.
VISIT_CODES = ("042",)
# Statements, meetings and agreeing to meet: a place in their clause is where they happen, never whom they concern.
VENUE_CODES = ("01", "04", "036")
# Support, cooperation and aid, of which "from" names the giver.
GIVING_ROOTS = ("03", "05", "06", "07")
# Verbal acts whose "in" place is what they are about: intents, investigations, refusals, threats.
WIDE_ARGUMENT_ROOTS = ("03", "09", "12", "13")
# Location rules that do not tie the place to the act closely enough to make it the target.
FALLBACK_RULES = ("the article's dominant place", "the only place in the sentence")


@stage("where")
def where_stage(res: Resources, ctx: ArticleContext) -> None:
    """Places of the article, each event's place, and the targets a place implies (see ``roles``)."""
    focus = _focus_country(ctx.result)
    named = {m.country for m in ctx.result.mentions if m.country}
    actor_tokens = frozenset(t for m in ctx.result.mentions if m.kind in ("group", "igo", "person")
                             for t in range(m.token_start, m.token_end))
    places = res.places.find(ctx.doc, focus, named, ctx.sent_of, actor_tokens)
    ctx.result.places = places
    # A name NER took for a person or organization but the gazetteer placed is not an unknown actor.
    ctx.result.unknown = [u for u in ctx.result.unknown if not any(overlaps(p, [(u.start, u.end)]) for p in places)]
    # A country or capital is a place only as the object of a locative preposition
    # ("clashes in Tripoli"); as a subject or object it is an actor ("Tripoli said").
    doc = ctx.doc
    actor_spans = [(m.start, m.end) for m in ctx.result.mentions if not _in_locative(doc[m.head])]
    dominant = _dominant_place(places, actor_spans)
    venues = _venues(doc, places)
    dateline = _dateline_place(doc, places)
    for event, trigger in zip(ctx.result.events, ctx.triggers):
        if event.target is None and event.cameo == COUP_CODE and fold(trigger.lemma_) in COUP_WORDS:
            # before any place can stand in: "seized power in Myanmar" is aimed at its government
            target_own_government(event, ctx.article.content_hash, coup=True)
        place, rule = locate_event(trigger, places, actor_spans, visit_destination(event), force=event.quad_class == 4,
                                   material=event.quad_class in (2, 4))
        # Material acts happen where the story is; statements happen wherever the speaker is.
        if place is None and dominant is not None and event.quad_class in (2, 4) and not any(
            p.sentence_index == event.sentence_index and not overlaps(p, actor_spans) for p in places
        ):
            place, rule = dominant  # the sentence names no place of its own
        if place is None and event.cameo in VISIT_CODES:
            place, rule = _visited_place(trigger, places)
        if place is None and event.plover in MEETING_TYPES and event.sentence_index in venues:
            place, rule = venues[event.sentence_index], "the venue of the talks its sentence names"
        if place is None and dateline is not None and event.plover in MEETING_TYPES and event.source is not None \
                and event.source.country == dateline.country:
            place, rule = dateline, "the dateline, the home of the event's source"
        if place is None:
            place, rule = _host_capital(event, trigger, res.kb)
        if place is not None:
            event.location = place
            event.rule += f"; location = {rule}"
            if event.target is None and event.quad_class == 4 and place.country and not rule.startswith(FALLBACK_RULES):
                _target_holder_or_place(event, place, ctx)
        if event.target is None and not event.cameo.startswith(VENUE_CODES):
            argument = place_argument(trigger, places, wide=event.quad_class in (2, 4) or event.cameo_root in WIDE_ARGUMENT_ROOTS,
                                      giving=event.cameo_root in GIVING_ROOTS)
            if argument is not None and argument.country:
                _target_holder_or_place(event, argument, ctx)
        if event.target is None and event.cameo_root == "14":
            target_own_government(event, ctx.article.content_hash)
        if event.target is None and ctx.mentions:
            held = holder_of_ground_taken(event, ctx.doc, ctx.mentions)
            if held is not None:
                target_the_holder(event, *held, ctx.article.content_hash)
    _meet_at_the_venue(ctx.result.events, venues, places, actor_spans)


def _visited_place(trigger: Token, places: list[Place]) -> tuple[Place | None, str]:
    """Where a visit goes: "pay a working visit to the Belarusian capital of Minsk", "a visit to Kyiv"."""
    heads = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
    for head in heads:
        for _, pobj in prep_objects(head, ("to",)):
            for token in pobj.subtree:
                place = place_at(token, places)
                if place is not None:
                    return place, f"the place the visit goes to ('to {pobj.text}')"
    return None, ""


def _meet_at_the_venue(events: list[Event], venues: dict[int, Place], places: list[Place],
                       actor_spans: list[tuple[int, int]]) -> None:
    """Talks and agreements whose sentence names no place happen at the article's one venue: the
    place of the gatherings it names, or of its located meetings ("met Dendias in Cairo")."""
    met = [e.location for e in events if e.plover == "CONSULT" and e.location is not None
           and "dominant" not in e.rule.rsplit("location = ", 1)[-1]]
    venue = _one_place([*venues.values(), *met])
    if venue is None:
        return
    named = {p.sentence_index for p in places if not overlaps(p, actor_spans)}
    for event in events:
        if event.location is None and event.plover in MEETING_TYPES and event.sentence_index not in named:
            event.location = venue
            event.rule += f"; location = the venue the article names ({venue.name})"


def _host_capital(event: Event, trigger: Token, kb) -> tuple[Place | None, str]:
    """Acts a state does to foreigners on its soil happen in its capital: envoys summoned, asked
    or expelled, correspondents expelled ("Dendias summoned Libya's ambassador")."""
    source, target = event.source, event.target
    if source is None or source.country is None or target is None or target.country == source.country:
        return None, ""
    envoy = any(fold(w) in ENVOY_WORDS for w in target.text.split())
    if not (envoy or fold(trigger.lemma_) in HOST_VERBS):
        return None, ""
    country = kb.countries.get(source.country)
    if country is None or country.capital is None:
        return None, ""
    capital = country.capital
    return (Place(name=capital.name, lat=capital.lat, lon=capital.lon, country=source.country, admin1=None,
                  feature="capital", start=-1, end=-1, sentence_index=event.sentence_index,
                  rule="the source's capital"),
            "the capital of the state that hosts the envoy or expels the foreigner")


def _in_locative(token: Token) -> bool:
    """A name in a locative phrase is a place, not an actor: "clashes in Tripoli", and as the
    modifier of the phrase's noun, "detained at a Moscow airport"."""
    if token.dep_ in ("compound", "nmod", "amod") and token.head.dep_ == "pobj":
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _venues(doc: Doc, places: list[Place]) -> dict[int, Place]:
    """Per sentence, the place of a gathering it names: "talks in Geneva", "the Berlin summit"."""
    found: dict[int, Place] = {}
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        gathering = None
        if token.dep_ in ("compound", "nmod", "amod") and fold(token.head.lemma_) in VENUE_NOUNS:
            gathering = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in ("in", "at"):
            holder = token.head.head
            if fold(holder.lemma_) in SPAN_HEADS:  # "five days of talks in Geneva"
                holder = next((p for prep in holder.children if prep.lower_ == "of"
                               for p in prep.children if p.dep_ == "pobj"), holder)
            if fold(holder.lemma_) in VENUE_NOUNS:
                gathering = holder
        if gathering is not None:
            found.setdefault(place.sentence_index, place)
    return found


def _one_place(places: list[Place]) -> Place | None:
    """The place, if every one of ``places`` is the same place."""
    if not places:
        return None
    first = places[0]
    return first if all((p.lat, p.lon) == (first.lat, first.lon) for p in places) else None


def _dateline_place(doc: Doc, places: list[Place]) -> Place | None:
    """The city of the dateline ("CAIRO —", "NICOSIA, Cyprus (AP) -"), if the article opens with one."""
    end = dateline_end(doc)
    if end is None:
        return None
    return next((p for p in places if p.end <= doc[end].idx and p.feature not in ("country", None)), None)


def _target_holder_or_place(event: Event, place: Place, ctx: ArticleContext) -> None:
    """Force against a place is aimed at the side that held it, if the text says who; else at the place's country."""
    held = holder_of_the_place(event, place, ctx.doc, ctx.mentions) if event.quad_class == 4 and ctx.mentions else None
    if held is not None:
        target_the_holder(event, *held, ctx.article.content_hash)
    else:
        target_the_place(event, place, ctx.article.content_hash)


def visit_destination(event: Event) -> tuple[int, int] | None:
    """CAMEO 042: a visit happens at its destination, the visited target ("visited Turkey", "flew to
    Moscow"); the (start, end) of that target, or None for any other event."""
    if event.cameo in VISIT_CODES and event.target is not None:
        return event.target.start, event.target.end
    return None


def _dominant_place(places, actor_spans: list[tuple[int, int]]):
    """The place most of the article's place mentions name (at least two, and more than half), if any."""
    counts: dict[tuple[str, float, float], list] = {}
    for place in places:
        if not overlaps(place, actor_spans):
            counts.setdefault((place.country or "", round(place.lat, 2), round(place.lon, 2)), []).append(place)
    total = sum(map(len, counts.values()))
    if not counts:
        return None
    mentions = max(counts.values(), key=len)
    if len(mentions) >= 2 and len(mentions) * 2 > total:
        return mentions[0], f"the article's dominant place ({len(mentions)} of {total} place mentions)"
    return None


def _focus_country(result: ArticleResult) -> str | None:
    counts: dict[str, int] = {}
    for m in result.mentions:
        if m.country:
            counts[m.country] = counts.get(m.country, 0) + 1
    return max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]
