"""A document entity in the making, shared by the resolver and the coreference steps."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Entity
from .context import TitleContext

__all__ = ["Cluster", "clean_name", "introduced_as_relative"]

# Kinship words: "his daughter Ivanka Trump", "her husband, Frank Fiorina"
_KIN = {"daughter", "son", "wife", "husband", "brother", "sister", "father", "mother", "dad", "mom",
        "niece", "nephew", "cousin", "uncle", "aunt", "grandson", "granddaughter", "grandfather",
        "grandmother", "widow", "widower", "stepson", "stepdaughter", "stepfather", "stepmother",
        "spouse", "sibling", "twin"}


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


def introduced_as_relative(span) -> bool:
    """Whether a person's name is introduced by a kinship word ("his daughter Ivanka Trump", "her
    husband, Frank Fiorina"): a relative of someone of that surname the text already talks
    about, not that person."""
    doc = span.doc
    k = span.start - 1
    while k >= 0 and (doc[k].is_punct or doc[k].is_space) and doc[k].text not in ".!?":
        k -= 1
    if k >= 0 and (doc[k].lower_ in _KIN or doc[k].lower_[:-1] in _KIN and doc[k].lower_.endswith("s")):
        return True  # 'daughter Ivanka Trump', 'sons Eric and Donald Jr.'
    first = span[0] if len(span) else None
    return first is not None and first.lower_ in _KIN
