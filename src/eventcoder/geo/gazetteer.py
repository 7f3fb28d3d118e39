"""The gazetteer: place names with coordinates, loaded from a compact TSV.gz.

File format (see ``data-src/geo/README.md``): a gzip-compressed, tab-separated
file with a header line and the columns of ``COLUMNS``; alternate names are
joined with ``|``. A ``manifest.json`` beside it carries the format version,
build date, sources and counts.

``build_from_geonames_dump`` turns a GeoNames dump (``allCountries.zip``, a
country file or a ``.txt`` with the standard 19 columns) into the same format.
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DataError

log = logging.getLogger(__name__)

__all__ = [
    "GazEntry",
    "Gazetteer",
    "normalize",
    "latin_alternates",
    "write_gazetteer",
    "build_from_geonames_dump",
    "DEFAULT_DIR",
    "FORMAT_VERSION",
]

FORMAT_VERSION = 1
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
GAZ_FILE = "gazetteer.tsv.gz"
MANIFEST = "manifest.json"
COUNTRY_FILE = "country_codes.tsv"
COLUMNS = ("geonameid", "name", "asciiname", "alternates", "lat", "lon", "country",
           "fclass", "fcode", "population", "admin1")

_APOS = re.compile(r"['’‘`ʼʻ]")
_NONWORD = re.compile(r"[^\w\s]|_")


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Index key of a name: accents stripped (NFKD), casefolded, punctuation removed."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOS.sub("", s.casefold())
    s = _NONWORD.sub(" ", s)
    return " ".join(s.split())


def _is_latin(s: str) -> bool:
    for c in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(c) or c in " -'.,()’":
            continue
        if ord(c) > 0x24F or not (c.isalpha() or c.isdigit()):
            return False
    return True


def latin_alternates(name: str, alternates: Iterable[str], *, limit: int = 40) -> tuple[str, ...]:
    """Keep the alternate names that are useful for English text.

    Latin script only; drops codes (all capitals: ``IEV``), romanisations in
    lower case (``ji fu``), names with digits and names under 3 letters.
    """
    out: list[str] = []
    seen = {normalize(name)}
    for alt in alternates:
        alt = alt.strip()
        if len(alt) < 3 or not alt[0].isupper() or alt.isupper() or any(c.isdigit() for c in alt):
            continue
        if not _is_latin(alt):
            continue
        key = normalize(alt)
        if key and key not in seen:
            seen.add(key)
            out.append(alt)
        if len(out) >= limit:
            break
    return tuple(out)


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer place. ``geonameid`` is negative for supplement entries without one."""

    geonameid: int
    name: str
    asciiname: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3, "" for international waters
    fclass: str  # GeoNames feature class: A, P, H, S, L, T ...
    fcode: str  # GeoNames feature code: PCLI, ADM1, PPLC, PPL, SEA, STRT ...
    population: int = 0
    admin1: str = ""

    def to_row(self) -> str:
        vals = (str(self.geonameid), self.name, self.asciiname, "|".join(self.alternates),
                f"{self.lat:.5f}", f"{self.lon:.5f}", self.country, self.fclass, self.fcode,
                str(self.population), self.admin1)
        return "\t".join(v.replace("\t", " ").replace("\n", " ") for v in vals)

    @classmethod
    def from_row(cls, line: str) -> "GazEntry":
        f = line.rstrip("\n").split("\t")
        if len(f) != len(COLUMNS):
            raise ValueError(f"expected {len(COLUMNS)} columns, got {len(f)}")
        return cls(int(f[0]), f[1], f[2], tuple(a for a in f[3].split("|") if a), float(f[4]),
                   float(f[5]), f[6], f[7], f[8], int(f[9] or 0), f[10])

    def names(self) -> Iterator[str]:
        yield self.name
        if self.asciiname:
            yield self.asciiname
        yield from self.alternates


class Gazetteer:
    """Name index over gazetteer entries. Build with ``Gazetteer.load`` or from entries (tests).

    Rows are parsed into ``GazEntry`` objects lazily, on first lookup, so a
    170k-entry gazetteer loads in well under a second.
    """

    def __init__(self, entries: Iterable[GazEntry] = (), *, version: str = "unversioned",
                 _rows: list[str] | None = None, _index: dict[str, list[int]] | None = None):
        self.version = version
        if _rows is not None and _index is not None:
            self._rows: list[str | None] = list(_rows)
            self._parsed: list[GazEntry | None] = [None] * len(self._rows)
            self._index = _index
        else:
            parsed = list(entries)
            self._rows = [None] * len(parsed)
            self._parsed = list(parsed)
            self._index = {}
            for i, e in enumerate(parsed):
                for k in index_keys(e):
                    self._index.setdefault(k, []).append(i)
        self._by_id: dict[int, int] | None = None
        self._cache: dict[str, tuple[GazEntry, ...]] = {}

    def _entry(self, i: int) -> GazEntry:
        e = self._parsed[i]
        if e is None:
            e = self._parsed[i] = GazEntry.from_row(self._rows[i])
        return e

    @property
    def entries(self) -> list[GazEntry]:
        return [self._entry(i) for i in range(len(self._parsed))]

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Load a gazetteer directory (or its .tsv.gz file); None loads the shipped one."""
        p = Path(path) if path is not None else DEFAULT_DIR
        gz = p / GAZ_FILE if p.is_dir() else p
        if not gz.is_file():
            raise DataError(f"gazetteer file {gz} is missing: rebuild it with "
                            f"'python scripts/build_gazetteer.py' or 'eventcoder gazetteer build'")
        version = "unknown"
        man = gz.parent / MANIFEST
        expected = None
        if man.is_file():
            try:
                meta = json.loads(man.read_text(encoding="utf-8"))
                version = f"{meta.get('format_version')}:{meta.get('build_date')}"
                expected = meta.get("entries") if meta.get("file", GAZ_FILE) == gz.name else None
            except (OSError, ValueError, AttributeError) as e:
                raise DataError(f"gazetteer manifest {man} is unreadable: rebuild the gazetteer") from e
        try:
            with gzip.open(gz, "rt", encoding="utf-8") as f:
                text = f.read()
        except (OSError, EOFError, UnicodeDecodeError, zlib.error) as e:
            raise DataError(f"gazetteer file {gz} is unreadable ({e}): rebuild it") from e
        lines = text.split("\n")
        header = tuple(lines[0].split("\t"))
        if header != COLUMNS + ("keys",):
            raise DataError(f"{gz} has columns {list(header)}, expected {list(COLUMNS) + ['keys']}: "
                            "rebuild the gazetteer with this version of eventcoder")
        rows: list[str] = []
        index: dict[str, list[int]] = {}
        for line in lines[1:]:
            if not line:
                continue
            row, _, keys = line.rpartition("\t")
            if not row:
                raise DataError(f"{gz} has a malformed row {line[:60]!r}: rebuild it")
            i = len(rows)
            rows.append(row)
            for k in keys.split("|"):
                lst = index.get(k)
                if lst is None:
                    index[k] = [i]
                else:
                    lst.append(i)
        if isinstance(expected, int) and len(rows) != expected:
            raise DataError(f"{gz} holds {len(rows)} entries, its {MANIFEST} says {expected}: the file is "
                            f"truncated or was edited; rebuild the gazetteer")
        log.info("loaded gazetteer %s: %d entries", gz, len(rows))
        return cls(version=version, _rows=rows, _index=index)

    def lookup(self, name: str) -> list[GazEntry]:
        """Entries whose name, ASCII name or alternate name matches ``name`` after normalisation."""
        key = normalize(name)
        hit = self._cache.get(key)
        if hit is None:
            ids = self._index.get(key)
            if ids is None and key.startswith("the "):
                ids = self._index.get(key[4:])
            try:
                hit = tuple(self._entry(i) for i in ids or ())
            except ValueError as e:
                raise DataError(f"gazetteer row for {name!r} is malformed ({e}): rebuild it") from e
            if len(self._cache) < 100_000:
                self._cache[key] = hit
        return list(hit)

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._index or bool(self.lookup(name))

    def get(self, geonameid: int) -> GazEntry | None:
        if self._by_id is None:
            self._by_id = {}
            for i in range(len(self._parsed)):
                row = self._rows[i]
                gid = int(row.split("\t", 1)[0]) if row is not None else self._parsed[i].geonameid
                self._by_id[gid] = i
        i = self._by_id.get(geonameid)
        return None if i is None else self._entry(i)

    def __len__(self) -> int:
        return len(self._parsed)


def index_keys(e: GazEntry) -> list[str]:
    """The normalised names an entry is found under (plus variants without a leading "the")."""
    keys = {normalize(n) for n in e.names()}
    for k in list(keys):
        if k.startswith("the "):
            keys.add(k[4:])
    keys.discard("")
    return sorted(keys)


def write_gazetteer(entries: Iterable[GazEntry], out_dir: str | Path, *, sources: dict) -> dict:
    """Write ``gazetteer.tsv.gz`` and ``manifest.json`` into ``out_dir``; returns the manifest."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = sorted(entries, key=lambda e: e.geonameid)
    counts: dict[str, int] = {}
    # mtime=0 keeps the file byte-identical between builds of the same input
    with open(out / GAZ_FILE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        with io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as f:
            f.write("\t".join(COLUMNS) + "\tkeys\n")
            for e in entries:
                f.write(e.to_row() + "\t" + "|".join(index_keys(e)) + "\n")
                counts[e.fclass] = counts.get(e.fclass, 0) + 1
    manifest = {
        "format_version": FORMAT_VERSION,
        "build_date": date.today().isoformat(),
        "file": GAZ_FILE,
        "columns": list(COLUMNS) + ["keys"],
        "entries": len(entries),
        "by_feature_class": dict(sorted(counts.items())),
        "sources": sources,
        "licence": "GeoNames data CC BY 4.0 (https://www.geonames.org); supplement Apache-2.0",
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def load_country_codes(path: str | Path | None = None) -> dict[str, str]:
    """ISO alpha-2 -> alpha-3, from the shipped ``country_codes.tsv``."""
    p = Path(path) if path is not None else DEFAULT_DIR / COUNTRY_FILE
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataError(f"{p} is missing: rebuild it with 'python scripts/build_gazetteer.py'") from e
    except UnicodeDecodeError as e:
        raise DataError(f"{p} is not UTF-8 ({e.reason} at byte {e.start}): it is corrupt; rebuild it") from e
    rows = [ln.split("\t") for ln in lines[1:] if ln.strip()]
    for n, row in enumerate(rows, 2):
        if len(row) < 2 or not (len(row[0]) == 2 and len(row[1]) == 3):
            raise DataError(f"{p}: line {n} is not 'alpha2<TAB>alpha3': it is corrupt; rebuild it")
    return {a2: a3 for a2, a3, *_ in rows}


# GeoNames dump: feature codes kept regardless of population
_KEEP_A = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ADM1", "ADM2"}
_KEEP_H = {"SEA", "STRT", "GULF", "BAY", "CHN", "OCN", "CHNM", "SD"}


def _dump_lines(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not names:
                raise DataError(f"{path} holds no GeoNames .txt file")
            with z.open(names[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            yield from f


def build_from_geonames_dump(path: str | Path, out_dir: str | Path, *, min_population: int = 1000,
                             keep_admin2: bool = False, overlay: Gazetteer | None = None) -> dict:
    """Stream a GeoNames dump into the gazetteer format; returns the manifest.

    Keeps populated places with ``population >= min_population``, countries,
    first-level (and with ``keep_admin2`` second-level) divisions and named
    waters. ``overlay`` (default: the shipped gazetteer) adds its supplement
    entries (negative ids) and its alternate names to matching ids, so the
    hand-written aliases ("Britain", "Türkiye") survive a rebuild.
    """
    p = Path(path)
    if not p.is_file():
        raise DataError(f"GeoNames dump {p} not found: download allCountries.zip from "
                        "https://download.geonames.org/export/dump/")
    a3 = load_country_codes()
    entries: dict[int, GazEntry] = {}
    bad = 0
    for n, line in enumerate(_dump_lines(p), 1):
        f = line.rstrip("\n").split("\t")
        if len(f) != 19:
            bad += 1
            if bad > 100 and bad > n // 10:
                raise DataError(f"{p} does not look like a GeoNames dump (line {n} has {len(f)} columns)")
            continue
        fclass, fcode = f[6], f[7]
        try:
            pop = int(f[14] or 0)
        except ValueError:
            pop = 0
        if fclass == "P":
            if pop < min_population:
                continue
        elif fclass == "A":
            if fcode not in _KEEP_A or (fcode == "ADM2" and not keep_admin2):
                continue
        elif fclass == "H":
            if fcode not in _KEEP_H:
                continue
        else:
            continue
        try:
            gid, lat, lon = int(f[0]), float(f[4]), float(f[5])
        except ValueError:
            bad += 1
            continue
        alts = latin_alternates(f[1], f[3].split(",") if f[3] else ())
        entries[gid] = GazEntry(gid, f[1], f[2], alts, lat, lon, a3.get(f[8], ""), fclass, fcode, pop, "")
    if overlay is None and (DEFAULT_DIR / GAZ_FILE).is_file():
        overlay = Gazetteer.load()
    if overlay is not None:
        for e in overlay.entries:
            if e.geonameid < 0:
                entries[e.geonameid] = e
            elif e.geonameid in entries:
                old = entries[e.geonameid]
                extra = tuple(a for a in e.alternates if a not in old.alternates)
                entries[e.geonameid] = GazEntry(
                    old.geonameid, old.name, old.asciiname, old.alternates + extra, old.lat, old.lon,
                    old.country, old.fclass, old.fcode, old.population, old.admin1 or e.admin1)
    log.info("GeoNames dump %s: kept %d entries, skipped %d malformed lines", p, len(entries), bad)
    return write_gazetteer(entries.values(), out_dir,
                           sources={"geonames_dump": p.name, "min_population": min_population,
                                    "overlay": overlay.version if overlay else None})
