"""Publication dates as records give them: ISO, e-mail and HTTP headers, or written dates.

``parse_published`` never guesses from the clock: a value with no full date gives None.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from email.utils import parsedate_to_datetime

log = logging.getLogger("eventwire.read")

# Only absolute dates with day, month and year: "today", "3 days ago" or "June 2020"
# would otherwise be completed from the clock, which is wrong for an anchor date.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}

# Longer strings are not dates; dateparser gets slow on them.
_MAX_DATE_CHARS = 100


def parse_published(value: str | None) -> date | None:
    """The date in ``value`` (as written, not shifted to UTC), or None if there is none."""
    if value is None:
        return None
    if not isinstance(value, str):
        log.debug("published value %r is not a string; ignored", value)
        return None
    text = value.strip()
    if not text:
        return None
    if len(text) > _MAX_DATE_CHARS:
        log.debug("published value too long to be a date (%d chars); ignored", len(text))
        return None

    found = _iso_date(text)
    if found is None:
        found = _rfc2822_date(text)
    if found is None:
        found = _dateparser_date(text)
    if found is None:
        log.debug("no date in published value %r", text)
    return found


def _iso_date(text: str) -> date | None:
    """Fast path for "2020-06-10" and ISO timestamps such as "2020-06-10T08:00:00Z"."""
    # Only the extended YYYY-MM-DD shape: fromisoformat also takes bare digit runs
    # and week dates, which in a free-text field are more likely noise.
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _rfc2822_date(text: str) -> date | None:
    """Fast path for HTTP and e-mail headers: "Wed, 10 Jun 2020 08:00:00 GMT"."""
    if ":" not in text:  # the RFC 2822 form always carries a time
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _dateparser_date(text: str) -> date | None:
    """Slow path for written dates: "June 10, 2020", "10 juin 2020"."""
    try:
        import dateparser  # imported here: it takes about a second to load

        parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    except Exception as exc:  # dateparser raises a variety of errors on odd input
        log.warning("date parser failed on %r: %s: %s", text, type(exc).__name__, exc)
        return None
    return parsed.date() if parsed is not None else None
