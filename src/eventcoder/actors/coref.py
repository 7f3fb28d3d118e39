"""In-document coreference of actors: descriptions ("the Ukrainian leader", "the PTI
chairman", "UN chief") and pronouns, resolved to the people the document names."""
from __future__ import annotations

from ..nlp.tokens import doc_tokens, sentences, span_tokens
from ..records import Entity
from .clusters import Cluster as _Cluster
from .clusters import clean_name as _clean_name
from .kb import normalise

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_LESSER = {"deputy", "vice", "assistant", "under", "undersecretary", "acting", "interim", "junior", "associate"}
DESCRIPTION_HEADS = {"leader", "president", "premier", "minister", "chancellor", "diplomat", "chief", "chairman",
                     "chairwoman",
                     "head", "spokesman", "spokeswoman", "spokesperson", "envoy", "pm", "monarch",
                     "king", "counterpart", "secretary", "general", "ambassador", "representative", "governor",
                     "mayor"}
# Description heads that name an office exactly, and heads that fit several offices loosely.
EXACT_ROLES = {
    "president": ("head_of_state",), "premier": ("head_of_government",), "pm": ("head_of_government",),
    "chancellor": ("head_of_government",), "diplomat": ("foreign_minister", "igo_foreign_policy_chief"),
}
LOOSE_ROLES = {
    "leader": ("head_of_state", "head_of_government", "armed_group_leader", "party_leader", "igo_head"),
    "head": ("head_of_state", "igo_head"), "chief": ("igo_head", "head_of_state", "military_commander", "party_leader"),
    "chairman": ("party_leader", "igo_head"), "chairwoman": ("party_leader", "igo_head"),
}


# Words an office title must hold for a description with this head to name it.
_TITLE_HEADS = {"ambassador": ("ambassador", "permanent representative"), "envoy": ("envoy", "representative"),
                "representative": ("representative",), "governor": ("governor", "head"), "mayor": ("mayor",)}


class CoreferenceMixin:
    """The coreference steps of :class:`~eventcoder.actors.resolver.ActorResolver` (which
    provides ``kb``)."""

    def _descriptions(self, doc, chunks, clusters, token_cluster, claim, date, focus, publisher=None) -> None:
        """Definite descriptions ("the Ukrainian leader", "the head of the Russian Federation",
        "UN chief", "the PTI chairman", "the former PM") to the person they denote: the most
        recent person mentioned whose country, office or organisation fits, else the holder of
        that office on the article's date: of the country the phrase names, else, for a
        capitalised office in a government's own text ("the President", "The Secretary of
        Commerce" on whitehouse.gov), of the ``publisher``'s country, else of the article's."""
        kb = self.kb
        for chunk in chunks:
            root = chunk.root
            if root.lower_ not in DESCRIPTION_HEADS or any(t.ent_type_ == "PERSON" for t in chunk):
                continue
            if any(token_cluster.get(i) is not None and clusters[token_cluster[i]].kind == "person"
                   for i in range(chunk.start, chunk.end)):
                continue
            end = chunk.end
            of_pp = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"]
            if of_pp:
                end = max(end, max(t.i for t in of_pp[0].subtree) + 1)
            phrase = doc[chunk.start:end]
            inner = [token_cluster[t.i] for t in phrase[root.i - chunk.start + 1:]
                     if token_cluster.get(t.i) is not None and clusters[token_cluster[t.i]].kind == "person"]
            if inner:
                # "the head of the Russian Federation Vladimir Putin": a title of that person.
                target = inner[-1]
                for i in range(phrase.start, phrase.end):
                    token_cluster.pop(i, None)
                claim(phrase.start, phrase.end, target)
                continue
            mods = [t for t in chunk if t.i < root.i and t.dep_ != "det"]
            countries, orgs = [], []
            # "the Secretary of State", "the Secretary of the Treasury": the "of" phrase is part of
            # the office's name, not whose office it is.
            office = _office_phrase(kb, chunk, root, of_pp)
            if office is not None:
                of_pp = []
            # Whose office: the words before the head and the object of its "of" phrase, not a
            # possessor inside that object ("the deputy chief of Israel's militia ally" is no
            # office of Israel).
            of_obj = [g for pp in of_pp[:1] for g in pp.children if g.dep_ == "pobj"]
            of_words = [t for g in of_obj for t in g.subtree if t.i == g.i or t.head.i == g.i and t.dep_ in ("compound", "amod")]
            for t in list(mods) + of_words:
                ci = token_cluster.get(t.i)
                if ci is not None and clusters[ci].entity is not None:
                    ent = clusters[ci].entity
                    if clusters[ci].kind == "organisation":
                        orgs.append(clusters[ci])
                    elif ent.code and ent.code not in countries:
                        countries.append(ent.code)
                    continue
                cc = kb.country_by_name(t.text)
                if cc is not None and cc.code not in countries:
                    countries.append(cc.code)
            if chunk[0].lower_ in ("his", "her", "its", "their", "my", "our", "your"):
                continue  # "his chief of staff", "her counterpart": someone other than the possessor
            definite = chunk[0].lower_ in ("the", "this", "that")
            if not (definite or countries or orgs):
                continue  # "a president", "leaders": not a reference to one person
            words = [t.lower_ for t in chunk if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ != "former"]
            # A deputy, vice or assistant holds another office than the one the head names.
            lesser = any(t.lower_ in _LESSER for t in phrase)
            roles = [] if lesser else list(EXACT_ROLES.get(root.lower_, ()))  # offices the words name exactly
            if office is not None and not lesser:
                roles = [office[1]]
            for k in range(len(words)):
                r = kb.role(" ".join(words[k:]))
                if r is not None and r.role:
                    if r.role not in roles and r.role != "other":
                        roles.append(r.role)
                    break  # the longest office the words name: "the vice president" is no president
            loose = [r for r in LOOSE_ROLES.get(root.lower_, ()) if r not in roles]  # "leader", "chief"
            former = any(t.lower_ in ("former", "ex") for t in chunk)
            title = [w for w in words if w not in ("the", "this", "that")] if lesser else [root.lower_]
            # A government's own "the President", "The Secretary of Commerce": its office holder,
            # not the last president the text named ("spoke with President Putin ... the President")
            own = publisher is not None and root.text[:1].isupper() and definite and not countries \
                and not orgs and bool(roles) and not former and not lesser
            target = None if own else self._description_target(
                clusters, token_cluster, chunk.start, countries, orgs, roles, title, loose, doc)
            if own:
                countries = [publisher]
            elif target is None and definite and not countries and not orgs and roles and office is not None:
                # "the Secretary of State": the one country whose office of that role bears the name
                countries = self._titled_office_countries(office[0], roles[0], date)[:1]
            if target is None and definite and not countries and not orgs and roles and focus:
                countries = [focus]  # "the president": of the country the article is about
            if target is None and countries and (roles or loose) and not former and not lesser:
                holders = []
                for role in roles + loose:
                    holders = kb.by_office(role, countries[0], date)
                    if holders:
                        break
                if len(holders) > 1 and office is not None:
                    # "the Secretary of Commerce": of the country's ministers, the one whose office bears the name
                    titled = [e for e in holders if any(o.country == countries[0]
                                                        for o in _titled_offices(e, office[0], role, date))]
                    holders = titled or holders
                if len(holders) > 1:
                    holders = self._holders_for_destination(root, holders, role, countries[0], date)
                if len(holders) == 1:
                    e = holders[0]
                    named = [ci for ci, c in enumerate(clusters) if c.kind == "person" and c.entity is not None
                             and (c.entity.identifier_id or c.entity.identifier_text) == (e.qid or e.name)]
                    if named:  # the holder is named in the text too: the same person
                        target = named[0]
                    else:
                        clusters.append(_Cluster(kind="person", name=e.name, entity=Entity(
                            e.name, e.qid, countries[0], "GOV", "person", confidence=0.6,
                            evidence=[f"description resolved to the {role.replace('_', ' ')} on {date}"])))
                        target = len(clusters) - 1
            if target is not None:
                clusters[target].extra.append((phrase.start, phrase.end))
                for i in range(phrase.start, phrase.end):
                    token_cluster.pop(i, None)  # the whole phrase now names the person
                claim(phrase.start, phrase.end, target)

    def _titled_office_countries(self, words: str, role: str, date) -> list[str]:
        """The country whose office of ``role`` held on ``date`` is titled "<country> <words>"
        ("secretary of state" -> United States Secretary of State, not the Secretary of State
        of Puerto Rico), when there is one only."""
        found = {o.country for e in self.kb.by_office(role, None, date)
                 for o in _titled_offices(e, words, role, date) if o.country}
        return list(found) if len(found) == 1 else []

    def _holders_for_destination(self, root, holders, role, country, date) -> list:
        """Of several holders of an office, those whose office title names the place or body
        the description gives: "the Russian ambassador to the UN" (Permanent Representative of
        Russia to the United Nations), "the governor of Kursk region" (Governor of Kursk
        Oblast)."""
        kb = self.kb
        names = []
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "at", "of", "in", "for"):
                continue
            for g in prep.children:
                if g.dep_ != "pobj":
                    continue
                phrase = " ".join(t.text for t in g.subtree if t.dep_ not in ("det", "case") and not t.is_punct)
                c = kb.country_by_name(phrase)
                if c is not None and c.code == country:
                    continue  # "ambassador of Russia": the office's own country
                if c is not None:
                    names += [c.name, *c.aliases]
                else:
                    names.append(phrase)
                    for e in kb.by_name(phrase):
                        if e.kind != "person":
                            names += [e.name, *e.aliases]
                    words = [w for w in normalise(phrase).split() if w not in ("region", "oblast", "province",
                                                                                 "state", "city")]
                    if words:
                        names.append(" ".join(words))
        wanted = {normalise(n) for n in names if len(normalise(n)) > 2}
        if not wanted:
            return holders
        out, known = [], []
        for e in holders:
            for o in e.offices:
                if o.role == role and o.country == country and o.active_on(date) is not False:
                    title = f" {normalise(o.title)} "
                    if any(f" {w} " in title for w in _LESSER | {"first"}):
                        continue  # "the ambassador" is not the first deputy representative
                    if root.lower_ in _TITLE_HEADS and not any(f" {w} " in title for w in _TITLE_HEADS[root.lower_]):
                        continue  # "the US ambassador to Ukraine" is not the special envoy for Ukraine
                    if any(f" {w} " in title for w in wanted):
                        out.append(e)
                        if o.active_on(date):
                            known.append((o.start or "", e))  # held on the date by the dates given
                        break
        if known:
            # one seat, one holder at a time: the one who took it last (the older tables leave
            # some predecessors open-ended)
            return [max(known, key=lambda x: x[0])[1]]
        return out

    def _description_target(self, clusters, token_cluster, before: int, countries, orgs, roles,
                            title=(), loose=(), doc=None):
        """The person cluster a description refers to, or None: evidence first, then the
        person who has been the subject of a sentence (the one the text is about: "President
        X met President Y ... The President announced" is X), then recency."""
        last_seen: dict[int, int] = {}
        subject: set[int] = set()
        for i, ci in token_cluster.items():
            if i < before:
                last_seen[ci] = max(i, last_seen.get(ci, -1))
                if doc is not None and _is_subject(doc[i]):
                    subject.add(ci)
        best, best_score = None, 0.0
        for ci, last in last_seen.items():
            c = clusters[ci]
            if c.kind != "person" or c.entity is None:
                continue
            ent = c.entity
            if countries and ent.code not in countries:
                continue
            score = 0.5 if countries else 0.1
            known_roles = set(c.context.roles) | set(self._kb_roles(ent))
            if roles and known_roles & set(roles):
                score += 1.0
            elif loose and known_roles & set(loose):
                score += 0.3  # "the leader" fits any head of state, government or party
            elif title and set(title) <= {w.lower() for w in c.context.words}:
                score += 1.0  # the same title words: "Governor X" ... "the governor"
            words = " ".join(c.context.words)
            if orgs and any(_clean_name(x.text) in words for o in orgs for x in o.spans) or (
                    orgs and any(o.entity.identifier_text and o.entity.identifier_text in words for o in orgs)):
                score += 1.0  # "the PTI chief" for the "PTI Chairman", "UN chief" for the "UN secretary-general"
            if ci in subject:
                score += 0.2
            score += last / 1e6  # the most recent of equals
            if score > best_score:
                best, best_score = ci, score
        return best if best_score >= 0.5 else None

    def _kb_roles(self, ent: Entity) -> list[str]:
        if not ent.identifier_id:
            return []
        out = []
        for e in self.kb.by_name(ent.identifier_text or ""):
            if e.qid == ent.identifier_id:
                out.extend(o.role for o in e.offices if o.role)
        return out

    def _acronyms(self, doc, clusters, by_key, token_cluster, claim, is_place=lambda span: False) -> None:
        """Acronyms the text defines ("the World Food Programme (WFP)", "Rapid Support Forces
        (RSF)"): every mention of the acronym in the document is the organisation of the long
        form, whatever another body of the same letters the knowledge base knows. A long form
        without a cluster (the parser did not label it) becomes an organisation cluster; the
        acronym's own cluster is merged into it. Countries and places are not organisations
        ("the United Arab Emirates (UAE)")."""
        kb = self.kb
        defs = acronym_definitions(doc)
        if not defs:
            return
        for first, end, ai in defs:
            acr = doc[ai].text
            long_span = doc[first:end]
            text = _clean_name(long_span.text)
            if kb.country_by_name(text) or kb.country_by_capital(text) or kb.country_by_name(acr) \
                    or is_place(long_span):
                continue
            owners = [token_cluster.get(i) for i in range(first, end)]
            head = owners[-1]
            if head is not None and clusters[head].kind != "organisation":
                continue  # a person's or a state's name
            if head is None:
                if any(o is not None for o in owners):
                    continue  # part of it is another actor's mention
                key = f"org:{normalise(text)}"
                head = by_key.get(key)
                if head is None:
                    clusters.append(_Cluster(kind="organisation"))
                    head = by_key[key] = len(clusters) - 1
                clusters[head].spans.insert(0, long_span)
                claim(first, end, head)
            owner = clusters[head]
            if acr not in owner.acronyms:
                owner.acronyms.append(acr)
            merged = set()
            for tok in doc_tokens(doc):
                if tok.text != acr:
                    continue
                ci = token_cluster.get(tok.i)
                if ci == head:
                    continue
                if ci is not None:
                    if clusters[ci].kind != "organisation":
                        continue
                    merged.add(ci)
                    token_cluster.pop(tok.i)
                claim(tok.i, tok.i + 1, head)
            for ci in merged:
                if any(v == ci for v in token_cluster.values()):
                    continue  # it has other mentions: another body after all
                c = clusters[ci]
                c.spans, c.entity, c.kind = [], None, "merged"
                for k, v in list(by_key.items()):
                    if v == ci:
                        by_key[k] = head

    @staticmethod
    def _pronouns(doc, clusters, token_cluster, claim) -> None:
        last_subject: int | None = None
        last_any: int | None = None
        for sent in sentences(doc):
            sent_subject = None
            for tok in span_tokens(sent):
                ci = token_cluster.get(tok.i)
                if ci is not None and clusters[ci].kind == "person":
                    last_any = ci
                    if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass"):
                        sent_subject = ci
                if tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON" and tok.i not in token_cluster:
                    target = sent_subject if sent_subject is not None else (last_subject if last_subject is not None else last_any)
                    if target is not None:
                        claim(tok.i, tok.i + 1, target)
            if sent_subject is not None:
                last_subject = sent_subject


def _titled_offices(e, words: str, role: str, date) -> list:
    """The person's offices of ``role`` held on ``date`` (or of unknown activity) whose title ends
    with the office words ("secretary of commerce": United States Secretary of Commerce)."""
    needle = f" {words}"
    return [o for o in e.offices if o.role == role and o.active_on(date) is not False
            and f" {normalise(o.title)}".endswith(needle)]


def _office_phrase(kb, chunk, root, of_pp) -> tuple[str, str] | None:
    """(normalised words, role) when a description's head and its "of" phrase together name
    an office of the knowledge base's role table ("the Secretary of State", "the Secretary of
    the Treasury") and the "of" phrase names no country ("the president of Bulgaria")."""
    if not of_pp:
        return None
    pobj = [g for g in of_pp[0].children if g.dep_ == "pobj"]
    if not pobj or any(kb.country_by_name(t.text) for t in pobj[0].subtree):
        return None
    head = [t.text for t in chunk if t.i <= root.i and t.dep_ != "det" and not t.is_punct]
    tail = [t.text for t in of_pp[0].subtree if not t.is_punct]
    for words in (head + tail, [root.text] + tail):
        phrase = " ".join(words)
        r = kb.role(phrase)
        if r is not None and r.role and r.role != "other":
            return normalise(phrase), r.role
    return None


def _is_subject(tok) -> bool:
    """Whether a token of a name is in the subject of its clause ("President X met ...")."""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("compound", "flat", "appos", "conj", "cc") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# ---------------------------------------------------------------------- acronyms defined in the text
_ACRONYM_SKIP = {"AM", "PM", "TV", "OK", "ID"}
_LONG_FORM_STOP = {"of", "the", "for", "and", "in", "on", "to", "de", "du", "des", "la", "le", "al", "el", "y", "et"}


def _acronym_shape(text: str) -> bool:
    """An acronym as written: 2-10 letters or digits, a capital first, at least two capitals or
    a digit ("WFP", "RSF", "JMSDF", "M23", "CEEAC"); not a plural ("IEDs", "IDPs")."""
    if not 2 <= len(text) <= 10 or not text[0].isupper() or text in _ACRONYM_SKIP:
        return False
    if not all(ch.isalnum() or ch in "-&." for ch in text):
        return False
    if len(text) > 2 and text[-1] == "s" and text[:-1].isupper():
        return False
    return sum(ch.isupper() for ch in text) >= 2 or any(ch.isdigit() for ch in text)


def _long_form_start(short: str, words: list[str]) -> int | None:
    """The first word of the long form that ``short`` abbreviates, by Schwartz and Hearst
    (2003, "A simple algorithm for identifying abbreviation definitions"): the short form's
    letters are found right to left in the words, its first letter at the start of a word.
    None when they are not all found."""
    chars = [c for c in short.lower() if c.isalnum()]
    text = " ".join(w.lower() for w in words)
    li = len(text) - 1
    for si in range(len(chars) - 1, -1, -1):
        c = chars[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start_char = li + 1
    # the word that holds start_char
    pos = 0
    for k, w in enumerate(words):
        if pos <= start_char < pos + len(w) + 1:
            return k
        pos += len(w) + 1
    return None


def acronym_definitions(doc) -> list[tuple[int, int, int]]:
    """(first, end, acronym token) of each definition "<Long Form> (<ACR>)" or "<ACR> (<Long
    Form>)" in a parsed document ("the World Food Programme (WFP)", "Rapid Support Forces
    (RSF)"). The long form is a run of words within the sentence, at most min(|ACR| + 5,
    2 |ACR|) words (Schwartz and Hearst), whose content words are capitalised, and that the
    acronym's letters abbreviate."""
    out = []
    toks = doc_tokens(doc)
    n = len(toks)
    for tok in toks:
        if tok.text != "(" or tok.i + 2 >= n:
            continue
        inner, close = toks[tok.i + 1], toks[tok.i + 2]
        if close.text == ")" and _acronym_shape(inner.text):
            # "<Long Form> (ACR)"
            limit = min(len(inner.text) + 5, 2 * len(inner.text))
            first = tok.i
            while first > tok.sent.start and tok.i - first < limit:
                prev = doc[first - 1]
                if prev.is_punct and prev.text not in ("-", "'", "’", "&") or prev.is_digit:
                    break
                first -= 1
            if first == tok.i:
                continue
            words = [t.text for t in doc[first:tok.i]]
            k = _long_form_start(inner.text, words)
            if k is None:
                continue
            span = doc[first + k:tok.i]
            if _plausible_long_form(span):
                out.append((span.start, span.end, inner.i))
        elif _acronym_shape(doc[tok.i - 1].text if tok.i > 0 else "") and tok.i > 0:
            # "ACR (Long Form)"
            acr = doc[tok.i - 1]
            end = tok.i + 1
            while end < n and doc[end].text != ")" and end - tok.i <= 2 * len(acr.text) and not (
                    doc[end].is_punct and doc[end].text not in ("-", "'", "’", "&")):
                end += 1
            if end >= n or doc[end].text != ")" or end == tok.i + 1:
                continue
            words = [t.text for t in doc[tok.i + 1:end]]
            k = _long_form_start(acr.text, words)
            if k != 0:
                continue  # the whole parenthesis is the long form
            span = doc[tok.i + 1:end]
            if _plausible_long_form(span):
                out.append((span.start, span.end, acr.i))
    return out


def _plausible_long_form(span) -> bool:
    """The name of a body: two words or more, the content words capitalised ("the World Food
    Programme", not "internally displaced persons")."""
    content = [t for t in span if t.is_alpha and t.lower_ not in _LONG_FORM_STOP]
    return len([t for t in span if not t.is_punct]) >= 2 and bool(content) and all(
        t.text[:1].isupper() for t in content)


def long_form_fits(long_form: str, entity) -> bool:
    """A knowledge-base entity found by an acronym fits the long form the text gives for it when
    they share most content words ("Democratic Forces for the Liberation of Rwanda" and the
    entity of "FDLR"): the text's definition outweighs another body of the same letters."""
    def words(s):
        return {w for w in normalise(s).split() if w not in _LONG_FORM_STOP}
    mine = words(long_form)
    if not mine:
        return False
    for n in (entity.name, *entity.aliases):
        theirs = words(n)
        if theirs and len(mine & theirs) / len(mine | theirs) >= 0.4:
            return True
    return False
