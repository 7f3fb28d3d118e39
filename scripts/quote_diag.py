#!/usr/bin/env python3
"""Score quotes on a gold set and list the wrong speakers by error class.

    .venv/bin/python scripts/quote_diag.py [polnear|dev|PATH] [--every N] [--show CLASS] [--limit K]

Parses each document once and keeps the parse in out/cache/<set>.spacy (rebuilt when the
gold file or the spaCy version changes), then runs the pipeline's stages after parsing, so
that a change to quotes or actors is measured in a minute instead of the full eval_sets.py
run. Scores with the reference scorer (../shared/eval/score.py). ``--every N`` keeps every
N-th document (a subset for quick looks; report full-set figures).

Error classes of a gold quote:
  missed        no predicted quote overlaps it
  no-speaker    the quote was found, the speaker left empty
  wrong/<how>   a speaker that is not the gold one, by the attribution's method and by what the
                predicted speaker is: 'named' (another named entity), 'generic' (an entity
                without a name: a description, a pronoun left unresolved)
A development tool: it reads ../shared and is not part of the package.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _parsed(pipeline, name: str, gold: list[dict], texts: list[str]):
    import spacy
    from spacy.tokens import DocBin

    from eventcoder.nlp import parse_stream

    key = hashlib.sha1(("\0".join(texts) + spacy.__version__).encode()).hexdigest()[:12]
    cache = ROOT / "out" / "cache" / f"{name}-{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(pipeline.nlp.vocab))
        for d, t in zip(docs, texts):
            d.user_data["eventcoder.text"] = t
        return docs
    docs = list(parse_stream(pipeline.nlp, texts, batch_size=pipeline.config.batch_size))
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", nargs="?", default="polnear")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--show", help="print the quotes of this class (prefix match)")
    ap.add_argument("--limit", type=int, default=40, help="examples printed with --show")
    ap.add_argument("--save", help="write the predictions to this file")
    ap.add_argument("--times", action="store_true", help="print the seconds of each stage after parsing")
    ap.add_argument("--dump", help="write one JSON line per gold quote (class, gold and predicted speaker, "
                    "evidence) to this file, to compare two runs quote by quote")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from eventcoder.ingest import document_from_record
    from eventcoder.nlp import prepare_text
    from eventcoder.pipeline import Pipeline

    path = Path(a.set) if Path(a.set).exists() else SHARED / a.set / "gold.jsonl"
    gold = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    gold = gold[::a.every]
    pipeline = Pipeline()
    items = [document_from_record({k: g.get(k) for k in ("id", "text", "published", "title")}, line=n)
             for n, g in enumerate(gold, 1)]
    docs = _parsed(pipeline, Path(a.set).stem + f"-{a.every}", gold, [prepare_text(d.text) for d in items])
    preds = [pipeline._code_parsed(d, sd).to_json() for d, sd in zip(items, docs)]
    if a.times:
        secs = pipeline.times.seconds
        print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in secs.items() if k != "parse")
              + f"; quotes {secs['quotes'] / max(sum(secs.values()), 1e-9):.1%} of the stages after parsing")
    score = _load("score", SHARED / "score.py")
    with tempfile.TemporaryDirectory() as tmp:
        gp, pp = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gp.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
        pp.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
        if a.save:
            Path(a.save).write_text(pp.read_text(encoding="utf-8"), encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            score.main(["--gold", str(gp), "--pred", str(pp), "--json"])
        res = json.loads(buf.getvalue())
    print(f"{path.parent.name}: {len(gold)} documents, quote speaker accuracy "
          f"{res['quote_speaker_accuracy']:.3f}, quote precision {res['quote_precision']:.3f}")
    classes: collections.Counter = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    false_pos: list[str] = []
    rows: list[dict] = []
    for g, p in zip(gold, preds):
        sdoc = score.Doc(g, p) if hasattr(score, "Doc") else None
        text = g["text"]
        pq = p.get("quotes") or []
        for gq in g.get("quotes") or []:
            gs, ge = gq.get("start"), gq.get("end")
            if gs is None:
                gs = text.find(gq["text"])
                ge = gs + len(gq["text"])
            hit = [q for q in pq if min(ge, q["end"]) - max(gs, q["start"]) > 0.5 * (ge - gs)]
            gsp = gq.get("speaker") or {}
            gname = gsp.get("identifier_text") or gsp.get("code")
            if not hit:
                cls = "missed"
            else:
                q = hit[0]
                ps = q.get("speaker") or {}
                if gsp.get("identifier_text") and sdoc is not None:
                    ok = sdoc.same_name(gsp["identifier_text"], ps.get("identifier_text"))
                else:
                    ok = bool(gsp.get("code")) and (ps.get("code") or "") == gsp.get("code")
                if ok:
                    classes["right"] += 1
                    rows.append({"doc": g["id"], "start": gs, "cls": "right", "gold": gname,
                                 "resolved_by": gq.get("resolved_by"), "got": ps.get("identifier_text"),
                                 "evidence": q.get("evidence")})
                    continue
                ev = q.get("evidence") or {}
                if not ps:
                    cls = f"no-speaker/{ev.get('method', '?')}"
                else:
                    kind = "named" if ps.get("identifier_id") or (
                        ps.get("identifier_text") and ps.get("identifier_text") != ps.get("entity_text", "").lower()
                        and ps.get("identifier_text")[:1].isupper()) else "generic"
                    cls = f"wrong/{ev.get('method', '?')}/{kind}"
            classes[cls] += 1
            ctx = text[max(0, gs - 120):gs].replace("\n", " | ") + " [[" + text[gs:ge][:60].replace("\n", " | ") \
                + "]] " + text[ge:ge + 100].replace("\n", " | ")
            got = (hit[0].get("speaker") or {}) if hit else {}
            rows.append({"doc": g["id"], "start": gs, "cls": cls, "gold": gname, "resolved_by": gq.get("resolved_by"),
                         "got": got.get("identifier_text"), "evidence": hit[0].get("evidence") if hit else None})
            examples[cls].append(f"  gold {gname!r} ({gq.get('resolved_by')}) got "
                                 f"{got.get('identifier_text')!r}/{got.get('entity_text')!r} "
                                 f"{(hit[0].get('evidence') if hit else None)}\n    {g['id']}: {ctx}")
        ign = g.get("quotes_ignored") or []
        for q in pq:
            if any(min(q["end"], e) - max(q["start"], s) > 0 for s, e in
                   [(gq.get("start", text.find(gq["text"])), gq.get("end", text.find(gq["text"]) + len(gq["text"])))
                    for gq in g.get("quotes") or []]):
                continue
            if any(min(q["end"], b) - max(q["start"], a_) > 0 for a_, b in ign):
                continue
            false_pos.append(f"  {g['id']}: {text[max(0, q['start'] - 60):q['start']]!r} [[{q['text'][:80]!r}]]")
    if a.dump:
        Path(a.dump).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    total = sum(classes.values())
    for cls, n in sorted(classes.items(), key=lambda x: -x[1]):
        print(f"{cls:40s} {n:5d} {n / total:6.3f}")
    print(f"{'predicted quotes on no gold span':40s} {len(false_pos):5d}")
    if a.show:
        if a.show == "fp":
            print("\n".join(false_pos[:a.limit]))
        for cls in sorted(examples):
            if cls.startswith(a.show):
                print(f"== {cls}")
                print("\n".join(examples[cls][:a.limit]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
