"""Linking a written person name to a knowledge-base person (``PersonLinker``).

Candidates come from the exact name and its aliases, the surname, the fuzzy name pools
(``actors.fuzzy``) and the holders of the office the title names; each is judged by name
similarity (``names.name_similarity``) and by how well its offices fit the title and the date.
A wrong link is worse than no link (CODEBOOK 3): ``link_person`` says when a name links.
Mixed into :class:`~eventcoder.actors.resolver.ActorResolver`, which holds the pools, the caches
and the thresholds.
"""
from __future__ import annotations

from .context import TitleContext
from .names import _PARTICLES as _NAME_PARTICLES
from .names import jw, name_similarity, normalise, surname, tokens

__all__ = ["PersonLinker"]


class PersonLinker:
    """Person linking for the resolver (``self.kb``, ``self._pools``, ``self._extract_cache``,
    ``self.link_threshold`` and ``self.office_threshold`` are the resolver's)."""

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
