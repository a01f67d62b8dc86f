"""Bytes to text for the readers: UTF-8 checked line by line, binary and other encodings sniffed.

Input that is not text becomes a Reject that keeps the raw bytes (as far as RAW_LIMIT)
and says why, so the caller can go on with the rest of the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from ..model import Reject

log = logging.getLogger("eventwire.read")

RAW_LIMIT = 1 << 20  # a Reject keeps at most this many bytes of the raw input
SNIFF_LIMIT = 8192  # a NUL byte this close to the start means a binary file

UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian mark begins with the UTF-16 one.
OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)

# (line number, decoded text, encoding error or "") for one physical line of input.
NumberedLine = tuple[int, str, str]


class Unreadable(Exception):
    """Raised inside the readers; the caller turns it into a Reject with the raw input."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def decode_lines(byte_lines: Iterable[bytes]) -> Iterator[NumberedLine]:
    """Decode a byte stream line by line, so bad UTF-8 spoils only its own line."""
    offset = 0
    for number, data in enumerate(byte_lines, 1):
        start = offset
        offset += len(data)
        if number == 1 and data.startswith(UTF8_BOM):
            data = data[len(UTF8_BOM):]
            start += len(UTF8_BOM)
        try:
            yield number, data.decode("utf-8"), ""
        except UnicodeDecodeError as exc:
            yield number, data.decode("utf-8", "replace"), f"invalid UTF-8 at byte offset {start + exc.start}"


def text_lines(stream: Iterable[str]) -> Iterator[NumberedLine]:
    for number, line in enumerate(stream, 1):
        yield number, line.removeprefix("\ufeff") if number == 1 else line, ""


def sniff(head: bytes) -> tuple[str, str] | None:
    """(reason, detail) if the start of a file shows it is not UTF-8 text."""
    for mark, encoding in OTHER_BOMS:
        if head.startswith(mark):
            return "bad-encoding", f"{encoding.upper()} text (byte-order mark at byte offset 0); save it as UTF-8"
    nul = head.find(b"\0")
    if nul >= 0:
        return "binary-file", f"NUL byte at offset {nul}"
    return None


def decode_whole(data: bytes) -> str:
    """A whole file as text; raises Unreadable if it is binary or not UTF-8."""
    problem = sniff(data[:SNIFF_LIMIT])
    if problem is not None:
        raise Unreadable(*problem)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0)
        raise Unreadable("bad-encoding", f"invalid UTF-8 at byte offset {offset}") from None


def reject_whole_file(label: str, problem: tuple[str, str], data: bytes, size: int) -> Reject:
    reason, detail = problem
    if reason == "binary-file":
        return reject(label, reason, f"{detail}; {size} bytes", "")
    return reject(label, reason, detail, raw_from_bytes(data, size))


def raw_from_bytes(data: bytes, size: int | None = None) -> str:
    """Bytes as text for a Reject: in their own encoding if marked, else UTF-8, at most RAW_LIMIT bytes."""
    size = len(data) if size is None else size
    encoding = "utf-8"
    for mark, marked_encoding in OTHER_BOMS:
        if data.startswith(mark):
            encoding = marked_encoding
            break
    text = data[:RAW_LIMIT].decode(encoding, "replace")
    if size > RAW_LIMIT:
        text += f"\n[eventwire: cut here, kept {RAW_LIMIT} of {size} bytes]"
    return text


def cap(text: str) -> str:
    if len(text) <= RAW_LIMIT:
        return text
    return text[:RAW_LIMIT] + f"\n[eventwire: cut here, kept {RAW_LIMIT} of {len(text)} characters]"


def os_detail(exc: OSError) -> str:
    return exc.strerror or str(exc)


def reject(origin: str, reason: str, detail: str, raw: str = "") -> Reject:
    log.warning("rejected %s: %s (%s)", origin, reason, detail)
    return Reject(origin=origin, reason=reason, detail=detail, raw=raw)
