from datetime import date

import pytest

from eventwire.coding.when import resolve_expression

PUBLISHED = date(2020, 5, 27)  # a Wednesday


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("yesterday", ("2020-05-26", "day")),
        ("today", ("2020-05-27", "day")),
        ("on Monday", ("2020-05-25", "day")),
        ("last week", ("2020-05-18", "week")),  # the Monday that starts the week before
        ("this week", ("2020-05-25", "week")),
        ("since last year", ("2019-01-01", "year")),
        ("last month", ("2020-04-01", "month")),
        ("this month", ("2020-05-01", "month")),
        ("in April", ("2020-04-01", "month")),
        ("in September", ("2019-09-01", "month")),  # a month after publication means last year's
        ("two days ago", ("2020-05-25", "day")),
        ("3 weeks ago", ("2020-05-04", "week")),
        ("in 2011", ("2011-01-01", "year")),
        ("June 2019", ("2019-06-01", "month")),
        ("May 3", ("2020-05-03", "day")),
        ("3 March 2019", ("2019-03-03", "day")),
    ],
)
def test_relative_and_absolute_expressions(expression, expected):
    resolved = resolve_expression(expression, PUBLISHED)
    assert resolved is not None and resolved[:2] == expected


def test_future_weekdays_look_forward():
    assert resolve_expression("on Monday", PUBLISHED, future=True)[0] == "2020-06-01"


@pytest.mark.parametrize("expression", ["the 1990s", "several weeks", "in the coming days", "recently"])
def test_vague_expressions_stay_null(expression):
    assert resolve_expression(expression, PUBLISHED) is None


def test_without_a_publication_date_only_absolute_dates_resolve():
    assert resolve_expression("last week", None) is None
    assert resolve_expression("in 2011", None)[:2] == ("2011-01-01", "year")


def test_event_dates_come_from_the_clause_or_the_publication_day(code):
    events = code("Russia attacked Ukraine yesterday.", published=PUBLISHED)
    assert (events[0].date, events[0].date_precision) == ("2020-05-26", "day")
    events = code("Russia attacked Ukraine.", published=PUBLISHED)
    assert (events[0].date, events[0].date_precision) == ("2020-05-27", "day")
    events = code("Russia attacked Ukraine.", published=None)
    assert events[0].date is None and events[0].date_precision is None


def test_a_reported_act_takes_the_date_of_the_clause_that_reports_it(code):
    # PUBLISHED is Wednesday 2020-05-27.
    events = code("Israel said on Monday that it had struck Hezbollah positions in Lebanon.", published=PUBLISHED)
    bombed = next(e for e in events if e.plover == "ASSAULT")
    assert bombed.date == "2020-05-25" and "governs the event" in bombed.date_rule
    events = code("Poland summoned Russia's ambassador on Tuesday and demanded an apology.", published=PUBLISHED)
    assert {e.date for e in events if e.plover in ("ACCUSE", "REQUEST")} == {"2020-05-26"}


def test_a_sentence_without_a_date_keeps_the_day_the_article_last_gave(code):
    text = "Turkey shelled Kurdish positions on Monday. Syria condemned the attack."
    condemned = next(e for e in code(text, published=PUBLISHED) if e.plover == "ACCUSE")
    assert condemned.date == "2020-05-25" and "last gave" in condemned.date_rule
    alone = next(e for e in code("Syria condemned the attack.", published=PUBLISHED) if e.plover == "ACCUSE")
    assert alone.date == "2020-05-27"


def test_a_reported_future_date_looks_forward(code):
    events = code("A deputy minister said Lavrov would pay a working visit to the Belarusian capital of Minsk on June 19.",
                  published=date(2020, 6, 11))
    visit = next(e for e in events if e.cameo == "042")
    assert visit.date == "2020-06-19" and visit.location is not None and visit.location.name == "Minsk"
