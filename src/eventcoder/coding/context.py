"""What the event stages (assemble, arguments) need of the other stages for one document.

Kept below both modules so that neither imports the other for it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import DateExpr, Place, Quote

__all__ = ["EventContext"]


@dataclass(frozen=True)
class EventContext:
    """What the assembler needs of the other stages for one document."""

    doc: object  # the spaCy Doc
    actors: object  # ActorAnalysis
    places: list[Place]
    dates: list[DateExpr]
    quotes: list[Quote]
    published: str | None
    doc_id: str
    kb: object
    historical_days: int = 31
