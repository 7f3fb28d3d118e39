"""Actors that are not named entities: role words ("police", "Russian forces"), groups ("a
group of Moroccan diplomats", "thousands of Nigerians"), peoples ("Iraqi Kurds") and the
pronouns the coreference left open ("they", "it")."""
from __future__ import annotations

from ..records import Actor
from .context import EventContext
from .roles import _of_object

__all__ = ["generic_actor", "own_state"]


_GROUP_WORDS = {"group", "groups", "thousands", "hundreds", "dozens", "tens", "millions", "scores", "members",
                "number", "some", "many", "most", "majority", "hundred", "thousand", "dozen", "million", "few",
                "several", "all", "none", "one", "two", "three", "part", "bunch", "batch", "patch", "contingent",
                "delegation", "team", "unit", "units"}


def _group_member(tok):
    """The noun a group or quantity word stands for: "a group of Moroccan diplomats" -> diplomats."""
    for _ in range(3):
        if tok.lower_ not in _GROUP_WORDS:
            return tok
        member = _of_object(tok)
        if member is None:
            return tok
        tok = member
    return tok


def _country_near(ctx: EventContext, tok) -> str | None:
    """The country a noun phrase names for its head: an adjective or compound ("Russian forces",
    "Ivory Coast rebels"), a possessor ("Ukraine's army"), an "of"/"from" phrase, or a place it
    is in ("opposition groups in Zimbabwe", "students throughout Indonesia")."""
    kb = ctx.kb
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i]
    if mods:  # the whole modifier phrase first ("Ivory Coast"), then each word
        left = min(m.left_edge.i for m in mods)
        phrase = ctx.doc[left:tok.i]
        for text in [phrase.text] + [m.text for m in mods]:
            cc = kb.country_by_name(text)
            if cc is not None:
                return cc.code
        for m in mods:
            a = ctx.actors.actor_for_token(m.i)
            if a is not None and a.code and a.code not in ("IGO", "NGO", "MNC"):
                return a.code
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "in", "throughout", "across", "inside"):
            for g in c.children:
                a = ctx.actors.actor_for_token(g.i)
                if a is not None and a.code and a.code not in ("IGO", "NGO", "MNC"):
                    return a.code
                for p in ctx.places:
                    if p.start <= g.idx < p.end and p.country_code:
                        return p.country_code
    return None


def _sentence_country(ctx: EventContext, sent, exclude: set | None = None) -> str | None:
    """The country of the first town or region named in the sentence; with ``exclude``, of
    the first place of any kind (countries too) whose country is not in it ("an attack on
    Ukraine, killing seven people": the victims are not the attacker's)."""
    for p in ctx.places:
        if not (sent.start_char <= p.start < sent.end_char and p.country_code):
            continue
        if exclude is None and (p.resolution or 0) >= 2:
            return p.country_code
        if exclude is not None and p.country_code not in exclude and len(p.country_code) == 3:
            return p.country_code
    return None


def generic_actor(ctx: EventContext, tok, fallback: str | None = None, *, focus: bool = True) -> Actor | None:
    """An unnamed actor from a role word: "police", "Russian forces", "the ministry", "protesters",
    "a group of Moroccan diplomats", "thousands of Nigerians", "opposition groups in Zimbabwe".
    A role word with no country of its own takes ``fallback``, else (with ``focus``) the
    country the article is about."""
    kb = ctx.kb
    if tok.pos_ in ("ADJ", "PROPN", "NOUN") and tok.dep_ in ("amod", "compound", "nmod", "poss"):
        cc = kb.country_by_name(tok.text)
        if cc is not None:  # "Israeli" in "another Israeli strike", given as the actor head
            return Actor(entity_text=tok.text, code=cc.code, sector=None, start=tok.idx,
                         end=tok.idx + len(tok.text), confidence=0.45)
    group = tok
    tok = _group_member(tok)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    role = kb.role(tok.lower_) or kb.role(tok.lemma_.lower())
    compound = [c for c in tok.children if c.dep_ == "compound"]
    if compound:
        phrase = " ".join([c.lower_ for c in compound] + [tok.lower_])
        role = kb.role(phrase) or role
    code = _country_near(ctx, tok) or (_country_near(ctx, group) if group.i != tok.i else None)
    sector = role.sector if role is not None else None
    if sector is None:
        demonym = kb.country_by_name(tok.text) if tok.text.endswith("s") else None
        if demonym is not None:  # "Nigerians", "Iraqi Kurds": the people of a country
            code, sector = code or demonym.code, "CVL"
        elif code is not None and tok.pos_ == "PROPN" and (tok.tag_ == "NNPS" or tok.ent_type_ == "NORP"):
            code, sector = code, "CVL"  # "Iraqi Kurds", "Bosnian Serbs": a people of that country
        elif code is not None and tok.pos_ == "NOUN":
            # No role word, but a country modifies the noun: "Israeli strike", "the Syrian presidency".
            return Actor(entity_text=tok.text, code=code, sector=None, start=tok.idx,
                         end=tok.idx + len(tok.text), confidence=0.45)
        else:
            return None
    if code is None:
        code = fallback or (ctx.actors.focus if focus else None)
    if code is None:
        return None
    left = min([group.i, tok.i] + [c.i for c in group.children if c.dep_ in ("amod", "compound", "det", "poss", "nummod")
                                   and c.i < group.i])
    span = ctx.doc[left:tok.i + 1]
    return Actor(entity_text=span.text, code=code, sector=sector, start=span.start_char,
                 end=span.end_char, confidence=0.5)


_PRONOUNS = {"it", "they", "them", "its", "their", "we", "us", "our", "he", "she", "him", "her", "his"}


def _pronoun_actor(ctx: EventContext, pron) -> Actor | None:
    """A pronoun the coreference left open ("they", "it"): the subject of the clause that
    reports or governs it ("The Fijian rebels said they will ..."), else the nearest earlier
    subject in the sentence or the one before."""
    if pron.lower_ not in _PRONOUNS:
        return None
    doc = ctx.doc
    head = pron.head
    for _ in range(6):  # the reporting clause above the pronoun's clause
        if head.head.i == head.i:
            break
        head = head.head
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i and c.pos_ != "PRON"]
        if subj:
            a = ctx.actors.actor_for_token(subj[0].i) or generic_actor(ctx, subj[0])
            if a is not None:
                return a
    sent = pron.sent
    starts = [sent.start] + ([doc[sent.start - 1].sent.start] if sent.start > 0 else [])
    for lo in starts:
        for t in reversed(doc[lo:pron.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON":
                a = ctx.actors.actor_for_token(t.i) or generic_actor(ctx, t)
                if a is not None:
                    return a
    return None


def own_state(ctx: EventContext, r: Actor, codes: set) -> bool:
    """Whether recipient ``r`` is, by name, the state of one of the actors ("President Biden
    reaffirmed *the United States'* commitment", "protesters in *Belgrade*", "met at *the White
    House*"): a country, its capital or a place in it is where the actor belongs or acts, not
    whom the act is aimed at. Its government, people or institutions can be ("protests against
    the government"): only a bare state or place name counts."""
    if r.code not in codes or r.identifier_text or r.sector not in (None, "GOV"):
        return False
    text = r.entity_text.strip()
    for suffix in ("\u2019s", "'s", "\u2019", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text.lower().startswith("the "):
        text = text[4:]
    cc = ctx.kb.country_by_name(text)
    if cc is not None:
        return cc.code == r.code
    return r.start is not None and any(p.start <= r.start < p.end and p.country_code == r.code for p in ctx.places)
