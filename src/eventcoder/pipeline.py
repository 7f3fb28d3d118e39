"""Compose the stages: parse -> places -> actors -> dates -> quotes -> events.

Places run before actors so that a toponym the parser tagged as a person is
not resolved as one; events come last because they use everything before.

Heavy resources (the spaCy model, the knowledge base, the gazetteer, the
lexicon) are loaded once when the pipeline is built, or passed in.
"""
from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from ._version import __version__
from .actors.kb import KnowledgeBase
from .actors.publisher import publisher_country
from .actors.resolver import ActorAnalysis, ActorResolver
from .coding.arguments import generic_actor
from .coding.assemble import EventAssembler
from .coding.context import EventContext
from .coding.extract import EventExtractor
from .config import Config
from .dates import DateFinder, event_date
from .deadline import Deadline
from .errors import DocumentError
from .geo import Gazetteer, Geocoder
from .geo.people import places_apart_from_people
from .ingest.readers import InputFailure, document_from_record
from .loading import paused_gc
from .nlp import doc_text, load_nlp, parse_stream, prepare_text
from .nlp.tokens import release
from .quotes import attribute, find_quote_spans
from .quotes.kinds import SPEECH, span_kind
from .quotes.linking import SpeakerLinker
from .records import Actor, CodedDocument, Document, ErrorInfo, Quote

log = logging.getLogger(__name__)

STAGES = ("parse", "actors", "places", "dates", "quotes", "events")


@dataclass
class StageTimes:
    """Seconds spent per stage, summed over documents (for benchmarks)."""

    seconds: dict[str, float] = field(default_factory=lambda: {s: 0.0 for s in STAGES})

    def add(self, stage: str, t0: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - t0
        return now


class Pipeline:
    """The event coder. Build once, then code documents one by one or as a stream."""

    def __init__(self, config: Config | None = None, *, nlp=None, kb: KnowledgeBase | None = None,
                 gazetteer: Gazetteer | None = None, extractor: EventExtractor | None = None):
        self.config = config or Config()
        with paused_gc():  # many small acyclic objects: see loading.py
            self.nlp = nlp if nlp is not None else load_nlp(self.config.model)
            self.kb = kb if kb is not None else KnowledgeBase.load(self.config.kb_path,
                                                                   extra=list(self.config.kb_extra))
            self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load(self.config.gazetteer_path)
            if extractor is None:
                from .coding.lexicon import Lexicon, default_lexicon
                lexicon = Lexicon.load(self.config.lexicon_path) if self.config.lexicon_path else default_lexicon()
                extractor = EventExtractor(lexicon)
        self.extractor = extractor
        self.resolver = ActorResolver(self.kb)
        self.geocoder = Geocoder(self.gazetteer)
        self.dates = DateFinder()
        self.assembler = EventAssembler(self.extractor, min_confidence=self.config.min_event_confidence)
        self.times = StageTimes()
        self.cite_info = {"coder": {
            "name": "eventcoder", "version": __version__,
            "model": f"{self.nlp.meta.get('lang', 'en')}_{self.nlp.meta.get('name', '?')} {self.nlp.meta.get('version', '?')}",
            "knowledge_base": getattr(self.kb, "version", None),
            "gazetteer": getattr(self.gazetteer, "version", None),
            "lexicon": getattr(self.extractor, "version", None) or getattr(getattr(self.extractor, "lexicon", None), "version", None),
        }}

    # ------------------------------------------------------------------ public
    def code_text(self, text: str, *, published: str | None = None, id: str | None = None) -> CodedDocument:
        """Code one text. Bad input gives a document with an ``error``, never an exception."""
        item = document_from_record({"id": id, "text": text, "published": published})
        return next(self.code_stream([item]))

    def code_stream(self, items: Iterable[Document | InputFailure]) -> Iterator[CodedDocument]:
        """Code a stream of documents (and pass failures through), in input order."""
        batch: list[Document | InputFailure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.config.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    # ------------------------------------------------------------------ internals
    def _code_batch(self, batch: list) -> Iterator[CodedDocument]:
        ok: list[Document] = []
        out: list[CodedDocument | None] = []
        for item in batch:
            if isinstance(item, InputFailure):
                out.append(error_document(item.id, item.line, item.type, item.message))
            elif len(item.text) > self.config.max_chars:
                out.append(error_document(item.id, item.line, "too_large",
                                          f"the text has {len(item.text):,} characters; the limit is "
                                          f"{self.config.max_chars:,} (Config.max_chars, --max-chars)"))
            else:
                ok.append(item)
                out.append(None)
        # spaCy keeps every new word it sees in its vocabulary: on an endless stream of news
        # that grows without bound. A memory zone frees what a batch added when the batch is
        # done (the coded documents hold plain strings and offsets, no spaCy objects).
        zone = self.nlp.memory_zone() if hasattr(self.nlp, "memory_zone") else contextlib.nullcontext()
        with zone:
            parser = _BatchParser(self.nlp, ok, batch_size=self.config.batch_size,
                                  timeout=self.config.doc_timeout)
            docs = iter(ok)
            for slot in out:
                yield slot if slot is not None else self._code_one(next(docs), parser)

    def _code_one(self, document: Document, parser: "_BatchParser") -> CodedDocument:
        """Parse and code one document within its time budget; any failure is its error record."""
        t0 = time.perf_counter()
        try:
            spacy_doc, charged = parser.next(document)
            self.times.add("parse", t0)
            budget = self.config.doc_timeout
            with Deadline(max(budget - charged, 0.001) if budget else None):
                return self._code_parsed(document, spacy_doc)
        except DocumentError as e:
            return error_document(document.id, document.line, e.type, e.message)
        except Exception as e:  # a bug must not kill a million-document run: record it
            log.exception("internal error on document %s", document.id)
            return error_document(document.id, document.line, "internal",
                                  f"{type(e).__name__}: {e} (please report this document)")

    def _code_parsed(self, document: Document, doc) -> CodedDocument:
        times = self.times
        t = time.perf_counter()
        places = self.geocoder.find_places(doc)
        t = times.add("places", t)
        # Places come first: a name the gazetteer knows is not taken for a person ("Kot Lakhpat Jail").
        analysis: ActorAnalysis = self.resolver.resolve(doc, document.published, places,
                                                        publisher=publisher_country(document.url))
        # A name the actor stage resolved as a person is not also a town (geo/people.py).
        places = places_apart_from_people(places, analysis.entities)
        t = times.add("actors", t)
        dates = self.dates.find(doc, document.published)
        t = times.add("dates", t)
        quotes = self._quotes(doc, analysis)
        t = times.add("quotes", t)
        ctx = EventContext(doc=doc, actors=analysis, places=places, dates=dates, quotes=quotes,
                           published=document.published, doc_id=document.id, kb=self.kb,
                           historical_days=self.config.historical_days)
        events = self.assembler.assemble(ctx, event_date)
        times.add("events", t)
        meta = {k: getattr(document, k) for k in ("title", "url", "publication", "language")}
        if doc_text(doc) != document.text:
            restore_text(document.text, events, analysis.entities, places, quotes)
        release(doc)  # the token lists kept for the stages (nlp/tokens.py)
        return CodedDocument(id=document.id, published=document.published, meta=meta, events=events,
                             entities=analysis.entities, places=places, quotes=quotes,
                             warnings=list(document.warnings), line=document.line, cite_info=self.cite_info)

    def _quotes(self, doc, analysis: ActorAnalysis) -> list[Quote]:
        text = doc_text(doc)
        # Titles are nobody's speech (quotes/kinds.py), nor a short fragment no speech verb
        # governs (a scare quote, a term): not quotes.
        spans = find_quote_spans(text)
        attributions = attribute(doc, spans)
        ctx = EventContext(doc=doc, actors=analysis, places=[], dates=[], quotes=[], published=None,
                           doc_id="", kb=self.kb)
        linker = SpeakerLinker(doc, analysis, [(a.quote.outer_start if a.quote.outer_start is not None
                                                else a.quote.start, a.quote.outer_end or a.quote.end)
                                               for a in attributions],
                               lambda tok: generic_actor(ctx, tok), kb=self.kb)
        quotes: list[Quote] = []
        linked: list[int | None] = []  # entity index of each quote's speaker
        kept: list[Quote] = []
        for att in attributions:
            speaker, k, why = None, None, None
            if att.same_speaker_as is not None and att.same_speaker_as < len(quotes):
                speaker, k, why = quotes[att.same_speaker_as].speaker, linked[att.same_speaker_as], "same-speaker"
            elif att.speaker_start is not None:
                prev = next((x for x in reversed(linked) if x is not None), None)
                speaker, k, why = self._speaker(doc, linker, att, prev)
            linked.append(k)
            evidence = {"method": att.method}
            if att.speaker_start is not None:
                evidence.update(phrase=doc_text(doc)[att.speaker_start:att.speaker_end],
                                start=att.speaker_start, end=att.speaker_end)
            if att.cue:
                evidence["cue"] = att.cue
            if why:
                evidence["link"] = why
            quotes.append(Quote(text=att.quote.text, start=att.quote.start, end=att.quote.end,
                                speaker=speaker, cue=att.cue, confidence=att.confidence, evidence=evidence))
            if span_kind(text, att.quote, att.cue) == SPEECH:
                kept.append(quotes[-1])
        return kept

    @staticmethod
    def _speaker(doc, linker: SpeakerLinker, att, prev: int | None):
        """The resolved actor of a speaker phrase: its head, a name in apposition to it
        ("His chief of staff, Ivan Petrenko,"), another name in the phrase, or a generic actor."""
        head = att.speaker_head if att.speaker_head is not None else att.speaker_start
        span = doc.char_span(att.speaker_start, att.speaker_end, alignment_mode="expand")
        head_tok = None
        if head is not None:
            tok = doc.char_span(head, head + 1, alignment_mode="expand")
            if tok is not None:
                head_tok = tok.root
        return linker.link(head_tok, span, prev, att.quote.start)


def restore_text(text: str, events, entities, places, quotes) -> None:
    """Every text field sliced from the input again by its offsets: the parser saw a prepared
    copy of the same length (``nlp.prepare_text``: a dateline's dash as a full stop, the line
    breaks of a hard-wrapped text as spaces), the records give the input's own characters."""
    def actor(a):
        if a.start is None or a.end is None or len(a.entity_text) != a.end - a.start:
            return a  # not a plain slice of the text (a normalised or generic name)
        return replace(a, entity_text=text[a.start:a.end])

    def place(p):
        if len(p.extracted_place) != p.end - p.start:
            return p
        return replace(p, extracted_place=text[p.start:p.end])

    for ev in events:
        ev.text = text[ev.start:ev.end]
        if ev.event_loc is not None:
            ev.event_loc = place(ev.event_loc)
        ev.actor = [actor(a) for a in ev.actor]
        ev.recipient = [actor(a) for a in ev.recipient]
    for ent in entities:
        ent.mentions = [replace(m, text=text[m.start:m.end]) if len(m.text) == m.end - m.start else m
                        for m in ent.mentions]
    for i, p in enumerate(places):
        places[i] = place(p)
    for q in quotes:
        q.text = text[q.start:q.end]
        if q.speaker is not None:
            q.speaker = actor(q.speaker)


class _BatchParser:
    """The parses of a batch's documents, in order, from one ``nlp.pipe`` stream.

    ``nlp.pipe`` fails as a whole: one document it cannot take (or a batch that runs out
    of time) ends the stream for every document of the batch, and the error surfaces at
    whichever document is being taken. So on the first failure the rest of the batch,
    the current document included, is parsed one document at a time: only the document
    at fault gets an error record.
    """

    def __init__(self, nlp, documents: list[Document], *, batch_size: int, timeout: float | None):
        self.nlp = nlp
        self.timeout = timeout
        self._stream = iter(parse_stream(nlp, (prepare_text(d.text) for d in documents),
                                         batch_size=batch_size)) if len(documents) > 1 else None

    def next(self, document: Document):
        """(the parse of ``document``, the seconds of its budget it used): a batch parse is
        shared by the batch and has a budget of its own; a parse alone is the document's."""
        if self._stream is not None:
            try:
                with Deadline(self.timeout):
                    return next(self._stream), 0.0
            except Exception as e:  # DocumentTimeout included: retry this document alone
                log.warning("the batch parse failed at document %s (%s: %s); parsing the rest of its "
                            "batch one document at a time", document.id, type(e).__name__, e)
                self._stream = None
        t0 = time.perf_counter()
        with Deadline(self.timeout):
            doc = next(iter(parse_stream(self.nlp, [prepare_text(document.text)], batch_size=1)))
        return doc, time.perf_counter() - t0


def error_document(doc_id: str | None, line: int | None, type: str, message: str) -> CodedDocument:
    return CodedDocument(id=doc_id, line=line, error=ErrorInfo(type, message))
