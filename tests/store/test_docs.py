"""docs/store.md documents every table column, filter, command option and GDELT column."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventcoder.cli import build_parser
from eventcoder.store import EventFilters
from eventcoder.store.export import GDELT_COLUMNS
from eventcoder.store.schema import ARGUMENTS, PROVENANCE_COLUMNS, TABLES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "store.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(title)
    nxt = re.search(r"\n#{2,3} ", DOC[start + len(title):])
    return DOC[start: start + len(title) + (nxt.start() if nxt else len(DOC))]


def _columns(ddl: str) -> list[str]:
    body = ddl.replace("ARGUMENTS", ARGUMENTS.replace(",", ";"))
    body = body[body.index("(") + 1: body.rindex(")")]
    cols = []
    for part in re.split(r",\s*\n", body):
        name = part.strip().split()[0].strip('"')
        cols.append(name)
    return cols


@pytest.mark.parametrize("table", [t for t in TABLES if t != "store_meta"])
def test_every_column_is_documented(table):
    section = _section(f"### {table}\n")
    documented = set(re.findall(r"`([a-z_0-9]+)`", section))
    missing = [c for c in _columns(TABLES[table])
               if c not in documented and not (c in PROVENANCE_COLUMNS and "provenance" in section)]
    assert not missing, f"docs/store.md, table {table}: undocumented columns {missing}"


def test_every_filter_and_option_is_documented():
    section = _section("## Queries")
    for name in EventFilters.__dataclass_fields__:
        assert name in section or name in ("event_id",), f"filter {name} missing from docs/store.md Queries"
    sub = build_parser()._subparsers._group_actions[0].choices
    for command in ("ingest", "query", "export"):
        for action in sub[command]._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt not in ("--help",) and opt not in DOC and not any(
                        opt in a.option_strings for a in sub["code"]._actions):
                    pytest.fail(f"option {command} {opt} missing from docs/store.md")


def test_every_gdelt_column_is_documented():
    section = _section("### The GDELT columns")
    for c in GDELT_COLUMNS:
        if c.startswith(("Actor1Geo_", "Actor2Geo_")):
            continue  # documented together
        if c.startswith("Actor2") or c in ("Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
                                           "Actor1Type2Code", "Actor1Type3Code"):
            assert c.startswith("Actor2") and "`Actor2Code` ... `Actor2Type3Code`" in section or f"`{c}`" in section
            continue
        assert f"`{c}`" in section, f"GDELT column {c} missing from docs/store.md"
