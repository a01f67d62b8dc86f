"""Records to Articles: the field names a JSON object or CSV row may use, and the Article built from them.

Every reader ends here, so ids, text, titles and publication dates are cleaned one way.
"""

from __future__ import annotations

from typing import Any

from .published import parse_published
from ..model import Article
from .decode import Unreadable

# Record fields, each with its accepted aliases in order of preference.
ID_FIELDS = ("id", "article_id")
TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "date")


def record_article(record: dict[Any, Any], origin: str, fallback_id: str) -> Article:
    """An Article from a JSON object or CSV row; field names match case-insensitively."""
    fields: dict[str, Any] = {}
    for key, value in record.items():
        fields.setdefault(str(key).strip().lower(), value)

    text = _record_text(fields)
    article_id = _first_scalar(fields, ID_FIELDS) or fallback_id
    return new_article(
        origin,
        article_id=article_id,
        text=text,
        title=_first_scalar(fields, ("title",)),
        published=_first_scalar(fields, DATE_FIELDS),
        url=_first_scalar(fields, ("url",)),
        outlet=_first_scalar(fields, ("outlet",)),
    )


def _record_text(fields: dict[str, Any]) -> str:
    present = [name for name in TEXT_FIELDS if fields.get(name) is not None]
    for name in present:
        value = fields[name]
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # a list of paragraphs
        if not isinstance(value, str):
            raise Unreadable("empty-text", f"field {name!r} is a {json_type(value)}, not text")
        if value.strip():
            return value
    if present:
        raise Unreadable("empty-text", f"field {present[0]!r} is blank")
    raise Unreadable("empty-text", "no text field (expected one of: " + ", ".join(TEXT_FIELDS) + ")")


def _first_scalar(fields: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first named field holding a non-blank string or number, as a stripped string."""
    for name in names:
        value = fields.get(name)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                return text
    return None


def new_article(
    origin: str,
    article_id: str,
    text: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    return Article(
        article_id=article_id.strip(),
        text=text.strip(),
        title=_blank_to_none(title),
        published=parse_published(published),
        url=_blank_to_none(url),
        outlet=_blank_to_none(outlet),
        origin=origin,
    )


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
