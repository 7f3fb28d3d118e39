"""The generated person-linking robustness benchmark (``benchmarks/garbled_names.py``).

The generator tests are fast; the benchmark itself parses 1,000 sentences
(about 25 s on two cores) and checks the floors of the issue: top-1 >= 0.90 on
corrupted names of known people, wrong links <= 2% on invented names.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eventcoder.actors.kb import KnowledgeBase, normalise  # noqa: E402
from garbled_names import (CORRUPTIONS, DEFAULT_SEED, BenchmarkResult, corrupt,  # noqa: E402
                           invented_cases, known_cases, run_benchmark)

N = 500


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(use_env=False)


@pytest.fixture(scope="module")
def known(kb):
    return known_cases(kb, n=N, seed=DEFAULT_SEED)


@pytest.fixture(scope="module")
def invented(kb):
    return invented_cases(kb, n=N, seed=DEFAULT_SEED)


# --------------------------------------------------------------------------- the generator
@pytest.mark.parametrize("kind", [k for k in CORRUPTIONS if k != "control"])
def test_corruptions_change_the_name(kind):
    rng = random.Random(7)
    names = ["Sergey Lavrov", "Kaja Kallas", "Volodymyr Zelenskyy", "Abdel Fattah al-Burhan",
             "Kamina Johnson-Smith", "Mohammed bin Salman", "Steve Witkoff", "Andriy Yermak"]
    outs = [corrupt(n, kind, rng) for n in names]
    assert sum(o is not None for o in outs) >= 2, f"{kind} applies to almost no name"
    for name, out in zip(names, outs):
        if out is None:
            continue
        assert normalise(out) != normalise(name), (kind, name, out)
        assert out[:1].isupper() and "  " not in out
        if kind == "surname_only":
            assert len(out.split()) == 1 and normalise(name).endswith(normalise(out))
        elif kind in ("edit1", "letter", "translit"):
            assert Levenshtein.distance(normalise(out), normalise(name)) <= 3, (kind, name, out)


def test_first_name_variants_keep_the_surname():
    rng = random.Random(1)
    assert corrupt("Sergey Lavrov", "first_name", rng).split()[-1] == "Lavrov"
    assert corrupt("Sergey Lavrov", "first_name", rng).split()[0] in {"Sergei", "Serhiy", "Sergej", "Serguei"}
    assert corrupt("Kaja Kallas", "first_name", rng) is None  # no known variant
    assert corrupt("Kaja Kallas", "control", rng) == "Kaja Kallas"


def test_known_cases_are_well_formed(kb, known):
    assert len(known) == N
    assert len({c.entity_id for c in known}) == N, "one sentence a person"
    counts = {k: sum(c.corruption == k for c in known) for k in CORRUPTIONS}
    assert min(counts.values()) >= N // len(CORRUPTIONS) - 10, counts
    assert len({c.country for c in known}) >= 100 and len({c.role for c in known}) >= 8
    by_id = {e.id: e for e in kb.entities}
    for c in known:
        assert c.sentence[c.start:c.end] == c.written
        assert (c.written == c.name) == (c.corruption == "control"), c
        # A corrupted form is nobody else's real name (controls may share a name with a KB duplicate).
        assert c.corruption == "control" or all(
            e.id == c.entity_id for e in kb.by_name(c.written) if e.kind == "person"), c
        ent = by_id[c.entity_id]
        assert any(o.role == c.role and o.country == c.country and o.active_on(c.date) for o in ent.offices), c
    recent = sum("2015" <= c.date <= "2025-12-31" for c in known)
    assert recent >= 0.95 * N


def test_invented_names_are_unknown(kb, invented):
    assert len(invented) == N
    assert sum(c.placement == "held_office" for c in invented) == N // 2
    assert {c.placement for c in invented} == {"held_office", "vacant_role", "country_only"}
    assert len({c.written for c in invented}) == N
    names = sorted({normalise(n) for e in kb.entities if e.kind == "person" for n in (e.name, *e.aliases)})
    for c in invented:
        assert c.sentence[c.start:c.end] == c.written
        assert not [e for e in kb.by_name(c.written) if e.kind == "person"], c.written
        assert process.extractOne(normalise(c.written), names, scorer=Levenshtein.distance,
                                  score_cutoff=2) is None, c.written
        if c.placement == "held_office":
            assert c.holders and kb.by_office(c.role, c.country, c.date), c
        elif c.placement == "vacant_role":
            assert c.role and not kb.by_office(c.role, c.country, c.date), c


def test_generation_is_deterministic(kb, known, invented):
    assert known_cases(kb, n=N, seed=DEFAULT_SEED) == known
    assert invented_cases(kb, n=N, seed=DEFAULT_SEED) == invented
    other = known_cases(kb, n=N, seed=DEFAULT_SEED + 1)
    assert [c.sentence for c in other] != [c.sentence for c in known]


# --------------------------------------------------------------------------- the benchmark
@pytest.fixture(scope="module")
def result(nlp, kb) -> BenchmarkResult:
    from eventcoder.actors.resolver import ActorResolver

    return run_benchmark(nlp, kb, ActorResolver(kb), n_known=N, n_invented=N, seed=DEFAULT_SEED)


@pytest.mark.slow
def test_benchmark_counts_add_up(result):
    assert (result.n_known, result.n_invented) == (N, N)
    assert sum(n for _, n, _ in result.by_corruption) == N
    assert abs(result.top1 + result.unlinked + result.wrong_person - 1.0) < 1e-9
    known_misses = [m for m in result.misses if m.kind == "known"]
    assert len(known_misses) == round((1 - result.top1) * N)
    assert len([m for m in result.misses if m.kind == "invented"]) == round(result.wrong_link * N)


@pytest.mark.slow
def test_invented_names_are_rarely_linked(result):
    """Issue floor: a wrong link is worse than none (CODEBOOK 3)."""
    assert result.wrong_link <= 0.02, result.summary()
    assert result.wrong_person <= 0.02, result.summary()


@pytest.mark.slow
def test_top1_does_not_regress(result):
    """Regression guard below the issue floor (0.878-0.894 measured at the default seed while the
    resolver changed; the linker alone on the true spans 0.98)."""
    assert result.top1 >= 0.85, result.summary()


@pytest.mark.slow
def test_top1_meets_the_issue_floor(result):
    assert result.top1 >= 0.90, result.summary()


@pytest.mark.slow
def test_the_linker_alone_meets_the_issue_floors(result):
    """On the true name spans (no NER errors) the name matcher and context rule already clear the floors."""
    assert result.linker_top1 >= 0.95, result.summary()
    assert result.linker_wrong_link <= 0.02, result.summary()
