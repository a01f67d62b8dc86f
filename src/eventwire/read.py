"""Reader stage: turn files, directories and standard input into Articles.

Input that cannot be read becomes a Reject that keeps the raw content and the
reason, so one bad record never stops a batch. Line-based formats are streamed.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .model import Article, Reject
from .when import parse_published

log = logging.getLogger("eventwire.read")

STDIN_LABEL = "<stdin>"
RAW_LIMIT = 1 << 20  # a Reject keeps at most this many bytes of the raw input
SNIFF_LIMIT = 8192  # a NUL byte this close to the start means a binary file

FORMAT_BY_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html", ".htm": "html",
}

# Record fields, each with its accepted aliases in order of preference.
ID_FIELDS = ("id", "article_id")
TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "date")

# Header keys a .txt file may open with, and the Article field each fills.
TXT_HEADER_FIELDS = {"title": "title", "date": "published", "url": "url", "outlet": "outlet", "id": "id"}

_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian mark begins with the UTF-16 one.
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)

# (line number, decoded text, encoding error or "") for one physical line of input.
NumberedLine = tuple[int, str, str]


class _Unreadable(Exception):
    """Raised inside the readers; the caller turns it into a Reject with the raw input."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def iter_records(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    stdin: TextIO | None = None,
) -> Iterator[Article | Reject]:
    """Yield one Article or Reject per input record, in source order.

    A source is a file, a directory (walked recursively in name order) or "-" for
    standard input (``stdin``, else ``sys.stdin``).
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        if os.fspath(source) == "-":
            yield from _read_stdin(stdin)
            continue
        path = Path(source)
        if path.is_dir():
            yield from _walk(path, set())
        else:
            yield from _read_named_file(path)


# ------------------------------------------------------------------ sources

def _walk(directory: Path, seen: set[tuple[int, int]]) -> Iterator[Article | Reject]:
    """Every supported, non-hidden file under ``directory``, depth first in name order."""
    try:
        info = directory.stat()
        # Symlinked directories are followed, but each real directory only once (no loops).
        identity = (info.st_dev, info.st_ino)
        if identity in seen:
            log.debug("skipping %s: directory already read", directory)
            return
        seen.add(identity)
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield _reject(str(directory), "unreadable-file", f"cannot list directory: {_os_detail(exc)}")
        return

    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield _reject(str(path), "unreadable-file", _os_detail(exc))
            continue
        if is_dir:
            yield from _walk(path, seen)
        elif is_file:
            kind = _format_of(path)
            if kind is None:
                log.debug("skipping %s: not a supported file type", path)
            else:
                yield from _read_file(path, kind, str(path))


def _read_named_file(path: Path) -> Iterator[Article | Reject]:
    """A file the user named: unlike in a directory walk, an unknown type is an error."""
    label = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _reject(label, "unreadable-file", _os_detail(exc))
        return
    kind = _format_of(path)
    if kind is not None:
        yield from _read_file(path, kind, label)
        return

    expected = ", ".join(sorted(FORMAT_BY_SUFFIX))
    detail = f"unsupported file type {path.suffix or '(no extension)'!r}; expected one of {expected}"
    try:
        with path.open("rb") as handle:
            head = handle.read(RAW_LIMIT + 1)
    except OSError as exc:
        yield _reject(label, "unreadable-file", _os_detail(exc))
        return
    if b"\0" in head[:SNIFF_LIMIT]:
        yield _reject(label, "unsupported-type", f"{detail} (binary, {size} bytes)")
    else:
        yield _reject(label, "unsupported-type", detail, _raw_from_bytes(head, size))


def _format_of(path: Path) -> str | None:
    return FORMAT_BY_SUFFIX.get(path.suffix.lower())


def _read_file(path: Path, kind: str, label: str) -> Iterator[Article | Reject]:
    reader = {"txt": _read_txt, "jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv, "html": _read_html}[kind]
    try:
        yield from reader(path, label)
    except OSError as exc:
        yield _reject(label, "unreadable-file", _os_detail(exc))


def _read_stdin(stream: TextIO | None) -> Iterator[Article | Reject]:
    """Standard input is JSONL if it starts with "{", otherwise one text article."""
    if stream is None:
        if sys.stdin is None:
            yield _reject(STDIN_LABEL, "unreadable-file", "there is no standard input")
            return
        # The byte stream under sys.stdin lets bad UTF-8 be caught line by line.
        binary = getattr(sys.stdin, "buffer", None)
        lines = _decode_lines(binary) if binary is not None else _text_lines(sys.stdin)
    else:
        lines = _text_lines(stream)

    try:
        # Hold back only the leading blank lines while sniffing, then stream the rest.
        head: list[NumberedLine] = []
        first_char = ""
        for line in lines:
            head.append(line)
            stripped = line[1].lstrip()
            if stripped:
                first_char = stripped[0]
                break
        if not first_char:
            yield _reject(STDIN_LABEL, "empty-text", "standard input is empty")
            return
        all_lines = itertools.chain(head, lines)
        if first_char == "{":
            yield from _jsonl_records(all_lines, STDIN_LABEL, "stdin")
        else:
            yield _stdin_text(all_lines)
    except UnicodeDecodeError as exc:  # from a text stream that decodes strictly
        yield _reject(STDIN_LABEL, "bad-encoding", f"invalid {exc.encoding} at byte offset {exc.start} of a read")
    except OSError as exc:
        yield _reject(STDIN_LABEL, "unreadable-file", _os_detail(exc))


def _stdin_text(lines: Iterable[NumberedLine]) -> Article | Reject:
    parts: list[str] = []
    encoding_error = ""
    for _, text, error in lines:
        parts.append(text)
        encoding_error = encoding_error or error
    content = "".join(parts)
    if encoding_error:
        return _reject(STDIN_LABEL, "bad-encoding", encoding_error, _cap(content))
    if "\0" in content[:SNIFF_LIMIT]:
        return _reject(STDIN_LABEL, "binary-file", f"NUL character in standard input ({len(content)} characters)")
    return _txt_article(content, STDIN_LABEL, "stdin")


# ------------------------------------------------------------------ formats

def _read_txt(path: Path, label: str) -> Iterator[Article | Reject]:
    data = path.read_bytes()
    try:
        content = _decode_whole(data)
    except _Unreadable as exc:
        yield _reject_whole_file(label, (exc.reason, exc.detail), data, len(data))
        return
    yield _txt_article(content, label, path.stem)


def _txt_article(content: str, origin: str, default_id: str) -> Article | Reject:
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    header, body = _split_txt_header(content)
    text = body.strip()
    if not text:
        detail = "no text after the header" if header else "no text"
        return _reject(origin, "empty-text", detail, _cap(content))
    return _article(
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


def _read_jsonl(path: Path, label: str) -> Iterator[Article | Reject]:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_LIMIT)
        problem = _sniff(head)
        if problem is not None:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(0)
            yield _reject_whole_file(label, problem, handle.read(RAW_LIMIT + 1), size)
            return
        handle.seek(0)
        yield from _jsonl_records(_decode_lines(handle), label, path.stem)


def _jsonl_records(lines: Iterable[NumberedLine], label: str, stem: str) -> Iterator[Article | Reject]:
    for number, text, encoding_error in lines:
        origin = f"{label}:line {number}"
        raw = text.rstrip("\r\n")
        if encoding_error:
            yield _reject(origin, "bad-encoding", encoding_error, _cap(raw))
            continue
        if not raw.strip():
            continue
        try:
            article = _json_article(raw, origin, f"{stem}-{number}")
        except _Unreadable as exc:
            article = _reject(origin, exc.reason, exc.detail, _cap(raw))
        yield article


def _json_article(text: str, origin: str, fallback_id: str) -> Article:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Unreadable("malformed-json", str(exc)) from None
    if not isinstance(value, dict):
        raise _Unreadable("not-a-record", f"a JSON {_json_type(value)}, not an object")
    return _record_article(value, origin, fallback_id)


def _read_json(path: Path, label: str) -> Iterator[Article | Reject]:
    """A .json file holds one record object or a list of them (parsed whole, unlike JSONL)."""
    data = path.read_bytes()
    try:
        content = _decode_whole(data)
    except _Unreadable as exc:
        yield _reject_whole_file(label, (exc.reason, exc.detail), data, len(data))
        return
    try:
        value = json.loads(content)
    except (ValueError, RecursionError) as exc:
        yield _reject(label, "malformed-json", str(exc), _raw_from_bytes(data))
        return

    if isinstance(value, dict):
        try:
            article = _record_article(value, label, path.stem)
        except _Unreadable as exc:
            article = _reject(label, exc.reason, exc.detail, _raw_from_bytes(data))
        yield article
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            origin = f"{label}:item {number}"
            try:
                if not isinstance(item, dict):
                    raise _Unreadable("not-a-record", f"a JSON {_json_type(item)}, not an object")
                article = _record_article(item, origin, f"{path.stem}-{number}")
            except _Unreadable as exc:
                article = _reject(origin, exc.reason, exc.detail, _cap(json.dumps(item, ensure_ascii=False)))
            yield article
    else:
        yield _reject(label, "not-a-record", f"a JSON {_json_type(value)}, not an object or a list of objects",
                      _raw_from_bytes(data))


def _read_csv(path: Path, label: str) -> Iterator[Article | Reject]:
    _allow_large_csv_fields()
    with path.open("rb") as handle:
        head = handle.read(SNIFF_LIMIT)
        problem = _sniff(head)
        if problem is not None:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(0)
            yield _reject_whole_file(label, problem, handle.read(RAW_LIMIT + 1), size)
            return
        handle.seek(0)

        feed = _RowLines(_decode_lines(handle))
        # strict: a stray quote is an error to report, not something to guess around.
        reader = csv.reader(feed, strict=True)
        header: list[str] | None = None
        row_number = 0
        while True:
            try:
                row = next(reader)
                parse_error = ""
            except StopIteration:
                break
            except csv.Error as exc:
                row = []
                parse_error = f"line {reader.line_num}: {exc}"
            raw, encoding_error = feed.take()

            if header is None:
                if encoding_error or parse_error:
                    reason = "bad-encoding" if encoding_error else "bad-csv"
                    detail = f"in the header row: {encoding_error or parse_error}; file not read"
                    handle.seek(0)
                    yield _reject(label, reason, detail, _raw_from_bytes(handle.read(RAW_LIMIT + 1)))
                    return
                if any(cell.strip() for cell in row):
                    header = [cell.strip().lower() for cell in row]
                continue

            if not parse_error and not encoding_error and not any(cell.strip() for cell in row):
                continue  # a blank line carries nothing
            row_number += 1
            origin = f"{label}:row {row_number}"
            if encoding_error:
                yield _reject(origin, "bad-encoding", encoding_error, raw)
            elif parse_error:
                yield _reject(origin, "bad-csv", parse_error, raw)
            elif len(row) > len(header):
                yield _reject(origin, "bad-csv", f"{len(row)} fields but the header has {len(header)}", raw)
            else:
                try:
                    article = _record_article(dict(zip(header, row)), origin, f"{path.stem}-{row_number}")
                except _Unreadable as exc:
                    article = _reject(origin, exc.reason, exc.detail, raw)
                yield article


class _RowLines:
    """Feeds decoded lines to csv.reader and keeps the ones the current row used."""

    def __init__(self, lines: Iterator[NumberedLine]) -> None:
        self._lines = lines
        self._pending: list[str] = []
        self._error = ""

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        _, text, error = next(self._lines)
        self._pending.append(text)
        self._error = self._error or error
        return text

    def take(self) -> tuple[str, str]:
        """The raw text of the row just read and its first encoding error, then reset."""
        raw, error = _cap("".join(self._pending).rstrip("\r\n")), self._error
        self._pending, self._error = [], ""
        return raw, error


def _allow_large_csv_fields() -> None:
    # The default 128 KiB cap rejects long articles; the C limit is a long.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _read_html(path: Path, label: str) -> Iterator[Article | Reject]:
    data = path.read_bytes()
    problem = _sniff(data[:SNIFF_LIMIT])
    if problem is not None:
        yield _reject_whole_file(label, problem, data, len(data))
        return
    try:
        markup: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        markup = data  # a page may declare another charset; trafilatura honours it
    try:
        document = _extract_html(markup)
    except Exception as exc:  # the extractor is third-party; a crash on one page must not stop the batch
        yield _reject(label, "no-html-text", f"extractor failed: {type(exc).__name__}: {exc}", _raw_from_bytes(data))
        return
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        yield _reject(label, "no-html-text", "no main text found in the page", _raw_from_bytes(data))
        return
    yield _article(
        label,
        article_id=path.stem,
        text=text,
        title=getattr(document, "title", None),
        published=getattr(document, "date", None),
        url=getattr(document, "url", None),
        outlet=getattr(document, "sitename", None),
    )


def _extract_html(markup: str | bytes) -> Any:
    import trafilatura  # imported here: only HTML input needs it

    return trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        # Publication date from the page's metadata only: a search through the
        # body text would pick up dates of the events the article reports.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )


# ------------------------------------------------------------------ records

def _record_article(record: dict[Any, Any], origin: str, fallback_id: str) -> Article:
    """An Article from a JSON object or CSV row; field names match case-insensitively."""
    fields: dict[str, Any] = {}
    for key, value in record.items():
        fields.setdefault(str(key).strip().lower(), value)

    text = _record_text(fields)
    article_id = _first_scalar(fields, ID_FIELDS) or fallback_id
    return _article(
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
            raise _Unreadable("empty-text", f"field {name!r} is a {_json_type(value)}, not text")
        if value.strip():
            return value
    if present:
        raise _Unreadable("empty-text", f"field {present[0]!r} is blank")
    raise _Unreadable("empty-text", "no text field (expected one of: " + ", ".join(TEXT_FIELDS) + ")")


def _first_scalar(fields: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first named field holding a non-blank string or number, as a stripped string."""
    for name in names:
        value = fields.get(name)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                return text
    return None


def _article(
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


# ------------------------------------------------------------------ bytes and text

def _decode_lines(byte_lines: Iterable[bytes]) -> Iterator[NumberedLine]:
    """Decode a byte stream line by line, so bad UTF-8 spoils only its own line."""
    offset = 0
    for number, data in enumerate(byte_lines, 1):
        start = offset
        offset += len(data)
        if number == 1 and data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM):]
            start += len(_UTF8_BOM)
        try:
            yield number, data.decode("utf-8"), ""
        except UnicodeDecodeError as exc:
            yield number, data.decode("utf-8", "replace"), f"invalid UTF-8 at byte offset {start + exc.start}"


def _text_lines(stream: Iterable[str]) -> Iterator[NumberedLine]:
    for number, line in enumerate(stream, 1):
        yield number, line.removeprefix("\ufeff") if number == 1 else line, ""


def _sniff(head: bytes) -> tuple[str, str] | None:
    """(reason, detail) if the start of a file shows it is not UTF-8 text."""
    for mark, encoding in _OTHER_BOMS:
        if head.startswith(mark):
            return "bad-encoding", f"{encoding.upper()} text (byte-order mark at byte offset 0); save it as UTF-8"
    nul = head.find(b"\0")
    if nul >= 0:
        return "binary-file", f"NUL byte at offset {nul}"
    return None


def _decode_whole(data: bytes) -> str:
    """A whole file as text; raises _Unreadable if it is binary or not UTF-8."""
    problem = _sniff(data[:SNIFF_LIMIT])
    if problem is not None:
        raise _Unreadable(*problem)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
        raise _Unreadable("bad-encoding", f"invalid UTF-8 at byte offset {offset}") from None


def _reject_whole_file(label: str, problem: tuple[str, str], data: bytes, size: int) -> Reject:
    reason, detail = problem
    if reason == "binary-file":
        return _reject(label, reason, f"{detail}; {size} bytes", "")
    return _reject(label, reason, detail, _raw_from_bytes(data, size))


def _raw_from_bytes(data: bytes, size: int | None = None) -> str:
    """Bytes as text for a Reject: in their own encoding if marked, else UTF-8, at most RAW_LIMIT bytes."""
    size = len(data) if size is None else size
    encoding = "utf-8"
    for mark, marked_encoding in _OTHER_BOMS:
        if data.startswith(mark):
            encoding = marked_encoding
            break
    text = data[:RAW_LIMIT].decode(encoding, "replace")
    if size > RAW_LIMIT:
        text += f"\n[eventwire: cut here, kept {RAW_LIMIT} of {size} bytes]"
    return text


def _cap(text: str) -> str:
    if len(text) <= RAW_LIMIT:
        return text
    return text[:RAW_LIMIT] + f"\n[eventwire: cut here, kept {RAW_LIMIT} of {len(text)} characters]"


def _json_type(value: Any) -> str:
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


def _os_detail(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _reject(origin: str, reason: str, detail: str, raw: str = "") -> Reject:
    log.warning("rejected %s: %s (%s)", origin, reason, detail)
    return Reject(origin=origin, reason=reason, detail=detail, raw=raw)
