"""Browser tests: the app served by uvicorn on 127.0.0.1, driven by Playwright in Debian's Chromium.

Playwright never downloads a browser here: it launches the system's Chromium
(``/usr/bin/chromium``, installed by ``make browser``; ``EVENTCODER_CHROMIUM`` names
another). Where Chromium or Playwright is missing the tests skip with the reason, except
under ``CI=true``, where that is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from api import store_fixture  # tests/api/store_fixture.py (tests/ is on sys.path)

IN_CI = os.environ.get("CI", "").lower() == "true"
# The flags that keep Chromium from calling home on a closed network (see .library/env machines/python.md).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason}; CI must run the browser tests (make browser installs Debian's chromium)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    for p in (os.environ.get("EVENTCODER_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if p and Path(p).is_file() and os.access(p, os.X_OK):
            return p
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, app):
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory):
    return store_fixture.build(tmp_path_factory.mktemp("web-store") / "events.duckdb")


@pytest.fixture(scope="session")
def server(web_store):
    pytest.importorskip("uvicorn", reason="the browser tests need the 'api' extra")
    from eventcoder.api import create_app

    with Server(create_app(web_store, idle_seconds=0)) as s:
        yield s


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install playwright, in the dev extra)")
    path = chromium_path()
    if path is None:
        _unavailable("Debian's chromium is not installed (make browser, or apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Requests:
    """Every request a page makes; anything not to 127.0.0.1 is aborted and recorded."""

    def __init__(self):
        self.urls: list[str] = []
        self.outside: list[str] = []

    def route(self, route):
        url = route.request.url
        self.urls.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            return route.continue_()
        if parsed.hostname != "127.0.0.1":
            self.outside.append(url)
            return route.abort()
        return route.continue_()


@pytest.fixture
def requests_seen():
    return Requests()


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", requests_seen.route)
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


@pytest.fixture
def page_no_js(browser, requests_seen):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    context.route("**/*", requests_seen.route)
    pg = context.new_page()
    yield pg
    context.close()
