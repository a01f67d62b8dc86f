"""The actors stage: every actor mention of an article, resolved to a CAMEO/Phoenix code.

Names first (``mentions``), then sector agents through their owners (``owners``), then
conservative coreference (``coreference``); names no rule covers become provisional actors
(``provisional``), coded from their context, and are listed as unknown for users to add.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..knowledge.kb import KnowledgeBase
from ..model import ActorMention, UnknownName
from .context import ArticleContext, Resources, stage
from .coreference import coreference
from .mentions import PlaceCountry, build_index, find_names, unknown_names
from .owners import find_agents, owner_inferred
from .provisional import provisional_actors
from .triggers import PLACE_TOKENS  # where the named places in object positions go, for the trigger patterns


class ActorFinder:
    """Finds and resolves actor mentions; one instance serves every article."""

    def __init__(self, kb: KnowledgeBase, place_country: PlaceCountry | None = None):
        self.kb = kb
        # Names a group by where it is: "Darfur rebels" -> SDN. The gazetteer's country_of.
        self.place_country = place_country

    def find(self, doc: Doc, published: date | None) -> tuple[list[ActorMention], list[UnknownName]]:
        sent_of = _sentence_index(doc)
        names = find_names(self.kb, self.place_country, doc, published, sent_of)
        agents = find_agents(self.kb, self.place_country, doc, names, sent_of)
        mentions = merge(names, agents)
        mentions += coreference(self.kb, doc, mentions, sent_of)
        # Unknown names fill roles too, provisionally; they are also listed as unknown for users to add.
        unknown = unknown_names(doc, mentions, sent_of, self.place_country)
        mentions += provisional_actors(self.kb, self.place_country, doc, mentions, build_index(mentions), sent_of, published)
        mentions.sort(key=lambda m: (m.start, -m.end))
        doc.user_data[PLACE_TOKENS] = self._named_places(doc, mentions)
        return mentions, unknown

    def _named_places(self, doc: Doc, mentions: list[ActorMention]) -> set[int]:
        """Heads of objects the gazetteer knows as places and no actor covers: "recaptured Gharyan",
        which NER may call a person, is still the capture of a place."""
        if self.place_country is None:
            return set()
        covered = {t for m in mentions for t in range(m.token_start, m.token_end)}
        found = set()
        for token in doc:
            if token.pos_ != "PROPN" or token.dep_ not in ("dobj", "nsubjpass", "pobj", "conj") or token.i in covered:
                continue
            first = min((c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
            if self.place_country(doc[first : token.i + 1].text) is not None:
                found.add(token.i)
        return found


@stage("actors")
def actors_stage(res: Resources, ctx: ArticleContext) -> None:
    """Find the article's mentions and index them by the tokens that head them."""
    mentions, unknown = res.finder.find(ctx.doc, ctx.article.published)
    ctx.result.mentions = mentions
    ctx.result.unknown = unknown
    ctx.mentions = build_index(mentions)


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for s_index, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = s_index
    return index


def merge(names: list[ActorMention], agents: list[ActorMention]) -> list[ActorMention]:
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
                    a.actor_id, a.name, a.qid = p.actor_id, p.name, p.qid
                    if a.country and p.country != a.country and a.sector and not owner_inferred(a):
                        # "Soviet Foreign Minister Eduard Shevardnadze" in an undated text: the title
                        # says which role the person is in, where the knowledge base could only guess.
                        p.code, p.country, p.sector = a.code, a.country, a.sector
                        p.rule += f"; the title '{a.text}' names the role"
    return list(agents) + [m for m in names if m.head not in agent_heads]
