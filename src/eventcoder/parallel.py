"""Code a document stream with several worker processes, output in input order.

Each worker builds one :class:`~eventcoder.pipeline.Pipeline` (the model and
data are loaded once per process, not per document) and codes chunks of
``batch_size`` documents; results come back as JSON-ready dicts, in input order.

A worker that dies (killed, out of memory) ends the run with a
:class:`~eventcoder.errors.WorkerError` naming the documents not coded; every
result before them has been yielded, none twice, so ``--resume`` completes the
output. At most ``2 x workers`` chunks are in flight: memory stays bounded on an
endless stream. Workers ignore Ctrl-C; the parent stops them.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing as mp
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from .config import Config
from .errors import EventcoderError, WorkerError

log = logging.getLogger(__name__)

_worker_pipeline = None
_worker_error: EventcoderError | None = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from .pipeline import Pipeline

    try:
        _worker_pipeline = Pipeline(config)
    except EventcoderError as e:  # a bad data file: said once, by the parent, not as a traceback
        _worker_error = e


def _code_chunk(chunk: list) -> list[dict]:
    if _worker_error is not None:
        raise _worker_error
    return [d.to_json() for d in _worker_pipeline.code_stream(chunk)]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _label(item) -> str:
    rid = getattr(item, "id", None)
    return str(rid) if rid is not None else f"line {getattr(item, 'line', '?')}"


def worker_count(requested: int) -> int:
    """``requested`` capped at the number of CPUs (each worker holds the model and the data:
    more workers than CPUs only cost memory)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if requested > cpus:
        log.warning("%d workers asked for, but this machine has %d CPUs: using %d", requested, cpus, cpus)
        return cpus
    return requested


def code_parallel(items: Iterable, config: Config) -> Iterator[dict]:
    """Yield coded documents (as dicts) in input order, using ``config.workers`` processes."""
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    workers = worker_count(config.workers)
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(config,))
    pending: deque = deque()  # (future, labels of its documents), in input order
    try:
        for chunk in _chunks(items, config.batch_size):
            pending.append((pool.submit(_code_chunk, chunk), [_label(i) for i in chunk]))
            while len(pending) >= 2 * workers:
                yield from _take(pending)
        while pending:
            yield from _take(pending)
    except BrokenProcessPool as e:
        ids = [i for _, labels in pending for i in labels]
        shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        raise WorkerError(f"a worker process died (killed, or out of memory) before coding {len(ids)} "
                          f"documents: {shown}; every document before them is in the output: run again "
                          f"with --resume to code the rest", ids) from e
    finally:
        _stop(pool, pending)


def _take(pending: deque) -> Iterator[dict]:
    future, _ = pending[0]
    result = future.result()  # raises BrokenProcessPool when a worker died
    pending.popleft()
    yield from result


def _stop(pool: ProcessPoolExecutor, pending: deque) -> None:
    if not pending:
        pool.shutdown(wait=True)
        return
    # interrupted (Ctrl-C, a write failure, a dead worker): do not wait for the work in flight
    for future, _ in pending:
        future.cancel()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)
