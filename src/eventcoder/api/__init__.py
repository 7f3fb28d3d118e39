"""The REST API and the web pages over an event store (``eventcoder serve``).

Needs the ``api`` extra (``pip install 'eventcoder[api]'``): FastAPI, uvicorn, Jinja2.
"""
from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    """The FastAPI app over a store; see :func:`eventcoder.api.app.create_app`."""
    from .app import create_app as _create

    return _create(*args, **kwargs)
