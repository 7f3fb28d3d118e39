"""Records skipped by policy when reading HTML pages and WARC files in bulk.

FORMATS.md: inputs read in bulk from HTML or WARC skip records that are not
articles; they are counted (by reason) in the run's summary, not written as
error records. JSON-lines and text inputs are never skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Every reason a bulk record can be skipped for, with its meaning.
SKIP_REASONS = {
    "redirect": "an HTTP redirect (3xx) response",
    "http_error": "an HTTP response other than success or redirect",
    "not_html": "a response whose content is not HTML (PDF, image, JSON, ...)",
    "revisit": "a WARC revisit record (a duplicate of a page stored elsewhere)",
    "unreadable": "a record whose body cannot be read or decoded",
    "too_large": "a page over 20 MB of HTML (trafilatura's own limit)",
    "no_text": "a page where no article text was found (index pages, empty pages)",
    "not_english": "a page whose text is confidently detected as another language",
}


@dataclass(frozen=True)
class Skipped:
    """One bulk record left out by policy."""

    reason: str  # a key of SKIP_REASONS
    source: str | None = None  # file name
    where: str | None = None  # URL or record id, for the debug log
