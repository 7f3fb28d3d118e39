"""Fixtures for the reader tests: the real language detector, loaded once per session."""
from __future__ import annotations

import pytest

from eventcoder.ingest import LanguageDetector


@pytest.fixture(scope="session")
def detector() -> LanguageDetector:
    d = LanguageDetector()
    d.identifier  # load py3langid's shipped model once (about 2 s)
    return d
