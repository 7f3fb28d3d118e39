"""An "of <country>" phrase on a name gives the person's country ("President X of Malawi"),
before the country of the article's places."""
from __future__ import annotations

import pytest

import eventcoder


@pytest.fixture(scope="module")
def code():
    def run(text):
        return eventcoder.code_text(text, published="2024-03-05")
    return run


def _entity(doc, name):
    return next(e for e in doc.entities if e.identifier_text and name in e.identifier_text)


def test_of_country_on_an_unknown_person_gives_their_country(code):
    doc = code("The French foreign minister met President Tumelo Mbeki-Ndlovu of Malawi in Paris on Monday.")
    e = _entity(doc, "Ndlovu")
    assert e.code == "MWI"

