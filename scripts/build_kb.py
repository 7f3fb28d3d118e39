#!/usr/bin/env python
"""Build the shipped actor knowledge base (docs/kb-format.md).

    python scripts/build_kb.py --sources ../shared/kb-sources --out src/eventcoder/data/kb

Reads the Wikidata office-holder tables, the Phoenix (petrarch2) actor and
agent dictionaries, the PLOVER agent list and the hand-written supplement in
data-src/kb/, merges them, and writes entities.jsonl.gz, countries.jsonl,
roles.jsonl and manifest.json. The output is deterministic for given inputs
(only the manifest's build date changes; pin it with --build-date).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import logging
import re
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from eventcoder.actors.kb import FORMAT_VERSION, SECTORS, normalise  # noqa: E402
# one set of title -> role and title -> sector rules for both sources of the KB
from eventcoder.actors.wikidata import role_for_title, sector_for_position  # noqa: E402

log = logging.getLogger("build_kb")

SPECIAL_CODES = {"IGO", "NGO", "IMG", "MNC"}
OLD_SECTORS = {"JRN": "MED", "UAF": "REB", "PRE": "REB", "ELI": "CVL", "EDU": "CVL", "AGR": "CVL",
               "HLH": "CVL", "SOC": "CVL", "MUS": "REL", "CHR": "REL", "BUD": "REL", "HIN": "REL",
               "JEW": "REL", "CTH": "REL", "ORT": "REL", "SHI": "REL", "SUN": "REL", "INS": "REB",
               "UNR": "REB", "RAD": "OPP", "ENV": "NGO", "MOV": "OPP", "DEV": "GOV", "HRI": "NGO"}
CAMEO_COUNTRIES = {"TMP": "TLS", "KSV": "XKX", "DDR": "DEU", "USR": "RUS", "SUN": "RUS", "YUG": "SRB",
                   "SCG": "SRB", "FRY": "SRB", "SRP": "SRB", "CSK": "CZE", "ANG": "AGO", "ROM": "ROU",
                   "ZAR": "COD", "BUR": "MMR"}
SPECIAL_SECTOR = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS"}
ORG_WORDS = set("""organization organisation union council agency fund bank committee association
    party front movement army forces force brigade brigades group league federation institute
    commission ministry department office court authority corporation company inc ltd corp co
    society foundation alliance coalition network service services administration government
    assembly parliament congress police guard guards militia liberation revolutionary national
    international world united centre center programme program school university church
    ansar jaish harakat jamaat jamaa lashkar hizb tanzim kataib liwa jabhat tehrik harkat""".split())
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "de", "del", "da", "van", "von", "bin", "al"}

# ---------------------------------------------------------------- helpers

def read_psv_notes(path: Path, nfields: int) -> list[tuple[list[str], str | None]]:
    """Rows of a "|"-separated supplement file, each with the ``#@source`` note in force at
    it: a note applies to the rows after it, up to the next note."""
    rows, source = [], None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#@source"):
            source = line[len("#@source"):].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != nfields:
            raise SystemExit(f"{path}:{n}: expected {nfields} fields separated by '|', got {len(fields)}")
        rows.append((fields, source))
    return rows


def read_psv(path: Path, nfields: int) -> tuple[list[list[str]], str | None]:
    """Rows of a "|"-separated supplement file and its first ``#@source`` note."""
    rows = read_psv_notes(path, nfields)
    return [r for r, _ in rows], next((note for _, note in rows if note), None)


def split_list(text: str) -> list[str]:
    return [a.strip() for a in text.split(";") if a.strip()]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-") or "x"


def check_date(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()[:10]
    for fmt, n in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            dt.datetime.strptime(text[:n], fmt)
            return text[:n]
        except ValueError:
            continue
    return None


def tabari_date(text: str) -> str | None:
    """TABARI dates: yymmdd (yy <= 14 is 20yy) or yyyymmdd; None when malformed."""
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 14 else 1900 + yy}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return None


def title_case(raw: str, acronyms: bool = False) -> str:
    words = raw.replace("_", " ").split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if acronyms and (len(w) <= 4 and len(words) == 1 or "." in w.strip(".")):
            out.append(w)
        elif i and lw in SMALL_WORDS:
            out.append(lw)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


# ---------------------------------------------------------------- countries and roles

def build_countries(path: Path) -> list[dict]:
    rows, source = read_psv(path, 7)
    out = []
    for code, name, aliases, adjectives, demonyms, capitals, seats in rows:
        adjs = split_list(adjectives)
        dems = split_list(demonyms)
        if not dems:
            for a in adjs:
                if a.endswith(("an", "i", "ot", "ch")):
                    dems += [a, a + "s"]
                elif a.endswith("ese"):
                    dems.append(a)
        out.append({"code": code, "name": name, "aliases": split_list(aliases), "adjectives": adjs,
                    "demonyms": dems, "capitals": split_list(capitals), "seats": split_list(seats),
                    "source": f"supplement:{path.name}" + (f" ({source})" if source else "")})
    codes = [c["code"] for c in out]
    if len(codes) != len(set(codes)):
        raise SystemExit(f"{path}: duplicate country codes")
    return sorted(out, key=lambda c: c["code"])


def plural(phrase: str) -> str | None:
    head, _, last = phrase.rpartition(" ")
    if not last or last.endswith(("men", "ss", "people", "police", "personnel", "staff")) or not last.isalpha():
        return None if not last.endswith("ss") else phrase + "es"
    if last.endswith("man"):
        p = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        p = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        p = last + "es"
    else:
        p = last + "s"
    return f"{head} {p}" if head else p


def map_sector(chunk: str) -> str | None:
    if chunk in SECTORS:
        return chunk
    return OLD_SECTORS.get(chunk)


# The two agents files read the code MED differently: PLOVER_agents.txt codes doctors,
# nurses and hospitals MED (medical; its journalists are JRN), Phoenix.agents.txt codes
# journalists MED (media; its doctors are HLH). The codebook's MED is media, and health
# (HLH) is CVL, so PLOVER's MED becomes CVL.
AGENT_CODE_OVERRIDES = {"plover-agents/PLOVER_agents.txt": {"MED": "CVL"}}


# Phrases of a TABARI irregular plural pair (singular and plural): no regular plural is made.
IRREGULAR_PLURALS: set[str] = set()


def _norm_phrase(p: str) -> str:
    return re.sub(r"\s+", " ", p.replace("_", " ").lower()).strip()


def parse_agents(path: Path, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Phrase -> sector from a PLOVER/Phoenix agents file (substitution sets expanded)."""
    overrides = overrides or {}
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].rstrip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[]+?)\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        phrases = [m.group(1)]
        irregular = re.match(r"^(.*?)\s*\{([^}]*)\}\s*$", phrases[0])
        if irregular:  # TABARI's irregular plural: GENDARMERY {GENDARMERIE}, THIEF {THIEVES}
            phrases = [irregular.group(1)]
            if irregular.group(2).strip():
                phrases.append(irregular.group(2).strip())
                IRREGULAR_PLURALS.update(_norm_phrase(x) for x in phrases)
        for key, values in subs.items():
            phrases = [p.replace(key, v) for p in phrases for v in values] if any(key in p for p in phrases) else phrases
        code = m.group(2)
        sector = next((s for s in (overrides.get(code[i:i + 3]) or map_sector(code[i:i + 3])
                                   for i in range(0, len(code), 3)) if s), None)
        if sector is None:
            continue
        for p in phrases:
            p = _norm_phrase(p)
            if p and p not in out:
                out[p] = sector
    return out


ROLE_WORDS = re.compile(r"minister|secretary|president|governor|mayor|spokes|envoy|ambassador|premier|chancellor")


def build_roles(sources: Path, supplement: Path) -> list[dict]:
    phrases: dict[str, str] = {}
    for rel in ("plover-agents/PLOVER_agents.txt", "petrarch/Phoenix.agents.txt"):
        path = sources / rel
        if path.exists():
            for p, s in parse_agents(path, AGENT_CODE_OVERRIDES.get(rel)).items():
                phrases.setdefault(p, s)
        else:
            log.warning("missing %s", path)
    for p, s in list(phrases.items()):
        # "ministry of health" -> "health ministry", the form news writes ("the Iranian health
        # ministry"); the agents files list the "of" form only.
        m = re.match(r"^ministry (?:of|for) (?:the )?([a-z]+(?: [a-z]+)?)$", p)
        if m and not re.search(r"\b(and|of|for|the)\b", m.group(1)):
            phrases.setdefault(f"{m.group(1)} ministry", s)
    roles = {}
    for p, s in phrases.items():
        role = role_for_title(p) if ROLE_WORDS.search(p) else None
        roles[p] = {"phrase": p, "sector": s, "role": None if role == "other" else role, "source": "agents"}
    rows, _ = read_psv(supplement, 3)
    for phrase, sector, role in rows:
        p = phrase.lower()
        roles[p] = {"phrase": p, "sector": sector or None, "role": role or None, "source": "supplement"}
    for p in list(roles):
        if p in IRREGULAR_PLURALS:
            continue
        pl = plural(p)
        if pl and pl not in roles:
            roles[pl] = dict(roles[p], phrase=pl)
    return [{k: r[k] for k in ("phrase", "sector", "role")} for _, r in sorted(roles.items())]


# ---------------------------------------------------------------- entities

class Merger:
    """Collects entity records and merges duplicates by QID, else by name and an overlapping country."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.by_qid: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_surname: dict[tuple[str, str | None], list[int]] = defaultdict(list)  # persons

    @staticmethod
    def countries(e: dict) -> set:
        return {e["country"]} | {o["country"] for o in e["offices"]} - {None}

    def add(self, e: dict) -> None:
        e.setdefault("offices", [])
        e["aliases"] = [a for a in dict.fromkeys(e.get("aliases", [])) if a]
        target = self.by_qid.get(e["qid"]) if e.get("qid") else None
        if target is None:
            for i in self.by_name.get(normalise(e["name"]), []):
                cand = self.items[i]
                if e.get("qid") and cand.get("qid") and cand["qid"] != e["qid"]:
                    continue
                if (cand["kind"] == "person") != (e["kind"] == "person"):
                    continue
                if self.countries(cand) & self.countries(e) or not self.countries(e) or (
                        e["kind"] == "person" and len(normalise(e["name"]).split()) > 1
                        and "IGO" in self.countries(cand) | self.countries(e)):
                    # an IGO official is the namesake politician of a member state (Ursula von
                    # der Leyen, Mark Rutte, António Costa): one person, not two
                    target = i
                    break
        if target is None and e["kind"] == "person":
            target = self._same_person(e)
        if target is None:
            self.items.append(dict(e, sources=[e["source"]]))
            target = len(self.items) - 1
        else:
            t = self.items[target]
            t["qid"] = t.get("qid") or e.get("qid")
            t["aliases"] = list(dict.fromkeys(t["aliases"] + [e["name"]] + e["aliases"]))
            for o in e["offices"]:
                if not any(self.same_tenure(x, o) for x in t["offices"]):
                    t["offices"].append(o)
            t["country"] = t["country"] or e["country"]
            t["sector"] = t["sector"] or e["sector"]
            if e["source"] not in t["sources"]:
                t["sources"].append(e["source"])
        t = self.items[target]
        if t.get("qid"):
            self.by_qid[t["qid"]] = target
        for n in [t["name"]] + t["aliases"]:
            lst = self.by_name[normalise(n)]
            if target not in lst:
                lst.append(target)
        if t["kind"] == "person":
            toks = normalise(t["name"]).split()
            if len(toks) > 1:
                lst = self.by_surname[(toks[-1], t["country"])]
                if target not in lst:
                    lst.append(target)

    def _same_person(self, e: dict) -> int | None:
        """A person already known under another spelling of the given name, or with a middle
        name more or less ("Valery"/"Valerii Zaluzhnyi", "Sergei"/"Sergey Ivanov", "Matamela
        Cyril Ramaphosa"/"Cyril Ramaphosa"): the same surname and country, no different QIDs,
        and either every other name near-identical in order (Jaro-Winkler >= 0.9, same first
        letter; between two Phoenix entries only with a shared tenure) or a shared tenure (same
        role, country and start year) and one name's words within the other's."""
        toks = normalise(e["name"]).split()
        if len(toks) < 2 or toks[-1] in ("jr", "sr", "ii", "iii", "iv"):
            return None
        mine = self.countries(e)

        def near(a: str, b: str) -> bool:
            return a[:1] == b[:1] and JaroWinkler.similarity(a, b) >= 0.9
        for i in self.by_surname.get((toks[-1], e["country"]), []):
            cand = self.items[i]
            if cand["kind"] != "person" or not (self.countries(cand) & mine):
                continue
            if e.get("qid") and cand.get("qid") and cand["qid"] != e["qid"]:
                continue
            ctoks = normalise(cand["name"]).split()
            tenure = any(o["role"] and o["role"] == x["role"] and o["country"] == x["country"] and o["start"]
                         and x["start"] and o["start"][:4] == x["start"][:4]
                         for o in e["offices"] for x in cand["offices"])
            # every other name near-identical, in order ("Kim Jong Il" is not "Kim Yong Il")
            given = len(ctoks) == len(toks) and all(near(a, b) for a, b in zip(toks[:-1], ctoks[:-1]))
            # two Phoenix entries of near names are joined only by a shared tenure: the old
            # dictionaries hold namesakes ("Arun" and "Arjun Singh")
            curated = not (e["source"].startswith("petrarch:")
                           and all(x.startswith("petrarch:") for x in cand["sources"]))
            if (given and (curated or tenure)) or (tenure and (set(toks) <= set(ctoks) or set(ctoks) <= set(toks))):
                return i
        return None

    @staticmethod
    def same_tenure(old: dict, new: dict) -> bool:
        """A later source's office repeating one already known (same country and start year)."""
        if old == new:
            return True
        if old["country"] != new["country"] or not old["start"] or not new["start"] or old["role"] is None:
            return False
        if new.get("_sup") or old["start"][:4] != new["start"][:4] or new["role"] is None:
            return False
        return old["role"] == new["role"] or new["end"] is None

    def close_stale(self) -> int:
        """End open-ended offices of older sources that a dated supplement successor replaced."""
        succ: dict[tuple, list[str]] = defaultdict(list)
        for i, e in enumerate(self.items):
            for o in e["offices"]:
                if o.get("_sup") and o["role"] in SINGLE_HOLDER and o["country"] not in SPECIAL_CODES and o["start"]:
                    succ[(o["role"], o["country"])].append((o["start"], i))
        closed = 0
        for i, e in enumerate(self.items):
            for o in e["offices"]:
                key = (o["role"], o["country"])
                if o.get("_sup") or o["end"] or not o["start"] or key not in succ:
                    continue
                later = sorted(s for s, j in succ[key] if j != i and s[:4] > o["start"][:4])
                if later:
                    o["end"] = later[0]
                    closed += 1
        return closed

    def finish(self) -> list[dict]:
        log.info("closed %d stale open-ended offices", self.close_stale())
        for e in self.items:
            for o in e["offices"]:
                o.pop("_sup", None)
        out, used = [], set()
        for e in sorted(self.items, key=lambda e: (normalise(e["name"]), e["country"] or "", e["source"])):
            offices = sorted(e["offices"], key=lambda o: (o["start"] or "", o["end"] or "9999", o["title"]))
            # entity-level country and sector: the most recent office (open-ended first), else its own
            cur = max(offices, key=lambda o: (o["end"] is None, o["end"] or "", o["start"] or ""), default=None)
            if cur is not None and e["kind"] == "person":
                country, sector = cur["country"] or e["country"], cur["sector"] or e["sector"]
            else:
                country, sector = e["country"], e["sector"]
            eid = e.get("qid") or f"ec:{slug(e['name'])}" + (f"-{country.lower()}" if country else "")
            base, n = eid, 2
            while eid in used:
                eid, n = f"{base}-{n}", n + 1
            used.add(eid)
            norm_name = normalise(e["name"])
            aliases = sorted({a for a in e["aliases"] if normalise(a) and normalise(a) != norm_name}, key=lambda a: (a.casefold(), a))
            out.append({"id": eid, "name": e["name"], "aliases": aliases, "kind": e["kind"], "country": country,
                        "sector": sector, "offices": offices, "source": e["sources"][0],
                        "sources": e["sources"]})
        return out


def office(title, role, country, sector, start=None, end=None) -> dict:
    return {"title": title, "role": role, "country": country, "sector": sector,
            "start": check_date(start), "end": check_date(end)}


class CountryNames:
    def __init__(self, countries: list[dict]):
        self.names: dict[str, str] = {}
        for c in countries:
            for n in [c["name"], *c["aliases"]]:
                self.names.setdefault(normalise(n), c["code"])
        self.codes = {c["code"]: c for c in countries}
        self.names[normalise("European Union")] = "IGO"

    def code(self, name: str) -> str | None:
        return self.names.get(normalise(name))


def load_supplement_people(path: Path, merger: Merger) -> None:
    for (name, qid, country, sector, title, role, start, end, aliases), note in read_psv_notes(path, 9):
        src = f"supplement:{path.name}" + (f" ({note})" if note else "")
        merger.add({"qid": qid or None, "name": name, "aliases": split_list(aliases), "kind": "person",
                    "country": country, "sector": sector,
                    "offices": [dict(office(title, role or role_for_title(title), country, sector, start, end), _sup=True)],
                    "source": src})


def load_supplement_orgs(path: Path, merger: Merger) -> None:
    for (name, qid, kind, country, sector, aliases), note in read_psv_notes(path, 6):
        src = f"supplement:{path.name}" + (f" ({note})" if note else "")
        merger.add({"qid": qid or None, "name": name, "aliases": split_list(aliases), "kind": kind,
                    "country": country, "sector": sector, "source": src})


def generated_ministries(countries: list[dict], merger: Merger) -> None:
    """Foreign and defence ministries of every country with an adjective (no QIDs)."""
    skip = {"USA", "GBR"}  # written by hand in organisations.psv
    for c in countries:
        if c["code"] in skip or not c["adjectives"] or not c["capitals"]:
            continue
        for kind_name, words in (("Ministry of Foreign Affairs", ("Foreign Ministry", "Ministry of Foreign Affairs")),
                                 ("Ministry of Defence", ("Defence Ministry", "Defense Ministry", "Ministry of Defence", "Ministry of Defense"))):
            aliases = [f"{a} {w}" for a in c["adjectives"] for w in words]
            aliases += [f"{w} of {c['name']}" for w in words[-1:]] + [f"{c['name']} {w}" for w in words[:1]]
            merger.add({"qid": None, "name": f"{kind_name} ({c['name']})", "aliases": aliases,
                        "kind": "organisation", "country": c["code"], "sector": "GOV",
                        "source": "generated:countries.psv"})


def load_wikidata(folder: Path, names: CountryNames, merger: Merger) -> None:
    def rows(fname):
        path = folder / fname
        if not path.exists():
            log.warning("missing %s", path)
            return []
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    for prefix, code in (("us-cabinet", "USA"), ("russia-cabinet", "RUS"), ("ukraine-cabinet", "UKR")):
        for kind in ("holders21", "current"):
            fname = f"{prefix}__{kind}.csv"
            for r in rows(fname):
                if not r.get("personID", "").startswith("Q"):
                    continue
                title = r["position"]
                country = code
                if "United Nations" in title and "Representative" in title:
                    title = f"{title} ({code})"
                merger.add({"qid": r["personID"], "name": r["person"], "kind": "person", "country": country,
                            "sector": sector_for_position(title),
                            "offices": [office(title, role_for_title(title), country, sector_for_position(title),
                                               r.get("start"), r.get("end"))],
                            "source": f"wikidata-officeholders:{fname}"})
    fname = "world-leaders-2021__wikidata.csv"
    for r in rows(fname):
        code = names.code(r["country"])
        if not code or not r["officeholder"].startswith("Q"):
            log.info("skipped leader row for %s", r["country"])
            continue
        title = r["positionLabel"]
        merger.add({"qid": r["officeholder"], "name": r["officeholderLabel"], "kind": "person", "country": code,
                    "sector": "GOV", "offices": [office(title, role_for_title(title), code, "GOV",
                                                        r.get("start_year"), r.get("end_year"))],
                    "source": f"wikidata-officeholders:{fname}"})
    fname = "world__foreign-ministers__wikidata.csv"
    for r in rows(fname):
        code = names.code(r["countryLabel"])
        if not code or not r["person"].startswith("Q"):
            continue
        role, sector = ("igo_foreign_policy_chief", "IGO") if code == "IGO" else ("foreign_minister", "GOV")
        merger.add({"qid": r["person"], "name": r["name"], "kind": "person", "country": code, "sector": sector,
                    "offices": [office(r["positionLabel"], role, code, sector, r.get("start"))],
                    "source": f"wikidata-officeholders:{fname}"})
    for fname in ("world__igo-holders21.csv", "world__igo-current.csv"):
        for r in rows(fname):
            title = r["position"]
            if not r.get("personID", "").startswith("Q") or title.startswith("Permanent Representative"):
                continue
            sector = sector_for_position(title, default="IGO")
            merger.add({"qid": r["personID"], "name": r["person"], "kind": "person", "country": "IGO",
                        "sector": sector, "offices": [office(title, role_for_title(title), "IGO", sector,
                                                             r.get("start"), r.get("end"))],
                        "source": f"wikidata-officeholders:{fname}"})


# ---------------------------------------------------------------- petrarch (TABARI) dictionaries

CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_code(raw: str, valid: set[str]) -> tuple[str | None, str | None, str | None, str | None] | None:
    """``RUSGOV 991231-080507`` -> (country, sector, start, end); None for unusable codes."""
    parts = raw.split()
    if not parts or not re.fullmatch(r"~?[A-Z]{3,}", parts[0]):
        return None
    code = parts[0].lstrip("~")
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    first = CAMEO_COUNTRIES.get(chunks[0], chunks[0])
    if first in SPECIAL_CODES:
        country, sector = first, SPECIAL_SECTOR[first]
    elif first in valid:
        country = first
        sector = next((s for s in map(map_sector, chunks[1:]) if s), None)
    elif map_sector(first):
        country, sector = None, map_sector(first)
    else:  # a region (MEA, WAF ...) or an unknown code
        country = None
        sector = next((s for s in map(map_sector, chunks[1:]) if s), None)
    start = end = None
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            start = tabari_date(rng[1:])
        elif rng.startswith("<"):
            end = tabari_date(rng[1:])
        elif "-" in rng:
            a, _, b = rng.partition("-")
            start, end = tabari_date(a), tabari_date(b)
    return country, sector, start, end


def parse_tabari(path: Path) -> list[dict]:
    """Blocks of a TABARI .actors file: {names, aliases, codes (raw), comment}."""
    blocks: list[dict] = []
    cur: dict | None = None

    def flush():
        nonlocal cur
        if cur and cur["codes"]:
            blocks.append(cur)
        cur = None

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            if not line.strip():
                flush()
            continue
        codes = CODE_RE.findall(body)
        text = CODE_RE.sub(" ", body).strip()
        if line[:1] in (" ", "\t") or body.lstrip().startswith("["):
            if cur is not None:
                cur["codes"] += codes
        elif text.startswith("+"):
            if cur is not None:
                cur["aliases"].append(text[1:].strip())
                cur["codes"] += codes
        else:
            if cur is not None and (cur["codes"] or cur["aliases"]):
                flush()
            if cur is None:
                cur = {"names": [], "aliases": [], "codes": [], "comment": comment.strip()}
            cur["names"].append(text)
            cur["codes"] += codes
    flush()
    return blocks


class TitleFilter:
    """Drops aliases that start with an office word or a country adjective ("PRESIDENT_PUTIN")."""

    def __init__(self, roles: list[dict], countries: list[dict]):
        words = {r["phrase"].split()[0] for r in roles if r["sector"] in ("GOV", "MIL", "LEG", "JUD", "IGO")}
        words |= {"ex", "former", "late", "then", "acting", "interim", "new", "sen", "rep", "gen", "mr", "mrs", "dr"}
        for c in countries:
            words |= {normalise(a).split()[0] for a in c["adjectives"] if normalise(a)}
        self.words = words - {"al", "el"}

    def keep(self, alias: str) -> bool:
        toks = normalise(alias).split()
        return bool(toks) and toks[0] not in self.words and not any(t in ("administration", "government") for t in toks)


def is_org_name(name: str) -> bool:
    toks = normalise(name.replace("_", " ")).split()
    return any(t in ORG_WORDS for t in toks) or len(toks) == 1 or len(toks) > 4


def load_petrarch(folder: Path, valid: set[str], tfilter: TitleFilter, merger: Merger) -> None:
    files = (("Phoenix.Countries.actors.txt", "countries"), ("Phoenix.International.actors.txt", "international"),
             ("Phoenix.MilNonState.actors.txt", "nonstate"))
    for fname, what in files:
        path = folder / fname
        if not path.exists():
            log.warning("missing %s", path)
            continue
        for b in parse_tabari(path):
            parsed = [(raw, parse_code(raw, valid)) for raw in b["codes"]]
            parsed = [(raw.split()[0].lstrip("~"), p) for raw, p in parsed if p]
            if not parsed:
                continue
            dated = [(c, p) for c, p in parsed if p[2] or p[3]]
            base = next((p for c, p in parsed if not (p[2] or p[3])), parsed[-1][1])
            raw_name = b["names"][0]
            if what == "countries" and base[1] is None and not (
                    "countryinfo" in b["comment"].lower() or "rulers" in b["comment"]):
                # A country or territory itself (AFGHANISTAN_ [AFG], UKRAINE_ [USRUKR <910824]
                # [UKRUNR 910824-911221] [UKR >911221]: no sector now):
                # countries.jsonl and the gazetteer cover it; its aliases are places ("Kharkiv",
                # "Crimea"), not names of an actor.
                continue
            person = ("CountryInfo" in b["comment"] or "rulers" in b["comment"] or bool(dated)) and not is_org_name(raw_name)
            if what == "nonstate":
                kind = "armed_group" if base[1] in ("REB", None) else "organisation"
            elif person:
                kind = "person"
            else:
                kind = "igo" if base[0] == "IGO" else "organisation"
            name = title_case(raw_name.rstrip("_ "), acronyms=kind != "person")
            aliases = [title_case(a.rstrip("_ "), acronyms=kind != "person") for a in b["names"][1:] + b["aliases"]]
            aliases = [a for a in aliases if tfilter.keep(a)]
            if kind != "person":  # person names listed under an organisation are not its aliases
                aliases = [a for a in aliases if is_org_name(a) or len(normalise(a).split()) == 1]
            if kind == "person" and not tfilter.keep(name):
                aliases = [a for a in aliases if len(a.split()) > 1]
                if not aliases:
                    continue
                name, aliases = aliases[0], aliases[1:]
            offices = [office(f"phoenix:{code}", None, p[0], p[1], p[2], p[3]) for code, p in dated if p[0] or p[1]]
            merger.add({"qid": None, "name": name, "aliases": aliases, "kind": kind, "country": base[0],
                        "sector": base[1], "offices": offices, "source": f"petrarch:{fname.replace('.actors.txt', '')}"})


# ---------------------------------------------------------------- main

def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def write_jsonl(path: Path, rows: list[dict], gz: bool = False) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows).encode("utf-8")
    if gz:
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
            f.write(text)
        path.write_bytes(buf.getvalue())
    else:
        path.write_bytes(text)


def build(sources: Path, supplement: Path, out: Path, build_date: str) -> dict:
    countries = build_countries(supplement / "countries.psv")
    roles = build_roles(sources, supplement / "roles.psv")
    names = CountryNames(countries)
    valid = set(names.codes)
    merger = Merger()
    for path in sorted(supplement.glob("officeholders*.psv")):
        load_supplement_people(path, merger)
    for path in sorted(supplement.glob("organisations*.psv")):
        load_supplement_orgs(path, merger)
    load_wikidata(sources / "wikidata-officeholders", names, merger)
    generated_ministries(countries, merger)
    load_petrarch(sources / "petrarch", valid, TitleFilter(roles, countries), merger)
    entities = merger.finish()
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "entities.jsonl.gz", entities, gz=True)
    write_jsonl(out / "countries.jsonl", countries)
    write_jsonl(out / "roles.jsonl", roles)
    inputs = sorted([p for p in sources.rglob("*") if p.is_file()] + [p for p in supplement.glob("*") if p.is_file()])
    kinds: dict[str, int] = defaultdict(int)
    for e in entities:
        kinds[e["kind"]] += 1
    manifest = {
        "format_version": FORMAT_VERSION,
        "build_date": build_date,
        "counts": {"entities": len(entities), "countries": len(countries), "roles": len(roles),
                   "offices": sum(len(e["offices"]) for e in entities), **{f"kind:{k}": v for k, v in sorted(kinds.items())}},
        "inputs": {(f"sources/{p.relative_to(sources)}" if p.is_relative_to(sources) else f"supplement/{p.name}"): file_hash(p)
                   for p in inputs},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, required=True, help="the kb-sources folder (../shared/kb-sources)")
    ap.add_argument("--supplement", type=Path, default=ROOT / "data-src" / "kb", help="hand-written supplement folder")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "eventcoder" / "data" / "kb")
    ap.add_argument("--build-date", default=dt.date.today().isoformat())
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if not args.sources.is_dir():
        ap.error(f"--sources {args.sources} is not a folder")
    manifest = build(args.sources, args.supplement, args.out, args.build_date)
    print(json.dumps(manifest["counts"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
