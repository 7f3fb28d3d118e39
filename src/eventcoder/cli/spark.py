"""``eventcoder spark``: code a corpus on Apache Spark (extra ``spark``)."""
from __future__ import annotations


def register(subparsers) -> None:
    """Add ``eventcoder spark`` to the CLI's subparsers."""
    s = subparsers.add_parser(
        "spark", help="code a corpus on Apache Spark (extra 'spark'); writes Parquet and JSON lines",
        description="Code documents on Apache Spark: INPUT is a file, directory or glob of the inputs "
                    "'eventcoder code' reads (local path or any URI Spark's filesystem layer knows: "
                    "hdfs://, s3a://, ...); OUTPUT is a directory that receives parquet/ and jsonl/. "
                    "Needs pyspark (pip install 'eventcoder[spark]') and Java 17.")
    s.add_argument("input", metavar="INPUT")
    s.add_argument("output", metavar="OUTPUT")
    s.add_argument("--master", default=None,
                   help="Spark master (default: local[*], or whatever spark-submit set)")
    s.add_argument("--partitions", type=int, default=None,
                   help="partitions to code in (default: 4 per core Spark reports)")
    s.add_argument("--format", choices=("both", "parquet", "jsonl"), default="both",
                   help="what to write under OUTPUT (default both)")
    s.add_argument("--overwrite", action="store_true", help="replace OUTPUT/parquet and OUTPUT/jsonl if present")
    s.add_argument("--no-language-check", action="store_true",
                   help="code every document whatever its language (as 'eventcoder code' would not)")
    s.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch (default 16)")
    s.add_argument("--max-chars", type=int, default=1_000_000,
                   help="largest document in characters; longer ones get a too_large error (default 1,000,000)")
    s.add_argument("--kb-extra", action="append", metavar="FILE",
                   help="extra knowledge-base file merged over the shipped one (must exist on every executor)")
    s.add_argument("--min-confidence", type=float, default=0.4,
                   help="drop events below this confidence (0-1, default 0.4)")
    s.add_argument("-q", "--quiet", action="store_true", help="no summary")
    s.set_defaults(func=_cmd_spark)


def _cmd_spark(args) -> int:
    import sys
    from pathlib import Path

    from ..config import Config
    from ..errors import EventcoderError

    try:
        import pyspark  # noqa: F401
    except ImportError as e:
        raise EventcoderError("'eventcoder spark' needs pyspark: pip install 'eventcoder[spark]'") from e
    from ..spark.job import run_spark as _run

    config = Config(batch_size=args.batch_size, max_chars=args.max_chars,
                    kb_extra=tuple(Path(p) for p in args.kb_extra or ()),
                    min_event_confidence=args.min_confidence)
    summary = _run(args.input, args.output, config=config, master=args.master, partitions=args.partitions,
                   formats=("parquet", "jsonl") if args.format == "both" else (args.format,),
                   overwrite=args.overwrite, check_language=not args.no_language_check)
    if not args.quiet:
        err = ", ".join(f"{k} {v}" for k, v in sorted(summary.errors.items())) or "none"
        print(f"eventcoder: {summary.documents} documents, {summary.events} events, "
              f"{sum(summary.errors.values())} errors ({err}), {summary.seconds:.1f} s "
              f"({summary.documents / max(summary.seconds, 1e-9):.1f} documents/s), "
              f"{summary.pipeline_loads} pipeline loads; written to {args.output}", file=sys.stderr)
        print("eventcoder: seconds by phase: " + ", ".join(f"{k} {v}" for k, v in summary.phases.items()),
              file=sys.stderr)
    return 1 if summary.errors else 0
