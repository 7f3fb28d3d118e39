"""Toponyms named in a list with other places: "Temryuk and Anapa", "Moonbi, Parkes, Berry and Wyong".

The recogniser rejects a gazetteer name that spaCy tags as a person or an organisation, or a
small town with no label, unless the text says it is a place. A list says so: a name joined by
a comma, "and" or "or" to an accepted place, and with a sense in that place's country, is a place
of the same kind (or, for a name of one country only, with a sense of the neighbour there: the
neighbour's reading alone may lie elsewhere before the document's evidence is weighed). The rejected
names are admitted from the accepted ones outwards, so a whole list is taken when one of its members is.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence, TypeVar

__all__ = ["admit_listed"]

C = TypeVar("C")

# what may stand between two members of a list of places
_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*")


def _joined(full: str, a_end: int, b_start: int) -> bool:
    return 0 <= a_end <= b_start and _JOIN.fullmatch(full[a_end:b_start]) is not None


def admit_listed(full: str, kept: Sequence[C], rejected: Sequence[C],
                 countries: Callable[[C], set[str]], best_country: Callable[[C], str]) -> list[C]:
    """``kept`` plus each rejected candidate listed next to a kept one (directly or through other
    admitted ones) that has a sense in the kept neighbour's country. Candidates carry ``start`` and
    ``end``; ``countries`` gives a candidate's sense countries, ``best_country`` the country of the
    sense an accepted candidate would take."""
    if not rejected or not kept:
        return list(kept)
    items = sorted([(c, True) for c in kept] + [(c, False) for c in rejected], key=lambda x: x[0].start)
    ok = [k for _c, k in items]
    country: dict[int, str] = {}  # an accepted item's country, worked out when a neighbour asks

    def country_of(i: int) -> str:
        if i not in country:
            country[i] = best_country(items[i][0]) if items[i][1] else ""
        return country[i]

    changed = True
    while changed:
        changed = False
        for i, (c, _k) in enumerate(items):
            if ok[i]:
                continue
            for nb in (i - 1, i + 1):
                if not (0 <= nb < len(items)) or not ok[nb]:
                    continue
                o = items[nb][0]
                touching = _joined(full, o.end, c.start) if nb < i else _joined(full, c.end, o.start)
                cc, mine = country_of(nb), countries(c)
                if touching and not (cc and cc in mine) and len(mine) == 1 and mine <= countries(o):
                    cc = next(iter(mine))  # a name of one country only, which the neighbour may be in too
                if touching and cc and cc in mine:
                    ok[i], country[i], changed = True, cc, True
                    break
    return [c for (c, _k), good in zip(items, ok) if good]
