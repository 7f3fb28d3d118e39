"""Event location: the place of the happening, named in the event's own clause."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe():
    from eventcoder.pipeline import Pipeline

    return Pipeline()


def _loc(pipe, text: str, type_: str) -> str | None:
    doc = pipe.code_text(text, published="2025-05-13", id="t")
    evs = [e for e in doc.events if type_ in (e.event if isinstance(e.event, (list, tuple)) else [e.event])]
    assert evs, [e.event for e in doc.events]
    return evs[0].event_loc.extracted_place if evs[0].event_loc else None


def test_target_of_a_physical_act_is_its_place(pipe):
    assert _loc(pipe, "Russian forces continued the shelling of Kharkiv, Ukrainian officials said.",
                "ASSAULT") == "Kharkiv"


def test_visited_place_is_the_place_of_the_visit(pipe):
    assert _loc(pipe, "Iranian President Ebrahim Raisi visited Beijing in February.", "CONSULT") == "Beijing"


def test_place_in_the_clause_beats_the_dateline(pipe):
    assert _loc(pipe, "KYIV, Ukraine (AP) — Russian and Ukrainian delegations held talks in Geneva on Monday.",
                "CONSULT") == "Geneva"


def test_a_from_phrase_on_the_actor_is_its_origin_not_the_place(pipe):
    assert _loc(pipe, "The drills come as lawmakers from South Korea and European countries have been "
                      "visiting Taiwan.", "CONSULT") == "Taiwan"


def _locs(pipe, text: str, type_: str) -> list:
    doc = pipe.code_text(text, published="2025-05-13", id="t")
    return [e.event_loc.extracted_place if e.event_loc else None for e in doc.events if type_ in e.event]


def test_statements_after_a_placed_meeting_are_at_its_place(pipe):
    text = ("Ukrainian and American officials met in Geneva on Tuesday. "
            "The Ukrainian delegation thanked the United States for its support.")
    assert "Geneva" in _locs(pipe, text, "CONSULT")
    assert _locs(pipe, text, "SUPPORT") == ["Geneva"]


def test_the_dateline_places_statements_of_the_day(pipe):
    text = "Madrid, Spain\n\nPresident Biden praised Finland and Sweden for their courage."
    assert _locs(pipe, text, "SUPPORT") == ["Madrid"]


def test_no_scene_no_place(pipe):
    assert _locs(pipe, "President Biden praised Finland and Sweden for their courage.", "SUPPORT") == [None]

