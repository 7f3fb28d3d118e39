"""The gazetteer: place names with coordinates, in an indexed SQLite file.

File format (see ``data-src/geo/README.md``): ``gazetteer.sqlite`` with a
``places`` table (the columns of ``COLUMNS``; alternate names joined with
``|``) and a ``names`` table (normalised name -> geonameid, the primary key,
so a lookup is one B-tree search). Nothing is read at load time: the file is
opened read-only and rows are fetched per looked-up name, so start-up costs
milliseconds and a worker's memory holds only the names it has seen. A
``manifest.json`` beside it carries the format version, build date, sources
and counts.

``build_from_geonames_dump`` turns a GeoNames dump (``allCountries.zip``, a
country file or a ``.txt`` with the standard 19 columns) into the same format.
"""
from __future__ import annotations

import io
import json
import logging
import os
import re
import sqlite3
import threading
import unicodedata
import zipfile
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
    "spelling_variants",
    "write_gazetteer",
    "build_from_geonames_dump",
    "DEFAULT_DIR",
    "FORMAT_VERSION",
]

FORMAT_VERSION = 2
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
GAZ_FILE = "gazetteer.sqlite"
MANIFEST = "manifest.json"
COUNTRY_FILE = "country_codes.tsv"
COLUMNS = ("geonameid", "name", "asciiname", "alternates", "lat", "lon", "country",
           "fclass", "fcode", "population", "admin1", "altnames")

# abbreviations of name words that GeoNames writes out
_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_APOS = re.compile(r"['’‘`ʼʻ]")
_NONWORD = re.compile(r"[^\w\s]|_")


# romanisations of the Arabic article ("Deir el-Balah", "Dayr al Balah", "Ash Shati"): one key
_ARTICLES = {"el", "al", "ad", "ar", "as", "ash", "at", "az", "ed", "er", "es", "ez", "an", "en", "adh", "ath"}


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Index key of a name: accents stripped (NFKD), casefolded, punctuation removed; a romanised
    Arabic article before another word ("el", "ad", "ash" ...) becomes "al"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOS.sub("", s.casefold())
    s = _NONWORD.sub(" ", s)
    words = s.split()
    if len(words) > 1:
        words = [("al" if w in _ARTICLES and k + 1 < len(words) else w) for k, w in enumerate(words)]
    return " ".join(words)


def _is_latin(s: str) -> bool:
    for c in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(c) or c in " -'.,()’":
            continue
        if ord(c) > 0x24F or not (c.isalpha() or c.isdigit()):
            return False
    return True


def latin_alternates(name: str, alternates: Iterable[str], *, limit: int = 200) -> tuple[str, ...]:
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


def _bare(key: str) -> str:
    words = key.split()
    return " ".join(w for w in words if w != "al") or key


def spelling_variants(name: str, alternates: Iterable[str], *, threshold: float = 60.0) -> tuple[str, ...]:
    """The alternates that spell ``name`` differently ("Bint Jbeil" for "Bent Jbail") rather than
    give it another name (a historical or a neighbouring place's name: "Western" for Cuba City);
    for small places, whose other names are mostly such noise and false matches."""
    from rapidfuzz import fuzz

    base = _bare(normalize(name))
    return tuple(a for a in alternates if fuzz.ratio(base, _bare(normalize(a))) >= threshold)


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
    altnames: int = 0  # alternate names in the source, all scripts: a fame prior

    def to_tuple(self) -> tuple:
        return (self.geonameid, self.name, self.asciiname, "|".join(self.alternates), round(self.lat, 5),
                round(self.lon, 5), self.country, self.fclass, self.fcode, self.population, self.admin1,
                self.altnames)

    @classmethod
    def from_tuple(cls, t) -> "GazEntry":
        return cls(int(t[0]), t[1], t[2], tuple(a for a in (t[3] or "").split("|") if a), float(t[4]),
                   float(t[5]), t[6] or "", t[7], t[8], int(t[9] or 0), t[10] or "", int(t[11] or 0))

    def names(self) -> Iterator[str]:
        yield self.name
        if self.asciiname:
            yield self.asciiname
        yield from self.alternates


class Gazetteer:
    """Name index over gazetteer entries: ``Gazetteer.load`` opens a built SQLite file;
    ``Gazetteer(entries)`` indexes entries in memory (tests, small custom lists)."""

    def __init__(self, entries: Iterable[GazEntry] = (), *, version: str = "unversioned",
                 _db: Path | None = None, _size: int = 0):
        self.version = version
        self._db = _db
        self._local = threading.local()
        self._cache: dict[str, tuple[GazEntry, ...]] = {}
        if _db is None:
            parsed = list(entries)
            self._mem = {e.geonameid: e for e in parsed}
            self._index: dict[str, list[int]] = {}
            for e in parsed:
                for k in index_keys(e):
                    self._index.setdefault(k, []).append(e.geonameid)
            self._size = len(self._mem)
        else:
            self._mem = None
            self._index = None
            self._size = _size

    # the connection is opened lazily, per thread and per process (a forked worker opens its own)
    def _conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None or getattr(self._local, "pid", None) != os.getpid():
            try:
                c = sqlite3.connect(f"file:{self._db}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            except sqlite3.Error as e:
                raise DataError(f"gazetteer file {self._db} cannot be opened ({e}): rebuild it") from e
            self._local.conn, self._local.pid = c, os.getpid()
        return c

    def __getstate__(self):
        st = dict(self.__dict__)
        st["_local"] = None
        return st

    def __setstate__(self, st):
        self.__dict__.update(st)
        self._local = threading.local()

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        try:
            return self._conn().execute(sql, args).fetchall()
        except sqlite3.Error as e:
            raise DataError(f"gazetteer file {self._db} is unreadable ({e}): rebuild it") from e

    @property
    def entries(self) -> list[GazEntry]:
        return list(self.iter_entries())

    def iter_entries(self) -> Iterator[GazEntry]:
        if self._mem is not None:
            yield from self._mem.values()
            return
        for t in self._query(f"SELECT {', '.join(COLUMNS)} FROM places ORDER BY geonameid", ()):
            yield GazEntry.from_tuple(t)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Open a gazetteer directory (or its .sqlite file); None opens the shipped one."""
        p = Path(path) if path is not None else DEFAULT_DIR
        db = p / GAZ_FILE if p.is_dir() else p
        if not db.is_file():
            raise DataError(f"gazetteer file {db} is missing: rebuild it with "
                            f"'python scripts/build_gazetteer.py' or 'eventcoder gazetteer build'")
        version, size = "unknown", 0
        man = db.parent / MANIFEST
        if man.is_file():
            try:
                meta = json.loads(man.read_text(encoding="utf-8"))
                version = f"{meta.get('format_version')}:{meta.get('build_date')}"
                size = int(meta.get("entries") or 0)
                if meta.get("format_version") != FORMAT_VERSION:
                    raise DataError(f"gazetteer {db} has format {meta.get('format_version')}, this eventcoder "
                                    f"reads {FORMAT_VERSION}: rebuild the gazetteer")
            except (OSError, ValueError) as e:
                raise DataError(f"gazetteer manifest {man} is unreadable: rebuild the gazetteer") from e
        g = cls(version=version, _db=db.resolve(), _size=size)
        try:
            cols = [r[1] for r in g._query("PRAGMA table_info(places)", ())]
            if tuple(cols) != COLUMNS:
                raise DataError(f"{db} has columns {cols}, expected {list(COLUMNS)}: "
                                "rebuild the gazetteer with this version of eventcoder")
            count = g._query("SELECT count(*) FROM places", ())[0][0]
        except sqlite3.DatabaseError as e:
            raise DataError(f"gazetteer file {db} is unreadable ({e}): rebuild it") from e
        if size and count != size:
            raise DataError(f"{db} holds {count} entries, its {MANIFEST} says {size}: the file is "
                            f"truncated or was edited; rebuild the gazetteer")
        g._size = count
        log.info("opened gazetteer %s: %d entries", db, g._size)
        return g

    def _lookup_key(self, key: str) -> tuple[GazEntry, ...]:
        if self._mem is not None:
            return tuple(self._mem[i] for i in self._index.get(key, ()))
        rows = self._query(f"SELECT {', '.join('p.' + c for c in COLUMNS)} FROM names n JOIN places p "
                           "ON p.geonameid = n.geonameid WHERE n.key = ? ORDER BY p.geonameid", (key,))
        return tuple(GazEntry.from_tuple(t) for t in rows)

    def lookup(self, name: str) -> list[GazEntry]:
        """Entries whose name, ASCII name or alternate name matches ``name`` after normalisation."""
        key = normalize(name)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._lookup_key(key) if key else ()
            if not hit and key.startswith("the "):
                hit = self._lookup_key(key[4:])
            if not hit and any(w in _ABBREV for w in key.split()):
                # "St. Marc", "Mt Hood", "Ft. Worth": the abbreviation spelt out
                hit = self._lookup_key(" ".join(_ABBREV.get(w, w) for w in key.split()))
            if len(self._cache) < 100_000:
                self._cache[key] = hit
        return list(hit)

    def __contains__(self, name: str) -> bool:
        return bool(self.lookup(name))

    def get(self, geonameid: int) -> GazEntry | None:
        if self._mem is not None:
            return self._mem.get(geonameid)
        rows = self._query(f"SELECT {', '.join(COLUMNS)} FROM places WHERE geonameid = ?", (geonameid,))
        return GazEntry.from_tuple(rows[0]) if rows else None

    def __len__(self) -> int:
        return self._size


def index_keys(e: GazEntry) -> list[str]:
    """The normalised names an entry is found under (plus variants without a leading "the")."""
    keys = {normalize(n) for n in e.names()}
    for k in list(keys):
        if k.startswith("the "):
            keys.add(k[4:])
    keys.discard("")
    return sorted(keys)


def write_gazetteer(entries: Iterable[GazEntry], out_dir: str | Path, *, sources: dict) -> dict:
    """Write ``gazetteer.sqlite`` and ``manifest.json`` into ``out_dir``; returns the manifest."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = sorted(entries, key=lambda e: e.geonameid)
    counts: dict[str, int] = {}
    tmp = out / (GAZ_FILE + ".tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA page_size = 4096")
        con.execute("CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, asciiname TEXT, "
                    "alternates TEXT, lat REAL, lon REAL, country TEXT, fclass TEXT, fcode TEXT, "
                    "population INTEGER, admin1 TEXT, altnames INTEGER)")
        con.execute("CREATE TABLE names (key TEXT, geonameid INTEGER, PRIMARY KEY (key, geonameid)) WITHOUT ROWID")
        ph = ", ".join("?" * len(COLUMNS))
        con.executemany(f"INSERT INTO places VALUES ({ph})", (e.to_tuple() for e in entries))
        pairs = sorted({(k, e.geonameid) for e in entries for k in index_keys(e)})
        con.executemany("INSERT INTO names VALUES (?, ?)", pairs)
        for e in entries:
            counts[e.fclass] = counts.get(e.fclass, 0) + 1
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, out / GAZ_FILE)
    manifest = {
        "format_version": FORMAT_VERSION,
        "build_date": date.today().isoformat(),
        "file": GAZ_FILE,
        "columns": list(COLUMNS),
        "entries": len(entries),
        "names": len(pairs),
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
        raw_alts = f[3].split(",") if f[3] else []
        # a small place's other names are mostly noise: keep those that spell its name
        alts = latin_alternates(f[1], raw_alts if fclass != "P" or pop >= 100_000 else spelling_variants(f[1], raw_alts))
        entries[gid] = GazEntry(gid, f[1], f[2], alts, lat, lon, a3.get(f[8], ""), fclass, fcode, pop, "",
                                len(raw_alts))
    if overlay is None and (DEFAULT_DIR / GAZ_FILE).is_file():
        overlay = Gazetteer.load()
    if overlay is not None:
        for e in overlay.iter_entries():
            if e.geonameid < 0:
                entries[e.geonameid] = e
            elif e.geonameid in entries:
                old = entries[e.geonameid]
                extra = tuple(a for a in e.alternates if a not in old.alternates)
                entries[e.geonameid] = GazEntry(
                    old.geonameid, old.name, old.asciiname, old.alternates + extra, old.lat, old.lon,
                    old.country, old.fclass, old.fcode, old.population, old.admin1 or e.admin1,
                    max(old.altnames, e.altnames))
    log.info("GeoNames dump %s: kept %d entries, skipped %d malformed lines", p, len(entries), bad)
    return write_gazetteer(entries.values(), out_dir,
                           sources={"geonames_dump": p.name, "min_population": min_population,
                                    "overlay": overlay.version if overlay else None})
