"""Tests for the reader stage (eventwire.read) and publication dates (eventwire.when).

Every input is built in tmp_path, so the tests need no corpus on disk.
"""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path

import pytest

from eventwire.model import Article, Reject
from eventwire.read import RAW_LIMIT, iter_records
from eventwire.read.published import parse_published


def read(*sources, stdin=None) -> list[Article | Reject]:
    return list(iter_records(list(sources), stdin=stdin))


def summary(records) -> list[tuple[str, str, str]]:
    """(kind, origin, article id or reject reason) per record, for order checks."""
    return [
        ("article", r.origin, r.article_id) if isinstance(r, Article) else ("reject", r.origin, r.reason)
        for r in records
    ]


# ------------------------------------------------------------------ txt

def test_txt_header_fills_article_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Title: Ministers meet in Geneva\n"
        "DATE: June 10, 2020\n"
        "url: https://news.example.org/geneva\n"
        "Outlet: Example News\n"
        "ID: geneva-001\n"
        "\n"
        "  The foreign ministers met in Geneva on Tuesday.\n\nTalks continue.  \n",
        encoding="utf-8",
    )
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.article_id == "geneva-001"
    assert article.title == "Ministers meet in Geneva"
    assert article.published == date(2020, 6, 10)
    assert article.url == "https://news.example.org/geneva"
    assert article.outlet == "Example News"
    assert article.text == "The foreign ministers met in Geneva on Tuesday.\n\nTalks continue."
    assert article.origin == str(path)
    assert article.content_hash  # filled by the model


def test_txt_without_header_is_all_text(tmp_path: Path) -> None:
    path = tmp_path / "plain.text"
    # "Breaking" is not a header key, so this first line is part of the text.
    path.write_text("Breaking: troops crossed the border.\nMore to follow.\n", encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.article_id == "plain"
    assert article.text == "Breaking: troops crossed the border.\nMore to follow."
    assert article.title is None and article.published is None and article.url is None


def test_txt_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle: Windows file\r\nDate: 2021-01-05\r\n\r\nLine one.\r\nLine two.\r\n")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.title == "Windows file"
    assert article.published == date(2021, 1, 5)
    assert article.text == "Line one.\nLine two."


def test_txt_header_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "hollow.txt"
    path.write_text("Title: Nothing here\n\n   \n", encoding="utf-8")
    [reject] = read(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "empty-text"
    assert "Nothing here" in reject.raw


def test_txt_bad_utf8_names_byte_offset(tmp_path: Path) -> None:
    data = "Title: Café\n\nPrésident".encode("utf-8") + b" \xff ok"
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    [reject] = read(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "bad-encoding"
    bad_byte = data.index(b"\xff")
    assert f"byte offset {bad_byte}" in reject.detail
    assert reject.raw.startswith("Title: Café") and "\ufffd" in reject.raw


def test_reject_raw_is_capped(tmp_path: Path) -> None:
    data = b"a" * (RAW_LIMIT + 5000) + b"\xff"
    path = tmp_path / "huge.txt"
    path.write_bytes(data)
    [reject] = read(path)
    assert reject.reason == "bad-encoding"
    assert reject.raw.startswith("a" * 100)
    assert len(reject.raw) < RAW_LIMIT + 200
    assert f"of {len(data)} bytes" in reject.raw  # the note says it was cut


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [reject] = read(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "binary-file"
    assert reject.raw == ""
    assert str(path.stat().st_size) in reject.detail


def test_utf16_file_is_bad_encoding_with_readable_raw(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Hello from UTF-16".encode("utf-16"))
    [reject] = read(path)
    assert reject.reason == "bad-encoding"
    assert "UTF-16" in reject.detail
    assert "Hello from UTF-16" in reject.raw


# ------------------------------------------------------------------ JSONL, JSON

def test_jsonl_bad_lines_are_rejected_and_good_ones_kept(tmp_path: Path) -> None:
    lines = [
        b'{"id": 7, "title": "First", "text": " Troops withdrew. ", "date": "2020-06-10", "outlet": "AP"}',
        b'{"text": "unterminated',
        b"",
        b'{"title": "no text here", "text": "   "}',
        b'["not", "an", "object"]',
        b'{"body": "caf\xe9 au lait"}',
        b'{"content": "Talks resumed.", "published": "10 June 2020", "url": "http://x.org/a"}',
    ]
    data = b"\n".join(lines) + b"\n"
    path = tmp_path / "wire.jsonl"
    path.write_bytes(data)
    records = read(path)
    label = str(path)
    assert summary(records) == [
        ("article", f"{label}:line 1", "7"),
        ("reject", f"{label}:line 2", "malformed-json"),
        ("reject", f"{label}:line 4", "empty-text"),
        ("reject", f"{label}:line 5", "not-a-record"),
        ("reject", f"{label}:line 6", "bad-encoding"),
        ("article", f"{label}:line 7", "wire-7"),
    ]
    first, malformed, empty, not_record, bad_utf8, last = records
    assert first.text == "Troops withdrew."
    assert first.title == "First" and first.outlet == "AP"
    assert first.published == date(2020, 6, 10)
    assert "line 1 column" in malformed.detail  # the JSON error message is kept
    assert malformed.raw == '{"text": "unterminated'
    assert empty.raw == lines[3].decode()
    assert "array" in not_record.detail
    bad_byte = data.index(b"\xe9")
    assert f"byte offset {bad_byte}" in bad_utf8.detail
    assert bad_utf8.raw == '{"body": "caf\ufffd au lait"}'
    assert last.text == "Talks resumed."
    assert last.published == date(2020, 6, 10)
    assert last.url == "http://x.org/a"


def test_jsonl_rejects_are_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "one.ndjson"
    path.write_text('{"text": "fine"}\n{oops\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventwire.read"):
        read(path)
    warnings = [r for r in caplog.records if r.name == "eventwire.read" and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert f"{path}:line 2" in warnings[0].getMessage()
    assert "malformed-json" in warnings[0].getMessage()


def test_json_list_and_single_object(tmp_path: Path) -> None:
    listing = tmp_path / "batch.json"
    listing.write_text(
        '[{"id": "a1", "text": "First story."}, 42, {"text": ""}, {"TEXT": "Third story.", "Title": "Three"}]',
        encoding="utf-8",
    )
    single = tmp_path / "solo.json"
    single.write_text('{"text": "Only story.", "published": "2019-02-03T10:00:00+01:00"}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "x",}', encoding="utf-8")

    records = read(listing, single, broken)
    assert summary(records) == [
        ("article", f"{listing}:item 1", "a1"),
        ("reject", f"{listing}:item 2", "not-a-record"),
        ("reject", f"{listing}:item 3", "empty-text"),
        ("article", f"{listing}:item 4", "batch-4"),
        ("article", str(single), "solo"),
        ("reject", str(broken), "malformed-json"),
    ]
    assert records[1].raw == "42"
    assert records[3].title == "Three"  # field names match case-insensitively
    assert records[4].published == date(2019, 2, 3)
    assert records[5].raw == '{"text": "x",}'


# ------------------------------------------------------------------ CSV

def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "id,Title,text,date,outlet\n"
        'x1,Quoted,"A text that spans\ntwo lines, with a comma.",2020-06-10,Reuters\n'
        ",No text,,2020-06-11,AFP\n"
        "\n"
        "x3,Too many,some text,2020-06-12,AP,extra\n"
        ',Good again,"Second good row.",11 June 2020\n',
        encoding="utf-8",
    )
    records = read(path)
    label = str(path)
    assert summary(records) == [
        ("article", f"{label}:row 1", "x1"),
        ("reject", f"{label}:row 2", "empty-text"),
        ("reject", f"{label}:row 3", "bad-csv"),
        ("article", f"{label}:row 4", "feed-4"),
    ]
    first, empty, too_many, last = records
    assert first.text == "A text that spans\ntwo lines, with a comma."
    assert first.title == "Quoted" and first.outlet == "Reuters"
    assert first.published == date(2020, 6, 10)
    assert empty.raw == ",No text,,2020-06-11,AFP"
    assert "6 fields" in too_many.detail
    assert too_many.raw == "x3,Too many,some text,2020-06-12,AP,extra"
    assert last.published == date(2020, 6, 11)
    assert last.outlet is None  # a short row leaves the missing fields empty


def test_csv_parse_error_rejects_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_bytes(b'text\n"fine one"\n"broken"quote\n"caf\xe9"\n"fine two"\n')
    records = read(path)
    assert [getattr(r, "text", None) or r.reason for r in records] == [
        "fine one", "bad-csv", "bad-encoding", "fine two",
    ]
    assert records[1].raw == '"broken"quote'


def test_csv_long_field(tmp_path: Path) -> None:
    long_text = "word " * 60_000  # beyond the csv module's default 128 KiB field limit
    path = tmp_path / "long.csv"
    path.write_text(f'text\n"{long_text}"\n', encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == long_text.strip()


# ------------------------------------------------------------------ HTML

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers meet in Geneva over border dispute</title>
<meta property="article:published_time" content="2020-06-10T08:00:00Z">
<link rel="canonical" href="https://news.example.org/world/geneva-talks">
</head>
<body>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe to our newsletter</a></li>
</ul></nav>
<article>
<h1>Ministers meet in Geneva over border dispute</h1>
<p>The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday to discuss the
long-running border dispute, according to officials from both delegations.</p>
<p>The talks, hosted by Swiss diplomats, lasted more than six hours and ended with a joint
statement promising further negotiations before the end of the month.</p>
<p>Observers said the meeting was the most substantial contact between the two governments
since the ceasefire agreed earlier this year.</p>
</article>
<footer><p>Copyright 2020 Example News. All rights reserved. Privacy policy.</p></footer>
</body>
</html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "geneva.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.article_id == "geneva"
    assert article.title == "Ministers meet in Geneva over border dispute"
    assert article.published == date(2020, 6, 10)
    assert article.url == "https://news.example.org/world/geneva-talks"
    assert "met in Geneva on Tuesday" in article.text
    assert "joint" in article.text and "ceasefire" in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert "Sport" not in article.text


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    markup = '<html><head><title>Gallery</title></head><body><script>var x = 1;</script><img src="a.png"></body></html>'
    path.write_text(markup, encoding="utf-8")
    [reject] = read(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "no-html-text"
    assert reject.raw == markup


# ------------------------------------------------------------------ directories and paths

def test_directory_is_walked_recursively_in_name_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "b_sub" / "deeper").mkdir(parents=True)
    (corpus / ".hidden_dir").mkdir()
    (corpus / "c.txt").write_text("Third.", encoding="utf-8")
    (corpus / "a.md").write_text("First.", encoding="utf-8")
    (corpus / "b_sub" / "inner.TXT").write_text("Second.", encoding="utf-8")  # suffix case ignored
    (corpus / "b_sub" / "deeper" / "rows.jsonl").write_text('{"text": "Deep."}\n', encoding="utf-8")
    (corpus / ".secret.txt").write_text("Hidden file.", encoding="utf-8")
    (corpus / ".hidden_dir" / "x.txt").write_text("Hidden dir.", encoding="utf-8")
    (corpus / "README").write_text("Not an article.", encoding="utf-8")
    (corpus / "events.duckdb").write_bytes(b"\x00\x01binary")

    records = read(corpus)
    assert all(isinstance(r, Article) for r in records)
    # Entries sort by name at each level, directories among files: "deeper" < "inner.TXT".
    assert [r.text for r in records] == ["First.", "Deep.", "Second.", "Third."]
    assert records[1].origin == f"{corpus / 'b_sub' / 'deeper' / 'rows.jsonl'}:line 1"


def test_explicit_unsupported_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.rst"
    path.write_text("Some notes", encoding="utf-8")
    [reject] = read(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "unsupported-type"
    assert ".rst" in reject.detail
    assert reject.raw == "Some notes"


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    good = tmp_path / "ok.txt"
    good.write_text("Still read.", encoding="utf-8")
    records = read(missing, good)
    assert summary(records) == [("reject", str(missing), "unreadable-file"), ("article", str(good), "ok")]


def test_single_source_string(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Alone.", encoding="utf-8")
    [article] = iter_records(str(path))
    assert article.text == "Alone."


# ------------------------------------------------------------------ standard input

def test_stdin_as_text() -> None:
    stdin = io.StringIO("Title: From a pipe\nDate: 2022-03-04\n\nProtesters gathered in the square.\n")
    [article] = read("-", stdin=stdin)
    assert isinstance(article, Article)
    assert article.origin == "<stdin>"
    assert article.article_id == "stdin"
    assert article.title == "From a pipe"
    assert article.published == date(2022, 3, 4)
    assert article.text == "Protesters gathered in the square."


def test_stdin_as_jsonl() -> None:
    stdin = io.StringIO('\n  {"id": "p1", "text": "One."}\n{"text": "Two."}\nnot json\n')
    records = read("-", stdin=stdin)
    assert summary(records) == [
        ("article", "<stdin>:line 2", "p1"),
        ("article", "<stdin>:line 3", "stdin-3"),
        ("reject", "<stdin>:line 4", "malformed-json"),
    ]


def test_stdin_is_streamed() -> None:
    """The first record comes out before the rest of the input is read."""

    def lines():
        yield '{"text": "first"}\n'
        raise AssertionError("read past the first record")

    first = next(iter_records("-", stdin=lines()))
    assert isinstance(first, Article) and first.text == "first"


def test_empty_stdin() -> None:
    [reject] = read("-", stdin=io.StringIO("\n   \n"))
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == ("<stdin>", "empty-text")


# ------------------------------------------------------------------ parse_published

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-06-10", date(2020, 6, 10)),
        ("2020-06-10T08:00:00Z", date(2020, 6, 10)),
        ("2020-06-10T23:30:00-05:00", date(2020, 6, 10)),  # the date as written, not shifted to UTC
        ("2020-06-10 08:00", date(2020, 6, 10)),
        ("June 10, 2020", date(2020, 6, 10)),
        ("10 June 2020", date(2020, 6, 10)),
        ("Wed, 10 Jun 2020 08:00:00 GMT", date(2020, 6, 10)),
        ("  10 Jun 2020  ", date(2020, 6, 10)),
    ],
)
def test_parse_published_formats(value: str, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "banana", "not a date at all", "2020-13-45", "today", "yesterday", "3 days ago", "June 2020",
     "x" * 500],
)
def test_parse_published_garbage_is_none(value: str | None) -> None:
    assert parse_published(value) is None
