"""Which spans of a document are names of people, and which words of them are titles.

The parser's PERSON spans are repaired (cut or joined names, titles glued before a name, a
known organisation tagged as a person), unlabelled names introduced by a title or a role are
found, and a span's leading titles are stripped. Mixed into
:class:`~eventcoder.actors.resolver.ActorResolver` (``self.kb`` is its knowledge base).
"""
from __future__ import annotations

from ..nlp.tokens import doc_tokens
from .clusters import Cluster as _Cluster
from .names import _PARTICLES as _NAME_PARTICLES
from .names import normalise, tokens

__all__ = ["MentionMixin", "MISLABELLED"]

_TITLE_WORDS = {"president", "prime", "minister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
                "foreign", "chancellor", "premier", "king", "queen", "sheikh", "gen", "gen.", "general",
                "secretary", "spokesman", "spokeswoman", "spokesperson", "envoy", "senator", "sen.",
                "governor", "gov.", "mayor", "judge", "ambassador", "leader", "chief", "former", "special",
                "deputy", "defence", "defense", "commander", "colonel", "lt", "lt.", "captain", "state",
                # military ranks and honorifics ("Major Tim Keefe", "His Majesty King Abdullah II")
                "major", "maj", "maj.", "lieutenant", "sergeant", "sgt", "sgt.", "admiral", "adm", "adm.",
                "brigadier", "marshal", "corporal", "cpl", "cpl.", "col", "col.", "capt", "capt.", "rear",
                "his", "her", "majesty", "highness", "excellency", "member"}
MISLABELLED = ("ORG", "FAC", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
_PERSON_NOUNS = {"chairman", "chairwoman", "activist", "journalist", "sheikh", "lawyer", "spokesperson",
                 "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gen.", "col."}


class MentionMixin:
    """Name spans for the resolver."""

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
        toks = doc_tokens(doc)
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
