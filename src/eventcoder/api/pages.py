"""The HTML pages: the same data as the JSON endpoints, rendered on the server.

The events table and the event page need no JavaScript (filters are a GET form,
sorting and paging are links); the charts are SVG drawn here.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from ..web import charts
from ..web.highlight import event_spans, segments
from ..web.render import entity_url, query_string
from . import queries
from .errors import ApiError
from .filters import MAX_LIMIT, Paging, event_filters, paging
from .routes import CountBy, Interval, found, read

router = APIRouter(include_in_schema=False)


def page(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, {"params": request.query_params,
                                                                            **context})


@router.get("/")
def index() -> RedirectResponse:
    return RedirectResponse("/events", status_code=303)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, filters=Depends(event_filters), paged: Paging = Depends(paging)):
    data = read(request, queries.list_events, filters, paged)
    return page(request, "events.html", data=data, title="Events")


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    data = found(read(request, queries.get_event, event_id), "event", event_id)
    e = data["event"]
    spans = event_spans({**e, "actor": e.get("actors"), "recipient": e.get("recipients")})
    pieces = segments(e.get("sentence") or "", e.get("sentence_start") or 0, spans)
    return page(request, "event.html", data=data, e=e, pieces=pieces, spans=spans,
                title=f"{e.get('event_type')} event {event_id}")


@router.get("/linked", response_class=HTMLResponse)
def linked_page(request: Request, filters=Depends(event_filters), paged: Paging = Depends(paging)):
    data = read(request, queries.list_linked, filters, paged)
    return page(request, "linked.html", data=data, title="Linked events")


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str):
    data = found(read(request, queries.get_entity, entity_id), "entity", entity_id)
    over = {}
    for r in data["over_time"]:
        over.setdefault(r["period"], {}).setdefault(r["role"], 0)
        over[r["period"]][r["role"]] += r["n"]
    months = queries._periods(min(over, default=None) and min(over) + "-01", max(over, default=None) and max(over) + "-01",
                              "month")
    series = [{"period": p[:7], "counts": over.get(p[:7], {}), "total": sum(over.get(p[:7], {}).values())}
              for p in months]
    svg = charts.timeline_svg({"series": series, "interval": "month", "by": "role"}, height=220)
    return page(request, "entity.html", data=data, svg=Markup(svg), series=series, title=data["name"])


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str):
    data = found(read(request, queries.get_document, doc_id), "document", doc_id)
    return page(request, "document.html", data=data, title=data.get("title") or doc_id)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, filters=Depends(event_filters), interval: Interval = Interval.week,
                  by: CountBy = CountBy.quad):
    data = read(request, queries.counts, filters, interval=interval.value, by=by.value)
    return page(request, "timeline.html", data=data, svg=Markup(charts.timeline_svg(data)), title="Timeline")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, filters=Depends(event_filters), max_nodes: int = Query(40, ge=2, le=300)):
    data = read(request, queries.network, filters, max_nodes=max_nodes)
    svg = charts.network_svg(data, link=entity_url)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    return page(request, "network.html", data=data, svg=Markup(svg), names=names, title="Network")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, filters=Depends(event_filters)):
    data = read(request, queries.list_places, filters)
    keep = {k: v for k, v in request.query_params.items() if k not in ("near_lat", "near_lon", "radius_km")}
    svg = charts.map_svg(data, link_params=keep)
    return page(request, "map.html", data=data, svg=Markup(svg), title="Map")


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, speaker: str | None = Query(None, max_length=200),
                speaker_id: str | None = Query(None, max_length=500), text: str | None = Query(None, max_length=200),
                limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000)):
    data = read(request, queries.list_quotes, speaker=speaker, speaker_key=speaker_id, text=text, limit=limit,
                offset=offset)
    return page(request, "quotes.html", data=data, title="Quotes")


__all__ = ["router", "query_string", "ApiError"]
