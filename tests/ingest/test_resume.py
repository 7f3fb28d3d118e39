"""--resume: an interrupted output file is completed without duplicates or losses."""
from __future__ import annotations

import io
import json

import pytest

from eventcoder.errors import InputError
from eventcoder.ingest import iter_inputs, resume_output, stable_id
from eventcoder.ingest.resume import truncate_partial_line
from eventcoder.records import CodedDocument, ErrorInfo

INPUT = [json.dumps({"id": "a", "text": "Talks were held."}), "{not json",
         json.dumps({"text": "No id here."}), json.dumps({"id": "d", "text": ""}),
         json.dumps({"id": "e", "text": "More talks."})]


def _items():
    stream = io.BytesIO(("\n".join(INPUT) + "\n").encode())
    return iter(iter_inputs(["-"], stdin=stream, check_language=False))


def _coded_lines():
    """What a run writes for INPUT (events left empty; only ids, lines and errors matter here)."""
    out = []
    for item in _items():
        if hasattr(item, "text"):
            d = CodedDocument(id=item.id, published=None)
        else:
            d = CodedDocument(id=item.id, line=item.line, error=ErrorInfo(item.type, item.message))
        out.append(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
    return out


def test_truncate_partial_line(tmp_path):
    p = tmp_path / "o.jsonl"
    p.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert truncate_partial_line(p) == 6 and p.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert truncate_partial_line(p) == 0
    p.write_bytes(b'{"a": ')
    assert truncate_partial_line(p) == 6 and p.read_bytes() == b""


@pytest.mark.parametrize("done", [0, 1, 2, 3, 4, 5])
def test_resume_consumes_exactly_the_inputs_already_written(tmp_path, done):
    lines = _coded_lines()
    out = tmp_path / "out.jsonl"
    out.write_text("".join(lines[:done]) + (lines[done][:15] if done < len(lines) else ""), encoding="utf-8")
    items = _items()
    state = resume_output(out, items)
    assert state.done == done
    assert state.truncated_bytes == (15 if done < len(lines) else 0)
    assert out.read_text(encoding="utf-8") == "".join(lines[:done])
    rest = list(items)
    assert len(rest) == len(lines) - done
    if rest:
        assert rest[0].id == json.loads(lines[done])["id"]
    assert sum(state.errors.values()) == sum(1 for x in lines[:done] if '"error"' in x)


def test_generated_ids_and_id_less_errors_are_matched(tmp_path):
    lines = _coded_lines()
    assert json.loads(lines[1])["id"] is None and json.loads(lines[2])["id"] == stable_id("No id here.")
    out = tmp_path / "out.jsonl"
    out.write_text("".join(lines[:3]), encoding="utf-8")
    state = resume_output(out, _items())
    assert state.done == 3 and state.errors == {"invalid_json": 1}


def test_output_of_other_inputs_is_refused_and_left_alone(tmp_path):
    lines = _coded_lines()
    out = tmp_path / "out.jsonl"
    out.write_text(lines[0] + lines[2], encoding="utf-8")  # a document is missing: not a prefix
    with pytest.raises(InputError, match="line 2 holds the error record|line 2 holds document"):
        resume_output(out, _items())
    out.write_text("".join(lines) + lines[0], encoding="utf-8")
    with pytest.raises(InputError, match="more documents"):
        resume_output(out, _items())
    out.write_text("".join(lines[:2]) + "not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3 is not JSON"):
        resume_output(out, _items())
    assert out.read_text(encoding="utf-8") == "".join(lines[:2]) + "not json\n"


def test_missing_output_means_start_from_scratch(tmp_path):
    items = _items()
    assert resume_output(tmp_path / "none.jsonl", items).done == 0
    assert len(list(items)) == len(INPUT)
