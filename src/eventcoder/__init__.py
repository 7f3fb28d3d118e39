"""eventcoder: an offline political event coder (news text in, PLOVER events out).

>>> import eventcoder
>>> doc = eventcoder.code_text("Russian forces shelled Kharkiv on Tuesday.", published="2025-05-13")
>>> [e.event[0] for e in doc.events]  # doctest: +SKIP
['ASSAULT']
"""
from __future__ import annotations

from ._version import __version__

__all__ = ["__version__", "Config", "Pipeline", "CodedDocument", "code_text", "EventcoderError"]

_default = None


def __getattr__(name):  # lazy imports keep `import eventcoder` light
    if name == "Pipeline":
        from .pipeline import Pipeline
        return Pipeline
    if name == "Config":
        from .config import Config
        return Config
    if name == "CodedDocument":
        from .records import CodedDocument
        return CodedDocument
    if name == "EventcoderError":
        from .errors import EventcoderError
        return EventcoderError
    raise AttributeError(name)


def code_text(text: str, *, published: str | None = None, id: str | None = None):
    """Code one text with a pipeline built once per process; returns a CodedDocument."""
    global _default
    if _default is None:
        from .pipeline import Pipeline
        _default = Pipeline()
    return _default.code_text(text, published=published, id=id)
