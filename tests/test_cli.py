"""The command line end to end: formats, bad input, exit codes, summary, order."""
from __future__ import annotations

import io
import json
import sys

import pytest

from eventcoder.cli import main

pytestmark = pytest.mark.slow


def _run(capsys, argv, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_input_gives_error_records_in_place_and_exit_1(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "good", "text": "Russian forces shelled Kharkiv on Tuesday.", "published": "2025-05-13"}),
        "{oops",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "num", "text": 12}),
        json.dumps({"id": "big", "text": "word " * 50}),
        json.dumps({"id": "bad-date", "text": "Talks were held in Geneva.", "published": "yesterday-ish"}),
    ]
    src.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "enc", "text": "\xff"}\n')
    out = tmp_path / "out.jsonl"
    code, _, err = _run(capsys, ["code", str(src), "-o", str(out), "--max-chars", "100"])
    docs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert code == 1
    assert [d.get("id") for d in docs] == ["good", None, "no-text", "empty", "num", "big", "bad-date", None]
    types = [d.get("error", {}).get("type") for d in docs]
    assert types == [None, "invalid_json", "missing_text", "empty_text", "not_text", "too_large", None, "encoding"]
    assert docs[1]["line"] == 2 and docs[7]["line"] == 8
    for d in docs:
        assert d["events"] == [] or not d.get("error")
        assert {"events", "entities", "places", "quotes"} <= set(d)
    assert docs[6]["published"] is None and docs[6]["warnings"]
    assert "8 documents" in err and "6 errors" in err and "invalid_json 1" in err
    assert "Traceback" not in err


def test_strict_stops_at_first_error(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": ""}\n{"id": "b", "text": "Talks."}\n', encoding="utf-8")
    code, out, err = _run(capsys, ["code", str(src), "--strict", "-q"])
    assert code == 1 and len(out.splitlines()) == 1 and "--strict" in err


def test_stdin_and_txt_inputs_keep_order_and_do_not_leak_gold_fields(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("Germany condemned the attack on Kyiv.", encoding="utf-8")
    rec = {"id": "s1", "text": "China and Russia held talks in Beijing.", "published": "2024-03-01",
           "events": [{"event": ["FAKE"]}], "entities": [{"identifier_text": "leak"}], "title": "T"}
    code, out, _ = _run(capsys, ["code", "-", str(tmp_path / "a.txt"), "-q"],
                        stdin=(json.dumps(rec) + "\n").encode(), monkeypatch=monkeypatch)
    docs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [d["id"] for d in docs] == ["s1", "a"]
    assert docs[0]["title"] == "T"
    assert all(e["event"][0] != "FAKE" for e in docs[0]["events"])
    assert all(e.get("identifier_text") != "leak" for e in docs[0]["entities"])
    coder = docs[0]["cite_info"]["coder"]
    assert coder["version"] and coder["knowledge_base"] and coder["gazetteer"] and coder["lexicon"]


def test_missing_input_file_is_a_clear_error(tmp_path, capsys):
    code, _, err = _run(capsys, ["code", str(tmp_path / "missing.jsonl")])
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_show_prints_a_table(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Russian forces shelled Kharkiv on Tuesday, killing three people.",
                               "published": "2025-05-13"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run(capsys, ["code", str(src), "-o", str(out), "-q"])[0] == 0
    code, table, _ = _run(capsys, ["show", str(out)])
    assert code == 0 and "ASSAULT" in table and "RUS" in table


def test_gazetteer_build_then_code_with_it(tmp_path, capsys):
    """A tiny GeoNames dump (the standard 19 columns) builds a gazetteer the coder can use."""
    rows = [
        [703448, "Kyiv", "Kyiv", "Kiev,Kyiv", 50.45466, 30.5238, "P", "PPLC", "UA", "", "12", "", "", "",
         2797553, "", 187, "Europe/Kiev", "2024-01-01"],
        [9999001, "Zorvanka", "Zorvanka", "", 48.1, 33.2, "P", "PPL", "UA", "", "04", "", "", "",
         12000, "", 100, "Europe/Kiev", "2024-01-01"],
    ]
    dump = tmp_path / "UA.txt"
    dump.write_text("".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    out_dir = tmp_path / "gaz"
    code, out, _ = _run(capsys, ["gazetteer", "build", "--geonames", str(dump), "-o", str(out_dir)])
    assert code == 0 and "gazetteer written" in out
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "z", "text": "Russian drones struck the town of Zorvanka on Monday.",
                               "published": "2025-05-13"}) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, ["code", str(src), "-q", "--gazetteer", str(out_dir)])
    doc = json.loads(out)
    assert code == 0
    assert any(p["extracted_place"] == "Zorvanka" and p["geonameid"] == 9999001 for p in doc["places"])
