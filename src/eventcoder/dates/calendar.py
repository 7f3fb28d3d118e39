"""Calendar arithmetic: a :class:`~.grammar.Mention` plus the publication date
and the tense direction give an ISO value (CODEBOOK 4).

Rules, with ``pub`` the publication date:

- Full dates, month-years and years resolve without ``pub``.
- A day-month without a year takes the year that puts it nearest to ``pub``
  in the tense direction (past: on or before ``pub``; future: on or after;
  no tense: nearest either way). Without ``pub`` it stays unresolved.
- A weekday is the nearest such day in the tense direction: past or present
  -> the most recent one on or before ``pub``; future -> the next one after
  ``pub``. "last Friday" is the most recent strictly before ``pub``; "next
  Friday" the next one after.
- A bare month ("in March", "mid-March") is the nearest such month in the
  tense direction, ``pub``'s own month included; "last March" is strictly
  before ``pub``'s month, "next March" strictly after.
- The weekend is its Saturday: past -> the Saturday on or before ``pub``
  (a Sunday article's "over the weekend" is the day before); future -> the
  Saturday on or after ``pub``. "last weekend" is always the previous one.
- Weeks have no precision of their own in CODEBOOK 4, so week expressions
  resolve to the month of a representative day: "this week" -> ``pub``;
  "earlier this week" -> the Monday of ``pub``'s week (``pub`` itself when it
  is the Monday); "later this week" -> the Friday (or ``pub`` after it);
  "last week" / "next week" -> the Wednesday of the previous / next week;
  "N weeks ago" / "in N weeks" -> ``pub`` -/+ 7N days.
- "N days ago" / "in N days" give a day; months a month; years a year.
"""
from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from .grammar import Mention

__all__ = ["resolve", "Resolved"]

Resolved = tuple[str | None, str | None]  # (value, precision)

_DAY, _MONTH, _YEAR = "day", "month", "year"


def _ym(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(m: Mention, pub: dt.date | None, direction: str | None) -> Resolved:
    """Return ``(value, precision)``; ``value`` is None when it cannot be resolved."""
    k = m.kind
    if k == "ymd":
        d = _safe_date(m.year, m.month, m.day)
        return (d.isoformat(), _DAY) if d else (None, None)
    if k == "ym":
        return f"{m.year:04d}-{m.month:02d}", _MONTH
    if k == "y":
        return f"{m.year:04d}", _YEAR
    if k == "md":
        return _day_month(m, pub, direction), _DAY
    if pub is None:
        return None, _precision_of(m)
    if k == "m":
        return _month_only(m, pub, direction), _MONTH
    if k == "weekday":
        return _weekday(m, pub, direction).isoformat(), _DAY
    if k == "weekend":
        return _weekend(m, pub, direction).isoformat(), _DAY
    if k == "rel_day":
        return (pub + dt.timedelta(days=m.offset)).isoformat(), _DAY
    if k == "rel_period":
        return _period(m, pub)
    if k in ("ago", "ahead"):
        return _shift(m, pub)
    return None, None


def _precision_of(m: Mention) -> str | None:
    if m.kind in ("m",):
        return _MONTH
    if m.kind in ("weekday", "weekend", "rel_day", "md"):
        return _DAY
    unit = m.unit
    if unit == "week":
        return _MONTH
    return unit


def _day_month(m: Mention, pub: dt.date | None, direction: str | None) -> str | None:
    if pub is None:
        return None
    options = [d for y in (pub.year - 1, pub.year, pub.year + 1)
               if (d := _safe_date(y, m.month, m.day)) is not None]
    if not options:
        return None
    if direction == "past":
        options = [d for d in options if d <= pub] or options
    elif direction == "future":
        options = [d for d in options if d >= pub] or options
    best = min(options, key=lambda d: (abs((d - pub).days), d > pub))
    return best.isoformat()


def _month_only(m: Mention, pub: dt.date, direction: str | None) -> str:
    this = dt.date(pub.year, m.month, 1)
    cur = dt.date(pub.year, pub.month, 1)
    if m.rel == "last":
        d = this if this < cur else this.replace(year=pub.year - 1)
    elif m.rel == "next":
        d = this if this > cur else this.replace(year=pub.year + 1)
    elif m.rel == "this":
        d = this
    elif direction == "future":
        d = this if this >= cur else this.replace(year=pub.year + 1)
    else:
        d = this if this <= cur else this.replace(year=pub.year - 1)
    return _ym(d)


def _weekday(m: Mention, pub: dt.date, direction: str | None) -> dt.date:
    back = (pub.weekday() - m.weekday) % 7  # days back to the one on or before pub
    if m.rel == "last":
        return pub - dt.timedelta(days=back or 7)
    ahead = (m.weekday - pub.weekday()) % 7 or 7  # days to the next one after pub
    if m.rel == "next" or direction == "future":
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def _weekend(m: Mention, pub: dt.date, direction: str | None) -> dt.date:
    sat = 5
    back = (pub.weekday() - sat) % 7
    if m.rel == "last":
        # a Saturday or Sunday article's "last weekend" is the one before
        return pub - dt.timedelta(days=back + (7 if pub.weekday() >= sat else 0))
    if m.rel == "next":
        return pub + dt.timedelta(days=(sat - pub.weekday()) % 7 or 7)
    if direction == "future":
        return pub + dt.timedelta(days=(sat - pub.weekday()) % 7)
    return pub - dt.timedelta(days=back)


def _period(m: Mention, pub: dt.date) -> Resolved:
    step = {"last": -1, "next": 1, "this": 0}[m.rel]
    if m.unit == "year":
        return f"{pub.year + step:04d}", _YEAR
    if m.unit == "month":
        return _ym(pub + relativedelta(months=step)), _MONTH
    # week
    monday = pub - dt.timedelta(days=pub.weekday())
    if step:
        rep = monday + dt.timedelta(days=7 * step + 2)
    elif m.part in ("earlier", "early", "beginning", "start"):
        rep = monday
    elif m.part in ("later", "late", "end"):
        rep = max(pub, monday + dt.timedelta(days=4))
    else:
        rep = pub
    return _ym(rep), _MONTH


def _shift(m: Mention, pub: dt.date) -> Resolved:
    n = m.offset if m.kind == "ahead" else -m.offset
    if m.unit == "day":
        return (pub + dt.timedelta(days=n)).isoformat(), _DAY
    if m.unit == "week":
        return _ym(pub + dt.timedelta(days=7 * n)), _MONTH
    if m.unit == "month":
        return _ym(pub + relativedelta(months=n)), _MONTH
    return f"{pub.year + n:04d}", _YEAR
