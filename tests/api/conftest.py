"""Fixtures of the API tests: a small store built from hand-written coded documents, the app
over it, and FastAPI's test client."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the API tests need the 'api' extra: pip install 'eventcoder[api]'")

from . import store_fixture  # noqa: E402


@pytest.fixture(scope="session")
def store_path(tmp_path_factory):
    return store_fixture.build(tmp_path_factory.mktemp("store") / "events.duckdb")


@pytest.fixture(scope="session")
def app(store_path):
    from eventcoder.api import create_app

    return create_app(store_path, idle_seconds=0)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
