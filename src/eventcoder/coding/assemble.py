"""From trigger candidates to event records: actors, date, place, markers, dedup.

The extractor (``extract.py``) gives, per sentence, the trigger, the type and
mode, and the head tokens of the actor and recipient phrases. This module maps
those heads to resolved actors (named entities, states, pronouns through the
coreference, or generic actors such as "police" or "Russian forces"), takes
the speaker of a quote as the actor of verbal events inside it, dates the
event, places it (``location.py``), marks it ``historical`` when it lies well before the
article, and keeps one record per happening (``happenings.py``).
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from ..nlp.tokens import sentences
from ..records import Actor, Event, Place
from .arguments import _pronoun_actor, _sentence_country, generic_actor, own_state
from .context import EventContext
from .happenings import _NON_STATE, _dedup, _hosted, _ident, _keyset, _two_places
from .happenings import _parties_of_meeting, _same_happening, _same_meeting
from .location import _PHYSICAL, _governing_prep, _place_at_scene, event_location
from .ontology import VERBAL
from .ontology import quad_of as quad_code

log = logging.getLogger(__name__)

_PLACE_PREPS = {"in", "at", "near", "inside", "outside", "from", "across", "throughout", "within"}

class EventAssembler:
    def __init__(self, extractor, *, min_confidence: float = 0.0):
        self.extractor = extractor
        self.min_confidence = min_confidence
        lexicon = getattr(extractor, "lexicon", None)
        self._recipient_slots = {p.id: tuple(p.recipient) for p in getattr(lexicon, "patterns", ())}

    def assemble(self, ctx: EventContext, event_date) -> list[Event]:
        events: list[Event] = []
        self._last_of_type: dict[str, tuple[int, list[Actor]]] = {}
        seen: dict[tuple, list[int]] = {}
        kept_content: dict[int, str | None] = {}
        for seq, sent in enumerate(sentences(ctx.doc)):
            for cand in _merge_linked(_drop_conditions(self.extractor.extract(sent), ctx.doc), ctx.doc):
                ev = self._event(ctx, seq, sent, cand, event_date)
                if ev is None or ev.confidence < self.min_confidence:
                    continue
                _parties_of_meeting(events, ev)
                # One record per happening: same type, actors, recipients, date and marker ...
                key = (ev.event[0], _keyset(ev.actor), _keyset(ev.recipient), ev.date, tuple(ev.context))
                if ev.event[0] in ("CONSULT", "COOPERATE"):
                    key = (ev.event[0], _keyset(ev.actor + ev.recipient), frozenset(), ev.date, tuple(ev.context))
                content = _content(ctx.doc, cand)
                same = None
                for k in seen.get(key, ()):
                    kept = events[k]
                    # ... and not at two different places, nor about two different things
                    # ("agreed to restore ties" / "agreed to reactivate a pact").
                    if _two_places(kept, ev):
                        continue
                    if content and kept_content.get(k) and content != kept_content[k]:
                        continue
                    same = k
                    break
                if same is None and ev.event[0] in _PHYSICAL:
                    same = _same_happening(events, ev)
                if same is None and ev.event[0] == "CONSULT":
                    same = _same_meeting(events, ev)
                if same is not None:
                    events[same].confidence = max(events[same].confidence, ev.confidence)
                    if events[same].event_loc is None and ev.event_loc is not None:
                        events[same].event_loc = ev.event_loc
                    continue
                seen.setdefault(key, []).append(len(events))
                kept_content[len(events)] = content
                events.append(ev)
        _place_at_scene(ctx, events)
        for n, ev in enumerate(events, start=1):
            ev.id = f"{ctx.doc_id}-e{n}"
        for q in ctx.quotes:
            q.event_ids = [ev.id for ev in events if q.start <= (ev.trigger_start or -1) < q.end]
        return events

    # ------------------------------------------------------------------
    def _event(self, ctx: EventContext, seq: int, sent, cand, event_date) -> Event | None:
        doc = ctx.doc
        here = _sentence_country(ctx, sent) or ctx.actors.focus
        actors = self._actors(ctx, cand.actors, here)
        # An unnamed target without a country of its own is where the event happens, else a
        # domestic act of the actor ("police dispersed the students").
        own = {a.code for a in actors}
        # Recipients with a country of their own first; an unnamed target without one ("156
        # people") shares theirs, else takes the country where the event happens, else (not
        # for an attack: victims are not the attacker's) the actor's ("police dispersed the
        # students").
        pairs = self._actor_pairs(ctx, cand.recipients, focus=False)
        found = {h for h, _ in pairs}
        rest = [h for h in cand.recipients if h not in found]
        if rest:
            fallback = next((r.code for _, r in pairs if r.code and r.code not in own and len(r.code) == 3
                             and r.code not in _NON_STATE), None) \
                or _sentence_country(ctx, sent) or _sentence_country(ctx, sent, exclude=own)
            if fallback is None and cand.type != "ASSAULT":
                fallback = next((a.code for a in actors if a.code not in _NON_STATE), None) \
                    or ctx.actors.focus
            if fallback is not None:
                extra = dict(self._actor_pairs(ctx, tuple(rest), fallback))
                pairs = [(h, r) for h in cand.recipients for r in [dict(pairs).get(h) or extra.get(h)] if r is not None]
        recipients = [r for h, r in pairs  # "withdraw its troops": the actor's own, not the target
                      if not (r.code in own and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in doc[h].children))]
        trig_tok = doc[cand.trigger[0]]
        quote = next((q for q in ctx.quotes if q.start <= trig_tok.idx < q.end), None)
        if quote is not None and quote.speaker is not None and cand.type in VERBAL:
            # Verbal events coded from a quote take its speaker as actor when the quote's own
            # subject is the speaker ("we", "I") or missing.
            if not actors or all(doc[i].lower_ in ("we", "i", "us") for i in cand.actors):
                actors = [quote.speaker]
        inherited = False
        if not actors and cand.speech_verb is not None and cand.type in VERBAL:
            # "X said it would ...": the reporter is the actor of a verbal act, never of a strike
            # that a health ministry reports.
            subj = [c.i for c in doc[cand.speech_verb].children if c.dep_ in ("nsubj", "nsubjpass")]
            actors = self._actors(ctx, tuple(subj))
        if not actors and cand.type not in VERBAL:
            # "One airstrike flattened a building": the actor of the same kind of event just before.
            prev = self._last_of_type.get(cand.type)
            if prev is not None and seq - prev[0] <= 4:
                actors, inherited = list(prev[1]), True
        if not actors and cand.type == "ASSAULT" and _agentless_attack(doc, cand):
            # "A roadside bombing near Samarra killed a soldier": no agent is named; the attack
            # is coded to the country where it happened.
            loc = self._location(ctx, sent, cand, recipients)
            if loc is not None and loc.country_code and len(loc.country_code) == 3:
                actors, inherited = [Actor(entity_text=loc.extracted_place, code=loc.country_code, sector=None,
                                           start=loc.start, end=loc.end, confidence=0.3)], True
        if not actors or not any(a.code for a in actors):
            # an actor of no known country or kind ("The Order permits ...", "the NADD meeting
            # brings together ...") is no actor the codebook can code (CODEBOOK 3)
            return None
        if cand.type not in VERBAL and not inherited:
            self._last_of_type[cand.type] = (seq, actors)
        akeys = {_ident(a) for a in actors}
        codes = {a.code for a in actors if a.code} if cand.type in _ALLIED_ACTS else set()
        recipients = [r for r in recipients if _ident(r) not in akeys and not own_state(ctx, r, codes)]
        if not recipients:
            recipients = [r for r in self._fallback_recipients(ctx, sent, cand, actors)
                          if not own_state(ctx, r, codes)]
        named = any(a.identifier_text or a.sector is None for a in actors)  # a named actor or a state
        actors = [_state_role(a, cand.type, "actor") for a in actors]
        recipients = [_state_role(r, cand.type, "recipient") for r in recipients]
        confidence = cand.confidence * (0.9 if recipients else 0.75)
        if not recipients and cand.type in ("COOPERATE", "AID", "SANCTION"):
            confidence *= 0.8
        if inherited:
            confidence *= 0.8
        elif named:
            confidence = min(1.0, confidence * 1.1)  # a named actor or a state, not a role word
        date = event_date(ctx.dates, trig_tok.idx, sent, ctx.published)
        context = [cand.aux] if cand.aux else []
        if not context and date and ctx.published and _days_before(date, ctx.published) > ctx.historical_days:
            context = ["historical"]
        loc = self._location(ctx, sent, cand, actors + recipients)
        mode = list(cand.mode)
        if cand.type == "CONSULT" and not mode and _remote_talk(doc, cand, loc):
            mode = ["phone"]
        elif cand.type == "CONSULT" and not mode and _hosted(loc, actors + recipients):
            mode = ["visit"]  # a meeting in one party's country: the others visit (PLOVER manual)
            if recipients and {a.code for a in actors} == {loc.country_code} \
                    and loc.country_code not in {r.code for r in recipients}:
                actors, recipients = recipients, actors  # the visitor is the actor, the host the recipient
        elif cand.type == "CONSULT" and mode == ["visit"] and recipients \
                and doc[cand.trigger[0]].lemma_.lower() in _HOST_LEMMAS:
            actors, recipients = recipients, actors  # "X welcomed Y to ...": Y visits, X hosts
        trigger_words = [doc[i].text for i in sorted(cand.trigger)]
        return Event(
            id="", event=[cand.type], mode=mode, context=context,
            actor=_dedup(actors), recipient=_dedup(recipients), date=date, event_loc=loc,
            event_text=[" ".join(trigger_words)], quad_code=quad_code(cand.type),
            text=sent.text.rstrip(), sequence=seq, start=sent.start_char,
            end=sent.start_char + len(sent.text.rstrip()),
            confidence=round(confidence, 3), trigger_start=trig_tok.idx,
            trigger_end=doc[max(cand.trigger)].idx + len(doc[max(cand.trigger)]), pattern=cand.pattern,
        )

    def _fallback_recipients(self, ctx: EventContext, sent, cand, actors: list[Actor]) -> list[Actor]:
        """No recipient in the pattern's slot: the nearest other actor in the trigger's phrase
        ("drills around Taiwan", "warn ... if Russia did not accept"), else, for material
        conflict, the country where it happened."""
        doc = ctx.doc
        akeys = {_ident(a) for a in actors}
        trig = doc[cand.trigger[0]]
        found: list[tuple[float, Actor]] = []
        in_actors = {u.i for i in cand.actors for u in doc[i].subtree}
        if cand.type == "CONSULT" and "dobj" not in self._slots(cand.pattern):
            # "discussed the situation in Gaza": what was discussed, not with whom
            in_actors |= {u.i for c in trig.children if c.dep_ == "dobj" for u in c.subtree}
        for t in trig.subtree:
            if t.i in cand.trigger or t.i in in_actors:
                continue  # "the army of Sudan shelled ...": Sudan is the actor's, not the target
            if t.dep_ == "poss" and t.head.i == trig.i:
                continue  # "Russia's attack": the actor's side
            prep = _governing_prep(t)
            if prep in _PLACE_PREPS and cand.type in VERBAL:
                continue  # "meetings in Turkey": where, not with whom
            a = ctx.actors.actor_for_token(t.i)
            penalty = 0.0
            if a is None and t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "pobj", "nsubjpass"):
                a = generic_actor(ctx, t)  # "fired tear gas at the crowd", "protests against the government"
                penalty = 0.5
            if a is not None and _ident(a) not in akeys and a.code:
                bonus = -1.0 if prep in ("against", "at", "on", "with", "to", "toward", "towards") else 0.0
                where = prep in _PLACE_PREPS and cand.type == "PROTEST" and _names_place(ctx, t)
                found.append((abs(t.i - trig.i) + penalty * 10 + bonus * 5, a, where))
        if found:
            found.sort(key=lambda x: x[0])
            best = found[0][1]
            if found[0][2]:
                # "blocked streets in Hong Kong in defiance of Chinese authorities": a protest's
                # place is where it happened; another country named in the phrase is its target
                other = next((a for _, a, where in found if not where and a.code != best.code), None)
                best = other or best
            return [best]
        if cand.type in ("ASSAULT", "COERCE", "MOBILIZE"):
            loc = self._location(ctx, sent, cand, actors)
            if loc is not None and loc.country_code:
                return [Actor(entity_text=loc.extracted_place, code=loc.country_code, sector=None,
                              start=loc.start, end=loc.end, confidence=0.4)]
        if cand.type in _DIRECTED:
            other = _counterpart(ctx, sent, trig, actors)
            if other is not None:
                return [other]
        return []

    def _slots(self, pattern_id: str) -> tuple[str, ...]:
        """The recipient slots of a lexicon pattern (``("dobj",)`` when unknown)."""
        return self._recipient_slots.get(pattern_id, ("dobj",))

    def _actors(self, ctx: EventContext, heads, fallback: str | None = None) -> list[Actor]:
        return [a for _, a in self._actor_pairs(ctx, heads, fallback)]

    def _actor_pairs(self, ctx: EventContext, heads, fallback: str | None = None, *,
                     focus: bool = True) -> list[tuple[int, Actor]]:
        """(head token, resolved actor) for each argument head that denotes an actor."""
        out: list[tuple[int, Actor]] = []
        for i in heads:
            a = ctx.actors.actor_for_token(i)
            if a is None:
                tok = ctx.doc[i]
                # A head inside a name ("Zelensky" of "Volodymyr Zelensky") or its compound.
                for j in [c.i for c in tok.children if c.dep_ in ("compound", "poss", "amod", "nmod")]:
                    a = ctx.actors.actor_for_token(j)
                    if a is not None:
                        break
            if a is None and ctx.doc[i].pos_ == "PRON":
                a = _pronoun_actor(ctx, ctx.doc[i])
            if a is None:
                a = generic_actor(ctx, ctx.doc[i], fallback, focus=focus)
            if a is None:
                a = _inner_actor(ctx, ctx.doc[i])
            if a is not None:
                out.append((i, a))
        return out

    _location = staticmethod(event_location)  # coding/location.py


# Verbs whose subject is the host of a visit and whose object the visitor ("welcomed Y to").
_HOST_LEMMAS = {"welcome", "host", "receive"}



def _inner_actor(ctx: EventContext, tok) -> Actor | None:
    """The people a thing stands for, when the argument is a thing: "a camp for Congolese
    refugees", "the offices of the World Food Programme", "the home of the opposition leader"."""
    if tok.pos_ != "NOUN":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of"):
            for g in c.children:
                if g.dep_ == "pobj":
                    a = ctx.actors.actor_for_token(g.i) or generic_actor(ctx, g)
                    if a is not None:
                        return a
    return None


def _agentless_attack(doc, cand) -> bool:
    """Whether an attack verb names no attacker: its subject or agent is a weapon or an
    explosion ("a roadside bombing killed", "killed by an explosive device"), or it is a
    passive with no agent ("was killed in a car bomb explosion")."""
    verbs = [doc[i] for i in cand.trigger if doc[i].pos_ == "VERB"]
    if not verbs:
        return False
    for i in cand.actors:
        tok = doc[i]
        if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return False
        if tok.lemma_.lower() not in _WEAPON_NOUNS and i not in cand.trigger:
            return False
    if cand.actors:
        return True
    # a passive with no agent, or a subject that is itself the attack ("the bombing killed")
    return any(c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and (c.i in cand.trigger or c.lemma_.lower() in _WEAPON_NOUNS))
               for v in verbs for c in v.children)


_WEAPON_NOUNS = {"bomb", "bombing", "explosion", "blast", "device", "mine", "landmine", "minefield", "attack",
                 "attacks", "shell", "rocket", "missile", "grenade", "ied", "car", "fire", "gunfire", "shelling",
                 "strike", "airstrike", "raid", "ambush", "explosive", "detonation"}


def _names_place(ctx: EventContext, tok) -> bool:
    """Whether ``tok`` lies in a toponym the text mentions."""
    return any(p.start <= tok.idx < p.end for p in ctx.places)


def _remote_talk(doc, cand, loc: Place | None) -> bool:
    """Whether "X spoke with Y" names no place where they met (no town, site or region): a
    call, the way readouts report one ("President X spoke today with President Y"). Talks at
    a named place stay without a mode."""
    if cand.pattern != "consult.talk.v" or not any(doc[i].lemma_.lower() == "speak" for i in cand.trigger):
        return False
    if not any(c.dep_ == "prep" and c.lower_ == "with" for i in cand.trigger for c in doc[i].children):
        return False  # "spoke to reporters", "spoke at the summit"
    return loc is None or (loc.resolution or 0) <= 1



# Acts that are directed at someone even when the sentence does not name them again.
_DIRECTED = {"REJECT", "REQUEST", "ACCUSE", "THREATEN", "SANCTION", "CONCEDE", "COOPERATE", "AID"}


def _counterpart(ctx: EventContext, sent, trig, actors: list[Actor]) -> Actor | None:
    """The other party of a directed act whose sentence names only the actor ("Petro refused
    to allow the flights", "Vucic has ruled out a snap vote"): the actor most recently
    mentioned before the trigger, in this sentence or the two before it, that is not one of
    the actors (another state, or another part of the same state). None when there is none."""
    doc = ctx.doc
    own = {_ident(a) for a in actors}
    own_people = {a.identifier_text for a in actors if a.identifier_text}
    lo = sent.start
    for _ in range(2):
        if lo > 0:
            lo = doc[lo - 1].sent.start
    owner = _owner_of_antecedent(ctx, sent, trig, lo)
    if owner is not None and _ident(owner) not in own and owner.identifier_text not in own_people \
            and owner.code:
        return replace(owner, confidence=0.35)
    for i in range(trig.i - 1, lo - 1, -1):
        a = ctx.actors.actor_for_token(i)
        if a is None or not a.code or _ident(a) in own or a.identifier_text in own_people:
            continue
        if doc[i].pos_ == "PRON":
            continue
        if all(a.code == x.code and (a.sector or "GOV") == (x.sector or "GOV") for x in actors):
            continue
        return replace(a, confidence=0.35)
    return None


def _owner_of_antecedent(ctx: EventContext, sent, trig, lo: int) -> Actor | None:
    """Whose is the thing a directed act is about, when the act names it with a definite noun
    that an earlier sentence introduced ("Hungary threatened to veto *the package*" after "the
    European Union is preparing a new package of sanctions"): the subject of the verb that
    governs the earlier mention (the European Union). None when there is no such mention."""
    doc = ctx.doc
    objs = [t for t in trig.subtree if t.i >= sent.start and t.dep_ in ("dobj", "nsubjpass") and t.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)]
    for obj in objs[:2]:
        lemma = obj.lemma_.lower()
        for i in range(sent.start - 1, lo - 1, -1):
            u = doc[i]
            if u.pos_ != "NOUN" or u.lemma_.lower() != lemma:
                continue
            verb = u
            for _ in range(4):  # "a new package of sanctions" -> "preparing"
                if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                return None
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return ctx.actors.actor_for_token(subj.i) if subj is not None else None
    return None


_CONTENT_ACTS = {"AGREE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "CONCEDE"}


def _content(doc, cand) -> str | None:
    """What an agreement, demand or refusal is about: the lemma of the trigger's clausal
    complement or object ("agreed to *restore*", "demanded the *release*"), if any."""
    if cand.type not in _CONTENT_ACTS:
        return None
    trig = doc[cand.trigger[0]]
    for c in trig.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj") and c.i not in cand.trigger:
            return c.lemma_.lower()
    return None


def _drop_conditions(cands: list, doc) -> list:
    """A hypothetical event in the condition of a threat or demand ("sanctions if Russia did
    not accept a ceasefire") is part of that act, not an event of its own."""
    acts = [c for c in cands if c.type in ("THREATEN", "REQUEST", "REJECT", "AGREE")]
    out = []
    for c in cands:
        tok = doc[c.trigger[0]]
        cond = c.aux == "hypothetical" and any(
            ch.dep_ == "mark" and ch.lower_ in ("if", "unless") for ch in tok.children)
        inside = any(o is not c and tok.i in {t.i for t in doc[o.trigger[0]].subtree} for o in acts)
        if cond and inside:
            continue
        out.append(c)
    return out


def _merge_linked(cands: list, doc=None) -> list:
    """One happening reported by linked triggers of one type ("strike hit ... killing") is one
    candidate: the first keeps the others' trigger words and arguments. Triggers are linked
    when one is the other's actor, when they share actors and recipients, or when one is a
    participle or infinitive clause of the other ("launched an attack on Ukraine, killing
    seven people").
    An actor head that is another candidate's trigger ("the attack killed") takes that
    candidate's actors."""
    by_trigger = {c.trigger[0]: c for c in cands}
    out: list = []
    for c in cands:
        actors = []
        for i in c.actors:
            src = by_trigger.get(i)
            actors.extend(src.actors if src is not None and src is not c and src.actors else (i,))
        if tuple(actors) != tuple(c.actors):
            c = replace(c, actors=tuple(dict.fromkeys(actors)))
        target = None
        for k, o in enumerate(out):
            if o.type != c.type:
                continue
            linked = (set(c.actors) & set(o.trigger)) or (set(o.actors) & set(c.trigger)) \
                or (set(c.actors) & set(o.actors) and set(c.recipients) & set(o.recipients)) \
                or (doc is not None and _clause_of(doc[c.trigger[0]], o.trigger))
            if linked:
                target = k
                break
        if target is None:
            out.append(c)
            continue
        o = out[target]
        out[target] = replace(
            o, trigger=tuple(dict.fromkeys(o.trigger + c.trigger)),
            actors=tuple(dict.fromkeys(x for x in o.actors + c.actors if x not in c.trigger and x not in o.trigger)),
            recipients=tuple(dict.fromkeys(o.recipients + c.recipients)),
            mode=tuple(dict.fromkeys(o.mode + c.mode)), confidence=max(o.confidence, c.confidence))
    return out


def _clause_of(tok, trigger) -> bool:
    """Whether ``tok`` heads a participle or infinitive clause attached to one of the
    ``trigger`` tokens ("..., killing seven people", "... to destroy the bridge")."""
    return tok.dep_ in ("advcl", "xcomp", "acl") and tok.head.i in trigger and tok.tag_ in ("VBG", "VB", "VBN")


_MILITARY_ACTS = {"ASSAULT", "MOBILIZE"}
# Acts between parties on one side, never aimed at the actor's own state by name ("President
# Biden reaffirmed the United States' commitment"; a protest in Belgrade is against its government).
_ALLIED_ACTS = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID"}
_FORCE_ACTS = {"ASSAULT", "COERCE"}


def _state_role(a: Actor, type_: str, side: str) -> Actor:
    """The part of a state that takes part in an event, when the text names only the state
    ("Russia", "Israeli", "Kyiv"): the agent of an attack or deployment is its armed forces
    (MIL), of a protest its people (CVL), of any other political act its government (GOV);
    the target of an attack or of repression is its population (CVL), of a political act its
    government. Named people, organisations and role words keep their own sector."""
    if a.identifier_text or a.sector not in (None, "GOV") or a.code in _NON_STATE + (None,):
        return a
    if a.sector == "GOV" and not (side == "recipient" and type_ in _FORCE_ACTS):
        return a
    if side == "actor":
        sector = "MIL" if type_ in _MILITARY_ACTS else "CVL" if type_ == "PROTEST" else "GOV"
    else:
        sector = "CVL" if type_ in _FORCE_ACTS else "GOV"
    return replace(a, sector=sector)



def _days_before(date: str, published: str) -> int:
    try:
        d = dt.date.fromisoformat((date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10] if len(date) == 7 else date)
        p = dt.date.fromisoformat(published[:10])
    except ValueError:
        return 0
    if len(date) == 7:  # a month is historical only when its last day is that far back
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        d = nxt - dt.timedelta(days=1)
    elif len(date) == 4:
        d = d.replace(month=12, day=31)
    return (p - d).days
