"""Input readers: JSON lines, plain text files, directories of them, standard input.

Every input record becomes either a :class:`~eventcoder.records.Document` or an
:class:`InputFailure` (a per-document error of FORMATS.md), in input order.
Nothing is dropped silently, and bad input never raises: only an input that
cannot be opened at all raises :class:`~eventcoder.errors.InputError`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Union

from ..dates import parse_published
from ..errors import InputError
from ..records import Document

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TEXT_SUFFIXES = (".txt",)
_META = ("title", "url", "publication", "language")


@dataclass(frozen=True)
class InputFailure:
    """An input record that cannot become a document (FORMATS.md error types)."""

    id: str | None
    line: int | None
    type: str
    message: str
    source: str | None = None


Item = Union[Document, InputFailure]


def stable_id(text: str) -> str:
    """A document id derived from its text, stable across runs and machines."""
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_from_record(rec: object, *, line: int | None = None, source: str | None = None) -> Item:
    """Validate one parsed input record (a JSON object) and build its Document."""
    if not isinstance(rec, dict):
        return InputFailure(None, line, "invalid_json", "the line is JSON but not an object", source)
    rid = rec.get("id")
    rid = str(rid) if rid is not None and rid != "" else None
    if "text" not in rec or rec["text"] is None:
        return InputFailure(rid, line, "missing_text", "the record has no 'text' field", source)
    text = rec["text"]
    if not isinstance(text, str):
        return InputFailure(rid, line, "not_text",
                            f"'text' must be a string, got {type(text).__name__}", source)
    if not text.strip():
        kind = "the text is empty" if not text else "the text is only whitespace"
        return InputFailure(rid, line, "empty_text", kind, source)
    published, warning = (None, None)
    if rec.get("published") not in (None, ""):
        published, warning = parse_published(rec["published"])
    meta = {k: rec.get(k) for k in _META if isinstance(rec.get(k), str)}
    return Document(id=rid or stable_id(text), text=text, published=published,
                    published_raw=rec.get("published"), line=line,
                    warnings=(warning,) if warning else (), **meta)


def _iter_jsonl(stream: IO[bytes], source: str) -> Iterator[Item]:
    for n, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield InputFailure(None, n, "encoding", f"the line is not valid UTF-8 ({e.reason} at byte {e.start})", source)
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputFailure(None, n, "invalid_json", f"the line is not valid JSON: {e.msg} (column {e.colno})", source)
            continue
        yield document_from_record(rec, line=n, source=source)


def _read_text_file(path: Path) -> Item:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return InputFailure(path.stem, None, "encoding", f"{path} is not valid UTF-8 ({e.reason} at byte {e.start})", str(path))
    return document_from_record({"id": path.stem, "text": text}, source=str(path))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*") if q.is_file() and q.suffix.lower() in JSONL_SUFFIXES + TEXT_SUFFIXES)
            if not found:
                log.warning("%s holds no .jsonl or .txt files", path)
            yield from found
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or directory")


def iter_inputs(paths: Iterable[str | Path], *, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Yield documents (or failures) from files, directories and '-' (standard input, JSON lines)."""
    for p in _expand(paths):
        if p == "-":
            yield from _iter_jsonl(stdin or sys.stdin.buffer, "<stdin>")
        elif p.suffix.lower() in TEXT_SUFFIXES:
            yield _read_text_file(p)
        elif p.suffix.lower() in JSONL_SUFFIXES:
            try:
                f = open(p, "rb")
            except OSError as e:
                raise InputError(f"cannot read {p}: {e.strerror}") from e
            with f:
                yield from _iter_jsonl(f, str(p))
        else:
            raise InputError(f"{p}: unknown input type; give .jsonl (JSON lines) or .txt files, or '-'")
