"""Exports of the store: jsonl, csv, parquet, gdelt, geojson and gexf (docs/store.md, "Exports")."""
from __future__ import annotations

from pathlib import Path

from .schema import StoreError


def copy_query(con, sql: str, params: list, output: str | Path, fmt: str) -> int:
    """COPY a query's rows to a file with DuckDB's own writer; returns the number of rows."""
    if fmt not in ("parquet", "csv", "json"):
        raise StoreError(f"copy_query writes parquet, csv or json, not {fmt!r}")
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true", "json": "FORMAT json"}[fmt]
    con.execute(f"COPY ({sql}) TO '{_quote(output)}' ({options})", params)
    return con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def _quote(path: str | Path) -> str:
    return str(path).replace("'", "''")
