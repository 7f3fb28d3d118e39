"""In-document coreference of actors: descriptions ("the Ukrainian leader", "the PTI
chairman", "UN chief") and pronouns, resolved to the people the document names."""
from __future__ import annotations

from ..records import Entity
from .clusters import Cluster as _Cluster
from .clusters import clean_name as _clean_name

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_LESSER = {"deputy", "vice", "assistant", "under", "undersecretary", "acting", "interim", "junior", "associate"}
DESCRIPTION_HEADS = {"leader", "president", "premier", "minister", "chancellor", "diplomat", "chief", "chairman",
                     "chairwoman",
                     "head", "spokesman", "spokeswoman", "spokesperson", "envoy", "pm", "monarch",
                     "king", "counterpart", "secretary", "general"}
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


class CoreferenceMixin:
    """The coreference steps of :class:`~eventcoder.actors.resolver.ActorResolver` (which
    provides ``kb``)."""

    def _descriptions(self, doc, chunks, clusters, token_cluster, claim, date, focus) -> None:
        """Definite descriptions ("the Ukrainian leader", "the head of the Russian Federation",
        "UN chief", "the PTI chairman", "the former PM") to the person they denote: the most
        recent person mentioned whose country, office or organisation fits, else the holder of
        that office on the article's date."""
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
            for k in range(len(words)):
                r = kb.role(" ".join(words[k:]))
                if r is not None and r.role:
                    if r.role not in roles and r.role != "other":
                        roles.append(r.role)
                    break  # the longest office the words name: "the vice president" is no president
            loose = [r for r in LOOSE_ROLES.get(root.lower_, ()) if r not in roles]  # "leader", "chief"
            former = any(t.lower_ in ("former", "ex") for t in chunk)
            title = [w for w in words if w not in ("the", "this", "that")] if lesser else [root.lower_]
            target = self._description_target(clusters, token_cluster, chunk.start, countries, orgs, roles,
                                              title, loose, doc)
            if target is None and definite and not countries and not orgs and roles and focus:
                countries = [focus]  # "the president": of the country the article is about
            if target is None and countries and (roles or loose) and not former and not lesser:
                holders = []
                for role in roles + loose:
                    holders = kb.by_office(role, countries[0], date)
                    if holders:
                        break
                if len(holders) == 1:
                    e = holders[0]
                    clusters.append(_Cluster(kind="person", name=e.name, entity=Entity(
                        e.name, e.qid, countries[0], "GOV", "person", confidence=0.6,
                        evidence=[f"description resolved to the {role.replace('_', ' ')} on {date}"])))
                    target = len(clusters) - 1
            if target is not None:
                clusters[target].extra.append((phrase.start, phrase.end))
                for i in range(phrase.start, phrase.end):
                    token_cluster.pop(i, None)  # the whole phrase now names the person
                claim(phrase.start, phrase.end, target)

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

    @staticmethod
    def _pronouns(doc, clusters, token_cluster, claim) -> None:
        last_subject: int | None = None
        last_any: int | None = None
        for sent in doc.sents:
            sent_subject = None
            for tok in sent:
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


def _is_subject(tok) -> bool:
    """Whether a token of a name is in the subject of its clause ("President X met ...")."""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("compound", "flat", "appos", "conj", "cc") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
