"""Who a he/she speaker stands for: the people named before the pronoun, ranked.

A mixin of :class:`~eventcoder.quotes.linking.SpeakerLinker` (which provides ``doc``,
``analysis``, ``in_quote``, ``name_forms`` and ``fullest_form``).

The people are the document's person mentions outside quotation marks: a proper noun the
resolver linked to a person, a proper noun the resolver left unlinked that writes the
surname of a linked person ('Pate' after 'Pate' was linked), and a proper noun tagged as a
person that nobody links (keyed ``doc:<fullest form>``: a person the knowledge base does
not know). Their gender comes from the document: a title or kinship word by the name
(Mr./Ms., 'his wife'), he/she after the name in a sentence naming only that person.

Three guesses, each gender-fitting: the source of the attribution before (the speaker of the
quote before, or the named subject of a main-clause speech verb after it: 'Manafort said the
appeal would grow. "...," he said'), the named person subject nearest the pronoun (closest
sentence first, the subject nearest the root) and the resolver's coreference. Two that agree win; else the speaker of the quote before when
no other person is named between; else the nearest subject; else the resolver's guess.
"""
from __future__ import annotations

from ..actors.names import normalise
from ..nlp.tokens import doc_tokens, sentences, span_tokens
from .cues import SPEECH_VERBS
from .phrases import subject_of

__all__ = ["PronounMixin", "MALE", "FEMALE"]

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
MALE_TITLES = {"mr", "mr.", "sir", "congressman", "spokesman", "chairman", "businessman",
               "husband", "father", "son", "brother", "king", "prince", "lord"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "congresswoman", "spokeswoman",
                 "chairwoman", "businesswoman", "wife", "mother", "daughter", "sister", "queen",
                 "princess", "lady", "actress"}
_SUBJ = ("nsubj", "nsubjpass")
_REACH = 2500  # characters back for a pronoun's antecedent


class PronounMixin:
    """The pronoun steps of the speaker linker."""

    def _person_mentions(self) -> dict[int, int | str]:
        """token -> person key (an entity index, or ``doc:<name>`` for a person nobody links)."""
        analysis = self.analysis
        toks = doc_tokens(self.doc)
        out: dict[int, int | str] = {}
        surnames: dict[str, set[int]] = {}
        for i, k in analysis.token_entity.items():
            if analysis.entities[k].kind == "person" and toks[i].pos_ == "PROPN":
                out[i] = k
                t = toks[i]
                if not (i + 1 < len(toks) and toks[i + 1].pos_ == "PROPN" and analysis.token_entity.get(i + 1) == k):
                    surnames.setdefault(normalise(t.text), set()).add(k)
        for t in toks:
            if t.i in out or t.pos_ != "PROPN" or t.i in analysis.token_entity or not t.text[:1].isupper():
                continue
            if t.dep_ == "compound" and t.head.pos_ == "PROPN":
                continue  # a first name: the mention is its surname
            ks = surnames.get(normalise(t.text), set())
            if len(ks) == 1:
                out[t.i] = next(iter(ks))  # the surname of a linked person, left unlinked here
            elif not ks and (t.ent_type_ == "PERSON" or normalise(t.text) in self.name_forms):
                name = self.fullest_form(t) or " ".join(
                    x.text for x in t.lefts if x.dep_ == "compound" and x.pos_ == "PROPN") + " " + t.text
                out[t.i] = "doc:" + name.strip()
        return out

    def _genders(self) -> dict[int | str, str]:
        votes: dict[int | str, list[int]] = {}
        toks = doc_tokens(self.doc)
        for i, k in self.person_tok.items():
            t = toks[i]
            prev = toks[i - 1] if i > 0 else None
            words = {c.lower_ for c in t.children if c.dep_ in ("compound", "appos", "amod")}
            if prev is not None:
                words.add(prev.lower_)
            m = votes.setdefault(k, [0, 0])
            m[0] += 3 * len(words & MALE_TITLES)
            m[1] += 3 * len(words & FEMALE_TITLES)
        for sent in sentences(self.doc):
            sent_toks = span_tokens(sent)
            named = [(t.i, k) for t in sent_toks for k in [self.person_tok.get(t.i)]
                     if k is not None and not self.in_quote(t.idx)]
            if len({k for _, k in named}) != 1:
                continue
            first, k = named[0]
            m = votes.setdefault(k, [0, 0])
            for t in sent_toks:
                # a pronoun after the name ('Sanders called her son her hero'), not one before it,
                # which may stand for someone named earlier ('the risk of her nominating more liberal
                # judges than Obama')
                if t.pos_ == "PRON" and t.i > first and not self.in_quote(t.idx):
                    m[0] += t.lower_ in MALE
                    m[1] += t.lower_ in FEMALE
        out = {}
        for k, (m, f) in votes.items():
            if m > f and m >= 1:
                out[k] = "m"
            elif f > m and f >= 1:
                out[k] = "f"
        return out

    def pronoun_speaker(self, tok, quote_start: int, prev_speaker) -> tuple[int | str | None, str]:
        """The person a he/she speaker stands for, and the guesses that chose it."""
        g = "m" if tok.lower_ in MALE else "f" if tok.lower_ in FEMALE else None
        fits = lambda k: k is not None and (g is None or self.gender.get(k) in (None, g))  # noqa: E731
        resolver = self.analysis.token_entity.get(tok.i)
        if resolver is not None and self.analysis.entities[resolver].kind != "person":
            resolver = None
        reported = self._reported_source(tok, quote_start)
        if reported is not None:
            prev_speaker = reported  # the source of the attribution before, direct or reported
        subject, other_between = self._subject_before(tok, min(tok.idx, quote_start), fits, prev_speaker)
        prev = prev_speaker if fits(prev_speaker) else None
        res = resolver if fits(resolver) else None
        guesses = {"previous-speaker": prev, "subject": subject, "resolver": res}
        for a, b in (("previous-speaker", "subject"), ("previous-speaker", "resolver"), ("subject", "resolver")):
            if guesses[a] is not None and guesses[a] == guesses[b]:
                return guesses[a], f"pronoun:{a}+{b}"
        if prev is not None and not other_between:
            return prev, "pronoun:previous-speaker"
        for name in ("subject", "previous-speaker", "resolver"):
            if guesses[name] is not None:
                return guesses[name], f"pronoun:{name}"
        return None, "pronoun:none"

    def _reported_source(self, tok, quote_start: int):
        """The person subject of the last speech verb outside quotation marks between the quote
        before and the pronoun ('Manafort said the appeal would transcend race. "...," he said'):
        the source of the attribution before, direct or reported."""
        last_end = max((b for a, b in self.quoted if b <= quote_start), default=0)
        limit = max(last_end, min(tok.idx, quote_start) - _REACH)
        for t in reversed(self.doc[:tok.i]):
            if t.idx < limit:
                break
            if t.pos_ != "VERB" or t.lemma_.lower() not in SPEECH_VERBS or self.in_quote(t.idx):
                continue
            if not (t.dep_ == "ROOT" or t.dep_ == "conj" and t.head.dep_ == "ROOT"):
                continue  # 'Song said Clinton had said ...': the main clause's speaker
            subj = subject_of(t)
            if subj is None or subj.i == tok.i:
                continue
            return self.person_tok.get(subj.i)  # a named source, else none ('He said ...')
        return None

    def _subject_before(self, tok, before: int, fits, prev_speaker):
        """The named person subject nearest the root of the closest sentence before ``tok``
        that has one (outside quotation marks, gender fitting), and whether a person other
        than ``prev_speaker`` is named on the way."""
        other = False
        sent = tok.sent
        seen = 0
        while sent is not None and seen < 12:
            best = None
            for t in span_tokens(sent):
                if t.i >= tok.i:
                    break
                k = self.person_tok.get(t.i)
                if k is None or self.in_quote(t.idx):
                    continue
                if prev_speaker is not None and k != prev_speaker:
                    other = True
                if (t.dep_ in _SUBJ or t.head.dep_ in _SUBJ and t.dep_ in ("compound", "appos", "conj")) and fits(k):
                    depth = sum(1 for _ in t.ancestors)
                    if best is None or depth < best[0]:
                        best = (depth, k)
            if best is not None:
                return best[1], other
            if sent.start == 0 or sent.start_char < before - _REACH:
                break
            sent = self.doc[sent.start - 1].sent
            seen += 1
        return None, other
