"""Auxiliary context of an event from its sentence: future, hypothetical, negation.

``historical`` is decided later from dates, not here. A refusal ("refused to
meet") is a REJECT event and never a negated one: the extractor drops the
embedded "meet" before modality is asked.
"""
from __future__ import annotations

__all__ = ["aux_marker", "speech_verb", "SPEECH_VERBS", "FUTURE_GOVERNORS", "PLANNING_VERBS", "planned_noun"]

SPEECH_VERBS = frozenset(
    "say tell add state announce claim report confirm note insist write declare argue explain "
    "stress reiterate emphasise emphasize believe think suggest told assert acknowledge "
    "indicate reveal mention remark comment tweet post predict estimate hope fear".split()
)
# Verbs and adjectives whose xcomp/ccomp describes something that has not happened yet.
FUTURE_GOVERNORS = frozenset(
    "expect plan intend schedule set due go prepare aim hope want wish seek ready willing prepared "
    "agree promise pledge vow offer decide arrange propose consider try attempt mean look "
    "expected scheduled planned poised likely eager keen determined about need".split()
)
ATTEMPT_VERBS = frozenset(("try", "attempt"))
HYPOTHETICAL_GOVERNORS = frozenset("possible unlikely may might could potential able".split())
FUTURE_MODALS = frozenset(("will", "shall", "'ll", "wo"))
HYPO_MODALS = frozenset(("would", "could", "might", "may", "can", "should", "'d", "ca"))
FUTURE_NOUN_MODS = frozenset(
    "upcoming planned proposed future next scheduled forthcoming expected possible potential "
    "prospective anticipated mooted envisaged".split()
)
# A noun event that is the object of these verbs, or hangs off these nouns, is not yet in
# force: "is preparing a new package of sanctions", "a package of sanctions is being drafted",
# "plans for talks" (CODEBOOK 1: a sanctions package being prepared is SANCTION, future).
PLANNING_VERBS = frozenset("prepare plan draft propose schedule arrange".split())
PLANNING_NOUNS = frozenset("plan proposal draft preparation".split())
_CHAIN_DEPS = frozenset(("xcomp", "conj", "advcl", "ccomp", "acomp", "relcl", "pcomp"))
_NOUN_TO_VERB = frozenset(("nsubj", "nsubjpass", "dobj", "attr", "pobj", "oprd"))


def _clause_chain(tok):
    """The trigger, then the verbs that govern it up to the first reporting verb (excluded)."""
    chain = [tok]
    cur = tok
    if cur.pos_ in ("NOUN", "PROPN"):
        # a noun event takes the modality of the verb it depends on ("talks will take place")
        while cur.dep_ in ("pobj", "prep", "compound") and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ in _NOUN_TO_VERB and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX", "ADJ"):
            cur = cur.head
            chain.append(cur)
    while cur.dep_ in _CHAIN_DEPS and cur.head.i != cur.i:
        head = cur.head
        if head.lemma_.lower() in SPEECH_VERBS:
            break
        chain.append(head)
        cur = head
    return chain


def speech_verb(tok):
    """The reporting verb governing ``tok`` through a complement clause, or None."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return None
        head = cur.head
        if cur.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "conj") and head.lemma_.lower() in SPEECH_VERBS \
                and head.pos_ in ("VERB", "AUX"):
            return head
        if head.lemma_.lower() in SPEECH_VERBS and cur.dep_ in ("ccomp", "parataxis"):
            return head
        cur = head
    return None


def planned_noun(tok) -> bool:
    """Whether a noun event is what a planning verb or noun is about ("preparing sanctions")."""
    cur = tok
    while cur.dep_ in ("pobj", "prep", "compound") and cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in PLANNING_NOUNS:
            return True
    return (cur.dep_ in ("dobj", "nsubjpass") and cur.head.i != cur.i and cur.head.pos_ == "VERB"
            and cur.head.lemma_.lower() in PLANNING_VERBS)


def _is_conditional(sent, chain) -> bool:
    for t in chain:
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
    return any(t.lower_ in ("if", "unless") and t.dep_ == "mark" for t in sent)


def aux_marker(tok, sent=None) -> str | None:
    """``None``, ``"future"``, ``"hypothetical"`` or ``"negation"`` for the event triggered by ``tok``."""
    sent = sent if sent is not None else tok.sent
    chain = _clause_chain(tok)
    modal = None
    future = False
    hypo = False
    # noun-specific cues: "no talks", "upcoming talks", "talks scheduled for Thursday"
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "det" and c.lower_ == "no":
                return "negation"
            if c.dep_ in ("amod", "compound", "acl", "nmod") and c.lemma_.lower() in FUTURE_NOUN_MODS | {"schedule", "plan", "expect", "propose"}:
                if c.lemma_.lower() in ("possible", "potential"):
                    hypo = True
                else:
                    future = True
        if planned_noun(tok):
            future = True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in chain for c in t.children):
        return "hypothetical"
    prev = None
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never",)):
                # a negated governor ("did not agree to meet") negates the event only
                # for the trigger itself and its verb-phrase chain
                return "negation"
            if c.dep_ in ("aux", "auxpass"):
                w = c.lower_
                if w in FUTURE_MODALS:
                    future = True
                elif w in HYPO_MODALS and modal is None:
                    modal = w
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                hypo = True
        lem = t.lemma_.lower()
        if t is not tok and prev is not None and prev.dep_ in ("xcomp", "ccomp", "acomp", "pcomp", "advcl"):
            if lem in ATTEMPT_VERBS and t.tag_ in ("VBD", "VBN"):
                pass  # "attempted to assassinate": the attempt happened
            elif lem in FUTURE_GOVERNORS:
                future = True
            elif lem in HYPOTHETICAL_GOVERNORS:
                hypo = True
            elif lem == "be" and prev.dep_ == "xcomp":  # "is to meet"
                future = True
        # "going to meet": aux "going" is tagged as the head verb go with xcomp
        prev = t
    if hypo:
        return "hypothetical"
    if modal is not None:
        if _is_conditional(sent, chain):
            return "hypothetical"
        if modal in ("would", "could", "'d") and speech_verb(tok) is not None:
            return "future"
        return "hypothetical"
    if future:
        return "future"
    return None
