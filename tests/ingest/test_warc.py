"""WARC files (CC-NEWS style) written with warcio itself: one document per English article page,
everything else skipped by policy and counted, a damaged file reported, never a traceback."""
from __future__ import annotations

from collections import Counter

import pytest

from eventcoder.ingest import InputFailure, iter_inputs
from eventcoder.records import Document
from ingest_samples import write_warc

EXPECTED_SKIPS = Counter({"redirect": 1, "not_english": 1, "not_html": 1, "http_error": 1, "no_text": 1,
                          "revisit": 1})


@pytest.mark.parametrize("name", ["cc-news.warc.gz", "cc-news.warc"])
def test_articles_become_documents_and_the_rest_is_counted(tmp_path, detector, name):
    path = write_warc(tmp_path / name, gzip=name.endswith(".gz"))
    skipped = Counter()
    docs = list(iter_inputs([path], detector=detector, skipped=skipped))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.url for d in docs] == ["https://news.example/odesa", "https://news.example/kyiv"]
    first = docs[0]
    assert first.id.startswith("urn:uuid:") and first.line == 3
    assert first.title == "Drones hit Odesa" and first.published == "2025-02-18" and first.language == "en"
    assert "regional governor" in first.text and "Most read" not in first.text
    assert skipped == EXPECTED_SKIPS
    # ids are stable across reads (resume relies on it)
    assert [d.id for d in iter_inputs([path], detector=detector)] == [d.id for d in docs]


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_truncated_file_keeps_the_records_before_and_reports_the_rest(tmp_path, detector, name):
    path = write_warc(tmp_path / name, gzip=name.endswith(".gz"), big=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])  # cut inside the last record
    docs = list(iter_inputs([path], detector=detector))
    assert isinstance(docs[0], Document) and docs[0].url == "https://news.example/odesa"
    assert isinstance(docs[-1], InputFailure) and docs[-1].type == "encoding"
    assert "lost" in docs[-1].message and len(docs) == 2


def test_not_a_warc_file_is_one_error_record(tmp_path, detector, capfd):
    (tmp_path / "x.warc").write_bytes(b"this is not a WARC file\n" * 20)
    (tmp_path / "y.warc.gz").write_bytes(b"this is not gzip either\n" * 20)
    items = list(iter_inputs([tmp_path / "x.warc", tmp_path / "y.warc.gz"], detector=detector))
    assert [(i.type, i.source.endswith(s)) for i, s in zip(items, ("x.warc", "y.warc.gz"))] == \
        [("encoding", True), ("encoding", True)]
    assert "WARNING" not in capfd.readouterr().err  # warcio's own stderr warnings are not triggered
