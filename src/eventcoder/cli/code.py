"""``eventcoder code``: code documents into one coded document per input document."""
from __future__ import annotations

import logging
import sys
import time
from collections import Counter

from ..errors import EventcoderError
from ._common import Output, Progress, add_coding_options, config_from_args


def cmd_code(args) -> int:
    from ..ingest import check_inputs, iter_inputs, resume_output

    config = config_from_args(args)
    if not args.verbose:  # pages trafilatura cannot parse are counted as skipped; its own log is noise
        for name in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    if args.resume and args.output in (None, "-"):
        raise EventcoderError("--resume needs an output file (-o FILE) to complete")
    # Everything that can fail at start fails before the output is touched: the inputs, the
    # output's name, the resume check, the model and data (loaded below, before the first write).
    check_inputs(args.inputs)
    out = Output(args.output, append=args.resume)
    skipped: Counter = Counter()
    items = iter(iter_inputs(args.inputs, check_language=not args.no_language_check, skipped=skipped))
    resumed = resume_output(args.output, items) if args.resume else None
    if resumed is not None and not args.quiet and (resumed.done or resumed.truncated_bytes):
        cut = f", a partial last line of {resumed.truncated_bytes} bytes removed" if resumed.truncated_bytes else ""
        print(f"eventcoder: resuming {args.output}: {resumed.done} documents already coded{cut}", file=sys.stderr)
    if config.workers > 1:
        from ..parallel import code_parallel

        results = code_parallel(items, config)
    else:
        from ..pipeline import Pipeline

        pipeline = Pipeline(config)
        results = (d.to_json() for d in pipeline.code_stream(items))
    errors: Counter = Counter(resumed.errors if resumed else {})
    n_docs = n_events = 0
    t0 = time.perf_counter()
    progress = Progress(quiet=args.quiet, every=args.progress_every)
    stopped = None
    try:
        for d in results:
            out.write(d)
            n_docs += 1
            n_events += len(d.get("events") or [])
            if d.get("error"):
                errors[d["error"]["type"]] += 1
                if config.strict:
                    stopped = (f"stopped at the first error (--strict): document {d.get('id')!r} "
                               f"line {d.get('line')}: {d['error']['type']}: {d['error']['message']}")
                    break
            progress.update(n_docs, n_events, sum(errors.values()))
        else:
            out.touch()  # a run that codes nothing still leaves its (empty) output
    except KeyboardInterrupt:
        stopped = (f"interrupted after {n_docs} documents" +
                   (f"; run again with --resume to complete {args.output}" if args.output not in (None, "-") else ""))
    finally:
        progress.close()
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops worker processes at once
        out.close()
    secs = time.perf_counter() - t0
    if stopped and stopped.startswith("interrupted"):
        _summary(args, resumed, n_docs, n_events, errors, skipped, secs)
        print(f"eventcoder: {stopped}", file=sys.stderr)
        return 130
    if stopped:
        print(f"eventcoder: {stopped}", file=sys.stderr)
        return 1
    if not args.quiet:
        _summary(args, resumed, n_docs, n_events, errors, skipped, secs)
    return 1 if errors else 0


def _summary(args, resumed, n_docs, n_events, errors, skipped, secs) -> None:
    err = ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "none"
    rate = n_docs / secs if secs > 0 else 0.0
    before = f" (and {resumed.done} already in {args.output})" if resumed is not None and resumed.done else ""
    skip = ""
    if skipped:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))
        skip = f", {sum(skipped.values())} pages skipped ({reasons})"
    print(f"eventcoder: {n_docs} documents{before}, {n_events} events, {sum(errors.values())} errors ({err})"
          f"{skip}, {secs:.1f} s ({rate:.1f} documents/s)", file=sys.stderr)


def register(sub) -> None:
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
    c.add_argument("--progress-every", type=float, default=5.0, metavar="SECONDS",
                   help="when standard error is not a terminal, one plain progress line every SECONDS "
                        "(default 5; 0: none) instead of a progress bar")
    add_coding_options(c)
    c.set_defaults(func=cmd_code)
