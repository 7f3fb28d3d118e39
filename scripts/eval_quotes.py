"""Measure quote spans and speaker phrases against a gold file.

    .venv/bin/python scripts/eval_quotes.py [--gold ../shared/eval/dev/gold.jsonl] [--details]

(a) quote precision as eval/score.py defines it (share of predicted quotes that
overlap a gold quote, documents with gold quotes only) and recall (share of
gold quotes with an overlapping predicted quote); (b) for gold quotes found,
how often the chosen speaker phrase contains the gold speaker's name (or its
surname) or is a pronoun: a rough proxy, since names are resolved later.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from anyascii import anyascii
from jellyfish import jaro_winkler_similarity

from eventcoder.nlp import load_nlp
from eventcoder.quotes import attribute, find_quote_spans

ROOT = Path(__file__).resolve().parents[1]
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who"}


def gold_span(text: str, q: str):
    k = text.find(q or "")
    return (k, k + len(q)) if q and k >= 0 else None


def overlaps(gs, ps) -> bool:
    inter = min(gs[1], ps[1]) - max(gs[0], ps[0])
    return inter > 0.5 * (gs[1] - gs[0]) and inter > 0.3 * (ps[1] - ps[0])


def name_hit(phrase: str, name: str | None) -> bool:
    """The phrase holds the name or its surname, allowing accents and garbled spellings."""
    if not name:
        return False
    p, n = anyascii(phrase).lower(), anyascii(name).lower()
    parts = [w for w in re.split(r"\W+", n) if len(w) > 2]
    if n in p or not parts:
        return n in p
    return any(jaro_winkler_similarity(x, w) >= 0.84 for x in {parts[0], parts[-1]} for w in re.split(r"\W+", p) if w)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT.parent / "shared/eval/dev/gold.jsonl"))
    ap.add_argument("--details", action="store_true", help="list misses and speaker phrases")
    a = ap.parse_args(argv)
    nlp = load_nlp()
    docs = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    n_gold = n_found = n_pred = n_pred_ok = 0
    sp_named = sp_name_hit = sp_pron = sp_unnamed = sp_none = 0
    methods: dict[str, int] = {}
    for d in docs:
        text, gq = d["text"], d.get("quotes") or []
        spans = find_quote_spans(text)
        atts = attribute(nlp(text), spans)
        for at in atts:
            methods[at.method] = methods.get(at.method, 0) + 1
        gspans = [(g, gold_span(text, g["text"])) for g in gq]
        if gq:
            n_pred += len(spans)
            n_pred_ok += sum(1 for s in spans if any(gs and overlaps(gs, (s.start, s.end)) for _, gs in gspans))
            if a.details:
                for s in spans:
                    if not any(gs and overlaps(gs, (s.start, s.end)) for _, gs in gspans):
                        print(f"{d['id']}\textra\t{s.text[:60]!r}")
        for g, gs in gspans:
            n_gold += 1
            hit = next((at for at in atts if gs and overlaps(gs, (at.quote.start, at.quote.end))), None)
            if hit is None:
                if a.details:
                    print(f"{d['id']}\tmissed\t{g['text'][:60]!r}")
                continue
            n_found += 1
            phrase = text[hit.speaker_start:hit.speaker_end] if hit.speaker_start is not None else ""
            name = (g.get("speaker") or {}).get("identifier_text")
            ok_name = name_hit(phrase, name)
            pron = phrase.lower() in PRONOUNS
            if not phrase:
                sp_none += 1
            if name:
                sp_named += 1
                sp_name_hit += ok_name or pron
            else:
                sp_unnamed += 1
            sp_pron += pron
            if a.details:
                print(f"{d['id']}\tspeaker\t{'OK ' if ok_name or pron else 'BAD'} {hit.method:16s} "
                      f"{phrase!r} gold={name or (g.get('speaker') or {}).get('code')!r}")
    prec = n_pred_ok / n_pred if n_pred else 0.0
    rec = n_found / n_gold if n_gold else 0.0
    print(f"gold quotes {n_gold}, predicted (docs with gold quotes) {n_pred}")
    print(f"quote precision {prec:.3f}  recall {rec:.3f}")
    print(f"speaker phrase: named gold {sp_named}, phrase has the name or is a pronoun "
          f"{sp_name_hit} ({sp_name_hit / sp_named if sp_named else 0:.3f}); pronouns {sp_pron}; "
          f"no speaker {sp_none}; gold without a name {sp_unnamed}")
    print("methods", json.dumps(methods, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
