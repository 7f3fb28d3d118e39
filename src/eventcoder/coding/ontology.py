"""The 16 PLOVER event types: quad class, allowed modes, recipient requirement (CODEBOOK 1).

Derived in part from the PLOVER manual, CC BY-SA 4.0, Open Event Data Alliance.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EventType", "ONTOLOGY", "QUADS", "event_type", "quad_of", "is_valid_mode"]

VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT = 1, 2, 3, 4
# The verbal types (said, not done): the quad classes 1 and 3 (checked in tests/coding/test_lexicon.py).
VERBAL = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
QUADS = {
    VERBAL_COOPERATION: "verbal cooperation",
    MATERIAL_COOPERATION: "material cooperation",
    VERBAL_CONFLICT: "verbal conflict",
    MATERIAL_CONFLICT: "material conflict",
}

_REQ_MODES = ("assist", "change", "yield", "meet")


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int
    modes: tuple[str, ...]
    recipient_required: bool = False


ONTOLOGY: dict[str, EventType] = {
    t.name: t
    for t in (
        EventType("AGREE", VERBAL_COOPERATION, ()),
        EventType("CONSULT", VERBAL_COOPERATION, ("visit", "third-party", "multilateral", "phone")),
        EventType("SUPPORT", VERBAL_COOPERATION, ()),
        EventType("CONCEDE", VERBAL_COOPERATION, ()),
        EventType("COOPERATE", MATERIAL_COOPERATION, (), True),
        EventType("AID", MATERIAL_COOPERATION, (), True),
        EventType("RETREAT", MATERIAL_COOPERATION,
                  ("withdraw", "release", "disarm", "ceasefire", "access", "resign")),
        EventType("REQUEST", VERBAL_CONFLICT, _REQ_MODES),
        EventType("ACCUSE", VERBAL_CONFLICT, ("disapprove", "investigate", "allege")),
        EventType("REJECT", VERBAL_CONFLICT, _REQ_MODES),
        EventType("THREATEN", VERBAL_CONFLICT,
                  ("restrict", "arrest", "relations", "expel", "territory", "violence")),
        EventType("PROTEST", MATERIAL_CONFLICT,
                  ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize")),
        EventType("SANCTION", MATERIAL_CONFLICT, ("convict", "expel", "withdraw", "discontinue"), True),
        EventType("MOBILIZE", MATERIAL_CONFLICT, ("troops", "weapons", "police", "militia")),
        EventType("COERCE", MATERIAL_CONFLICT,
                  ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                   "withhold", "misinformation", "cyber")),
        EventType("ASSAULT", MATERIAL_CONFLICT,
                  ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                   "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                   "crowd-control", "unconventional")),
    )
}


def event_type(name: str) -> EventType:
    """The :class:`EventType` called ``name`` (KeyError for an unknown type)."""
    return ONTOLOGY[name]


def quad_of(name: str) -> int:
    """The output ``quad_code`` of a type: 1 VC, 2 MC, 3 VK, 4 MK."""
    return ONTOLOGY[name].quad


def is_valid_mode(type_name: str, mode: str) -> bool:
    t = ONTOLOGY.get(type_name)
    return t is not None and mode in t.modes
