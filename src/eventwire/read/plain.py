"""The plain-text reader: one article per file, with an optional "Key: value" header.

The header (title, date, url, outlet, id) ends at the first blank line or the first line
that is not a known key; everything after it is the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Reject
from .decode import Unreadable, cap, decode_whole, reject, reject_whole_file
from .records import new_article

# Header keys a .txt file may open with, and the Article field each fills.
TXT_HEADER_FIELDS = {"title": "title", "date": "published", "url": "url", "outlet": "outlet", "id": "id"}


def read_txt(path: Path, label: str) -> Iterator[Article | Reject]:
    data = path.read_bytes()
    try:
        content = decode_whole(data)
    except Unreadable as exc:
        yield reject_whole_file(label, (exc.reason, exc.detail), data, len(data))
        return
    yield txt_article(content, label, path.stem)


def txt_article(content: str, origin: str, default_id: str) -> Article | Reject:
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    header, body = _split_txt_header(content)
    text = body.strip()
    if not text:
        detail = "no text after the header" if header else "no text"
        return reject(origin, "empty-text", detail, cap(content))
    return new_article(
        origin,
        article_id=header.get("id") or default_id,
        text=text,
        title=header.get("title"),
        published=header.get("published"),
        url=header.get("url"),
        outlet=header.get("outlet"),
    )


def _split_txt_header(content: str) -> tuple[dict[str, str], str]:
    """The "Key: value" lines at the very top (up to a blank line), and the text after them."""
    header: dict[str, str] = {}
    position = 0
    while position < len(content):
        end = content.find("\n", position)
        next_position = len(content) if end < 0 else end + 1
        line = content[position:next_position]
        key, colon, value = line.partition(":")
        field = TXT_HEADER_FIELDS.get(key.strip().lower()) if colon else None
        if field is None:
            if header and not line.strip():
                position = next_position  # the blank line that closes the header
            # Otherwise the text starts here (or, on the first line, there is no header).
            break
        header[field] = value.strip()
        position = next_position
    return header, content[position:]
