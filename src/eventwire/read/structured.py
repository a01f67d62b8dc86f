"""Readers for structured input: JSON Lines and JSON (one record or a list) and CSV with a header row.

Each record is read on its own: a malformed line or row becomes a Reject naming its line,
item or row, and the records around it are still read.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, Reject
from .decode import (
    RAW_LIMIT, SNIFF_LIMIT, NumberedLine, Unreadable, cap, decode_lines, decode_whole, raw_from_bytes, reject,
    reject_whole_file, sniff,
)
from .records import json_type, record_article


def read_jsonl(path: Path, label: str) -> Iterator[Article | Reject]:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_LIMIT)
        problem = sniff(head)
        if problem is not None:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(0)
            yield reject_whole_file(label, problem, handle.read(RAW_LIMIT + 1), size)
            return
        handle.seek(0)
        yield from jsonl_records(decode_lines(handle), label, path.stem)


def jsonl_records(lines: Iterable[NumberedLine], label: str, stem: str) -> Iterator[Article | Reject]:
    for number, text, encoding_error in lines:
        origin = f"{label}:line {number}"
        raw = text.rstrip("\r\n")
        if encoding_error:
            yield reject(origin, "bad-encoding", encoding_error, cap(raw))
            continue
        if not raw.strip():
            continue
        try:
            article = _json_article(raw, origin, f"{stem}-{number}")
        except Unreadable as exc:
            article = reject(origin, exc.reason, exc.detail, cap(raw))
        yield article


def _json_article(text: str, origin: str, fallback_id: str) -> Article:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Unreadable("malformed-json", str(exc)) from None
    if not isinstance(value, dict):
        raise Unreadable("not-a-record", f"a JSON {json_type(value)}, not an object")
    return record_article(value, origin, fallback_id)


def read_json(path: Path, label: str) -> Iterator[Article | Reject]:
    """A .json file holds one record object or a list of them (parsed whole, unlike JSONL)."""
    data = path.read_bytes()
    try:
        content = decode_whole(data)
    except Unreadable as exc:
        yield reject_whole_file(label, (exc.reason, exc.detail), data, len(data))
        return
    try:
        value = json.loads(content)
    except (ValueError, RecursionError) as exc:
        yield reject(label, "malformed-json", str(exc), raw_from_bytes(data))
        return

    if isinstance(value, dict):
        try:
            article = record_article(value, label, path.stem)
        except Unreadable as exc:
            article = reject(label, exc.reason, exc.detail, raw_from_bytes(data))
        yield article
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            origin = f"{label}:item {number}"
            try:
                if not isinstance(item, dict):
                    raise Unreadable("not-a-record", f"a JSON {json_type(item)}, not an object")
                article = record_article(item, origin, f"{path.stem}-{number}")
            except Unreadable as exc:
                article = reject(origin, exc.reason, exc.detail, cap(json.dumps(item, ensure_ascii=False)))
            yield article
    else:
        yield reject(label, "not-a-record", f"a JSON {json_type(value)}, not an object or a list of objects",
                      raw_from_bytes(data))


def read_csv(path: Path, label: str) -> Iterator[Article | Reject]:
    _allow_large_csv_fields()
    with path.open("rb") as handle:
        head = handle.read(SNIFF_LIMIT)
        problem = sniff(head)
        if problem is not None:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(0)
            yield reject_whole_file(label, problem, handle.read(RAW_LIMIT + 1), size)
            return
        handle.seek(0)

        feed = _RowLines(decode_lines(handle))
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
                    yield reject(label, reason, detail, raw_from_bytes(handle.read(RAW_LIMIT + 1)))
                    return
                if any(cell.strip() for cell in row):
                    header = [cell.strip().lower() for cell in row]
                continue

            if not parse_error and not encoding_error and not any(cell.strip() for cell in row):
                continue  # a blank line carries nothing
            row_number += 1
            origin = f"{label}:row {row_number}"
            if encoding_error:
                yield reject(origin, "bad-encoding", encoding_error, raw)
            elif parse_error:
                yield reject(origin, "bad-csv", parse_error, raw)
            elif len(row) > len(header):
                yield reject(origin, "bad-csv", f"{len(row)} fields but the header has {len(header)}", raw)
            else:
                try:
                    article = record_article(dict(zip(header, row)), origin, f"{path.stem}-{row_number}")
                except Unreadable as exc:
                    article = reject(origin, exc.reason, exc.detail, raw)
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
        raw, error = cap("".join(self._pending).rstrip("\r\n")), self._error
        self._pending, self._error = [], ""
        return raw, error


def _allow_large_csv_fields() -> None:
    # The default 128 KiB cap rejects long articles; the C limit is a long.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
