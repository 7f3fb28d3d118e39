"""Loading coded documents into the store: rows from a coded document, batches, replace on re-ingest.

A coded document (FORMATS.md) becomes one ``documents`` row (or an ``errors`` row) and
rows in ``events``, ``event_arguments``, ``entities``, ``places`` and ``quotes``. The
input is read as a stream and written in batches; each batch is one transaction that
first removes what the store holds for the batch's document ids (re-ingest replaces),
then inserts, then links the new events (``linking.py``). An interrupted ingest loses at
most the batch in flight and never leaves half a document.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

import orjson

from .linking import LinkConfig, link_new_events, refresh_linked, unlink_documents
from .plover import cameo_root, plover_score
from .schema import DOCUMENT_TABLES, StoreError

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def is_coded(record: object) -> bool:
    """A JSON line is a coded document when it carries the coder's ``events`` list."""
    return isinstance(record, dict) and isinstance(record.get("events"), list)


def parse_date(value: object) -> tuple[date | None, str | None]:
    """(first day, precision) of an ISO date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD[...]``."""
    if not isinstance(value, str) or len(value) < 4:
        return None, None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10]), "day"
        if len(value) >= 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:7]), 1), "month"
        if value[:4].isdigit():
            return date(int(value[:4]), 1, 1), "year"
    except ValueError:
        return None, None
    return None, None


def source_of(publication: str | None, url: str | None) -> str | None:
    """The outlet a document counts for in NumSources: its publication, else its URL's host."""
    if publication:
        return publication.strip()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def _find(haystack: str, needle: str) -> int:
    if not needle:
        return -1
    i = haystack.find(needle)
    return i if i >= 0 else haystack.lower().find(needle.lower())


@dataclass
class DocumentRows:
    """The rows one coded document gives, table by table."""

    doc_id: str
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, row: dict) -> None:
        self.tables.setdefault(table, []).append(row)


def _coder(doc: dict) -> dict:
    coder = (doc.get("cite_info") or {}).get("coder") or {}
    return coder if isinstance(coder, dict) else {}


def _timestamp(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc).replace(tzinfo=None)
    return t.isoformat()


def document_rows(doc: dict, *, input_file: str | None = None, text: str | None = None,
                  ingested_at: datetime | None = None, coded_at: str | None = None) -> DocumentRows:
    """Every row a coded document gives. ``text`` is the input text when ingest coded it."""
    ingested = (ingested_at or _now()).isoformat()
    coder = _coder(doc)
    line = doc.get("line") if isinstance(doc.get("line"), int) else None
    doc_id = doc.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        doc_id = f"{Path(input_file).name if input_file else 'input'}:{line if line is not None else '?'}"
    url = doc.get("url")
    published = doc.get("published") if isinstance(doc.get("published"), str) else None
    pub_date, pub_precision = parse_date(published)
    coded_at = coded_at or _timestamp((doc.get("cite_info") or {}).get("coded_at"))
    prov = {"doc_id": doc_id, "url": url, "published": published, "coded_at": coded_at,
            "coder_version": coder.get("version"), "model_version": coder.get("model"),
            "kb_version": coder.get("knowledge_base")}
    rows = DocumentRows(doc_id)
    events = [e for e in doc.get("events") or [] if isinstance(e, dict)]
    entities = [e for e in doc.get("entities") or [] if isinstance(e, dict)]
    places = [p for p in doc.get("places") or [] if isinstance(p, dict)]
    quotes = [q for q in doc.get("quotes") or [] if isinstance(q, dict)]
    error = doc.get("error") if isinstance(doc.get("error"), dict) else None
    rows.add("documents", {
        "doc_id": doc_id, "url": url, "title": doc.get("title"), "publication": doc.get("publication"),
        "source": source_of(doc.get("publication"), url), "language": doc.get("language"),
        "published": published, "published_date": pub_date.isoformat() if pub_precision == "day" else None,
        "text": text if text is not None else (doc.get("text") if isinstance(doc.get("text"), str) else None),
        "n_events": len(events), "n_entities": len(entities), "n_places": len(places), "n_quotes": len(quotes),
        "error_type": error.get("type") if error else None, "coded_at": coded_at, "ingested_at": ingested,
        "coder_version": coder.get("version"), "model_version": coder.get("model"),
        "kb_version": coder.get("knowledge_base"), "gazetteer_version": coder.get("gazetteer"),
        "lexicon_version": coder.get("lexicon"), "input_file": input_file, "input_line": line,
    })
    if error:
        rows.add("errors", {
            "doc_id": doc_id, "url": url, "published": published, "input_file": input_file, "input_line": line,
            "error_type": str(error.get("type") or "internal"), "message": error.get("message"),
            "coded_at": coded_at, "coder_version": coder.get("version"), "model_version": coder.get("model"),
            "kb_version": coder.get("knowledge_base"), "ingested_at": ingested})
    for i, e in enumerate(events):
        _event_rows(rows, prov, i, e, places, pub_date if pub_precision == "day" else None)
    seen: set[str] = set()
    for r in rows.tables.get("events", []):  # one id twice in a document: the later one is renamed
        if r["event_id"] in seen:
            old, r["event_id"] = r["event_id"], f"{r['event_id']}~{r['event_index']}"
            for a in rows.tables.get("event_arguments", []):
                if a["event_id"] == old and a.get("_index") == r["event_index"]:
                    a["event_id"] = r["event_id"]
        seen.add(r["event_id"])
    for i, ent in enumerate(entities):
        mentions = [m for m in ent.get("mentions") or [] if isinstance(m, dict)]
        rows.add("entities", {**prov, "entity_index": i, "entity_key": _entity_key(ent),
                              "identifier_text": ent.get("identifier_text"), "identifier_id": ent.get("identifier_id"),
                              "country": ent.get("code"), "sector": ent.get("sector"), "kind": ent.get("kind"),
                              "office": ent.get("office"), "confidence": ent.get("confidence"),
                              "n_mentions": len(mentions),
                              "first_start": mentions[0].get("start") if mentions else None,
                              "first_end": mentions[0].get("end") if mentions else None,
                              "mentions": [{"text": m.get("text"), "start": m.get("start"), "end": m.get("end")}
                                           for m in mentions]})
    for i, p in enumerate(places):
        rows.add("places", {**prov, "place_index": i, "extracted_place": p.get("extracted_place"),
                            "start_char": p.get("start"), "end_char": p.get("end"),
                            "resolved_place": p.get("resolved_place"), "geonameid": p.get("geonameid"),
                            "lat": p.get("lat"), "lon": p.get("lon"), "country": p.get("country_code"),
                            "feature_code": p.get("feature_code"), "resolution": p.get("resolution"),
                            "confidence": p.get("confidence")})
    for i, q in enumerate(quotes):
        sp = q.get("speaker") if isinstance(q.get("speaker"), dict) else {}
        rows.add("quotes", {**prov, "quote_index": i, "text": q.get("text"), "start_char": q.get("start"),
                            "end_char": q.get("end"), "speaker_text": sp.get("entity_text"),
                            "speaker_start": sp.get("start"), "speaker_end": sp.get("end"),
                            "speaker_country": sp.get("code"), "speaker_sector": sp.get("sector"),
                            "speaker_identifier_text": sp.get("identifier_text"),
                            "speaker_identifier_id": sp.get("identifier_id"), "cue": q.get("cue"),
                            "confidence": q.get("confidence"), "event_ids": list(q.get("event_ids") or [])})
    return rows


def _entity_key(a: dict) -> str | None:
    """An actor's identity across documents: its KB id, else its canonical name, else its country."""
    if a.get("identifier_id"):
        return str(a["identifier_id"])
    if a.get("identifier_text"):
        return "name:" + str(a["identifier_text"]).casefold()
    if a.get("code"):
        return "country:" + str(a["code"])
    return None


def _event_rows(rows: DocumentRows, prov: dict, index: int, e: dict, places: list[dict],
                published: date | None) -> None:
    info = e.get("text_info") if isinstance(e.get("text_info"), dict) else {}
    sentence = e.get("text") if isinstance(e.get("text"), str) else ""
    s_start, s_end = info.get("start"), info.get("end")
    seq = info.get("sequence")
    event_id = _event_id(prov["doc_id"], e.get("id"), index)
    types = [t for t in e.get("event") or [] if isinstance(t, str)]
    triggers = [t for t in e.get("event_text") or [] if isinstance(t, str)]
    t_start = e.get("trigger_start") if isinstance(e.get("trigger_start"), int) else None
    t_end = e.get("trigger_end") if isinstance(e.get("trigger_end"), int) else None
    if t_start is None and triggers and isinstance(s_start, int):
        # The coder gives the trigger as text; its first occurrence in the sentence is its place.
        # A trigger of several words ("met discuss") is placed by its first word.
        for needle in (triggers[0], triggers[0].split()[0] if triggers[0].split() else ""):
            i = _find(sentence, needle)
            if i >= 0:
                t_start, t_end = s_start + i, s_start + i + len(needle)
                break
    loc = e.get("event_loc") if isinstance(e.get("event_loc"), dict) else None
    p_start = p_end = None
    if loc:
        p_start, p_end = _place_span(loc, places, s_start, s_end)
    d, precision = parse_date(e.get("date"))
    event_date = d if precision == "day" else published
    roles = {"actor": [a for a in e.get("actor") or [] if isinstance(a, dict)],
             "recipient": [a for a in e.get("recipient") or [] if isinstance(a, dict)]}
    rows.add("events", {
        **prov, "event_id": event_id, "event_index": index, "sentence_index": seq,
        "sentence_start": s_start, "sentence_end": s_end, "sentence": sentence,
        "event_type": types[0] if types else None, "event_types": types, "quad_code": e.get("quad_code"),
        "cameo_root": cameo_root(types[0] if types else None, e.get("mode")),
        "goldstein": plover_score(types[0] if types else None, e.get("mode")),
        "modes": list(e.get("mode") or []), "contexts": list(e.get("context") or []), "event_text": triggers,
        "trigger_start": t_start, "trigger_end": t_end, "date": e.get("date"),
        "date_start": d.isoformat() if d else None, "date_precision": precision,
        "event_date": event_date.isoformat() if event_date else None,
        "place_text": loc.get("extracted_place") if loc else None, "place_start": p_start, "place_end": p_end,
        "place_name": loc.get("resolved_place") if loc else None, "geonameid": loc.get("geonameid") if loc else None,
        "lat": loc.get("lat") if loc else None, "lon": loc.get("lon") if loc else None,
        "place_country": loc.get("country_code") if loc else None,
        "feature_code": loc.get("feature_code") if loc else None,
        "place_resolution": loc.get("resolution") if loc else None,
        "actor_countries": sorted({a["code"] for a in roles["actor"] if a.get("code")}),
        "recipient_countries": sorted({a["code"] for a in roles["recipient"] if a.get("code")}),
        "actors": [_argument(a) for a in roles["actor"]], "recipients": [_argument(a) for a in roles["recipient"]],
        "confidence": e.get("confidence"), "pattern": e.get("pattern"),
    })
    for role, actors in roles.items():
        for pos, a in enumerate(actors):
            rows.add("event_arguments", {
                **prov, "event_id": event_id, "_index": index, "sentence_index": seq, "role": role, "position": pos,
                "entity_text": a.get("entity_text"), "start_char": a.get("start"), "end_char": a.get("end"),
                "country": a.get("code"), "sector": a.get("sector"), "identifier_text": a.get("identifier_text"),
                "identifier_id": a.get("identifier_id"), "office": a.get("office"), "entity_key": _entity_key(a)})


def _argument(a: dict) -> dict:
    return {"entity_text": a.get("entity_text"), "country": a.get("code"), "sector": a.get("sector"),
            "identifier_text": a.get("identifier_text"), "identifier_id": a.get("identifier_id"),
            "office": a.get("office"), "start_char": a.get("start"), "end_char": a.get("end")}


def _event_id(doc_id: str, given: object, index: int) -> str:
    """A store-wide unique event id: the coder's (``DOC-eN``) when it starts with the document id.

    A coded document copied under a new id keeps its old event ids; those are prefixed
    with the new document id so that two documents never share an event id.
    """
    if not isinstance(given, str) or not given:
        return f"{doc_id}-e{index + 1}"
    return given if given.startswith(doc_id) else f"{doc_id}/{given}"


def _place_span(loc: dict, places: list[dict], s_start, s_end) -> tuple[int | None, int | None]:
    """The span of an event's place: the document toponym it came from, in its sentence if there."""
    if isinstance(loc.get("start"), int):
        return loc["start"], loc.get("end")
    same = [p for p in places if p.get("extracted_place") == loc.get("extracted_place")
            and isinstance(p.get("start"), int)]
    if not same:
        return None, None
    if isinstance(s_start, int) and isinstance(s_end, int):
        inside = [p for p in same if s_start <= p["start"] < s_end]
        if inside:
            return inside[0]["start"], inside[0].get("end")
        return min(((abs(p["start"] - s_start), p) for p in same), key=lambda x: x[0])[1]["start"], None
    return same[0]["start"], same[0].get("end")


# ---------------------------------------------------------------- bulk writing
_COLUMNS: dict[int, dict[str, dict[str, str]]] = {}


def _table_columns(con, table: str) -> dict[str, str]:
    cache = _COLUMNS.setdefault(id(con), {})
    if table not in cache:
        cache[table] = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [table]).fetchall())
    return cache[table]


def insert_rows(con, table: str, rows: list[dict], tmpdir: str | None = None) -> None:
    """Insert many rows at once: DuckDB reads them as JSON lines, far faster than executemany."""
    if not rows:
        return
    cols = _table_columns(con, table)
    fd, path = tempfile.mkstemp(suffix=".jsonl", prefix=f"ec-{table}-", dir=tmpdir)
    names_ = list(cols)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(b"\n".join(orjson.dumps({c: r.get(c) for c in names_}, default=str) for r in rows))
            f.write(b"\n")
        spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in cols.items()) + "}"
        names = ", ".join(f'"{c}"' for c in cols)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_json(?, format = 'newline_delimited', "
                    f"columns = {spec}, maximum_object_size = 268435456)", [path])
    finally:
        os.unlink(path)


def delete_documents(con, doc_ids: list[str]) -> list[str]:
    """Remove every row of these documents; returns the linked events that lost mentions."""
    if not doc_ids:
        return []
    touched = unlink_documents(con, doc_ids)
    con.execute("CREATE OR REPLACE TEMP TABLE _gone (doc_id VARCHAR)")
    insert_rows(con, "_gone", [{"doc_id": d} for d in doc_ids])
    for table in DOCUMENT_TABLES + ("documents",):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _gone)")
    con.execute("DROP TABLE _gone")
    # Linked events left without mentions go now, before the new versions are linked.
    refresh_linked(con, touched)
    return touched


@dataclass
class IngestStats:
    documents: int = 0
    replaced: int = 0
    events: int = 0
    errors: int = 0
    linked_new: int = 0
    linked_joined: int = 0
    batches: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)


def write_batch(con, batch: list[DocumentRows], *, link: LinkConfig | None = None,
                stats: IngestStats | None = None) -> IngestStats:
    """Write one batch in one transaction: replace its documents, insert, link."""
    stats = stats or IngestStats()
    last: dict[str, DocumentRows] = {}
    for rows in batch:  # the same id twice in one batch: the later one wins, as on re-ingest
        last.pop(rows.doc_id, None)
        last[rows.doc_id] = rows
    ids = list(last)
    con.execute("BEGIN TRANSACTION")
    try:
        existing = _existing(con, ids)
        touched = delete_documents(con, existing) if existing else []
        tables: dict[str, list[dict]] = {}
        for rows in last.values():
            for table, rs in rows.tables.items():
                tables.setdefault(table, []).extend(rs)
        for table in ("documents",) + DOCUMENT_TABLES:
            insert_rows(con, table, tables.get(table, []))
        new_events = [r["event_id"] for r in tables.get("events", [])]
        result = link_new_events(con, new_events, touched=touched, config=link or LinkConfig())
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    stats.documents += len(ids)
    stats.replaced += len(existing)
    stats.events += len(tables.get("events", []))
    stats.errors += len(tables.get("errors", []))
    stats.linked_new += result.new
    stats.linked_joined += result.joined
    stats.batches += 1
    return stats


def _existing(con, ids: list[str]) -> list[str]:
    if not ids:
        return []
    found: list[str] = []
    for i in range(0, len(ids), 1000):
        chunk = ids[i:i + 1000]
        marks = ", ".join("?" for _ in chunk)
        found += [r[0] for r in con.execute(f"SELECT doc_id FROM documents WHERE doc_id IN ({marks})", chunk).fetchall()]
    return found


def ingest_coded(con, docs: Iterable[tuple[dict, str | None, str | None]], *, batch_size: int = 500,
                 link: LinkConfig | None = None, progress: Callable[[int], Any] | None = None) -> IngestStats:
    """Ingest a stream of (coded document, input file, input text) in batches; constant memory."""
    stats = IngestStats()
    batch: list[DocumentRows] = []
    now = _now()
    for doc, input_file, text in docs:
        batch.append(document_rows(doc, input_file=input_file, text=text, ingested_at=now))
        if len(batch) >= batch_size:
            write_batch(con, batch, link=link, stats=stats)
            if progress:
                progress(len(batch))
            batch = []
            now = _now()
    if batch:
        write_batch(con, batch, link=link, stats=stats)
        if progress:
            progress(len(batch))
    return stats


# ---------------------------------------------------------------- reading inputs
CODED_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jl")
_COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd", ".zstd": "zstd"}


def _split(path: Path) -> tuple[str, str | None]:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in _COMPRESSION:
        return (suffixes[-2] if len(suffixes) > 1 else ""), _COMPRESSION[suffixes[-1]]
    return (suffixes[-1] if suffixes else ""), None


def open_lines(path: Path):
    """A JSON-lines file opened for bytes, decompressed on the fly (.gz, .bz2, .zst).

    The store reads coded files itself: importing the coder's readers would load spaCy,
    which loading coded documents does not need.
    """
    _, compression = _split(path)
    try:
        if compression == "gzip":
            import gzip

            return gzip.open(path, "rb")
        if compression == "bz2":
            import bz2

            return bz2.open(path, "rb")
        if compression == "zstd":
            import io

            import zstandard

            return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb")))
        return open(path, "rb")
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror or e}") from e


def peek_kind(path: Path) -> str:
    """"coded" when the file's first JSON line is a coded document, else "raw"."""
    fmt, _ = _split(path)
    if fmt not in CODED_SUFFIXES:
        return "raw"
    with open_lines(path) as f:
        for line in f:
            if line.strip():
                try:
                    return "coded" if is_coded(json.loads(line)) else "raw"
                except ValueError:
                    return "raw"
    return "coded"


def iter_coded_file(path: Path) -> Iterator[tuple[dict, str | None, str | None]]:
    """The coded documents of a JSON-lines file (optionally compressed), streamed.

    A line that is not JSON or not a coded document becomes an error record, as the
    coder would write it, so that the store counts it instead of stopping.
    """
    with open_lines(path) as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                doc = orjson.loads(raw)
            except ValueError as e:
                doc = {"id": None, "line": n, "error": {"type": "invalid_json", "message": str(e)}, "events": []}
            if not is_coded(doc):
                doc = {"id": doc.get("id") if isinstance(doc, dict) else None, "line": n,
                       "error": {"type": "not_text", "message": "not a coded document (no 'events' list) in a "
                                                                 "file of coded documents"}, "events": []}
            doc.setdefault("line", n)
            yield doc, str(path), None


def expand_inputs(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            from ..ingest.readers import input_kind  # raw inputs are coded: spaCy loads anyway

            out += sorted(q for q in path.rglob("*") if q.is_file() and
                          (_split(q)[0] in CODED_SUFFIXES or input_kind(q)[0] is not None))
        elif path.is_file():
            out.append(path)
        else:
            raise StoreError(f"{path}: no such file or directory")
    return out
