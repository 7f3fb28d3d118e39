"""Score coded documents against a gold file (``eventcoder evaluate``).

The scores are those of ``spec/FORMATS.md`` ("Scores"): event precision,
recall and F1 over an optimal one-to-one matching of gold and predicted
events, the strict and type-only variants, entity, place and quote accuracy,
and the accuracy of the attributes (date, mode, auxiliary marker, event
location) of matched events. Documents are paired by ``id``; a gold document
without a prediction scores as an empty prediction.

    scores, details = score(gold_docs, pred_docs)
    print(format_scores(scores, by_type=True))

``details`` lists every miss, one tab-separated line each
(``doc-id <TAB> kind <TAB> ...``; kinds: missed, spurious, date, aux,
event_loc, entity, place, quote).

Modules: ``matching`` (the optimal assignment), ``fields`` (reading and
comparing JSON fields), ``document`` (one document's tallies), ``scores``
(the records and the aggregation), ``report`` (the table).
"""
from __future__ import annotations

from .matching import optimal_matching
from .report import format_scores
from .scores import Scores, TypeScores, score, score_files

__all__ = [
    "Scores",
    "TypeScores",
    "format_scores",
    "optimal_matching",
    "score",
    "score_files",
]
