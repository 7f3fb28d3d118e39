"""Knowledge-base entities from a Wikidata JSON dump (``latest-all.json[.gz|.bz2]``).

The dump is a JSON array with one entity a line (lines end with ","). The
builder streams it twice and never holds it in memory:

1. every line that can matter (a cheap byte test for ``"P39"``, ``"P298"``,
   ``"Q82955"`` or one of the class QIDs below; everything else is skipped
   unparsed) is parsed; countries' ISO codes (P298) and IGO ids are kept in
   small dicts, and the entities to keep are written in a compact form to a
   temporary file next to the output, collecting the ids of the positions
   (P39) they held;
2. the positions needed are read (label, P1001 jurisdiction, P17 country,
   P31/P279 classes), stopping as soon as all are found;

then the temporary file is resolved into KB entity lines (docs/kb-format.md).
Memory is bounded by what is kept: a few hundred countries, the IGO ids and
the needed positions.

What is kept, and how (``ORG_CLASSES`` can be overridden with ``classes=``):

* persons (P31 Q5) with a P39 "position held" statement or the occupation
  politician (P106 Q82955); each P39 becomes an office with its P580 start
  and P582 end qualifiers, the position's English label as title (a trailing
  "of <country>" dropped), a role from the title (``role_for_title``) and a
  sector (``sector_for_position``: GOV unless the title or the position's
  classes say legislature, court, armed forces, police, intelligence,
  religion; IGO for positions of an IGO);
* states: P31 sovereign state (Q3624078) or country (Q6256) with a P298 code;
* organisations whose P31 is in ``ORG_CLASSES``: political parties (PTY),
  parliaments (LEG), government agencies and ministries (GOV; police,
  intelligence and armed-forces names get COP, SPY, MIL), police (COP),
  international and intergovernmental organisations (``igo``, code IGO; an
  NGO among them gets code and sector NGO), armed and terrorist organisations
  (``armed_group``, REB, code of their single P17 country, else IMG).

Countries (P27 citizenship, P17 country, a position's P1001 or P17) become
ISO alpha-3 codes through the P298 claims of the country entities.
"""
from __future__ import annotations

import bz2
import gzip
import json
import logging
import os
import re
import tempfile
import time
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterator, Mapping

from eventcoder.actors.kb import normalise
from eventcoder.errors import DataError, InputError

__all__ = ["BuildReport", "build_from_wikidata_dump", "role_for_title", "sector_for_position",
           "ORG_CLASSES", "STATE_CLASSES", "POSITION_CLASSES"]

log = logging.getLogger(__name__)

HUMAN, POLITICIAN, NGO_CLASS = "Q5", "Q82955", "Q79913"
STATE_CLASSES = frozenset({"Q3624078", "Q6256"})  # sovereign state, country
#: P31 class -> (kind, sector), in priority order (the first class an entity has wins).
ORG_CLASSES: dict[str, tuple[str, str | None]] = {
    "Q17149090": ("armed_group", "REB"),  # armed organisation
    "Q17127659": ("armed_group", "REB"),  # terrorist organisation
    "Q245065": ("igo", "IGO"),  # intergovernmental organisation
    "Q484652": ("igo", "IGO"),  # international organisation
    "Q7278": ("organisation", "PTY"),  # political party
    "Q35749": ("organisation", "LEG"),  # parliament
    "Q35535": ("organisation", "COP"),  # police
    "Q192350": ("organisation", "GOV"),  # ministry
    "Q327333": ("organisation", "GOV"),  # government agency
}
#: Classes (P31/P279) of a position -> (role, sector) used when its title says nothing.
POSITION_CLASSES: dict[str, tuple[str, str]] = {
    "Q48352": ("head_of_state", "GOV"), "Q2285706": ("head_of_government", "GOV"),
    "Q83307": ("minister", "GOV"), "Q121998": ("envoy", "GOV"), "Q30185": ("mayor", "GOV"),
    "Q132050": ("governor", "GOV"), "Q486839": ("legislator", "LEG"), "Q4175034": ("legislator", "LEG"),
    "Q16533": ("judge", "JUD"), "Q189290": ("military_commander", "MIL"),
}
OLD_ISO = {"SUN": "RUS", "YUG": "SRB", "SCG": "SRB", "CSK": "CZE", "DDR": "DEU", "ZAR": "COD",
           "BUR": "MMR", "TMP": "TLS"}
KOSOVO = ("Q1246", "XKX")  # Kosovo has no ISO 3166-1 code
PERSON_LABEL_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl")  # Latin-script spellings of names
_PROGRESS_EVERY = 10_000

ROLE_RULES = [  # (regex on the lower-cased title, role); first match wins; as in scripts/build_kb.py
    (r"\b(deputy|vice)\b.*\bforeign\b|\bdeputy secretary of state\b", "deputy_foreign_minister"),
    (r"spokes|press secretary|strategic communications", "spokesperson"),
    (r"envoy|ambassador|permanent representative|special representative|emissary", "envoy"),
    (r"\bhigh representative\b.*foreign", "igo_foreign_policy_chief"),
    (r"general staff|joint chiefs|commander|chief of (the )?(army|naval|air|defen)|chief of staff of the "
     r"(army|navy|air)|army chief", "military_commander"),
    (r"chief of staff|head of the (presidential )?office of the president", "chief_of_staff"),
    (r"\bcourt\b|\bjudge\b|\bjustice\b(?! minister)|prosecutor", "judge"),
    (r"secretary[- ]general|director[- ]general|managing director|high commissioner|executive director|"
     r"chairperson of the african union|president of the (european|world bank|united nations general)", "igo_head"),
    (r"\b(deputy|vice|first deputy)\b", "other"),
    (r"foreign affairs|external affairs|external relations|foreign secretary|foreign minister|"
     r"^(united states )?secretary of state$|international relations", "foreign_minister"),
    (r"defen[cs]e|armed forces|secretary of war", "defence_minister"),
    (r"interior|home affairs|home secretary|homeland security|internal affairs", "interior_minister"),
    (r"finance|treasury|exchequer", "finance_minister"),
    (r"prime minister|premier|^chancellor( of (germany|austria))?$|head of government|taoiseach|state counsellor",
     "head_of_government"),
    (r"^(president|king|queen|emir|sultan|monarch|supreme leader|pope)\b|head of state|chairman of the presidential",
     "head_of_state"),
    (r"governor", "governor"),
    (r"mayor", "mayor"),
    (r"speaker|senator|member of (the )?parliament|legislat|member of the .*(duma|assembly|congress|senate|"
     r"house|bundestag|chamber|rada|sejm|knesset|majlis)", "legislator"),
    (r"\bleader of\b.*(party)|party leader|general secretary", "party_leader"),
    (r"minister|^secretary of|secretary of state for", "minister"),
]
_ROLE_RES = [(re.compile(p), r) for p, r in ROLE_RULES]
_SECTOR_RES = [(re.compile(p), s) for p, s in (
    (r"\bcourt\b|\bjudge\b|prosecutor|chief justice|\bjustice of\b", "JUD"),
    (r"intelligence|security service", "SPY"),
    (r"\bpolice\b|gendarmerie", "COP"),
    # ranks, not "Secretary-General of" or "Attorney General of"; the services, not their
    # civilian secretaries ("Secretary of the Navy" is GOV)
    (r"general staff|joint chiefs|chief of staff of the (army|navy|air)|commander|"
     r"^((lieutenant|major|brigadier)[- ])?general\b|\bgeneral of the (army|armies|air force)\b|"
     r"^(?!.*\b(secretary|minister|ministry|department)\b).*\b(army|navy|air force|armed forces)\b", "MIL"),
    (r"speaker|senator|parliament|legislat|member of the .*(duma|assembly|congress|senate|house|bundestag|"
     r"chamber|rada|sejm|knesset|majlis)", "LEG"),
    (r"\b(bishop|archbishop|pope|cardinal|patriarch|imam|rabbi|mufti|ayatollah|abbot|priest)\b", "REL"),
)]
_ORG_SECTOR_RES = [(re.compile(p), s) for p, s in (
    (r"\bpolice\b|gendarmerie|national guard", "COP"), (r"intelligence|security service", "SPY"),
    (r"\b(army|navy|air force|armed forces|military)\b", "MIL"))]
_PAREN = re.compile(r"\s+\([^)]*\)$")
_LINE_ID = re.compile(rb'"id"\s*:\s*"([QP]\d+)"')
_TIME = re.compile(r"^([+-])(\d+)-(\d\d)-(\d\d)")


def role_for_title(title: str) -> str:
    """The KB office role of a position title (``other`` when no rule matches)."""
    t = title.lower().strip()
    for rx, role in _ROLE_RES:
        if rx.search(t):
            return role
    return "other"


def sector_for_position(title: str, classes: frozenset[str] | set[str] = frozenset(), default: str = "GOV") -> str:
    """The sector of a position: from its title, else its classes, else ``default`` (GOV)."""
    t = title.lower()
    for rx, sector in _SECTOR_RES:
        if rx.search(t):
            return sector
    for c in classes:
        if c in POSITION_CLASSES:
            return POSITION_CLASSES[c][1]
    return default


@dataclass(frozen=True)
class BuildReport:
    """What a build read, kept and skipped; ``index_sizes`` are the builder's in-memory dicts."""

    dump: Path
    out_path: Path
    entities_read: int
    kept: int
    kept_by_kind: dict[str, int]
    skipped: dict[str, int]  # reason -> count (irrelevant, malformed, no_label, state_without_code, not_item)
    offices: int
    offices_unresolved: int  # P39 positions absent from the dump or without a label
    index_sizes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.kept_by_kind.items())) or "none"
        skipped = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items()) if v) or "none"
        return (f"read {self.entities_read} entities, kept {self.kept} ({kinds}), {self.offices} offices "
                f"({self.offices_unresolved} unresolved), skipped {self.skipped_total} ({skipped}) "
                f"in {self.seconds:.1f} s -> {self.out_path}")


# ---------------------------------------------------------------- reading the dump

def _open_dump(path: Path) -> IO[bytes]:
    try:
        with open(path, "rb") as f:
            magic = f.read(3)
        if magic[:2] == b"\x1f\x8b":
            return gzip.open(path, "rb")
        if magic == b"BZh":
            return bz2.open(path, "rb")
        return open(path, "rb")
    except OSError as e:
        raise InputError(f"cannot read the Wikidata dump {path}: {e.strerror or e}") from e


def _lines(path: Path) -> Iterator[bytes]:
    """The entity lines of a dump (array brackets, blank lines and trailing commas removed)."""
    try:
        with _open_dump(path) as f:
            for raw in f:
                line = raw.strip()
                if line.endswith(b","):
                    line = line[:-1]
                if line and line not in (b"[", b"]"):
                    yield line
    except (OSError, EOFError, zlib.error) as e:  # truncated or corrupt compressed stream
        raise InputError(f"{path}: the dump is truncated or corrupt ({e}); download it again") from e


def _statements(ent: dict, prop: str) -> list[dict]:
    """Non-deprecated statements of ``prop``, preferred ones first."""
    sts = [s for s in (ent.get("claims") or {}).get(prop) or () if s.get("rank") != "deprecated"]
    return sorted(sts, key=lambda s: s.get("rank") != "preferred")


def _item(snak: dict | None) -> str | None:
    dv = (snak or {}).get("datavalue") or {}
    v = dv.get("value")
    if dv.get("type") != "wikibase-entityid" or not isinstance(v, dict):
        return None
    return v.get("id") or (f"Q{v['numeric-id']}" if "numeric-id" in v else None)


def _items(ent: dict, prop: str) -> list[str]:
    return [q for q in (_item(s.get("mainsnak")) for s in _statements(ent, prop)) if q]


def _string(snak: dict | None) -> str | None:
    dv = (snak or {}).get("datavalue") or {}
    return dv.get("value") if dv.get("type") == "string" and isinstance(dv.get("value"), str) else None


def _time(snak: dict | None) -> str | None:
    """An ISO date at the snak's precision (year 9, month 10, day 11); None when unknown or coarser."""
    dv = (snak or {}).get("datavalue") or {}
    v = dv.get("value")
    if dv.get("type") != "time" or not isinstance(v, dict):
        return None
    m = _TIME.match(v.get("time") or "")
    if not m or m.group(1) == "-" or not 1 <= int(m.group(2)) <= 9999:
        return None
    year, month, day, precision = f"{int(m.group(2)):04d}", m.group(3), m.group(4), v.get("precision", 11)
    if precision >= 11 and day != "00" and month != "00":
        return f"{year}-{month}-{day}"
    if precision >= 10 and month != "00":
        return f"{year}-{month}"
    return year if precision >= 9 else None


def _qualifier(statement: dict, prop: str, read: Callable) -> str | None:
    for snak in (statement.get("qualifiers") or {}).get(prop) or ():
        value = read(snak)
        if value:
            return value
    return None


def _latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _label(ent: dict, languages: tuple[str, ...]) -> str | None:
    labels = ent.get("labels") or {}
    for lang in languages:
        v = (labels.get(lang) or {}).get("value")
        if v:
            return v
    return None


def _names(ent: dict, languages: tuple[str, ...], person: bool) -> tuple[str | None, list[str]]:
    """(canonical name, aliases): the first language's Wikipedia title (disambiguator dropped), else its label."""
    title = ((ent.get("sitelinks") or {}).get(f"{languages[0]}wiki") or {}).get("title")
    name = _PAREN.sub("", title) if title else _label(ent, languages)
    if not name:
        return None, []
    labels, aliases = ent.get("labels") or {}, ent.get("aliases") or {}
    cands = [(labels.get(lang) or {}).get("value") for lang in languages]
    cands += [a.get("value") for lang in languages for a in aliases.get(lang) or ()]
    if person:
        cands += [v for v in ((labels.get(lang) or {}).get("value") for lang in PERSON_LABEL_LANGUAGES
                              if lang not in languages) if v and _latin(v)]
    seen, out = {normalise(name)}, []
    for a in cands:
        if not a or (person and "," in a):
            continue
        key = normalise(a)
        if len(key) < (3 if person else 2) or key in seen or not any(ch.isalpha() for ch in key):
            continue
        seen.add(key)
        out.append(a.strip())
    return name, out


# ---------------------------------------------------------------- the build

class _Builder:
    def __init__(self, dump: Path, languages: tuple[str, ...], classes: Mapping[str, tuple[str, str | None]],
                 progress: Callable[[str, int], None] | None) -> None:
        self.dump, self.languages, self.classes, self.progress = dump, languages, dict(classes), progress
        self.alpha3: dict[str, str] = {}  # country QID -> ISO alpha-3
        self.country_names: dict[str, list[str]] = {}  # country QID -> label and aliases (to trim titles)
        self.special: dict[str, str] = {}  # IGO / NGO QID -> "IGO" / "NGO"
        self._labels_by_code: dict[str, list[str]] | None = None
        self.needed: set[str] = set()  # position QIDs held by kept persons
        self.positions: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]]] = {}
        self.read = 0
        self.skipped = dict.fromkeys(("irrelevant", "malformed", "not_item", "no_label", "state_without_code"), 0)
        self.markers = (b'"P39"', b'"P298"', b'"' + POLITICIAN.encode() + b'"',
                        *(b'"' + q.encode() + b'"' for q in (*self.classes, *STATE_CLASSES)))

    def _tick(self, phase: str, n: int) -> None:
        if self.progress is not None and n % _PROGRESS_EVERY == 0:
            self.progress(phase, n)

    def _parse(self, line: bytes) -> dict | None:
        try:
            ent = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            self.skipped["malformed"] += 1
            if self.skipped["malformed"] <= 5:
                log.warning("%s: skipping a line that is not a JSON entity: %.80r", self.dump, line)
            return None
        if not isinstance(ent, dict) or ent.get("type") != "item" or not isinstance(ent.get("id"), str):
            self.skipped["not_item" if isinstance(ent, dict) else "malformed"] += 1
            return None
        return ent

    def _classify(self, ent: dict) -> tuple[str, str | None] | None:
        p31 = set(_items(ent, "P31"))
        if HUMAN in p31:
            if _statements(ent, "P39") or POLITICIAN in _items(ent, "P106"):
                return "person", None
            return None
        if p31 & STATE_CLASSES:
            return "state", None
        for cls, (kind, sector) in self.classes.items():
            if cls in p31:
                if kind == "igo" and NGO_CLASS in p31 and "Q245065" not in p31:
                    return "organisation", "NGO"
                return kind, sector
        return None

    def first_pass(self, tmp: IO[str]) -> None:
        for line in _lines(self.dump):
            self.read += 1
            self._tick("scan", self.read)
            if not any(m in line for m in self.markers):
                self.skipped["irrelevant"] += 1
                continue
            ent = self._parse(line)
            if ent is None:
                continue
            qid = ent["id"]
            iso = next((c for c in (_string(s.get("mainsnak")) for s in _statements(ent, "P298")) if c), None)
            if iso:
                self.alpha3[qid] = OLD_ISO.get(iso.upper(), iso.upper())
                self.country_names[qid] = [n for n in (_label(ent, self.languages), *(
                    a.get("value") for lang in self.languages for a in (ent.get("aliases") or {}).get(lang) or ()))
                    if n]
            kind = self._classify(ent)
            if kind is None:
                self.skipped["irrelevant"] += 1
                continue
            name, aliases = _names(ent, self.languages, person=kind[0] == "person")
            if not name:
                self.skipped["no_label"] += 1
                continue
            if kind[0] == "state" and not iso and qid != KOSOVO[0]:
                self.skipped["state_without_code"] += 1
                continue
            if kind[0] == "igo" or kind[1] == "NGO":
                self.special[qid] = "NGO" if kind[1] == "NGO" else "IGO"
            rec = {"id": qid, "k": kind[0], "s": kind[1], "n": name, "a": aliases, "iso": iso}
            if kind[0] == "person":
                rec["c"] = _items(ent, "P27")
                rec["o"] = []
                for st in _statements(ent, "P39"):
                    pos = _item(st.get("mainsnak"))
                    if pos:
                        self.needed.add(pos)
                        rec["o"].append([pos, _qualifier(st, "P580", _time), _qualifier(st, "P582", _time),
                                         _qualifier(st, "P1001", _item)])
            else:
                rec["c"] = _items(ent, "P17")
            tmp.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if self.progress is not None:
            self.progress("scan", self.read)

    def second_pass(self) -> None:
        if not self.needed:
            return
        n = 0
        for line in _lines(self.dump):
            n += 1
            self._tick("positions", n)
            m = _LINE_ID.search(line, 0, 300)
            if m is not None and m.group(1).decode() not in self.needed:
                continue
            ent = self._parse(line)
            if ent is None or ent["id"] not in self.needed or ent["id"] in self.positions:
                continue
            label = _label(ent, self.languages)
            if label:
                self.positions[ent["id"]] = (label, tuple(_items(ent, "P1001")), tuple(_items(ent, "P17")),
                                             frozenset(_items(ent, "P31") + _items(ent, "P279")))
                if len(self.positions) == len(self.needed):
                    break
        if self.progress is not None:
            self.progress("positions", n)

    def _code(self, qids) -> str | None:
        for q in qids:
            if q in self.special:
                return self.special[q]
            if q in self.alpha3:
                return self.alpha3[q]
            if q == KOSOVO[0]:
                return KOSOVO[1]
        return None

    def _office(self, held: list, person_countries: list[str]) -> dict | None:
        pos, start, end, jurisdiction = held
        info = self.positions.get(pos)
        if info is None:
            return None
        label, p1001, p17, classes = info
        country = self._code([jurisdiction] if jurisdiction else ()) or self._code(p1001) or self._code(p17) \
            or self._code(person_countries)
        title = label[:1].upper() + label[1:]
        if self._labels_by_code is None:
            self._labels_by_code = {}
            for q, code in self.alpha3.items():
                self._labels_by_code.setdefault(code, []).extend(self.country_names.get(q, ()))
        for name in self._labels_by_code.get(country or "", ()):
            if title.endswith(name):
                title = re.sub(rf"\s+of\s+(the\s+)?{re.escape(name)}$", "", title)
        role = role_for_title(label)
        if role == "other":
            role = next((POSITION_CLASSES[c][0] for c in classes if c in POSITION_CLASSES), "other")
        sector = country if country in ("IGO", "NGO") else sector_for_position(label, classes)
        return {"title": title, "role": role, "country": country, "sector": sector, "start": start, "end": end}

    def entity(self, rec: dict, source: str) -> tuple[dict, int, int]:
        """(KB entity line, offices, unresolved offices) for a compact record of the first pass."""
        kind, sector, countries = rec["k"], rec["s"], rec["c"]
        offices, unresolved = [], 0
        if kind == "person":
            for held in rec["o"]:
                o = self._office(held, countries)
                if o is None:
                    unresolved += 1
                elif o not in offices:
                    offices.append(o)
            offices.sort(key=lambda o: (o["start"] or "", o["end"] or "9999", o["title"]))
            cur = max(offices, key=lambda o: (o["end"] is None, o["end"] or "", o["start"] or ""), default=None)
            country = cur["country"] if cur else self._code(countries)
            sector = cur["sector"] if cur else None
        elif kind == "state":
            country = KOSOVO[1] if rec["id"] == KOSOVO[0] else self.alpha3.get(rec["id"], rec["iso"])
        elif kind == "igo":
            country = "IGO"
        elif sector == "NGO":
            country = "NGO"
        elif kind == "armed_group":
            codes = dict.fromkeys(c for c in (self._code([q]) for q in countries) if c)
            country = next(iter(codes)) if len(codes) == 1 else "IMG"
        else:
            country = self._code(countries)
            if sector == "GOV":
                sector = next((s for rx, s in _ORG_SECTOR_RES if rx.search(rec["n"].lower())), sector)
        line = {"id": rec["id"], "name": rec["n"], "aliases": rec["a"], "kind": kind, "country": country,
                "sector": sector, "offices": offices, "source": source, "sources": [source]}
        return line, len(offices), unresolved


def build_from_wikidata_dump(path: str | Path, out_path: str | Path, *, languages: tuple[str, ...] = ("en",),
                             progress: Callable[[str, int], None] | None = None,
                             classes: Mapping[str, tuple[str, str | None]] | None = None) -> BuildReport:
    """Stream a Wikidata JSON dump (plain, .gz or .bz2) into a KB entities file (JSONL, .gz by suffix).

    ``languages``: label and alias languages, the first also naming the Wikipedia
    whose titles become canonical names. ``progress(phase, n)`` is called every
    10,000 lines of each pass ("scan", "positions") and at its end. ``classes``
    replaces ``ORG_CLASSES`` (P31 class -> (kind, sector)). The output is written
    to a temporary file and renamed, so a failed build leaves no partial file.
    """
    t0 = time.perf_counter()
    dump, out = Path(path), Path(out_path)
    if not dump.is_file():
        raise InputError(f"the Wikidata dump {dump} does not exist; download latest-all.json.gz from "
                         "https://dumps.wikimedia.org/wikidatawiki/entities/")
    if not languages:
        raise InputError("give at least one label language, e.g. languages=('en',)")
    builder = _Builder(dump, tuple(languages), ORG_CLASSES if classes is None else classes, progress)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataError(f"cannot create the output folder {out.parent}: {e.strerror or e}") from e
    source = f"wikidata-dump:{dump.name}"
    kept_by_kind: dict[str, int] = {}
    n_offices = n_unresolved = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".wikidata-", suffix=".jsonl", dir=out.parent)
    part = out.with_name(out.name + ".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            builder.first_pass(tmp)
        builder.second_pass()
        with open(tmp_name, encoding="utf-8") as src, open(part, "wb") as raw, \
                (gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) if out.suffix == ".gz" else raw) as dst:
            for line in src:
                ent, k, u = builder.entity(json.loads(line), source)
                n_offices += k
                n_unresolved += u
                kept_by_kind[ent["kind"]] = kept_by_kind.get(ent["kind"], 0) + 1
                dst.write((json.dumps(ent, ensure_ascii=False) + "\n").encode("utf-8"))
        os.replace(part, out)
    except OSError as e:
        raise DataError(f"cannot write {out}: {e.strerror or e}") from e
    finally:
        for p in (Path(tmp_name), part):
            p.unlink(missing_ok=True)
    report = BuildReport(
        dump=dump, out_path=out, entities_read=builder.read, kept=sum(kept_by_kind.values()),
        kept_by_kind=kept_by_kind, skipped=dict(builder.skipped), offices=n_offices,
        offices_unresolved=n_unresolved,
        index_sizes={"countries": len(builder.alpha3), "organisations": len(builder.special),
                     "positions_needed": len(builder.needed), "positions": len(builder.positions)},
        seconds=time.perf_counter() - t0)
    log.info("wikidata build: %s", report.summary())
    return report
