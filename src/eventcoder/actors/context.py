"""What the text says around a name: titles, offices, countries.

"Ukrainian President Volodymyr Zelensky", "Kremlin spokesman Dmitry Peskov",
"Pavel Zemlyanikin, foreign minister of Russia", "His chief of staff, Ivan
Petrenko": the words before a name in its noun phrase and its appositions give
the office (a normalised role of the knowledge base) and the country.
"""
from __future__ import annotations

from dataclasses import dataclass, field


_STOP_DEPS = {"punct", "cc", "prep", "det", "case"}
_MAX_TITLE_TOKENS = 8


@dataclass
class TitleContext:
    words: list[str] = field(default_factory=list)  # the title words as written
    roles: list[str] = field(default_factory=list)  # normalised office roles (foreign_minister ...)
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # alpha-3 codes, IGO for international bodies
    igo: str | None = None  # canonical name of an IGO named in the title (EU, UN ...)
    place_countries: list[str] = field(default_factory=list)  # countries of toponyms in the title
    start: int | None = None  # first token of the title phrase

    def merge(self, other: "TitleContext") -> None:
        for name in ("words", "roles", "sectors", "countries", "place_countries"):
            mine = getattr(self, name)
            mine.extend(x for x in getattr(other, name) if x not in mine)
        self.igo = self.igo or other.igo

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None


def _phrase_lookups(kb, words: list[str], ctx: TitleContext) -> None:
    """Longest-first n-gram lookup of roles, countries and IGOs among title words."""
    n = len(words)
    used = [False] * n
    for size in range(min(5, n), 0, -1):
        for i in range(0, n - size + 1):
            if any(used[i:i + size]):
                continue
            phrase = " ".join(words[i:i + size])
            low = phrase.lower()
            role = kb.role(low)
            country = kb.country_by_name(phrase) or kb.country_by_capital(phrase)
            ents = [e for e in kb.by_name(phrase) if e.kind in ("igo", "organisation", "armed_group")] if size <= 3 else []
            hit = False
            if country is not None:
                ctx.countries.append(country.code)
                hit = True
                if kb.country_by_capital(phrase) is not None and kb.country_by_name(phrase) is None:
                    ctx.sectors.append("GOV")
            elif ents:
                ent = ents[0]
                if ent.country == "IGO" or ent.kind == "igo":
                    ctx.igo = ctx.igo or ent.name
                    ctx.countries.append("IGO")
                elif ent.country:
                    ctx.countries.append(ent.country)
                if ent.sector:
                    ctx.sectors.append(ent.sector)
                hit = True
            if role is not None and not hit:
                if role.role:
                    ctx.roles.append(role.role)
                if role.sector:
                    ctx.sectors.append(role.sector)
                hit = True
            if hit:
                for k in range(i, i + size):
                    used[k] = True


def title_context(kb, span, places=()) -> TitleContext:
    """The title words around a name span (a spaCy Span) and what they mean.

    ``places`` (resolved toponyms of the document) give a country to titles such as
    "the military commander of the Cherkasy region"."""
    doc = span.doc
    ctx = TitleContext()
    words: list[str] = []
    # Words before the name in the same phrase: "EU foreign policy chief Josep Borrell".
    i = span.start - 1
    before = []
    while i >= span.sent.start and len(before) < _MAX_TITLE_TOKENS:
        tok = doc[i]
        if tok.is_punct and tok.text not in (".", "-", "’s", "'s", "(", ")"):
            break
        if tok.text == "." and before:
            break  # a full stop the parser left inside the sentence ("... Venezuela. - President X")
        if tok.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ") or tok.dep_ in ("det",):
            break
        if tok.ent_type_ == "PERSON" and tok.i < span.start - 1 and before:
            break
        before.append(tok)
        i -= 1
    before.reverse()
    if before:
        ctx.start = before[0].i
    words.extend(t.text for t in before if not t.is_punct)
    # Appositions: a name in apposition to "chief of staff", or "X, foreign minister of Russia".
    head = span.root
    appos_sources = []
    if head.dep_ == "appos" and head.head.i < span.start:
        appos_sources.append(head.head)
    appos_sources.extend(c for c in head.children if c.dep_ == "appos")
    for src in appos_sources:
        sub = [t for t in src.subtree if not (span.start <= t.i < span.end)]
        if len(sub) <= 12:
            words.extend(t.text for t in sub if t.dep_ not in _STOP_DEPS and not t.is_punct and t.pos_ != "DET")
    ctx.words = words
    if words:
        _phrase_lookups(kb, words, ctx)
    # "President Samia Suluhu Hassan of Tanzania", "Prime Minister Hun Sen of Cambodia": an "of"
    # phrase on the name that names a country is the person's country.
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                left = min(pobj.left_edge.i, pobj.i)
                phrase = doc[left:pobj.i + 1].text
                if phrase.lower().startswith("the "):
                    phrase = phrase[4:]
                country = kb.country_by_name(phrase) or kb.country_by_name(pobj.text)
                if country is not None and country.code not in ctx.countries:
                    ctx.countries.insert(0, country.code)
    if places:
        # Toponyms in the title give the country of an unknown official ("the military commander
        # of the Cherkasy region"); they never constrain a link (a place is not a nationality).
        title_toks = list(before) + [t for src in appos_sources for t in src.subtree
                                     if not (span.start <= t.i < span.end)]
        for tok in title_toks:
            for p in places:
                if p.start <= tok.idx < p.end and p.country_code and p.country_code not in ctx.place_countries:
                    ctx.place_countries.append(p.country_code)
    return ctx


def country_words(kb, tokens) -> list[str]:
    """Country codes named by adjectives, names or capitals among the given tokens."""
    out = []
    for tok in tokens:
        c = kb.country_by_name(tok.text) or kb.country_by_capital(tok.text)
        if c is not None and c.code not in out:
            out.append(c.code)
    return out
