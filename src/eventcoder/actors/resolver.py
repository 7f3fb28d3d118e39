"""Actor mentions in a parsed document, linked to knowledge-base entities.

The stage finds names (people, organisations), states (country names,
capitals and seats of power used for their government), descriptions ("the
Ukrainian leader") and pronouns, groups them into document entities
(in-document coreference) and links each entity to the knowledge base:

* candidates come from exact names and aliases, surname matches, fuzzy and
  phonetic matches, and the holders of the office the text names;
* each candidate is scored by name similarity (``names.name_similarity``)
  plus the context: the office in the title, the country, and whether the
  office was held at the article's date;
* a link is made only when the written name is a plausible corruption of the
  candidate's and the context does not contradict it; otherwise the person
  keeps the name as written, with country and sector from the title words.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from ..records import Actor, Entity, Span
from .context import TitleContext, title_context
from .clusters import Cluster as _Cluster
from .clusters import clean_name as _clean_name
from .clusters import introduced_as_relative
from .coref import CoreferenceMixin, long_form_fits
from .institutions import institution_phrases, institution_words
from .kb import normalise as kb_normalise
from .names import jw, name_similarity, normalise, surname, tokens
from .names import _PARTICLES as _NAME_PARTICLES
from .unlabelled import known_org_around, unlabelled_orgs

log = logging.getLogger(__name__)



@dataclass
class ActorAnalysis:
    """The actors of one document and where the text mentions them."""

    entities: list[Entity]
    token_entity: dict[int, int]  # token index -> entity index
    mention_at: dict[int, Span]  # token index -> the mention (as written) covering it
    focus: str | None  # the country the article is mostly about

    def actor_for_token(self, i: int) -> Actor | None:
        k = self.token_entity.get(i)
        if k is None:
            return None
        return self.entities[k].actor(self.mention_at[i])

    def entity_for_chars(self, start: int, end: int) -> int | None:
        for i, span in self.mention_at.items():
            if span.start < end and start < span.end:
                return self.token_entity[i]
        return None


class ActorResolver(CoreferenceMixin):
    """Finds, groups and links the actors of a parsed document."""

    def __init__(self, kb, *, link_threshold: float = 0.88, office_threshold: float = 0.79):
        self.kb = kb
        self.link_threshold = link_threshold
        self.office_threshold = office_threshold
        self._pools = kb.name_pools()  # built with the knowledge base (and kept in its load cache)
        self._extract_cache: dict[tuple, list] = {}
        self._institution_cache: dict = {}  # country -> its KB organisations; (country, words, sector) -> one

    def _extract(self, query: str, pool: str, limit: int, cutoff: float) -> list[tuple]:
        """(name, score, entity index) of the best Jaro-Winkler matches in a pool (``FuzzyPool``)
        (``people``, ``others`` or ``surnames``; for surnames the list of the people bearing
        it: ``fuzzy.name_pools``), memoised: one scan costs several milliseconds and the same
        names recur in document after document."""
        key = (query, pool, limit, cutoff)
        hit = self._extract_cache.get(key)
        if hit is None:
            if len(self._extract_cache) >= 50_000:
                self._extract_cache.clear()  # bounded, so memory stays flat on a long stream
            choices, ents = self._pools[pool]
            hit = self._extract_cache[key] = [
                (name, score, ents[k]) for name, score, k in choices.extract(query, limit, cutoff)]
        return hit

    # ------------------------------------------------------------------ linking
    def _candidates(self, name: str, ctx: TitleContext, date: str | None) -> set[int]:
        kb = self.kb
        cands: set[int] = set()
        norm = normalise(name)
        for e in kb.by_name(name):
            cands.add(self._index(e))
        for e in kb.by_surname(surname(name)):
            cands.add(self._index(e))
        for _, _, k in self._extract(norm, "people", 8, 0.8):
            cands.add(k)
        sur = surname(name)
        if sur:
            for _, _, people in self._extract(sur, "surnames", 12, 0.82):
                cands.update(people)
        for role in ctx.roles:
            for country in ctx.countries or [None]:
                for e in kb.by_office(role, country if country != "IGO" else None, date):
                    cands.add(self._index(e))
        return {c for c in cands if kb.entities[c].kind == "person"}

    def _index(self, ent) -> int:
        idx = getattr(self, "_ent_index", None)
        if idx is None:
            idx = self._ent_index = {id(e): i for i, e in enumerate(self.kb.entities)}
        return idx[id(ent)]

    def _office_fit(self, ent, ctx: TitleContext, date: str | None) -> tuple[float, object | None]:
        """(bonus, office) for how well the entity's offices fit the title and date."""
        best, best_office = 0.0, None
        for off in ent.offices:
            active = off.active_on(date) if date else None
            score = 0.0
            if off.role and off.role in ctx.roles:
                score += 0.5
            if ctx.countries and off.country in ctx.countries:
                score += 0.2
            if active is True:
                score += 0.2
            elif active is False:
                score -= 0.3
            if score > best or best_office is None or (
                    score == best and (off.start or "") > (best_office.start or "")):
                best, best_office = score, off  # of equals, the most recent office
        return best, best_office

    def link_person(self, name: str, ctx: TitleContext, date: str | None, prior=()):
        """The best KB person for a written name in context, or None (with evidence).

        A wrong link is worse than no link (CODEBOOK 3), so a name links only when the name
        and the context agree:

        * the written name is the person's name or an alias (two words or more), and nothing
          in the title contradicts it (another country, an office not held then); or
        * it is a plausible garbling of it (surname close, ``names.name_similarity`` over the
          threshold) *and* the context supports the person: the title names an office they
          held (``fit`` >= 0.5), or a country of theirs, or the article is about one of their
          countries (``prior``: the article's most frequent countries);
        * a bare surname links only when one KB person bears it, or with that support.
        """
        kb = self.kb
        written = tokens(name)
        norm = normalise(name)
        w_sur = next((t for t in reversed(written) if t not in _NAME_PARTICLES), written[-1] if written else "")
        about = set(prior[:3])
        floor = min(self.office_threshold, self.link_threshold)

        def judge(ks):
            best, best_key = None, None
            for k in ks:
                ent = kb.entities[k]
                names = (ent.name, *ent.aliases)
                sim = max(name_similarity(name, n) for n in names)
                if sim < floor:
                    continue  # below either threshold, whatever the office fit (most office holders)
                fit, office = self._office_fit(ent, ctx, date)
                theirs = {ent.country} | {o.country for o in ent.offices}
                country_ok = not ctx.countries or bool(theirs & set(ctx.countries))
                threshold = self.office_threshold if fit >= 0.6 else self.link_threshold
                if sim < threshold or not country_ok:
                    continue
                if ctx.roles and fit < 0.0:
                    continue  # the text names an office this person did not hold then
                held = any(o.role and o.role in ctx.roles for o in ent.offices)  # "President Bush", any date
                supported = held or bool(ctx.countries and theirs & set(ctx.countries)) or bool(theirs & about)
                exact = len(written) > 1 and any(normalise(n) == norm for n in names)
                if len(written) == 1:
                    same_surname = [e for e in kb.by_surname(w_sur) if e.kind == "person"]
                    if not supported and not (len(same_surname) == 1 and same_surname[0] is ent):
                        continue  # "Khan", "Kim": which one?
                elif not exact:
                    k_sur = max((jw(w_sur, t) for n in names for t in tokens(n)[-1:]), default=0.0)
                    if not supported or (k_sur < 0.84 and fit < 0.6):
                        continue  # a similar name with nothing else in common is another person
                    if k_sur < 0.84 and about and not (theirs & about) and not (
                            ctx.countries and theirs & set(ctx.countries)):
                        # A different surname held together by the office alone, in an article about
                        # other countries: another country's president ("deposed president Mohamed
                        # Bazoum" is not Mauritania's Mohamed Ould Ghazouani).
                        continue
                total = sim + 0.5 * fit + (0.05 if exact else 0.0)
                key = (exact, total)  # the written full name of a known person is that person
                if best is None or key > best_key:
                    best, best_key = (total, ent, office, sim, fit), key
            return best, best_key

        if len(written) > 1:
            # The written full name of a known person is that person (``key`` below puts exact
            # names first): when every person of exactly this name is among the candidates by
            # name, and one of them fits, the fuzzy and office candidates cannot win: skip them.
            named = kb.people_named(norm)
            if named and set(named) <= {self._index(e) for e in kb.by_name(name)}:
                best, best_key = judge(named)
                if best is not None and best_key[0]:
                    return best
        return judge(self._candidates(name, ctx, date))[0]

    # ------------------------------------------------------------------ the stage
    def resolve(self, doc, published: str | None, places=None, publisher: str | None = None) -> ActorAnalysis:
        """The document's actors. ``publisher`` is the country of a government publisher
        (``actors.publisher``): its texts' "the President" is that country's."""
        kb = self.kb
        clusters: list[_Cluster] = []
        by_key: dict[str, int] = {}
        token_cluster: dict[int, int] = {}
        mention_at: dict[int, Span] = {}

        def claim(start: int, end: int, ci: int) -> None:
            span = doc[start:end]
            text = span.text
            m = Span(text, span.start_char, span.end_char)
            for i in range(start, end):
                if i not in token_cluster:
                    token_cluster[i] = ci
                    mention_at[i] = m

        def cluster_for(key: str, kind: str) -> int:
            if key not in by_key:
                clusters.append(_Cluster(kind=kind))
                by_key[key] = len(clusters) - 1
            return by_key[key]

        place_spans = [(p.start, p.end) for p in places or ()]
        prior = self._country_prior(doc, places)

        def is_place(span) -> bool:
            return any(a <= span.start_char and span.end_char <= b for a, b in place_spans)

        def add_state(start: int, end: int, code: str, is_seat: bool) -> None:
            ci = cluster_for(f"state:{code}:{'gov' if is_seat else ''}", "state")
            c = clusters[ci]
            if c.entity is None:
                c.entity = Entity(None, None, code, "GOV" if is_seat else None, "state", confidence=0.9,
                                  evidence=["capital or seat of government" if is_seat else "country name"])
            claim(start, end, ci)

        # 1. Named people and organisations (NER proposes; the knowledge base and gazetteer decide).
        for ent in self._repair_person_spans(doc, sorted(list(doc.ents) + self._unlabelled_names(doc, is_place),
                                                         key=lambda e: e.start)):
            if ent.label_ in ("PERSON", "ORG"):
                ent = known_org_around(kb, ent) or ent  # "Reporters Without Borders" with "Without Borders" tagged
            text = _clean_name(ent.text)
            if ent.label_ != "PERSON" and ent.label_ in _MISLABELLED \
                    and not any(e.kind != "person" for e in kb.by_name(text)) \
                    and not kb.country_by_name(text) and not kb.country_by_capital(text) \
                    and not is_place(ent) and self._introduced_as_person(ent):
                # "Klaus Iohanis, the president of Romania" tagged ORG: a title or role says person.
                from spacy.tokens import Span as SpacySpan
                ent = SpacySpan(doc, ent.start, ent.end, label="PERSON")
            if ent.label_ == "PERSON" and self._organisation_not_person(text, ent, clusters):
                from spacy.tokens import Span as SpacySpan
                ent = SpacySpan(doc, ent.start, ent.end, label="ORG")  # "JMSDF", "Hamas" tagged PERSON
            if ent.label_ not in ("PERSON", "ORG", "NORP"):
                continue
            if ent.label_ == "PERSON" and (len(ent) == 1 and self._person_word(text)
                                           or all(kb.country_by_name(t.text) for t in ent if not t.is_punct)):
                continue  # "French", "President", "Bosnian Serbs": the parser's mistake, not a name
            state = kb.country_by_capital(text) or (kb.country_by_name(text) if ent.label_ != "NORP" else None)
            if state is not None and ent.label_ != "NORP":
                add_state(ent.start, ent.end, state.code, kb.country_by_capital(text) is not None
                          and kb.country_by_name(text) is None)
                continue
            if ent.label_ == "PERSON" or self._person_like(text, clusters):
                span = self._strip_title(ent)
                if span is None:
                    continue
                if is_place(span) and not kb.by_name(span.text) and not self._introduced_as_person(ent):
                    continue  # a place the parser took for a person ("Kot Lakhpat Jail"), unless titled
                ci = self._person_cluster(span, clusters, by_key)
                clusters[ci].spans.append(span)
                tctx = title_context(kb, span, places or ())
                clusters[ci].context.merge(tctx)
                # The mention includes its title: "President Trump", "Kremlin spokesman Dmitry Peskov".
                start = min(ent.start, tctx.start) if tctx.start is not None else ent.start
                claim(start, ent.end, ci)
            else:
                known = self._known_orgs(text, ent, prior)
                if ent.label_ == "NORP" and not (known and text.endswith("s")):
                    continue
                if not known and institution_words(kb, [t.lower_ for t in ent if not t.is_punct]) is not None:
                    continue  # "coast guard", "Defence Ministry": an institution, read with its country below
                key = f"org:{known[0].id}" if known else f"org:{normalise(text)}"
                ci = cluster_for(key, "organisation")
                clusters[ci].spans.append(ent)
                claim(ent.start, ent.end, ci)

        # 1b. Acronyms the text defines: "the World Food Programme (WFP)" ... "WFP said".
        self._acronyms(doc, clusters, by_key, token_cluster, claim, is_place)

        # 1c. Organisations the parser did not label, by their exact KB names ("G7", "USAID").
        org_spans = {i: (sp.start, sp.end) for c in clusters if c.kind == "organisation" and c.entity is None
                     for sp in c.spans for i in range(sp.start, sp.end)}
        for start, end, _known in unlabelled_orgs(kb, doc, token_cluster, is_place, org_spans):
            span = doc[start:end]
            for i in range(start, end):  # a part of the name the parser labelled goes into it
                old = token_cluster.pop(i, None)
                if old is not None:
                    clusters[old].spans = [sp for sp in clusters[old].spans
                                           if not (start <= sp.start and sp.end <= end)]
                    mention_at.pop(i, None)
            ci = cluster_for(f"org:{self._known_orgs(span.text, span, prior)[0].id}", "organisation")
            clusters[ci].spans.append(span)
            claim(start, end, ci)

        # 2. States: country names, capitals and seats of power (NER labels are not trusted).
        for start, end, code, is_seat in self._state_mentions(doc):
            if not any(i in token_cluster for i in range(start, end)):
                add_state(start, end, code, is_seat)

        # 2b. Surnames the parser left unlabelled ("Bogomaz blamed ..."): the person named before.
        surnames = {}
        for ci, c in enumerate(clusters):
            if c.kind == "person" and c.name and len(tokens(c.name)) > 1:
                surnames.setdefault(tokens(c.name)[-1], set()).add(ci)
        for tok in doc:
            if tok.i in token_cluster or tok.pos_ != "PROPN" or not tok.is_title:
                continue
            owners = surnames.get(normalise(tok.text), ())
            if len(owners) == 1:
                claim(tok.i, tok.i + 1, next(iter(owners)))

        # 3. Link the named clusters.
        for c in clusters:
            if c.entity is None and c.spans:
                c.entity = self._link_cluster(c, published, prior)

        focus = self._focus(clusters)
        local = _place_focus(places) or focus
        for c in clusters:
            e = c.entity
            if e is not None and e.kind == "person" and e.code is None and e.sector and local:
                e.code = local  # a local official named with a title: where the article's news is
                e.evidence.append(f"country of the article's places ({local})")
        # 4. Organisations named by a common phrase ("national police", "the foreign ministry"),
        # descriptions ("the Ukrainian leader") and pronouns.
        chunks = list(doc.noun_chunks)  # spaCy recomputes them at every access
        self._org_phrases(chunks, clusters, by_key, token_cluster, claim, [focus, *prior] if focus else prior)
        institution_phrases(kb, chunks, clusters, by_key, token_cluster, claim, self._institution_cache,
                            focus or local)
        self._descriptions(doc, chunks, clusters, token_cluster, claim, published, focus or local, publisher)
        self._pronouns(doc, clusters, token_cluster, claim)

        entities: list[Entity] = []
        remap: dict[int, int] = {}
        for ci, c in enumerate(clusters):
            if c.entity is None:
                continue
            remap[ci] = len(entities)
            entities.append(c.entity)
        token_entity = {i: remap[ci] for i, ci in token_cluster.items() if ci in remap}
        for i, k in token_entity.items():
            m = mention_at[i]
            ent = entities[k]
            if not any(x.start == m.start for x in ent.mentions):
                ent.mentions.append(m)
        return ActorAnalysis(entities, token_entity, {i: mention_at[i] for i in token_entity}, focus)

    # ------------------------------------------------------------------ helpers
    def _state_mentions(self, doc):
        """Country names, capitals and seats of power, longest first (up to four tokens).

        Token attributes are read once into lists: building spaCy spans for every window of
        a long briefing dominated this stage."""
        kb = self.kb
        n = len(doc)
        text, ws, punct = [], [], []
        for t in doc:  # one pass: every access to a token builds a Python object
            text.append(t.text)
            ws.append(t.whitespace_)
            punct.append(t.is_punct)
        firsts = kb.country_first_words()

        def may_start(k: int) -> bool:
            w = text[k]
            if w.lower() == "the":
                return True
            if not w[:1].isupper():
                return False
            # A window starting here names a country only if its first word starts a name (a
            # token glued to the next one may form another word with it, "Ukraine's": kept).
            first = kb_normalise(w).split()[:1]
            return not (first and first[0] not in firsts and ws[k])

        startable = [may_start(k) for k in range(n)]
        i = 0
        while i < n:
            hit = None
            if not startable[i]:
                i += 1  # every window below starts with this token: none can match
                continue
            for size in (4, 3, 2, 1):
                j = i + size
                if j > n or any(punct[i:j]):
                    continue
                phrase = "".join(text[k] + ws[k] for k in range(i, j - 1)) + text[j - 1]
                country = kb.country_by_name(phrase)
                seat = kb.country_by_capital(phrase) if country is None else None
                if country is None and seat is None:
                    continue
                last = doc[j - 1]
                if size == 1 and last.pos_ == "ADJ" or last.dep_ == "amod":
                    continue  # "Russian" modifies a noun: a country word, not an actor mention
                if country is not None:
                    if last.tag_ != "JJ" and not _is_adjective_use(doc[i:j], kb):
                        hit = (i, j, country.code, False)
                        break
                    continue
                if last.ent_type_ != "ORG" or size > 1:
                    hit = (i, j, seat.code, True)
                    break
            if hit:
                start, end = hit[0], hit[1]
                if start > 0 and text[start - 1].lower() == "the":
                    start -= 1
                yield (start, end, hit[2], hit[3])
                i = hit[1]
            else:
                i += 1

    def _organisation_not_person(self, text: str, ent, clusters) -> bool:
        """A PERSON label on the exact name of a known organisation that no known person bears,
        with no title before it and no person of that surname in the text ("JMSDF destroyers",
        "Hamas said")."""
        kb = self.kb
        hits = kb.by_name(text)
        if not hits or any(e.kind == "person" for e in hits) or self._introduced_as_person(ent):
            return False
        last = normalise(text).split()[-1] if normalise(text) else ""
        if any(c.kind == "person" and c.name and tokens(c.name)[-1:] == [last] for c in clusters):
            return False
        return True

    def _person_word(self, word: str) -> bool:
        """A word that introduces a person: an office ("president", "governor") or a person noun."""
        r = self.kb.role(word.lower())
        return (r is not None and r.role is not None) or word.lower() in _PERSON_NOUNS

    def _introduced_as_person(self, span) -> bool:
        """A title right before the name ("Foreign Minister X") or a role in apposition after it
        ("X, the president of Romania", "X, Brazil's defence minister"), or a name whose first
        word is a known person's given name after office or country words inside the span
        ("Prosecutor-General Ihor Krasnov" tagged ORG)."""
        doc = span.doc
        if span.start > 0 and self._person_word(doc[span.start - 1].text):
            return True
        k = span.start
        while k < span.end and (self._title_token(doc[k]) or doc[k].lower_ == "the"):
            k += 1
        rest = doc[k:span.end]
        if k > span.start and 2 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in rest) \
                and rest[0].lower_ in self.kb.given_names() \
                and not any(e.kind != "person" for e in self.kb.by_name(rest.text)):
            return True
        for c in span.root.children:
            if c.dep_ == "appos" and c.i >= span.end and self._person_word(c.text):
                return True
        nxt = span.end
        if nxt + 1 < len(doc) and doc[nxt].text == ",":
            window = doc[nxt + 1:min(len(doc), nxt + 7)]
            for t in window:
                if t.is_punct:
                    break
                if self._person_word(t.text) and t.pos_ == "NOUN":
                    return True
        return False

    def _repair_person_spans(self, doc, ents: list) -> list:
        """Person names the parser cut: a name ending in a particle takes the capitalised word
        after it ("Ursula von der" + "Leyen", which it tagged GPE), and a capitalised given
        name left out before it joins it ("Luiz" + "Inácio Lula da Silva") unless that word is
        a title, an office, a country or a name of its own."""
        from spacy.tokens import Span as SpacySpan

        kb = self.kb
        out = []
        skip_from = -1
        for k, ent in enumerate(ents):
            if ent.start < skip_from:
                continue  # swallowed by the person name before it
            if ent.label_ != "PERSON":
                out.append(ent)
                continue
            start, end = ent.start, ent.end
            n = len(doc)
            while True:
                if end < n and doc[end - 1].lower_ in _NAME_PARTICLES and doc[end].is_title and doc[end].is_alpha:
                    end += 1  # "Ursula von der" + "Leyen"
                elif end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                        and not doc[end].whitespace_ and doc[end + 1].is_alpha:
                    end += 2  # "Gordan Grlić" + "-Radman", "Moon Jae" + "-in"
                elif end < n and doc[end - 1].whitespace_ == " " and (
                        self._given_name_word(doc[end], allow_ent=True)
                        and (not doc[end].ent_type_ or self._one_token_ent(doc, end, ents, ("ORG", "PERSON")))):
                    end += 1  # "Arnoldo André" + "Tinoco" (tagged ORG), "Ismail Sabri" + "Yaakokob"
                else:
                    nxt = next((e for e in ents if e.start == end and e.label_ == "PERSON"), None)
                    if nxt is None or doc[end - 1].whitespace_ != " " or doc[end - 1].is_punct:
                        break
                    end = nxt.end  # "Mohammad Salem" + "Ould Merzoug": two PERSON spans side by side
            prev_end = out[-1].end if out else 0
            floor = max(prev_end, doc[ent.start].sent.start)
            while True:
                if start - 1 >= floor and self._given_name_word(doc[start - 1]):
                    start -= 1  # "Luiz" + "Inácio Lula da Silva"
                elif start - 2 >= floor and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                        and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha and doc[start - 2].is_title:
                    start -= 2  # "Sahle-" + "Work Zewde"
                else:
                    break
            if (start, end) != (ent.start, ent.end):
                ent = SpacySpan(doc, start, end, label="PERSON")
                skip_from = end
            out.append(ent)
        return out

    @staticmethod
    def _one_token_ent(doc, i: int, ents, labels) -> bool:
        """Token ``i`` is an entity of its own, one token long, of one of ``labels``."""
        return any(e.start == i and e.end == i + 1 and e.label_ in labels for e in ents)

    def _given_name_word(self, tok, allow_ent: bool = False) -> bool:
        """A capitalised word beside a person name that can be part of it: not a title, office,
        country, organisation or sentence-initial function word."""
        kb = self.kb
        low = tok.lower_
        if not (tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha) or (tok.ent_type_ and not allow_ent):
            return False
        if low in _TITLE_WORDS or low in _PERSON_NOUNS or kb.role(low) is not None:
            return False
        if kb.country_by_name(tok.text) or kb.country_by_capital(tok.text) or kb.by_name(tok.text):
            return False
        return True

    def _unlabelled_names(self, doc, is_place) -> list:
        """Names the parser did not label: two or three capitalised proper nouns introduced as a
        person by a title before them ("Governor Ihor Taburets") or an apposition with a role
        after them ("Ihor Taburets, the military commander of ...")."""
        from spacy.tokens import Span as SpacySpan

        labelled = {i for e in doc.ents for i in range(e.start, e.end)}
        out = []
        toks = list(doc)  # one pass: every doc[i] builds a new Python object
        namey = [t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.i not in labelled for t in toks]
        i, n = 0, len(doc)
        while i < n:
            j = i
            while j < n and j - i < 3 and namey[j]:
                j += 1
            if j - i >= 1:
                span = doc[i:j]
                before = toks[i - 1] if i > 0 else None
                titled = before is not None and self._person_word(before.text)
                appos = j - i >= 2 and any(c.dep_ == "appos" and any(self.kb.role(t.lower_) for t in c.subtree)
                                           for c in span.root.children)
                if (titled or appos) and not is_place(span) and not self.kb.country_by_name(span.text) \
                        and not self.kb.country_by_capital(span.text) and not self.kb.role(span.text.lower()) \
                        and not self.kb.by_name(span.text):
                    out.append(SpacySpan(doc, i, j, label="PERSON"))
                i = j
            else:
                i += 1
        return out

    def _person_like(self, text: str, clusters: list[_Cluster]) -> bool:
        """An ORG label on a surname ("Bogomaz said") or given name of a person in the text or KB."""
        toks = tokens(text)
        if not toks or len(toks) > 2 or self.kb.by_name(text) or self.kb.country_by_name(text) \
                or self.kb.role(text.lower()) is not None:
            return False
        for c in clusters:
            if c.kind == "person" and c.name:
                ct = tokens(c.name)
                if ct and (toks[-1] == ct[-1] or (len(toks) == 1 and toks[0] == ct[0])):
                    return True
        return len(toks) == 1 and any(e.kind == "person" for e in self.kb.by_surname(toks[0]))

    def _title_token(self, tok) -> bool:
        """A word of an office title, a country or a capital: "Parliament", "Prosecutor",
        "Netherlands"."""
        kb = self.kb
        return tok.lower_ in _TITLE_WORDS or tok.is_punct or kb.role(tok.lower_) is not None \
            or kb.country_by_name(tok.text) is not None or kb.country_by_capital(tok.text) is not None

    def _strip_title(self, ent):
        """Drop leading title words that spaCy put into a PERSON span ("President Putin"), and
        office, country and capital words glued before a name of two words or more ("Parliament
        Mohammad Bagher Ghaibaf", "Netherlands Timothy Broas")."""
        start = ent.start
        while start < ent.end - 1 and (ent.doc[start].lower_ in _TITLE_WORDS or ent.doc[start].is_punct):
            start += 1
        while ent.end - start > 2 and (self._title_token(ent.doc[start]) or ent.doc[start].lower_ == "the"):
            start += 1
        while ent.end - 1 > start and ent.doc[ent.end - 1].is_punct:
            ent = ent.doc[start:ent.end - 1]
        span = ent.doc[start:ent.end]
        if span.end > span.start and span[-1].text in ("’s", "'s"):
            span = ent.doc[span.start:span.end - 1]
        return span if len(span) else None

    @staticmethod
    def _person_cluster(span, clusters: list[_Cluster], by_key: dict[str, int]) -> int:
        toks = tokens(span.text)
        sur = toks[-1] if toks else normalise(span.text)
        # Same surname (or a near-identical spelling of it) as an earlier person: the same person.
        best, best_sim = None, 0.0
        kin = introduced_as_relative(span)
        for ci, c in enumerate(clusters):
            if c.kind != "person" or not c.name:
                continue
            c_toks = tokens(c.name)
            sim = JaroWinkler.normalized_similarity(sur, c_toks[-1]) if c_toks else 0.0
            if len(toks) > 1 and len(c_toks) > 1 and toks[0][0] != c_toks[0][0]:
                continue  # a different given name: another person of the same family
            if len(toks) > 1 and len(c_toks) == 1 and kin:
                continue  # 'his daughter Ivanka Trump' after 'Trump': a relative, not the one named so far
            if sim > best_sim:
                best, best_sim = ci, sim
        if (best is None or best_sim < 0.86) and len(toks) == 1:
            firsts = [ci for ci, c in enumerate(clusters) if c.kind == "person" and c.name
                      and len(tokens(c.name)) > 1 and tokens(c.name)[0] == toks[0]]
            if len(firsts) == 1:  # "Imran" after "Imran Khan"
                return firsts[0]
        if best is not None and best_sim >= 0.86:
            if len(toks) > len(tokens(clusters[best].name)):
                clusters[best].name = span.text
            return best
        clusters.append(_Cluster(kind="person", name=span.text, ))
        by_key[f"person:{normalise(span.text)}:{len(clusters)}"] = len(clusters) - 1
        return len(clusters) - 1

    def _link_cluster(self, c: _Cluster, date: str | None, prior: list[str] = ()) -> Entity:
        kb = self.kb
        ctx = c.context
        if c.kind == "person":
            best = self.link_person(c.name, ctx, date, prior)
            if best is not None:
                total, ent, office, sim, fit = best
                sector = office.sector if office is not None and (office.active_on(date) is not False) else ent.sector
                code = office.country if office is not None and office.active_on(date) and office.country else ent.country
                if code == "IGO":
                    sector = "IGO"
                evidence = [f"name similarity {sim:.2f}"]
                if fit > 0:
                    evidence.append(f"office fit {fit:.2f}" + (f" ({office.title})" if office else ""))
                return Entity(ent.name, ent.qid, code, sector or ent.sector, "person",
                              office=office.title if office is not None and office.active_on(date) else None,
                              confidence=min(0.99, 0.5 * sim + 0.3 + 0.2 * max(0.0, fit)), evidence=evidence)
            code = ctx.country or (ctx.place_countries[0] if ctx.place_countries else None)
            sector = ctx.sectors[0] if ctx.sectors else None
            if code == "IGO":
                sector = "IGO"
            return Entity(" ".join(c.name.split()), None, code, sector, "person", confidence=0.4,
                          evidence=["not in the knowledge base; name as written"] + (
                              [f"title: {' '.join(ctx.words)}"] if ctx.words else []))
        # Organisations
        span = c.spans[0]
        text = _clean_name(span.text)
        known = self._known_orgs(text, span, prior) or self._fuzzy_org(text)
        evidence = "exact name or alias"
        if not known and c.acronyms:
            # "the Democratic Forces for the Liberation of Rwanda (FDLR)": the knowledge base knows
            # the acronym; its entity is this one when the names agree.
            known = [e for a in c.acronyms for e in self._known_orgs(a, None, prior) if long_form_fits(text, e)]
            evidence = f"acronym {c.acronyms[0]} defined in the text"
        if known:
            e = known[0]
            code = e.country or ("IGO" if e.kind == "igo" else None)
            return Entity(e.name, e.qid, code, e.sector or ("IGO" if code == "IGO" else None), e.kind,
                          confidence=0.9, evidence=[evidence])
        country = None
        sector = None
        before = [span.doc[span.start - 1]] if span.start > 0 else []  # "the US Congress", "Kenya's parliament"
        if before and before[0].dep_ == "case" and span.start > 1:
            before = [span.doc[span.start - 2]]
        before = [t for t in before if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ")]
        for tok in list(span) + before:
            cc = kb.country_by_name(tok.text) or kb.country_by_capital(tok.text)
            if cc is not None and country is None:
                country = cc.code
            role = kb.role(tok.lower_) or kb.role(tok.lemma_.lower())
            if role is not None and role.sector and sector is None:
                sector = role.sector
        return Entity(" ".join(text.split()), None, country, sector, "organisation", confidence=0.4,
                      evidence=["not in the knowledge base; name as written"])

    def _country_prior(self, doc, places) -> list[str]:
        """Countries the article is about, most frequent first: its towns and regions, then the
        countries it names. Used to choose among organisations of the same name."""
        counts = Counter()
        for p in places or ():
            if p.country_code:
                counts[p.country_code] += 2 if (p.resolution or 0) >= 2 else 1
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                c = self.kb.country_by_name(_clean_name(ent.text))
                if c is not None:
                    counts[c.code] += 1
        return [c for c, _ in counts.most_common()]

    def _known_orgs(self, text: str, span=None, prior=()) -> list:
        """Organisations of that exact name, those of the country the phrase or the article
        names first ("Supreme Court", "National Police" exist in many countries)."""
        known = [e for e in self.kb.by_name(text) if e.kind != "person"]
        if len(known) > 1:
            local = []
            if span is not None:
                for t in list(span) + ([span.doc[span.start - 1]] if span.start > 0 else []) \
                        + [c for c in span.root.children if c.dep_ == "poss"]:
                    c = self.kb.country_by_name(t.text)
                    if c is not None:
                        local.append(c.code)
            order = {code: k for k, code in enumerate(list(dict.fromkeys(local + list(prior))))}
            known.sort(key=lambda e: order.get(e.country, len(order) + (e.country not in ("IGO", "NGO"))))
        return known

    def _org_phrases(self, chunks, clusters, by_key, token_cluster, claim, prior) -> None:
        """Lower-case or unlabelled organisation names: a noun phrase (without its determiner,
        possessor and country adjective) that is the exact name of a known organisation."""
        for chunk in chunks:
            if any(i in token_cluster for i in range(chunk.start, chunk.end)):
                continue
            core = [t for t in chunk if t.dep_ not in ("det", "poss", "case") and not t.is_punct]
            if len(core) < 2:
                continue
            country_words = [t for t in core if self.kb.country_by_name(t.text) is not None]
            name = " ".join(t.text for t in core if t not in country_words)
            known = self._known_orgs(name, chunk, prior) if len(name.split()) >= 2 else []
            if not known:
                continue
            e = known[0]
            ci = by_key.get(f"org:{e.id}")
            if ci is None:
                clusters.append(_Cluster(kind="organisation", entity=Entity(
                    e.name, e.qid, e.country or ("IGO" if e.kind == "igo" else None),
                    e.sector or ("IGO" if e.kind == "igo" else None), e.kind, confidence=0.7,
                    evidence=["organisation named by a common phrase; country from the article"])))
                ci = by_key[f"org:{e.id}"] = len(clusters) - 1
            claim(chunk.start, chunk.end, ci)

    def _fuzzy_org(self, text: str) -> list:
        """Organisations whose name is a near-identical spelling ("Organisation"/"Organization")."""
        norm = normalise(text)
        if len(norm) < 8:
            return []
        out = []
        for name, _, k in self._extract(norm, "others", 5, 0.95):
            if len(name.split()) == len(norm.split()):
                out.append(self.kb.entities[k])
        return out

    @staticmethod
    def _focus(clusters: list[_Cluster]) -> str | None:
        counts = Counter()
        for c in clusters:
            if c.entity is not None and c.entity.code and c.entity.code not in ("IGO", "NGO", "IMG", "MNC"):
                counts[c.entity.code] += len(c.spans) or 1
        return counts.most_common(1)[0][0] if counts else None

_TITLE_WORDS = {"president", "prime", "minister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
                "foreign", "chancellor", "premier", "king", "queen", "sheikh", "gen", "gen.", "general",
                "secretary", "spokesman", "spokeswoman", "spokesperson", "envoy", "senator", "sen.",
                "governor", "gov.", "mayor", "judge", "ambassador", "leader", "chief", "former", "special",
                "deputy", "defence", "defense", "commander", "colonel", "lt", "lt.", "captain", "state",
                # military ranks and honorifics ("Major Tim Keefe", "His Majesty King Abdullah II")
                "major", "maj", "maj.", "lieutenant", "sergeant", "sgt", "sgt.", "admiral", "adm", "adm.",
                "brigadier", "marshal", "corporal", "cpl", "cpl.", "col", "col.", "capt", "capt.", "rear",
                "his", "her", "majesty", "highness", "excellency", "member"}


_MISLABELLED = ("ORG", "FAC", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
_PERSON_NOUNS = {"chairman", "chairwoman", "activist", "journalist", "sheikh", "lawyer", "spokesperson",
                 "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gen.", "col."}


def _place_focus(places) -> str | None:
    """The country of most of the article's towns and regions (countries themselves excluded)."""
    counts = Counter(p.country_code for p in places or () if p.country_code and (p.resolution or 0) >= 2)
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if n >= 1 else None


def _is_adjective_use(span, kb) -> bool:
    """'Ukraine's allies' is an actor mention; 'U.S. President' uses the country as a modifier."""
    last = span[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.lower_ not in ("’s", "'s") and \
        last.head.i > last.i and kb.role(last.head.lower_) is not None
