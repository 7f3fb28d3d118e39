"""Money given for a purpose is aid ("announced $20 million to support X" is AID to X, support
without money stays SUPPORT); permission is a concession only when it lets a party act."""
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


def test_permission_is_a_concession_only_when_it_lets_a_party_act():
    assert "CONCEDE" in _types("Poland allowed opposition leader Jan Novak to hold a rally.")
    assert "CONCEDE" not in _types("Germany authorized strikes against the smugglers.")
    # letting a party in, said with an act noun of that party: still a concession or promise
    assert {"CONCEDE", "AGREE"} & set(_types("Peru said it would allow the return of U.N. observers."))
