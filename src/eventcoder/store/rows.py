"""Bulk inserts into the store, shared by ingest and linking (below both)."""
from __future__ import annotations

import os
import tempfile
import weakref

import orjson

__all__ = ["insert_rows"]

_COLUMNS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # connection -> table -> columns


def _table_columns(con, table: str) -> dict[str, str]:
    cache = _COLUMNS.setdefault(con, {})
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
