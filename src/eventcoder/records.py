"""Typed records passed between the pipeline stages.

Every record that ends up in the output knows how to turn itself into the
JSON of ``spec/FORMATS.md`` (``to_json``). Offsets are Python string indices
into the input text, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Document",
    "Span",
    "Actor",
    "Entity",
    "Place",
    "DateExpr",
    "Quote",
    "Event",
    "CodedDocument",
    "ErrorInfo",
]


@dataclass(frozen=True)
class Document:
    """One input document. Only ``text`` is required by the format."""

    id: str
    text: str
    published: str | None = None  # normalised ISO date (YYYY-MM-DD) or None
    published_raw: Any = None  # the value as given in the input
    title: str | None = None
    url: str | None = None
    publication: str | None = None
    language: str | None = None
    line: int | None = None  # 1-based input line number, when read from a file
    warnings: tuple[str, ...] = ()  # problems that do not stop coding (an unreadable date ...)


@dataclass(frozen=True)
class Span:
    """A piece of the input text."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Actor:
    """An actor or recipient of an event, or the speaker of a quote (CODEBOOK 3)."""

    entity_text: str
    code: str | None
    sector: str | None = None
    identifier_text: str | None = None
    identifier_id: str | None = None
    office: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None

    def to_json(self) -> dict:
        out = {
            "entity_text": self.entity_text,
            "code": self.code,
            "sector": self.sector,
            "identifier_text": self.identifier_text,
            "identifier_id": self.identifier_id,
        }
        if self.office:
            out["office"] = self.office
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        return out


@dataclass
class Entity:
    """A document-level actor with all its mentions (pronouns included)."""

    identifier_text: str | None
    identifier_id: str | None
    code: str | None
    sector: str | None
    kind: str  # person, organisation, state, armed_group, igo, generic
    office: str | None = None
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    evidence: list[str] = field(default_factory=list)

    def actor(self, mention: Span) -> Actor:
        return Actor(
            entity_text=mention.text,
            code=self.code,
            sector=self.sector,
            identifier_text=self.identifier_text,
            identifier_id=self.identifier_id,
            office=self.office,
            start=mention.start,
            end=mention.end,
            confidence=round(self.confidence, 3),
        )

    def to_json(self) -> dict:
        out = {
            "identifier_text": self.identifier_text,
            "identifier_id": self.identifier_id,
            "code": self.code,
            "sector": self.sector,
            "kind": self.kind,
            "mentions": [m.to_json() for m in sorted(self.mentions, key=lambda m: m.start)],
            "confidence": round(self.confidence, 3),
            "evidence": list(self.evidence),
        }
        if self.office:
            out["office"] = self.office
        return out


@dataclass(frozen=True)
class Place:
    """A toponym in the text and where it resolves (CODEBOOK 4)."""

    extracted_place: str
    start: int
    end: int
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-3
    feature_code: str | None = None
    resolution: int | None = None  # 5 sub-city, 4 city, 3 district, 2 province, 1 country
    confidence: float | None = None
    evidence: tuple[str, ...] = ()  # why this sense was chosen (the geocoder's reasons)

    def to_json(self, *, with_span: bool = True) -> dict:
        out: dict[str, Any] = {"extracted_place": self.extracted_place}
        if with_span:
            out["start"], out["end"] = self.start, self.end
        out.update(
            resolved_place=self.resolved_place,
            geonameid=self.geonameid,
            lat=self.lat,
            lon=self.lon,
            country_code=self.country_code,
            feature_code=self.feature_code,
            resolution=self.resolution,
        )
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        if self.evidence:
            out["evidence"] = list(self.evidence)
        return out


@dataclass(frozen=True)
class DateExpr:
    """A date expression in the text, resolved to ISO (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None  # "year", "month", "day"
    relative: bool = False
    direction: str | None = None  # "past", "future" or None: the tense that resolved it


@dataclass
class Quote:
    """Direct speech in quotation marks with its speaker (CODEBOOK 5)."""

    text: str
    start: int
    end: int
    speaker: Actor | None = None
    cue: str | None = None
    confidence: float = 0.5
    event_ids: list[str] = field(default_factory=list)
    # Why this speaker (CODEBOOK 5): {"method": ..., "phrase": the speaker words as written,
    # "start"/"end" their offsets, "cue": ..., "kind": "speech" ...}; None when not attributed.
    evidence: dict | None = None

    def to_json(self) -> dict:
        out = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "cue": self.cue,
            "confidence": round(self.confidence, 3),
            "event_ids": list(self.event_ids),
        }
        if self.evidence is not None:
            out["evidence"] = dict(self.evidence)
        return out


@dataclass
class Event:
    """One PLOVER event record (FORMATS.md, CODEBOOK 1-2)."""

    id: str
    event: list[str]
    mode: list[str]
    context: list[str]
    actor: list[Actor]
    recipient: list[Actor]
    date: str | None
    event_loc: Place | None
    event_text: list[str]
    quad_code: int | None
    text: str
    sequence: int
    start: int
    end: int
    confidence: float
    trigger_start: int | None = None
    trigger_end: int | None = None
    pattern: str | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "date": self.date,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [a.to_json() for a in self.recipient],
            "event": list(self.event),
            "mode": list(self.mode),
            "context": list(self.context),
            "event_loc": self.event_loc.to_json(with_span=False) if self.event_loc else None,
            "event_text": list(self.event_text),
            "quad_code": self.quad_code,
            "text": self.text,
            "text_info": self._text_info(),
            "confidence": round(self.confidence, 3),
            "pattern": self.pattern,
        }

    def _text_info(self) -> dict:
        """The sentence's span, and the trigger's when known (offsets into the input)."""
        info = {"sequence": self.sequence, "start": self.start, "end": self.end}
        if self.trigger_start is not None and self.trigger_end is not None:
            info["trigger_start"], info["trigger_end"] = self.trigger_start, self.trigger_end
        return info


@dataclass(frozen=True)
class ErrorInfo:
    type: str
    message: str

    def to_json(self) -> dict:
        return {"type": self.type, "message": self.message}


_COPIED = ("title", "url", "publication", "language")


@dataclass
class CodedDocument:
    """The output for one input document: coded, or an error record."""

    id: str | None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: ErrorInfo | None = None
    line: int | None = None
    cite_info: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"id": self.id}
        if self.line is not None and self.error is not None:
            out["line"] = self.line
        out["published"] = self.published
        for k in _COPIED:
            if self.meta.get(k) is not None:
                out[k] = self.meta[k]
        if self.error is not None:
            out["error"] = self.error.to_json()
        out["events"] = [e.to_json() for e in self.events]
        out["entities"] = [e.to_json() for e in self.entities]
        out["places"] = [p.to_json() for p in self.places]
        out["quotes"] = [q.to_json() for q in self.quotes]
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.cite_info:
            out["cite_info"] = self.cite_info
        return out
