"""Toponym recognition and resolution over a parsed article.

Candidates come from spaCy's GPE/LOC/FAC entities and from capitalised token
sequences that the gazetteer knows (the small model tags "Kiev" as PERSON, so
NER labels alone are not trusted). Each candidate's gazetteer entries are
ranked by feature type, population, the article's country focus, a following
", <admin name>" and an administrative suffix ("the Cherkasy region").
"""
from __future__ import annotations

import logging
import math

from ..nlp import doc_text
from ..nlp.tokens import doc_tokens
from ..records import Place
from .candidates import _Candidate, _Scored
from .gazetteer import GazEntry, Gazetteer, normalize
from .context import (best_senses, first_pass_evidence, in_lists,
                      neighbour_hints, writes_with_region)
from .lists import admit_listed
from .recall import admit_repeated, dateline_head
from .senses import SenseMixin
from .sites import SITE_HEADS, unresolved_sites

log = logging.getLogger(__name__)

__all__ = ["Geocoder"]

MAX_TOKENS = 7
# suffixes that make the preceding name a first-level division
ADMIN_SUFFIX = {"region", "oblast", "province", "governorate", "state", "krai", "kray", "republic",
                "prefecture", "county", "district", "department", "territory", "area"}
# "the X of <name>": nouns before "of" that name a first-level or second-level division
ADMIN_PREFIX = {"state", "province", "region", "governorate", "oblast", "prefecture", "county"}
# suffixes that make the preceding name a site in or near that place
SITE_SUFFIX = {"camp", "crossing", "checkpoint", "border crossing", "refugee camp", "airport",
               "port", "harbour", "harbor", "square", "outskirts", "laboratory", "laboratories", "lab", "factory",
               "refinery", "mine"}
CONNECTORS = {"of", "al", "el", "de", "del", "la", "le", "du", "the", "and", "an", "ad", "as", "ash", "at",
              "ar", "az", "da", "do", "dos", "das", "es", "ez", "-", "bin", "ibn", "upon", "on", "am", "im",
              "'s", "’s", "au", "aux", "sur", "sous", "les", "di", "della", "von", "van", "der", "den"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
          "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
PLACE_PREPS = {"in", "near", "outside", "across", "towards", "toward", "around"}
PLACE_NOUNS = {"village", "town", "city", "region", "province", "outskirts", "port", "district", "state",
               "capital", "suburb", "settlement", "municipality", "county", "island", "islands", "isle"}
ADMIN_PLURAL = {"regions", "provinces", "districts", "counties", "governorates", "oblasts", "prefectures"}  # "X and Y regions"
# "the town of X", "the villages of X and Y": the noun names X a place whatever NER says
PLACE_OF = {"village", "villages", "town", "towns", "city", "cities", "community", "communities", "hamlet",
            "suburb", "suburbs", "township", "municipality", "municipalities", "settlement", "settlements"}
ORG_HEADS = {"ministry", "government", "council", "university", "police", "army", "forces", "command",
             "administration", "authority", "authorities", "office", "court", "parliament", "assembly",
             "committee", "commission", "party", "front", "movement", "brigade", "regiment", "battalion",
             "corps", "fleet", "airlines", "bank", "service", "agency", "department", "municipality",
             "school", "institute", "directorate", "guard", "militia", "federation", "union", "group",
             "center", "centre", "network", "company", "legislature", "cabinet", "mission", "embassy"}
STRONG_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ADM1", "PPLC"}
RESOLUTION = {"A": 2, "P": 4, "S": 5, "H": 2, "L": 1, "T": 3}
EXPLICIT_NER_LABELS = {"GPE", "LOC", "FAC"}




def _is_cap(tok) -> bool:
    t = tok.text
    if len(t) > 2 and t[0] in "dl" and t[1] in "'’":
        t = t[2:]  # an elided article or preposition before a name: "Côte d'Ivoire", "Val d'Oise"
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


def _resolution(e: GazEntry) -> int:
    if e.fcode.startswith("PCL") or e.fcode == "TERR":
        return 1
    if e.fcode in ("ADM2", "ADM3", "ADMD"):
        return 3
    return RESOLUTION.get(e.fclass, 4)



_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


class Geocoder(SenseMixin):
    """Find and resolve the toponyms of a spaCy ``Doc``."""

    def __init__(self, gazetteer: Gazetteer, *, min_population_unlabelled: int = 100_000):
        self.gaz = gazetteer
        self.min_pop_unlabelled = min_population_unlabelled
        self._match_cache: dict[str, tuple] = {}
        self._plain: dict[int, tuple] = {}  # id(candidate) -> (candidate, its _rank with no evidence)

    # ---------------------------------------------------------------- candidates
    def _ent_labels(self, doc) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.label_) for e in doc.ents]

    def _match(self, span_text: str) -> tuple[str, tuple[GazEntry, ...], bool, bool, frozenset[int]]:
        """Look a span up; else try it without an admin or site suffix. Memoised: the window search
        asks for the same few thousand spans ("President Biden", "the White House") in document
        after document, and each answer depends on the text alone."""
        hit = self._match_cache.get(span_text)
        if hit is None:
            if len(self._match_cache) >= 100_000:
                self._match_cache.clear()  # bounded, so memory stays flat on a long stream
            hit = self._match_cache[span_text] = self._match_uncached(span_text)
        return hit

    def _match_uncached(self, span_text: str) -> tuple[str, tuple[GazEntry, ...], bool, bool, frozenset[int]]:
        hits = self.gaz.lookup(span_text)
        if hits:
            # "Barren County" found whole is still named as a division; "Karak district" may be the
            # division the gazetteer calls "Al Karak" as well as another country's "Karak District"
            words = span_text.split()
            admin = len(words) > 1 and words[-1].lower() in ADMIN_SUFFIX
            if admin:
                base = " ".join(words[:-1])
                seen = {e.geonameid for e in hits}
                hits = hits + [e for e in self.gaz.lookup(base) if e.fclass == "A" and e.geonameid not in seen]
                return base, tuple(hits), True, False, frozenset(seen)
            return span_text, tuple(hits), False, False, frozenset()
        words = span_text.split()
        for n_suffix in (2, 1):
            if len(words) <= n_suffix:
                continue
            suffix = " ".join(words[-n_suffix:]).lower()
            base = " ".join(words[:-n_suffix])
            if suffix in ADMIN_SUFFIX or suffix in SITE_SUFFIX:
                hits = self.gaz.lookup(base)
                if hits:
                    return base, tuple(hits), suffix in ADMIN_SUFFIX, suffix in SITE_SUFFIX, frozenset()
        return span_text, (), False, False, frozenset()

    def _candidates(self, doc) -> list[_Candidate]:
        self._plain = {}  # a new document: new candidates
        full = doc_text(doc)  # spaCy joins the tokens at each access of doc.text
        ents = [None] * len(doc)
        for e in doc.ents:
            for i in range(e.start, e.end):
                ents[i] = e
        out: list[_Candidate] = []
        rejected: list[_Candidate] = []  # names a list with accepted places may admit (lists.py)
        sure: set[str] = set()  # names tagged a place or written as a dateline (recall.py)
        i, n = 0, len(doc)
        # Token attributes read once: every doc[k] builds a Python object, and the window search
        # below looks at each token up to MAX_TOKENS ** 2 times.
        cap, lower, bounds, breaks, inner = [], [], [], [], []
        toks = doc_tokens(doc)
        for t in toks:
            c, low = _is_cap(t), t.lower_
            cap.append(c)
            lower.append(low)
            bounds.append((t.idx, t.idx + len(t.text)))
            breaks.append(t.is_punct and t.text not in ("-", ".", "'") or t.is_space)
            # a token that may stand inside a multi-word name
            inner.append(c or low in CONNECTORS or low in ADMIN_SUFFIX or low in SITE_SUFFIX or t.text == ".")
        # A window [i, j) holds no break and only inner tokens after its first: j is at most the
        # next break at or after i and the next non-inner token after i (worked out once, backwards).
        next_break, next_outer = [n] * (n + 1), [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            next_break[k] = k if breaks[k] else next_break[k + 1]
            next_outer[k] = k if not inner[k] else next_outer[k + 1]
        while i < n:
            tok = toks[i]
            # A proper noun the parser swept into a date or time ("Odesa overnight") can still be a
            # place; weekdays, months and other words inside such entities are not.
            if not cap[i] or lower[i] in MONTHS or lower[i] in _WEEKDAYS or (
                    ents[i] is not None and ents[i].label_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")
                    and (tok.pos_ != "PROPN" or ents[i].label_ in ("MONEY", "PERCENT", "CARDINAL"))):
                i += 1
                continue
            found = None
            for j in range(min(n, i + MAX_TOKENS, next_break[i], next_outer[i + 1]), i, -1):
                if j - 1 > i and not (cap[j - 1] or lower[j - 1] in ADMIN_SUFFIX or lower[j - 1] in SITE_SUFFIX):
                    continue
                start, end = bounds[i][0], bounds[j - 1][1]
                text = full[start:end]
                lookup, hits, admin, site, whole = self._match(text)
                if hits:
                    # "refugee camp" after a one-word site: also accept "X refugee camp" as written
                    found = (j, start, end, text, lookup, hits, admin, site, whole)
                    break
            if found is None:
                i += 1
                continue
            j, start, end, text, lookup, hits, admin, site, whole = found
            # "the Cherkasy region": the suffix may follow the matched name directly
            if not admin and not site and j < n:
                nxt = toks[j].lower_
                two = f"{toks[j].lower_} {toks[j + 1].lower_}" if j + 1 < n else ""
                if two in SITE_SUFFIX:
                    site, end, j = True, toks[j + 1].idx + len(toks[j + 1].text), j + 2
                elif nxt in ADMIN_SUFFIX and nxt not in ("state", "area") or nxt in ADMIN_PLURAL or (
                        nxt in ("state",) and toks[j].text == "State"):
                    admin, end, j = True, toks[j].idx + len(toks[j].text), j + 1
                elif nxt in SITE_SUFFIX:
                    site, end, j = True, toks[j].idx + len(toks[j].text), j + 1
                text = full[start:end]
            # "the state of Washington", "the province of Punjab": named as a division
            if not admin and not site and i >= 2 and lower[i - 1] == "of" and lower[i - 2] in ADMIN_PREFIX:
                admin = True
            ent = ents[i]
            label = ent.label_ if ent is not None else ""
            # "Lekki Toll Gate": a place name that starts a longer named site is that site
            if (ent is not None and j < ent.end and ent.label_ in ("FAC", "ORG", "PERSON", "LOC")
                    and (ent.label_ == "FAC" or ent[-1].lower_ in SITE_HEADS)
                    and all(_is_cap(t) or t.lower_ in CONNECTORS for t in toks[j:ent.end])):
                site, end, j = True, ent.end_char, ent.end
                text = full[start:end]
            # "the Erez crossing", "Leninsky district": the suffix says it is a place, whatever NER says;
            # a site suffix after an ambiguous name needs a proper noun ("the Rafah crossing", not "the
            # main crossing")
            cand = _Candidate(start, end, text, lookup, hits, admin, site, label, toks[i].sent.start_char, whole)
            dateline = dateline_head(doc, i, j)
            if dateline or self._keep(doc, i, j, ent, hits, admin or site and (len(hits) == 1 or toks[i].pos_ == "PROPN")):
                out.append(cand)
                if dateline or label in EXPLICIT_NER_LABELS:
                    sure.add(normalize(lookup))
            elif label != "NORP" and toks[i].pos_ == "PROPN" and not toks[i].is_stop:
                rejected.append(cand)
            i = j
        out = admit_listed(full, out, rejected, lambda c: {e.country for e in c.entries if e.country},
                           lambda c: self._plain_rank(c).entry.country)
        return admit_repeated(out, rejected, lambda c: normalize(c.lookup), sure)

    def _plain_rank(self, c: _Candidate) -> "_Scored":
        """``_rank`` with no document evidence, once per candidate of the document being read."""
        hit = self._plain.get(id(c))  # the entry holds the candidate: its id is not reused meanwhile
        if hit is None:
            hit = self._plain[id(c)] = (c, self._rank(c, {}, []))
        return hit[1]

    def _keep(self, doc, i: int, j: int, ent, hits: tuple[GazEntry, ...], hinted: bool) -> bool:
        """Reject demonyms, common words and person names that merely look like places."""
        label = ent.label_ if ent is not None else ""
        toks = doc[i:j]
        # a second-level division or a region lends its weight only when it is large: the small ones
        # share their names with too many ordinary words ("Western", "Crescent")
        strong = any(e.fcode in STRONG_CODES or e.fclass in "HLST" or (e.fclass == "A" and e.population >= 100_000)
                     for e in hits)
        big = max((e.population for e in hits), default=0)
        if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_OF and any(e.fclass in "PA" for e in hits):
            return True
        if label == "NORP":
            # "Lahore police" is tagged NORP; "Russian" is not a place: keep only primary names
            # of well-known places
            # the name without the suffix the match dropped ("the Punjab province")
            key = normalize(doc[i:j].text)
            bare = {key, " ".join(key.split()[:-1])} if len(key.split()) > 1 else {key}
            if not any(bare & {normalize(e.name), normalize(e.asciiname)}
                       and (e.fcode in STRONG_CODES or e.population >= 100_000) for e in hits):
                return False
            return True
        if label in ("PERSON", "ORG") and ent is not None:
            inside = ent.start <= i and j <= ent.end
            longer = inside and ent.end > j  # words after the name inside the entity
            # "Sri Lanka - approximately" tagged PERSON: the words after the name are not a name
            name_after = longer and any(_is_cap(t) for t in doc[j:ent.end])
            country = any(e.fcode.startswith("PCL") for e in hits) and (
                i == ent.start or i == ent.start + 1 and doc[ent.start].lower_ == "the")
            if label == "PERSON" and name_after:
                # "Paris Hilton": a place name inside a longer person name
                return False
            if longer and label == "ORG" and not country and ent[-1].lower_ not in ORG_HEADS | SITE_HEADS | ADMIN_SUFFIX \
                    and not ((i == ent.start or i == ent.start + 1 and doc[ent.start].lower_ == "the")
                             and ent.end - j >= 2 and any(
                        e.fcode.startswith("PCL") or e.fcode == "PPLC" or (e.fclass == "P" and e.altnames >= 30)
                        or (e.fcode == "ADM1" and e.population >= 1_000_000) for e in hits)):
                # "Paris Hilton" (tagged ORG): a name, not a place; a well-known place opening an
                # organisation's name of two more words is still named ("the Winnipeg Free Press",
                # "Kentucky State Troopers")
                return False
            if label == "PERSON" and not (strong or big >= 100_000):
                return False
            key = normalize(toks.text)
            if label == "ORG" and not hinted and ent.start == i and ent.end == j and all(e.fclass == "P" for e in hits) \
                    and not any(key in (normalize(e.name), normalize(e.asciiname)) for e in hits):
                # "Hamas", an organisation, is only an alternate name of Hamm
                return False
        if label in EXPLICIT_NER_LABELS or hinted or self._place_context(doc, i):
            return True
        if j < len(doc) and doc[j].text in ("city", "town") and any(e.fclass == "P" for e in hits):
            return True  # "Heze city alone has registered ...": the lower-case noun says what it is
        if j - i == 1:
            t = toks[0]
            # "US" is not the stop word "us": a capitalised country code stays ("the US Centers for ...")
            code = t.is_upper and t.pos_ == "PROPN" and any(e.fcode.startswith("PCL") for e in hits)
            if t.is_stop and not code or t.pos_ not in ("PROPN",) and not t.is_upper:
                return False
            if t.is_upper and len(t.text) <= 2 and not (
                    t.pos_ == "PROPN" and any(e.fcode.startswith("PCL") for e in hits)):
                return False  # "US" and "UK" are countries; other two capitals are codes
            # adjectives of place ("Russian", "Turkish") are not places
            if t.pos_ == "ADJ" or t.tag_ in ("JJ", "NNPS"):
                return False
        return strong or big >= self.min_pop_unlabelled

    @staticmethod
    def _place_context(doc, i: int) -> bool:
        """A preposition or noun that announces a place: "in X", "the village of X"."""
        if i == 0:
            return False
        prev = doc[i - 1].lower_
        if prev in PLACE_PREPS:
            return True
        if prev == "the" and i >= 2 and doc[i - 2].lower_ in PLACE_PREPS and doc[i].pos_ == "PROPN" \
                and doc[i].ent_type_ not in ("ORG", "PERSON", "NORP"):
            return True  # "in the Midlands", "across the Sahel"
        return prev == "of" and i >= 2 and doc[i - 2].lower_ in PLACE_NOUNS

    # ---------------------------------------------------------------- ranking

    def _anchors(self, full: str, cands: list[_Candidate], k: int) -> list[GazEntry]:
        """Admin names right after the candidate: "Paris, Texas", "Pandi, Bulacan"."""
        c = cands[k]
        out: list[GazEntry] = []
        if k + 1 < len(cands):
            nxt = cands[k + 1]
            between = full[c.end:nxt.start]
            if writes_with_region(between):
                out = [e for e in nxt.entries if e.fclass == "A" or e.fcode.startswith("PCL")]
        return out

    def find_places(self, doc) -> list[Place]:
        try:
            return self._find_places(doc)
        finally:
            self._plain = {}  # the candidates go with the document

    def _find_places(self, doc) -> list[Place]:
        cands = self._candidates(doc)
        if not cands:
            return []
        full = doc_text(doc)
        anchors = [self._anchors(full, cands, k) for k in range(len(cands))]
        first = [self._rank(c, {}, anchors[k]) if anchors[k] else self._plain_rank(c) for k, c in enumerate(cands)]
        ev = first_pass_evidence(cands, first)
        focus = ev.focus_without("")
        hints = neighbour_hints(full, cands, first, self._seat, lambda c: c.famous)
        for k in in_lists(full, cands, first, hints):
            anchors[k] = []
        ranked = [self._rank(c, ev.focus_without(normalize(c.lookup)), anchors[k], explain=True,
                             near=ev.near_without(normalize(c.lookup)), regions=ev.regions, hints=hints[k])
                  for k, c in enumerate(cands)]
        best_of = best_senses(cands, ranked)
        places: list[Place] = []
        for k, c in enumerate(cands):
            r = ranked[k]
            b = best_of.get(normalize(c.lookup))
            if b is not None and b.entry is not r.entry and not c.admin_hint and not c.site_hint \
                    and any(e.geonameid == b.entry.geonameid for e in c.entries):
                r = _Scored(b.entry, b.score, b.margin, b.reasons + ("one sense per document",))
            e = r.entry
            if c.site_hint and not focus.get(e.country) and e.altnames < 30 and (
                    e.fclass == "P" or e.fcode in ("ADM2", "ADM3", "ADMD")):
                continue  # "Eagle Square" in a Nigerian story is not a square in Eagle, Idaho
            conf = 1.0 / (1.0 + math.exp(-(r.margin - 1.0)))
            if not c.ner:
                conf *= 0.85
            res = _resolution(e)
            if c.site_hint:
                res = 5
            places.append(Place(
                extracted_place=c.text, start=c.start, end=c.end, resolved_place=e.name,
                geonameid=e.geonameid if e.geonameid > 0 else None, lat=round(e.lat, 5), lon=round(e.lon, 5),
                country_code=e.country or None, feature_code=e.fcode, resolution=res,
                confidence=round(min(0.99, conf), 3), evidence=r.reasons))
        places.extend(unresolved_sites(doc, places))
        places.sort(key=lambda p: p.start)
        return places
