"""Resume an interrupted run: complete an output file without duplicating or losing documents.

Every input item (document or failure) gives exactly one output line, in input
order, so an interrupted output file is a prefix of the full one, perhaps
ending in a partial line. :func:`resume_output` cuts that partial line off,
then walks the complete lines and the inputs side by side, consuming one input
item per output line and checking that they belong together:

- a line with an ``id`` matches the input item with that id (inputs without an
  id get a stable one derived from their text, text files their file name,
  WARC records their record id, so ids are the same in every run);
- an error line without an id (a line that was not JSON, say) matches an input
  failure without an id at the same ``line``.

A mismatch means the output belongs to other inputs (or other options) and
stops the run with an :class:`~eventcoder.errors.InputError` before anything
is written. The caller then codes the items that remain and appends them.
HTML and WARC records skipped by policy give no line and are skipped again.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document
from .items import InputFailure, Item

_HEAD = re.compile(rb'^\{"id": (null|"(?:[^"\\]|\\.)*")(?:, "line": (\d+))?')
_ERROR = re.compile(rb', "error": \{"type": "([a-z_]+)"')


@dataclass
class ResumeState:
    """What an existing output file already holds."""

    path: Path
    done: int = 0  # complete output lines, each one input item already coded
    truncated_bytes: int = 0  # size of the partial last line that was removed
    errors: Counter = field(default_factory=Counter)  # error types among the lines already written


def truncate_partial_line(path: Path) -> int:
    """Cut the file after its last newline; return the number of bytes removed."""
    with open(path, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        pos = size
        keep = 0
        while pos > 0:
            step = min(65536, pos)
            pos -= step
            f.seek(pos)
            chunk = f.read(step)
            i = chunk.rfind(b"\n")
            if i >= 0:
                keep = pos + i + 1
                break
        if keep < size:
            f.truncate(keep)
        return size - keep


def _output_key(raw: bytes, n: int, path: Path) -> tuple[str | None, int | None, str | None]:
    """(id, line, error type) of one output line; a fast path for the coder's own layout."""
    m = _HEAD.match(raw)
    if m is not None:
        rid = json.loads(m.group(1))
        line = int(m.group(2)) if m.group(2) else None
        err = _ERROR.search(raw)
        return rid, line, err.group(1).decode() if err else None
    try:
        rec = json.loads(raw)
    except ValueError as e:
        raise InputError(f"{path}: line {n} is not JSON ({e}); it is not an eventcoder output file, "
                         f"or it was damaged: remove it, or fix that line, and run again") from e
    if not isinstance(rec, dict) or "id" not in rec:
        raise InputError(f"{path}: line {n} is not a coded document; it is not an eventcoder output file")
    error = rec.get("error") if isinstance(rec.get("error"), dict) else None
    rid = rec.get("id")
    return (str(rid) if rid is not None else None), rec.get("line"), (error or {}).get("type")


def _describe(item: Item) -> str:
    if isinstance(item, Document):
        return f"document {item.id!r}"
    return f"{item.type} failure (id {item.id!r}, line {item.line})"


def resume_output(path: str | Path, items: Iterator[Item]) -> ResumeState:
    """Prepare ``path`` for appending and consume from ``items`` the inputs it already holds.

    After it returns, ``items`` yields exactly the inputs still to code. Raises
    :class:`InputError` when the file does not match the inputs.
    """
    path = Path(path)
    state = ResumeState(path)
    if not path.exists():
        return state
    try:
        state.truncated_bytes = truncate_partial_line(path)
        f = open(path, "rb")
    except OSError as e:
        raise InputError(f"cannot resume {path}: {e.strerror}") from e
    with f:
        for n, raw in enumerate(f, start=1):
            rid, line, error = _output_key(raw, n, path)
            item = next(items, None)
            if item is None:
                raise InputError(f"{path} has more documents ({n} or more) than the inputs; "
                                 f"it was written from other inputs: choose another output file")
            if rid is not None:
                ok = item.id == rid
            else:
                ok = isinstance(item, InputFailure) and item.id is None and item.line == line
            if not ok:
                held = f"document {rid!r}" if rid is not None else f"the error record of input line {line}"
                raise InputError(f"{path}: line {n} holds {held} but input "
                                 f"item {n} is the {_describe(item)}; the file was written from other inputs "
                                 f"or options: choose another output file, or run without --resume to overwrite it")
            state.done = n
            if error:
                state.errors[error] += 1
    return state
