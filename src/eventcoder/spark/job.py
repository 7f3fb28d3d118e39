"""The Spark job: read files through Spark, code partitions, write Parquet and JSON lines.

Stages:

1. list the input files (Spark's ``binaryFile`` source: local paths, HDFS, S3
   ... whatever Hadoop's filesystem layer is configured for) and number them
   in path order, as ``eventcoder code`` does for a directory;
2. read each file on an executor with the package's own readers
   (:func:`eventcoder.ingest.iter_inputs`), so every format, error record and
   skip policy is the local run's; each item is keyed (file number, position);
3. spread the items over ``partitions`` and code each partition with the
   executor process's :class:`~eventcoder.pipeline.Pipeline`, built on first
   use and kept for every later task in that Python worker (Spark reuses its
   Python workers), so the model loads once per worker, not per record;
4. sort by key and write ``jsonl/`` (the exact lines of ``eventcoder code``)
   and ``parquet/`` (:data:`PARQUET_COLUMNS`).
"""
from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from ..config import Config
from ..errors import InputError
from ..parallel import BLAS_THREAD_VARS

log = logging.getLogger(__name__)

__all__ = ["PARQUET_COLUMNS", "SparkSummary", "document_from_row", "row_from_document", "run_spark",
           "spark_session"]

#: The Parquet schema, one column a line: (name, Spark SQL type, meaning). The nested lists and
#: ``cite_info`` are JSON strings (``from_json`` in Spark SQL, ``json_extract`` in DuckDB read them):
#: the schema stays the same when a stage adds a field to its records, and a row converts back to
#: exactly the JSON line of the local run (:func:`document_from_row`).
PARQUET_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "document id (the input's, or derived from the text)"),
    ("line", "bigint", "input line number; set on error records only, as in the JSON output"),
    ("published", "string", "publication date, ISO"),
    ("title", "string", "copied from the input"),
    ("url", "string", "copied from the input"),
    ("publication", "string", "copied from the input"),
    ("language", "string", "copied from the input"),
    ("error", "struct<type:string,message:string>", "null unless the document could not be coded"),
    ("n_events", "int", "number of events (for quick filtering)"),
    ("events", "string", "JSON array of events (FORMATS.md)"),
    ("entities", "string", "JSON array of entities"),
    ("places", "string", "JSON array of places"),
    ("quotes", "string", "JSON array of quotes"),
    ("warnings", "array<string>", "problems that did not stop coding; null when none"),
    ("cite_info", "string", "JSON object naming the coder and data versions; null on error records"),
    ("extra", "string", "JSON object of any further top-level field; null when none"),
)
_SCALARS = ("id", "line", "published", "title", "url", "publication", "language")
_JSON_LISTS = ("events", "entities", "places", "quotes")
_KNOWN = set(_SCALARS) | set(_JSON_LISTS) | {"error", "warnings", "cite_info"}


@dataclass
class SparkSummary:
    """What a Spark run did."""

    documents: int = 0
    events: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    files: int = 0
    partitions: int = 0
    pipeline_loads: int = 0
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)
    #: wall seconds per phase: session (JVM start), list (input files), code (read, shuffle, code
    #: and count every document), one per output format (range sort and write), stop
    phases: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------------- rows
def row_from_document(d: dict) -> dict:
    """A coded document (the dict of ``CodedDocument.to_json``) as a Parquet row."""
    row = {k: d.get(k) for k in _SCALARS}
    err = d.get("error")
    row["error"] = {"type": err.get("type"), "message": err.get("message")} if err else None
    row["n_events"] = len(d.get("events") or [])
    for k in _JSON_LISTS:
        row[k] = json.dumps(d.get(k) or [], ensure_ascii=False)
    row["warnings"] = list(d["warnings"]) if d.get("warnings") else None
    row["cite_info"] = json.dumps(d["cite_info"], ensure_ascii=False) if d.get("cite_info") else None
    extra = {k: v for k, v in d.items() if k not in _KNOWN}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


def document_from_row(row) -> dict:
    """The coded document of a Parquet row (a ``Row`` or a dict): equal to the local run's JSON."""
    get = row.asDict() if hasattr(row, "asDict") else dict(row)
    out: dict = {"id": get.get("id")}
    if get.get("line") is not None:
        out["line"] = get["line"]
    out["published"] = get.get("published")
    for k in ("title", "url", "publication", "language"):
        if get.get(k) is not None:
            out[k] = get[k]
    if get.get("error") is not None:
        err = get["error"]
        err = err.asDict() if hasattr(err, "asDict") else dict(err)
        out["error"] = {"type": err["type"], "message": err["message"]}
    for k in _JSON_LISTS:
        out[k] = json.loads(get[k]) if get.get(k) else []
    if get.get("warnings"):
        out["warnings"] = list(get["warnings"])
    if get.get("cite_info"):
        out["cite_info"] = json.loads(get["cite_info"])
    if get.get("extra"):
        out.update(json.loads(get["extra"]))
    return out


def _spark_schema():
    from pyspark.sql.types import StructType, _parse_datatype_string

    fields = ", ".join(f"{name}: {kind}" for name, kind, _ in PARQUET_COLUMNS)
    coded: StructType = _parse_datatype_string(f"struct<_file: int, _seq: bigint, json: string, {fields}>")
    return coded


# ---------------------------------------------------------------------- executors
_PIPELINES: dict = {}


def _pipeline(config: Config, loads):
    """The executor process's pipeline for ``config``, built once per Python worker."""
    p = _PIPELINES.get(config)
    if p is None:
        from ..pipeline import Pipeline

        p = _PIPELINES[config] = Pipeline(config)
        loads.add(1)
    return p


def _read_file(path: str, content: bytes, check_language: bool, skipped) -> Iterator[tuple[int, object]]:
    """(position, Document | InputFailure) for one input file, read by the package's own readers."""
    from ..ingest import iter_inputs
    from ..ingest.items import InputFailure

    name = PurePosixPath(path).name
    with tempfile.TemporaryDirectory(prefix="eventcoder-spark-") as tmp:
        local = os.path.join(tmp, name)
        with open(local, "wb") as f:
            f.write(content)
        del content
        counts: Counter = Counter()
        for seq, item in enumerate(iter_inputs([local], check_language=check_language, skipped=counts)):
            if isinstance(item, InputFailure) and local in item.message:
                item = replace(item, message=item.message.replace(local, path))
            yield seq, item
        if counts:
            skipped.add(counts)


def _code_partition(config: Config, loads) -> callable:
    def run(rows: Iterable) -> Iterator[tuple]:
        rows = list(rows)
        if not rows:
            return
        pipeline = _pipeline(config, loads)
        keys = [k for k, _ in rows]
        items = [it for _, it in rows]
        del rows
        for (fi, seq), coded in zip(keys, pipeline.code_stream(items)):
            d = coded.to_json()
            row = row_from_document(d)
            yield (fi, seq, json.dumps(d, ensure_ascii=False), *(row[name] for name, _, _ in PARQUET_COLUMNS))
    return run


def _counter_param():
    from pyspark.accumulators import AccumulatorParam

    class CounterParam(AccumulatorParam):
        def zero(self, value):
            return Counter()

        def addInPlace(self, a, b):
            a.update(b)
            return a

    return CounterParam()


# ---------------------------------------------------------------------- driver
def spark_session(master: str | None = None, *, app_name: str = "eventcoder"):
    """A Spark session; in local mode it binds to loopback, without UI, so it runs offline.

    Under ``spark-submit`` the master and every other setting come from there.
    """
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    configured = SparkConf().get("spark.master", None)
    master = master or (None if configured else "local[*]")
    if master:
        builder = builder.master(master)
    # One Python worker runs per executor core: its matrix products get one BLAS thread, not one per
    # CPU each (see eventcoder.parallel.one_blas_thread_per_worker). Local workers inherit this
    # process's environment; executors elsewhere get it from spark.executorEnv.
    for var in BLAS_THREAD_VARS:
        if SparkConf().get(f"spark.executorEnv.{var}", None) is None and var not in os.environ:
            builder = builder.config(f"spark.executorEnv.{var}", "1")
    if not sys.stderr.isatty() and SparkConf().get("spark.ui.showConsoleProgress", None) is None:
        # Spark's progress bar redraws one line with carriage returns: in a log file that is one
        # line of thousands of updates. The driver's own summary line is printed at the end.
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    if (master or configured or "").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this same environment
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false")
                   .config("spark.sql.shuffle.partitions", "8"))
        if SparkConf().get("spark.driver.extraJavaOptions", None) is None:
            # In local mode the JVM only moves rows between the Python workers and the writers, on the
            # same CPUs as they: the client compiler alone and the serial collector halve its CPU time
            # (33.5 -> 17.2 s on a 120-document sample, benchmarks/README.md), with no loss of speed.
            builder = builder.config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    return builder.getOrCreate()


def _sort_key(path: str) -> tuple:
    """Path order as ``eventcoder code`` sorts a directory (by components, not characters)."""
    return tuple(PurePosixPath(path.split(":", 1)[-1]).parts)


def _list_inputs(spark, input_path: str) -> list[str]:
    from ..ingest.readers import input_kind

    try:
        found = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                 .load(input_path).select("path").collect())
    except Exception as e:  # AnalysisException: the path does not exist
        raise InputError(f"{input_path}: cannot be listed by Spark ({type(e).__name__}: "
                         f"{str(e).splitlines()[0] if str(e) else ''})") from e
    paths = sorted((r.path for r in found), key=_sort_key)
    usable = [p for p in paths if input_kind(Path(PurePosixPath(p).name))[0] is not None]
    if not usable:
        raise InputError(f"{input_path} holds no input files (.jsonl, .txt, .html, .warc, possibly compressed)")
    if len(usable) < len(paths):
        log.warning("%d files under %s are not inputs and are ignored", len(paths) - len(usable), input_path)
    return usable


def run_spark(input_path: str, output: str, *, config: Config | None = None, master: str | None = None,
              spark=None, partitions: int | None = None, formats: tuple[str, ...] = ("parquet", "jsonl"),
              overwrite: bool = False, check_language: bool = True) -> SparkSummary:
    """Code ``input_path`` on Spark and write ``output``/parquet and ``output``/jsonl.

    ``spark``: an existing session (else one is made with :func:`spark_session` and
    stopped at the end).
    """
    from pyspark import StorageLevel

    config = config or Config()
    t0 = time.perf_counter()
    phases: dict[str, float] = {}
    clock = [t0]

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(now - clock[0], 2)
        clock[0] = now

    own = spark is None
    spark = spark or spark_session(master)
    lap("session")
    summary: SparkSummary | None = None
    try:
        sc = spark.sparkContext
        paths = _list_inputs(spark, input_path)
        lap("list")
        index = {p: i for i, p in enumerate(paths)}
        n_parts = partitions or max(1, 4 * sc.defaultParallelism)
        loads = sc.accumulator(0)
        skipped = sc.accumulator(Counter(), _counter_param())
        files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(input_path)
                 .select("path", "content").rdd)
        bindex = sc.broadcast(index)

        def read(row):
            fi = bindex.value.get(row.path)
            if fi is None:
                return
            for seq, item in _read_file(row.path, bytes(row.content), check_language, skipped):
                yield (fi, seq), item

        items = files.flatMap(read).repartition(n_parts)
        coded = items.mapPartitions(_code_partition(config, loads))
        df = spark.createDataFrame(coded, _spark_schema()).persist(StorageLevel.MEMORY_AND_DISK)
        try:
            stats = df.groupBy(df["error.type"].alias("type")).agg({"*": "count", "n_events": "sum"}).collect()
            lap("code")
            ordered = df.repartitionByRange(n_parts, "_file", "_seq").sortWithinPartitions("_file", "_seq")
            mode = "overwrite" if overwrite else "errorifexists"
            outputs = {}
            if "parquet" in formats:
                outputs["parquet"] = f"{output.rstrip('/')}/parquet"
                ordered.select(*[name for name, _, _ in PARQUET_COLUMNS]).write.mode(mode).parquet(outputs["parquet"])
                lap("write_parquet")
            if "jsonl" in formats:
                outputs["jsonl"] = f"{output.rstrip('/')}/jsonl"
                ordered.select("json").write.mode(mode).text(outputs["jsonl"])
                lap("write_jsonl")
        finally:
            df.unpersist()
        summary = SparkSummary(files=len(paths), partitions=n_parts, outputs=outputs, phases=phases)
        for r in stats:
            n, ev = r["count(1)"], r["sum(n_events)"] or 0
            summary.documents += n
            summary.events += ev
            if r["type"] is not None:
                summary.errors[r["type"]] = n
        summary.skipped = dict(skipped.value)
        summary.pipeline_loads = loads.value
        return summary
    finally:
        if own:
            spark.stop()
            lap("stop")
        if summary is not None:  # the whole run, the session's stop included
            summary.seconds = time.perf_counter() - t0
            log.info("spark: %d documents from %d files in %.1f s, %d pipeline loads; seconds by phase: %s",
                     summary.documents, summary.files, summary.seconds, summary.pipeline_loads,
                     ", ".join(f"{k} {v}" for k, v in phases.items()))
