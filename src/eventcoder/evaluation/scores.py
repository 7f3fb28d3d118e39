"""The score records, and ``score``: a gold set against its predictions."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..errors import InputError
from .document import DocumentScorer

__all__ = ["COUNT_KEYS", "Scores", "TypeScores", "prf", "score", "score_files"]

# Every count a score is computed from; always present in ``Scores.counts``.
COUNT_KEYS = (
    "ev_tp", "ev_pred", "ev_gold",
    "strict_ev_tp", "strict_ev_pred", "strict_ev_gold",
    "grounded_ev_tp", "grounded_ev_pred", "grounded_ev_gold",
    "ty_tp", "ty_pred", "ty_gold",
    "ent_ok", "ent_n", "geo_ok", "geo_n",
    "quote_ok", "quote_n", "quote_pred_ok", "quote_pred",
    "date_ok", "date_n", "aux_ok", "aux_n", "mode_ok", "mode_n",
    "evloc_ok", "evloc_n",
)


@dataclass(frozen=True)
class TypeScores:
    """Precision, recall and F1 of one event type (over the event matching)."""

    event_type: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int

    def to_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "gold": self.gold, "predicted": self.predicted}


@dataclass(frozen=True)
class Scores:
    """Every figure of the reference scorer; an accuracy is None when nothing was scored."""

    documents: int
    documents_predicted: int
    event_precision: float
    event_recall: float
    event_f1: float
    event_strict_precision: float
    event_strict_recall: float
    event_strict_f1: float
    event_grounded_precision: float
    event_grounded_recall: float
    event_grounded_f1: float
    type_f1: float
    entity_accuracy: float | None
    place_acc161: float | None
    quote_speaker_accuracy: float | None
    quote_precision: float | None
    date_accuracy: float | None
    aux_accuracy: float | None
    mode_accuracy: float | None
    event_location_acc161: float | None
    counts: Mapping[str, int]
    by_type: tuple[TypeScores, ...] = ()

    def to_dict(self, *, by_type: bool = True) -> dict:
        """The JSON object of ``score.py --json`` (with ``--by-type`` when ``by_type``)."""
        out = {name: getattr(self, name) for name in _FIGURES}
        out["counts"] = dict(self.counts)
        if by_type:
            out["by_type"] = {t.event_type: t.to_dict() for t in self.by_type}
        return out


_FIGURES = (
    "documents", "documents_predicted",
    "event_precision", "event_recall", "event_f1",
    "event_strict_precision", "event_strict_recall", "event_strict_f1",
    "event_grounded_precision", "event_grounded_recall", "event_grounded_f1", "type_f1",
    "entity_accuracy", "place_acc161", "quote_speaker_accuracy", "quote_precision",
    "date_accuracy", "aux_accuracy", "mode_accuracy", "event_location_acc161",
)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _accuracy(ok: int, n: int) -> float | None:
    return ok / n if n else None


def _by_type(counts: Counter) -> tuple[TypeScores, ...]:
    types = sorted({k.split(":", 1)[1] for k in counts if k.startswith("type_")})
    out = []
    for t in types:
        tp, fp, fn = counts["type_tp:" + t], counts["type_fp:" + t], counts["type_fn:" + t]
        p, r, f = prf(tp, tp + fp, tp + fn)
        out.append(TypeScores(event_type=t, precision=p, recall=r, f1=f, gold=tp + fn, predicted=tp + fp))
    return tuple(out)


def score(gold_docs: list[dict], pred_docs: list[dict]) -> tuple[Scores, list[str]]:
    """Score predicted documents against gold documents, paired by ``id``.

    Returns the scores and the detail lines listing every miss. A gold
    document without a prediction scores as an empty one; predictions for
    documents absent from the gold are ignored (of two predictions with the
    same id, the last counts).
    """
    preds = {d.get("id"): d for d in pred_docs}
    counts: Counter = Counter({k: 0 for k in COUNT_KEYS})
    details: list[str] = []
    for gold in gold_docs:
        DocumentScorer(gold, preds.get(gold.get("id")), counts, details).run()
    c = counts
    p, r, f = prf(c["ev_tp"], c["ev_pred"], c["ev_gold"])
    sp, sr, sf = prf(c["strict_ev_tp"], c["strict_ev_pred"], c["strict_ev_gold"])
    gp, gr, gf = prf(c["grounded_ev_tp"], c["grounded_ev_pred"], c["grounded_ev_gold"])
    scores = Scores(
        documents=len(gold_docs),
        documents_predicted=sum(1 for g in gold_docs if g.get("id") in preds),
        event_precision=p, event_recall=r, event_f1=f,
        event_strict_precision=sp, event_strict_recall=sr, event_strict_f1=sf,
        event_grounded_precision=gp, event_grounded_recall=gr, event_grounded_f1=gf,
        type_f1=prf(c["ty_tp"], c["ty_pred"], c["ty_gold"])[2],
        entity_accuracy=_accuracy(c["ent_ok"], c["ent_n"]),
        place_acc161=_accuracy(c["geo_ok"], c["geo_n"]),
        quote_speaker_accuracy=_accuracy(c["quote_ok"], c["quote_n"]),
        quote_precision=_accuracy(c["quote_pred_ok"], c["quote_pred"]),
        date_accuracy=_accuracy(c["date_ok"], c["date_n"]),
        aux_accuracy=_accuracy(c["aux_ok"], c["aux_n"]),
        mode_accuracy=_accuracy(c["mode_ok"], c["mode_n"]),
        event_location_acc161=_accuracy(c["evloc_ok"], c["evloc_n"]),
        counts=MappingProxyType({k: v for k, v in c.items() if not k.startswith("type_")}),
        by_type=_by_type(c),
    )
    return scores, details


def _read_jsonl(path: Path) -> list[dict]:
    docs = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}, line {n}: not valid JSON ({e.msg}); "
                                     "give one JSON document per line") from e
                if not isinstance(doc, dict):
                    raise InputError(f"{path}, line {n}: a document must be a JSON object")
                docs.append(doc)
    except UnicodeDecodeError as e:
        raise InputError(f"{path} is not UTF-8 text ({e.reason}); give a UTF-8 JSON-lines file") from e
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}; check the path") from e
    return docs


def score_files(gold_path: str | Path, pred_path: str | Path) -> tuple[Scores, list[str]]:
    """``score`` on two JSON-lines files; raises InputError when one cannot be read."""
    return score(_read_jsonl(Path(gold_path)), _read_jsonl(Path(pred_path)))
