"""The app object: JSON endpoints under /api/, the HTML pages, static assets, one error shape.

``create_app(db)`` builds it; ``eventcoder serve`` runs it with uvicorn. Every
page is served by the app itself (no CDN, no tile server, no web font), so it
works on a laptop with no network.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from .database import Database
from .errors import install_error_handlers

log = logging.getLogger(__name__)

__all__ = ["create_app", "DEFAULT_MAX_BODY"]

#: Largest body POST /api/code accepts, in bytes (a long news article is 20-60 kB).
DEFAULT_MAX_BODY = 2_000_000

DESCRIPTION = """Browse, filter and verify coded political events.

Every list takes the filters of `eventcoder query` as query parameters (list filters may be
repeated or comma-separated) and pages with `limit` and `offset` in a stable order. Every error
is `{"ok": false, "status": <code>, "error": "...", "errors": [...]}`."""


class _DropEmptyParams:
    """HTML forms send empty fields (``quad_code=``); an empty parameter means 'not set'."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip() != ""]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


class _ServerTiming:
    """A ``Server-Timing`` header on every answer: wall time and this process's CPU time spent
    while answering (browsers' developer tools show it; the browser tests read it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0, c0 = time.perf_counter(), time.process_time()

        async def timed_send(message):
            if message["type"] == "http.response.start":
                wall = (time.perf_counter() - t0) * 1000
                cpu = (time.process_time() - c0) * 1000
                headers = list(message.get("headers", []))
                headers.append((b"server-timing", f"app;dur={wall:.1f}, cpu;dur={cpu:.1f}".encode()))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, timed_send)


def _web_dir() -> Path:
    return Path(str(resources.files("eventcoder.web")))


def _swagger_dir() -> str:
    return str(resources.files("fastapi_offline").joinpath("static"))


def create_app(db: str | Path, *, pipeline_factory: Callable | None = None, max_body: int = DEFAULT_MAX_BODY,
               idle_seconds: float = 2.0) -> FastAPI:
    """The app over the store at ``db`` (opened read-only and lazily, see database.py).

    ``pipeline_factory`` builds the coding pipeline for POST /api/code on first use (default:
    ``Pipeline()`` with the shipped model and data); tests pass one that returns a shared pipeline.
    """
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        # FastAPI builds the OpenAPI schema on the first request for it (seconds, with every
        # filter a parameter of several routes): build it in the background at startup instead.
        threading.Thread(target=app.openapi, name="openapi-warmup", daemon=True).start()
        yield
        app.state.db.close()

    app = FastAPI(title="eventcoder", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.db = Database(db, idle_seconds=idle_seconds)
    app.state.max_body = max_body
    app.state.pipeline_factory = pipeline_factory
    app.state.pipeline = None
    web = _web_dir()
    templates = Jinja2Templates(directory=str(web / "templates"))
    from ..web import render

    render.install(templates.env)
    app.state.templates = templates
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    install_error_handlers(app)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the fastapi-offline package, served here: the default page loads it from a CDN.
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventcoder API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    from . import code, routes, pages

    app.include_router(routes.router)
    app.include_router(code.router)
    app.include_router(pages.router)
    app.add_middleware(_DropEmptyParams)
    app.add_middleware(_ServerTiming)

    return app
