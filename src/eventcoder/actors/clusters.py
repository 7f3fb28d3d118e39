"""A document entity in the making, shared by the resolver and the coreference steps."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Entity
from .context import TitleContext

__all__ = ["Cluster", "clean_name"]


@dataclass
class Cluster:
    """A document entity in the making."""

    kind: str  # person, organisation, state, generic
    spans: list = field(default_factory=list)  # spaCy spans of the named mentions
    extra: list[tuple[int, int]] = field(default_factory=list)  # token ranges of descriptions/pronouns
    context: TitleContext = field(default_factory=TitleContext)
    name: str = ""
    entity: Entity | None = None
    acronyms: list[str] = field(default_factory=list)  # acronyms the text defines for it ("(WFP)")


def clean_name(text: str) -> str:
    """Drop a leading article and trailing punctuation or parenthesis: "the WHO (" -> "WHO"."""
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    if "(" in text:
        text = text.split("(")[0]
    return text.strip(" ,.;:-–—’'\"“”")
