"""Input readers: JSON lines (plain or compressed), text files, HTML pages, WARC files,
directories of them, standard input.

Every JSON-lines record and text file becomes either a
:class:`~eventcoder.records.Document` or an :class:`InputFailure` (a
per-document error of FORMATS.md), in input order: nothing is dropped, and bad
input never raises. HTML pages and WARC records that are not English articles
are skipped by policy and counted in ``skipped`` (FORMATS.md). Only an input
that cannot be opened at all raises :class:`~eventcoder.errors.InputError`.

| input | suffixes | id | ``line`` |
|---|---|---|---|
| JSON lines | ``.jsonl``, ``.ndjson``, ``.json``, each optionally ``.gz``/``.bz2``/``.zst`` | ``id`` field, else from the text | line number |
| text | ``.txt`` | file name without suffix | none |
| HTML | ``.html``, ``.htm`` (optionally compressed) | file name without suffix | none |
| WARC | ``.warc``, ``.warc.gz`` | ``WARC-Record-ID`` | record number |
| standard input | ``-`` | as JSON lines | line number |
"""
from __future__ import annotations

import io
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..dates import parse_published
from ..errors import InputError
from ..records import Document
from .compression import READ_ERRORS, open_binary, split_compression
from .html import HtmlExtractor, html_document
from .ids import stable_id
from .items import InputFailure, Item
from .language import LanguageDetector, NoLanguageCheck
from .skips import Skipped

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".arc")
_META = ("title", "url", "publication", "language")

__all__ = ["InputFailure", "Item", "check_inputs", "document_from_record", "input_kind", "iter_inputs",
           "stable_id"]


#: A UTF-16 code unit of a surrogate pair standing alone: valid JSON ("\ud800"), common in
#: scraped text, but not Unicode; it cannot be encoded to UTF-8 (spaCy and the output fail).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str, field: str, warnings: list[str]) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD (same length: offsets stay valid)."""
    if _LONE_SURROGATE.search(value) is None:
        return value
    cleaned, n = _LONE_SURROGATE.subn("\ufffd", value)
    warnings.append(f"'{field}' held {n} lone surrogate code point{'s' if n > 1 else ''} "
                    f"(invalid Unicode), replaced with U+FFFD")
    return cleaned


def document_from_record(rec: object, *, line: int | None = None, source: str | None = None) -> Item:
    """Validate one parsed input record (a JSON object) and build its Document."""
    if not isinstance(rec, dict):
        return InputFailure(None, line, "invalid_json", "the line is JSON but not an object", source)
    warnings: list[str] = []
    rid = rec.get("id")
    rid = _clean(str(rid), "id", warnings) if rid is not None and rid != "" else None
    if "text" not in rec or rec["text"] is None:
        return InputFailure(rid, line, "missing_text", "the record has no 'text' field", source)
    text = rec["text"]
    if not isinstance(text, str):
        return InputFailure(rid, line, "not_text",
                            f"'text' must be a string, got {type(text).__name__}", source)
    if not text.strip():
        kind = "the text is empty" if not text else "the text is only whitespace"
        return InputFailure(rid, line, "empty_text", kind, source)
    text = _clean(text, "text", warnings)
    published = None
    if rec.get("published") not in (None, ""):
        raw = rec["published"]
        published, warning = parse_published(_clean(raw, "published", []) if isinstance(raw, str) else raw)
        if warning:
            warnings.append(warning)
    meta = {k: _clean(rec[k], k, warnings) for k in _META if isinstance(rec.get(k), str)}
    return Document(id=rid or stable_id(text), text=text, published=published,
                    published_raw=rec.get("published"), line=line, warnings=tuple(warnings), **meta)


def _english_only(item: Item, detector: LanguageDetector, source: str | None) -> Item:
    """A document confidently not in English becomes a ``not_english`` failure in its place."""
    if not isinstance(item, Document):
        return item
    verdict = detector.check(item.text, declared=item.language)
    if verdict.rejected:
        return InputFailure(item.id, item.line, "not_english", verdict.message(), source)
    return item


def _utf16_lines(stream: IO[bytes]) -> Iterator[bytes] | None:
    """The lines of a UTF-16 stream (one opening with a UTF-16 byte-order mark), as UTF-8."""
    peek = getattr(stream, "peek", None)
    head = peek(2)[:2] if peek is not None else b""  # READ_ERRORS: the caller's to report
    if head not in (b"\xff\xfe", b"\xfe\xff"):
        return None
    text = io.TextIOWrapper(stream, encoding="utf-16", errors="surrogatepass", newline=None)
    return (line.encode("utf-8", "surrogatepass") for line in text)


def _iter_jsonl(stream: IO[bytes], source: str, detector: LanguageDetector) -> Iterator[Item]:
    try:
        utf16 = _utf16_lines(stream)
    except READ_ERRORS as e:  # a compressed file damaged in its first bytes
        yield InputFailure(None, 1, "encoding", f"{source} cannot be read ({type(e).__name__}: {e}); "
                                                f"the file is truncated or corrupt", source)
        return
    if utf16 is not None:
        log.warning("%s is UTF-16 (it opens with a UTF-16 byte-order mark); read as UTF-16", source)
    lines = iter(utf16 if utf16 is not None else stream)
    n = 0
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            return
        except READ_ERRORS as e:  # a truncated or corrupt compressed file: the rest cannot be read
            yield InputFailure(None, n + 1, "encoding",
                               f"{source} cannot be read after line {n} ({type(e).__name__}: {e}); "
                               f"the file is truncated or corrupt", source)
            return
        n += 1
        if not raw.strip():
            continue
        try:  # a UTF-8 byte-order mark may open the file
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8", "surrogatepass" if utf16 is not None else "strict")
        except UnicodeDecodeError as e:
            yield InputFailure(None, n, "encoding", f"the line is not valid UTF-8 ({e.reason} at byte {e.start})"
                               f"{_encoding_hint(raw)}", source)
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            hint = _encoding_hint(raw) if "\x00" in line else ""
            yield InputFailure(None, n, "invalid_json", f"the line is not valid JSON: {e.msg} (column {e.colno})"
                               f"{hint if hint.startswith('; it looks like UTF-16') else ''}", source)
            continue
        yield _english_only(document_from_record(rec, line=n, source=source), detector, source)


def _encoding_hint(raw: bytes) -> str:
    """A guess at what an undecodable line is, for its error message."""
    if raw.count(b"\x00") * 4 >= len(raw):
        return "; it looks like UTF-16 or UTF-32 without a byte-order mark: convert the file to UTF-8"
    return "; convert the file to UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"


def _read_bytes(path: Path, compression: str | None) -> bytes:
    f = open_binary(path, compression)
    try:
        with f:
            return f.read()
    except READ_ERRORS as e:
        raise _Unreadable(f"{path} cannot be read ({type(e).__name__}: {e}); the file is truncated or corrupt") from e


class _Unreadable(Exception):
    """A file that opened but cannot be read to the end (internal: becomes a failure or a skip)."""


def _read_text_file(path: Path, compression: str | None, detector: LanguageDetector) -> Item:
    try:
        data = _read_bytes(path, compression)
    except _Unreadable as e:
        return InputFailure(_stem(path), None, "encoding", str(e), str(path))
    try:
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError as e:
        return InputFailure(_stem(path), None, "encoding", f"{path} is not valid UTF-8 ({e.reason} at byte "
                            f"{e.start}){_encoding_hint(data[:4096])}", str(path))
    return _english_only(document_from_record({"id": _stem(path), "text": text}, source=str(path)), detector, str(path))


def _read_html_file(path: Path, compression: str | None, extractor: HtmlExtractor,
                    detector: LanguageDetector) -> Document | Skipped:
    try:
        data = _read_bytes(path, compression)
    except _Unreadable as e:
        log.warning("%s; skipped", e)
        return Skipped("unreadable", str(path), str(path))
    return html_document(data, id=_stem(path), source=str(path), extractor=extractor, detector=detector)


def _stem(path: Path) -> str:
    """The file name without its format and compression suffixes (``a.html.gz`` -> ``a``)."""
    name = path.name
    fmt, compression = split_compression(path)
    for suffix in ((path.suffix,) if compression else ()) + ((fmt,) if fmt else ()):
        if name.lower().endswith(suffix.lower()):
            name = name[: -len(suffix)]
    return name


def input_kind(path: Path) -> tuple[str | None, str | None]:
    """("jsonl" | "text" | "html" | "warc" | None, compression) for a file name."""
    fmt, compression = split_compression(path)
    if fmt in JSONL_SUFFIXES:
        return "jsonl", compression
    if fmt in TEXT_SUFFIXES:
        return "text", compression
    if fmt in HTML_SUFFIXES:
        return "html", compression
    if fmt in WARC_SUFFIXES and compression in (None, "gzip"):
        return "warc", compression
    return None, compression


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*") if q.is_file() and input_kind(q)[0] is not None)
            if not found:
                log.warning("%s holds no input files (.jsonl, .txt, .html, .warc, possibly compressed)", path)
            yield from found
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or directory")


def check_inputs(paths: Iterable[str | Path]) -> None:
    """Raise :class:`InputError` for the first input that does not exist, cannot be read or is
    of an unknown type: before a run opens (and so empties) its output file."""
    for p in _expand(paths):
        if p == "-":
            continue
        if input_kind(p)[0] is None:
            raise InputError(_unknown_type(p))
        try:
            with open(p, "rb") as f:
                f.read(1)
        except OSError as e:
            raise InputError(f"cannot read {p}: {e.strerror}") from e


def _unknown_type(p) -> str:
    return (f"{p}: unknown input type; give .jsonl (JSON lines, optionally .gz, .bz2 or .zst), "
            f".txt, .html or .warc(.gz) files, directories of them, or '-'")


def _iter_all(paths: Iterable[str | Path], stdin: IO[bytes] | None, detector: LanguageDetector,
              extractor: HtmlExtractor) -> Iterator[Item | Skipped]:
    for p in _expand(paths):
        if p == "-":
            yield from _iter_jsonl(stdin or sys.stdin.buffer, "<stdin>", detector)
            continue
        kind, compression = input_kind(p)
        if kind == "text":
            yield _read_text_file(p, compression, detector)
        elif kind == "html":
            yield _read_html_file(p, compression, extractor, detector)
        elif kind == "jsonl":
            with open_binary(p, compression) as f:
                yield from _iter_jsonl(f, str(p), detector)
        elif kind == "warc":
            from .warc import iter_warc

            with open_binary(p, compression) as f:
                yield from iter_warc(f, str(p), extractor=extractor, detector=detector)
        else:
            raise InputError(_unknown_type(p))


def iter_inputs(paths: Iterable[str | Path], *, stdin: IO[bytes] | None = None,
                check_language: bool = True, detector: LanguageDetector | None = None,
                extractor: HtmlExtractor | None = None, skipped: Counter | None = None) -> Iterator[Item]:
    """Yield documents (or failures) from files, directories and '-' (standard input, JSON lines).

    ``check_language``: a JSON-lines or text document confidently detected as
    another language (or declaring one in its ``language`` field) becomes a
    ``not_english`` failure; HTML pages and WARC records in another language
    are skipped. ``skipped`` (a Counter), when given, counts the bulk records
    skipped by policy, by reason (:data:`~eventcoder.ingest.skips.SKIP_REASONS`).
    ``detector`` and ``extractor`` are built on first use when not given.
    """
    if not check_language:
        detector = NoLanguageCheck()
    elif detector is None:
        detector = LanguageDetector()
    extractor = extractor or HtmlExtractor()
    seen = _SeenIds()
    for item in _iter_all(paths, stdin, detector, extractor):
        if isinstance(item, Skipped):
            log.debug("skipped (%s): %s", item.reason, item.where)
            if skipped is not None:
                skipped[item.reason] += 1
            continue
        yield seen.check(item)


class _SeenIds:
    """Marks a document whose id an earlier document of the run already had: its event ids
    (``ID-e1``, ...) repeat the earlier ones. Remembers up to ``limit`` ids (memory stays
    bounded on an endless stream; past it, duplicates are no longer noticed)."""

    def __init__(self, limit: int = 200_000):
        self.limit = limit
        self.first: dict[str, int | None] = {}
        self.warned = 0

    def check(self, item: Item) -> Item:
        if not isinstance(item, Document):
            return item
        if item.id in self.first:
            where = self.first[item.id]
            msg = (f"the id {item.id!r} was already used by an earlier document"
                   f"{f' (line {where})' if where else ''}; its event ids repeat: give each document its own id")
            if self.warned < 5:
                log.warning("%s", msg)
            self.warned += 1
            return replace(item, warnings=item.warnings + (msg,))
        if len(self.first) < self.limit:
            self.first[item.id] = item.line
        return item
