"""POST /api/code: code one posted document on the fly with the existing pipeline.

The body is one input document as in FORMATS.md (``text`` required; ``id``,
``published``, ``title``, ``url``, ``publication``, ``language`` optional), at
most ``max_body`` bytes (413 beyond, counted while the body streams in, so a
huge body is never held). The answer is the coded document; it is stored only
with ``?store=true``, which writes it into the database like ``eventcoder
ingest`` (replacing a document of the same id) and needs the write lock.
"""
from __future__ import annotations

import json
import threading
from typing import Optional

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from .errors import ApiError

router = APIRouter(prefix="/api", tags=["coding"])


class DocumentIn(BaseModel):
    """One document to code (FORMATS.md, input)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, description="the article text")
    id: Optional[str] = Field(None, max_length=500, description="document id (default: derived from the text)")
    published: Optional[str] = Field(None, max_length=40, description="publication date, YYYY-MM-DD or ISO time")
    title: Optional[str] = Field(None, max_length=2000)
    url: Optional[str] = Field(None, max_length=4000)
    publication: Optional[str] = Field(None, max_length=500)
    language: Optional[str] = Field(None, max_length=20)


_LOCK = threading.Lock()  # one pipeline, one document at a time


def _pipeline(app):
    with _LOCK:
        if app.state.pipeline is None:
            factory = app.state.pipeline_factory
            if factory is None:
                from ..pipeline import Pipeline

                factory = Pipeline
            app.state.pipeline = factory()
        return app.state.pipeline


def _code(app, doc: DocumentIn) -> dict:
    from ..ingest.readers import document_from_record

    pipeline = _pipeline(app)
    record = doc.model_dump(exclude_none=True)
    item = document_from_record(record)
    with _LOCK:
        coded = next(pipeline.code_stream([item]))
    return coded.to_json()


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body has {int(declared):,} bytes; POST /api/code takes at most {limit:,} "
                            "(eventcoder serve --max-body)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the body is larger than {limit:,} bytes, the most POST /api/code takes "
                                "(eventcoder serve --max-body)")
        chunks.append(chunk)
    return b"".join(chunks)


def _store(app, coded: dict, text: str) -> dict:
    """Write a coded document into the database, closing the read-only connection meanwhile."""
    from ..store import ingest_coded, open_store
    from ..store.schema import StoreError

    db = app.state.db
    with db.writing():
        try:
            con = open_store(db.path)
        except StoreError as e:
            raise ApiError(503, f"cannot write to {db.path}: {e}") from e
        except Exception as e:  # DuckDB's lock error: another process writes the file
            if "lock" in str(e).lower():
                raise ApiError(503, f"cannot store: {db.path} is being written by another process; retry when "
                                    "it finishes", headers={"Retry-After": "5"}) from e
            raise
        try:
            stats = ingest_coded(con, [(coded, None, text)])
        finally:
            con.close()
    return stats.to_json() if hasattr(stats, "to_json") else {}


@router.post("/code", summary="Code one document on the fly (stored only with store=true)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": DocumentIn.model_json_schema()}}}},
             responses={413: {"description": "body too large"}, 415: {"description": "not JSON"},
                        422: {"description": "invalid document"}})
async def code(request: Request, store: bool = Query(False, description="also write the coded document into "
                                                                         "the database")) -> dict:
    ctype = request.headers.get("content-type", "")
    if ctype and "json" not in ctype:
        raise ApiError(415, f"POST /api/code takes JSON (Content-Type: application/json), not {ctype!r}")
    body = await _read_body(request, request.app.state.max_body)
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError(400, f"the body is not JSON: {e}") from e
    try:
        doc = DocumentIn.model_validate(payload)
    except ValidationError as e:
        errors = [{"loc": ["body", *map(str, err["loc"])], "msg": err["msg"], "type": err["type"]}
                  for err in e.errors()]
        where = "; ".join(f"{'.'.join(x['loc'][1:]) or 'body'}: {x['msg']}" for x in errors[:3])
        raise ApiError(422, f"invalid document ({where}); 'text' is required", errors) from e
    coded = await run_in_threadpool(_code, request.app, doc)
    out = {"ok": True, "stored": False, "document": coded}
    if store:
        if coded.get("error"):
            raise ApiError(422, f"the document was not coded ({coded['error']['type']}: "
                                f"{coded['error']['message']}), so it was not stored")
        out["ingest"] = await run_in_threadpool(_store, request.app, coded, doc.text)
        out["stored"] = True
    return out
