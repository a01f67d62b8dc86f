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
    event = _status(code, "Turkey said that Russia attacked Ukraine.")
    assert event.status == "attributed"
    assert event.attributed_to is not None and event.attributed_to.code == "TUR"
    assert event.source.code == "RUS"


def test_a_denial_does_not_negate_a_coordinated_verb(code):
    events = code("Russia denied any involvement and threatened to retaliate against Poland.")
    threat = next(e for e in events if e.plover == "THREATEN")
    assert threat.status == "asserted"
    refused = code("Russia refused to attack Ukraine.")
    assert next(e for e in refused if e.plover == "ASSAULT").status == "negated"
