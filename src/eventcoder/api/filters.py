"""The query vocabulary that the JSON API and the HTML pages share.

The parameters are the fields of the store's :class:`~eventcoder.store.query.EventFilters`
(the filters of ``eventcoder query``), one query parameter each, with the same
names. FastAPI validates their types and ranges (a wrong value is a 422 in the
one error shape); list filters take a parameter repeated or comma-separated
(``event_type=ASSAULT,COERCE``). The store then builds the SQL from them.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import Enum
from typing import Optional

from fastapi import Query

from ..coding.ontology import ONTOLOGY
from .errors import ApiError

__all__ = ["FILTER_PARAMS", "Paging", "SortKey", "Order", "event_filters", "paging", "MAX_LIMIT"]

EVENT_TYPES = tuple(ONTOLOGY)
MODES = tuple(sorted({m for t in ONTOLOGY.values() for m in t.modes}))
MAX_LIMIT = 500

_CODE = r"^[A-Za-z]{2,3}([,\s]+[A-Za-z]{2,3})*$"
_SECTOR = r"^[A-Za-z]{2,5}([,\s]+[A-Za-z]{2,5})*$"


def _invalid(name: str, message: str) -> ApiError:
    return ApiError(422, f"invalid {name}: {message}",
                    [{"loc": ["query", name], "msg": message, "type": "value_error"}])


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [x.strip() for x in v.replace(";", ",").split(",") if x.strip()]
    return out


def _codes(name: str, values: list[str] | None, *, width=(2, 3)) -> list[str]:
    out = []
    for v in _split(values):
        if not v.isalpha() or not width[0] <= len(v) <= width[1]:
            raise _invalid(name, f"{v!r} is not a code of {width[0]}-{width[1]} letters (e.g. UKR, GOV)")
        out.append(v.upper())
    return out


def event_filters(
    actor: Optional[str] = Query(None, max_length=200, description="actor name as written or canonical "
                                 "(case-insensitive substring)"),
    actor_id: Optional[list[str]] = Query(None, description="actor knowledge-base id (e.g. Q3874799)"),
    actor_country: Optional[list[str]] = Query(None, description="actor country code (ISO alpha-3 or IGO)"),
    actor_sector: Optional[list[str]] = Query(None, description="actor sector code (GOV, MIL, REB, ...)"),
    recipient: Optional[str] = Query(None, max_length=200, description="recipient name, as for actor"),
    recipient_id: Optional[list[str]] = Query(None, description="recipient knowledge-base id"),
    recipient_country: Optional[list[str]] = Query(None, description="recipient country code"),
    recipient_sector: Optional[list[str]] = Query(None, description="recipient sector code"),
    party: Optional[str] = Query(None, max_length=200, description="actor or recipient name"),
    party_id: Optional[list[str]] = Query(None, description="actor or recipient knowledge-base id"),
    party_country: Optional[list[str]] = Query(None, description="actor or recipient country code"),
    party_sector: Optional[list[str]] = Query(None, description="actor or recipient sector code"),
    event_type: Optional[list[str]] = Query(None, description=f"PLOVER event type: {', '.join(EVENT_TYPES)}"),
    quad_code: Optional[list[int]] = Query(None, description="quad class: 1 verbal cooperation, "
                                           "2 material cooperation, 3 verbal conflict, 4 material conflict"),
    mode: Optional[list[str]] = Query(None, description="PLOVER mode (e.g. visit, aerial)"),
    date_from: Optional[dt.date] = Query(None, description="first event date, YYYY-MM-DD"),
    date_to: Optional[dt.date] = Query(None, description="last event date, YYYY-MM-DD"),
    near_lat: Optional[float] = Query(None, ge=-90, le=90, description="latitude of a point (with near_lon "
                                      "and radius_km)"),
    near_lon: Optional[float] = Query(None, ge=-180, le=180, description="longitude of the point"),
    radius_km: Optional[float] = Query(None, gt=0, le=20040, description="radius around the point, km"),
    place_country: Optional[list[str]] = Query(None, description="country code of the event place"),
    text: Optional[str] = Query(None, max_length=200, description="text in the event's sentence "
                                "(case-insensitive)"),
    doc_id: Optional[list[str]] = Query(None, description="document id"),
    source: Optional[list[str]] = Query(None, description="outlet (the documents' source)"),
    linked_id: Optional[list[str]] = Query(None, description="linked event id"),
    min_articles: Optional[int] = Query(None, ge=1, le=100_000, description="only linked events reported by at "
                                        "least this many articles"),
    linked: bool = Query(False, description="one row per linked event (its first mention) instead of one per "
                         "event mention"),
):
    """The validated filters as the store's EventFilters."""
    from ..store.query import EventFilters
    from ..store.schema import StoreError

    types = [t.upper() for t in _split(event_type)]
    for t in types:
        if t not in ONTOLOGY:
            raise _invalid("event_type", f"{t!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
    for q in quad_code or []:
        if q not in (1, 2, 3, 4):
            raise _invalid("quad_code", f"{q} is not a quad class (1 verbal cooperation, 2 material cooperation, "
                                        "3 verbal conflict, 4 material conflict)")
    modes = [m.lower() for m in _split(mode)]
    for m in modes:
        if m not in MODES:
            raise _invalid("mode", f"{m!r} is not a PLOVER mode ({', '.join(MODES)})")
    near = (near_lat, near_lon, radius_km)
    if any(v is not None for v in near) and not all(v is not None for v in near):
        raise _invalid("near_lat", "a place radius needs near_lat, near_lon and radius_km together")
    if any(v is not None and not math.isfinite(v) for v in near):
        raise _invalid("near_lat", "coordinates must be finite numbers")
    if date_from and date_to and date_from > date_to:
        raise _invalid("date_from", f"date_from {date_from} is after date_to {date_to}")
    values = {
        "actor": actor, "actor_id": _split(actor_id), "actor_country": _codes("actor_country", actor_country),
        "actor_sector": _codes("actor_sector", actor_sector, width=(2, 5)),
        "recipient": recipient, "recipient_id": _split(recipient_id),
        "recipient_country": _codes("recipient_country", recipient_country),
        "recipient_sector": _codes("recipient_sector", recipient_sector, width=(2, 5)),
        "party": party, "party_id": _split(party_id), "party_country": _codes("party_country", party_country),
        "party_sector": _codes("party_sector", party_sector, width=(2, 5)),
        "event_type": types, "quad_code": list(quad_code or []), "mode": modes,
        "date_from": date_from.isoformat() if date_from else None,
        "date_to": date_to.isoformat() if date_to else None,
        "near_lat": near_lat, "near_lon": near_lon, "radius_km": radius_km,
        "place_country": _codes("place_country", place_country), "text": text, "doc_id": _split(doc_id),
        "source": _split(source), "linked_id": _split(linked_id), "min_articles": min_articles, "linked": linked,
    }
    values = {k: v for k, v in values.items() if v not in (None, "", [], False)}
    try:
        return EventFilters.from_mapping(values)
    except StoreError as e:
        raise ApiError(422, f"invalid filter: {e}", [{"loc": ["query"], "msg": str(e), "type": "value_error"}]) from e


def active_filters(filters) -> dict:
    """The filters that are set, JSON-ready (echoed in answers, kept in page links)."""
    from dataclasses import fields

    out = {}
    for f in fields(filters):
        v = getattr(filters, f.name)
        if v in (None, "", (), False):
            continue
        out[f.name] = list(v) if isinstance(v, tuple) else v
    return out


FILTER_PARAMS = ("actor", "actor_id", "actor_country", "actor_sector", "recipient", "recipient_id",
                 "recipient_country", "recipient_sector", "party", "party_id", "party_country", "party_sector",
                 "event_type", "quad_code", "mode", "date_from", "date_to", "near_lat", "near_lon", "radius_km",
                 "place_country", "text", "doc_id", "source", "linked_id", "min_articles", "linked")


class SortKey(str, Enum):
    date = "date"
    type = "type"
    quad = "quad"
    actor = "actor"
    recipient = "recipient"
    place = "place"
    mentions = "mentions"
    confidence = "confidence"


class Order(str, Enum):
    asc = "asc"
    desc = "desc"


_FIRST_ARG = ("(SELECT arg_min(coalesce(x.identifier_text, x.entity_text, x.country), x.position) FROM "
              "event_arguments x WHERE x.event_id = e.event_id AND x.role = '{role}')")

# SQL over the matching events ``e`` and their linked event ``l`` (queries._base); every order
# ends with the event id, so pages are stable.
SORT_SQL = {
    SortKey.date: "e.event_date",
    SortKey.type: "e.event_type",
    SortKey.quad: "e.quad_code",
    SortKey.actor: _FIRST_ARG.format(role="actor"),
    SortKey.recipient: _FIRST_ARG.format(role="recipient"),
    SortKey.place: "e.place_name",
    SortKey.mentions: "l.num_mentions",
    SortKey.confidence: "e.confidence",
}


@dataclass(frozen=True)
class Paging:
    limit: int = 50
    offset: int = 0
    sort: SortKey = SortKey.date
    order: Order = Order.desc

    def order_by(self) -> str:
        direction = "DESC" if self.order is Order.desc else "ASC"
        return f"{SORT_SQL[self.sort]} {direction} NULLS LAST, e.event_id {direction}"


def paging(
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"rows per page (1-{MAX_LIMIT})"),
    offset: int = Query(0, ge=0, le=10_000_000, description="rows to skip"),
    sort: SortKey = Query(SortKey.date, description="sort key; ties are broken by event id, so pages are stable"),
    order: Order = Query(Order.desc, description="asc or desc"),
) -> Paging:
    return Paging(limit=limit, offset=offset, sort=sort, order=order)
