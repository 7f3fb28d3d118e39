"""Fuzzy name search: the best Jaro-Winkler matches of a name in a pool of names, fast and exact.

``FuzzyPool.extract`` returns exactly what ``rapidfuzz.process.extract`` with
``JaroWinkler.normalized_similarity`` returns over the whole pool (same names, scores
and order), but scores only the names that can reach the cutoff. A full scan of the
22,000 people's names costs 2-3 ms; a person-heavy document asks for dozens, and on
short documents this scan was the largest cost after parsing.

The filter is an upper bound, so nothing that would match is skipped:

- The Jaro similarity of strings ``a`` and ``b`` is ``(m/|a| + m/|b| + (m - t)/m) / 3``
  with ``m`` matching characters; ``m`` is at most the size ``c`` of the multiset
  intersection of their characters, and ``(m - t)/m <= 1``, so
  ``J <= (c/|a| + c/|b| + 1) / 3``. Counting characters in coarser buckets (every
  character outside a-z and the space shares one) can only raise ``c``: still a bound.
- Winkler's boost ``J + l * 0.1 * (1 - J)`` (common prefix ``l`` <= 4, given when
  ``J >= 0.7``) grows with ``J``; it is 0 when the first characters differ.

``c`` for every name at once is a sum of rows: with ``B_k`` the 0/1 matrix of "name has
at least k of this character" (a row per character, a column per name), ``c`` is the sum,
over k, of the rows of ``B_k`` for the characters the query has at least k times. Only the
names that have some character k times are kept for ``B_k``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

__all__ = ["FuzzyPool"]

_BUCKETS = 28  # a-z, the space, everything else
_EPS = 1e-4  # bounds (float32) are compared with this slack: rounding can only keep more names


def _bucket_codes(text: str) -> np.ndarray:
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    out = np.full(cps.shape, _BUCKETS - 1, dtype=np.int64)
    letters = (cps >= 97) & (cps <= 122)
    out[letters] = cps[letters] - 97
    out[cps == 32] = 26
    return out


class FuzzyPool:
    """A fixed list of names (normalised, lower case) to search with Jaro-Winkler."""

    def __init__(self, names: Sequence[str]):
        self.names = list(names)
        n = len(self.names)
        lengths = np.fromiter((len(s) for s in self.names), dtype=np.int64, count=n)
        codes = _bucket_codes("".join(self.names))
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        counts = np.bincount(rows * _BUCKETS + codes, minlength=n * _BUCKETS).reshape(n, _BUCKETS)
        with np.errstate(divide="ignore"):
            self._inv_lengths = np.where(lengths > 0, 1.0 / lengths, 0.0).astype(np.float32)
        self._first = np.array([ord(s[0]) if s else -1 for s in self.names], dtype=np.int64)
        self._levels: list[tuple[np.ndarray | None, np.ndarray]] = []  # (rows or None for all, B_k)
        top = int(counts.max()) if n else 0
        for k in range(1, top + 1):
            at_least = counts >= k
            keep = np.nonzero(at_least.any(axis=1))[0]
            # Stored transposed (a row per character bucket), as bytes: the query's buckets pick rows
            # and one sum adds them, with no BLAS call (whose threads cost more than this whole sum).
            if len(keep) > n // 2:  # a dense level: every name, no scatter
                self._levels.append((None, np.ascontiguousarray(at_least.T, dtype=np.uint8)))
            else:
                self._levels.append((keep, np.ascontiguousarray(at_least[keep].T, dtype=np.uint8)))

    def __len__(self) -> int:
        return len(self.names)

    def _candidates(self, query: str, cutoff: float) -> np.ndarray:
        """Indices of the names whose Jaro-Winkler bound reaches ``cutoff``, in pool order."""
        q = np.bincount(_bucket_codes(query), minlength=_BUCKETS)
        common = np.zeros(len(self.names), dtype=np.int32)
        for k, (rows, b) in enumerate(self._levels, 1):
            want = q >= k
            if not want.any():
                break
            part = b[want].sum(axis=0, dtype=np.int32)
            if rows is None:
                common += part
            else:
                common[rows] += part
        # J_ub = (s + 1) / 3 with s = c/|query| + c/|name|. Without a common first character the bound
        # must reach the cutoff itself; with one, Winkler's largest boost (J + 0.4 (1 - J), for J >= 0.7)
        # lowers what J_ub must reach to max(0.7, (cutoff - 0.4) / 0.6), or to the cutoff if that is less.
        s_ub = common * (np.float32(1.0 / len(query)) + self._inv_lengths)
        need_same = min(cutoff, max(0.7, (cutoff - 0.4) / 0.6))
        need = np.where(self._first == ord(query[0]), 3.0 * need_same - 1.0, 3.0 * cutoff - 1.0)
        return np.nonzero(s_ub >= need - _EPS)[0]

    def extract(self, query: str, limit: int, cutoff: float) -> list[tuple[str, float, int]]:
        """(name, score, index in the pool) of the best matches, as ``process.extract`` gives them."""
        if not query or not self.names:
            return [(n, s, int(k)) for n, s, k in process.extract(
                query, self.names, scorer=JaroWinkler.normalized_similarity, limit=limit, score_cutoff=cutoff)]
        idx = self._candidates(query, cutoff)
        if not len(idx):
            return []
        sub = [self.names[i] for i in idx]
        return [(n, s, int(idx[k])) for n, s, k in process.extract(
            query, sub, scorer=JaroWinkler.normalized_similarity, limit=limit, score_cutoff=cutoff)]


def name_pools(kb) -> dict[str, tuple[FuzzyPool, list]]:
    """The knowledge base's fuzzy pools, as (pool, what each of its names stands for):

    * ``people``: people's names and aliases, each the index of its entity (person linking);
    * ``others``: everyone else's (organisations): a scan of one pool cannot have its top-k
      filled by names of the wrong kind, and costs 60 % (people) or 40 % of a scan of all names;
    * ``surnames``: the last words of people's names, each the list of the entity indices of
      the people who bear it.
    """
    names = kb.all_names()
    pools: dict[str, tuple[FuzzyPool, list]] = {}
    for pool, is_person in (("people", True), ("others", False)):
        sel = [(n, k) for n, k in names if (kb.entities[k].kind == "person") == is_person]
        pools[pool] = (FuzzyPool([n for n, _ in sel]), [k for _, k in sel])
    surnames: dict[str, list[int]] = {}
    for n, k in names:
        if kb.entities[k].kind == "person" and n:
            surnames.setdefault(n.split()[-1], []).append(k)
    pools["surnames"] = (FuzzyPool(list(surnames)), list(surnames.values()))
    return pools
