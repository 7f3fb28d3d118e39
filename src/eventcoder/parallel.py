"""Code a document stream with several worker processes, output in input order.

Each worker builds one :class:`~eventcoder.pipeline.Pipeline` (the model and
data are loaded once per process, not per document) and codes chunks of
``batch_size`` documents; results come back as JSON-ready dicts.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
from typing import Iterable, Iterator

from .config import Config

_worker_pipeline = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(config)


def _code_chunk(chunk: list) -> list[dict]:
    return [d.to_json() for d in _worker_pipeline.code_stream(chunk)]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def code_parallel(items: Iterable, config: Config) -> Iterator[dict]:
    """Yield coded documents (as dicts) in input order, using ``config.workers`` processes."""
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ctx.Pool(config.workers, initializer=_init_worker, initargs=(config,)) as pool:
        for result in pool.imap(_code_chunk, _chunks(items, config.batch_size), chunksize=1):
            yield from result
