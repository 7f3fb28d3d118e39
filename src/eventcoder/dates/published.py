"""Normalise a document's ``published`` field to an ISO date (``YYYY-MM-DD``).

The date part is kept as written: a datetime with a time zone keeps its own
local date ("2025-05-13T23:30:00-04:00" -> "2025-05-13"), never converted to
UTC. Unreadable values give ``(None, warning)``; nothing here raises for bad
input.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from dateutil import parser as du_parser

log = logging.getLogger(__name__)

__all__ = ["parse_published"]

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]\d)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_DIGITS = re.compile(r"^\s*-?\d{9,13}\s*$")
_DOTTED = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b")
# Two different defaults reveal the fields dateutil had to invent.
_DEFAULTS = (dt.datetime(1904, 1, 1), dt.datetime(1908, 12, 28))
# Time-zone words dateutil does not know; the date part is kept as written anyway.
_TZ_WORDS = re.compile(r"\b(?:ET|CT|MT|PT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|IST|JST|KST|AEST|AEDT)\b")


def _check(year: int, month: int, day: int, raw: object) -> tuple[str | None, str | None]:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None, f"published date {raw!r} has an implausible year {year}"
    try:
        return dt.date(year, month, day).isoformat(), None
    except ValueError:
        return None, f"published date {raw!r} is not a valid calendar date"


def _from_timestamp(seconds: int, raw: object) -> tuple[str | None, str | None]:
    if abs(seconds) >= 10**11:  # milliseconds
        seconds //= 1000
    try:
        d = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None, f"published timestamp {raw!r} is out of range"
    return _check(d.year, d.month, d.day, raw)


def parse_published(value: object) -> tuple[str | None, str | None]:
    """Return ``(iso_date, warning)`` for a ``published`` value.

    Accepts ISO dates and datetimes (with or without a zone), common news
    formats ("May 13, 2025", "13 May 2025", RFC 2822, "2025/05/13",
    "13.05.2025", "May 13 2025 10:32 AM ET") and Unix timestamps (int,
    seconds or milliseconds, read in UTC). Dotted numeric dates are read day
    first, slashed ones month first (US). A value without a day or a year is
    refused. ``value`` None gives ``(None, None)``: a missing date is not a
    warning.
    """
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"published value of type {type(value).__name__} is not a date"
    if isinstance(value, int):
        if 10**7 <= value < 10**8:  # 20250301 is a compact date, not a Unix time in 1970
            y, md = divmod(value, 10**4)
            return _check(y, md // 100, md % 100, value)
        return _from_timestamp(value, value)
    text = value.strip()
    if not text:
        return None, "published value is empty"
    m = _ISO.match(text)
    if m:
        return _check(int(m[1]), int(m[2]), int(m[3]), value)
    m = _COMPACT.match(text)
    if m:
        return _check(int(m[1]), int(m[2]), int(m[3]), value)
    if _DIGITS.match(text):
        return _from_timestamp(int(text), value)
    return _parse_free(text, value)


def _parse_free(text: str, raw: object) -> tuple[str | None, str | None]:
    cleaned = _TZ_WORDS.sub(" ", text)
    dayfirst = bool(_DOTTED.match(cleaned))
    results = []
    for default in _DEFAULTS:
        try:
            results.append(
                du_parser.parse(cleaned, default=default, dayfirst=dayfirst, ignoretz=True)
            )
        except (ValueError, OverflowError, TypeError) as e:
            log.debug("dateutil cannot read %r: %s", text, e)
            return None, f"published value {raw!r} is not a readable date"
    a, b = results
    if a.year != b.year:
        return None, f"published value {raw!r} has no year"
    if a.day != b.day or a.month != b.month:
        return None, f"published value {raw!r} has no day"
    return _check(a.year, a.month, a.day, raw)
