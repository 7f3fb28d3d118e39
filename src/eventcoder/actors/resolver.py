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

from ..nlp.tokens import doc_tokens
from ..records import Actor, Entity, Span
from .context import title_context
from .clusters import Cluster as _Cluster
from .clusters import clean_name as _clean_name
from .clusters import introduced_as_relative
from .coref import CoreferenceMixin, long_form_fits
from .institutions import institution_phrases, institution_words
from .kb import normalise as kb_normalise
from .linking import PersonLinker
from .mentions import MISLABELLED as _MISLABELLED
from .mentions import MentionMixin
from .names import normalise, tokens
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


class ActorResolver(PersonLinker, MentionMixin, CoreferenceMixin):
    """Finds, groups and links the actors of a parsed document."""

    def __init__(self, kb, *, link_threshold: float = 0.88, office_threshold: float = 0.79):
        self.kb = kb
        self.link_threshold = link_threshold
        self.office_threshold = office_threshold
        self._pools = kb.name_pools()  # built with the knowledge base (and kept in its load cache)
        self._extract_cache: dict[tuple, list] = {}
        self._institution_cache: dict = {}  # country -> its KB organisations; (country, words, sector) -> one

    # Person linking (link_person and its candidates) is in actors/linking.py, the name spans
    # (repair, titles, unlabelled names) in actors/mentions.py, coreference in actors/coref.py.

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
        for tok in doc_tokens(doc):
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
        for t in doc_tokens(doc):
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
