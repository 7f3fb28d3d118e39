"""Split a sentence into segments, each marked with the roles whose spans cover it.

Spans are character offsets into the document (the store's ``start_char`` /
``end_char``, ``trigger_start``, ``place_start``); the sentence starts at
``sentence_start`` in the same document. Overlapping spans are allowed: a
segment carries every role that covers it, so the page can show, e.g., a place
inside an actor's phrase. Spans outside the sentence are clipped and reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Span", "Segment", "segments", "event_spans"]

ROLES = ("actor", "recipient", "trigger", "place", "date")


@dataclass(frozen=True)
class Span:
    role: str
    start: int  # document offset
    end: int
    label: str = ""


@dataclass
class Segment:
    text: str
    start: int  # document offset of the segment's first character
    end: int
    roles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def segments(sentence: str, sentence_start: int, spans: list[Span]) -> list[Segment]:
    """The sentence cut at every span boundary; each piece lists the roles covering it."""
    end_of_sentence = sentence_start + len(sentence)
    inside = [s for s in spans if s.start < end_of_sentence and s.end > sentence_start and s.end > s.start]
    cuts = {sentence_start, end_of_sentence}
    for s in inside:
        cuts.add(max(s.start, sentence_start))
        cuts.add(min(s.end, end_of_sentence))
    points = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        covering = [s for s in inside if s.start <= a and b <= s.end]
        roles = [r for r in ROLES if any(s.role == r for s in covering)]
        labels = [s.label for s in covering if s.label]
        out.append(Segment(text=sentence[a - sentence_start:b - sentence_start], start=a, end=b,
                           roles=roles, labels=labels))
    return out


def event_spans(event: dict) -> list[Span]:
    """The highlightable spans of one stored event (its row plus its arguments)."""
    spans: list[Span] = []
    for role in ("actor", "recipient"):
        for a in event.get(role) or []:
            if isinstance(a.get("start_char"), int) and isinstance(a.get("end_char"), int):
                name = a.get("identifier_text") or a.get("entity_text") or ""
                spans.append(Span(role, a["start_char"], a["end_char"], f"{role}: {name} ({a.get('country') or '?'})"))
    if isinstance(event.get("trigger_start"), int) and isinstance(event.get("trigger_end"), int):
        spans.append(Span("trigger", event["trigger_start"], event["trigger_end"], f"trigger: {event.get('event_type')}"))
    if isinstance(event.get("place_start"), int) and isinstance(event.get("place_end"), int):
        spans.append(Span("place", event["place_start"], event["place_end"], f"place: {event.get('place_name')}"))
    if isinstance(event.get("date_text_start"), int) and isinstance(event.get("date_text_end"), int):
        spans.append(Span("date", event["date_text_start"], event["date_text_end"], f"date: {event.get('date')}"))
    return spans
