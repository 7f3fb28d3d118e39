"""Progress on standard error: a bar on a terminal, plain lines elsewhere (issue 18, "Logs")."""
from __future__ import annotations

import io
import time

import pytest

from eventcoder.cli._common import Progress

pytestmark = pytest.mark.reliability


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_not_a_terminal_gives_plain_lines_every_few_seconds():
    err = io.StringIO()
    p = Progress(every=0.05, stream=err)
    for i in range(1, 6):
        time.sleep(0.03)
        p.update(i, 2 * i, 0)
    p.close()
    lines = err.getvalue().splitlines()
    assert 1 <= len(lines) <= 3 and "\r" not in err.getvalue()
    assert all(line.startswith("eventcoder: progress: ") and "documents/s" in line for line in lines)


def test_a_terminal_gets_the_bar_and_quiet_gets_nothing():
    tty = _Tty()
    p = Progress(every=0.0, stream=tty)
    assert p.bar is not None and not p.plain
    p.close()
    quiet = io.StringIO()
    p = Progress(quiet=True, every=0.0, stream=quiet)
    p.update(1, 1, 0)
    p.close()
    assert quiet.getvalue() == ""
