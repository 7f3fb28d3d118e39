"""FuzzyPool gives exactly what a full rapidfuzz scan gives, on real KB names and on garbled ones."""
from __future__ import annotations

import random

import pytest
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from eventcoder.actors.fuzzy import FuzzyPool


def _scan(query, names, limit, cutoff):
    return [(n, s, k) for n, s, k in process.extract(query, names, scorer=JaroWinkler.normalized_similarity,
                                                     limit=limit, score_cutoff=cutoff)]


def _garble(rng: random.Random, s: str) -> str:
    chars = list(s)
    for _ in range(rng.randint(0, 3)):
        op = rng.random()
        i = rng.randrange(len(chars)) if chars else 0
        if op < 0.3 and chars:
            del chars[i]
        elif op < 0.6:
            chars.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz é"))
        elif chars:
            chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars).strip() or "x"


@pytest.fixture(scope="module")
def kb_names():
    from eventcoder.actors.kb import KnowledgeBase

    return [n for n, _ in KnowledgeBase.load(use_env=False).all_names() if n]


@pytest.mark.parametrize("limit, cutoff", [(8, 0.8), (12, 0.82), (5, 0.95), (3, 0.7)])
def test_same_results_as_a_full_scan(kb_names, limit, cutoff):
    rng = random.Random(limit)
    names = rng.sample(kb_names, 6000)
    pool = FuzzyPool(names)
    queries = [_garble(rng, rng.choice(names)) for _ in range(150)]
    queries += [q.split()[-1] for q in queries[:50]] + ["ab", "z", "o'neill", "müller-lüdenscheidt", "a b c"]
    for q in queries:
        assert pool.extract(q, limit, cutoff) == _scan(q, names, limit, cutoff), q


def test_edge_cases():
    pool = FuzzyPool(["anna", "ann", "", "bob", "zoë", "ANNA"])
    for q in ("anna", "an", "", "zoe", "bobby", "ANN"):
        assert pool.extract(q, 5, 0.6) == _scan(q, pool.names, 5, 0.6), q
    assert FuzzyPool([]).extract("anna", 3, 0.5) == []
