"""An invented little gazetteer of one country and two of its states, for the geo tests that
need US-like divisions (test_neighbour_hints.py, test_recall_regions.py)."""
from __future__ import annotations

from eventcoder.geo import GazEntry, Gazetteer, Geocoder


def entry(gid, name, cc, fcode="PPL", pop=0, altnames=0, lat=0.0, lon=0.0, admin1=""):
    fclass = "A" if fcode.startswith(("ADM", "PCL")) else "P"
    return GazEntry(gid, name, name, (), lat, lon, cc, fclass, fcode, pop, admin1, altnames)


COUNTRIES = [entry(2, "United States", "USA", "PCLI", 330_000_000, lat=39.0, lon=-98.0, altnames=300)]
STATES = [entry(80, "Ohlenmark", "USA", "ADM1", 5_000_000, altnames=60, lat=41.0, lon=-83.0),
          entry(81, "Brecklund", "USA", "ADM1", 4_000_000, altnames=60, lat=44.0, lon=-120.0)]


def geocoder(*entries) -> Geocoder:
    return Geocoder(Gazetteer(COUNTRIES + STATES + list(entries)))
