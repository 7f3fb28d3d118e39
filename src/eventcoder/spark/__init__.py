"""Code a corpus on Apache Spark (the ``spark`` extra: ``pip install 'eventcoder[spark]'``).

``eventcoder spark INPUT OUTPUT [--master local[*]]`` reads the same inputs as
``eventcoder code`` (JSON lines, optionally compressed, ``.txt``, ``.html``,
WARC), through Spark's own filesystem layer (local paths, ``hdfs://``,
``s3a://`` ...), codes them with one :class:`~eventcoder.pipeline.Pipeline`
per executor process, and writes

- ``OUTPUT/jsonl/part-*.txt``: one coded document per line, byte for byte the
  line ``eventcoder code`` writes for it, error records included;
- ``OUTPUT/parquet/part-*.parquet``: the same documents with one fixed schema
  (:data:`PARQUET_COLUMNS`): top-level scalars as columns, ``error`` as a
  struct, and the nested lists (``events``, ``entities``, ``places``,
  ``quotes``) and ``cite_info`` as JSON strings.

Both are sorted in input order (files by path, then line). The job lives in
:mod:`eventcoder.spark.job`; the command line in :mod:`eventcoder.cli.spark`.
"""
from __future__ import annotations

__all__ = ["run_spark"]


def run_spark(*args, **kwargs):
    """Run the Spark job (see :func:`eventcoder.spark.job.run_spark`)."""
    from .job import run_spark as _run

    return _run(*args, **kwargs)
