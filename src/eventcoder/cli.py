"""The command line: the only place that prints and exits."""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

from . import __version__
from .errors import EventcoderError

log = logging.getLogger("eventcoder")


def _open_out(path: str | None, *, append: bool = False):
    if path in (None, "-"):
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "a" if append else "w", encoding="utf-8")


def _config(args):
    from .config import Config

    return Config(workers=args.workers, batch_size=args.batch_size, max_chars=args.max_chars,
                  kb_path=Path(args.kb) if args.kb else None,
                  gazetteer_path=Path(args.gazetteer) if args.gazetteer else None,
                  strict=args.strict, kb_extra=tuple(Path(p) for p in args.kb_extra or ()),
                  min_event_confidence=args.min_confidence)


def cmd_code(args) -> int:
    from tqdm import tqdm

    from .ingest import iter_inputs, resume_output

    config = _config(args)
    if not args.verbose:  # pages trafilatura cannot parse are counted as skipped; its own log is noise
        for name in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    if args.resume and args.output in (None, "-"):
        raise EventcoderError("--resume needs an output file (-o FILE) to complete")
    skipped: Counter = Counter()
    items = iter(iter_inputs(args.inputs, check_language=not args.no_language_check, skipped=skipped))
    resumed = resume_output(args.output, items) if args.resume else None
    if resumed is not None and not args.quiet and (resumed.done or resumed.truncated_bytes):
        cut = f", a partial last line of {resumed.truncated_bytes} bytes removed" if resumed.truncated_bytes else ""
        print(f"eventcoder: resuming {args.output}: {resumed.done} documents already coded{cut}", file=sys.stderr)
    if config.workers > 1:
        from .parallel import code_parallel

        results = code_parallel(items, config)
    else:
        from .pipeline import Pipeline

        pipeline = Pipeline(config)
        results = (d.to_json() for d in pipeline.code_stream(items))
    errors: Counter = Counter(resumed.errors if resumed else {})
    n_docs = n_events = 0
    t0 = time.perf_counter()
    out = _open_out(args.output, append=resumed is not None)
    bar = tqdm(desc="coding", unit="doc", file=sys.stderr, delay=1.0, disable=args.quiet, dynamic_ncols=True)
    try:
        for d in results:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            n_docs += 1
            n_events += len(d.get("events") or [])
            bar.update(1)
            if d.get("error"):
                errors[d["error"]["type"]] += 1
                if config.strict:
                    bar.close()
                    print(f"eventcoder: stopped at the first error (--strict): document {d.get('id')!r} "
                          f"line {d.get('line')}: {d['error']['type']}: {d['error']['message']}", file=sys.stderr)
                    return 1
    finally:
        bar.close()
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    secs = time.perf_counter() - t0
    if not args.quiet:
        err = ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "none"
        rate = n_docs / secs if secs > 0 else 0.0
        before = f" (and {resumed.done} already in {args.output})" if resumed is not None and resumed.done else ""
        skip = ""
        if skipped:
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))
            skip = f", {sum(skipped.values())} pages skipped ({reasons})"
        print(f"eventcoder: {n_docs} documents{before}, {n_events} events, {sum(errors.values())} errors ({err})"
              f"{skip}, {secs:.1f} s ({rate:.1f} documents/s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_evaluate(args) -> int:
    from .evaluation import format_scores, score

    gold = _read_jsonl(args.gold)
    if args.pred:
        preds = _read_jsonl(args.pred)
    else:
        from .ingest import document_from_record
        from .pipeline import Pipeline

        pipeline = Pipeline(_config(args))
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


def _actor_label(actors: list[dict]) -> str:
    out = []
    for a in actors:
        name = a.get("identifier_text") or a.get("entity_text") or ""
        code = "/".join(x for x in (a.get("code"), a.get("sector")) if x)
        out.append(f"{name} ({code})" if name else code)
    return "; ".join(out) or "-"


def cmd_show(args) -> int:
    """Print the events of a coded file as a readable table."""
    rows = []
    for d in _read_jsonl(args.file):
        if d.get("error"):
            rows.append((d.get("id") or "?", "ERROR", d["error"]["type"], "", "", "", d["error"]["message"]))
            continue
        for e in d.get("events") or []:
            loc = (e.get("event_loc") or {}).get("resolved_place") or "-"
            kind = (e.get("event") or ["?"])[0] + ("/" + ",".join(e["mode"]) if e.get("mode") else "")
            aux = ",".join(e.get("context") or []) or "-"
            rows.append((d.get("id") or "?", kind, _actor_label(e.get("actor") or []),
                         _actor_label(e.get("recipient") or []), e.get("date") or "-", loc,
                         aux + " | " + " ".join(e.get("event_text") or [])))
    header = ("document", "event", "actor", "recipient", "date", "where", "marker | trigger")
    widths = [min(28, max(len(str(r[i])) for r in rows + [header])) for i in range(len(header))]
    def fmt(r):
        return "  ".join(str(c)[:w].ljust(w) for c, w in zip(r, widths)).rstrip()
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))
    return 0


def _read_jsonl(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        raise EventcoderError(f"cannot read {path}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise EventcoderError(f"{path} is not JSON lines: {e}") from e


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eventcoder", description="Code news text into PLOVER event records.")
    p.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output on standard error")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
        sp.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch (default 16)")
        sp.add_argument("--max-chars", type=int, default=1_000_000,
                        help="largest document in characters; longer ones get a too_large error (default 1,000,000)")
        sp.add_argument("--kb-extra", action="append", metavar="FILE",
                        help="extra knowledge-base file (JSON lines) merged over the shipped one; repeatable")
        sp.add_argument("--strict", action="store_true", help="stop at the first document error")
        sp.add_argument("--kb", metavar="DIR", help="knowledge-base folder to use instead of the shipped one")
        sp.add_argument("--gazetteer", metavar="DIR",
                        help="gazetteer folder to use instead of the shipped one ('eventcoder gazetteer build')")
        sp.add_argument("--min-confidence", type=float, default=0.4,
                        help="drop events below this confidence (0-1, default 0.4; 0 keeps all)")

    c = sub.add_parser("code", help="code documents into events",
                       description="Code documents (JSON lines, optionally .gz, .bz2 or .zst compressed; .txt "
                                   "files; .html pages; .warc or .warc.gz files such as CC-NEWS; directories of "
                                   "them; or - for JSON lines on standard input) into one coded document per "
                                   "input document. HTML pages and WARC records that are not English articles "
                                   "are skipped and counted in the summary.")
    c.add_argument("inputs", nargs="+", metavar="INPUT")
    c.add_argument("-o", "--output", help="output JSON lines file (default: standard output)")
    c.add_argument("--resume", action="store_true",
                   help="complete an interrupted output file (-o): keep the documents it holds (checked "
                        "against the inputs, in order, by id), drop a partial last line, append the rest")
    c.add_argument("--no-language-check", action="store_true",
                   help="code every document as English (by default a document confidently detected as "
                        "another language, or declaring one in its 'language' field, gets a not_english "
                        "error; such HTML and WARC pages are skipped)")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    common(c)
    c.set_defaults(func=cmd_code)

    e = sub.add_parser("evaluate", help="score the coder (or a prediction file) against a gold file")
    e.add_argument("--gold", required=True, help="gold JSON lines (spec/FORMATS.md)")
    e.add_argument("--pred", help="predictions to score; without it the gold texts are coded now")
    e.add_argument("--save-pred", help="also write the predictions coded now to this file")
    e.add_argument("--details", action="store_true", help="list every miss, one a line")
    e.add_argument("--by-type", action="store_true", help="precision and recall per event type")
    e.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    common(e)
    e.set_defaults(func=cmd_evaluate)
    s = sub.add_parser("show", help="print the events of a coded file as a table")
    s.add_argument("file", help="coded JSON lines (the output of 'eventcoder code')")
    s.set_defaults(func=cmd_show)

    g = sub.add_parser("gazetteer", help="build a gazetteer from a GeoNames dump")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True)
    gb = gsub.add_parser("build", help="stream a GeoNames dump (allCountries.zip or .txt) into a gazetteer folder",
                         description="Builds a gazetteer folder from a GeoNames dump; the shipped supplement "
                                     "(countries, regions, seas, sites, aliases) is laid over it. Use it with "
                                     "'eventcoder code --gazetteer DIR'.")
    gb.add_argument("--geonames", required=True, metavar="DUMP", help="allCountries.zip, a country file, or its .txt")
    gb.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write the gazetteer into")
    gb.add_argument("--min-population", type=int, default=1000, help="smallest populated place kept (default 1000)")
    gb.add_argument("--keep-admin2", action="store_true", help="also keep second-level divisions")
    gb.set_defaults(func=cmd_gazetteer_build)

    from .kb_cli import add_kb_commands

    add_kb_commands(sub)

    from .spark import add_spark_command

    add_spark_command(sub)
    return p


def cmd_gazetteer_build(args) -> int:
    from .geo.gazetteer import build_from_geonames_dump

    t0 = time.perf_counter()
    manifest = build_from_geonames_dump(args.geonames, args.output, min_population=args.min_population,
                                        keep_admin2=args.keep_admin2)
    counts = manifest.get("counts") or {k: v for k, v in manifest.items() if isinstance(v, int)}
    print(f"eventcoder: gazetteer written to {args.output} in {time.perf_counter() - t0:.1f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except EventcoderError as e:
        print(f"eventcoder: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("eventcoder: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
