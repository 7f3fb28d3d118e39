"""HTML pages: the main text and the metadata (title, date, site, URL) extracted with trafilatura.

A page becomes a :class:`~eventcoder.records.Document` whose ``text`` is the
article's main text (headings and paragraphs, one a line; navigation,
comments and tables left out), ``published`` the publication date trafilatura
finds (through htmldate: meta tags, structured data, the URL, the text),
``title`` and ``publication`` (the site name) from the page's metadata. A page
without article text, or not in English, is skipped by policy
(:class:`~eventcoder.ingest.skips.Skipped`), as FORMATS.md says for bulk
inputs.
"""
from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

from ..dates import parse_published
from ..records import Document
from .ids import stable_id
from .language import LanguageDetector
from .skips import Skipped

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Article:
    """What trafilatura finds in one page."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None
    sitename: str | None = None


class HtmlExtractor:
    """Main text and metadata of news pages (trafilatura, imported on first use)."""

    def __init__(self, *, min_chars: int = 100, include_tables: bool = False, include_comments: bool = False,
                 favor_precision: bool = False):
        self.min_chars = min_chars
        self.options = {"include_tables": include_tables, "include_comments": include_comments,
                        "favor_precision": favor_precision}
        self._extract = None

    def _bare_extraction(self):
        if self._extract is None:
            try:
                from trafilatura import bare_extraction
            except ImportError as e:  # pragma: no cover - trafilatura is a dependency
                from ..errors import InputError

                raise InputError("reading HTML or WARC input needs the 'trafilatura' package "
                                 "(pip install trafilatura)") from e
            self._extract = bare_extraction
        return self._extract

    def extract(self, page: bytes | str, *, url: str | None = None) -> Article | None:
        """The article in ``page``, or None when the page has no main text (under ``min_chars``)."""
        result = self._bare_extraction()(page, url=url, with_metadata=True, **self.options)
        text = getattr(result, "text", None) if result is not None else None
        if not text or len(text.strip()) < self.min_chars:
            return None
        return Article(text=text, title=result.title or None, date=result.date or None,
                       url=result.url or url, sitename=result.sitename or None)


def decode_html(body: bytes, charset: str | None) -> bytes | str:
    """Decode with the declared charset when it is valid; otherwise leave detection to trafilatura."""
    if charset:
        try:
            codecs.lookup(charset)
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return body


def html_document(page: bytes | str, *, id: str | None, url: str | None = None, line: int | None = None,
                  source: str | None, extractor: HtmlExtractor, detector: LanguageDetector) -> Document | Skipped:
    """One HTML page as a document, or the reason it is skipped. Never raises for a bad page."""
    where = url or id or source
    try:
        article = extractor.extract(page, url=url)
    except Exception as e:  # a page that breaks the extractor must not stop a bulk run
        log.warning("%s: cannot extract the page (%s: %s); skipped", where, type(e).__name__, e)
        return Skipped("unreadable", source, where)
    if article is None:
        return Skipped("no_text", source, where)
    verdict = detector.check(article.text)
    if verdict.rejected:
        return Skipped("not_english", source, where)
    published, warning = parse_published(article.date) if article.date else (None, None)
    return Document(id=id or stable_id(article.text), text=article.text, published=published,
                    published_raw=article.date, title=article.title, url=article.url,
                    publication=article.sitename, language=verdict.language, line=line,
                    warnings=(warning,) if warning else ())
