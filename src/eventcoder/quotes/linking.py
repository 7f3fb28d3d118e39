"""Link a quote's speaker phrase to an actor, on a parsed spaCy ``Doc`` and the actor analysis.

The actor resolver links names, descriptions and pronouns for the whole document; a
speaker is ranked here over the resolver's candidates with what quotes add:

* ``he``/``she`` as speaker: three guesses, the resolver's coreference, the speaker of the
  quote before and the nearest named person subject before the pronoun outside quotation
  marks, each only where the person's gender (from the document: Mr./Ms., he/she after a
  sentence naming only that person) fits the pronoun. Two that agree win; else the speaker
  of the quote before when the quotes run on with no other person named between them, else
  the nearest named subject, else the resolver's guess.
* a name the resolver could not link (a person missing from the knowledge base and tagged
  as no entity) becomes an entity under the fullest form of that name in the document
  ("Hannity" -> "Sean Hannity"), with the document's country.

Every speaker comes with a reason (``evidence["link"]``): ``resolver``, ``pronoun:<guesses>``,
``name-in-document``, ``generic``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from rapidfuzz.distance import JaroWinkler, Levenshtein

from ..actors.clusters import introduced_as_relative
from ..actors.names import normalise
from ..actors.names import tokens as name_tokens
from ..nlp import doc_text
from ..nlp.tokens import doc_tokens
from ..records import Actor
from .pronouns import FEMALE as _FEMALE
from .pronouns import FEMALE_TITLES as _FEMALE_TITLES
from .pronouns import MALE as _MALE
from .pronouns import MALE_TITLES as _MALE_TITLES
from .pronouns import PronounMixin

__all__ = ["SpeakerLinker"]

_TITLES = {"senator", "sen", "rep", "representative", "gov", "governor", "president", "minister", "director",
           "commissioner", "officer", "secretary", "judge", "mayor", "ambassador", "alderman", "sheriff",
           "attorney", "general", "spokesman", "spokeswoman", "professor", "prof", "rev", "reverend", "dr",
           "chief", "chairman", "chairwoman", "leader", "speaker", "founder", "chancellor", "premier",
           "councilman", "councilwoman", "assemblyman", "assemblywoman", "state", "former", "first", "lady"}
_NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$")


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted character spans merged where they overlap or touch: (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in spans:
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


class SpeakerLinker(PronounMixin):
    """Speakers of one document's quotes."""

    def __init__(self, doc, analysis, quoted: list[tuple[int, int]], generic, kb=None):
        self.doc = doc
        self.kb = kb
        self.analysis = analysis
        self.generic = generic  # token -> Actor | None (an unnamed actor from a role word)
        self.quoted = sorted(quoted)
        self._quote_starts, self._quote_ends = _merged(self.quoted)
        self.name_forms = self._name_forms()
        self._norm_text: str | None = None
        self.person_tok = self._person_mentions()  # token -> person key, names only (no pronouns)
        self.gender = self._genders()

    # --- document facts ------------------------------------------------------------
    def in_quote(self, char: int) -> bool:
        k = bisect_right(self._quote_starts, char) - 1  # the quoted spans merged: one search, not a scan
        return k >= 0 and char < self._quote_ends[k]

    def _name_forms(self) -> dict[str, list[tuple[int, str]]]:
        """surname (normalised) -> [(offset, fullest form of the name there)], from the names the
        document writes out (runs of two to four proper nouns, titles left out; the small
        model often tags an unknown person as an organisation, so both count)."""
        out: dict[str, list[tuple[int, str]]] = {}
        doc = self.doc
        # Words the document also writes in lower case are not name words ('Donor Adelson',
        # 'Internal Trump' in a capitalised headline); nor is the headline a place for names.
        toks = doc_tokens(doc)
        lower = self.lower_words = {t.lower_ for t in toks if t.is_alpha and t.text.islower()}
        text = doc_text(doc)
        first_break = text.find("\n")
        if first_break > 200 or text[:max(first_break, 0)].rstrip().endswith((".", "!", "?")):
            first_break = -1  # the first line is a paragraph, not a headline
        self._body_start = first_break
        pos = [t.pos_ for t in toks]
        given = self.kb.given_names() if self.kb is not None else frozenset()
        i = 0
        while i < len(toks):
            if pos[i] != "PROPN" or self.in_quote(toks[i].idx) or toks[i].idx < first_break:
                i += 1
                continue
            j = i
            while j + 1 < len(toks) and pos[j + 1] == "PROPN" and not toks[j].whitespace_ == "" \
                    and toks[j + 1].ent_type_ == toks[i].ent_type_:
                j += 1
            words = [t for t in toks[i:j + 1] if _NAME_WORD.match(t.text) and not t.text.endswith(".")
                     or (len(t.text) == 2 and t.text.endswith(".") and t.i not in (i,))]
            # a place or nationality word is no name word, unless a given name comes before it
            # ('Mark Cuban', 'Kerry Washington')
            words = [t for n, t in enumerate(words) if not self._is_title(t.text) and (
                t.ent_type_ not in ("GPE", "NORP", "LOC") or n > 0 and normalise(words[n - 1].text) in given)]
            while words and (words[0].lower_ in lower or (words[0].text.isupper() and len(words[0].text) <= 4)):
                words.pop(0)
            if 2 <= len(words) <= 4 and doc[i].ent_type_ in ("PERSON", "ORG", "") \
                    and not introduced_as_relative(doc[i:j + 1]):  # 'his daughter Ivanka Trump' is not 'Trump'
                form = " ".join(t.text for t in words)
                out.setdefault(normalise(words[-1].text), []).append((doc[i].idx, form))
            i = j + 1
        # A form that is another form of the list with words before it ('Billionaire Donald Trump'
        # where the document also writes 'Donald Trump'): the words before are no name words.
        for surname, forms in out.items():
            seen = {f for _, f in forms}
            for n, (at, form) in enumerate(forms):
                words = form.split()
                for k in range(1, len(words) - 1):
                    if " ".join(words[k:]) in seen:
                        forms[n] = (at, " ".join(words[k:]))
                        break
        return out

    # --- speakers ------------------------------------------------------------------
    def _names_of(self, ent) -> list[list[str]]:
        names = [ent.identifier_text or ""]
        if self.kb is not None and ent.identifier_id:
            for e in self.kb.by_name(ent.identifier_text or ""):
                if e.id == ent.identifier_id:
                    names.extend(e.aliases)
        return [normalise(n).split() for n in names if n]

    def fullest_form(self, tok, at: int | None = None) -> str | None:
        """The fullest form in the document of the name ``tok`` (a token, or a surname written
        at offset ``at``) ends."""
        word = tok if isinstance(tok, str) else tok.text
        at = at if at is not None else tok.idx
        forms = self.name_forms.get(normalise(word), [])
        if not forms:
            return None
        if len({f for _, f in forms}) == 1:
            return forms[0][1]
        # several people of that name: the only one named in the 600 characters before, else
        # the first named
        recent = {f for k, f in forms if at - 600 <= k < at}
        if len(recent) == 1:
            return next(iter(recent))
        return forms[0][1]

    def _is_title(self, word: str) -> bool:
        w = word.lower().rstrip(".")
        if word.endswith(".") and 1 < len(w) <= 4:
            return True  # Sen., Rep., Gov., Lt. (not an initial: 'Jason C. Ervin')
        return w in _MALE_TITLES or w in _FEMALE_TITLES or w in _TITLES or (
            self.kb is not None and self.kb.role(w) is not None)

    def _written_name(self, tok) -> list:
        """The proper nouns of the name ``tok`` ends, titles and role words left out."""
        return [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"
                and not self._is_title(t.text)] + [tok]

    def consistent(self, k: int | None, tok) -> bool:
        """Whether the resolver's person for a written name fits what the document writes: the
        surname is one of the person's name words (its name or a knowledge-base alias), and the
        first name of the fullest form of that name in the document, if any, fits the person's.
        A link that does not ('Eric Trump' to Donald Trump, 'Barkley' to Charlie Baker) is not
        the speaker; the document's own name is."""
        if k is None or tok.pos_ != "PROPN":
            return True
        ent = self.analysis.entities[k]
        if ent.kind != "person" or not ent.identifier_text:
            return True
        if self.kb is not None and self.kb.role(tok.lower_) is not None:
            return True  # 'Sessions Judge': the head is a title, not a name
        names = self._names_of(ent)
        words = set(normalise(tok.text).split())
        written = self._written_name(tok)[:-1]
        for t in written:
            words.update(normalise(t.text).split())
        surname_ok = any(words & set(n) for n in names)
        if written:
            full = " ".join(t.text for t in written + [tok])
        else:  # a bare surname: checked against the document's fullest form of it
            full = self.fullest_form(tok)
        toks = [w for w in name_tokens(full or "") if not self._is_title(w)]
        if len(toks) < 2 or len(toks[0]) < 2:
            return surname_ok
        first = toks[0]
        if not surname_ok:
            # a misspelt surname passes only with the person's own first name and one letter off
            # ('Zelensky' for Zelenskyy); another surname is another person, whom the document
            # names ('Marty Walz' is not Marty Walsh)
            surname = normalise(tok.text).split()[-1:] or [""]
            return any(len(n) >= 2 and n[0] == first and Levenshtein.distance(n[-1], surname[0]) <=
                       max(1, len(surname[0]) // 6) for n in names)
        return any(n and (n[0] == first or n[0].startswith(first) or first.startswith(n[0]) or
                          JaroWinkler.normalized_similarity(n[0], first) >= 0.84) for n in names if len(n) >= 2) \
            or any(first in n for n in names)

    def _person_not_place(self, k: int | None, tok) -> bool:
        """A speaker linked to a country or people that the document writes as a person's surname
        ('"...," Cuban said' where the document names Mark Cuban)."""
        return k is not None and self.analysis.entities[k].kind == "state" and tok.pos_ == "PROPN" \
            and tok.ent_type_ != "GPE" and not any(c.dep_ == "det" for c in tok.children) \
            and normalise(tok.text) in self.name_forms  # not 'Israel', 'the White House': places

    def name_in_document(self, tok, *, force: bool = False) -> Actor | None:
        """A proper name the resolver left unlinked (or linked to someone else), under its
        fullest form in the document."""
        if force:
            written = self._written_name(tok)
            # words before the name that are no name words: 'Billionaire', 'Said' (the document
            # writes them in lower case), 'NATO', 'Cleveland' (acronyms, places, organisations)
            while written[:-1] and (written[0].lower_ in self.lower_words or written[0].ent_type_ not in
                                    ("PERSON", "") or written[0].text.isupper() and len(written[0].text) > 1):
                written.pop(0)
            name = self.fullest_form(tok) if len(written) < 2 else None
            name = name or " ".join(t.text for t in written)
            base = self.generic(tok)
            code = base.code if base is not None else self.analysis.focus
            return Actor(entity_text=tok.text, code=code, sector=None, identifier_text=name,
                         start=tok.idx, end=tok.idx + len(tok.text), confidence=0.5)
        if tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper() or \
                tok.ent_type_ not in ("PERSON", "ORG", ""):
            return None
        forms = self.name_forms.get(normalise(tok.text), [])
        if (tok.pos_ == "NOUN" or tok.ent_type_ == "ORG") and not forms:
            return None
        written = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
        name = " ".join(t.text for t in written)
        if forms:
            before = [f for f in forms if f[0] <= tok.idx]
            distinct = {f for _, f in forms}
            if len(distinct) == 1:
                name = forms[0][1]
            elif before:
                name = before[-1][1]
            else:
                name = forms[0][1]
        elif len(written) < 2 and tok.ent_type_ != "PERSON":
            return None
        base = self.generic(tok)
        code = base.code if base is not None else self.analysis.focus
        return Actor(entity_text=tok.text, code=code, sector=None, identifier_text=name,
                     start=tok.idx, end=tok.idx + len(tok.text), confidence=0.5)

    def _trimmed(self, actor: Actor, tok) -> Actor:
        """A person the knowledge base does not know, named by the resolver with words before the
        name ('Assemblywoman Claudia Tenney', 'Billionaire Donald Trump' from a headline): under the
        document's fullest form of the name when the resolver's name ends with it."""
        if actor.identifier_id or not actor.identifier_text or tok.pos_ not in ("PROPN", "PRON"):
            return actor
        name = actor.identifier_text
        form = self.fullest_form(tok if tok.pos_ == "PROPN" else name.split()[-1], tok.idx)
        if form and name != form and name.endswith(" " + form):
            return replace(actor, identifier_text=form)
        return actor

    def entity_actor(self, k: int | str, tok) -> Actor:
        if isinstance(k, str):  # a person the document names and nobody links
            return Actor(entity_text=tok.text, code=self.analysis.focus, sector=None, identifier_text=k[4:],
                         start=tok.idx, end=tok.idx + len(tok.text), confidence=0.5)
        ent = self.analysis.entities[k]
        from ..records import Span

        return ent.actor(Span(tok.text, tok.idx, tok.idx + len(tok.text)))

    def _link(self, head_tok, span, prev_speaker, quote_start: int):
        if head_tok is not None and head_tok.pos_ == "PRON" and head_tok.lower_ in _MALE | _FEMALE:
            k, why = self.pronoun_speaker(head_tok, quote_start, prev_speaker)
            if k is not None:
                return self._trimmed(self.entity_actor(k, head_tok), head_tok), k, why
        if head_tok is not None and head_tok.lower_ == "it" and isinstance(prev_speaker, int) \
                and self.analysis.entities[prev_speaker].kind != "person":
            # 'It added, "..."' after an organisation's quote: the organisation
            return self.entity_actor(prev_speaker, head_tok), prev_speaker, "pronoun:previous-speaker"
        return self._link_phrase(head_tok, span)

    def _doc_key(self, tok, actor: Actor) -> str:
        k = self.person_tok.get(tok.i)
        return k if isinstance(k, str) else f"doc:{actor.identifier_text}"

    def link(self, head_tok, span, prev_speaker, quote_start: int) -> tuple[Actor | None, int | str | None, str]:
        """(actor, its person key or None, reason) for a speaker phrase. The key is an entity index,
        or ``doc:<name>`` for a person the document names and nobody links."""
        actor, k, why = self._link(head_tok, span, prev_speaker, quote_start)
        if actor is not None and isinstance(k, int) and actor.identifier_text and \
                self.analysis.entities[k].kind == "person":
            written = self.as_written(actor.identifier_text, head_tok.idx if head_tok is not None else quote_start)
            if written and written != actor.identifier_text:
                return replace(actor, identifier_text=written), k, why + ":as-written"
        return actor, k, why

    def as_written(self, label: str | None, at: int) -> str | None:
        """A knowledge-base person's label as the document writes the name: the label when the
        document's body (the headline left out) writes it, else the document's fullest form of that surname whose first name
        begins as the label's does ('Ash Carter' for Ashton Carter, 'Kenneth Starr' for Ken
        Starr); a middle name or initial more or less, or another spelling of the same first name
        ('Sergei' for Sergey), is no other name and keeps the label (CODEBOOK: the canonical name)."""
        if not label:
            return label
        norm = normalise(label)
        if self._norm_text is None:
            text = doc_text(self.doc)
            self._norm_text = f" {normalise(text[max(self._body_start, 0):])} "  # the headline left out
        if f" {norm} " in self._norm_text:
            return label
        words = norm.split()
        if len(words) < 2:
            return label
        parts = label.split()
        if len(words) > 2 and len(parts) > 2 and f" {words[0]} {words[-1]} " in self._norm_text:
            return f"{parts[0]} {parts[-1]}"  # 'Peter Orszag' for Peter R. Orszag
        fits = {f for _, f in self.name_forms.get(words[-1], []) if normalise(f).split()[0][:1] == words[0][:1]}
        if len(fits) != 1:
            return label
        form = next(iter(fits))
        # the same first name with a middle initial more or less ('Donald J. Trump'), or another
        # spelling of it ('Sergei' for Sergey): the canonical label
        first = normalise(form).split()[0]
        return label if first == words[0] or Levenshtein.distance(first, words[0]) <= 1 else form

    def _link_phrase(self, head_tok, span):
        order = []
        if head_tok is not None:
            order.append(head_tok.i)
            order.extend(c.i for c in head_tok.children if c.dep_ == "appos")
        if span is not None:
            # Possessive pronouns inside the phrase ("His chief of staff") are not the speaker.
            order.extend(t.i for t in reversed(span) if t.dep_ != "poss")
        for i in order:
            actor = self.analysis.actor_for_token(i)
            if actor is not None:
                k = self.analysis.token_entity.get(i)
                place_word = i == order[0] and self._person_not_place(k, self.doc[i])
                if i == order[0] and (place_word or not self.consistent(k, self.doc[i])):
                    named = self.name_in_document(self.doc[i], force=True)
                    if named is not None and place_word:
                        named = replace(named, code=self.analysis.focus)  # not the country of the word
                    if named is not None:
                        return named, self._doc_key(self.doc[i], named), "name-in-document:link-rejected"
                return self._trimmed(actor, self.doc[i]), k, "resolver"
        if head_tok is not None:
            k = self.person_tok.get(head_tok.i)
            if k is not None and (isinstance(k, str) or normalise(self.analysis.entities[k].identifier_text or "")
                                  .split()[-1:] == normalise(head_tok.text).split()[-1:]):
                # a surname the resolver linked elsewhere in the document, not here
                return self._trimmed(self.entity_actor(k, head_tok), head_tok), k, "person-mention"
            named = self.name_in_document(head_tok)
            if named is not None:
                return named, self._doc_key(head_tok, named), "name-in-document"
        root = head_tok if head_tok is not None else (span.root if span is not None else None)
        if root is not None:
            actor = self.generic(root)
            if actor is not None:
                return actor, None, "generic"
        return None, None, "none"


def with_text(actor: Actor, text: str) -> Actor:
    return replace(actor, entity_text=text)
