"""Syntactic event extraction: trigger patterns matched on a spaCy dependency parse.

For each sentence: match every token against the lexicon, drop events
embedded in a verbal act that governs them ("refused to meet" is one REJECT,
"called for a ceasefire" one REQUEST), merge chained meetings ("traveled to
Ankara to meet Erdogan"), then read actors and recipients off the parse and
the auxiliary context off the clause (``modality.py``). The actors and recipients
are read by ``roles.py``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..nlp.tokens import span_tokens
from .lexicon import Lexicon, Pattern, default_lexicon
from .modality import PLANNING_VERBS, SPEECH_VERBS, aux_marker, planned_noun, speech_verb
from .ontology import ONTOLOGY, quad_of
from .roles import (
    ACTOR_ENTS, COPULAS, LIGHT_VERBS, _is_passive, _lemma, _of_object, _with_conj, match_arguments,
)

log = logging.getLogger(__name__)

__all__ = ["EventCandidate", "EventExtractor"]


@dataclass(frozen=True)
class EventCandidate:
    type: str
    mode: tuple[str, ...]
    quad: int
    trigger: tuple[int, ...]  # Doc token indices of the trigger words
    actors: tuple[int, ...]  # head token indices of actor phrases, one per conjunct
    recipients: tuple[int, ...]
    aux: str | None  # None, "future", "hypothetical", "negation"
    pattern: str
    confidence: float
    speech_verb: int | None = None


# Types whose trigger is a verbal act about another event: the embedded event is
# the act's content, not a separate happening.
CONTROL_TYPES = frozenset(("REQUEST", "REJECT", "THREATEN", "AGREE", "CONCEDE"))
EMBED_DEPS = frozenset(("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "nsubjpass", "compound", "amod"))
ACCUSE_EMBED_DEPS = frozenset(("pobj", "pcomp"))
FUTURE_TO_AGREE = frozenset(("CONSULT", "COOPERATE", "AID", "SUPPORT"))
EMBEDDED_MODE = {
    ("REQUEST", "CONSULT"): "meet", ("REQUEST", "AGREE"): "meet", ("REQUEST", "RETREAT"): "yield",
    ("REQUEST", "CONCEDE"): "yield", ("REQUEST", "AID"): "assist", ("REQUEST", "COOPERATE"): "assist",
    ("REQUEST", "SUPPORT"): "assist",
    ("REJECT", "CONSULT"): "meet", ("REJECT", "AGREE"): "meet", ("REJECT", "RETREAT"): "yield",
    ("REJECT", "CONCEDE"): "yield", ("REJECT", "AID"): "assist", ("REJECT", "COOPERATE"): "assist",
    ("THREATEN", "ASSAULT"): "violence", ("THREATEN", "MOBILIZE"): "violence",
    ("THREATEN", "SANCTION"): "restrict", ("THREATEN", "COERCE"): "restrict",
    ("THREATEN", "REJECT"): "relations",
}
# Readiness or a pledge to use force or pressure is a threat ("prepared to impose martial law").
WILLINGNESS = frozenset("ready willing prepared vow pledge promise".split())
QUANTITY_NOUNS = frozenset(
    "kg kilogram ton tonne million billion thousand hundred batch shipment load package consignment "
    "number lot dozen amount tranche round set wave series pair convoy truckload planeload worth "
    "dollar euro pound yen yuan franc rupee shilling ruble rouble "
    "day week month hour part portion half".split()
)
# "a mission of observers", "a team of inspectors": the group noun and its members both count.
GROUP_NOUNS = frozenset("mission team delegation group contingent unit party body detachment".split())
# Labour context that makes "strike" a work stoppage, not a military strike.
LABOUR_WORDS = frozenset(
    "worker union employee teacher doctor nurse staff miner driver pilot trucker docker student farmer "
    "labour labor civil servant physician lawyer journalist trader shopkeeper merchant transport rail "
    "general nationwide national indefinite open-ended wildcat warning token hunger sit-down".split()
)
# Cooperative acts that, negated under "will"/"would"/"can", are refusals ("will not accept").
REFUSABLE = frozenset(("AGREE", "CONCEDE", "CONSULT", "COOPERATE", "AID", "SUPPORT", "RETREAT"))
_REFUSAL_MODALS = frozenset(("will", "wo", "would", "can", "ca", "shall"))
# Material conflict announced for the future ("said it would boycott ...") or made
# conditional ("will withdraw unless ...") is a threat.
THREAT_TYPES = frozenset(("SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"))
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "restrict", "PROTEST": "restrict"}
_PROMISE_MODALS = frozenset(("will", "would", "shall", "'ll", "wo"))
PERMIT_VERBS = frozenset(("allow", "permit", "let", "authorize", "authorise"))
_PREP_DEPS = ("prep", "prt", "agent", "advmod", "dative")
_MOD_DEPS = ("compound", "amod", "nmod", "acomp", "oprd", "npadvmod", "advmod", "attr", "dep")


# The mode of a demand or refusal whose content names no exchange, concession or meeting:
# "any changes in policy, government, or institutions" (PLOVER manual, REQUEST and REJECT modes).
RESIDUAL_MODE = {"REQUEST": "change", "REJECT": "change"}


_OBLIGATION = Pattern(id="request.must.speech", type="REQUEST", pos="VERB", lemmas=("say",),
                      recipient=(), confidence=0.6)


@dataclass
class _Match:
    tok: object
    pattern: Pattern
    tokens: set = field(default_factory=set)
    obj: list = field(default_factory=list)
    pobj: list = field(default_factory=list)
    mode_extra: list = field(default_factory=list)
    merged: list = field(default_factory=list)  # matches merged into this one
    merged_hosts: list = field(default_factory=list)
    recipients_override: list | None = None
    loose: bool = False  # the object matched only through a compound ("war" of "war games")
    embedded: list = field(default_factory=list)  # content events dropped under this act
    type_override: str | None = None  # "prepared to impose martial law": AGREE read as THREATEN


def _pos_of(tok) -> str | None:
    pos = tok.pos_
    if pos == "VERB":
        return "VERB"
    if pos == "NOUN" or (pos == "PROPN" and not tok.ent_type_):
        return "NOUN"
    if pos == "ADJ":
        return "ADJ"
    return None


def _noun_lemmas(tok) -> set[str]:
    """The lemma of a noun, of its compounds, and of each compound joined to it by a
    hyphen ("war games" -> game, war, war-game)."""
    comps = [_lemma(c) for c in tok.children if c.dep_ == "compound"]
    return {_lemma(tok), *comps, *(f"{c}-{_lemma(tok)}" for c in comps)}


def _purpose_clause(tok) -> bool:
    """Whether ``tok`` heads an infinitive that modifies another clause or a noun
    ("opened the bridge to allow ...", "parties to the conflict to allow ...")."""
    return tok.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _refusal(tok) -> bool:
    """Whether a negated trigger is negated under a future or ability modal ("will not",
    "would not", "cannot"): a refusal, not a report that something did not happen."""
    cur = tok
    for _ in range(3):
        kids = list(cur.children)
        if any(c.dep_ == "aux" and c.lower_ in _REFUSAL_MODALS for c in kids) and any(c.dep_ == "neg" for c in kids):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _failed(tok) -> bool:
    """Whether a cooperative act is the complement of "fail" ("failed to agree",
    "failed to reach agreement")."""
    cur = tok
    if cur.dep_ in ("dobj", "nsubjpass") and cur.head.pos_ == "VERB" and _lemma(cur.head) in LIGHT_VERBS | {"reach"}:
        cur = cur.head
    return cur.dep_ == "xcomp" and _lemma(cur.head) == "fail"


def _permits_someone(tok) -> bool:
    """Whether a verb of permission lets a party do something ("allowed X to run", "let the
    refugees return", "permitted the opposition"), not an act ("authorized lethal force",
    "allows violent attacks")."""
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return True

    def party(t) -> bool:
        return t.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") or t.tag_ in ("NNS", "NNPS") and _lemma(t) not in _ACT_NOUNS

    for c in tok.children:
        if c.dep_ not in ("dobj", "dative", "nsubjpass") or _lemma(c) in _ACT_NOUNS:
            continue
        of = _of_object(c)
        if party(c) or (of is not None and party(of)):  # "the return of U.N. weapons inspectors"
            return True
    return False


# Objects of a permission that are acts, not parties ("authorized strikes").
_ACT_NOUNS = frozenset("attack strike operation force raid import export sale shipment use action measure "
                       "airstrike bombing killing".split())


def _funded(tok) -> bool:
    """Whether ``tok`` heads an infinitive of purpose on a sum of money ("$20 million to
    support Ecuador", "announced a $13.5 million disbursement to support ...")."""
    if tok.dep_ not in ("advcl", "acl", "xcomp", "relcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    own = {t.i for t in tok.subtree}
    return any(t.ent_type_ == "MONEY" for t in tok.head.subtree if t.i not in own)


def _has_condition(tok) -> bool:
    """Whether an 'if'/'unless' clause hangs off the trigger or its governing verbs."""
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


class EventExtractor:
    """Find PLOVER event candidates in parsed sentences."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon if lexicon is not None else default_lexicon()

    # ------------------------------------------------------------------ matching
    def _objects(self, tok):
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr", "oprd")]
        if _is_passive(tok):
            objs += [c for c in tok.children if c.dep_ == "nsubjpass"]
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            objs.append(tok.head)
        return _with_conj(objs)

    def _try(self, tok, p: Pattern) -> _Match | None:
        m = _Match(tok, p, {tok.i})
        base = [tok]
        if p.obj:
            hits = []
            for o in self._objects(tok):
                if _lemma(o) in QUANTITY_NOUNS or o.like_num:  # "700 kg of medicine", "millions of dollars"
                    o = _of_object(o) or o
                lems = _noun_lemmas(o)
                member = _of_object(o) if _lemma(o) in GROUP_NOUNS else None
                if member is not None:  # "a mission of observers"
                    lems |= _noun_lemmas(member)
                if lems & set(p.obj):
                    hits.append(o)
                    if not ({_lemma(o), *(x for x in lems if "-" in x)} & set(p.obj)):
                        m.loose = True
            if not hits:
                return None
            m.obj = hits
            m.tokens.update(o.i for o in hits)
            base = [tok, *hits]
        if p.prep:
            preps = [c for b in base for c in b.children if c.dep_ in _PREP_DEPS and _lemma(c) in p.prep]
            if p.pobj:
                found = []
                for pr in preps:
                    for po in _with_conj([c for c in pr.children if c.dep_ in ("pobj", "pcomp")]):
                        if _lemma(po) in p.pobj or {_lemma(c) for c in po.children if c.dep_ == "compound"} & set(p.pobj):
                            found.append((pr, po))
                if not found:
                    return None
                pr, po = found[0]
                m.tokens.update((pr.i, po.i))
                m.pobj = [po]
                base = [*base, po]
            elif not preps:
                return None
            else:
                m.tokens.add(preps[0].i)
        if p.mod:
            mods = [c for b in base for c in b.children if c.dep_ in _MOD_DEPS and _lemma(c) in p.mod]
            if not mods:
                return None
            m.tokens.update(c.i for c in mods)
        return m

    def _match(self, tok) -> _Match | None:
        m = self._best(tok)
        if m is not None and m.pattern.confidence < 0.5 and _purpose_clause(tok):
            return None  # "resigned to allow elections": the aim of another act, not an act
        return m

    def _best(self, tok) -> _Match | None:
        pos = _pos_of(tok)
        if pos is None:
            return None
        patterns = self.lexicon.lookup(pos, _lemma(tok))
        if not patterns:
            return None  # most words (and the speech verbs without patterns of their own)
        if pos == "ADJ" and not any(c.dep_ in ("xcomp", "prep") for c in tok.children):
            return None
        best = None
        for p in patterns:
            m = self._try(tok, p)
            if m is None:
                continue
            key = (not m.loose, p.confidence, p.specificity)
            if best is None or key > (not best.loose, best.pattern.confidence, best.pattern.specificity):
                best = m
        return best

    # ------------------------------------------------------------------ extraction
    def extract(self, sent) -> list[EventCandidate]:
        """Event candidates of one sentence (a spaCy ``Span`` of a parsed ``Doc``)."""
        toks = span_tokens(sent)
        matches = [m for m in (self._match(t) for t in toks) if m is not None]
        matches += self._obligations(sent, {i for m in matches for i in m.tokens})
        if not matches:
            return []
        # a token used as another match's object/preposition is not a trigger of its own
        used = {i: m for m in matches for i in m.tokens if i != m.tok.i}
        matches = [m for m in matches if m.tok.i not in used]
        by_token = {}
        for m in matches:
            for i in m.tokens:
                by_token.setdefault(i, m)
        dropped: set[int] = set()
        for m in matches:
            ctrl = self._controller(m, by_token)
            if ctrl is None:
                continue
            if ctrl.pattern.type in CONTROL_TYPES or ctrl.pattern.type == "ACCUSE":
                dropped.add(id(m))
                ctrl.embedded.append(m)
                if ctrl.pattern.type == "AGREE" and m.pattern.type in THREAT_TYPES and _lemma(ctrl.tok) in WILLINGNESS:
                    ctrl.type_override = "THREATEN"
                    ctrl.mode_extra.append(THREAT_MODE.get(m.pattern.type, "restrict"))
                    continue
                mode = EMBEDDED_MODE.get((ctrl.pattern.type, m.pattern.type))
                if mode and not ctrl.pattern.mode:
                    ctrl.mode_extra.append(mode)
            elif ctrl.pattern.type == m.pattern.type == "CONSULT":
                dropped.add(id(m))
                ctrl.merged.append(m)
        out = []
        for m in matches:
            if id(m) in dropped or self._is_statement(m):
                continue
            cand = self._candidate(m, sent)
            if cand is not None:
                out.append(cand)
        return out

    def _obligations(self, sent, taken) -> list[_Match]:
        """'X said Y must/should do Z' is a REQUEST from X to Y (the content is not coded apart)."""
        out = []
        for t in span_tokens(sent):
            if t.i in taken or _lemma(t) not in SPEECH_VERBS or t.pos_ not in ("VERB", "AUX"):
                continue
            for c in t.children:
                if c.dep_ != "ccomp":
                    continue
                must = [a for a in c.children if a.dep_ == "aux" and a.lower_ in ("must", "should", "ought")]
                if not must:
                    continue
                m = _Match(t, _OBLIGATION, {t.i, must[0].i})
                m.recipients_override = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                out.append(m)
        return out

    def _controller(self, m: _Match, by_token):
        """The match that governs ``m`` as its content (xcomp, object, prepositional chain)."""
        cur = m.tok
        path = []
        for _ in range(6):
            if cur.head.i == cur.i:
                return None
            path.append(cur.dep_)
            head = cur.head
            other = by_token.get(head.i)
            if other is not None and other is not m:
                t = other.pattern.type
                if t == "CONSULT" and m.pattern.type == "CONSULT" and cur.dep_ in ("xcomp", "advcl", "conj"):
                    return other
                if t == "ACCUSE":
                    ok = all(d in EMBED_DEPS for d in path) and any(d in ACCUSE_EMBED_DEPS for d in path)
                    return other if ok else None
                if t in CONTROL_TYPES and all(d in EMBED_DEPS for d in path):
                    return other
                return None
            if cur.dep_ not in EMBED_DEPS and not (m.pattern.type == "CONSULT" and cur.dep_ in ("xcomp", "advcl", "conj")):
                return None
            cur = head
        return None

    def _is_statement(self, m: _Match) -> bool:
        """A bare event noun that is only the topic of an evaluation ('the talks were useful')."""
        tok = m.tok
        if m.pattern.pos != "NOUN" or tok.dep_ not in ("nsubj", "nsubjpass"):
            return False
        head = tok.head
        if _lemma(head) not in COPULAS:
            return False
        has_args = any(c.dep_ in ("poss", "prep", "amod", "compound") and c.i not in m.tokens
                       and (c.dep_ == "prep" or c.ent_type_ in ACTOR_ENTS or c.dep_ == "poss") for c in tok.children)
        return not has_args

    @staticmethod
    def _labour_strike(tok, actors) -> bool:
        """A "strike" that is a work stoppage: "on strike", "a general/teachers' strike",
        a strike staged or joined by workers, a union or another labour group."""
        if tok.dep_ == "pobj" and tok.head.lower_ == "on":
            return True
        near = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        near += [g for c in near for g in c.children if c.dep_ in ("compound", "amod")]
        near += list(actors)
        near += [g for a in actors for g in a.children if g.dep_ in ("compound", "amod")]
        words = {_lemma(t) for t in near} | {t.lower_ for t in near}
        return bool(words & LABOUR_WORDS) or any("-hour" in w or "-day" in w for w in words)

    @staticmethod
    def _joint(actors) -> bool:
        """Whether an exercise is held by more than one party ("French and Egyptian warships")."""
        if len(actors) > 1:
            return True
        return any(c.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in c.children)
                   for a in actors for c in a.children)

    def _modes(self, m: _Match, type_: str) -> tuple[str, ...]:
        modes = list(m.pattern.mode) if type_ == m.pattern.type else []
        for extra in m.mode_extra:
            if extra not in modes and extra in ONTOLOGY[type_].modes:
                modes.append(extra)
        if not modes and ONTOLOGY[type_].modes:
            cues = self.lexicon.cues_for(type_)
            if cues:
                found = sorted(((abs(t.i - m.tok.i), cues[_lemma(t)]) for t in m.tok.subtree
                                if t.i != m.tok.i and _lemma(t) in cues), key=lambda x: x[0])
                for _, mode in found:
                    if mode not in modes:
                        modes.append(mode)
                if type_ != "ASSAULT":
                    modes = modes[:1]
        if not modes and type_ in RESIDUAL_MODE:
            modes = [RESIDUAL_MODE[type_]]
        return tuple(modes)

    def _candidate(self, m: _Match, sent) -> EventCandidate | None:
        p = m.pattern
        m.merged_hosts = [x.tok for x in m.merged]
        actors, recipients = match_arguments(m)
        tokens = set(m.tokens)
        if not recipients:
            # "agreed to lift the embargo on Cuba", "refused to meet Zelensky": the content's target
            for inner in m.embedded:
                a2, r2 = match_arguments(inner)
                recipients = [r for r in r2 if r not in actors]
                if recipients:
                    break
        for other in m.merged:
            a2, r2 = match_arguments(other)
            actors += [a for a in a2 if a not in actors]
            recipients += [r for r in r2 if r not in recipients and r not in actors]
            tokens |= other.tokens
        if p.party and not recipients and len(actors) < 2 and not any(a.tag_ in ("NNS", "NNPS") for a in actors):
            return None  # "speaking at a press conference": talk with nobody is no meeting
        if p.type == "CONCEDE" and p.pos == "VERB" and _lemma(m.tok) in PERMIT_VERBS and not _permits_someone(m.tok):
            return None  # "authorized lethal force", "allows attacks on farmers": no one is let do anything
        aux = aux_marker(m.tok, sent)
        # "is preparing a new package of sanctions", "planned a rally", "preparing an offensive":
        # the event is being readied, not yet in force (CODEBOOK 1). Readying is an act, not a
        # statement of intent, so it is not turned into a THREATEN below.
        planned = (p.obj and p.pos == "VERB" and _lemma(m.tok) in PLANNING_VERBS) or planned_noun(m.tok)
        if aux is None and planned:
            aux = "future"
        type_, pattern_id = p.type, p.id
        if m.type_override:
            type_, pattern_id = m.type_override, f"{p.id}>{m.type_override}"
            aux = None if aux == "future" else aux
        if type_ == "ASSAULT" and p.pos == "NOUN" and _lemma(m.tok) == "strike" and self._labour_strike(m.tok, actors):
            type_, pattern_id = "PROTEST", f"{p.id}>PROTEST"
            m.mode_extra.insert(0, "strike")
        elif type_ == "MOBILIZE" and "exercise" in p.id and self._joint(actors):
            type_, pattern_id = "COOPERATE", f"{p.id}>COOPERATE"
        if type_ == "SUPPORT" and p.pos == "VERB" and _funded(m.tok):
            # "announced $20 million to support Ecuador": money given for a purpose is aid
            type_, pattern_id = "AID", f"{p.id}>AID"
        if type_ in REFUSABLE and aux is None and _failed(m.tok):
            # "failed to reach agreement": the parties did not come to terms
            type_, pattern_id = "REJECT", f"{p.id}>REJECT"
        if aux == "negation" and type_ in REFUSABLE and _refusal(m.tok):
            # "will not accept refugees", "would not meet the demands": a refusal
            mode = EMBEDDED_MODE.get(("REJECT", type_))
            if mode:
                m.mode_extra.insert(0, mode)
            type_, pattern_id, aux = "REJECT", f"{p.id}>REJECT", None
        sv = speech_verb(m.tok)
        if aux in ("future", "hypothetical") and type_ in FUTURE_TO_AGREE:
            type_, pattern_id = "AGREE", f"{p.id}>AGREE"
        elif aux == "future" and type_ == "CONCEDE" and _lemma(m.tok) in PERMIT_VERBS and any(
                c.dep_ == "aux" and c.lower_ in _PROMISE_MODALS for c in m.tok.children):
            # "will allow refugees to return": a promise
            type_, pattern_id = "AGREE", f"{p.id}>AGREE"
        elif aux in ("future", "hypothetical") and type_ == "RETREAT" and _has_condition(m.tok):
            # "will withdraw its force unless ...": a threat
            m.mode_extra.insert(0, "restrict")
            type_, pattern_id, aux = "THREATEN", f"{p.id}>THREATEN", None
        elif aux == "future" and type_ == "RETREAT":
            type_, pattern_id = "CONCEDE", f"{p.id}>CONCEDE"
        # An announced sanction stays a SANCTION marked future (codebook section 1).
        if type_ in THREAT_TYPES and ((aux == "future" and sv is not None and type_ != "SANCTION" and not planned)
                                      or (aux == "hypothetical" and _has_condition(m.tok))):
            mode = "arrest" if "arrest" in p.mode else "expel" if "expel" in p.mode else THREAT_MODE.get(type_, "restrict")
            m.mode_extra.insert(0, mode)
            type_, pattern_id, aux = "THREATEN", f"{p.id}>THREATEN", None
        conf = p.confidence
        if not actors:
            conf *= 0.85
        if ONTOLOGY[type_].recipient_required and not recipients:
            conf *= 0.9
        if sv is not None:
            conf *= 0.95
        return EventCandidate(
            type=type_,
            mode=self._modes(m, type_),
            quad=quad_of(type_),
            trigger=tuple(sorted(tokens)),
            actors=tuple(dict.fromkeys(t.i for t in actors)),
            recipients=tuple(dict.fromkeys(t.i for t in recipients if t not in actors)),
            aux=aux,
            pattern=pattern_id,
            confidence=round(min(max(conf, 0.0), 1.0), 3),
            speech_verb=sv.i if sv is not None else None,
        )
