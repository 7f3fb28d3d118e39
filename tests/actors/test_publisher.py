"""The government publisher's country (actors/publisher.py) and its "the President"."""
import pytest

from eventcoder.actors.publisher import publisher_country


@pytest.mark.parametrize("url,code", [
    ("https://www.whitehouse.gov/briefing-room/statements/", "USA"),
    ("https://www.state.gov/readout/", "USA"),
    ("https://www.defense.mil/News/", "USA"),
    ("https://www.gov.uk/government/news/x", "GBR"),
    ("https://www.diplomatie.gouv.fr/en/", "FRA"),
    ("https://www.mofa.go.jp/press/", "JPN"),
    ("https://pm.gc.ca/en/news", "CAN"),
    ("https://www.gob.mx/sre", "MEX"),
    ("https://www.reuters.com/world/", None),   # a news outlet: its "the president" is the story's
    ("https://en.wikinews.org/wiki/X", None),
    ("https://www.bbc.co.uk/news", None),
    (None, None),
    ("", None),
    ("not a url at all", None),
])
def test_publisher_country(url, code):
    assert publisher_country(url) == code


@pytest.mark.slow
def test_a_governments_the_president_is_its_own():
    from eventcoder import Config, Pipeline
    from eventcoder.records import Document

    text = ("President Emmanuel Macron of France called on Tuesday for a ceasefire in the region. "
            "The President welcomed the call and pledged support.")
    p = Pipeline(Config())

    def holder(url):
        out = next(p.code_stream([Document(id="t", text=text, published="2023-05-02", url=url)]))
        return next((e.identifier_text for e in out.entities
                     if any(m.text == "The President" for m in e.mentions)), None)

    # on the government's own site "The President" is its president, not the last one named;
    # elsewhere the last president named
    assert holder("https://www.whitehouse.gov/briefing-room/readouts/x") == "Joe Biden"
    assert holder("https://www.example-news.com/world/x") == "Emmanuel Macron"
    assert holder(None) == "Emmanuel Macron"
