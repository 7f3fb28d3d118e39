"""Date expressions: the publication date, dates in the text, and an event's date.

- :func:`parse_published` normalises the input's ``published`` field;
- :class:`DateFinder` finds date expressions in a parsed Doc and resolves
  them against the publication date (CODEBOOK 4);
- :func:`event_date` picks an event's date among its sentence's expressions.
"""
from __future__ import annotations

from .finder import DateFinder
from .published import parse_published
from .select import event_date

__all__ = ["DateFinder", "event_date", "parse_published"]
