"""Compressed inputs: gzip (``.gz``), bzip2 (``.bz2``) and Zstandard (``.zst``, ``.zstd``).

The compression is read from the last suffix (``news.jsonl.zst`` is JSON lines
compressed with zstd). Decompression is streamed: a file is never held in
memory whole. A truncated or corrupt stream raises one of :data:`READ_ERRORS`
while it is read; the readers turn that into an error record, not a traceback.
"""
from __future__ import annotations

import bz2
import gzip
import io
import zlib
from pathlib import Path
from typing import IO

from ..errors import InputError

COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd", ".zstd": "zstd"}

try:  # zstandard is a declared dependency; without it only .zst inputs fail, with a clear message
    import zstandard as _zstd

    _ZSTD_ERRORS: tuple[type[BaseException], ...] = (_zstd.ZstdError,)
except ImportError:  # pragma: no cover - exercised only in a broken install
    _zstd = None
    _ZSTD_ERRORS = ()

#: What reading a damaged file can raise (gzip's BadGzipFile and bz2's "Invalid data stream" are OSErrors).
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, ValueError) + _ZSTD_ERRORS


def split_compression(path: Path) -> tuple[str, str | None]:
    """The format suffix and the compression of a file name: ``a.jsonl.gz`` -> (".jsonl", "gzip")."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        return (suffixes[-2] if len(suffixes) > 1 else ""), COMPRESSION_SUFFIXES[suffixes[-1]]
    return (suffixes[-1] if suffixes else ""), None


def open_binary(path: Path, compression: str | None) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing on the fly.

    Raises :class:`InputError` when the file cannot be opened at all; damage
    inside a compressed stream shows up later, as one of :data:`READ_ERRORS`.
    """
    try:
        raw = open(path, "rb")
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from e
    if compression is None:
        return raw
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if compression == "bz2":
        return bz2.BZ2File(raw, mode="rb")  # type: ignore[return-value]
    if compression == "zstd":
        if _zstd is None:
            raw.close()
            raise InputError(f"{path}: reading .zst files needs the 'zstandard' package (pip install zstandard)")
        return io.BufferedReader(_ZstdReader(raw), buffer_size=1 << 17)
    raw.close()
    raise ValueError(f"unknown compression {compression!r}")


class _ZstdReader(io.RawIOBase):
    """Streamed zstd decompression, across frames, that notices a stream cut mid-frame.

    (zstandard's own ``stream_reader`` ends silently on a truncated file, which
    would lose documents without a word.)
    """

    def __init__(self, raw: IO[bytes]):
        self._raw = raw
        self._dobj = _zstd.ZstdDecompressor().decompressobj()
        self._in_frame = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = self._raw.read(1 << 17)
            if not chunk:
                if self._in_frame:
                    raise EOFError("the zstd stream ends in the middle of a frame")
                return 0
            self._pending = self._feed(chunk)
        n = min(len(b), len(self._pending))
        b[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _feed(self, data: bytes) -> bytes:
        out = []
        while data:
            self._in_frame = True
            out.append(self._dobj.decompress(data))
            data = b""
            if self._dobj.eof:
                data = self._dobj.unused_data
                self._dobj = _zstd.ZstdDecompressor().decompressobj()
                self._in_frame = False
        return b"".join(out)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()
