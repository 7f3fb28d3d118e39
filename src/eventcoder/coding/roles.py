"""Argument roles read off the dependency parse: the actors and recipients of a matched trigger.

The trigger matching in ``extract.py`` finds what happened; this module reads who did it to
whom: the subject or ``by``-agent of a verb (inherited across conjuncts, control verbs and
adverbial clauses), the possessor, ``by``-phrase or entity modifier of an event noun, the
light verb a noun event is the object of ("held talks"), and the recipient slots a lexicon
pattern names (object, dative, possessor, a preposition). It also holds the small parse
helpers that both modules use.
"""
from __future__ import annotations

from .modality import SPEECH_VERBS

__all__ = ["expand", "light_verb", "match_arguments", "verb_args"]

OBJECT_CONTROL = frozenset(
    "ask urge persuade force order tell invite allow enable encourage press pressure push compel "
    "oblige instruct convince help call".split()
)

LIGHT_VERBS = frozenset(
    "hold have conduct carry stage launch make give issue lodge file mount begin start resume continue "
    "open join attend host sign reach announce impose declare introduce pay participate engage take lead "
    "organize organise order wage unleash step intensify escalate deliver send provide offer express voice "
    "extend seek perpetrate commit claim suffer come go receive complete finish conclude end undertake "
    "renew speed accelerate hasten expedite converge gather".split()
)

# A noun event that is the object of these in the passive takes the passive subject as its
# actor ("forces were engaged in ethnic cleansing").
PASSIVE_PARTICIPATION = frozenset(("engage", "involve"))

# A noun event in a compound ("a mediation mission", "a mediation effort") takes the
# arguments of the phrase it heads.
FRAME_NOUNS = frozenset("mission effort bid initiative attempt campaign process role drive push".split())

# Nouns of a document or utterance: "issued a declaration demanding ..." is the issuer's act.
DOC_NOUNS = frozenset(
    "statement declaration letter communique communiqué resolution message note decree order appeal "
    "report memorandum text document motion petition notice".split()
)

WRONGDOING_TYPES = frozenset(("ACCUSE", "PROTEST"))
TARGET_OBJECT_TYPES = frozenset(("SANCTION", "COERCE", "ASSAULT"))

# Participles that, with "be" and no agent, state the subject's own stance.
STATIVE_PASSIVES = frozenset(("oppose",))

COPULAS = frozenset("be seem remain appear look become prove sound".split())
ACTOR_ENTS = frozenset(("GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"))
_SUBJ = ("nsubj", "csubj", "expl")


def _is_passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _walk(toks, step):
    """Breadth-first from ``toks``: each token once, in the order met; ``step(t)`` gives the next ones."""
    out, seen = [], set()
    stack = list(toks)
    while stack:
        t = stack.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t)
        stack.extend(step(t))
    return out


def _with_conj(toks):
    return _walk(toks, lambda t: (c for c in t.children if c.dep_ == "conj"))


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _of_object(tok):
    """The object of an 'of' phrase on ``tok`` ("worth of goods" -> goods), or None."""
    return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def _expletive_it(verb) -> bool:
    """Whether an "it" subject of ``verb`` is a dummy ("it is time to", "it was reported that")
    rather than a pronoun for an actor ("Japan said it had halted aid")."""
    if _lemma(verb) in COPULAS or verb.pos_ == "AUX" or _lemma(verb) in ("take", "happen", "matter", "emerge"):
        return True
    return _is_passive(verb) and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def _resolve_rel(toks):
    out = []
    for t in toks:
        if t.tag_ in ("WDT", "WP") and t.head.dep_ == "relcl":
            out.append(t.head.head)
        else:
            out.append(t)
    return out

def expand(toks):
    """Heads of each conjunct and apposition; 'leaders of X, Y and Z' adds X, Y, Z."""
    def step(t):
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                yield c
            elif c.dep_ == "prep" and c.lower_ == "of" and t.tag_ == "NNS" and not t.ent_type_:
                yield from (g for g in c.children if g.dep_ == "pobj"
                            and (g.pos_ == "PROPN" or g.ent_type_ in ACTOR_ENTS or any(x.dep_ == "poss" for x in g.children)))
    return _walk(_resolve_rel(toks), step)


def verb_args(verb, depth: int = 0):
    """(actors, patients) of a verb, inheriting the subject across conj/xcomp/advcl."""
    passive = _is_passive(verb)
    subj = [c for c in verb.children if c.dep_ in _SUBJ and c.lower_ != "there"
            and not (c.lower_ == "it" and _expletive_it(verb))]
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
    actors = agents if passive else subj
    if passive and not agents and _lemma(verb) in STATIVE_PASSIVES:
        actors, patients = patients, []  # "Israel is opposed to ...": a stance, not a passive act
    if not actors and depth < 4 and verb.head.i != verb.i:
        head, dep = verb.head, verb.dep_
        if dep == "conj" and not patients:
            a, p = verb_args(head, depth + 1)
            actors = a
            if passive and not patients:
                patients = p
        elif dep == "ccomp" and _lemma(head) in SPEECH_VERBS:
            pass  # "'Four civilians have been killed,' the governor said": the speaker reports, not acts
        elif dep in ("xcomp", "advcl", "ccomp") and not (dep == "ccomp" and not passive):
            head_objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if dep == "xcomp" and head_objs and _lemma(head) in OBJECT_CONTROL:
                actors = head_objs
            elif head.pos_ == "ADJ" or (dep == "xcomp" and head.pos_ == "AUX"):
                actors = [c for c in head.head.children if c.dep_ in _SUBJ] if head.pos_ == "ADJ" else \
                    [c for c in head.children if c.dep_ in _SUBJ]
            else:
                actors = verb_args(head, depth + 1)[0]
        elif dep == "acl":
            if verb.tag_ == "VBN":
                patients = patients or [head]
            elif _lemma(head) in DOC_NOUNS:
                # "issued a declaration demanding ...": the issuer, else the document
                issuer = [c for c in head.children if c.dep_ == "poss"]
                if not issuer and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
                    issuer = verb_args(head.head, depth + 1)[0]
                actors = issuer or [head]
            else:
                actors = [head]
        elif dep == "relcl":
            actors = [head]
        elif dep == "acomp" and _lemma(head) in COPULAS:  # "Hungary is opposed to ..."
            actors = [c for c in head.children if c.dep_ in _SUBJ]
    return expand(actors), expand(patients)

def _by_agents(noun, trigger):
    """The agent of an act noun: "crimes by X", "crimes committed by X" (not the agent of
    the trigger itself: "a protest staged by students")."""
    heads = [noun] + [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i != trigger.i]
    return [g for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for g in c.children if g.dep_ == "pobj"]

def _pobjs(hosts, prep_lemma: str, exclude):
    out = []
    for h in hosts:
        for c in h.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep_lemma and c.i not in exclude:
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return expand(out)

def light_verb(noun):
    """The light verb a noun event is the object of ('held talks', 'took part in talks')."""
    cur = noun
    for _ in range(3):
        if cur.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and cur.head.pos_ in ("VERB", "AUX"):
            return cur.head if _lemma(cur.head) in LIGHT_VERBS else None
        if cur.dep_ == "pobj":
            cur = cur.head.head  # prep -> its head
            if cur.pos_ in ("VERB", "AUX") and _lemma(cur) in LIGHT_VERBS:
                return cur
            continue
        if cur.dep_ == "conj" or (cur.dep_ == "compound" and _lemma(cur.head) in FRAME_NOUNS):
            cur = cur.head
            continue
        return None
    return None

def match_arguments(m):
    """(actors, recipients) of a trigger match (``extract._Match``): token heads, one per conjunct."""
    tok, p = m.tok, m.pattern
    consumed = set(m.tokens)
    if p.pos == "NOUN":
        actors = [c for c in tok.children if c.dep_ == "poss"]
        actors += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if not actors:
            actors = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i not in consumed
                      and (c.ent_type_ in ACTOR_ENTS)]
        frame = tok.head if tok.dep_ == "compound" and _lemma(tok.head) in FRAME_NOUNS else None
        nouns = [tok] + ([frame] if frame is not None else [])
        third_party = bool(p.recipient) and p.recipient[0] == "prep:between"
        between = [] if third_party else (_pobjs([tok], "between", consumed) or _pobjs([tok], "among", consumed))
        actors = expand(actors) + [b for b in between if b not in actors]
        light = light_verb(tok)
        hosts = nouns + ([light] if light is not None else [])
        if not actors and light is not None:
            actors = verb_args(light)[0]
            if not actors and _lemma(light) in PASSIVE_PARTICIPATION and _is_passive(light):
                actors = expand([c for c in light.children if c.dep_ == "nsubjpass"])
        patients, objs = [], []
    elif p.pos == "ADJ":
        head = tok.head if tok.dep_ in ("acomp", "oprd") else tok
        actors = expand([c for c in head.children if c.dep_ in _SUBJ])
        if tok.dep_ == "amod":
            actors = expand([tok.head])
        hosts, patients, objs = [tok], [], []
    else:
        actors, patients = verb_args(tok)
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        hosts = [tok, *m.obj, *m.merged_hosts]
    if m.recipients_override is not None:
        return actors, expand(m.recipients_override)
    recipients = []
    matched_obj = {o.i for o in m.obj} | {o.i for o in m.pobj}
    for slot in p.recipient:
        if slot == "dobj":
            cands = expand(objs) + (patients if _is_passive(tok) or tok.dep_ == "acl" else [])
            cands = [c for c in cands if c.i not in matched_obj]
        elif slot == "dative":
            cands = expand([c for c in tok.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"])
            cands += _pobjs([tok, *m.obj], "to", consumed) if not cands else []
        elif slot == "poss":
            cands = expand([c for h in (tok, *m.obj) for c in h.children if c.dep_ == "poss"])
            cands = [c for c in cands if c not in actors]
        else:
            cands = _pobjs(hosts, slot.split(":", 1)[1], set())
        cands = [c for c in cands if c.i not in matched_obj and c not in actors
                 and c.ent_type_ not in ("DATE", "TIME")]  # "lifted the curfew on Monday"
        if cands:
            recipients = cands
            break
    if p.type in WRONGDOING_TYPES:
        # "investigating crimes by Croatian extremists", "protest the violations by the
        # military": the perpetrator of the wrong is the target, not its victims
        nouns = [*objs, *m.obj, *m.pobj, *recipients]
        if p.pos == "NOUN":
            nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        perps = [c for c in expand([x for n in nouns if n.pos_ == "NOUN" and not n.ent_type_
                                          for x in _by_agents(n, tok)]) if c not in actors]
        if perps:
            recipients = perps
    if not recipients and p.pos == "VERB" and p.type == "REQUEST":
        # "demanded that Israel ease restrictions": the subject of the demanded clause
        recipients = [c for c in expand([g for c in tok.children if c.dep_ == "ccomp"
                                               for g in c.children if g.dep_ in ("nsubj", "nsubjpass")])
                      if c not in actors]
    if not recipients and p.type in TARGET_OBJECT_TYPES:
        # "expelled two Russian diplomats": the country the matched object belongs to
        recipients = [c for o in m.obj for c in o.children if c.dep_ in ("amod", "compound")
                      and c.ent_type_ in ("NORP", "GPE") and c not in actors][:1]
    return actors, recipients
