"""Helpers that several commands share: output files, JSON lines, the coding options."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..errors import EventcoderError, OutputError


#: Output names that promise another format than the JSON lines ``code`` writes.
_NOT_JSONL = (".gz", ".bz2", ".zst", ".zstd", ".xz", ".csv", ".tsv", ".parquet", ".xlsx")


class Output:
    """Where coded documents go, one JSON line each: a file, or standard output ("-", None).

    The file is opened at the first write, so a run that fails at start (a missing input,
    a corrupt data file) leaves an existing file as it was. A failed write raises
    :class:`OutputError` with one line naming the path and the document reached; the file
    then holds complete lines up to there (perhaps a partial last line, which ``--resume``
    removes), so ``--resume`` completes it.
    """

    def __init__(self, path: str | None, *, append: bool = False):
        self.path = None if path in (None, "-") else path
        self.append = append
        self.written = 0
        self.last_id = None
        self._f = None
        if self.path is not None:
            p = Path(self.path)
            if p.is_dir():
                raise OutputError(f"-o {self.path} is a directory; give a file name such as {p / 'coded.jsonl'}")
            if p.suffix.lower() in _NOT_JSONL:
                raise OutputError(f"-o {self.path}: eventcoder writes JSON lines, not {p.suffix} (name the output "
                                  f"*.jsonl; compress or convert it afterwards)")

    @property
    def name(self) -> str:
        return self.path or "standard output"

    def write(self, doc: dict) -> None:
        line = json.dumps(doc, ensure_ascii=False) + "\n"
        try:
            if self._f is None:
                self._f = self._open()
            try:
                self._f.write(line)
            except UnicodeEncodeError:  # a lone surrogate the readers did not see: escape it
                self._f.write(json.dumps(doc) + "\n")
        except OSError as e:
            self._abandon()
            raise self._failed(e) from e
        self.written += 1
        self.last_id = doc.get("id")

    def touch(self) -> None:
        """Open the output if no document was written (an empty input gives an empty file)."""
        if self._f is None and not self.written:
            try:
                self._f = self._open()
            except OSError as e:
                raise self._failed(e) from e

    def close(self) -> None:
        if self._f is None:
            return
        try:
            if self._f is sys.stdout:
                self._f.flush()
            else:
                self._f.close()
        except OSError as e:
            raise self._failed(e) from e
        finally:
            self._f = None

    def _abandon(self) -> None:
        """Close after a failed write without trying to write the buffer again."""
        f, self._f = self._f, None
        if f is None or f is sys.stdout:
            return
        try:
            f.close()
        except OSError:
            pass

    def _open(self):
        if self.path is None:
            return sys.stdout
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        return open(self.path, "a" if self.append else "w", encoding="utf-8")

    def _failed(self, e: OSError) -> OutputError:
        reached = (f"at document {self.written + 1}, after {self.last_id!r}" if self.written
                   else "at the first document")
        if isinstance(e, BrokenPipeError):
            _silence_stdout()
            return OutputError(f"{self.name} was closed (broken pipe) {reached}; stopped")
        again = " and run again with --resume to complete it" if self.path else ""
        return OutputError(f"cannot write {self.name} {reached}: {e.strerror or e}; it holds every document "
                           f"before that: fix the cause (disk space, permissions){again}")


def _silence_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null so that Python's own flush at exit
    does not print a second error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class Progress:
    """Progress on standard error: a bar on a terminal; elsewhere (a log file, a pipe, a job
    scheduler) one plain line every ``every`` seconds instead of carriage-return updates."""

    def __init__(self, *, quiet: bool = False, every: float = 5.0, stream=None):
        self.stream = stream or sys.stderr
        self.every = every
        self.bar = None
        self.plain = False
        self.t0 = self.last = time.monotonic()
        if quiet:
            return
        isatty = getattr(self.stream, "isatty", None)
        if isatty is not None and isatty():
            from tqdm import tqdm

            self.bar = tqdm(desc="coding", unit="doc", file=self.stream, delay=1.0, dynamic_ncols=True)
        else:
            self.plain = every > 0

    def update(self, docs: int, events: int, errors: int) -> None:
        if self.bar is not None:
            self.bar.update(1)
        elif self.plain:
            now = time.monotonic()
            if now - self.last >= self.every:
                self.last = now
                secs = now - self.t0
                print(f"eventcoder: progress: {docs:,} documents, {events:,} events, {errors:,} errors, "
                      f"{secs:.0f} s ({docs / secs if secs else 0:.1f} documents/s)", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def open_out(path: str | None, *, append: bool = False):
    """The output file (or standard output) of commands that write all at once."""
    if path in (None, "-"):
        return sys.stdout
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"-o {path} is a directory; give a file name")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a" if append else "w", encoding="utf-8")
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from e


def config_from_args(args):
    from ..config import Config

    return Config(workers=args.workers, batch_size=args.batch_size, max_chars=args.max_chars,
                  kb_path=Path(args.kb) if args.kb else None,
                  gazetteer_path=Path(args.gazetteer) if args.gazetteer else None,
                  strict=args.strict, kb_extra=tuple(Path(p) for p in args.kb_extra or ()),
                  min_event_confidence=args.min_confidence,
                  doc_timeout=None if args.doc_timeout == 0 else args.doc_timeout)


def read_jsonl(path: str) -> list[dict]:
    """The JSON objects of a JSON-lines file; anything else is one clear error, not a traceback."""
    out: list[dict] = []
    n = 0
    try:
        with open(path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise EventcoderError(f"{path}: line {n} is JSON but not an object; give JSON lines "
                                          f"(one object a line)")
                out.append(rec)
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else f"not UTF-8 text near line {n + 1}"
        raise EventcoderError(f"cannot read {path}: {why}") from e
    except json.JSONDecodeError as e:
        raise EventcoderError(f"{path} is not JSON lines: line {n}: {e.msg}") from e
    return out



def add_coding_options(sp) -> None:
    """The options of every command that codes text (code, evaluate)."""
    sp.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    sp.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch (default 16)")
    sp.add_argument("--max-chars", type=int, default=1_000_000,
                    help="largest document in characters; longer ones get a too_large error (default 1,000,000)")
    sp.add_argument("--doc-timeout", type=float, default=300.0, metavar="SECONDS",
                    help="time budget of one document; a document that takes longer gets a timeout error "
                         "record and the run goes on (default 300; 0: no budget)")
    sp.add_argument("--kb-extra", action="append", metavar="FILE",
                    help="extra knowledge-base file (JSON lines) merged over the shipped one; repeatable")
    sp.add_argument("--strict", action="store_true", help="stop at the first document error")
    sp.add_argument("--kb", metavar="DIR", help="knowledge-base folder to use instead of the shipped one")
    sp.add_argument("--gazetteer", metavar="DIR",
                    help="gazetteer folder to use instead of the shipped one ('eventcoder gazetteer build')")
    sp.add_argument("--min-confidence", type=float, default=0.4,
                    help="drop events below this confidence (0-1, default 0.4; 0 keeps all)")
