"""The JSON endpoints under /api/ (POST /api/code lives in code.py).

Each endpoint reads through a read-only cursor (database.py) and returns the
dict that the matching HTML page renders (pages.py), so the two cannot drift.
"""
from __future__ import annotations

from enum import Enum

from fastapi import APIRouter, Depends, Path, Query, Request

from .. import __version__
from . import queries
from .errors import ApiError
from .filters import MAX_LIMIT, Paging, event_filters, paging

router = APIRouter(prefix="/api", tags=["store"])

_ERRORS = {422: {"description": "an invalid parameter (the one error shape)"},
           503: {"description": "the database cannot be read now (missing, or being ingested into)"}}
_NOT_FOUND = {404: {"description": "no such id (the one error shape)"}, **_ERRORS}


class Interval(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class CountBy(str, Enum):
    quad = "quad"
    type = "type"


def ok(payload: dict) -> dict:
    return {"ok": True, **payload}


def read(request: Request, fn, *args, **kwargs):
    with request.app.state.db.cursor() as cur:
        return fn(cur, *args, **kwargs)


def found(value, what: str, key: str):
    if value is None:
        raise ApiError(404, f"no {what} with id {key!r} in this database")
    return value


@router.get("/health", summary="Whether the app runs and the database can be read")
def health(request: Request) -> dict:
    db = request.app.state.db
    status = db.status()
    out = {"ok": True, "version": __version__, "database": str(db.path), **status}
    if status["readable"]:
        out["store"] = read(request, queries.summary)
    return out


@router.get("/events", summary="Events matching the filters of 'eventcoder query', paged", responses=_ERRORS)
def events(request: Request, filters=Depends(event_filters), page: Paging = Depends(paging)) -> dict:
    return ok(read(request, queries.list_events, filters, page))


@router.get("/events/{event_id:path}", summary="One event, its document, and its linked event's other mentions",
            responses=_NOT_FOUND)
def event(request: Request, event_id: str = Path(..., min_length=1, max_length=500)) -> dict:
    return ok(found(read(request, queries.get_event, event_id), "event", event_id))


@router.get("/linked-events", summary="Linked events (one real-world happening, several articles) with their "
            "mentions", responses=_ERRORS)
def linked_events(request: Request, filters=Depends(event_filters), page: Paging = Depends(paging)) -> dict:
    return ok(read(request, queries.list_linked, filters, page))


@router.get("/linked-events/{linked_id:path}", summary="One linked event with its mentions", responses=_NOT_FOUND)
def linked_event(request: Request, linked_id: str = Path(..., min_length=1, max_length=500)) -> dict:
    return ok({"linked_event": found(read(request, queries.get_linked, linked_id), "linked event", linked_id)})


@router.get("/entities/{entity_id:path}", summary="An actor with its events as actor and recipient, over time, "
            "and its quotes", responses=_NOT_FOUND)
def entity(request: Request, entity_id: str = Path(..., min_length=1, max_length=500),
           limit: int = Query(50, ge=1, le=MAX_LIMIT, description="latest events and quotes to list")) -> dict:
    return ok({"entity": found(read(request, queries.get_entity, entity_id, limit=limit), "entity", entity_id)})


@router.get("/documents/{doc_id:path}", summary="A document with its coded records", responses=_NOT_FOUND)
def document(request: Request, doc_id: str = Path(..., min_length=1, max_length=500)) -> dict:
    return ok({"document": found(read(request, queries.get_document, doc_id), "document", doc_id)})


@router.get("/quotes", summary="Quotes with their speakers", responses=_ERRORS)
def quotes(request: Request,
           speaker: str | None = Query(None, max_length=200, description="speaker name (substring)"),
           speaker_id: str | None = Query(None, max_length=500, description="speaker entity id (as in /api/entities)"),
           text: str | None = Query(None, max_length=200, description="text in the quote"),
           doc_id: str | None = Query(None, max_length=500, description="document id"),
           limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000)) -> dict:
    return ok(read(request, queries.list_quotes, speaker=speaker, speaker_key=speaker_id, text=text, doc_id=doc_id,
                   limit=limit, offset=offset))


@router.get("/places", summary="Event places with their numbers of events, and events per country",
            responses=_ERRORS)
def places(request: Request, filters=Depends(event_filters),
           limit: int = Query(2000, ge=1, le=10_000, description="places to list, most events first")) -> dict:
    return ok(read(request, queries.list_places, filters, limit=limit))


@router.get("/counts", summary="Events per day, week or month, by quad class or event type", responses=_ERRORS)
def counts(request: Request, filters=Depends(event_filters), interval: Interval = Interval.day,
           by: CountBy = CountBy.quad) -> dict:
    return ok(read(request, queries.counts, filters, interval=interval.value, by=by.value))


@router.get("/network", summary="Actors as nodes and events as weighted actor -> recipient edges",
            responses=_ERRORS)
def network(request: Request, filters=Depends(event_filters),
            max_nodes: int = Query(40, ge=2, le=300, description="the most active actors to keep")) -> dict:
    return ok(read(request, queries.network, filters, max_nodes=max_nodes))
