"""Events carried by another word: light verbs and commands give way to the act they carry,
event nouns take their agents from by/from/between, and backing an armed side is aid."""

from conftest import dyads


def test_a_light_verb_is_not_an_event_of_its_own(code):
    events = code("Moscow ordered an offensive on Kharkiv on Friday.")
    assert [e.plover for e in events] == ["ASSAULT"]
    assert events[0].trigger.text == "offensive" and events[0].source.code == "RUSGOV"


def test_a_command_to_ones_own_troops_is_the_commanders_act(code):
    events = code("Myanmar's junta ordered its troops to seize the border town of Myawaddy.")
    assert "REQUEST" not in {e.plover for e in events}
    seize = next(e for e in events if e.plover == "COERCE")
    assert seize.source.country == "MMR" and "ordered" in seize.rule


def test_an_order_to_another_state_stays_a_request(code):
    events = code("Washington ordered Iran to release the tanker.")
    assert ("USAGOV", "IRN", "REQUEST") in dyads(events)


def test_an_event_noun_takes_its_agent_from_by_and_its_giver_from_from(code):
    strike = code("An air strike by Israeli jets hit a school in Rafah on Tuesday.")
    assert any(e.plover == "ASSAULT" and e.source and e.source.code == "ISRMIL" for e in strike)
    aid = code("Military aid from Germany reached Kyiv on Monday.")
    assert any(e.plover == "AID" and e.source and e.source.country == "DEU" for e in aid)


def test_clashes_between_two_sides_run_both_ways(code):
    rows = dyads(code("Heavy clashes broke out on Monday between Sudanese troops and the RSF."))
    assert {("SDNMIL", "SDNREB", "ASSAULT"), ("SDNREB", "SDNMIL", "ASSAULT")} <= rows


def test_backing_an_armed_side_is_military_aid_and_a_plan_is_endorsed(code):
    aid = code("Rwanda backs the M23 rebels, Kinshasa says.")
    assert any(e.plover == "AID" and e.cameo == "072" and e.target.code == "CODREB" for e in aid)
    plan = code("France backs the Egyptian peace plan.")
    assert {e.plover for e in plan} == {"SUPPORT"}


def test_a_raised_passive_subject_is_the_one_acted_on(code):
    rows = dyads(code("The Houthis are thought to be backed by Iran."))
    assert ("IRN", "YEMREB", "AID") in rows


def test_a_participle_after_its_object_codes_the_signing(code):
    rows = dyads(code("The pact signed by Ethiopia and Eritrea ended twenty years of war."))
    assert {("ETH", "ERI", "AGREE"), ("ERI", "ETH", "AGREE")} <= rows


def test_ground_changes_hands(code):
    fell = code("The town of Bakhmut fell to Russian forces on Saturday.")
    assert any(e.plover == "COERCE" and e.source.code == "RUSMIL" and e.target is not None and e.target.country == "UKR"
               and e.location is not None and e.location.name == "Bakhmut" for e in fell)
    pushed = dyads(code("Ukrainian troops drove Russian forces out of the city of Kherson."))
    assert ("UKRMIL", "RUSMIL", "COERCE") in pushed
    entered = code("M23 fighters entered Goma on Monday.")
    assert any(e.plover == "COERCE" and e.source.code == "CODREB" for e in entered)
    assert not [e for e in code("The French president entered Beirut on Monday.") if e.plover == "COERCE"]


def test_word_sense_follows_the_subject_and_the_object(code):
    assert {e.plover for e in code("Gunmen stormed the headquarters of the ruling party in Dhaka.")} == {"ASSAULT"}
    assert {e.plover for e in code("Protesters stormed the headquarters of the ruling party in Dhaka.")} == {"PROTEST"}
    assert {e.plover for e in code("The Chinese coast guard blasted a Philippine boat with a water cannon.")} == {"ASSAULT"}
    assert {e.plover for e in code("The Chinese foreign ministry blasted the Philippines.")} == {"ACCUSE"}


def test_a_decision_to_sanction_is_the_sanction_intended(code):
    events = code("EU leaders agreed to impose sanctions on Belarus.")
    assert [(e.plover, e.status) for e in events] == [("SANCTION", "intent")]


def test_an_envoy_given_hours_to_leave_is_expelled(code):
    events = code("Niger gave the French ambassador 48 hours to leave the country.")
    assert any(e.plover == "SANCTION" and e.cameo == "166" and e.target.country == "FRA" and "expelled" in e.rule
               for e in events)


def test_near_the_border_with_a_neighbour_is_not_the_neighbours_scene(code):
    events = code("Police clashed with smugglers near the border with Afghanistan, Pakistan's interior ministry said.")
    assert not any(e.source is not None and e.source.country == "AFG" for e in events)


def test_a_strike_is_an_attack_unless_workers_strike(code):
    assert {e.plover for e in code("Israel launched a strike on Hezbollah positions.")} == {"ASSAULT"}
    walkout = code("Nigerian doctors launched a strike over unpaid wages.")
    assert [e.cameo for e in walkout] == ["143"] and "walkout" in walkout[0].rule
    threat = code("North Korea threatened on Thursday to launch a nuclear strike against the United States.")
    assert [e.plover for e in threat] == ["THREATEN"]


def test_nominal_and_measured_events(code):
    assert ("TURMIL", "LBY", "MOBILIZE") in dyads(code("The deployment of Turkish troops to Libya alarmed Egypt."))
    assert ("JPN", "PSE", "AID") in dyads(code("Japan sent a shipment of 20 tonnes of flour to Gaza."))
    assert ("USAGOV", "VENGOV", "REQUEST") in dyads(code("Washington urged that Maduro step down."))
    siege = code("Syrian troops tightened the siege of Aleppo.")
    assert any(e.plover == "COERCE" and e.target is not None and e.target.country == "SYR" for e in siege)


def test_the_head_of_a_passive_participle_is_acted_on(code):
    rows = dyads(code("Syria's army, backed by Lebanese Hezbollah fighters, made gains around Damascus."))
    assert ("LBNREB", "SYRMIL", "AID") in rows


def test_an_envoy_summoned_to_a_ministry_and_a_decision_to_expel(code):
    summoned = code("The US ambassador was summoned to the Russian Foreign Ministry on Tuesday.")
    assert any(e.plover == "ACCUSE" and e.source.code == "RUSGOV" and e.target.country == "USA" for e in summoned)
    decided = code("France's decision to expel 35 Russian diplomats angered Moscow.")
    assert any(e.plover == "SANCTION" and e.source.country == "FRA" and e.target.country == "RUS" for e in decided)
    pledged = code("Moscow's pledge to withdraw its troops was not kept.")
    assert not [e for e in pledged if e.plover == "RETREAT" and e.status == "asserted"]


def test_force_is_aimed_at_whom_its_purpose_names(code):
    events = code("Kenyan police fired tear gas to disperse students in Nairobi.")
    assert any(e.source.code == "KENCOP" and e.target is not None and e.target.country == "KEN"
               and "purpose" in e.rule for e in events)


def test_the_sides_between_whom_talks_happen_may_sit_deeper(code):
    rows = dyads(code("The accord followed talks between envoys of Armenia and Azerbaijan."))
    assert {("ARM", "AZE", "CONSULT"), ("AZE", "ARM", "CONSULT")} <= {(s[:3] if s else s, t[:3] if t else t, p) for s, t, p in rows}


def test_both_sides_are_the_parties_of_the_last_reciprocal_act(code):
    rows = dyads(code("Israel and Hamas agreed to a truce on Friday. However, both sides continue to accuse each other of violations."))
    assert {("ISR", "PSEREB", "ACCUSE"), ("PSEREB", "ISR", "ACCUSE")} <= rows


def test_an_agent_owned_by_two_parties_stands_for_both(code):
    rows = dyads(code("Delegations from the Sudanese army and the Rapid Support Forces met in Jeddah on Saturday."))
    assert {("SDNMIL", "SDNREB", "CONSULT"), ("SDNREB", "SDNMIL", "CONSULT")} <= rows
