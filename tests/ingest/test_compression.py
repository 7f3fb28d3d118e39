"""Compressed JSON lines read like plain ones; a damaged file gives an error record, never a traceback."""
from __future__ import annotations

import bz2
import gzip
import json

import pytest
import zstandard

from eventcoder.ingest import InputFailure, iter_inputs
from eventcoder.records import Document

RECORDS = [{"id": f"d{i}", "text": f"Talks number {i} were held in Geneva."} for i in range(200)]
DATA = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
COMPRESS = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".zst": lambda b: zstandard.ZstdCompressor().compress(b),
}


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_compressed_jsonl_reads_like_plain(tmp_path, suffix):
    path = tmp_path / f"news.jsonl{suffix}"
    path.write_bytes(COMPRESS[suffix](DATA))
    items = list(iter_inputs([path]))
    assert [d.id for d in items] == [r["id"] for r in RECORDS]
    assert all(isinstance(d, Document) for d in items) and items[-1].line == 200


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_truncated_file_keeps_what_it_can_and_ends_with_one_encoding_error(tmp_path, suffix):
    packed = COMPRESS[suffix](DATA)
    path = tmp_path / f"cut.jsonl{suffix}"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    items = list(iter_inputs([path]))
    assert isinstance(items[-1], InputFailure) and items[-1].type == "encoding"
    assert "truncated or corrupt" in items[-1].message
    docs = items[:-1]
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == [r["id"] for r in RECORDS[: len(docs)]]
    assert items[-1].line == len(docs) + 1


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_not_compressed_at_all_is_an_encoding_error(tmp_path, suffix):
    path = tmp_path / f"plain.jsonl{suffix}"
    path.write_bytes(DATA)
    (item,) = list(iter_inputs([path]))
    assert isinstance(item, InputFailure) and item.type == "encoding" and item.line == 1


def test_zstd_across_frames_and_directories_find_compressed_files(tmp_path):
    frames = b"".join(zstandard.ZstdCompressor().compress((json.dumps(r) + "\n").encode()) for r in RECORDS[5:8])
    (tmp_path / "b.ndjson.zstd").write_bytes(frames)
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in RECORDS[:2]).encode()))
    (tmp_path / "notes.md").write_text("not an input")
    assert [d.id for d in iter_inputs([tmp_path])] == ["d0", "d1", "d5", "d6", "d7"]


def test_compressed_text_and_html_file_ids_drop_both_suffixes(tmp_path):
    (tmp_path / "story-1.txt.gz").write_bytes(gzip.compress(b"Talks were held in Geneva."))
    (doc,) = list(iter_inputs([tmp_path / "story-1.txt.gz"]))
    assert doc.id == "story-1" and doc.text == "Talks were held in Geneva."
