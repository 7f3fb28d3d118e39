"""Read-only access to the event store for the API.

DuckDB lets one process write a database file and, while it does, no other
process read it. So the app never writes through these connections, opens the
file lazily and read-only, and closes it again after ``idle_seconds`` without
a request: an ``eventcoder ingest`` into the same file can then take the write
lock. While an ingest holds the lock, requests get a 503 that says so (with
Retry-After), and the app keeps running; the first request after the ingest
opens the file again and sees the new data.

Opening costs about 60 ms (measured with DuckDB 2.0 on this machine), so one
connection serves every request while the app is busy; each request uses its
own cursor (a DuckDB connection of its own to the same database instance),
which is safe across the server's worker threads.
"""
from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from pathlib import Path
from typing import Iterator

from .errors import ApiError

log = logging.getLogger(__name__)

__all__ = ["Database"]

_PID = re.compile(r"PID (\d+)")


class Database:
    """A lazily opened, read-only DuckDB connection to the store at ``path``."""

    def __init__(self, path: str | Path, *, idle_seconds: float = 2.0):
        self.path = Path(path)
        self.idle_seconds = idle_seconds
        self._con = None
        self._lock = threading.Condition()
        self._users = 0
        self._last_used = 0.0
        self._timer: threading.Timer | None = None

    # ------------------------------------------------------------------ public
    def status(self) -> dict:
        """Whether the database can be read now, without raising (for /api/health and serve)."""
        try:
            with self.cursor() as cur:
                cur.execute("SELECT 1").fetchone()
        except ApiError as e:
            return {"readable": False, "reason": e.message}
        return {"readable": True, "reason": None}

    @contextlib.contextmanager
    def cursor(self) -> Iterator:
        """A cursor on the read-only connection; ApiError 503 when the file cannot be read now."""
        con = self._acquire()
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            self._release()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold off readers and close the read-only connection while this process writes the file
        (DuckDB refuses a second connection of another configuration in one process)."""
        with self._lock:
            self._lock.wait_for(lambda: self._users == 0, timeout=30)
            if self._users:
                raise ApiError(503, "the database is busy with long reads; retry in a moment",
                               headers={"Retry-After": "2"})
            if self._con is not None:
                self._con.close()
                self._con = None
            yield

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is not None and self._users == 0:
                self._con.close()
                self._con = None

    # ------------------------------------------------------------------ internals
    def _acquire(self):
        with self._lock:
            if self._con is None:
                self._con = self._open()
            self._users += 1
            return self._con

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            self._lock.notify_all()
            self._last_used = time.monotonic()
            if self.idle_seconds > 0 and self._timer is None:
                self._timer = threading.Timer(self.idle_seconds, self._close_if_idle)
                self._timer.daemon = True
                self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            self._timer = None
            if self._con is None:
                return
            idle = time.monotonic() - self._last_used
            if self._users == 0 and idle >= self.idle_seconds:
                self._con.close()
                self._con = None
                log.debug("closed the idle read-only connection to %s", self.path)
                return
            wait = max(self.idle_seconds - idle, 0.05)
            self._timer = threading.Timer(wait, self._close_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _open(self):
        import duckdb

        if not self.path.is_file():
            raise ApiError(503, f"the database {self.path} does not exist: create it with "
                                f"'eventcoder ingest INPUT --db {self.path}'")
        try:
            con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.IOException as e:
            text = str(e)
            if "lock" in text.lower():
                pid = _PID.search(text)
                who = f"another process (PID {pid.group(1)})" if pid else "another process"
                raise ApiError(503, f"the database {self.path} is being written by {who}, probably an "
                                    "'eventcoder ingest'; DuckDB lets no reader in while a writer holds the "
                                    "file. The app keeps running: retry when the ingest finishes.",
                               headers={"Retry-After": "5"}) from e
            raise ApiError(503, f"cannot open the database {self.path}: {text}") from e
        except duckdb.Error as e:
            raise ApiError(503, f"{self.path} is not a readable DuckDB database ({e}); point --db at a "
                                "file made by 'eventcoder ingest'") from e
        try:
            self._check(con)
        except Exception:
            con.close()
            raise
        return con

    def _check(self, con) -> None:
        """The file must be an event store of this schema version, or the pages would fail one by one."""
        from ..store.schema import SCHEMA_VERSION, schema_version

        version = schema_version(con)
        if version is None:
            raise ApiError(503, f"{self.path} is a DuckDB file but not an eventcoder store; make one with "
                                f"'eventcoder ingest INPUT --db FILE'")
        if version > SCHEMA_VERSION:
            raise ApiError(503, f"{self.path} has store schema version {version}, newer than this eventcoder's "
                                f"{SCHEMA_VERSION}: upgrade eventcoder to serve it")
        if version < SCHEMA_VERSION:
            raise ApiError(503, f"{self.path} has store schema version {version} (current {SCHEMA_VERSION}): "
                                f"migrate it once with 'eventcoder ingest --db {self.path}' (no input), then "
                                "reload this page")
