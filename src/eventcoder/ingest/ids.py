"""Stable document ids for inputs that carry none."""
from __future__ import annotations

import hashlib


def stable_id(text: str) -> str:
    """A document id derived from its text, stable across runs and machines."""
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
