"""docs/api.md lists every endpoint and page the app routes, and every option of eventcoder serve."""
from __future__ import annotations

import re
from pathlib import Path

DOC = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")


def test_every_route_is_documented(app):
    from fastapi.routing import APIRoute

    missing = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or route.path in ("/", "/docs"):
            continue
        path = re.sub(r"\{(\w+):path\}", r"{\1}", route.path)
        for method in route.methods - {"HEAD"}:
            documented = f"`{method} {path}`" in DOC if path.startswith("/api/") else f"`{path}`" in DOC
            if not documented:
                missing.append(f"{method} {path}")
    assert missing == []


def test_every_serve_option_is_documented():
    from eventcoder.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    serve = sub.choices["serve"]
    for action in serve._actions:
        for opt in action.option_strings:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in DOC, opt


def test_every_filter_is_documented():
    from dataclasses import fields

    from eventcoder.store.query import EventFilters

    for f in fields(EventFilters):
        if f.name != "event_id":
            assert f"`{f.name}`" in DOC, f.name
