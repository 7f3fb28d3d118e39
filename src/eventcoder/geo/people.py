"""Places that the actor stage also read as people: which of them stay places.

A name the actor stage resolved as a person ("President Bush") is not also a town, and "Texas
Senator Ted Cruz" is a person mention with a place in it: the place goes only when it is part of
the person's name. But a "person" that the knowledge base does not know and that the text writes,
at this mention, as nothing but the place's name ("Malakal", "the Ural Mountains") is a place the
actor stage mistook (from an organisation's or a compound name around it): there the place stays.
"""
from __future__ import annotations

from typing import Iterable

from ..records import Place

__all__ = ["places_apart_from_people"]


def _bare(text: str) -> str:
    t = text.strip().casefold()
    return t[4:] if t.startswith("the ") else t


def places_apart_from_people(places: list[Place], entities: Iterable) -> list[Place]:
    """``places`` without those inside a person's mention that are part of the person's name;
    countries and capitals always stay. ``entities`` are the actor stage's (``kind``,
    ``identifier_text``, ``identifier_id``, ``mentions`` with ``start``, ``end``, ``text``)."""
    people = [(m, (e.identifier_text or m.text).casefold(), e.identifier_id is None)
              for e in entities if e.kind == "person" for m in e.mentions]

    def named_person(p: Place) -> bool:
        for m, name, unknown in people:
            if m.start <= p.start and p.end <= m.end and p.extracted_place.casefold() in name:
                if unknown and _bare(m.text) == _bare(p.extracted_place):
                    continue  # an unknown "person" written as the bare place name
                return True
        return False

    return [p for p in places if p.resolution == 1 or p.feature_code == "PPLC" or not named_person(p)]
