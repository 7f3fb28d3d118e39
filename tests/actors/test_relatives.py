"""A full name introduced by a kinship word is a relative, not the person the bare surname names."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def test_relative_does_not_take_over_the_bare_surname():
    text = ("Quarrow spoke to the crowd for an hour on Thursday. Quarrow promised new roads.\n\n"
            "He was introduced by his daughter Minette Quarrow, a lawyer.\n\n"
            "\u201cWe will build them fast,\u201d Quarrow said.")
    doc = eventcoder.code_text(text)
    q = doc.quotes[0]
    assert q.speaker is not None and q.speaker.identifier_text != "Minette Quarrow"
    minette = [e for e in doc.entities if e.identifier_text == "Minette Quarrow"]
    assert minette and all(m.text != "Quarrow" for m in minette[0].mentions)
