"""Shared fixtures: the spaCy model once per session, and the ../shared folder.

Tests that need ``../shared`` use the ``shared_dir`` fixture: it skips with a
reason when the folder is absent, except in CI (``CI=true``) where its absence
is a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{SHARED} is missing: CI must run with ../shared beside the repository")
        pytest.skip(f"{SHARED} is absent: these tests need the shared evaluation and source data")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy English pipeline, loaded once for the whole test session."""
    from eventcoder.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session", autouse=True)
def _session_load_cache(tmp_path_factory):
    """The load cache (eventcoder/loading.py) of this test session, not the developer's ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EVENTCODER_CACHE_DIR", str(tmp_path_factory.mktemp("eventcoder-cache")))
        yield


@pytest.fixture(autouse=True)
def _isolated_user_kb(tmp_path_factory, monkeypatch):
    """A developer's own knowledge base (~/.local/share/eventcoder/kb) never leaks into tests."""
    monkeypatch.setenv("EVENTCODER_HOME", str(tmp_path_factory.mktemp("eventcoder-home")))
    monkeypatch.delenv("EVENTCODER_KB_EXTRA", raising=False)
