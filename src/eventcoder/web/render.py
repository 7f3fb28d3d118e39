"""Template helpers: links that keep the current filters, names of codes, number formats."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from ..coding.ontology import ONTOLOGY
from .charts import QUAD_COLOURS, QUAD_NAMES

__all__ = ["install", "query_string", "entity_url"]

NAV = (("/events", "Events"), ("/linked", "Linked events"), ("/timeline", "Timeline"), ("/network", "Network"),
       ("/map", "Map"), ("/quotes", "Quotes"), ("/docs", "API"))


def query_string(params, **overrides) -> str:
    """``?a=1&b=2`` from the current parameters (a multi-dict or a dict) with some replaced or dropped
    (an override of None drops the key)."""
    items: list[tuple[str, str]] = []
    seen = set(overrides)
    if hasattr(params, "multi_items"):
        pairs = params.multi_items()
    else:
        pairs = [(k, x) for k, v in dict(params or {}).items() for x in (v if isinstance(v, (list, tuple)) else [v])]
    for k, v in pairs:
        if k in seen or v in (None, ""):
            continue
        items.append((k, str(v)))
    for k, v in overrides.items():
        if v is None or v == "":
            continue
        items.append((k, str(v)))
    return "?" + urlencode(items) if items else ""


def entity_url(key: str | None) -> str | None:
    return f"/entities/{quote(key, safe='')}" if key else None


def entity_key(arg: dict) -> str | None:
    """The store's entity key of an argument dict (KB id, else canonical name, else country)."""
    if arg.get("identifier_id"):
        return str(arg["identifier_id"])
    if arg.get("identifier_text"):
        return "name:" + str(arg["identifier_text"]).casefold()
    if arg.get("country"):
        return "country:" + str(arg["country"])
    return None


def actor_names(args) -> str:
    return "; ".join(a.get("identifier_text") or a.get("entity_text") or a.get("country") or "?" for a in args or [])


def wikidata_url(identifier_id: str | None) -> str | None:
    if identifier_id and identifier_id[:1] == "Q" and identifier_id[1:].isdigit():
        return f"https://www.wikidata.org/wiki/{identifier_id}"
    return None


def install(env) -> None:
    env.globals.update(QUAD_NAMES=QUAD_NAMES, QUAD_COLOURS=QUAD_COLOURS, EVENT_TYPES=tuple(ONTOLOGY),
                       NAV=NAV, qs=query_string, entity_url=entity_url, entity_key=entity_key,
                       wikidata_url=wikidata_url)
    env.filters["names"] = actor_names
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else ("" if n is None else n)
    env.filters["quad_name"] = lambda q: QUAD_NAMES.get(str(q), "") if q is not None else ""
