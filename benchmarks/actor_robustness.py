"""Person-linking robustness benchmark: corrupted known names and invented names.

    python benchmarks/actor_robustness.py [--known 500] [--invented 500] [--seed N] [--misses 40]

Prints top-1 accuracy on corrupted names of known office holders (by
corruption type), the wrong-link rate on invented names (by placement), and
a list of misses with the resolver's evidence. The sentences are generated
from the shipped knowledge base by ``benchmarks/garbled_names.py``.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from garbled_names import DEFAULT_SEED, run_benchmark
from eventcoder.actors.kb import KnowledgeBase
from eventcoder.actors.resolver import ActorResolver
from eventcoder.nlp import load_nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--known", type=int, default=500, help="corrupted names of known people (default 500)")
    ap.add_argument("--invented", type=int, default=500, help="invented names (default 500)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"generator seed (default {DEFAULT_SEED})")
    ap.add_argument("--misses", type=int, default=40, help="misses to list per group; -1 for all (default 40)")
    ap.add_argument("--link-threshold", type=float, default=None, help="ActorResolver link_threshold to try")
    ap.add_argument("--office-threshold", type=float, default=None, help="ActorResolver office_threshold to try")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp, kb = load_nlp(), KnowledgeBase.load()
    thresholds = {k: v for k, v in (("link_threshold", args.link_threshold),
                                    ("office_threshold", args.office_threshold)) if v is not None}
    resolver = ActorResolver(kb, **thresholds)
    t1 = time.perf_counter()
    result = run_benchmark(nlp, kb, resolver, n_known=args.known, n_invented=args.invented, seed=args.seed)
    t2 = time.perf_counter()
    print(result.summary())
    print(f"(load {t1 - t0:.1f} s, benchmark {t2 - t1:.1f} s, seed {args.seed})")
    groups = Counter((m.kind, m.outcome) for m in result.misses)
    for (kind, outcome), count in sorted(groups.items()):
        print(f"\n== {kind} {outcome}: {count}")
        shown = [m for m in result.misses if (m.kind, m.outcome) == (kind, outcome)]
        for m in shown if args.misses < 0 else shown[:args.misses]:
            target = f"expected {m.expected!r}, " if m.expected else ""
            print(f"  [{m.category}] {m.written!r}: {target}got {m.got!r} ({m.got_kind}, {m.got_id}) {m.date}"
                  f"\n      {m.sentence}\n      evidence: {'; '.join(m.evidence) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
