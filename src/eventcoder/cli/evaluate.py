"""``eventcoder evaluate``: score the coder, or a prediction file, against a gold file."""
from __future__ import annotations

import json

from ._common import add_coding_options, config_from_args, read_jsonl


def cmd_evaluate(args) -> int:
    from ..evaluation import format_scores, score

    gold = read_jsonl(args.gold)
    if args.pred:
        preds = read_jsonl(args.pred)
    else:
        from ..ingest import document_from_record
        from ..pipeline import Pipeline

        pipeline = Pipeline(config_from_args(args))
        inputs = [document_from_record({k: g.get(k) for k in ("id", "text", "published", "title")}, line=n)
                  for n, g in enumerate(gold, start=1)]
        preds = [d.to_json() for d in pipeline.code_stream(inputs)]
        if args.save_pred:
            with open(args.save_pred, "w", encoding="utf-8") as f:
                for d in preds:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
    scores, details = score(gold, preds)
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2))
    else:
        print(format_scores(scores, by_type=args.by_type))
    if args.details:
        print("\n".join(details))
    return 0


def register(sub) -> None:
    e = sub.add_parser("evaluate", help="score the coder (or a prediction file) against a gold file")
    e.add_argument("--gold", required=True, help="gold JSON lines (spec/FORMATS.md)")
    e.add_argument("--pred", help="predictions to score; without it the gold texts are coded now")
    e.add_argument("--save-pred", help="also write the predictions coded now to this file")
    e.add_argument("--details", action="store_true", help="list every miss, one a line")
    e.add_argument("--by-type", action="store_true", help="precision and recall per event type")
    e.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    add_coding_options(e)
    e.set_defaults(func=cmd_evaluate)
