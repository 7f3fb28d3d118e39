"""The parse helpers: datelines keep offsets, long texts are parsed in pieces into one Doc."""
from __future__ import annotations

import pytest

from eventcoder.nlp import doc_text, parse_stream, prepare_text, split_points


def test_split_points_cut_after_paragraph_breaks_and_cover_the_text():
    text = ("A paragraph of words. " * 40 + "\n\n") * 30
    cuts = split_points(text, 2000)
    assert cuts and all(text[c - 2:c] == "\n\n" for c in cuts)
    bounds = [0, *cuts, len(text)]
    assert all(0 < b - a <= 2000 for a, b in zip(bounds, bounds[1:]))
    assert split_points("short", 2000) == []


def test_split_points_without_any_break_still_bounded():
    text = "x" * 5000
    cuts = split_points(text, 1000)
    assert cuts == [1000, 2000, 3000, 4000]


def test_prepare_text_keeps_length():
    for t in ("KYIV (Reuters) -A Russian missile hit.", "BELGRADE – Serbian police said.", "Plain text."):
        assert len(prepare_text(t)) == len(t)


@pytest.mark.slow
def test_long_text_parsed_in_pieces_is_one_doc_with_the_same_text(nlp):
    long = ("Russian forces shelled Kharkiv on Tuesday, officials said.\n\n" * 30)
    texts = ["Short text about Kyiv.", long, "Another short one."]
    docs = list(parse_stream(nlp, texts, piece_chars=300))
    assert [d.text for d in docs] == texts
    assert len(list(docs[1].sents)) == 30
    one = nlp("Russian forces shelled Kharkiv on Tuesday, officials said.\n\n")
    assert len(docs[1].ents) == 30 * len(one.ents) and len(one.ents) > 0
    assert all(docs[1].text[e.start_char:e.end_char] == e.text for e in docs[1].ents)
    # the text the stages read (kept once per document) is the Doc's own
    assert [doc_text(d) for d in docs] == texts and "eventcoder.text" in docs[1].user_data
    assert doc_text(one) == one.text


WRAPPED = ("Today, the President held a call with the Prime Minister of\n"
           "Norway. The two leaders discussed the war in Ukraine and agreed to\n"
           "deepen cooperation on energy security. The President also thanked\n"
           "the Prime Minister for Norway's support to the Ukrainian people.\n\n"
           "Both leaders welcomed the new agreement.")


def test_hard_wrapped_lines_are_joined_for_the_parser_only():
    from eventcoder.nlp import prepare_text, wrapped_breaks
    breaks = wrapped_breaks(WRAPPED)
    assert [WRAPPED[k] for k in breaks] == ["\n"] * 3
    prepared = prepare_text(WRAPPED)
    assert len(prepared) == len(WRAPPED)
    assert "\n\n" in prepared and prepared.count("\n") == 2  # the paragraph break stays
    assert "Prime Minister of Norway." in prepared


def test_a_text_with_one_paragraph_a_line_is_not_unwrapped():
    from eventcoder.nlp import wrapped_breaks
    text = ("Russia launched a missile attack on Kyiv on Sunday.\n"
            "Ukraine's air force said it shot down 40 drones.\n"
            "The mayor said three people were wounded.\n"
            "Rescue teams were at the scene.")
    assert wrapped_breaks(text) == []


def test_records_of_a_wrapped_text_slice_the_input():
    import eventcoder
    coded = eventcoder.code_text(WRAPPED, published="2024-03-01")
    assert coded.events
    for ev in coded.events:
        assert WRAPPED[ev.start:ev.end] == ev.text
        for a in ev.actor + ev.recipient:
            if a.start is not None and len(a.entity_text) == a.end - a.start:
                assert WRAPPED[a.start:a.end] == a.entity_text
    for p in coded.places:
        assert WRAPPED[p.start:p.end] == p.extracted_place
    # the wrapped line is not a sentence of its own: one event spans the line break
    assert any("\n" in ev.text for ev in coded.events)


def test_indented_wrapped_lines_are_joined_too():
    from eventcoder.nlp import wrapped_breaks
    text = ("The Secretary of State directed the United States Agency for\n"
            "    International Development to end all funding for the programme and\n"
            "    to report to the President within thirty days on the progress of\n"
            "    the review of every grant made under it.")
    assert len(wrapped_breaks(text)) == 3
