"""One error shape for every JSON error, and an HTML page for the same errors.

Every error the API answers is ``{"ok": false, "status": <HTTP code>, "error":
"<one sentence saying what to do>", "errors": [{"loc": [...], "msg": "...",
"type": "..."}]}``; a stack trace never reaches the client (it goes to the log).
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

__all__ = ["ApiError", "error_body", "install_error_handlers"]

_REASONS = {400: "bad request", 404: "not found", 405: "method not allowed", 413: "request body too large",
            415: "unsupported media type", 422: "invalid parameter", 500: "internal error",
            503: "database unavailable"}


class ApiError(Exception):
    """An error with its HTTP status and a message that says what to do."""

    def __init__(self, status: int, message: str, errors: list[dict] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []
        self.headers = headers


def error_body(status: int, message: str, errors: list[dict] | None = None) -> dict:
    return {"ok": False, "status": status, "error": message, "errors": errors or []}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi")) and \
        "text/html" in request.headers.get("accept", "")


def _respond(request: Request, status: int, message: str, errors: list[dict] | None = None,
             headers: dict[str, str] | None = None):
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html",
                                          {"params": request.query_params, "status": status,
                                           "reason": _REASONS.get(status, "error"),
                                           "message": message, "errors": errors or []},
                                          status_code=status, headers=headers)
    return JSONResponse(error_body(status, message, errors), status_code=status, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict]:
    out = []
    for e in exc.errors():
        item = {"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type", "")}
        out.append(item)
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _respond(request, exc.status, exc.message, exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = _validation_errors(exc)
        where = ", ".join(".".join(e["loc"][1:] or e["loc"]) + ": " + e["msg"] for e in errors[:3])
        return _respond(request, 422, f"invalid request ({where}); see /docs for the parameters", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and exc.detail in (None, "Not Found"):
            message = f"no such page or endpoint: {request.url.path} (the API is listed at /docs)"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path} (see /docs)"
        else:
            message = str(exc.detail)
        return _respond(request, exc.status_code, message, [], getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _respond(request, 500, f"internal error ({type(exc).__name__}); the server log has the details, "
                                      "please report it")
