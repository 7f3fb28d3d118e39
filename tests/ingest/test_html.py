"""HTML pages: main text and metadata with trafilatura; non-articles skipped and counted."""
from __future__ import annotations

import gzip
from collections import Counter

from eventcoder.ingest import HtmlExtractor, iter_inputs
from eventcoder.records import Document
from ingest_samples import EN, FR, page


def test_page_becomes_document_with_main_text_and_metadata(tmp_path, detector):
    (tmp_path / "odesa.html").write_text(page("Drones hit Odesa", EN), encoding="utf-8")
    skipped = Counter()
    (doc,) = list(iter_inputs([tmp_path / "odesa.html"], detector=detector, skipped=skipped))
    assert isinstance(doc, Document) and doc.id == "odesa"
    assert "Oleh Kiper said on Tuesday" in doc.text and "air defence systems" in doc.text
    assert "Section 3" not in doc.text and "Most read" not in doc.text and "Cookie" not in doc.text
    assert doc.title == "Drones hit Odesa" and doc.published == "2025-02-18"
    assert doc.publication == "Daily Example" and doc.language == "en" and not skipped


def test_non_articles_and_other_languages_are_skipped_and_counted(tmp_path, detector):
    (tmp_path / "a.html").write_text(page("Drones hit Odesa", EN, date=None), encoding="utf-8")
    (tmp_path / "b.htm").write_text(page("Odessa", FR, lang="fr"), encoding="utf-8")
    (tmp_path / "c.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (tmp_path / "d.html.gz").write_bytes(gzip.compress(page("Second", EN).encode()))
    (tmp_path / "e.html").write_bytes(b"\x00\xff\xfe garbage \x89PNG")
    skipped = Counter()
    docs = list(iter_inputs([tmp_path], detector=detector, skipped=skipped))
    assert [d.id for d in docs] == ["a", "d"]
    assert docs[0].published is None
    assert skipped == Counter({"not_english": 1, "no_text": 2})


def test_charset_of_the_page_is_respected(tmp_path, detector):
    html = page("Café talks", EN.replace("Odesa", "Orléans")).replace('charset="utf-8"', 'charset="iso-8859-1"')
    (tmp_path / "latin.html").write_bytes(html.encode("latin-1"))
    (doc,) = list(iter_inputs([tmp_path / "latin.html"], detector=detector))
    assert "Orléans" in doc.text


def test_extractor_minimum_length():
    short = "<html><body><article><h1>Talks</h1><p>Talks were held in Geneva.</p></article></body></html>"
    assert HtmlExtractor(min_chars=100).extract(short) is None
    assert HtmlExtractor(min_chars=10).extract(short).text.endswith("Talks were held in Geneva.")
    assert HtmlExtractor(min_chars=100).extract(page("Long", EN)) is not None
