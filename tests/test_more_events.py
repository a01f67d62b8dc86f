"""Event classes the lexicon and the role rules gained for real news: coups, quoted speakers,
copular support, meetings with a partner, force on a place with no named agent."""

from conftest import dyads


def test_a_coup_is_aimed_at_the_makers_own_government(code):
    assert ("MMRMIL", "MMRGOV", "COERCE") in dyads(code("The army seized power in Myanmar on Monday."))
    noun = dyads(code("Protests have continued since a coup by Sudan's army in October."))
    assert ("SDNMIL", "SDNGOV", "COERCE") in noun


def test_we_in_a_quote_is_its_speaker(code):
    rows = dyads(code('"We condemn the killing of protesters," Kenyan President William Ruto said.'))
    assert any(s == "KENGOV" and p == "ACCUSE" for s, t, p in rows)


def test_a_copular_supporter_backs_the_object_of_of_and_supporters_who_march_do_not(code):
    assert ("EGYGOV", "LBYREB", "SUPPORT") in dyads(code("Egypt's President Sisi has been a staunch supporter of Khalifa Haftar."))
    assert "SUPPORT" not in {p for _, _, p in dyads(code("Opposition supporters marched through Tbilisi on Sunday."))}


def test_a_joint_press_conference_with_a_partner_is_a_meeting(code):
    rows = dyads(code("Egypt's foreign minister spoke at a joint press conference with his Greek counterpart."))
    assert any(s == "EGYGOV" and t and t.startswith("GRC") and p == "CONSULT" for s, t, p in rows)


def test_force_on_a_place_with_no_named_agent_targets_the_place(code):
    events = code("Rockets struck central Kyiv late on Tuesday.")
    strike = next(e for e in events if e.plover == "ASSAULT")
    assert strike.source is None and strike.target is not None and strike.target.country == "UKR"
    assert strike.location is not None and strike.location.name == "Kyiv"


def test_an_accused_act_has_no_agent_of_its_own(code):
    rows = dyads(code("Kyiv accused Moscow of shelling the Zaporizhzhia nuclear plant."))
    assert {p for _, _, p in rows} == {"ACCUSE"}
