"""Known organisations the parser leaves unlabelled (actors/unlabelled.py)."""
import pytest


def _entities(text):
    import eventcoder
    doc = eventcoder.code_text(text, published="2019-03-04")
    return {m.text: e.identifier_text for e in doc.entities for m in e.mentions}


@pytest.mark.slow
def test_acronyms_and_names_of_known_bodies_are_organisations():
    found = _entities("Finance ministers of the G7 met on Monday, and USAID pledged new funds. "
                      "Reporters Without Borders said two reporters were held.")
    assert found.get("G7") == "G7"
    assert found.get("USAID") == "United States Agency for International Development"
    assert found.get("Reporters Without Borders") == "Reporters Without Borders"


@pytest.mark.slow
def test_a_line_of_capitals_and_lower_case_words_are_not_acronyms():
    found = _entities("WHO SAID THE PLAN WOULD FAIL\nThe minister said who would pay was unclear.")
    assert "WHO" not in found and "who" not in found
