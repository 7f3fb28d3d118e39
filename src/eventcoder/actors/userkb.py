"""The user's own knowledge base: entities added with ``eventcoder kb add`` or built from Wikidata.

Location (``user_kb_dir()``): ``$EVENTCODER_HOME/kb`` when ``EVENTCODER_HOME``
is set, else ``$XDG_DATA_HOME/eventcoder/kb``, else
``~/.local/share/eventcoder/kb``. It holds

* ``entities.jsonl``: the user's hand-written entities, merged by ``add_entries``
  (an entry with the id of an earlier one replaces it);
* any other ``*.jsonl``/``*.jsonl.gz``, e.g. ``wikidata.jsonl.gz`` from
  ``eventcoder kb build``.

``user_kb_files()`` lists them in the order ``KnowledgeBase.load`` should merge
them: other files first, ``entities.jsonl`` last, so that hand-written
entries win over built ones.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from eventcoder.actors.vocab import KINDS, ROLES, SECTORS
from eventcoder.errors import DataError, InputError

__all__ = ["HOME_ENV", "USER_ENTITIES", "AddReport", "user_kb_dir", "user_kb_files", "add_entries",
           "validate_entity"]

log = logging.getLogger(__name__)

HOME_ENV = "EVENTCODER_HOME"
USER_ENTITIES = "entities.jsonl"
_MAX_ERRORS = 20
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class AddReport:
    source: Path
    target: Path
    added: int  # new ids
    replaced: int  # ids already in the user KB (or repeated in the file), replaced
    total: int  # entities in the user KB afterwards

    def summary(self) -> str:
        return (f"added {self.added} and replaced {self.replaced} entities from {self.source}; "
                f"{self.target} now holds {self.total}")


def user_kb_dir() -> Path:
    """``$EVENTCODER_HOME/kb``, else ``$XDG_DATA_HOME/eventcoder/kb``, else ``~/.local/share/eventcoder/kb``."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "kb"
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "eventcoder" / "kb"


def user_kb_files() -> list[Path]:
    """The user's KB files in merge order (built files first, hand-written ``entities.jsonl`` last)."""
    folder = user_kb_dir()
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                   and p.name.endswith((".jsonl", ".jsonl.gz")))  # dot files are unfinished writes
    return [p for p in files if p.name != USER_ENTITIES] + [p for p in files if p.name == USER_ENTITIES]


def _check_date(value, where: str, errors: list[str]) -> None:
    if value is not None and not (isinstance(value, str) and _DATE.match(value)):
        errors.append(f"{where} must be YYYY, YYYY-MM or YYYY-MM-DD or null, got {value!r}")


def _check_sector(value, where: str, errors: list[str]) -> None:
    if value is not None and value not in SECTORS:
        errors.append(f"{where} {value!r} is not a sector; use one of {' '.join(sorted(SECTORS))} or null")


def _check_country(value, where: str, errors: list[str]) -> None:
    if value is not None and not (isinstance(value, str) and _CODE.match(value)):
        errors.append(f"{where} must be an ISO alpha-3 code (UKR), IGO, NGO, IMG, MNC or null, got {value!r}")


def validate_entity(d: object) -> list[str]:
    """What is wrong with one entity line (an empty list when it is a valid KB entity)."""
    if not isinstance(d, dict):
        return ["a line must be a JSON object"]
    errors: list[str] = []
    if "id" not in d and ("code" in d or "phrase" in d):
        return ["only entities can be added (this looks like a country or role line); "
                "pass country and role files with --kb-extra"]
    for key in ("id", "name"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            errors.append(f"'{key}' is required and must be a non-empty string")
    if d.get("kind") not in KINDS:
        errors.append(f"'kind' is required: one of {', '.join(sorted(KINDS))}; got {d.get('kind')!r}")
    aliases = d.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        errors.append("'aliases' must be a list of strings")
    _check_country(d.get("country"), "'country'", errors)
    _check_sector(d.get("sector"), "'sector'", errors)
    offices = d.get("offices", [])
    if not isinstance(offices, list):
        return errors + ["'offices' must be a list of objects"]
    for i, o in enumerate(offices, 1):
        where = f"office {i}"
        if not isinstance(o, dict):
            errors.append(f"{where} must be an object")
            continue
        if not isinstance(o.get("title"), str) or not o["title"].strip():
            errors.append(f"{where}: 'title' is required")
        if o.get("role") is not None and o["role"] not in ROLES:
            errors.append(f"{where}: role {o['role']!r} is not one of {', '.join(sorted(ROLES))} or null")
        _check_country(o.get("country"), f"{where}: 'country'", errors)
        _check_sector(o.get("sector"), f"{where}: 'sector'", errors)
        _check_date(o.get("start"), f"{where}: 'start'", errors)
        _check_date(o.get("end"), f"{where}: 'end'", errors)
        start, end = o.get("start"), o.get("end")
        if isinstance(start, str) and isinstance(end, str) and _DATE.match(start) and _DATE.match(end) \
                and end[:len(start)] < start[:len(end)]:
            errors.append(f"{where}: ends ({end}) before it starts ({start})")
    return errors


def _read_lines(path: Path) -> list[tuple[int, str]]:
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            return [(n, line) for n, line in enumerate(f, 1) if line.strip()]
    except FileNotFoundError as e:
        raise InputError(f"{path} does not exist") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}; it must be UTF-8 JSON lines (optionally .gz)") from e


def _parse(path: Path) -> list[dict]:
    """Valid entity lines of a file, or a DataError listing every bad line as ``path:line: problem``."""
    out, errors = [], []
    for n, line in _read_lines(path):
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{path}:{n}: not valid JSON ({e.msg} at column {e.colno})")
            continue
        problems = validate_entity(d)
        errors += [f"{path}:{n}: {p}" for p in problems]
        if not problems:
            out.append(d)
    if errors:
        more = f"\n... and {len(errors) - _MAX_ERRORS} more" if len(errors) > _MAX_ERRORS else ""
        raise DataError(f"{path}: {len(errors)} problem(s); nothing was added. Fix these lines "
                        f"(format: docs/kb-format.md):\n" + "\n".join(errors[:_MAX_ERRORS]) + more)
    return out


def add_entries(path: str | Path) -> AddReport:
    """Validate a JSONL file of KB entities and merge it into ``user_kb_dir()/entities.jsonl``.

    Nothing is written when any line is bad. An entity whose id is already in
    the user KB replaces the earlier entry (it keeps its place); the others are
    appended. The file is rewritten atomically.
    """
    source = Path(path)
    new = _parse(source)
    folder = user_kb_dir()
    target = folder / USER_ENTITIES
    current: dict[str, dict] = {}
    if target.is_file():
        try:
            for d in _parse(target):
                current[d["id"]] = d
        except DataError as e:
            raise DataError(f"the user knowledge base itself is broken; repair or remove {target}:\n{e}") from e
    added = replaced = 0
    for d in new:
        if d["id"] in current:
            replaced += 1
        else:
            added += 1
        current[d["id"]] = d
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entities-", suffix=".jsonl", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for d in current.values():
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        os.replace(tmp, target)
    except OSError as e:
        raise DataError(f"cannot write the user knowledge base {target}: {e.strerror or e}; "
                        f"set ${HOME_ENV} to a writable folder") from e
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    report = AddReport(source=source, target=target, added=added, replaced=replaced, total=len(current))
    log.info("%s", report.summary())
    return report
