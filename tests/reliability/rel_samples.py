"""Inputs for the reliability tests: nasty text, records with wrong types, small archives."""
from __future__ import annotations

import io
import json

from hypothesis import strategies as st

ARTICLE = ("Russian forces shelled the city of Kharkiv on Tuesday, killing three civilians, regional "
           "governor Oleh Syniehubov said. \"We will rebuild,\" the mayor told reporters in Kyiv.")

#: Characters that have broken text pipelines: controls and NUL, lone surrogates, bidi
#: controls, zero-width characters, emoji (with joiners and skin tones), combining marks,
#: quotation marks and brackets of several scripts, line and paragraph separators.
NASTY = ("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u00ad\u034f\u061c\u200b\u200c\u200d\u200e\u200f"
         "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\u3000\ufeff\ufffd\ufffe"
         "\ud800\udbff\udc00\udfff"
         "\U0001F600\U0001F469\u200d\U0001F467\U0001F44D\U0001F3FD\u0301\u0308\u20dd"
         "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u300c\u300d()[]{}<>&;\\/."
         "שלום مرحبا Привет 你好 नमस्ते")

nasty_char = st.sampled_from(NASTY)
nasty_text = st.lists(st.one_of(st.text(min_size=1, max_size=30), nasty_char,
                                st.sampled_from(ARTICLE.split())), max_size=60).map(" ".join)

json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                          | st.text(max_size=20),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5),
                                                                                     inner, max_size=3),
                          max_leaves=6)

FIELDS = ("id", "text", "published", "title", "url", "publication", "language")


@st.composite
def wrong_record(draw) -> dict:
    """A record whose every field may be missing, of the wrong type, or nasty text."""
    rec = {}
    for name in FIELDS:
        choice = draw(st.integers(0, 3))
        if choice == 0:
            continue
        rec[name] = draw(json_value) if choice == 1 else draw(nasty_text if name == "text" else st.text(max_size=30))
    if draw(st.booleans()):
        rec["text"] = draw(nasty_text)
    return rec


def jsonl_line(draw_rec) -> bytes:
    return json.dumps(draw_rec).encode("utf-8", "surrogatepass")


def junk_lines():
    """Lines of a JSON-lines file: good records, records with wrong types, JSON that is not an
    object, binary junk, HTML and JSON fragments, lines with lone surrogates escaped."""
    return st.one_of(
        wrong_record().map(lambda r: json.dumps(r).encode()),
        wrong_record().map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
        json_value.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=80),
        st.sampled_from([b"<html><body><p>Hi</p>", b'{"text": "unterminated', b'{"text": "a"}{"text": "b"}',
                         b"\xef\xbb\xbf{\"text\": \"bom\"}", b"\x1f\x8b\x08\x00junk", b"null", b"[]", b"{}"]),
    ).map(lambda b: b.replace(b"\n", b" "))


def warc_bytes(n: int, *, gzip: bool) -> tuple[bytes, list[int]]:
    """A small WARC file of ``n`` English article responses, and the offset after each record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzip)
    ends = []
    for i in range(n):
        body = (f"<!doctype html><html lang='en'><head><title>Story {i}</title></head><body><article>"
                f"<h1>Story {i}</h1><p>{ARTICLE}</p><p>Story number {i} of the day: {ARTICLE[::-1]}</p>"
                f"</article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://news.example/{i}", "response",
                                            payload=io.BytesIO(body), http_headers=headers))
        ends.append(buf.tell())
    return buf.getvalue(), ends
