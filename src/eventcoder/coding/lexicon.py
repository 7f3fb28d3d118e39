"""The PLOVER trigger lexicon: patterns read from ``data/lexicon/triggers.jsonl``.

A pattern names a trigger lemma and part of speech, optional constraints on
its dependents (object, preposition or particle, the preposition's object,
a modifier), the PLOVER type and modes it codes, and the slots where the
recipient is found. The file format is documented in
``data/lexicon/README.md``.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DataError
from .ontology import ONTOLOGY

log = logging.getLogger(__name__)

__all__ = ["Pattern", "Lexicon", "DEFAULT_DIR", "RECIPIENT_SLOTS"]

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"
POS = ("VERB", "NOUN", "ADJ")
# "dobj": the direct object (the passive subject in a passive clause);
# "dative": an indirect object; "prep:X": the object of preposition X
# attached to the trigger (or to its matched object); "poss": a possessive.
RECIPIENT_SLOTS = ("dobj", "dative", "poss")


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    pos: str
    lemmas: tuple[str, ...]
    mode: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()  # required object lemma (any of)
    prep: tuple[str, ...] = ()  # required preposition or particle lemma (any of)
    pobj: tuple[str, ...] = ()  # required object of that preposition (any of)
    mod: tuple[str, ...] = ()  # required modifier lemma (compound/amod) of trigger or object
    recipient: tuple[str, ...] = ("dobj",)
    confidence: float = 0.7
    party: bool = False  # needs a second party: a recipient, or two or more actors ("talked")

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.obj, self.prep, self.pobj, self.mod))


@dataclass(frozen=True)
class ModeCue:
    """A word in the trigger's phrase that adds a mode (``drone`` -> ASSAULT drone)."""

    lemma: str
    type: str
    mode: str


def _tuple(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.lower() for v in value)
    raise DataError(f"{where}: {key!r} must be a string or a list of strings, got {value!r}; fix the lexicon line")


def _parse_pattern(obj: dict, where: str) -> Pattern:
    unknown = set(obj) - {"id", "type", "pos", "lemma", "mode", "obj", "prep", "pobj", "mod",
                          "recipient", "conf", "party", "note"}
    if unknown:
        raise DataError(f"{where}: unknown keys {sorted(unknown)}; see data/lexicon/README.md")
    for key in ("id", "type", "pos", "lemma"):
        if key not in obj:
            raise DataError(f"{where}: missing {key!r}; every pattern needs id, type, pos and lemma")
    type_ = obj["type"]
    if type_ not in ONTOLOGY:
        raise DataError(f"{where}: unknown PLOVER type {type_!r}; use one of {sorted(ONTOLOGY)}")
    pos = obj["pos"]
    if pos not in POS:
        raise DataError(f"{where}: pos must be one of {POS}, got {pos!r}")
    modes = _tuple(obj.get("mode"), where, "mode")
    bad = [m for m in modes if m not in ONTOLOGY[type_].modes]
    if bad:
        raise DataError(f"{where}: modes {bad} are not modes of {type_} ({ONTOLOGY[type_].modes})")
    recipient = _tuple(obj.get("recipient", "dobj"), where, "recipient")
    for slot in recipient:
        if slot not in RECIPIENT_SLOTS and not slot.startswith("prep:"):
            raise DataError(f"{where}: unknown recipient slot {slot!r}; use dobj, dative, poss or prep:X")
    party = obj.get("party", False)
    if not isinstance(party, bool):
        raise DataError(f"{where}: party must be true or false, got {party!r}")
    conf = obj.get("conf", 0.7)
    if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
        raise DataError(f"{where}: conf must be a number in [0, 1], got {conf!r}")
    return Pattern(
        id=str(obj["id"]), type=type_, pos=pos, lemmas=_tuple(obj["lemma"], where, "lemma"),
        mode=modes, obj=_tuple(obj.get("obj"), where, "obj"), prep=_tuple(obj.get("prep"), where, "prep"),
        pobj=_tuple(obj.get("pobj"), where, "pobj"), mod=_tuple(obj.get("mod"), where, "mod"),
        recipient=recipient, confidence=float(conf), party=party,
    )


@dataclass(frozen=True)
class Lexicon:
    """Trigger patterns indexed by (part of speech, lemma), plus mode cues."""

    patterns: tuple[Pattern, ...]
    mode_cues: tuple[ModeCue, ...] = ()
    version: str = "unversioned"  # "<patterns>p-<sha256 of the data files, 12 hex digits>"
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        ids: set[str] = set()
        for p in self.patterns:
            if p.id in ids:
                raise DataError(f"duplicate pattern id {p.id!r} in the lexicon; ids must be unique")
            ids.add(p.id)
            for lemma in p.lemmas:
                self._index.setdefault((p.pos, lemma), []).append(p)

    def lookup(self, pos: str, lemma: str) -> list[Pattern]:
        return self._index.get((pos, lemma), [])

    def cues_for(self, type_: str) -> dict[str, str]:
        """Cue lemma -> mode for a type. REQUEST and REJECT share their modes (PLOVER manual,
        tables of both), and so their cues: a cue of either serves both."""
        shared = ("REQUEST", "REJECT") if type_ in ("REQUEST", "REJECT") else (type_,)
        out: dict[str, str] = {}
        for t in shared:
            out.update({c.lemma: c.mode for c in self.mode_cues if c.type == t and c.lemma not in out})
        own = {c.lemma: c.mode for c in self.mode_cues if c.type == type_}
        return out | own

    def __len__(self) -> int:
        return len(self.patterns)

    @classmethod
    def from_lines(cls, lines, *, source: str = "<lines>", cue_lines=(), cue_source: str = "mode cues") -> "Lexicon":
        """Build a lexicon from JSONL pattern lines and TSV mode-cue lines (``#`` starts a comment)."""
        patterns = []
        for n, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            where = f"{source}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(f"{where}: invalid JSON ({e.msg}); fix the lexicon line") from e
            if not isinstance(obj, dict):
                raise DataError(f"{where}: a pattern must be a JSON object")
            patterns.append(_parse_pattern(obj, where))
        cues = []
        for n, line in enumerate(cue_lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or parts[1] not in ONTOLOGY or parts[2] not in ONTOLOGY[parts[1]].modes:
                raise DataError(f"{cue_source}:{n}: expected 'lemma<TAB>TYPE<TAB>mode' with a valid mode, got {line!r}")
            cues.append(ModeCue(parts[0].lower(), parts[1], parts[2]))
        digest = hashlib.sha256("\n".join(list(lines) + ["--"] + list(cue_lines)).encode("utf-8")).hexdigest()
        return cls(tuple(patterns), tuple(cues), version=f"{len(patterns)}p-{digest[:12]}")

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "Lexicon":
        """Read ``triggers.jsonl`` and ``mode_cues.tsv`` from ``directory`` (default: the shipped lexicon)."""
        d = Path(directory) if directory is not None else DEFAULT_DIR
        path, cue_path = d / "triggers.jsonl", d / "mode_cues.tsv"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            cue_lines = cue_path.read_text(encoding="utf-8").splitlines() if cue_path.exists() else []
        except OSError as e:
            raise DataError(f"cannot read the trigger lexicon {path}: {e}; reinstall eventcoder") from e
        except UnicodeDecodeError as e:
            raise DataError(f"the trigger lexicon in {d} is not UTF-8 ({e.reason} at byte {e.start}): "
                            f"a file is corrupt; reinstall eventcoder") from e
        lex = cls.from_lines(lines, source=str(path), cue_lines=cue_lines, cue_source=str(cue_path))
        log.debug("loaded %d trigger patterns and %d mode cues from %s", len(lex), len(lex.mode_cues), d)
        return lex


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return Lexicon.load()
