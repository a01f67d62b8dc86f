import json
from datetime import date

import pytest

from eventwire.knowledge.kb import fold, role_on
from eventwire.knowledge.schema import Country, KnowledgeError, Person, load_entries


def test_shipped_knowledge_is_large_and_valid(pipeline):
    kb = pipeline.kb
    assert len(kb.countries) >= 240
    assert len(kb.organizations) >= 80
    assert {"TUR", "LBY", "GRC", "CYP", "USA", "RUS"} <= set(kb.countries)
    assert "MIL" in kb.agents.values() and "GOV" in kb.agents.values()


def test_folding_ignores_accents_and_case():
    assert fold("Mevlüt Çavuşoğlu") == fold("MEVLUT CAVUSOGLU") == "mevlut cavusoglu"


def test_a_bad_entry_names_the_file_the_entry_and_the_field(tmp_path):
    path = tmp_path / "countries.json"
    path.write_text(json.dumps({"countries": [
        {"iso3": "TUR", "name": "Turkey", "lat": 39, "lon": 35},
        {"iso3": "tr", "name": "Broken", "lat": 39, "lon": 35},
    ]}))
    with pytest.raises(KnowledgeError) as info:
        load_entries(path, "countries", Country)
    message = str(info.value)
    assert "countries.json" in message and "countries[1]" in message and "iso3" in message


def test_an_unknown_field_is_rejected(tmp_path):
    path = tmp_path / "countries.json"
    path.write_text(json.dumps({"countries": [{"iso3": "TUR", "name": "Turkey", "lat": 39, "lon": 35, "capitol": "x"}]}))
    with pytest.raises(KnowledgeError, match="capitol"):
        load_entries(path, "countries", Country)


def test_a_person_code_depends_on_the_date():
    person = Person.model_validate({
        "id": "p", "name": "P", "roles": [
            {"code": "AAAGOV", "country": "AAA", "sector": "GOV", "title": "minister", "start": "2010-01-01", "end": "2014-12-31"},
            {"code": "AAAOPP", "country": "AAA", "sector": "OPP", "title": "opposition leader", "start": "2015-01-01", "end": None},
        ],
    })
    assert role_on(person.roles, date(2012, 6, 1))[0].code == "AAAGOV"
    assert role_on(person.roles, date(2020, 6, 1))[0].code == "AAAOPP"
    assert role_on(person.roles, None)[0].code == "AAAOPP"  # the current role without a date
    role, why = role_on(person.roles, date(2005, 1, 1))
    assert role.code == "AAAGOV" and "nearest" in why


def test_a_wikidata_id_is_validated_on_load(tmp_path):
    from eventwire.knowledge.schema import Organization

    path = tmp_path / "organizations.json"
    good = {"id": "x", "code": "IGOXXX", "name": "X", "country": None, "sector": "IGO", "qid": "Q1065"}
    path.write_text(json.dumps({"organizations": [good, dict(good, id="y", qid="1065")]}))
    with pytest.raises(KnowledgeError, match=r"organizations\[1\].*qid"):
        load_entries(path, "organizations", Organization)


def test_a_person_row_carries_name_title_sectors_and_id(pipeline):
    from datetime import date

    from eventwire.model import Article

    result = pipeline.process(Article("t", "Mevlut Cavusoglu criticised Greece on Monday.", published=date(2020, 6, 1)))
    source = next(e for e in result.events if e.source and e.source.actor_id).to_dict()["source"]
    assert source["name"] == "Mevlüt Çavuşoğlu" and source["title"] == "foreign minister of Turkey"
    assert source["sectors"] == ["GOV"] and source["provisional"] is False


def test_an_igo_has_one_canonical_code_and_accepts_its_aliases(pipeline):
    kb = pipeline.kb
    assert kb.canonical_code("IGOAU") == kb.canonical_code("IGOAFRAU") == "IGOAFRAFU"
    assert kb.canonical_code("IGOEU") == "IGOEUREEC"
    assert kb.canonical_code("TURGOV") == "TURGOV"  # a code with no alias is itself
    codes = [org.code for org in kb.organizations.values()]
    aliases = [alias for org in kb.organizations.values() for alias in org.code_aliases]
    assert not set(aliases) & set(codes), "an alias must never be another organisation's code"


def test_the_gaps_script_counts_entries_without_an_id_or_a_start_date(pipeline):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).parents[1] / "scripts" / "kb_gaps.py"
    out = subprocess.run([sys.executable, str(script), "--kind", "people"], capture_output=True, text=True, check=True).stdout
    kb = pipeline.kb
    no_qid = sum(1 for p in kb.people.values() if not p.qid)
    assert f"people: {no_qid:,} of {len(kb.people):,} with no QID" in out
    assert "groups:" not in out


def test_an_agent_term_in_two_sectors_is_rejected():
    from eventwire.knowledge.kb import build_kb
    from eventwire.knowledge.schema import AgentGroup

    agents = [AgentGroup(sector="CVL", terms=["fundamentalist"]), AgentGroup(sector="RAD", terms=["fundamentalist"])]
    with pytest.raises(KnowledgeError, match="'fundamentalist' is listed under both CVL and RAD"):
        build_kb([], [], agents, [], [], str.split)
