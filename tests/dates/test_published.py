"""parse_published: every accepted format, and refusals that never raise."""
from __future__ import annotations

import pytest

from eventcoder.dates import parse_published

GOOD = [
    ("2025-05-13", "2025-05-13"),
    ("  2025-05-13 ", "2025-05-13"),
    ("2025-5-3", "2025-05-03"),
    ("2025-05-13T10:00:00", "2025-05-13"),
    ("2025-05-13T10:00:00Z", "2025-05-13"),
    ("2025-05-13T23:30:00-04:00", "2025-05-13"),  # keeps its own local date
    ("2025-05-13T00:30:00+09:00", "2025-05-13"),
    ("2025-05-13 10:00:00.123456+00:00", "2025-05-13"),
    ("May 13, 2025", "2025-05-13"),
    ("13 May 2025", "2025-05-13"),
    ("Tue, 13 May 2025 10:00:00 GMT", "2025-05-13"),
    ("Tue, 13 May 2025 23:59:00 -0500", "2025-05-13"),
    ("2025/05/13", "2025-05-13"),
    ("13.05.2025", "2025-05-13"),
    ("05.06.2025", "2025-06-05"),  # dotted dates are day first
    ("05/06/2025", "2025-05-06"),  # slashed dates are month first (US)
    ("May 13 2025 10:32 AM ET", "2025-05-13"),
    ("Tuesday, May 13, 2025 at 9:00 pm EDT", "2025-05-13"),
    ("Sept. 3, 2024", "2024-09-03"),
    ("20250513", "2025-05-13"),
    (1747130400, "2025-05-13"),  # 2025-05-13T10:00:00Z
    (1747130400000, "2025-05-13"),  # milliseconds
    ("1747130400", "2025-05-13"),
]


@pytest.mark.parametrize("value,expected", GOOD)
def test_parse_published_reads(value, expected):
    iso, warning = parse_published(value)
    assert (iso, warning) == (expected, None)


BAD = [
    "",
    "   ",
    "not a date",
    "yesterday-ish",
    "May 2025",  # no day
    "May 13",  # no year
    "2025",
    "2025-02-30",
    "2025-13-01",
    "31.02.2024",
    "0001-01-01",
    3.5,
    True,
    ["2025-05-13"],
    {"date": "2025-05-13"},
    10**20,
]


@pytest.mark.parametrize("value", BAD)
def test_parse_published_refuses_with_a_warning(value):
    iso, warning = parse_published(value)
    assert iso is None
    assert isinstance(warning, str) and warning


def test_missing_published_is_not_a_warning():
    assert parse_published(None) == (None, None)
