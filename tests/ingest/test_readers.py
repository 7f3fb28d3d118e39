"""Input readers: every record becomes a document or a failure, in order, never an exception."""
from __future__ import annotations

import io
import json

import pytest

from eventcoder.errors import InputError
from eventcoder.ingest import InputFailure, iter_inputs, stable_id
from eventcoder.records import Document


def _lines(*records: bytes) -> io.BytesIO:
    return io.BytesIO(b"\n".join(records) + b"\n")


def test_every_bad_line_gives_its_error_type_in_order():
    stream = _lines(
        json.dumps({"id": "a", "text": "Russia shelled Kharkiv."}).encode(),
        b"{not json",
        json.dumps({"id": "c"}).encode(),
        json.dumps({"id": "d", "text": 42}).encode(),
        json.dumps({"id": "e", "text": ""}).encode(),
        json.dumps({"id": "f", "text": "  \n\t "}).encode(),
        b'{"id": "g", "text": "caf\xe9"}',
        b"[1, 2]",
    )
    items = list(iter_inputs(["-"], stdin=stream))
    assert isinstance(items[0], Document) and items[0].id == "a" and items[0].line == 1
    got = [(i.id, i.line, i.type) for i in items[1:]]
    assert got == [(None, 2, "invalid_json"), ("c", 3, "missing_text"), ("d", 4, "not_text"),
                   ("e", 5, "empty_text"), ("f", 6, "empty_text"), (None, 7, "encoding"),
                   (None, 8, "invalid_json")]
    assert all(isinstance(i, InputFailure) and i.message for i in items[1:])


def test_missing_id_is_stable_and_published_parsed():
    stream = _lines(json.dumps({"text": "Talks were held.", "published": "2025-05-13T23:30:00-04:00"}).encode())
    (doc,) = list(iter_inputs(["-"], stdin=stream))
    assert doc.id == stable_id("Talks were held.") and doc.id.startswith("doc-")
    assert doc.published == "2025-05-13" and doc.warnings == ()


def test_unreadable_published_is_a_warning_not_an_error():
    stream = _lines(json.dumps({"id": "x", "text": "Talks were held.", "published": "the day after"}).encode())
    (doc,) = list(iter_inputs(["-"], stdin=stream))
    assert isinstance(doc, Document) and doc.published is None and len(doc.warnings) == 1


def test_text_files_and_directories(tmp_path):
    (tmp_path / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "text": "First."}) + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"caf\xe9 bad")  # Latin-1, not UTF-8
    (tmp_path / "d.txt").write_bytes("Third article.".encode("utf-16"))  # with its byte-order mark
    items = list(iter_inputs([tmp_path]))
    assert [getattr(i, "id", None) for i in items] == ["j1", "b", "c", "d"]
    assert isinstance(items[2], InputFailure) and items[2].type == "encoding"
    assert "convert the file to UTF-8" in items[2].message
    assert isinstance(items[3], Document) and items[3].text == "Third article."


def test_missing_path_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_inputs([tmp_path / "nope.jsonl"]))
