"""Plain SVG charts drawn on the server: no chart library, no script needed to see them.

Each function returns SVG markup (escaped here, so templates can mark it safe)
for the data dicts that the JSON API returns; every chart page also shows the
same numbers as a table for screen readers and for copying.
"""
from __future__ import annotations

import functools
import json
import math
from html import escape
from importlib import resources
from urllib.parse import urlencode

__all__ = ["QUAD_COLOURS", "QUAD_NAMES", "timeline_svg", "network_svg", "map_svg", "outline_paths"]

QUAD_NAMES = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
              "4": "material conflict"}
# Colour-blind-safe (Okabe-Ito) colours, one per quad class.
QUAD_COLOURS = {"1": "#0072B2", "2": "#009E73", "3": "#E69F00", "4": "#D55E00"}
_OTHER = "#777777"
_PALETTE = ("#0072B2", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


def _a(value) -> str:
    return escape(str(value), quote=True)


def key_colour(key: str, keys: list[str]) -> str:
    if key in QUAD_COLOURS and all(k in QUAD_COLOURS for k in keys):
        return QUAD_COLOURS[key]
    return _PALETTE[keys.index(key) % len(_PALETTE)] if key in keys else _OTHER


def timeline_svg(data: dict, *, width: int = 960, height: int = 320) -> str:
    """Stacked bars: one bar per period, one colour per quad class (or event type)."""
    series = data["series"]
    keys = sorted({k for s in series for k in s["counts"]})
    left, bottom, top, right = 44, 28, 12, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((s["total"] for s in series), default=0)
    title = f"Events per {data['interval']} by {'quad class' if data['by'] == 'quad' else 'event type'}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="timeline-title" class="chart timeline"><title id="timeline-title">{_a(title)}</title>']
    if not series:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no dated events for this filter</text>')
        return "".join(out) + "</svg>"
    step = _nice_step(peak)
    y_max = max(step * math.ceil(peak / step), 1)
    for tick in range(0, int(y_max) + 1, int(step)):
        y = top + plot_h - plot_h * tick / y_max
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{tick}</text>')
    bar_w = plot_w / len(series)
    label_every = max(1, math.ceil(len(series) / 10))
    # Up to a year of bars: one group with a tooltip per bar. More: one path per colour (a bar
    # is then under a pixel wide, and a tooltip each would make the page megabytes).
    detailed = len(series) <= 366
    paths: dict[str, list[str]] = {k: [] for k in keys}
    w = max(bar_w - (1 if detailed else 0), 0.3)
    for i, s in enumerate(series):
        x = left + i * bar_w
        y = top + plot_h
        if detailed:
            parts = [f"{n} {QUAD_NAMES.get(k, k) if data['by'] == 'quad' else k}" for k, n in sorted(s["counts"].items())]
            out.append(f'<g><title>{_a(s["period"])}: {_a(", ".join(parts))}</title>')
        for k in keys:
            n = s["counts"].get(k, 0)
            if not n:
                continue
            h = plot_h * n / y_max
            y -= h
            if detailed:
                out.append(f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                           f'fill="{key_colour(k, keys)}"/>')
            else:
                paths[k].append(f"M{x:.1f} {y:.1f}h{w:.1f}v{h:.1f}h-{w:.1f}z")
        if detailed:
            out.append("</g>")
        if i % label_every == 0:
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" class="tick">'
                       f'{_a(s["period"])}</text>')
    for k, d in paths.items():
        if d:
            name = QUAD_NAMES.get(k, k) if data["by"] == "quad" else k
            out.append(f'<path d="{"".join(d)}" fill="{key_colour(k, keys)}"><title>{_a(name)}</title></path>')
    return "".join(out) + "</svg>"


def _nice_step(peak: float) -> float:
    if peak <= 5:
        return 1
    raw = peak / 5
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def network_svg(data: dict, *, size: int = 720, link=None) -> str:
    """Actors on a circle (grouped by country), edges actor -> recipient, width by number of events."""
    nodes = sorted(data["nodes"], key=lambda n: (n.get("country") or "~", -n["weight"], n["id"]))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
           f'aria-labelledby="network-title" class="chart network"><title id="network-title">Actor network: '
           f'{len(nodes)} actors, {len(data["edges"])} directed links</title>'
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>']
    if not nodes:
        out.append(f'<text x="{size / 2}" y="{size / 2}" text-anchor="middle">no actor-recipient pairs for this filter</text>')
        return "".join(out) + "</svg>"
    c = size / 2
    r = size / 2 - 120
    pos = {}
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        pos[n["id"]] = (c + r * math.cos(angle), c + r * math.sin(angle), angle)
    peak = max((e["weight"] for e in data["edges"]), default=1)
    top_weight = max(n["weight"] for n in nodes)
    for e in data["edges"]:
        (x1, y1, _), (x2, y2, _) = pos[e["source"]], pos[e["target"]]
        colour = QUAD_COLOURS["4"] if e["conflict"] > e["cooperation"] else QUAD_COLOURS["1"]
        w = 0.8 + 5 * e["weight"] / peak
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                   f'stroke-width="{w:.1f}" stroke-opacity="0.55" marker-end="url(#arrow)"><title>'
                   f'{_a(e["source"])} \u2192 {_a(e["target"])}: {e["weight"]} events ({e["cooperation"]} '
                   f'cooperation, {e["conflict"]} conflict)</title></line>')
    for n in nodes:
        x, y, angle = pos[n["id"]]
        radius = 4 + 10 * math.sqrt(n["weight"] / top_weight)
        lx, ly = x + (radius + 4) * math.cos(angle), y + (radius + 4) * math.sin(angle)
        anchor = "start" if math.cos(angle) >= 0 else "end"
        label = n["name"] if len(n["name"]) <= 28 else n["name"][:27] + "\u2026"
        href = link(n["id"]) if link else None
        node = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" class="node"><title>{_a(n["name"])} '
                f'({_a(n.get("country") or "?")}): {n["weight"]} events</title></circle>'
                f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" class="label">{_a(label)}</text>')
        out.append(f'<a href="{_a(href)}">{node}</a>' if href else node)
    return "".join(out) + "</svg>"


# Equirectangular, cropped to the latitudes where people report events (84 N to 58 S).
MAP_TOP, MAP_BOTTOM = 84.0, -58.0
MAP_W = 960
MAP_H = round(MAP_W * (MAP_TOP - MAP_BOTTOM) / 360.0)


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection onto the map's viewBox."""
    return (lon + 180.0) * MAP_W / 360.0, (MAP_TOP - lat) * MAP_W / 360.0


def _ring_points(ring: list) -> list | None:
    """A ring's points, unwrapped where it crosses the antimeridian (Natural Earth cuts such
    polygons at 180 degrees, and drawn as is they would streak across the map); None for a ring
    wholly south of the map."""
    if max(lat for _, lat in ring) < MAP_BOTTOM:
        return None
    if any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:])):
        return [(lon + 360.0 if lon < 0 else lon, lat) for lon, lat in ring]
    return ring


@functools.lru_cache(maxsize=1)
def outline_paths() -> tuple[tuple[str, str | None, str], ...]:
    """(name, iso_a3, SVG path) of every country in the bundled Natural Earth outlines."""
    text = resources.files("eventcoder.web").joinpath("data/countries-110m.geojson").read_text(encoding="utf-8")
    out = []
    for f in json.loads(text)["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        d = []
        for poly in polys:
            for ring in poly:
                points = _ring_points(ring)
                if points is None:
                    continue
                pts = [_project(lon, lat) for lon, lat in points]
                d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if d:
            out.append((f["properties"]["name"], f["properties"].get("iso_a3"), "".join(d)))
    return tuple(out)


def map_svg(data: dict, *, link_params: dict | None = None) -> str:
    """Event places as circles (area by number of events) over the country outlines; countries
    shaded by the number of events placed in them."""
    by_country = {r["country"]: r["n"] for r in data.get("by_country", [])}
    peak_country = max(by_country.values(), default=0)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_W} {MAP_H}" role="img" '
           f'aria-labelledby="map-title" class="chart map"><title id="map-title">Map of event places: '
           f'{len(data["places"])} places</title><rect width="{MAP_W}" height="{MAP_H}" class="sea"/>']
    for name, code, d in outline_paths():
        n = by_country.get(code, 0)
        shade = f' style="fill-opacity:{0.15 + 0.6 * math.sqrt(n / peak_country):.2f}"' if n and peak_country else ""
        cls = "land has-events" if n else "land"
        out.append(f'<path d="{d}" class="{cls}"{shade}><title>{_a(name)}: {n} events placed here</title></path>')
    peak = max((p["n"] for p in data["places"]), default=1)
    base = dict(link_params or {})
    for p in sorted(data["places"], key=lambda p: -p["n"]):
        x, y = _project(p["lon"], p["lat"])
        r = 2.5 + 12 * math.sqrt(p["n"] / peak)
        cls = "place conflict" if p["n_material_conflict"] * 2 > p["n"] else "place"
        href = "/events?" + urlencode({**base, "lat": p["lat"], "lon": p["lon"], "radius_km": 25})
        out.append(f'<a href="{_a(href)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="{cls}">'
                   f'<title>{_a(p["place_name"] or "?")} ({_a(p["place_country"] or "?")}): {p["n"]} events'
                   f'</title></circle></a>')
    return "".join(out) + "</svg>"
