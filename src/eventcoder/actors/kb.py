"""The actor knowledge base: people, organisations, countries and role words.

The shipped files live in ``eventcoder/data/kb`` (built by
``scripts/build_kb.py``, format in ``docs/kb-format.md``). Users can add
entity, country and role lines of the same format with ``extra=`` or the
``EVENTCODER_KB_EXTRA`` environment variable (paths separated by
``os.pathsep``; a folder means every ``*.jsonl``/``*.jsonl.gz`` in it).
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import re
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from eventcoder.errors import DataError
from eventcoder.actors import fuzzy as _fuzzy_module
from eventcoder.actors import names as _names_module
from eventcoder.actors.names import normalise as name_key
from eventcoder.actors.names import tokens as name_tokens
from eventcoder.loading import cached, paused_gc

__all__ = ["FORMAT_VERSION", "SECTORS", "ROLES", "Office", "KBEntity", "Country", "Role", "KnowledgeBase",
           "normalise", "DEFAULT_KB_DIR", "EXTRA_ENV"]

log = logging.getLogger(__name__)

FORMAT_VERSION = "1.0"
DEFAULT_KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
EXTRA_ENV = "EVENTCODER_KB_EXTRA"
from eventcoder.actors.vocab import KINDS, ROLES, SECTORS  # noqa: F401  (re-exported)

_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
_SEP = re.compile(r"[-\u2010-\u2015/]")


def normalise(text: str) -> str:
    """Lookup key: NFKD without accents, casefolded, punctuation dropped, spaces collapsed.

    Hyphens and slashes become spaces ("Thomas-Greenfield" = "thomas greenfield");
    apostrophes and dots vanish ("U.S." = "us", "Sa'ar" = "saar").
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SEP.sub(" ", text.casefold())
    return " ".join(_PUNCT.sub("", text).split())


@lru_cache(maxsize=65536)  # office dates and document dates recur: the resolver asks millions of times
def _date_key(date: str, end: bool) -> str:
    """Pad a partial ISO date so that string comparison works ("2024" -> "2024-00-00" / "2024-99-99")."""
    pad = "-99-99" if end else "-00-00"
    return date + pad[len(date) - 4:] if len(date) < 10 else date


def date_keys(date: str) -> tuple[str, str, str | None]:
    """(latest key, earliest key, day) of a document date, for ``_held``."""
    return _date_key(date, end=True), _date_key(date, end=False), date[:10] if len(date) >= 10 else None


def _held(bounds: tuple, keys: tuple) -> bool:
    """Whether an office of these ``Office.date_bounds`` may be held at a date of these
    ``date_keys``: it does not start after the date, nor end before it (on its end day it is
    over: handovers; partial dates compared at their precision)."""
    lo, hi, end_day = bounds
    d_hi, d_lo, day = keys
    if lo is not None and d_hi < lo:
        return False
    if end_day is not None and day is not None:
        return day < end_day
    return hi is None or d_lo <= hi


@dataclass(frozen=True)
class Office:
    title: str
    role: str | None
    country: str | None
    sector: str | None
    start: str | None
    end: str | None

    def active_on(self, date: str | None) -> bool | None:
        """True when the office was held on ``date`` (ISO, any precision); None when unknown.

        The start day counts as in office, the end day does not (handovers).
        Partial dates are compared at their precision: an office held until
        "2024" is active on any day of 2024 unless the date is known to be later.
        """
        if not date:
            return None
        if self.start is None and self.end is None:
            return None
        return _held(self.date_bounds, date_keys(date))

    @cached_property
    def date_bounds(self) -> tuple[str | None, str | None, str | None]:
        """(start key, end key, end day) that ``active_on`` compares, worked out once."""
        return (_date_key(self.start, end=False) if self.start else None,
                _date_key(self.end, end=True) if self.end else None,
                self.end if self.end and len(self.end) == 10 else None)

    @classmethod
    def from_json(cls, d: dict) -> "Office":
        return cls(title=d.get("title") or "", role=d.get("role"), country=d.get("country"),
                   sector=d.get("sector"), start=d.get("start"), end=d.get("end"))


@dataclass(frozen=True)
class KBEntity:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    offices: tuple[Office, ...]
    source: str

    @property
    def qid(self) -> str | None:
        return self.id if re.fullmatch(r"Q\d+", self.id) else None

    def offices_on(self, date: str | None) -> list[Office]:
        """Offices held on ``date`` (all offices of unknown activity when date is None)."""
        return [o for o in self.offices if o.active_on(date) is not False]

    @classmethod
    def from_json(cls, d: dict) -> "KBEntity":
        return cls(id=d["id"], name=d["name"], aliases=tuple(d.get("aliases") or ()), kind=d.get("kind") or "person",
                   country=d.get("country"), sector=d.get("sector"),
                   offices=tuple(Office.from_json(o) for o in d.get("offices") or ()), source=d.get("source") or "")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]

    @classmethod
    def from_json(cls, d: dict) -> "Country":
        return cls(code=d["code"], name=d["name"], **{k: tuple(d.get(k) or ()) for k in
                   ("aliases", "adjectives", "demonyms", "capitals", "seats")})


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str | None
    role: str | None


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        yield n, json.loads(line)
                    except json.JSONDecodeError as e:
                        raise DataError(f"{path}:{n}: not valid JSON ({e.msg}); fix or remove the line") from e
    except (OSError, EOFError, zlib.error) as e:  # gzip's errors on a truncated or corrupt file
        raise DataError(f"cannot read knowledge base file {path}: {e}; the file is truncated or corrupt: "
                        f"rebuild or reinstall the knowledge base") from e
    except UnicodeDecodeError as e:
        raise DataError(f"knowledge base file {path} is not UTF-8 ({e.reason} at byte {e.start}); "
                        f"the file is corrupt: rebuild or reinstall the knowledge base") from e


def _check_count(path: Path, read: int, expected) -> None:
    """A shipped file holds as many records as its manifest says (a file cut at a line
    boundary is still valid JSON lines)."""
    if isinstance(expected, int) and read != expected:
        raise DataError(f"{path} holds {read} records, its manifest.json says {expected}: the file is "
                        f"truncated or was edited; rebuild or reinstall the knowledge base")


def _find(folder: Path, stem: str) -> Path | None:
    for name in (f"{stem}.jsonl.gz", f"{stem}.jsonl"):
        if (folder / name).is_file():
            return folder / name
    return None


def _capitalised(text: str) -> bool:
    """Whether a name is written as a name: its first letter, after a leading "the", is upper case."""
    t = text.strip()
    if t[:4].lower() == "the ":
        t = t[4:].lstrip()
    first = next((ch for ch in t if ch.isalpha()), "")
    return bool(first) and first.isupper()


class KnowledgeBase:
    """Entities, countries and role phrases with lookup indices built once at load."""

    def __init__(self, entities: Iterable[KBEntity], countries: Iterable[Country], roles: Iterable[Role],
                 version: str = "unversioned") -> None:
        self.version = version
        self.entities: list[KBEntity] = list(entities)
        self._countries: dict[str, Country] = {}
        for c in countries:
            self._countries[c.code] = c
        self._roles: dict[str, Role] = {}
        for r in roles:
            self._roles[r.phrase.casefold()] = r
        self._index()

    # ---------------------------------------------------------------- loading
    @classmethod
    @paused_gc()  # about 100,000 small acyclic objects: see eventcoder/loading.py
    def load(cls, path: str | Path | None = None, extra: Iterable[str | Path] | None = None,
             *, use_env: bool = True) -> "KnowledgeBase":
        """Load a KB folder (None = the shipped one) plus user files.

        ``extra`` and ``$EVENTCODER_KB_EXTRA`` (``os.pathsep``-separated; folders
        expand to their ``*.jsonl``/``*.jsonl.gz``) name JSONL files whose lines
        are entities (have ``id``), countries (have ``code``, no ``id``) or
        roles (have ``phrase``). An extra entity with the id of a shipped one
        replaces it; an extra country or role replaces the one of that code or phrase.
        With ``use_env`` (the default) the user's own folder (``eventcoder kb add`` and
        ``eventcoder kb build``, see ``userkb.user_kb_dir``) is merged first and
        ``$EVENTCODER_KB_EXTRA`` is read; ``use_env=False`` ignores both.
        """
        folder = Path(path) if path is not None else DEFAULT_KB_DIR
        if not folder.is_dir():
            raise DataError(f"knowledge base folder {folder} does not exist; build it with "
                            "`python scripts/build_kb.py --sources ../shared/kb-sources`")
        version = "unversioned"
        manifest = folder / "manifest.json"
        counts: dict = {}
        if manifest.is_file():
            try:
                m = json.loads(manifest.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                raise DataError(f"{manifest} is not valid JSON; rebuild the knowledge base") from e
            if not isinstance(m, dict):
                raise DataError(f"{manifest} is not a KB manifest (a JSON object); rebuild the knowledge base")
            counts = m.get("counts") if isinstance(m.get("counts"), dict) else {}
            fmt = str(m.get("format_version", ""))
            if fmt.split(".")[0] != FORMAT_VERSION.split(".")[0]:
                raise DataError(f"{folder} has KB format {fmt!r}, this eventcoder reads {FORMAT_VERSION}; rebuild it")
            version = f"{fmt}+{m.get('build_date', 'unknown')}"
        ent_path = _find(folder, "entities")
        if ent_path is None:
            raise DataError(f"{folder} has no entities.jsonl(.gz); rebuild the knowledge base")
        sources = {stem: _find(folder, stem) for stem in ("countries", "roles")}
        for stem, p in sources.items():
            if p is None:
                raise DataError(f"{folder} has no {stem}.jsonl; rebuild the knowledge base")
        extra_paths: list[Path] = []
        if use_env:  # the user's folder (eventcoder kb add / kb build), under explicit extras and $EVENTCODER_KB_EXTRA
            from .userkb import user_kb_files

            extra_paths += user_kb_files()
        extra_paths += [Path(p) for p in (extra or ())]
        if use_env and os.environ.get(EXTRA_ENV):
            extra_paths += [Path(p) for p in os.environ[EXTRA_ENV].split(os.pathsep) if p]
        extra_files = cls._expand(extra_paths)

        def build() -> "KnowledgeBase":
            return cls._build(ent_path, sources, extra_files, counts, version)

        if folder.resolve() == DEFAULT_KB_DIR.resolve():  # the shipped one: read back from the load cache
            # This module is part of the key: the pickle holds its classes as they were when it was written.
            files = [p for p in (manifest, ent_path, *sources.values(), *extra_files) if p.is_file()]
            files += [Path(__file__), Path(_names_module.__file__), Path(_fuzzy_module.__file__)]  # what _index uses
            kb = cached("kb", files, build)
        else:
            kb = build()
        log.info("loaded knowledge base %s: %d entities, %d countries, %d roles", kb.version,
                 len(kb.entities), len(kb._countries), len(kb._roles))
        return kb

    @classmethod
    def _build(cls, ent_path: Path, sources: dict[str, Path], extra_files: list[Path], counts: dict,
               version: str) -> "KnowledgeBase":
        """Read and index the files (``load`` has checked that they exist)."""
        entities: dict[str, KBEntity] = {}
        countries: list[Country] = []
        roles: list[Role] = []
        read = 0
        for n, d in _read_jsonl(ent_path):
            e = cls._entity(d, ent_path, n)
            entities[e.id] = e
            read += 1
        _check_count(ent_path, read, counts.get("entities"))
        for stem, sink in (("countries", countries), ("roles", roles)):
            p = sources[stem]
            for n, d in _read_jsonl(p):
                sink.append(cls._country(d, p, n) if stem == "countries" else cls._role(d, p, n))
            _check_count(p, len(sink), counts.get(stem))
        for p in extra_files:
            for n, d in _read_jsonl(p):
                if "id" in d:
                    e = cls._entity(d, p, n)
                    entities[e.id] = e
                elif "phrase" in d:
                    roles.append(cls._role(d, p, n))
                elif "code" in d:
                    countries.append(cls._country(d, p, n))
                else:
                    raise DataError(f"{p}:{n}: a KB line needs 'id' (entity), 'code' (country) or 'phrase' (role)")
            version += f"+{p.name}"
        return cls(entities.values(), countries, roles, version=version)

    @staticmethod
    def _expand(paths: list[Path]) -> list[Path]:
        out = []
        for p in paths:
            if p.is_dir():
                out += sorted(q for q in p.iterdir() if q.name.endswith((".jsonl", ".jsonl.gz")))
            elif p.is_file():
                out.append(p)
            else:
                raise DataError(f"extra knowledge base file {p} does not exist (from extra= or ${EXTRA_ENV})")
        return out

    @staticmethod
    def _entity(d: dict, path: Path, n: int) -> KBEntity:
        try:
            e = KBEntity.from_json(d)
        except (KeyError, TypeError, AttributeError) as err:
            raise DataError(f"{path}:{n}: malformed entity ({err!r}); it needs id and name") from err
        if e.kind not in KINDS:
            raise DataError(f"{path}:{n}: unknown kind {e.kind!r}; use one of {sorted(KINDS)}")
        return e

    @staticmethod
    def _country(d: dict, path: Path, n: int) -> Country:
        try:
            return Country.from_json(d)
        except (KeyError, TypeError) as err:
            raise DataError(f"{path}:{n}: malformed country ({err!r}); it needs code and name") from err

    @staticmethod
    def _role(d: dict, path: Path, n: int) -> Role:
        if not isinstance(d.get("phrase"), str):
            raise DataError(f"{path}:{n}: a role needs a string 'phrase'")
        return Role(phrase=d["phrase"].casefold(), sector=d.get("sector"), role=d.get("role"))

    # ---------------------------------------------------------------- indices
    def _index(self) -> None:
        by_name: dict[str, list[int]] = defaultdict(list)
        by_surname: dict[str, list[int]] = defaultdict(list)
        by_person_name: dict[str, list[int]] = defaultdict(list)  # under names.normalise, the resolver's key
        by_role: dict[str, list[int]] = defaultdict(list)
        by_role_country: dict[tuple[str, str], list[int]] = defaultdict(list)
        names: list[tuple[str, int]] = []
        for i, e in enumerate(self.entities):
            keys = dict.fromkeys(k for k in (normalise(n) for n in (e.name, *e.aliases)) if k)
            for k in keys:
                by_name[k].append(i)
                names.append((k, i))
            if e.kind == "person":
                for last in dict.fromkeys(k.split()[-1] for k in keys):
                    by_surname[last].append(i)
                for k in dict.fromkeys(name_key(n) for n in (e.name, *e.aliases)):
                    by_person_name[k].append(i)
            for r in dict.fromkeys(o.role for o in e.offices if o.role):
                by_role[r].append(i)
            for rc in dict.fromkeys((o.role, o.country) for o in e.offices if o.role and o.country):
                by_role_country[rc].append(i)
        self._by_name, self._by_surname, self._by_role, self._names = by_name, by_surname, by_role, names
        self._by_role_country = by_role_country
        self._by_person_name = dict(by_person_name)
        self._country_names: dict[str, str] = {}
        self._country_places: dict[str, str] = {}
        self._country_cache: dict[str, Country | None] = {}
        self._capital_cache: dict[str, Country | None] = {}
        self._office_cache: dict[tuple, tuple[KBEntity, ...]] = {}  # by_office's answers
        self._holders_cache: dict[tuple, list] = {}  # (role, country) -> holders and their offices
        self._role_cache: dict[str, Role | None] = {}  # role's answers
        self._by_name_cache: dict[str, list[int]] = {}  # written name -> by_name's indices
        for c in self._countries.values():
            # Not the bare ISO code: "AND", "PER", "CAN" are words too (explicit aliases such as "USA" stay).
            for n in (c.name, *c.aliases, *c.adjectives, *c.demonyms):
                self._country_names.setdefault(normalise(n), c.code)
            for n in (*c.capitals, *c.seats):
                k = normalise(n)
                self._country_places.setdefault(k, c.code)
                if k.startswith("the "):
                    self._country_places.setdefault(k[4:], c.code)
        for c in self._countries.values():  # a country's own name wins over another's alias or adjective
            self._country_names[normalise(c.name)] = c.code
        # Built here, with the rest, so that the load cache keeps them (0.1-0.2 s each to rebuild).
        firsts = set()  # see country_first_words
        for k in (*self._country_names, *self._country_places):
            parts = k.split()
            if parts:
                firsts.add(parts[0])
                if parts[0] == "the" and len(parts) > 1:
                    firsts.add(parts[1])
        self._country_first_words = frozenset(firsts)
        self._org_first_words = frozenset(
            key[0] for e in self.entities if e.kind != "person" for n in (e.name, *e.aliases)
            if (key := normalise(n).split()))
        self._name_pools = _fuzzy_module.name_pools(self)
        given = set()
        for e in self.entities:
            if e.kind == "person":
                for n in (e.name, *e.aliases):
                    t = name_tokens(n)
                    if len(t) > 1:
                        given.add(t[0])
        self._given_names = frozenset(t for t in given if self.role(t) is None)

    # ---------------------------------------------------------------- lookups
    def by_name(self, name: str) -> list[KBEntity]:
        """Entities whose normalised name or alias equals the normalised ``name``."""
        try:
            idx = self._by_name_cache[name]  # the same words are asked for again and again
        except KeyError:
            if len(self._by_name_cache) >= 100_000:
                self._by_name_cache.clear()  # bounded, so memory stays flat on a long stream
            idx = self._by_name_cache[name] = self._by_name.get(normalise(name), ())
        return [self.entities[i] for i in idx]

    def name_pools(self) -> dict:
        """The fuzzy name pools of ``actors.fuzzy.name_pools``."""
        return self._name_pools

    def given_names(self) -> frozenset[str]:
        """First words of the names of the people (names of two words or more), except role words."""
        return self._given_names

    def people_named(self, key: str) -> list[int]:
        """Indices of the persons with a name or alias whose ``names.normalise`` form is ``key``."""
        return self._by_person_name.get(key, [])

    def by_surname(self, surname: str) -> list[KBEntity]:
        """Persons whose name or an alias ends with ``surname`` (its last token when several are given)."""
        toks = normalise(surname).split()
        return [self.entities[i] for i in self._by_surname.get(toks[-1], ())] if toks else []

    def by_office(self, role: str, country: str | None = None, date: str | None = None) -> list[KBEntity]:
        """Entities holding an office of ``role`` (in ``country``; active on ``date`` or of unknown activity)."""
        key = (role, country, date)
        hit = self._office_cache.get(key)
        if hit is None:
            if len(self._office_cache) >= 100_000:
                self._office_cache.clear()  # bounded, so memory stays flat on a long stream
            holders = self._office_holders(role, country)
            if not date:
                hit = tuple(e for e, _ in holders)
            else:
                keys = date_keys(date)
                hit = tuple(e for e, bounds in holders if any(_held(b, keys) for b in bounds))
            self._office_cache[key] = hit
        return list(hit)

    def _office_holders(self, role: str, country: str | None) -> list[tuple[KBEntity, tuple]]:
        """(entity, the date bounds of its offices of ``role`` in ``country``) for every holder, in KB
        order: what ``by_office`` filters by date (a new date per document, so its own cache seldom
        hits). The bounds are each office's ``Office.date_bounds``: ``_held`` on them is
        ``active_on(date) is not False``."""
        key = (role, country)
        hit = self._holders_cache.get(key)
        if hit is None:
            pool = self._by_role.get(role, ()) if country is None else self._by_role_country.get(key, ())
            hit = self._holders_cache[key] = [
                (self.entities[i], tuple(o.date_bounds for o in offices))
                for i in pool
                if (offices := tuple(o for o in self.entities[i].offices
                                     if o.role == role and (country is None or o.country == country)))]
        return hit

    def country(self, code: str) -> Country | None:
        return self._countries.get(code.upper()) if code else None

    def countries(self) -> list[Country]:
        return list(self._countries.values())

    def country_by_name(self, text: str) -> Country | None:
        """Country by name, alias, adjective or demonym ("Ukrainian", "Britain", "the U.S.").

        Names are capitalised: a lower-case word ("us", "turkey", "chad") is not a country."""
        return self._lookup_country(self._country_names, self._country_cache, text)

    def country_by_capital(self, text: str) -> Country | None:
        """Country whose capital or seat of power this is ("Moscow", "the Kremlin", "Downing Street")."""
        return self._lookup_country(self._country_places, self._capital_cache, text)

    def _lookup_country(self, table: dict[str, str], cache: dict, text: str) -> Country | None:
        """One lookup in a name table (a leading "the" optional), cached: the resolver asks
        for the same words thousands of times in a long document."""
        try:
            return cache[text]
        except KeyError:
            pass
        found = None
        if _capitalised(text):
            k = normalise(text)
            code = table.get(k) or (table.get(k[4:]) if k.startswith("the ") else None)
            found = self._countries.get(code) if code else None
        if len(cache) > 100_000:
            cache.clear()
        cache[text] = found
        return found

    def org_first_words(self) -> frozenset[str]:
        """The first words of every organisation's name and alias, normalised as ``by_name``
        normalises: a phrase whose first word is none of these names no organisation."""
        return self._org_first_words

    def country_first_words(self) -> frozenset[str]:
        """The first words of every country name, adjective, demonym, capital and seat (and the
        word after a leading "the"), normalised: a phrase whose first word is none of these
        names no country (``country_by_name`` and ``country_by_capital`` would answer None)."""
        return self._country_first_words

    def role(self, phrase: str) -> Role | None:
        try:
            return self._role_cache[phrase]  # the resolver asks for the same words again and again
        except KeyError:
            pass
        if len(self._role_cache) >= 100_000:
            self._role_cache.clear()  # bounded, so memory stays flat on a long stream
        found = self._role_cache[phrase] = self._roles.get(_SPACE.sub(" ", phrase.casefold().strip()))
        return found

    def roles(self) -> list[Role]:
        return list(self._roles.values())

    def all_names(self) -> list[tuple[str, int]]:
        """(normalised name or alias, index into ``entities``) for fuzzy indices."""
        return list(self._names)
