"""Helpers for loading the heavy resources quickly.

Loading the knowledge base builds some 100,000 small objects (entities, offices,
index lists) that hold no reference cycles; with the cyclic garbage collector on,
Python scans the growing heap again and again while they are made, which doubles
the load time (1.07 s -> 0.55 s for the shipped knowledge base, measured with
``benchmarks/startup.py``). Pausing the collector while loading changes nothing
else: it runs again, as before, once the resources are built.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of a load (nested uses are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ----------------------------------------------------------------------------- the load cache
# A resource built from data files (the knowledge base: 1.1 MB of gzip'd JSON lines that take
# about 0.6-1.0 s to parse and index) is kept, once built, as a pickle in the user's cache folder
# and read back in about 0.3 s. The pickle's name is a hash of everything it was built from: the
# bytes of every source file, the eventcoder version and the Python version; any change to them
# misses the cache and rebuilds from the sources. The folder belongs to the user (like their
# venv): nothing else writes there. A cache that cannot be read or written is skipped.

CACHE_ENV = "EVENTCODER_CACHE_DIR"
NO_CACHE_ENV = "EVENTCODER_NO_CACHE"
_KEEP = 4  # cache files kept per kind (the newest ones)


def cache_dir() -> Path:
    """``$EVENTCODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcoder``, else ``~/.cache/eventcoder``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "eventcoder"


def cache_key(kind: str, files: Iterable[Path]) -> str:
    """A hash of the files' names and bytes, the eventcoder version and the Python version."""
    from ._version import __version__

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{kind}\0{__version__}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for f in files:
        h.update(b"\0" + f.name.encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()


def cached(kind: str, files: list[Path], build: Callable[[], T]) -> T:
    """``build()``, or its result from the cache when it was built from the same ``files``."""
    if os.environ.get(NO_CACHE_ENV):
        return build()
    try:
        key = cache_key(kind, files)
    except OSError:  # a source file cannot be read: let build() say so, with its own message
        return build()
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as f, paused_gc():
            obj = pickle.load(f)
        log.debug("read %s from the cache %s", kind, path)
        return obj
    except FileNotFoundError:
        pass
    except Exception as e:  # a truncated or foreign file: rebuild, and overwrite it below
        log.debug("cache file %s not usable (%s); rebuilding", path, e)
    obj = build()
    _write(path, obj, kind)
    return obj


def _write(path: Path, obj, kind: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: a reader sees the whole file or none
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        old = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[_KEEP:]:
            with contextlib.suppress(OSError):
                p.unlink()
    except (OSError, pickle.PicklingError) as e:
        log.debug("could not write the cache file %s: %s", path, e)
