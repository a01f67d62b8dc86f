"""Where input comes from: files, directories (walked in name order) and standard input.

Each file goes to the reader for its format; a path that cannot be read, or a file of a
type the user named but no reader knows, becomes a Reject, so one bad file never stops a batch.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..model import Article, Reject
from .decode import RAW_LIMIT, SNIFF_LIMIT, NumberedLine, cap, decode_lines, os_detail, raw_from_bytes, reject, text_lines
from .html import read_html
from .plain import read_txt, txt_article
from .structured import jsonl_records, read_csv, read_json, read_jsonl

log = logging.getLogger("eventwire.read")

STDIN_LABEL = "<stdin>"

FORMAT_BY_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html", ".htm": "html",
}


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
        yield reject(str(directory), "unreadable-file", f"cannot list directory: {os_detail(exc)}")
        return

    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield reject(str(path), "unreadable-file", os_detail(exc))
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
        yield reject(label, "unreadable-file", os_detail(exc))
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
        yield reject(label, "unreadable-file", os_detail(exc))
        return
    if b"\0" in head[:SNIFF_LIMIT]:
        yield reject(label, "unsupported-type", f"{detail} (binary, {size} bytes)")
    else:
        yield reject(label, "unsupported-type", detail, raw_from_bytes(head, size))


def _format_of(path: Path) -> str | None:
    return FORMAT_BY_SUFFIX.get(path.suffix.lower())


def _read_file(path: Path, kind: str, label: str) -> Iterator[Article | Reject]:
    reader = {"txt": read_txt, "jsonl": read_jsonl, "json": read_json, "csv": read_csv, "html": read_html}[kind]
    try:
        yield from reader(path, label)
    except OSError as exc:
        yield reject(label, "unreadable-file", os_detail(exc))


def _read_stdin(stream: TextIO | None) -> Iterator[Article | Reject]:
    """Standard input is JSONL if it starts with "{", otherwise one text article."""
    if stream is None:
        if sys.stdin is None:
            yield reject(STDIN_LABEL, "unreadable-file", "there is no standard input")
            return
        # The byte stream under sys.stdin lets bad UTF-8 be caught line by line.
        binary = getattr(sys.stdin, "buffer", None)
        lines = decode_lines(binary) if binary is not None else text_lines(sys.stdin)
    else:
        lines = text_lines(stream)

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
            yield reject(STDIN_LABEL, "empty-text", "standard input is empty")
            return
        all_lines = itertools.chain(head, lines)
        if first_char == "{":
            yield from jsonl_records(all_lines, STDIN_LABEL, "stdin")
        else:
            yield _stdin_text(all_lines)
    except UnicodeDecodeError as exc:  # from a text stream that decodes strictly
        yield reject(STDIN_LABEL, "bad-encoding", f"invalid {exc.encoding} at byte offset {exc.start} of a read")
    except OSError as exc:
        yield reject(STDIN_LABEL, "unreadable-file", os_detail(exc))


def _stdin_text(lines: Iterable[NumberedLine]) -> Article | Reject:
    parts: list[str] = []
    encoding_error = ""
    for _, text, error in lines:
        parts.append(text)
        encoding_error = encoding_error or error
    content = "".join(parts)
    if encoding_error:
        return reject(STDIN_LABEL, "bad-encoding", encoding_error, cap(content))
    if "\0" in content[:SNIFF_LIMIT]:
        return reject(STDIN_LABEL, "binary-file", f"NUL character in standard input ({len(content)} characters)")
    return txt_article(content, STDIN_LABEL, "stdin")
