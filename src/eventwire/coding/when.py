"""The when stage: each event's date, from the time expression in its own clause or a clause above it.

``event_date`` resolves "last Tuesday", "three days ago" or "May 3" against the article's publication
date; a sentence with no time expression keeps the day the article last gave, else the publication date.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

from .context import ArticleContext, Resources, stage

log = logging.getLogger("eventwire.when")

WEEKDAYS = {name: index for index, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
MONTHS = {name: index + 1 for index, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
UNIT_PRECISION = {"day": "day", "week": "week", "month": "month", "year": "year"}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}
_AGO = re.compile(r"^(\w+) (day|week|month|year)s? ago$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.? (1[89]\d\d|20\d\d)$")
_PREFIXES = ("since ", "until ", "till ", "by ", "on ", "in ", "during ", "from ", "as of ", "earlier ", "late ", "early ",
             "starting ", "beginning ")

Resolved = tuple[str, str, str]  # (YYYY-MM-DD, precision, rule)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def resolve_expression(expression: str, published: date | None, future: bool = False) -> Resolved | None:
    """Resolve one time expression against the publication date.

    Relative forms dateparser gets wrong or cannot read ("since last year",
    "last week" as a week) are handled here; dated forms fall through to dateparser.
    Returns None, with a logged reason, when it cannot be resolved.
    """
    text = " ".join(expression.lower().replace(",", " ").split())
    text = text.removeprefix("the ")
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):].removeprefix("the ")
    if text.startswith("this ") and text.split()[1:2] in (["morning"], ["afternoon"], ["evening"]):
        text = "today"
    absolute = _absolute(text)
    if absolute:
        return absolute
    if published is None:
        log.debug("time expression %r needs a publication date", expression)
        return None
    relative = _relative(text, published, future)
    if relative:
        return relative
    return _with_dateparser(text, published, future)


def _absolute(text: str) -> Resolved | None:
    if _YEAR.match(text):
        return f"{text}-01-01", "year", f"year '{text}'"
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in MONTHS:
        return f"{match.group(2)}-{MONTHS[match.group(1)]:02d}-01", "month", f"month '{text}'"
    return None


def _relative(text: str, published: date, future: bool) -> Resolved | None:
    p = published
    if text in ("today", "tonight", "now"):
        return p.isoformat(), "day", f"'{text}' = publication day"
    if text in ("yesterday", "last night"):
        return (p - timedelta(days=1)).isoformat(), "day", f"'{text}' = day before publication"
    if text == "tomorrow":
        return (p + timedelta(days=1)).isoformat(), "day", "'tomorrow' = day after publication"
    if text in WEEKDAYS or (text.endswith("s") and text[:-1] in WEEKDAYS and False):
        delta = (p.weekday() - WEEKDAYS[text]) % 7
        day = p + timedelta(days=(7 - delta) % 7) if future else p - timedelta(days=delta)
        return day.isoformat(), "day", f"'{text}' = nearest {'coming' if future else 'past'} {text}"
    words = text.split()
    if len(words) == 2 and words[0] in ("last", "this", "next", "past") and words[1] in UNIT_PRECISION:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[words[0]]
        unit = words[1]
        if unit == "day":
            return (p + timedelta(days=step)).isoformat(), "day", f"'{text}'"
        if unit == "week":
            return (_monday(p) + timedelta(weeks=step)).isoformat(), "week", f"'{text}' = week starting that Monday"
        if unit == "month":
            return _shift_month(p, step).isoformat(), "month", f"'{text}'"
        return date(p.year + step, 1, 1).isoformat(), "year", f"'{text}'"
    match = _AGO.match(text)
    if match:
        count = int(match.group(1)) if match.group(1).isdigit() else NUMBER_WORDS.get(match.group(1))
        if count is None:
            return None
        unit = match.group(2)
        if unit == "day":
            return (p - timedelta(days=count)).isoformat(), "day", f"'{text}'"
        if unit == "week":
            return _monday(p - timedelta(weeks=count)).isoformat(), "week", f"'{text}'"
        if unit == "month":
            return _shift_month(p, -count).isoformat(), "month", f"'{text}'"
        return date(p.year - count, 1, 1).isoformat(), "year", f"'{text}'"
    if text in MONTHS and len(text) > 3:
        month = MONTHS[text]
        year = p.year if (month <= p.month or future) else p.year - 1
        if future and month < p.month:
            year = p.year + 1
        return date(year, month, 1).isoformat(), "month", f"'{text}' = the {'next' if future else 'latest'} {text}"
    return None


_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def _with_dateparser(text: str, published: date, future: bool = False) -> Resolved | None:
    # Only day-level dates go to dateparser: "May 3", "3 March 2019", "2019-03-03".
    # Anything else ("the 1990s", "several weeks") it would complete from its base date.
    has_month = any(word.strip(".") in MONTHS for word in text.split())
    has_day = any(word.isdigit() and 1 <= int(word) <= 31 for word in text.replace(",", " ").split())
    if not ((has_month and has_day) or _NUMERIC_DATE.search(text)):
        log.debug("no rule for time expression %r", text)
        return None
    try:
        import dateparser

        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                      "PREFER_DATES_FROM": "future" if future else "past", "REQUIRE_PARTS": ["day", "month"]},
        )
    except Exception as exc:  # dateparser raises on odd input; a bad date must never stop coding
        log.warning("dateparser failed on %r: %s", text, exc)
        return None
    if parsed is None:
        log.debug("dateparser could not read %r", text)
        return None
    return parsed.date().isoformat(), "day", f"dateparser read '{text}'"


def event_date(trigger, published: date | None, narrative: Resolved | None = None) -> Resolved | None:
    """The date of the event whose trigger is ``trigger``.

    A time expression in the trigger's own clause wins; else one in a clause that governs it
    ("said on Sunday that they had destroyed", "summoned him Friday and asked"); else, when the
    sentence has no time expression at all, the ``narrative`` date the article last gave; else
    the publication date, with precision "day", when the clause is in the past or present tense.
    """
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    future = _is_future(clause)
    dated = [ent for ent in trigger.sent.ents if ent.label_ in ("DATE", "TIME")]
    for ent in dated:
        if _governing_clause(ent.root).i == clause.i:
            resolved = resolve_expression(ent.text, published, future)
            if resolved:
                return resolved
    for governor in _governing_clauses(clause):
        for ent in dated:
            if _governing_clause(ent.root).i == governor.i:
                resolved = resolve_expression(ent.text, published, future or _is_future(governor))
                if resolved:
                    return resolved[0], resolved[1], f"{resolved[2]}, in the clause of '{governor.text}' that governs the event"
    if published is None or future:
        return None
    if not dated and narrative is not None:
        return narrative[0], narrative[1], f"{narrative[2]}, the date the article last gave (none in the sentence)"
    return published.isoformat(), "day", "publication date (no time expression in the clause)"


def _is_future(clause) -> bool:
    """Future tense, or the future of a report ("said Lavrov would visit Minsk on June 19")."""
    return any(c.lower_ in ("will", "shall", "'ll", "would") for c in clause.children if c.dep_ == "aux")


def _governing_clauses(clause):
    """The clauses above an event's clause that lend it their time: a reporting verb over its
    complement, a first conjunct over the next, a main clause over its adverbial clause."""
    current = clause
    while current.dep_ in ("ccomp", "xcomp", "conj", "advcl", "pcomp") and current.head.i != current.i:
        current = current.head
        while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
            current = current.head
        yield current


def _governing_clause(token):
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


@stage("when")
def when_stage(res: Resources, ctx: ArticleContext) -> None:
    """Date every event; an event whose clause gives no usable date keeps none."""
    narrative: Resolved | None = None
    for event, trigger in zip(ctx.result.events, ctx.triggers):
        resolved = event_date(trigger, ctx.article.published, narrative)
        if resolved is not None:
            event.date, event.date_precision, event.date_rule = resolved
            # A day the text itself fixed carries to later sentences that give none.
            from_text = not resolved[2].startswith("publication date") and "the date the article last gave" not in resolved[2]
            if resolved[1] == "day" and from_text and (
                    ctx.article.published is None or resolved[0] <= ctx.article.published.isoformat()):
                narrative = resolved
