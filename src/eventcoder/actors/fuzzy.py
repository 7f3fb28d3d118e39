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


_BUCKET_OF = {**{chr(97 + i): i for i in range(26)}, " ": 26}  # other characters: _BUCKETS - 1


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
        # Stored transposed (a row per character bucket), as bytes: the query's buckets pick rows
        # and one sum adds them, with no BLAS call (whose threads cost more than this whole sum).
        # The dense levels (most names have a character k times: k = 1, 2, 3 ...) come first, as
        # one matrix whose row (k - 1) * _BUCKETS + b is B_k's row for bucket b, so one sum adds
        # them all; each sparser level keeps only its names (rows into the pool).
        dense: list[np.ndarray] = []
        self._levels: list[tuple[np.ndarray, np.ndarray]] = []  # (names, B_k) of the sparse levels
        top = int(counts.max()) if n else 0
        for k in range(1, top + 1):
            at_least = counts >= k
            keep = np.nonzero(at_least.any(axis=1))[0]
            if len(keep) > n // 2 and not self._levels:  # a dense level: every name, no scatter
                dense.append(at_least.T)
            else:
                self._levels.append((keep, np.ascontiguousarray(at_least[keep].T, dtype=np.uint8)))
        self._dense = np.ascontiguousarray(np.vstack(dense), dtype=np.uint8) if dense \
            else np.zeros((0, n), dtype=np.uint8)
        self._n_dense = len(dense)

    def __len__(self) -> int:
        return len(self.names)

    def _candidates(self, query: str, cutoff: float) -> np.ndarray:
        """Indices of the names whose Jaro-Winkler bound reaches ``cutoff``, in pool order."""
        q = [0] * _BUCKETS
        for ch in query:  # a short string: counted in Python, cheaper than NumPy's set-up for it
            q[_BUCKET_OF.get(ch, _BUCKETS - 1)] += 1
        # c <= |query|, so bytes hold it for any query of up to 255 characters; in-place adds of
        # whole rows are several times faster than a gather and a sum over them
        acc = np.uint8 if len(query) <= 255 else np.int32
        common = np.zeros(len(self.names), dtype=acc)
        for b, m in enumerate(q):
            for k in range(min(m, self._n_dense)):
                common += self._dense[k * _BUCKETS + b]
        for k, (rows, b) in enumerate(self._levels, self._n_dense + 1):
            want = [x for x, m in enumerate(q) if m >= k]
            if not want:
                break
            part = np.zeros(len(rows), dtype=acc)
            for x in want:
                part += b[x]
            common[rows] += part
        # J_ub = (s + 1) / 3 with s = c/|query| + c/|name|. Without a common first character the bound
        # must reach the cutoff itself; with one, Winkler's largest boost (J + 0.4 (1 - J), for J >= 0.7)
        # lowers what J_ub must reach to max(0.7, (cutoff - 0.4) / 0.6), or to the cutoff if that is less.
        s_ub = common * (np.float32(1.0 / len(query)) + self._inv_lengths)
        need_same = min(cutoff, max(0.7, (cutoff - 0.4) / 0.6))
        # the names reaching the lower need (a common first character) first, then the rest of
        # them held to the higher need: two passes over a few hundred names, not a where() over all
        idx = np.nonzero(s_ub >= 3.0 * need_same - 1.0 - _EPS)[0]
        if need_same < cutoff and len(idx):
            idx = idx[(self._first[idx] == ord(query[0])) | (s_ub[idx] >= 3.0 * cutoff - 1.0 - _EPS)]
        return idx

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
