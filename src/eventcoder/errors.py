"""One exception hierarchy for the library; every message says what to do."""
from __future__ import annotations


class EventcoderError(Exception):
    """Base class of every error eventcoder raises."""


class ConfigError(EventcoderError, ValueError):
    """A setting has an invalid value."""


class ModelError(EventcoderError):
    """The NLP model cannot be loaded."""


class DataError(EventcoderError):
    """A knowledge base, gazetteer or lexicon file is missing or malformed."""


class InputError(EventcoderError):
    """An input file or stream cannot be read at all (per-document problems become error records)."""


class DocumentError(EventcoderError):
    """One document cannot be coded; ``type`` is one of the error types of FORMATS.md."""

    TYPES = ("invalid_json", "missing_text", "empty_text", "not_text", "encoding",
             "too_large", "not_english", "timeout", "internal")

    def __init__(self, type: str, message: str):
        if type not in self.TYPES:
            raise ValueError(f"unknown document error type {type!r}")
        super().__init__(message)
        self.type = type
        self.message = message


class OutputError(EventcoderError):
    """The output cannot be written (full disk, closed pipe, no permission, a directory)."""


class WorkerError(EventcoderError):
    """A worker process died; ``ids`` are the documents it (or its batch) left uncoded."""

    def __init__(self, message: str, ids: list[str] | None = None):
        super().__init__(message)
        self.ids = list(ids or [])
