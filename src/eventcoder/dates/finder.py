"""Find the date expressions of a parsed document and resolve them (CODEBOOK 4).

Candidates come from two sources: the regex grammar of :mod:`.grammar` over
the whole text, and spaCy's DATE and TIME entities. Neither is trusted
alone. An entity is kept only where the grammar reads a date inside it
(spaCy labels "we", "the day", "long-term", "30-day", "decades" DATE; none
of them is a point in time), and the grammar's ambiguous readings, a bare
year or a bare month ("2019", "March"), are kept only where spaCy agrees
(inside a DATE entity) or a preposition introduces them ("in 2019", "since
March"). Names are never dates: a mention inside a PERSON, ORG, LAW, EVENT or
WORK_OF_ART entity ("Theresa May", "the Good Friday Agreement") is dropped
unless it carries a day number.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from spacy.tokens import Doc

from ..nlp import doc_text
from ..records import DateExpr
from .calendar import resolve
from .grammar import Mention, scan
from .published import parse_published
from .tense import FUTURE, PAST, direction_of

log = logging.getLogger(__name__)

__all__ = ["DateFinder"]

_NAME_LABELS = {"PERSON", "ORG", "LAW", "EVENT", "WORK_OF_ART", "FAC", "PRODUCT", "NORP"}
_NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
_DATE_LABELS = {"DATE", "TIME"}
_LICENSING = {"in", "since", "until", "till", "by", "from", "during", "before", "after",
              "through", "throughout", "of", "to", "between", "and", "or", "early", "late",
              "mid", "around", "for", "circa", "last", "next", "this", "year"}
_PREV_WORD = re.compile(r"(\w+)[\s,-]*$")
# Readings that may be false without support (see the module docstring).
_AMBIGUOUS = {"m", "y"}
# Kinds whose value needs a tense direction.
_DIRECTED = {"md", "m", "weekday", "weekend"}


def _to_date(published: str | dt.date | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(published)
    except (TypeError, ValueError):
        iso, warning = parse_published(published)
        if warning:
            log.warning("publication date ignored: %s", warning)
        return dt.date.fromisoformat(iso) if iso else None


def _in_name(doc: Doc, m: Mention) -> bool:
    """True for a weekday or month inside a capitalised name ("Good Friday", "Bloody Sunday")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return (prev.is_title and not prev.is_sent_start and prev.lower_ not in _LICENSING
            and prev.lower_ not in ("on", "the", "a", "every", "each"))


def _counts_things(doc: Doc, m: Mention) -> bool:
    """True for a year-like number counting a plural noun ("fired 2000 rounds").

    "the 2024 elections" keeps its year: a determiner introduces it.
    """
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.dep_ != "nummod" or tok.head.tag_ != "NNS":
        return False
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return prev is None or prev.pos_ not in ("DET", "PRON", "ADP") and prev.tag_ != "POS"


class DateFinder:
    """Finds and resolves date expressions; holds no per-document state.

    ``use_entities`` lets spaCy's DATE entities license a bare year or month;
    turn it off for a Doc without NER.
    """

    def __init__(self, *, use_entities: bool = True) -> None:
        self.use_entities = use_entities

    def find(self, doc: Doc, published: str | dt.date | None) -> list[DateExpr]:
        """Every date expression of ``doc``, resolved against ``published`` (ISO date or None)."""
        pub = _to_date(published)
        ents = list(doc.ents) if self.use_entities else []
        date_ents = [(e.start_char, e.end_char) for e in ents if e.label_ in _DATE_LABELS]
        name_ents = [(e.start_char, e.end_char) for e in ents if e.label_ in _NAME_LABELS]
        num_ents = [(e.start_char, e.end_char) for e in ents if e.label_ in _NUMBER_LABELS]
        text = doc_text(doc)
        out: list[DateExpr] = []
        for m in scan(text):
            if not self._licensed(m, text, date_ents, name_ents, num_ents):
                continue
            if m.kind in ("weekday", "m") and not m.rel and not m.part and _in_name(doc, m):
                continue
            if m.kind == "y" and _counts_things(doc, m):
                continue
            direction = self._direction(m, doc, text)
            value, precision = resolve(m, pub, direction)
            used = direction if m.is_relative else None
            out.append(DateExpr(text=m.text, start=m.start, end=m.end, value=value,
                                precision=precision, relative=m.is_relative, direction=used))
        if log.isEnabledFor(logging.DEBUG):
            for s, e in date_ents:
                if not any(d.start < e and s < d.end for d in out):
                    log.debug("DATE entity %r is not a point in time", text[s:e])
        return out

    @staticmethod
    def _licensed(m: Mention, text: str, date_ents, name_ents, num_ents) -> bool:
        def overlaps(spans) -> bool:
            return any(s < m.end and m.start < e for s, e in spans)

        if m.day is None and m.kind not in ("rel_day", "rel_period", "ago", "ahead", "weekend") \
                and overlaps(name_ents) and not overlaps(date_ents):
            return False
        if m.kind not in _AMBIGUOUS or m.rel or m.part:
            return True
        if m.kind == "y" and overlaps(num_ents) and not overlaps(date_ents):
            return False
        if overlaps(date_ents):
            return True
        prev = _PREV_WORD.search(text, max(0, m.start - 30), m.start)
        return bool(prev) and prev.group(1).lower() in _LICENSING

    @staticmethod
    def _direction(m: Mention, doc: Doc, text: str) -> str | None:
        if m.rel == "last" or m.kind == "ago" or (m.kind == "rel_day" and m.offset < 0):
            return PAST
        if m.rel == "next" or m.kind == "ahead" or (m.kind == "rel_day" and m.offset > 0):
            return FUTURE
        if m.kind not in _DIRECTED:
            return None
        prev = _PREV_WORD.search(text, max(0, m.start - 30), m.start)
        if prev and prev.group(1).lower() == "since":
            return PAST
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        direction = direction_of(span) if span is not None and len(span) else None
        if direction is None and m.kind in ("weekday", "weekend", "m"):
            direction = PAST  # CODEBOOK 4: no future marker -> on or before publication
        return direction
