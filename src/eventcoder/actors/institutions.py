"""State institutions named by a description: "the Indian navy", "Turkey's coast guard",
"the Iranian foreign ministry", "Nigerian police", "the army of Sudan".

A noun phrase whose head words are an institution of the role table (the PLOVER and
Phoenix agent lists plus the supplement, ``data/kb/roles.jsonl``: a role with a sector and
no office, such as ``navy`` MIL or ``foreign ministry`` GOV) and that names one country (an
adjective, a name, a possessor, or an "of" phrase) is that country's institution. It links to
the knowledge-base organisation of that country whose name or alias holds the institution
words ("Indian Navy", "Ministry of Foreign Affairs (Iran)"); otherwise it becomes a document
entity with the country and the sector and the phrase as written as its name (CODEBOOK 3:
an organisation missing from the knowledge base keeps its name as written).

Plural groups ("Russian troops", "rebels") are not institutions: the event arguments read
them as generic actors.
"""
from __future__ import annotations

from ..records import Entity
from .clusters import Cluster
from .kb import normalise

__all__ = ["INSTITUTION_SECTORS", "institution_phrases", "institution_words"]

# Sectors of state institutions (CODEBOOK 3).
INSTITUTION_SECTORS = frozenset(("MIL", "COP", "SPY", "GOV", "LEG", "JUD"))
# Institution words that are too general to name one body of a state.
_TOO_GENERAL = frozenset(("forces", "force", "troops", "official", "officials", "authorities", "authority",
                          "side", "state", "country", "nation", "people", "regime", "administration"))
# Words of a ministry's own name that its description uses another form of.
_SYNONYMS = {"foreign": ("foreign affairs", "external affairs", "foreign"), "defence": ("defence", "defense"),
             "defense": ("defence", "defense"), "interior": ("interior", "internal affairs", "home affairs")}


def institution_words(kb, words: list[str]):
    """The longest tail of ``words`` that the role table knows as an institution: (start, role)."""
    for k in range(len(words)):
        tail = " ".join(words[k:])
        r = kb.role(tail)
        if r is not None and r.role is None and r.sector in INSTITUTION_SECTORS and tail not in _TOO_GENERAL:
            return k, r
    return None


def _country_of(kb, chunk, head, before):
    """The one country a phrase names for its institution: a modifier before the institution
    words ("Indian", "Turkey's") or the object of an "of" phrase ("the army of Sudan")."""
    codes = []
    for t in before:
        if t.dep_ == "det":
            continue
        c = kb.country_by_name(t.text) or (kb.country_by_capital(t.text) if t.pos_ == "PROPN" else None)
        if c is not None:
            codes.append(c.code)
        elif t.pos_ == "PROPN" or t.dep_ == "poss":
            return None  # "the Wagner army", "Hamas's military wing": not a state's institution
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    cc = kb.country_by_name(g.text)
                    if cc is not None:
                        codes.append(cc.code)
    codes = list(dict.fromkeys(codes))
    return codes[0] if len(codes) == 1 else None


def _kb_institution(kb, code: str, words: str, sector: str, cache: dict):
    """The knowledge-base organisation of country ``code`` whose name or an alias holds the
    institution words (all of them, in any order), of the same sector; None when there is no
    such organisation or several. The answer depends on its arguments alone, so it is kept in
    ``cache`` (the resolver's, across documents) with each country's organisations and their
    normalised names."""
    key = (code, words, sector)
    if key in cache:
        return cache[key]
    by_country = cache.get(code)
    if by_country is None:
        by_country = cache[code] = [(e, [f" {normalise(n)} " for n in (e.name, *e.aliases)])
                                    for e in kb.entities if e.country == code and e.kind != "person"]
    wanted = [w for w in words.split()]
    alternatives = [_SYNONYMS.get(w, (w,)) for w in wanted]
    hits = []
    for e, norms in by_country:
        if e.sector and e.sector != sector:
            continue
        for norm in norms:
            if all(any(f" {alt} " in norm for alt in alts) for alts in alternatives):
                hits.append(e)
                break
    if len(cache) >= 100_000:
        cache.clear()  # bounded, so memory stays flat on a long stream
    found = cache[key] = hits[0] if len(hits) == 1 else None
    return found


def institution_phrases(kb, chunks, clusters: list[Cluster], by_key: dict, token_cluster: dict, claim,
                        cache: dict, default: str | None = None) -> None:
    """Turn unclaimed noun phrases that describe one state's institution into entities. A
    definite or capitalised one that names no country ("the Defence Ministry said") is the
    institution of ``default``, the country the article is about."""
    for chunk in chunks:
        head = chunk.root
        if head.i in token_cluster:
            continue
        if head.tag_ not in ("NN", "NNP") or head.pos_ not in ("NOUN", "PROPN"):
            continue  # singular: "the army", not "troops"
        toks = [t for t in chunk if not t.is_punct]
        words = [t.lower_ for t in toks]
        found = institution_words(kb, words)
        if found is None:
            continue
        k, role = found
        if toks[k].i > head.i or any(t.i in token_cluster for t in toks[k:]):
            continue
        code = _country_of(kb, chunk, head, toks[:k])
        if code is None:
            named = any(t.is_title for t in toks[k:]) or toks[0].lower_ == "the"
            if default is None or not named or any(t.dep_ != "det" for t in toks[:k]):
                continue
            code = default
        inst = " ".join(words[k:])
        e = _kb_institution(kb, code, inst, role.sector, cache)
        key = f"org:{e.id}" if e is not None else f"institution:{code}:{inst}"
        ci = by_key.get(key)
        if ci is None:
            if e is not None:
                entity = Entity(e.name, e.qid, code, e.sector or role.sector, e.kind, confidence=0.7,
                                evidence=[f"institution phrase: {inst} of {code}, knowledge-base organisation"])
            else:
                country = kb.country(code)
                adjective = country.adjectives[0] if country is not None and country.adjectives else code
                name = f"{adjective} {inst.title()}"  # "Turkey's coast guard" and "the Turkish coast guard" alike
                entity = Entity(name, None, code, role.sector, "organisation", confidence=0.5,
                                evidence=[f"institution phrase: {inst} ({role.sector}) of {code}; "
                                          "not in the knowledge base, name as written"])
            clusters.append(Cluster(kind="organisation", entity=entity))
            ci = by_key[key] = len(clusters) - 1
        claim(chunk.start, chunk.end, ci)
