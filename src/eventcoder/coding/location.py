"""Where an event happened (CODEBOOK: the place of the happening, not the dateline or the actors'
country): a place named in the event's own clause wins; a physical act without one takes a place
of the sentences just before it; violent happenings of a story without a place of their own take
the scene of the latest one (or the dateline).
"""
from __future__ import annotations

from ..nlp.tokens import sentences, span_tokens
from ..records import Actor, Event, Place
from .context import EventContext
from .ontology import VERBAL


_LOC_PREPS = {"in", "at", "to", "near", "inside", "outside", "into", "from", "across", "on", "around",
              "off", "over", "along", "within", "through", "toward", "towards", "throughout"}


_PHYSICAL = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID"}


_VISIT_LEMMAS = {"visit", "tour"}


_VIOLENT = {"ASSAULT", "COERCE", "PROTEST"}  # happenings with a scene (not aid sent or troops moved)


def _dateline_place(ctx: EventContext) -> Place | None:
    """The place of a dateline: one of the first three sentences made of place names only
    ("Madrid, Spain", "BELGRADE."); its most precise place."""
    for k, sent in enumerate(sentences(ctx.doc)):
        if k >= 3:
            break
        words = [t for t in span_tokens(sent) if t.is_alpha]
        if not words or len(words) > 8:
            continue
        inside = [p for p in ctx.places if sent.start_char <= p.start < sent.end_char and p.lat is not None]
        if inside and all(any(p.start <= t.idx < p.end for p in inside) for t in words):
            return max(inside, key=lambda p: (p.resolution or 0, -p.start))
    return None


def _place_at_scene(ctx: EventContext, events: list[Event]) -> None:
    """A statement or meeting whose sentence names no place happened where the document's
    scene is, on the scene's day: the place of the latest meeting placed by its own sentence
    ("met in Geneva ... The parties drafted a framework"), else the dateline ("Madrid, Spain")
    for events of the publication day; so does one whose only place is a country named for its
    government ("thanked the United States"). A violent act or protest with no place of its own
    (nor one in the sentences just before, _nearby_place) happened where the latest one of that
    day did."""
    scene = _dateline_place(ctx)
    scene_date = ctx.published[:10] if ctx.published and scene is not None else None
    field, field_date = None, None  # the place of the latest physical happening
    for ev in events:
        if ev.event[0] in _VIOLENT and "historical" not in ev.context:
            if ev.event_loc is not None and (ev.event_loc.resolution or 0) >= 2:
                field, field_date = ev.event_loc, ev.date
            elif ev.event_loc is None and field is not None and ev.date and ev.date == field_date:
                ev.event_loc = field  # "clashes in Seoul ... Over 200 people were injured"
            continue
        if ev.event_loc is not None and not _country_not_place(ctx, ev.event_loc):
            if ev.event[0] == "CONSULT" and "historical" not in ev.context:
                scene, scene_date = ev.event_loc, ev.date
            continue
        if scene is None or ev.event[0] not in VERBAL or "historical" in ev.context:
            continue
        if scene_date and ev.date and ev.date[:10] != scene_date[:10]:
            continue
        ev.event_loc = scene


def _country_not_place(ctx: EventContext, p: Place) -> bool:
    """A country the sentence names for its government, not as a place: no place preposition
    governs it ("thanked the United States", not "met in Saudi Arabia")."""
    if (p.resolution or 0) != 1:
        return False
    span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
    return span is not None and _governing_prep(span.root) not in _LOC_PREPS


def _nearby_place(ctx: EventContext, sent, type_: str) -> Place | None:
    """A physical event in a sentence that names no place happened where the text just was:
    the last town or region named in the two sentences before it, in the same paragraph."""
    if type_ not in _PHYSICAL:
        return None
    doc = ctx.doc
    lo = sent.start
    for _ in range(2):
        if lo > 0 and "\n\n" not in doc[lo - 1].whitespace_ and "\n\n" not in doc[lo - 1].text:
            lo = doc[lo - 1].sent.start
    start_char = doc[lo].idx
    before = [p for p in ctx.places if start_char <= p.start < sent.start_char and p.lat is not None
              and (p.resolution or 0) >= 2]
    return before[-1] if before else None


def _of_a_person(tok, prep: str | None) -> bool:
    """Whether a place is the object of an "of" on a person's name ("President Vladimir Putin
    of Russia"): a nationality, not a place."""
    if prep != "of" or tok.head.head.i == tok.head.i:
        return False
    return tok.head.head.ent_type_ == "PERSON"


def _governing_prep(tok) -> str | None:
    """The preposition a place hangs from, through appositions and compounds
    ("to Turkish capital Ankara" -> "to")."""
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.dep_ == "prep" or head.pos_ == "ADP":
            return head.lower_
        if tok.dep_ not in ("appos", "compound", "pobj", "conj", "nmod"):
            return None
        tok = head
    return None
def event_location(ctx: EventContext, sent, cand, actors: list[Actor]) -> Place | None:
    """The place of an event: a place named in its own sentence, scored by its role there (the
    object of a location preposition or of the act, the visited place; not a place used as an
    actor), else a place of the sentences just before for a physical act (``_nearby_place``)."""
    doc = ctx.doc
    actor_spans = {(a.start, a.end) for a in actors}
    subtree = {t.i for i in cand.trigger for t in doc[i].subtree}

    def usable(p: Place) -> bool:
        if p.lat is None or not sent.start_char <= p.start < sent.end_char:
            return False
        if (p.start, p.end) not in actor_spans:
            return True
        # A capital can be both the host and the place: "traveled to Kiev".
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return False
        if _governing_prep(span.root) in _LOC_PREPS:
            return True
        # The target of a physical act or the visited place is where it happens: "the shelling of
        # Kharkiv", "struck Odesa", "visited Beijing"
        return span.root.i in subtree and span.root.dep_ in ("dobj", "pobj") and (
            cand.type in _PHYSICAL or any(doc[i].lemma_ in _VISIT_LEMMAS for i in cand.trigger))

    in_sent = [p for p in ctx.places if usable(p) and p.country_code and len(p.country_code) == 3
               and p.country_code not in ("IGO", "NGO")]
    trig = doc[cand.trigger[0]]
    if not in_sent:
        return _nearby_place(ctx, sent, cand.type)
    best, best_score = None, -1.0
    for p in in_sent:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        score = 0.0
        prep = _governing_prep(span.root)
        if span.root.i in subtree and not _of_a_person(span.root, prep):
            score += 1.0  # ("President X of Russia": whose president, not where)
        if prep in _LOC_PREPS:
            # "lawmakers from South Korea": a "from" on a noun gives an origin, not the place
            origin = prep == "from" and span.root.head.head.pos_ in ("NOUN", "PROPN")
            score += 0.0 if origin else 1.0
        elif span.root.dep_ == "dobj" and any(doc[i].lemma_ in _VISIT_LEMMAS for i in cand.trigger) \
                and span.root.head.i in cand.trigger:
            score += 1.0  # the visited place
        if span.root.dep_ in ("nsubj", "nsubjpass", "poss") or span.root.head.lower_ in ("’s", "'s"):
            score -= 1.5  # a place used as an actor ("Moscow said", "Russia's attack")
        if (p.resolution or 0) >= 2:
            score += 0.6  # a city or region says more than a country name
        score -= abs(span.start - trig.i) / 100.0
        if score > best_score:
            best, best_score = p, score
    return best if best_score >= 0.5 else _nearby_place(ctx, sent, cand.type)
