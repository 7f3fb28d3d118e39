"""Knowledge-base candidates for a written name, with their scores (``eventcoder kb lookup``)."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Candidate", "rank_candidates"]


@dataclass(frozen=True)
class Candidate:
    """A knowledge-base entity proposed for a written name, with its scores."""

    entity: object  # KBEntity
    score: float  # name similarity + half the office fit (the resolver's weighting)
    similarity: float
    fit: float
    office: object | None  # the Office that fits best (active on the date when known)


def _office_fit(ent, ctx, date: str | None):
    """(fit, office): +0.5 the title's role, +0.2 its country, +0.2 held on the date, -0.3 not held then."""
    best, best_office = 0.0, None
    for off in ent.offices:
        active = off.active_on(date) if date else None
        fit = (0.5 if off.role and off.role in ctx.roles else 0.0) \
            + (0.2 if ctx.countries and off.country in ctx.countries else 0.0) \
            + (0.2 if active is True else -0.3 if active is False else 0.0)
        later = best_office is not None and fit == best and (off.start or "") > (best_office.start or "")
        if best_office is None or fit > best or later:
            best, best_office = fit, off
    return best, best_office


def rank_candidates(kb, name: str, ctx=None, date: str | None = None, *, limit: int = 10) -> list[Candidate]:
    """KB entities that ``name`` (with title context ``ctx`` on ``date``) may denote, best first.

    Candidates: exact names and aliases, persons of the same surname, near
    spellings (Jaro-Winkler >= 0.8 on the normalised name), and the holders of
    the offices the context names. The score is the name similarity
    (``names.name_similarity``) plus half the office fit, as in the resolver.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    from .context import TitleContext
    from .names import name_similarity, normalise, surname

    ctx = ctx if ctx is not None else TitleContext()
    found: dict[int, object] = {}
    pool = list(kb.by_name(name)) + list(kb.by_surname(surname(name)))
    names = kb.all_names()
    for _, _, k in process.extract(normalise(name), [n for n, _ in names], scorer=JaroWinkler.normalized_similarity,
                                   limit=limit, score_cutoff=0.8):
        pool.append(kb.entities[names[k][1]])
    for role in ctx.roles:
        for country in ctx.countries or [None]:
            pool += kb.by_office(role, None if country == "IGO" else country, date)
    for ent in pool:
        found.setdefault(id(ent), ent)
    out = []
    for ent in found.values():
        sim = max(name_similarity(name, n) for n in (ent.name, *ent.aliases))
        fit, office = _office_fit(ent, ctx, date)
        out.append(Candidate(ent, sim + 0.5 * fit, sim, fit, office))
    out.sort(key=lambda c: (-c.score, -c.similarity, c.entity.name))
    return out[:limit]
