"""Field readers and comparisons shared by the scores (gold and predicted JSON)."""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

AUX_MARKERS = ("future", "hypothetical", "negation", "historical")
MUTUAL_TYPES = frozenset({"CONSULT", "COOPERATE"})  # who hosts is not scored
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "its", "it", "we", "i"})
NEAR_KM = 161.0
EARTH_RADIUS_KM = 6371.0


def norm(s: object) -> str:
    """Casefolded, accents and punctuation removed, spaces collapsed."""
    if not s or not isinstance(s, str):
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s]", " ", s.casefold())
    return " ".join(s.split())


def as_list(value: object) -> list:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def code(entity: dict) -> str | None:
    return (entity.get("code") or "").upper() or None


def codes(entities: Iterable[dict] | None) -> set[str]:
    return {c for c in (code(e) for e in entities or []) if c}


def first_type(event: dict) -> str | None:
    """Only the first entry of ``event`` counts as the type."""
    types = as_list(event.get("event"))
    return str(types[0]).upper() if types else None


def gold_types(event: dict) -> set[str]:
    first = first_type(event)
    alts = {str(t).upper() for t in as_list(event.get("alt_event"))}
    return alts | {first} if first else alts


def aux(event: dict) -> str:
    return next((c for c in event.get("context") or [] if c in AUX_MARKERS), "none")


def modes(event: dict) -> set[str]:
    return {str(m).lower() for m in as_list(event.get("mode")) if m}


def same_date(gold: dict, pred: dict) -> bool:
    g = gold.get("date")
    return bool(g) and (pred.get("date") or "")[: len(g)] == g


def mention_text(mention: object) -> str:
    if isinstance(mention, str):
        return mention
    return (mention or {}).get("text") or ""


def mention_match(gold: str, pred: str) -> bool:
    """Same mention: equal, or one contains the other without being much longer."""
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    if g in p:
        return len(p) <= len(g) + 40
    if p in g:
        return len(p) >= 0.5 * len(g)
    return False


def haversine_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    dlat, dlon = math.radians(b_lat - a_lat), math.radians(b_lon - a_lon)
    h = (math.sin(dlat / 2) ** 2
         + math.cos(math.radians(a_lat)) * math.cos(math.radians(b_lat)) * math.sin(dlon / 2) ** 2)
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, h)))


def near(gold: dict, pred: dict) -> bool:
    """Within 161 km; a gold country also accepts any point resolved to that country."""
    if pred.get("lat") is None or pred.get("lon") is None:
        return False
    if haversine_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"]) <= NEAR_KM:
        return True
    country = (gold.get("country_code") or "").upper()
    return (gold.get("feature") == "country" and bool(country)
            and (pred.get("country_code") or "").upper() == country)


def describe(event: dict) -> str:
    return (f"{first_type(event)} {sorted(codes(event.get('actor')))}->"
            f"{sorted(codes(event.get('recipient')))}\t{(event.get('text') or '')[:90]}")
