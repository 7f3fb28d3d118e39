"""A readable table of the scores, for the command line."""
from __future__ import annotations

from .scores import Scores, prf

__all__ = ["format_scores"]


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def format_scores(scores: Scores, *, by_type: bool = False) -> str:
    """A readable table of the scores (and of the per-type scores when ``by_type``)."""
    c = scores.counts

    def prf_row(label: str, p: float, r: float, f: float, tag: str) -> str:
        n = f"{c[tag + '_tp']} matched / {c[tag + '_pred']} predicted / {c[tag + '_gold']} gold"
        return f"{label:26s} {_fmt(p):>6s} {_fmt(r):>6s} {_fmt(f):>6s}   {n}"

    def acc_row(label: str, value: float | None, ok: str, n: str) -> str:
        return f"{label:26s} {_fmt(value):>6s}   {c[ok]}/{c[n]}"

    lines = [
        f"documents: {scores.documents} gold, {scores.documents_predicted} with a prediction",
        "",
        f"{'':26s} {'P':>6s} {'R':>6s} {'F1':>6s}",
        prf_row("event", scores.event_precision, scores.event_recall, scores.event_f1, "ev"),
        prf_row("event (strict)", scores.event_strict_precision, scores.event_strict_recall,
                scores.event_strict_f1, "strict_ev"),
        prf_row("event (grounded)", scores.event_grounded_precision, scores.event_grounded_recall,
                scores.event_grounded_f1, "grounded_ev"),
        prf_row("event type", *prf(c["ty_tp"], c["ty_pred"], c["ty_gold"]), "ty"),
        "",
        acc_row("entity accuracy", scores.entity_accuracy, "ent_ok", "ent_n"),
        acc_row("place acc@161km", scores.place_acc161, "geo_ok", "geo_n"),
        acc_row("quote speaker accuracy", scores.quote_speaker_accuracy, "quote_ok", "quote_n"),
        acc_row("quote precision", scores.quote_precision, "quote_pred_ok", "quote_pred"),
        acc_row("date accuracy", scores.date_accuracy, "date_ok", "date_n"),
        acc_row("aux accuracy", scores.aux_accuracy, "aux_ok", "aux_n"),
        acc_row("mode accuracy", scores.mode_accuracy, "mode_ok", "mode_n"),
        acc_row("event location acc@161km", scores.event_location_acc161, "evloc_ok", "evloc_n"),
    ]
    if by_type:
        lines += ["", f"{'type':12s} {'gold':>5s} {'pred':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}"]
        lines += [f"{t.event_type:12s} {t.gold:5d} {t.predicted:5d} {_fmt(t.precision):>6s} "
                  f"{_fmt(t.recall):>6s} {_fmt(t.f1):>6s}" for t in scores.by_type]
    return "\n".join(lines)
