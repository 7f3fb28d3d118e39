"""What the readers yield besides documents: per-document input failures."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..records import Document


@dataclass(frozen=True)
class InputFailure:
    """An input record that cannot become a document (FORMATS.md error types)."""

    id: str | None
    line: int | None
    type: str
    message: str
    source: str | None = None


Item = Union[Document, InputFailure]
