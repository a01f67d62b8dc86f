"""Names that vary: transliterations and slips match the knowledge base, marked fuzzy; other names do not."""

import itertools
from datetime import date

import pytest

from eventwire.knowledge.kb import fold
from eventwire.knowledge.variants import consonant_skeleton, names_are_variants
from eventwire.model import Article


@pytest.mark.parametrize("written, listed", [
    ("khalifa hifter", "khalifa haftar"),  # vowels of a transliteration
    ("fayez al-serraj", "fayez al-sarraj"),
    ("mohamed mursi", "mohamed morsi"),
    ("muammar ghaddafi", "muammar gaddafi"),  # an h after a consonant
    ("mevlut cavusolgu", "mevlut cavusoglu"),  # two letters swapped
    ("hizbollah", "hezbollah"),
])
def test_spellings_of_one_name_are_variants(written, listed):
    assert names_are_variants(written, listed)


@pytest.mark.parametrize("one, other", [
    ("mahmoud abbasi", "mahmoud abbas"),  # a name grown into another
    ("boris johnston", "boris johnson"),  # a letter more is another name
    ("li qiang", "li keqiang"),
    ("than swe", "than shwe"),  # short words must match exactly
    ("puk", "pkk"),
    ("khalifa haftar", "khalifa haftar"),  # the same name is a match, not a variant
    ("khalifa haftar", "haftar"),  # not as many words
    ("alberto fernandes", "alberto fernandez"),
])
def test_other_names_are_not_variants(one, other):
    assert not names_are_variants(one, other)


def test_the_skeleton_keeps_first_letter_and_consonants():
    assert consonant_skeleton("haftar") == consonant_skeleton("hifter") == "hftr"
    assert consonant_skeleton("ghaddafi") == "gdf"


def test_distinct_people_of_the_knowledge_base_are_rarely_variants(pipeline):
    # The rule was tuned so that two different people of the shipped knowledge base almost
    # never pass for one another; these are the pairs that do, where an unknown spelling close
    # to both is ambiguous and stays provisional. A new pair means a looser rule or new data.
    known = {frozenset(p) for p in [("ayatollah khamenei", "ayatollah khomeini"), ("king hassan", "king hussein"),
                                     ("hassan sheikh", "hussein sheikh")]}
    kb = pipeline.kb
    names = [(fold(n), p.id) for p in kb.people.values() for n in (p.name, *p.aliases) if " " in n]
    by_shape: dict[tuple, list] = {}
    for name, pid in names:
        by_shape.setdefault((len(name.split()), name[0]), []).append((name, pid))
    pairs = {frozenset((a, b)) for group in by_shape.values()
             for (a, i), (b, j) in itertools.combinations(group, 2) if i != j and names_are_variants(a, b)}
    assert pairs <= known, sorted(tuple(sorted(p)) for p in pairs - known)


def _mentions(pipeline, text):
    result = pipeline.process(Article("t", text, published=date(2019, 6, 1)))
    return {m.text: m for m in result.mentions}


def test_a_misspelt_known_person_is_the_known_person_marked_fuzzy(pipeline):
    found = _mentions(pipeline, "Fayez al-Seraj met Mevlut Cavusolgu in Ankara on Monday.")
    sarraj, cavusoglu = found["Fayez al-Seraj"], found["Mevlut Cavusolgu"]
    assert (sarraj.code, sarraj.actor_id) == ("LBYGOV", "person:fayez_al_sarraj")
    assert cavusoglu.code == "TURGOV" and cavusoglu.qid == pipeline.kb.people["mevlut_cavusoglu"].qid
    assert not sarraj.provisional
    assert sarraj.rule.startswith("fuzzy: 'Fayez al-Seraj' ≈ ") and "(score " in sarraj.rule


def test_a_later_surname_repeats_the_fuzzy_match(pipeline):
    found = _mentions(pipeline, "Mevlut Cavusolgu met reporters in Ankara. Cavusolgu said talks would go on.")
    assert found["Cavusolgu"].code == "TURGOV" and found["Cavusolgu"].rule.startswith("fuzzy: 'Cavusolgu' is the surname")


def test_a_name_that_is_no_variant_stays_provisional(pipeline):
    found = _mentions(pipeline, "Police in Kenya arrested opposition figure Boris Johnston on Monday.")
    assert found["Boris Johnston"].provisional and found["Boris Johnston"].actor_id is None


def test_a_misspelt_name_after_a_title_is_still_the_known_person(pipeline):
    found = _mentions(pipeline, "Libyan leader Muammar Gadafy warned that his forces would attack.")
    assert found["Muammar Gadafy"].actor_id == "person:muammar_gaddafi" and found["Muammar Gadafy"].rule.startswith("fuzzy:")


def test_a_misspelt_country_is_the_country_and_never_a_provisional_actor(pipeline):
    found = _mentions(pipeline, "Pakistan's president rejected a fresh offer from Afganistan for direct talks.")
    assert found["Afganistan"].code == "AFG" and found["Afganistan"].rule.startswith("fuzzy:")
    assert not any(m.provisional for m in found.values())


def test_an_organisation_named_in_another_word_order_is_the_known_one(pipeline):
    found = _mentions(pipeline, "The Turkish state openly supports the National Unity Government, made up of several armed groups.")
    assert found["National Unity Government"].actor_id == "group:lby_gna"
    kb = pipeline.kb
    assert kb.fuzzy_lookup(["State", "Islamic"], ("group",)) is None  # two swapped words are too little


def test_v_and_f_are_one_letter_across_transliterations():
    assert names_are_variants("sergey lavrof", "sergei lavrov")
