"""Money given for a purpose is aid: "announced $20 million to support X" is AID to X, while
support without money stays verbal SUPPORT (CODEBOOK 1: AID is material aid)."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _types(text):
    return [e.event[0] for e in eventcoder.code_text(text, published="2024-03-05").events]


def test_money_to_support_a_country_is_aid():
    assert _types("Japan announced $40 million to support Chile in rebuilding its ports.") == ["AID"]


def test_support_without_money_stays_support():
    assert "AID" not in _types("Japan strongly supported Chile in the dispute over its ports.")
