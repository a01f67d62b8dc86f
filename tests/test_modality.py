import pytest


def _status(code, text):
    events = code(text)
    assert events, f"no event coded in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    "text, status",
    [
        ("Russia attacked Ukraine.", "asserted"),
        ("Russia did not attack Ukraine.", "negated"),
        ("Turkey will send troops to Libya.", "intent"),
        ("If Iran attacks Israel, the region will burn.", "hypothetical"),
        ("Will Russia attack Ukraine again?", "hypothetical"),
        ("Russia reportedly attacked Ukraine.", "rumor"),
        ("Russia should negotiate with Ukraine.", "hypothetical"),
    ],
)
def test_status_of_simple_sentences(code, text, status):
    assert _status(code, text).status == status


def test_reported_speech_is_attributed_to_the_speaker(code):
    event = next(e for e in code("Turkey said that Russia attacked Ukraine.") if e.plover == "ASSAULT")
    assert event.status == "attributed"
    assert event.attributed_to is not None and event.attributed_to.code == "TUR"
    assert event.source.code == "RUS"


def test_a_denial_does_not_negate_a_coordinated_verb(code):
    events = code("Russia denied any involvement and threatened to retaliate against Poland.")
    threat = next(e for e in events if e.plover == "THREATEN")
    assert threat.status == "asserted"
    # A refusal absorbs the refused act: one REJECT aimed at the act's target, no attack.
    refused = code("Russia refused to attack Ukraine.")
    assert [(e.plover, e.target.code if e.target else None) for e in refused] == [("REJECT", "UKR")]
    denied = code("Russia denied that its troops attacked Ukraine.")
    assert all(e.status == "negated" for e in denied if e.plover == "ASSAULT")


@pytest.mark.parametrize(
    "text, cameo, plover",
    [
        ("Britain has pledged to keep sending weapons to Mozambique.", "0332", "AGREE"),
        ("Italy is willing to send peacekeepers to a UN force in Liberia.", "0334", "AGREE"),
        ("Nigeria will withdraw its ambassador from Chad.", "1313", "THREATEN"),
    ],
)
def test_an_intended_act_is_coded_as_the_intent_to_act(code, text, cameo, plover):
    events = code(text)
    intended = [e for e in events if e.cameo == cameo]
    assert intended and intended[0].plover == plover
    assert intended[0].status == "intent" and "intended" in intended[0].rule


def test_agreeing_is_itself_asserted(code):
    agreed = next(e for e in code("Ukraine and Turkey agreed on Tuesday to expand the grain corridor.") if e.plover == "AGREE")
    assert agreed.status == "asserted"


def test_a_cooperative_act_explicitly_not_done_is_a_rejection(code):
    failed = code("Israel and the Palestinians failed to reach an agreement on Sunday.")
    assert failed and all(e.plover == "REJECT" and e.cameo == "127" and "refused" in e.rule for e in failed)
    # Conflict that did not happen stays a negated event, not a rejection.
    held = code("Pakistani troops did not fire on Indian positions.")
    assert held and all(e.plover == "ASSAULT" and e.status == "negated" for e in held)


def test_the_reporting_act_is_an_event_of_its_speaker(code):
    events = code("Japan's defence ministry said Iran attacked a tanker on Monday.")
    attack = next(e for e in events if e.plover == "ASSAULT")
    statement = next(e for e in events if e.cameo == "010")
    assert attack.status == "attributed" and attack.attributed_to.code == "JPNMIL"
    assert statement.source.code == "JPNMIL" and statement.trigger.text == "said" and statement.status == "asserted"
    assert [e.trigger.start for e in events] == sorted(e.trigger.start for e in events)  # rows in text order
    # No speaker, no statement row.
    assert not [e for e in code("Officials said Iran attacked a tanker.") if e.cameo == "010"]


def test_planned_cooperation_keeps_its_type_unless_promised(pipeline):
    from datetime import date

    from eventwire.model import Article

    def coded(text):
        return [(e.plover, e.status) for e in pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
                if e.plover]

    # Told of in the future tense, even by the party itself: the talks themselves, only intended.
    assert ("CONSULT", "intent") in coded("Talks between Serbia and Kosovo will resume in Brussels next week, the EU said.")
    assert ("CONSULT", "intent") in coded("Serbia said it will resume talks with Kosovo next week.")
    # Promised: the commitment (AGREE).
    assert ("AGREE", "intent") in coded("Serbia pledged to resume talks with Kosovo.")
    # A conflictual act planned with no one named to do it is no threat.
    assert ("COERCE", "intent") in coded("Prison officials said Kolesnikova would be detained for 48 hours.")


def test_an_act_a_participle_describes_is_done_not_intended(code):
    events = code("Armenia and Azerbaijan agreed on Saturday to a ceasefire brokered by Moscow.")
    broker = [e for e in events if e.source is not None and e.source.country == "RUS"]
    assert broker and all(e.status == "asserted" and e.plover == "CONSULT" for e in broker)
