"""Code a document stream with several worker processes, output in input order.

The model and data are loaded once. On Linux, when the calling process runs no
other thread, the parent builds the :class:`~eventcoder.pipeline.Pipeline` and
forks the workers, which share its pages copy-on-write: the load is paid once, not
once per worker, and a bad data file fails in the parent before any output. The
loaded objects are moved out of the garbage collector's reach first
(``gc.freeze``), so its scans do not write to the shared pages. Elsewhere (macOS,
Windows, or a parent with threads, such as a server) each worker builds its own
pipeline in a fresh ``forkserver``/``spawn`` process. Workers code chunks of
``batch_size`` documents; results come back as JSON-ready dicts, in input order.

A worker that dies (killed, out of memory) ends the run with a
:class:`~eventcoder.errors.WorkerError` naming the documents not coded; every
result before them has been yielded, none twice, so ``--resume`` completes the
output. At most ``2 x workers`` chunks are in flight: memory stays bounded on an
endless stream. Workers ignore Ctrl-C; the parent stops them.
"""
from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from .config import Config
from .errors import EventcoderError, WorkerError

log = logging.getLogger(__name__)

_worker_pipeline = None
_IN_FLIGHT = 2  # chunks in flight per worker: memory stays bounded on an endless stream
_worker_error: EventcoderError | None = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from .pipeline import Pipeline

    try:
        _worker_pipeline = Pipeline(config)
    except EventcoderError as e:  # a bad data file: said once, by the parent, not as a traceback
        _worker_error = e


BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread_per_worker() -> bool:
    """Let each worker's linear algebra (spaCy's matrix products) use one thread.

    NumPy's OpenBLAS starts a thread per CPU in every process; with one worker per CPU that is
    twice as many busy threads as CPUs, and OpenBLAS's threads spin while they wait: measured on
    60 readouts with two workers, 9.8 s of CPU against 7.0 s with one thread each, the same output.
    The limit is read when NumPy loads, so this must run before anything imports it (the CLI calls
    it first); a value the user set is kept. Returns whether it could still take effect.
    """
    if "numpy" in sys.modules:
        return False
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")
    return True


def _init_forked_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # _worker_pipeline was set by the parent before the fork: nothing to load.


def _can_fork() -> bool:
    """Fork is safe here: Linux, and no thread but this one (a thread holding a lock at the fork
    would leave the lock held for ever in the child)."""
    return sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods() \
        and threading.active_count() == 1


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
    global _worker_pipeline
    workers = worker_count(config.workers)
    forked = _can_fork()
    if forked:
        from .pipeline import Pipeline

        _worker_pipeline = Pipeline(config)  # a bad data file raises here, in the parent
        gc.collect()
        gc.freeze()  # the loaded objects stay out of the collector's scans: their pages stay shared
        pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_init_forked_worker)
        log.debug("%d workers forked from the parent's pipeline", workers)
    else:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(config,))
        log.debug("%d workers started with %s, each loading its pipeline", workers, ctx.get_start_method())
    pending: deque = deque()  # (future, labels of its documents), in input order
    try:
        for chunk in _chunks(items, config.batch_size):
            pending.append((pool.submit(_code_chunk, chunk), [_label(i) for i in chunk]))
            while len(pending) >= _IN_FLIGHT * workers:
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
        if forked:
            _worker_pipeline = None  # the parent's copy is not needed any more
            gc.unfreeze()


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
