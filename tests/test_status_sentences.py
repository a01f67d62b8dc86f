"""Status and attribution on sentences written for eventwire: six statuses, 14 sentences each.

Each case names the trigger word of the event under test and its expected status; for
attributed cases, also the code of the party the claim is attributed to.
"""

from datetime import date

import pytest

from eventwire.model import Article

CASES = [
    # asserted: stated as fact
    ("Russia attacked Ukrainian ports on Tuesday.", "attacked", "asserted", None),
    ("The GNA captured the Al-Watiya air base.", "captured", "asserted", None),
    ("Egypt condemned the Israeli strikes.", "condemned", "asserted", None),
    ("Japan sent emergency aid to Pakistan.", "sent", "asserted", None),
    ("Poland expelled three Russian diplomats.", "expelled", "asserted", None),
    ("The United States imposed sanctions on Iran.", "imposed", "asserted", None),
    ("Turkey deployed troops to northern Iraq.", "deployed", "asserted", None),
    ("Kenyan police arrested twenty protesters.", "arrested", "asserted", None),
    ("Qatar hosted talks between Sudan's warring sides.", "hosted", "asserted", None),
    ("Greece and Cyprus threatened to arrest the crews.", "threatened", "asserted", None),
    ("The European Union criticised Hungary.", "criticised", "asserted", None),
    ("Iran rejected the American proposal.", "rejected", "asserted", None),
    ("Pakistan's prime minister thanked Japan.", "thanked", "asserted", None),
    ("Armenia and Azerbaijan signed a peace treaty.", "signed", "asserted", None),
    # attributed: a named or described party claims it
    ("The GNA said it had captured the air base.", "captured", "attributed", "LBYGOV"),
    ("Ukraine said Russia attacked its ports.", "attacked", "attributed", "UKR"),
    ("Armenia's defence ministry said Azerbaijani forces shelled the village.", "shelled", "attributed", "ARMMIL"),
    ("According to the defence ministry, Azerbaijani forces shelled the village.", "shelled", "attributed", None),
    ("Officials said Turkey had deployed troops to Qatar.", "deployed", "attributed", None),
    ("Kyiv said Russian drones struck a power plant.", "struck", "attributed", "UKRGOV"),
    ("Iraq claimed that Turkish jets bombed a village.", "bombed", "attributed", "IRQ"),
    ("Witnesses said police fired tear gas at students in Nairobi.", "fired", "attributed", None),
    ("Israel said Hezbollah fired rockets at its northern towns.", "fired", "attributed", "ISR"),
    ("The Kremlin said Ukraine attacked a Russian border town.", "attacked", "attributed", "RUSGOV"),
    ("Sudan's army said the RSF had shelled the city.", "shelled", "attributed", "SDNMIL"),
    ("Tehran announced that it had arrested two British nationals.", "arrested", "attributed", "IRNGOV"),
    ("Palestinian officials said Israeli troops raided Jenin.", "raided", "attributed", "PSEGOV"),
    ("The UN said Saudi jets had bombed a market in Yemen.", "bombed", "attributed", "IGOUNO"),
    # rumor: hedged or unsourced
    ("Russia reportedly attacked Ukrainian ports.", "attacked", "rumor", None),
    ("Iran allegedly supplied drones to Russia.", "supplied", "rumor", None),
    ("It is said that Turkey sent troops to Libya.", "sent", "rumor", None),
    ("Egypt seems to have expelled the Turkish ambassador.", "expelled", "rumor", None),
    ("There are rumors that Moscow criticised Ankara.", "criticised", "rumor", None),
    ("North Korea apparently fired a missile over Japan.", "fired", "rumor", None),
    ("Hamas purportedly kidnapped two soldiers.", "kidnapped", "rumor", None),
    ("Wagner fighters reportedly seized a gold mine in Mali.", "seized", "rumor", None),
    ("China appears to have deployed warships near Taiwan.", "deployed", "rumor", None),
    ("Syria allegedly used chemical weapons against civilians.", "used", "rumor", None),
    ("The Houthis reportedly attacked a Greek tanker.", "attacked", "rumor", None),
    ("Belarus supposedly sent troops to the border.", "sent", "rumor", None),
    ("Rwanda reportedly backed the M23 rebels.", "backed", "rumor", None),
    ("Moscow apparently threatened Finland.", "threatened", "rumor", None),
    # intent: promises, plans, aims and offers
    ("Turkey will send troops to Libya.", "send", "intent", None),
    ("Rome plans to win backing from NATO.", "backing", "intent", None),
    ("Japan plans to provide aid to Pakistan.", "provide", "intent", None),
    ("Egypt intends to expel the Turkish ambassador.", "expel", "intent", None),
    ("Russia is going to attack Ukraine again.", "attack", "intent", None),
    ("Italy is willing to send peacekeepers to the mission.", "send", "intent", None),
    ("The EU promised to send humanitarian aid to Gaza.", "send", "intent", None),
    ("Iran vowed to punish Israel.", "vowed", "intent", None),
    ("Germany offered to host talks between Serbia and Kosovo.", "host", "intent", None),
    ("Kenya pledged to deploy police officers to Haiti.", "deploy", "intent", None),
    ("Norway said it would host new peace talks.", "host", "intent", None),
    ("China will impose sanctions on American firms.", "impose", "intent", None),
    ("Washington plans to sanction Russian banks.", "sanction", "intent", None),
    ("India is prepared to send aid to Sri Lanka.", "send", "intent", None),
    # hypothetical: questions, conditionals and normative statements
    ("Will Russia attack Ukraine again?", "attack", "hypothetical", None),
    ("If Iran attacks Israel, the region will burn.", "attacks", "hypothetical", None),
    ("Russia might attack Ukraine in the spring.", "attack", "hypothetical", None),
    ("Kiir should work with Machar.", "work", "hypothetical", None),
    ("Turkey could send troops to Libya.", "send", "hypothetical", None),
    ("Egypt may expel the Turkish ambassador.", "expel", "hypothetical", None),
    ("Unless the weather improves, Sudanese troops could attack the rebels.", "attack", "hypothetical", None),
    ("Might Putin change his policy and withdraw his troops?", "withdraw", "hypothetical", None),
    ("Greece must negotiate with Turkey.", "negotiate", "hypothetical", None),
    ("If Serbia attacks Kosovo, NATO would respond.", "attacks", "hypothetical", None),
    ("Would China invade Taiwan?", "invade", "hypothetical", None),
    ("NATO ought to support Ukraine.", "support", "hypothetical", None),
    ("Israel would attack Iran if talks failed.", "attack", "hypothetical", None),
    ("Japan could impose sanctions on Russia.", "impose", "hypothetical", None),
    # negated: did not happen, denied, not yet
    ("Russia did not attack Ukraine.", "attack", "negated", None),
    ("Turkey denied sending troops to Libya.", "sending", "negated", None),
    ("Egypt has not expelled the Turkish ambassador.", "expelled", "negated", None),
    ("Iran never supplied drones to Russia.", "supplied", "negated", None),
    ("The Kremlin has yet to criticise the decision.", "criticise", "negated", None),
    ("China denied that it had deployed warships near Taiwan.", "deployed", "negated", None),
    ("Rwanda denied backing the M23 rebels.", "backing", "negated", None),
    ("Pakistani troops did not fire on Indian positions.", "fire", "negated", None),
    ("No Israeli jets attacked Syria on Monday.", "attacked", "negated", None),
    ("Japan did not send aid to North Korea.", "send", "negated", None),
    ("Eritrean troops have not withdrawn from Tigray.", "withdrawn", "negated", None),
    ("Belarus failed to deploy troops to the border.", "deploy", "negated", None),
    ("Hungary did not condemn Russia.", "condemn", "negated", None),
    ("The United States did not impose sanctions on Turkey.", "impose", "negated", None),
]


@pytest.mark.parametrize("text, trigger, status, speaker", CASES, ids=[c[0][:45] for c in CASES])
def test_status(pipeline, text, trigger, status, speaker):
    events = pipeline.process(Article("t", text, published=date(2024, 3, 14))).events
    hits = [e for e in events if e.trigger.text == trigger and e.cameo != "010"]
    assert hits, f"no event on {trigger!r}: {[(e.trigger.text, e.cameo, e.status) for e in events]}"
    event = hits[0]
    assert event.status == status, event.status_reason
    if speaker:
        assert event.attributed_to is not None and event.attributed_to.code == speaker


def test_the_set_covers_every_status():
    counts = {}
    for _, _, status, _ in CASES:
        counts[status] = counts.get(status, 0) + 1
    assert len(CASES) >= 80 and set(counts) == {"asserted", "attributed", "rumor", "intent", "hypothetical", "negated"}
    assert min(counts.values()) >= 13


@pytest.mark.parametrize("text, code", [
    ("Unless Iran stops enrichment, Israel will strike its facilities.", "13"),
    ("Senegal announced that it will withdraw its troops from Gambia unless a ceasefire is arranged.", "13"),
    ("Israel will strike Iran if Tehran enriches uranium beyond 60 percent.", "13"),
    ("Iran said it would close the Strait of Hormuz if its oil exports were blocked.", "13"),
])
def test_a_committed_conditional_harm_is_a_threat(pipeline, text, code):
    events = [e for e in pipeline.process(Article("t", text, published=date(2020, 1, 1))).events if e.cameo != "010"]
    assert any(e.cameo.startswith(code) and e.status == "asserted" for e in events), [(e.cameo, e.status, e.status_reason) for e in events]


@pytest.mark.parametrize("text", [
    "Israel would attack Iran if talks failed.",  # a hypothesis about circumstances
    "The EU could impose sanctions on Iran if Tehran supplies missiles to Russia.",  # "could" commits to nothing
    "Iran will sign the deal if sanctions are lifted.",  # an offer, not a threat
])
def test_other_conditionals_stay_hypothetical(pipeline, text):
    events = [e for e in pipeline.process(Article("t", text, published=date(2020, 1, 1))).events if e.cameo != "010"]
    assert events and all(not e.cameo.startswith("13") and e.status == "hypothetical" for e in events), [(e.cameo, e.status) for e in events]


def test_a_threat_or_refusal_is_aimed_at_the_party_the_condition_names(pipeline):
    def events(text):
        return [e for e in pipeline.process(Article("t", text, published=date(2020, 1, 1))).events if e.cameo != "010"]

    threat = [e for e in events("Separatists in eastern Ukraine threatened to storm Mariupol unless Ukrainian troops withdraw.") if e.cameo.startswith("13")]
    assert threat and threat[0].target is not None and threat[0].target.code == "UKRMIL"
    refusal = events("Hamas refused to free the soldier unless Israel releases 1,000 Palestinian prisoners.")
    rejected = [e for e in refusal if e.cameo.startswith("12")]
    assert len(rejected) == 1 and rejected[0].status == "asserted" and rejected[0].target.code == "ISR"
    released = [e for e in refusal if e.cameo.startswith("084")]  # the condition itself: not refused, not done
    assert released and released[0].status == "hypothetical"
