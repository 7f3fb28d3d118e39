"""``eventcoder kb build | add | lookup`` and the user's knowledge-base folder."""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import pytest

from eventcoder import cli
from eventcoder.actors.kb import KnowledgeBase
from eventcoder.actors.userkb import add_entries, user_kb_dir, user_kb_files
from eventcoder.errors import DataError
from eventcoder.cli.kb import register as add_kb_commands

_spec = importlib.util.spec_from_file_location("wikidata_dump", Path(__file__).with_name("test_wikidata.py"))
wd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wd)


def _hooked(parser: argparse.ArgumentParser) -> bool:
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return "kb" in subs.choices


def run(argv: list[str]) -> int:
    """``eventcoder.cli.main(argv)`` once the lead hooks the kb commands in; until then a parser of our own."""
    if _hooked(cli.build_parser()):
        return cli.main(argv)
    parser = argparse.ArgumentParser(prog="eventcoder")
    add_kb_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("EVENTCODER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EVENTCODER_KB_EXTRA", raising=False)
    return tmp_path / "home"


@pytest.fixture
def tiny_kb(tmp_path) -> Path:
    folder = tmp_path / "tiny-kb"
    folder.mkdir()
    (folder / "entities.jsonl").write_text("", encoding="utf-8")
    (folder / "countries.jsonl").write_text(json.dumps(
        {"code": "RUS", "name": "Russia", "adjectives": ["Russian"]}) + "\n", encoding="utf-8")
    (folder / "roles.jsonl").write_text(json.dumps(
        {"phrase": "foreign minister", "sector": "GOV", "role": "foreign_minister"}) + "\n", encoding="utf-8")
    return folder


def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


GOOD = [
    {"id": "Q900001", "name": "Marta Nowak-Lis", "aliases": ["M. Nowak-Lis"], "kind": "person", "country": "POL",
     "sector": "GOV", "offices": [{"title": "Minister of Foreign Affairs", "role": "foreign_minister",
                                   "country": "POL", "sector": "GOV", "start": "2024-01", "end": None}]},
    {"id": "ec:green-valley-militia-cod", "name": "Green Valley Militia", "kind": "armed_group", "country": "COD",
     "sector": "REB"},
]


# ---------------------------------------------------------------- the user's folder

def test_user_kb_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTCODER_HOME", str(tmp_path / "ec"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_kb_dir() == tmp_path / "ec" / "kb"
    monkeypatch.delenv("EVENTCODER_HOME")
    assert user_kb_dir() == tmp_path / "xdg" / "eventcoder" / "kb"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    assert user_kb_dir() == tmp_path / "me" / ".local" / "share" / "eventcoder" / "kb"
    assert user_kb_files() == []


# ---------------------------------------------------------------- kb add

def test_kb_add_merges_by_id(home, tmp_path, capsys, tiny_kb):
    assert run(["kb", "add", str(_jsonl(tmp_path / "mine.jsonl", GOOD))]) == 0
    assert "added 2 and replaced 0" in capsys.readouterr().out
    target = home / "kb" / "entities.jsonl"
    assert user_kb_files() == [target]
    renamed = dict(GOOD[0], name="Marta Nowak")
    extra = {"id": "ec:x-party-pol", "name": "X Party", "kind": "organisation", "country": "POL", "sector": "PTY"}
    assert run(["kb", "add", str(_jsonl(tmp_path / "more.jsonl", [renamed, extra]))]) == 0
    assert "added 1 and replaced 1" in capsys.readouterr().out
    rows = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["Q900001", "ec:green-valley-militia-cod", "ec:x-party-pol"]
    assert rows[0]["name"] == "Marta Nowak"  # replaced in place, nothing else lost
    kb = KnowledgeBase.load(tiny_kb, extra=user_kb_files(), use_env=False)
    assert [e.id for e in kb.by_name("Marta Nowak")] == ["Q900001"]
    assert kb.by_office("foreign_minister", "POL", "2025-01-01")[0].name == "Marta Nowak"


def test_kb_add_reports_every_bad_line_and_adds_nothing(home, tmp_path, capsys):
    bad = _jsonl(tmp_path / "bad.jsonl", [
        GOOD[0],
        '{"id": "Q1", "name": "Broken"',
        {"id": "Q2", "kind": "person"},
        {"id": "Q3", "name": "Bad Sector", "kind": "person", "sector": "XYZ"},
        {"id": "Q4", "name": "Bad Office", "kind": "person", "offices": [
            {"title": "Minister", "role": "boss", "start": "2024-13-01", "end": "2020"}]},
        {"code": "ABC", "name": "Country Line"},
        {"id": "Q5", "name": "Odd Kind", "kind": "planet", "country": "Russia"},
    ])
    assert run(["kb", "add", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("eventcoder: error:") and "8 problem(s); nothing was added" in err
    for expected in (f"{bad}:2: not valid JSON", f"{bad}:3: 'name' is required", f"{bad}:4: 'sector' 'XYZ'",
                     f"{bad}:5: office 1: role 'boss'", f"{bad}:5: office 1: 'start' must be YYYY",
                     f"{bad}:6: only entities", f"{bad}:7: 'kind' is required", f"{bad}:7: 'country' must be"):
        assert expected in err, expected
    assert f"{bad}:1:" not in err
    assert not (home / "kb").exists()
    assert run(["kb", "add", str(tmp_path / "absent.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_add_entries_rejects_a_broken_user_kb(home, tmp_path):
    (home / "kb").mkdir(parents=True)
    (home / "kb" / "entities.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(DataError, match="repair or remove"):
        add_entries(_jsonl(tmp_path / "mine.jsonl", GOOD))


# ---------------------------------------------------------------- kb lookup

def test_kb_lookup_on_the_shipped_kb(home, capsys):
    assert run(["kb", "lookup", "Sergey Lavrov", "--date", "2025-05-13", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "as a person: Sergey Lavrov (Q58217)" in out
    table = out.splitlines()[-3:]
    assert table[0].startswith("*") and "Q58217" in table[0] and "Minister of Foreign Affairs" in table[0]
    assert "RUS" in table[0] and "GOV" in table[0]


def test_kb_lookup_garbled_name_in_context(home, tmp_path, tiny_kb, capsys):
    built = wd.build_from_wikidata_dump(wd.write_dump(tmp_path / "dump.json"), tmp_path / "wd.jsonl").out_path
    argv = ["kb", "lookup", "Sergei Lawarovich", "--kb", str(tiny_kb), "--kb-extra", str(built)]
    assert run(argv + ["--date", "2025-05-13", "--context", "Russian foreign minister"]) == 0
    out = capsys.readouterr().out
    assert "roles foreign_minister; countries RUS" in out
    assert "as a person: Sergey Lavrov (Q58217)" in out
    assert run(argv + ["--date", "2025-05-13"]) == 0  # without the title the spelling is too far
    assert "as a person: no link" in capsys.readouterr().out
    assert run(["kb", "lookup", "Zzyzx Qwerty", "--kb", str(tiny_kb)]) == 1
    assert "no candidates" in capsys.readouterr().out
    assert run(argv + ["--date", "2025-02-30"]) == 2
    assert capsys.readouterr().err.startswith("eventcoder: error: --date '2025-02-30' is not a date")


def test_kb_lookup_sees_the_users_entities(home, tmp_path, tiny_kb, capsys):
    add_entries(_jsonl(tmp_path / "mine.jsonl", GOOD))
    assert run(["kb", "lookup", "Marta Nowak Lis", "--kb", str(tiny_kb), "--date", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "as a person: Marta Nowak-Lis (Q900001)" in out and "POL" in out
    assert run(["kb", "lookup", "Green Valley Militia", "--kb", str(tiny_kb)]) == 0
    assert "as an organisation or state: Green Valley Militia" in capsys.readouterr().out


# ---------------------------------------------------------------- kb build

def test_kb_build(home, tmp_path, capsys, tiny_kb):
    dump = wd.write_dump(tmp_path / "latest-all.json.bz2")
    out = tmp_path / "out" / "wd.jsonl.gz"
    assert run(["kb", "build", "--wikidata", str(dump), "-o", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "kept 22" in printed and f"--kb-extra {out}" in printed
    assert len(KnowledgeBase.load(tiny_kb, extra=[out], use_env=False).entities) == 22
    # by default into the user's folder, merged before the hand-written entities
    add_entries(_jsonl(tmp_path / "mine.jsonl", [dict(GOOD[0], id="Q7747", name="Vladimir V. Putin")]))
    assert run(["kb", "build", "--wikidata", str(dump), "-q"]) == 0
    assert "merged into every run" in capsys.readouterr().out
    assert [p.name for p in user_kb_files()] == ["wikidata.jsonl.gz", "entities.jsonl"]
    kb = KnowledgeBase.load(tiny_kb, extra=user_kb_files(), use_env=False)
    assert [e.name for e in kb.entities if e.id == "Q7747"] == ["Vladimir V. Putin"]  # the user's entry wins
    assert run(["kb", "build", "--wikidata", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err.startswith("eventcoder: error: the Wikidata dump")
