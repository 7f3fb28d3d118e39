"""Datelines and repeated names as signs of a place (geo/recall.py); a region written after "in
northern ..." and a county's state (geo/context.writes_with_region, the resolver's region bonus).

Invented gazetteer entries, real spaCy parse: only the mechanisms are tested."""
from __future__ import annotations

from types import SimpleNamespace

from eventcoder.geo import GazEntry, Gazetteer, Geocoder
from us_gazetteer import COUNTRIES
from us_gazetteer import entry as _e
from us_gazetteer import geocoder as _geo
from eventcoder.geo.context import writes_with_region
from eventcoder.geo.recall import admit_repeated, dateline_head


def test_dateline_head(nlp):
    doc = nlp("Council to vote on budget.\nKELVARRO – The council met on Monday in Kelvarro.")
    k = [t.i for t in doc if t.text == "KELVARRO"][0]
    assert dateline_head(doc, k, k + 1)
    later = [t.i for t in doc if t.text == "Kelvarro"][0]
    assert not dateline_head(doc, later, later + 1)  # not upper case, not opening a line
    doc = nlp("The UPDATE – a word in upper case inside a line is no dateline.")
    k = [t.i for t in doc if t.text == "UPDATE"][0]
    assert not dateline_head(doc, k, k + 1)


def test_a_small_town_in_a_dateline_is_a_place_and_so_are_its_other_mentions(nlp):
    geo = _geo(_e(90, "Oakhollow", "USA", pop=4_000, altnames=3, lat=41.2, lon=-83.1, admin1="Ohlenmark"))
    text = "Council to vote on budget.\nOAKHOLLOW – The mayor said the budget for Oakhollow schools would grow."
    found = [p.extracted_place for p in geo.find_places(nlp(text))]
    assert found == ["OAKHOLLOW", "Oakhollow"], found
    # without the dateline, a small town the tagger does not label is no place
    assert [p.extracted_place for p in geo.find_places(nlp(text.replace("OAKHOLLOW – ", "")))] == []


def test_admit_repeated_spreads_only_sure_names():
    c = lambda name, start, ner="": SimpleNamespace(lookup=name, start=start, ner=ner)  # noqa: E731
    kept = [c("kelvarro", 0, "GPE"), c("mining", 50, "GPE")]
    rejected = [c("kelvarro", 30), c("mining", 80, "ORG"), c("brisco", 90)]
    out = admit_repeated(kept, rejected, lambda x: x.lookup, {"kelvarro", "mining"})
    assert [(x.lookup, x.start) for x in out] == [("kelvarro", 0), ("kelvarro", 30), ("mining", 50)]


def test_writes_with_region():
    for between in (",", " in ", ", in ", " in northeast ", " in the north of ", " in southern ", " in rural "):
        assert writes_with_region(between), between
    for between in (" and ", " in the ", " near ", " in the heart of "):
        assert not writes_with_region(between), between


def test_a_town_written_in_a_part_of_its_region(nlp):
    """Both states are named; "in northern Brecklund" says which Mossgiel."""
    geo = _geo(_e(91, "Mossgiel", "USA", pop=200_000, altnames=20, lat=41.3, lon=-83.4, admin1="Ohlenmark"),
               _e(92, "Mossgiel", "USA", pop=5_000, altnames=2, lat=45.5, lon=-119.0, admin1="Brecklund"))
    text = "Officials in Ohlenmark said a barn burned in Mossgiel in northern Brecklund on Monday."
    (m,) = [p for p in geo.find_places(nlp(text)) if p.extracted_place == "Mossgiel"]
    assert m.geonameid == 92, m.evidence


def test_a_county_of_the_state_the_document_names(nlp):
    """A county name recurs in many states: the state written in the document outweighs a larger
    namesake's population and fame."""
    geo = _geo(_e(93, "Brantley County", "USA", "ADM2", 2_000_000, altnames=60, lat=41.5, lon=-82.0,
                  admin1="Ohlenmark"),
               _e(94, "Brantley County", "USA", "ADM2", 20_000, altnames=3, lat=44.5, lon=-119.5,
                  admin1="Brecklund"))
    text = "Police in Brecklund arrested a man on Friday. He was held in Brantley County overnight."
    (c,) = [p for p in geo.find_places(nlp(text)) if p.extracted_place == "Brantley County"]
    assert c.geonameid == 94, c.evidence


def _tagged(nlp, words, pos):
    """A Doc with the given parts of speech and no entities: the tagger's misreadings, made on purpose."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def test_the_island_of_x_and_x_city(nlp):
    """"the island of X" and "X city" say that X is a place even when the tagger reads X as a noun."""
    geo = _geo(_e(95, "Quenmark", "USA", pop=3_000, altnames=2, lat=20.0, lon=-150.0),
               _e(96, "Tovaly", "USA", pop=40_000, altnames=2, lat=21.0, lon=-151.0))
    doc = _tagged(nlp, ["cases", "on", "the", "island", "of", "Quenmark", "rose"],
                  ["NOUN", "ADP", "DET", "NOUN", "ADP", "NOUN", "VERB"])
    assert [p.extracted_place for p in geo.find_places(doc)] == ["Quenmark"]
    doc = _tagged(nlp, ["Tovaly", "city", "alone", "has", "cases"], ["NOUN", "NOUN", "ADV", "AUX", "NOUN"])
    assert [p.extracted_place for p in geo.find_places(doc)] == ["Tovaly"]
    doc = _tagged(nlp, ["Tovaly", "alone", "has", "cases"], ["NOUN", "ADV", "AUX", "NOUN"])
    assert geo.find_places(doc) == []


def test_a_plural_division_kind_after_a_name(nlp):
    """"the Kessel and Dorrin provinces": the plural kind names the last one a division."""
    geo = _geo(_e(97, "Dorrin", "USA", "ADM2", 50_000, altnames=2, lat=40.0, lon=-90.0),
               _e(98, "Dorrin", "USA", "PPL", 60_000, altnames=3, lat=30.0, lon=-100.0))
    doc = _tagged(nlp, ["floods", "hit", "the", "Kessel", "and", "Dorrin", "provinces"],
                  ["NOUN", "VERB", "DET", "PROPN", "CCONJ", "NOUN", "NOUN"])
    (d,) = geo.find_places(doc)
    assert d.extracted_place == "Dorrin provinces" and d.feature_code == "ADM2"


def test_a_named_museum_or_gallery_is_a_site(nlp):
    """An organisation-tagged "X Art Gallery" or "Y Museum" is a named site: at its town when a town's
    name opens it, else at the town named before it."""
    from spacy.tokens import Span

    geo = _geo(_e(99, "Velmora", "USA", pop=600_000, altnames=40, lat=45.0, lon=-100.0, admin1="Ohlenmark"))
    words = ["Crowds", "met", "at", "the", "Velmora", "Art", "Gallery", ".", "Later", "they", "saw", "the",
             "Harlan", "Brisk", "Museum", "."]
    doc = _tagged(nlp, words, ["NOUN", "VERB", "ADP", "DET", "PROPN", "PROPN", "PROPN", "PUNCT", "ADV",
                               "PRON", "VERB", "DET", "PROPN", "PROPN", "PROPN", "PUNCT"])
    doc.ents = [Span(doc, 4, 7, label="ORG"), Span(doc, 12, 15, label="ORG")]
    got = {p.extracted_place: p for p in geo.find_places(doc)}
    assert got["Velmora Art Gallery"].geonameid == 99
    assert got["Harlan Brisk Museum"].lat == 45.0 and got["Harlan Brisk Museum"].feature_code == "S"


def test_a_small_town_before_a_laboratory_or_mine_is_the_site_s_town(nlp):
    """"the Quenby laboratory", "the Quenby mine": the site noun says the small town is a place."""
    uk = GazEntry(3, "United Kingdom", "United Kingdom", ("UK",), 54.0, -2.0, "GBR", "A", "PCLI", 60_000_000, "", 1000)
    geo = Geocoder(Gazetteer(COUNTRIES + [uk, _e(100, "Quenby", "GBR", pop=3_500, lat=51.3, lon=-0.6)]))
    for noun in ("laboratory", "mine"):
        doc = _tagged(nlp, ["Staff", "at", "the", "Quenby", noun, "in", "the", "UK", "were", "tested", "."],
                      ["NOUN", "ADP", "DET", "PROPN", "NOUN", "ADP", "DET", "PROPN", "AUX", "VERB", "PUNCT"])
        got = {p.extracted_place: p for p in geo.find_places(doc)}
        assert f"Quenby {noun}" in got and got[f"Quenby {noun}"].lat == 51.3, got
    doc = _tagged(nlp, ["Staff", "at", "the", "Quenby", "office", "in", "the", "UK", "were", "tested", "."],
                  ["NOUN", "ADP", "DET", "PROPN", "NOUN", "ADP", "DET", "PROPN", "AUX", "VERB", "PUNCT"])
    assert "Quenby" not in {p.extracted_place for p in geo.find_places(doc)}
