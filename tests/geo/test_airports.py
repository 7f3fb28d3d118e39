"""The large airports of the gazetteer build (scripts/gazetteer_airports.py) and their lookup."""
from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

from eventcoder.geo import GazEntry, Gazetteer, Geocoder

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("gazetteer_airports", ROOT / "scripts" / "gazetteer_airports.py")
airports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(airports)

HEADER = ('"id","ident","type","name","latitude_deg","longitude_deg","elevation_ft","continent","iso_country",'
          '"iso_region","municipality","scheduled_service","gps_code","iata_code","local_code","home_link",'
          '"wikipedia_link","keywords"\n')


def _row(i, kind, name, lat, lon, cc, town, title):
    link = f"https://en.wikipedia.org/wiki/{title.replace(' ', '_')}" if title else ""
    return f'{i},"X{i}","{kind}","{name}",{lat},{lon},10,"EU","{cc}","{cc}-1","{town}","yes","","","","","{link}",""\n'


def test_airport_names():
    names = airports.airport_names("Velmora Brisk International Airport", "Velmora Brisk International Airport",
                                   "Velmora")
    assert names == ["Velmora Brisk International Airport", "Velmora Brisk Airport",
                     "Brisk International Airport", "Brisk Airport"]
    # the town's generic airport keeps its town: no "City Airport"
    assert airports.airport_names("Velmora City Airport", "", "Velmora") == ["Velmora City Airport"]


def test_read_large_airports(tmp_path):
    f = tmp_path / "airports.csv.gz"
    with gzip.open(f, "wt", encoding="utf-8") as out:
        out.write(HEADER)
        out.write(_row(1, "large_airport", "Velmora Quenby Airport", 51.0, -1.0, "GB", "Velmora", "Quenby Airport"))
        out.write(_row(2, "large_airport", "Dorrin Airport", 48.0, 2.0, "FR", "Tarsk", "Dorrin Airport"))
        out.write(_row(3, "small_airport", "Oakhollow Strip", 40.0, -80.0, "US", "Oakhollow", ""))
    near = lambda name, lat, lon: name == "Dorrin"  # noqa: E731 - a town Dorrin lies next to its airport
    rows = list(airports.read_large_airports(f, near))
    assert [r[0] for r in rows] == [1, 2]  # large airports only
    assert rows[0][1] == ["Quenby Airport", "Velmora Quenby Airport", "Quenby"]  # named after its locality
    assert "Dorrin" not in rows[1][1]  # the bare name is the town's


def test_an_airport_named_alone_near_its_city(nlp):
    """A bare airport name beats a small namesake town abroad when the city it serves is named."""
    gaz = Gazetteer([
        GazEntry(1, "Velmora", "Velmora", (), 51.5, -0.1, "GBR", "P", "PPLC", 8_000_000, "", 100),
        GazEntry(2, "United Kingdom", "United Kingdom", ("UK",), 54.0, -2.0, "GBR", "A", "PCLI", 60_000_000, "", 1000),
        GazEntry(3, "Quenby", "Quenby", (), 28.8, -81.4, "USA", "P", "PPL", 5_900, "", 0),
        GazEntry(-5, "Quenby Airport", "Quenby Airport", ("Velmora Quenby Airport", "Quenby"), 51.47, -0.45, "GBR",
                 "S", "AIRP", 0, "", 0),
    ])
    places = Geocoder(gaz).find_places(nlp("Fog closed runways in Velmora, UK, on Monday, and flights at Quenby "
                                           "were delayed."))
    (q,) = [p for p in places if p.extracted_place == "Quenby"]
    assert q.feature_code == "AIRP" and q.country_code == "GBR", q.evidence
