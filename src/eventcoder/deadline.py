"""A per-document time budget (``Config.doc_timeout``, ``--doc-timeout``).

The budget is enforced with a real-time interval timer (``SIGALRM``): when it
fires, :class:`DocumentTimeout` is raised in the code that is running, and the
pipeline turns it into a ``timeout`` error record for that document. The
timer only works in a process's main thread on a POSIX system (the CLI, and
each worker process, code in their main thread); elsewhere the budget is not
enforced and a debug message says so. A handler the host program installed
for ``SIGALRM`` is restored afterwards.
"""
from __future__ import annotations

import logging
import signal
import threading

from .errors import DocumentError

log = logging.getLogger(__name__)

__all__ = ["Deadline", "DocumentTimeout"]


class DocumentTimeout(DocumentError):
    """One document took longer than its time budget."""

    def __init__(self, seconds: float):
        super().__init__("timeout", f"coding the document took longer than {seconds:g} s "
                                    f"(Config.doc_timeout, --doc-timeout)")
        self.seconds = seconds


def _available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Deadline:
    """``with Deadline(seconds):`` raises :class:`DocumentTimeout` inside the block when
    it runs longer than ``seconds``. ``seconds`` None or 0 means no budget."""

    _warned = False

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 else None
        self._armed = False
        self._inside = False
        self._previous = None

    def _fire(self, signum, frame):  # the signal handler
        if self._inside:  # not once the block has ended (the timer may fire on the way out)
            raise DocumentTimeout(self.seconds)

    def __enter__(self) -> "Deadline":
        if self.seconds is None:
            return self
        if not _available():
            if not Deadline._warned:
                log.debug("the per-document time budget needs the main thread of a POSIX process; not enforced")
                Deadline._warned = True
            return self
        self._previous = signal.signal(signal.SIGALRM, self._fire)
        self._inside = self._armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc) -> None:
        self._inside = False
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous if self._previous is not None else signal.SIG_DFL)
            self._armed = False
