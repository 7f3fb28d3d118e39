"""Property tests over every reader: garbage in never raises, and nothing is dropped silently.

Each JSON-lines line that is not blank gives exactly one item (a document or a
failure) at its line number; documents hold text that encodes to UTF-8; a
truncated compressed file or WARC file keeps the records before the cut and
ends with one ``encoding`` failure, never silently.
"""
from __future__ import annotations

import bz2
import gzip
import json

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.errors import DocumentError
from eventcoder.ingest import InputFailure, document_from_record, iter_inputs
from eventcoder.ingest.html import HtmlExtractor
from eventcoder.pipeline import error_document
from eventcoder.records import Document

from rel_samples import ARTICLE, junk_lines, nasty_text, warc_bytes, wrong_record

pytestmark = pytest.mark.reliability

_EXTRACTOR = HtmlExtractor()  # stateless between pages


def _utf8(value) -> None:
    if isinstance(value, str):
        value.encode("utf-8")  # raises on a lone surrogate


def _check_item(item) -> None:
    assert isinstance(item, (Document, InputFailure))
    if isinstance(item, Document):
        assert isinstance(item.text, str) and item.text.strip()
        for value in (item.id, item.text, item.title, item.url, item.publication, item.language, item.published):
            _utf8(value)
        if item.published is not None:
            import datetime

            datetime.date.fromisoformat(item.published)
    else:
        assert item.type in DocumentError.TYPES
        record = error_document(item.id, item.line, item.type, item.message).to_json()
        json.dumps(record, ensure_ascii=False).encode("utf-8")


@given(st.lists(junk_lines(), max_size=25))
def test_every_jsonl_line_gives_one_item_in_place(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    data = [json.dumps({"id": "first", "text": ARTICLE}).encode()] + lines  # no UTF-16 mark at the start
    path.write_bytes(b"\n".join(data) + b"\n")
    items = list(iter_inputs([path], check_language=False, extractor=_EXTRACTOR))
    expected = [n for n, raw in enumerate(data, start=1) if raw.strip()]
    assert [i.line for i in items] == expected
    for item in items:
        _check_item(item)


@given(wrong_record())
def test_a_record_with_wrong_types_is_a_document_or_a_failure(rec):
    _check_item(document_from_record(rec, line=1))


@given(nasty_text)
def test_nasty_text_survives_the_reader_with_its_length(text):
    item = document_from_record({"text": text})
    _check_item(item)
    if isinstance(item, Document):
        assert len(item.text) == len(text)  # offsets into the input stay valid


def _compress(kind: str, data: bytes) -> bytes:
    if kind == ".gz":
        return gzip.compress(data)
    if kind == ".bz2":
        return bz2.compress(data)
    return zstandard.ZstdCompressor().compress(data)


@pytest.mark.parametrize("kind", [".gz", ".bz2", ".zst"])
@given(cut=st.floats(0.01, 0.99))
def test_a_truncated_compressed_file_keeps_a_prefix_and_says_so(tmp_path_factory, kind, cut):
    n = 40
    records = [json.dumps({"id": f"d{i}", "text": f"{ARTICLE} Number {i}."}).encode() for i in range(n)]
    blob = _compress(kind, b"\n".join(records) + b"\n")
    path = tmp_path_factory.mktemp("cut") / f"in.jsonl{kind}"
    path.write_bytes(blob[: max(1, int(len(blob) * cut))])
    items = list(iter_inputs([path], check_language=False))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == [f"d{i}" for i in range(len(docs))]
    assert isinstance(items[-1], InputFailure) and items[-1].type == "encoding"  # never silent
    assert all(isinstance(i, Document) or i.type in ("invalid_json", "encoding") for i in items)


@pytest.mark.parametrize("gz", [False, True])
@given(cut=st.floats(0.0, 0.99))
def test_a_truncated_warc_file_keeps_a_prefix_and_says_so(tmp_path_factory, gz, cut):
    n = 6
    blob, ends = warc_bytes(n, gzip=gz)
    size = max(1, int(len(blob) * cut))
    path = tmp_path_factory.mktemp("warc") / ("in.warc.gz" if gz else "in.warc")
    path.write_bytes(blob[:size])
    items = list(iter_inputs([path], check_language=False, extractor=HtmlExtractor()))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in docs] == [f"https://news.example/{i}" for i in range(len(docs))]
    if size in ends:  # cut between two records: a shorter file, nothing to notice
        assert len(docs) == ends.index(size) + 1 and len(items) == len(docs)
    else:
        assert len(docs) < n and isinstance(items[-1], InputFailure) and items[-1].type == "encoding"


@given(st.binary(max_size=400))
def test_binary_junk_as_a_text_file_is_one_item(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("txt") / "junk.txt"
    path.write_bytes(blob)
    items = list(iter_inputs([path], check_language=False))
    assert len(items) == 1
    _check_item(items[0])


@given(st.one_of(st.binary(max_size=400), nasty_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_binary_junk_as_an_html_page_is_a_document_or_a_skip(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("html") / "junk.html"
    path.write_bytes(blob)
    items = list(iter_inputs([path], check_language=False, extractor=_EXTRACTOR))
    assert len(items) <= 1
    for item in items:
        _check_item(item)


@given(st.binary(max_size=300))
def test_binary_junk_as_a_warc_file_is_at_most_one_failure(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("warcjunk") / "junk.warc"
    path.write_bytes(blob)
    items = list(iter_inputs([path], check_language=False, extractor=_EXTRACTOR))
    assert all(isinstance(i, InputFailure) for i in items) and len(items) <= 1


def test_a_utf8_byte_order_mark_is_not_an_error(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n")
    [item] = iter_inputs([path], check_language=False)
    assert isinstance(item, Document) and item.id == "a"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_json_lines_are_read_or_named(tmp_path, encoding):
    lines = "".join(json.dumps({"id": f"u{i}", "text": ARTICLE}) + "\n" for i in range(3))
    path = tmp_path / "u.jsonl"
    path.write_bytes(lines.encode(encoding))
    items = list(iter_inputs([path], check_language=False))
    if encoding == "utf-16":  # with a byte-order mark: read as UTF-16
        assert [i.id for i in items] == ["u0", "u1", "u2"] and all(isinstance(i, Document) for i in items)
    else:  # without one: each line is an encoding error that says what the file looks like
        assert items and all(isinstance(i, InputFailure) for i in items)
        assert any("UTF-16" in i.message for i in items)


def test_lone_surrogates_are_replaced_in_every_field_with_a_warning():
    rec = {"id": "s\ud800", "text": "Troops \udc00 attacked.", "title": "T\udfff", "published": "2025-01-02"}
    doc = document_from_record(rec)
    assert isinstance(doc, Document)
    assert doc.text == "Troops \ufffd attacked." and doc.id == "s\ufffd" and doc.title == "T\ufffd"
    assert len(doc.warnings) == 3 and all("lone surrogate" in w for w in doc.warnings)
    no_id = document_from_record({"text": "a \ud800 b"})
    assert no_id.id == document_from_record({"text": "a \ufffd b"}).id


def test_an_integer_compact_date_is_that_date_not_a_unix_time():
    assert document_from_record({"text": ARTICLE, "published": 20250301}).published == "2025-03-01"
    assert document_from_record({"text": ARTICLE, "published": 1740787200}).published == "2025-03-01"
    bad = document_from_record({"text": ARTICLE, "published": 20251340})
    assert bad.published is None and bad.warnings


def test_a_duplicate_id_is_flagged_on_the_later_document(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": ARTICLE}) + "\n" for i in ("a", "b", "a")))
    items = list(iter_inputs([path], check_language=False))
    assert [i.id for i in items] == ["a", "b", "a"]
    assert not items[0].warnings and not items[1].warnings
    assert "already used by an earlier document (line 1)" in items[2].warnings[0]
