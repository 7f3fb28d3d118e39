"""One event per happening (CODEBOOK): later mentions of a happening or a meeting already coded,
and the sides of an event compared by identity.

``EventAssembler.assemble`` asks ``same_happening``/``same_meeting`` for every new event and
merges it into the earlier one they name; ``parties_of_meeting`` gives "the two leaders" the
parties of the meeting just reported.
"""
from __future__ import annotations

from dataclasses import replace

from ..records import Actor, Event, Place

# Codes of actors that are not states: they give no country to a side or a place.
_NON_STATE = ("IGO", "NGO", "IMG", "MNC")


def _two_places(a: Event, b: Event) -> bool:
    """Whether two events are placed, and at different places (so not one happening)."""
    return bool(a.event_loc and b.event_loc and a.event_loc.resolved_place != b.event_loc.resolved_place)


def _names(actors: list[Actor]) -> set:
    return {a.identifier_text for a in actors if a.identifier_text}


def _hosted(loc: Place | None, parties: list[Actor]) -> bool:
    """Whether a meeting takes place in the country of one of its parties while another
    party is of another country ("met President X of Tanzania in Washington")."""
    if loc is None or not loc.country_code:
        return False
    codes = {a.code for a in parties if a.code and len(a.code) == 3 and a.code not in _NON_STATE}
    return loc.country_code in codes and len(codes) >= 2


def _codes(actors: list[Actor]) -> frozenset:
    return frozenset(a.code for a in actors if a.code)


def _same_happening(events: list[Event], ev: Event) -> int | None:
    """A later mention of a physical happening already coded: same type, the same countries
    on each side, the same date and marker, and no second place ("A Russian missile attack
    killed 10 people in Odesa ... Seven police officers had been killed", CODEBOOK: one
    event per happening). Only a mention that names no agent of its own (the actor carried
    over from the sentences before) is merged; two strikes in two named towns stay two
    events, and so do mentions that name different people or organisations on a side."""
    codes = (_codes(ev.actor), _codes(ev.recipient))
    if not codes[0] or not codes[1]:
        return None
    if any(a.start is not None and ev.start <= a.start < ev.end for a in ev.actor):
        return None  # the sentence names its own agent: a report of its own
    names = (_names(ev.actor), _names(ev.recipient))
    for k in range(len(events) - 1, -1, -1):
        kept = events[k]
        if kept.event[0] != ev.event[0] or kept.date != ev.date or kept.context != ev.context:
            continue
        if (_codes(kept.actor), _codes(kept.recipient)) != codes:
            continue
        if _two_places(kept, ev):
            continue
        if any(a and b and not a & b for a, b in zip(names, (_names(kept.actor), _names(kept.recipient)))):
            continue
        return k
    return None


_PARTY_WORDS = frozenset("leader leaders side sides delegation delegations they both two pair "
                         "president presidents minister ministers".split())


# "The two leaders", "both leaders", "the two sides": the parties of the meeting just reported.
_BOTH = frozenset(("two", "both"))


_PARTIES = frozenset(("leader", "leaders", "side", "sides", "presidents", "ministers", "delegations"))


def _parties_of_meeting(events: list[Event], ev: Event) -> None:
    """An act of "the two leaders" after a meeting or call of two parties is an act of both
    ("President X spoke with President Y ... The two leaders agreed ..."): the actor becomes
    the meeting's named parties, who then are no recipients of it."""
    if len(ev.actor) != 1 or ev.actor[0].identifier_text:
        return
    words = set(ev.actor[0].entity_text.lower().split())
    if not (words & _BOTH and words & _PARTIES):
        return
    meeting = next((e for e in reversed(events) if e.event[0] == "CONSULT"), None)
    if meeting is None:
        return
    parties = _dedup(meeting.actor + meeting.recipient)
    if len(parties) != 2 or not all(a.identifier_text for a in parties):
        return
    keys = {_ident(a) for a in parties}
    said = ev.actor[0]
    ev.actor = [replace(a, entity_text=said.entity_text, start=said.start, end=said.end) for a in parties]
    ev.recipient = [r for r in ev.recipient if _ident(r) not in keys]


def _same_meeting(events: list[Event], ev: Event) -> int | None:
    """A later CONSULT about a meeting already coded, on the same date: "President X spoke
    with President Y. They discussed ... The two leaders agreed to talk again" is one call
    (CODEBOOK: one event per happening). Its parties are the earlier meeting's, or only
    unnamed ("the two leaders", "they"); a meeting of other parties stays its own event."""
    parties = ev.actor + ev.recipient
    codes, names = _codes(parties), _names(parties)
    unnamed = all(not a.identifier_text and set(a.entity_text.lower().split()) & _PARTY_WORDS
                  for a in ev.actor) and not any(a.identifier_text for a in ev.recipient)
    for k in range(len(events) - 1, -1, -1):
        kept = events[k]
        if kept.event[0] != "CONSULT" or kept.date != ev.date or kept.context != ev.context:
            continue
        if _two_places(kept, ev):
            continue
        kept_parties = kept.actor + kept.recipient
        if unnamed or (codes and codes <= _codes(kept_parties) and names <= _names(kept_parties)):
            return k
        return None  # only the latest meeting of that day can be the one meant
    return None


def _ident(a: Actor) -> tuple:
    return (a.code, a.sector, a.identifier_text)


def _keyset(actors: list[Actor]) -> frozenset:
    return frozenset(_ident(a) for a in actors)


def _dedup(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if _ident(a) not in seen:
            seen.add(_ident(a))
            out.append(a)
    return out
