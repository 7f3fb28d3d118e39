"""The PLOVER manual's scores and CAMEO roots, and the country table, that the store and its exports use.

Data files in ``data/store/``, built by ``scripts/build_store_tables.py`` (provenance there).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def plover_table() -> dict:
    """The PLOVER scores and CAMEO roots (data/store/plover_cameo.json, from the PLOVER manual)."""
    with resources.files("eventcoder").joinpath("data/store/plover_cameo.json").open(encoding="utf-8") as f:
        return json.load(f)["categories"]


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (FIPS 10-4 code, name) (data/store/countries.tsv, from GeoNames)."""
    out = {}
    with resources.files("eventcoder").joinpath("data/store/countries.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("iso3\t"):
                continue
            iso3, fips, name = line.rstrip("\n").split("\t")
            out[iso3] = (fips, name)
    return out


def cameo_root(event_type: str | None, modes) -> str | None:
    entry = plover_table().get(event_type or "")
    if not entry:
        return None
    for m in modes or ():
        if m in entry["cameo_root_by_mode"]:
            return entry["cameo_root_by_mode"][m]
    return entry["cameo_root"]


def plover_score(event_type: str | None, modes) -> float | None:
    """The PLOVER manual's conflict-cooperation score (-10..10) of a type and its first scored mode."""
    entry = plover_table().get(event_type or "")
    if not entry:
        return None
    for m in modes or ():
        if m in entry["mode_scores"]:
            return entry["mode_scores"][m]
    return entry["score"]


