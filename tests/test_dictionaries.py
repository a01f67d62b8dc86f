"""Importing TABARI/PETRARCH dictionaries into a knowledge overlay."""

from datetime import date

import pytest

from eventwire.knowledge.petrarch import import_dictionaries, parse_date, read_entries, write_overlay
from eventwire.knowledge.kb import load_kb
from eventwire.model import Article

# A small dictionary in the TABARI layout, written for this test.
SAMPLE_ACTORS = """\
# comment line
ZORBANIA_ [ZZZ]
+REPUBLIC_OF_ZORBANIA_
+ZORBANIAN_CAPITAL_CITY  # trailing comment

QUENTIN_VARGAS_
+PRESIDENT_VARGAS
\t[ZZZGOV 990101-20051231]
\t[ZZZOPP >20060101]

BROKEN_DATES_
\t[ZZZGOV 1999-2005]

NOBODY_
\t[---]

BAD_CODE_ [zz9]
"""
SAMPLE_AGENTS = """\
!OFFICER! = OFFICER, OFFICERS
CUSTOMS_!OFFICER! [~COP]
BORDER_WARDEN {BORDER_WARDENS} [~COP]
STARGAZER [~XYZ]
"""


def test_tabari_dates_and_entries(tmp_path):
    assert parse_date("990101") == date(1999, 1, 1) and parse_date("140608") == date(2014, 6, 8)
    assert parse_date("20051231") == date(2005, 12, 31) and parse_date("2005") is None and parse_date("991399") is None
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE_ACTORS, encoding="utf-8")
    entries = list(read_entries(path))
    assert [e.phrases[0] for e in entries] == ["Zorbania", "Quentin Vargas", "Broken Dates", "Nobody", "Bad Code"]
    assert entries[0].phrases == ["Zorbania", "Republic Of Zorbania", "Zorbanian Capital City"]
    assert entries[1].codes == ["ZZZGOV 990101-20051231", "ZZZOPP >20060101"]


def test_import_makes_groups_people_and_agents_and_reports_what_it_skips(tmp_path):
    (tmp_path / "a.actors.txt").write_text(SAMPLE_ACTORS, encoding="utf-8")
    (tmp_path / "agents.txt").write_text(SAMPLE_AGENTS, encoding="utf-8")
    report = import_dictionaries([tmp_path / "a.actors.txt", tmp_path / "agents.txt"], lambda p: p.lower().rstrip("s"))
    assert [(g.name, g.code) for g in report.groups] == [("Zorbania", "ZZZ")]
    [vargas] = report.people
    assert vargas.aliases == ["President Vargas"]
    assert [(r.code, r.start, r.end) for r in vargas.roles] == [
        ("ZZZGOV", date(1999, 1, 1), date(2005, 12, 31)), ("ZZZOPP", date(2006, 1, 1), None)]
    assert {a.sector: a.terms for a in report.agents} == {"COP": ["border warden", "customs officer"]}
    assert report.skipped["actor without a usable code"] == 3  # broken dates, '---', bad code
    assert report.skipped["agent with an unknown sector"] == 1
    assert report.skipped["unreadable code or date"] == 2 and "Broken Dates" in report.examples["unreadable code or date"]


def test_the_overlay_adds_names_without_overriding_built_in_ones(tmp_path, pipeline):
    (tmp_path / "a.actors.txt").write_text(SAMPLE_ACTORS + "\nTURKEY_ [ZZZ]\n", encoding="utf-8")
    report = import_dictionaries([tmp_path / "a.actors.txt"])
    write_overlay(report, tmp_path / "overlay")
    kb = load_kb(lambda s: [t.text for t in pipeline.nlp.make_doc(s)], overlay_dir=tmp_path / "overlay")
    tokenize = [t.text for t in pipeline.nlp.make_doc("Quentin Vargas")]
    [(actor, kind, why)] = kb.lookup("Quentin Vargas", tokenize, tokenize, date(2003, 5, 1))
    assert actor.code == "ZZZGOV" and kind == "person"
    assert kb.lookup("Quentin Vargas", tokenize, tokenize, date(2010, 5, 1))[0][0].code == "ZZZOPP"
    turkey = [t.text for t in pipeline.nlp.make_doc("Turkey")]
    assert [a.code for a, _, _ in kb.lookup("Turkey", turkey, turkey)] == ["TUR"]


def test_phoenix_dictionaries_import_and_code(tmp_path, shared_data, pipeline):
    petrarch = shared_data / "petrarch"
    report = import_dictionaries([petrarch / "Phoenix.International.actors.txt", petrarch / "Phoenix.agents.txt"])
    assert len(report.groups) > 5000 and len(report.people) > 300 and report.agents
    cuellar = [p for p in report.people if p.name == "Javier De Cuellar"]
    assert cuellar and any(r.code == "IGOUNO" and r.start == date(1982, 1, 1) for r in cuellar[0].roles)
    write_overlay(report, tmp_path / "overlay")
    from eventwire.pipeline import Pipeline

    with_overlay = Pipeline(kb_overlay=tmp_path / "overlay")
    article = Article("t", "Javier de Cuellar criticised Iraq on Monday.", published=date(1988, 3, 2))
    events = with_overlay.process(article).events
    assert events and events[0].source.code == "IGOUNO" and events[0].target.code == "IRQ"
    assert not pipeline.process(article).events  # the built-in knowledge does not know him


SAMPLE_VERBS = """\
&ARMS_
+WEAPON
+MUNITIONS

####### VERB PATTERNS #######

---  HASTEN   [---]  ---
HASTEN
EXPEDITE {EXPEDITES EXPEDITED }
- * &ARMS                                   [072]   # comment
- * (TO)                                    [042:043]
- &MILITARY * (TO BORDER)                   [154]
- * AID                                     [999]

---  SCOLD   [111]  ---
SCOLD
"""


def test_a_petrarch_verb_dictionary_becomes_lexicon_patterns(tmp_path, pipeline):
    from eventwire.knowledge.petrarch import import_verb_dictionary

    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE_VERBS, encoding="utf-8")
    imported = import_verb_dictionary(path, set(pipeline.ontology.codes))
    rows = {(p.lemma, p.code, tuple(p.objects), p.prep, p.target) for p in imported.patterns}
    assert ("expedite", "072", ("weapon", "munitions"), None, "object") in rows
    assert ("hasten", "042", (), "to", "prep") in rows
    assert ("scold", "111", (), None, "object") in rows
    assert imported.skipped["words before the verb"] == 1 and imported.skipped["code not in the codebook"] == 1


def test_the_verbs_option_extends_the_lexicon(tmp_path, shared_data, monkeypatch):
    from eventwire.pipeline import VERBS_ENV, Pipeline

    sentence = Article("t", "Iran expedited arms shipments to Syria on Monday.", published=date(2020, 3, 2))
    monkeypatch.setenv(VERBS_ENV, str(shared_data / "petrarch" / "CAMEO.2.0.txt"))
    extended = Pipeline()
    assert extended.ontology.pattern_count > 10_000
    rows = {(e.source.code, e.target.code if e.target else None, e.cameo) for e in extended.process(sentence).events}
    assert ("IRN", "SYR", "072") in rows
