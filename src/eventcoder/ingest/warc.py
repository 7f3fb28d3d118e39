"""WARC files (``.warc``, ``.warc.gz``), such as Common Crawl's CC-NEWS, read with warcio.

Each ``response`` (or ``resource``) record holding an HTML page becomes a
document through :func:`~eventcoder.ingest.html.html_document`. Everything
else that is a page but not an English article is skipped by policy and
counted (redirects, HTTP errors, non-HTML content, revisits, pages without
article text, other languages: :data:`~eventcoder.ingest.skips.SKIP_REASONS`).
Records that are not pages at all (``request``, ``metadata``, ``warcinfo``)
are passed over silently.

A document's id is the record's ``WARC-Record-ID`` (``urn:uuid:...``), its
``url`` the ``WARC-Target-URI`` (or the page's canonical URL), its ``line`` the
record's number in the file (1-based, all records counted). A file that is
damaged or cut short part-way gives one ``encoding`` error record (``line``: the first
unreadable record) for the rest; the records before it are kept.
"""
from __future__ import annotations

import io
import logging
from typing import IO, Iterator

from ..records import Document
from .html import HtmlExtractor, decode_html, html_document
from .language import LanguageDetector
from .items import InputFailure
from .skips import Skipped

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 20_000_000  # trafilatura's own MAX_FILE_SIZE
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_TYPES = ("response", "resource")


def _media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset=UTF-8`` -> ("text/html", "UTF-8")."""
    if not content_type:
        return None, None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return parts[0].lower() or None, charset


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _record_id(record) -> str | None:
    rid = record.rec_headers.get_header("WARC-Record-ID")
    if not rid:
        return None
    return rid.strip().strip("<>") or None


def _page(record, *, number: int, source: str, extractor: HtmlExtractor,
          detector: LanguageDetector) -> Document | Skipped | None:
    """One WARC record as a document, a skip, or None for records that are not pages."""
    if record.rec_type == "revisit":
        return Skipped("revisit", source, record.rec_headers.get_header("WARC-Target-URI"))
    if record.rec_type not in _PAGE_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.rec_headers.get_header("Content-Type")
    if record.http_headers is not None:
        try:
            status = int(record.http_headers.get_statuscode() or 0)
        except ValueError:
            status = 0
        if 300 <= status < 400:
            return Skipped("redirect", source, url)
        if not 200 <= status < 300:
            return Skipped("http_error", source, url)
        content_type = record.http_headers.get_header("Content-Type")
    media, charset = _media_type(content_type)
    if media is not None and media not in _HTML_TYPES:
        return Skipped("not_html", source, url)
    try:
        body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    except Exception as e:  # a bad chunked or content encoding: the record's body is lost, not the run
        log.warning("%s: record %d (%s): cannot read the body (%s: %s); skipped",
                    source, number, url, type(e).__name__, e)
        return Skipped("unreadable", source, url)
    if len(body) > MAX_PAGE_BYTES:
        return Skipped("too_large", source, url)
    if media is None and not _looks_like_html(body):
        return Skipped("not_html", source, url)
    return html_document(decode_html(body, charset), id=_record_id(record), url=url, line=number,
                         source=source, extractor=extractor, detector=detector)


def iter_warc(stream: IO[bytes], source: str, *, extractor: HtmlExtractor,
              detector: LanguageDetector) -> Iterator[Document | Skipped | InputFailure]:
    """Documents and skips from one decompressed WARC (or ARC) stream, in file order.

    Give ``.warc.gz`` files decompressed (``gzip.open``): Python's gzip reader
    raises on a truncated member where warcio's own would end quietly.
    """
    from warcio.archiveiterator import ArchiveIterator

    stream = _Strict(stream)
    try:
        head = stream.peek(16)
    except Exception as e:  # the decompressor fails on the first bytes: not gzip, say
        yield _damaged(source, 1, f"{type(e).__name__}: {e}")
        return
    if not head.lstrip(b"\r\n").startswith(_MAGIC):
        if head.strip():
            yield InputFailure(None, None, "encoding", f"{source} is not a WARC file: it does not start with "
                                                       f"'WARC/' (or 'filedesc://' for ARC)", source)
        return
    iterator = ArchiveIterator(stream)
    records = iter(iterator)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            if getattr(iterator, "next_line", None) or number == 0:  # warcio stops quietly inside a
                # cut-off header (a file that starts like a WARC file but yields no record is one)
                yield _damaged(source, number + 1, "the last record's header is cut short")
            return
        except Exception as e:  # warcio's ArchiveLoadFailed, zlib and I/O errors on a damaged file
            yield _damaged(source, number + 1, f"{type(e).__name__}: {e}")
            return
        number += 1
        try:
            item = _page(record, number=number, source=source, extractor=extractor, detector=detector)
            complete = _drain(record)
        except Exception as e:  # the same, inside the record
            yield _damaged(source, number, f"{type(e).__name__}: {e}")
            return
        if not complete:  # warcio hands over a record cut short by the end of the file without a word
            yield _damaged(source, number, "the record is cut short")
            return
        if iterator.err_count:  # warcio found no record boundary where Content-Length said
            yield _damaged(source, number + 1, "a record's Content-Length does not match its content")
            return
        if item is not None:
            yield item


_MAGIC = (b"WARC/", b"filedesc://")


class _Strict:
    """A byte stream whose EOFError (a truncated gzip member) becomes an OSError.

    warcio takes an EOFError for the normal end of the file, which would drop
    the rest of a damaged file without a word.
    """

    def __init__(self, raw: IO[bytes]):
        self._raw = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]

    def peek(self, n: int) -> bytes:
        return self._read(self._raw.peek, n)[:n]

    def read(self, n: int = -1) -> bytes:
        return self._read(self._raw.read, n)

    def readline(self, n: int = -1) -> bytes:
        return self._read(self._raw.readline, n)

    @staticmethod
    def _read(fn, n):
        try:
            return fn(n)
        except EOFError as e:
            raise OSError(f"the file ends too early ({e})") from e


def _drain(record) -> bool:
    """Read the rest of the record; False when the file ended before its declared length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if record.format.startswith("warc") and record.rec_headers.get_header("Content-Length") is None:
        return False  # a header cut short before its Content-Length
    return getattr(raw, "limit", 0) == 0


def _damaged(source: str, number: int, why: str) -> InputFailure:
    log.warning("%s: unreadable from record %d: %s", source, number, why)
    return InputFailure(None, number, "encoding",
                        f"{source}: the WARC file cannot be read from record {number} on ({why}); the rest "
                        f"of the file is lost (a truncated download?)", source)
