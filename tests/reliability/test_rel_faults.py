"""Fault injection: a full disk, a closed pipe, a directory as output, a missing input, Ctrl-C,
a killed worker, a document past its time budget, corrupt data files.

Every fault ends in one line naming the path and the document reached (no traceback), the
output holds complete documents (and perhaps a partial last line), and ``--resume``
completes it: no document lost, none duplicated.
"""
from __future__ import annotations

import errno
import gzip
import json
import multiprocessing as mp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eventcoder.pipeline
from eventcoder.cli import main
from eventcoder.cli._common import Output
from eventcoder.config import Config
from eventcoder.errors import DataError, WorkerError
from eventcoder.ingest import document_from_record, iter_inputs

from rel_samples import ARTICLE

pytestmark = [pytest.mark.faults, pytest.mark.slow]

DATA = Path(eventcoder.pipeline.__file__).parent / "data"
#: A text without sentence punctuation that takes far longer than a two-second budget.
CLI = [sys.executable, "-c", "import sys; from eventcoder.cli import main; sys.exit(main())"]
SLOW = "the army attacked the village and the police arrested the protesters and " * 4_000


def _inputs(path: Path, n: int = 12) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"d{i}", "text": f"{ARTICLE} Report {i}.", "published": "2025-05-14"}) + "\n")
    return path


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def cli(pipeline, monkeypatch, capsys):
    """main() in this process with the session's pipeline (the CLI would load one per run)."""
    monkeypatch.setattr(eventcoder.pipeline, "Pipeline", lambda config: pipeline)

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_a_missing_or_unknown_input_leaves_an_existing_output_alone(cli, tmp_path):
    out = tmp_path / "existing.jsonl"
    out.write_text('{"id": "keep"}\n')
    (tmp_path / "in.foo").write_text("x")
    for bad in (tmp_path / "nonexistent.jsonl", tmp_path / "in.foo"):
        code, _, err = cli("code", bad, "-o", out)
        assert code == 2 and str(bad) in err and "Traceback" not in err
        assert out.read_text() == '{"id": "keep"}\n'


@pytest.mark.parametrize("name", ["adir", "out.csv", "out.jsonl.gz"])
def test_an_output_that_cannot_be_json_lines_is_refused_before_coding(cli, tmp_path, name):
    (tmp_path / "adir").mkdir()
    code, _, err = cli("code", _inputs(tmp_path / "in.jsonl", 2), "-o", tmp_path / name)
    assert code == 2 and name in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / name).is_file()


def test_a_full_device_is_one_line_naming_path_and_document(cli, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    code, _, err = cli("code", _inputs(tmp_path / "in.jsonl", 8), "-o", "/dev/full", "-q")
    assert code == 2 and "Traceback" not in err
    [line] = err.strip().splitlines()
    assert "cannot write /dev/full at document" in line and "No space left on device" in line


class _FillingFile:
    """A real file that fails with ENOSPC once ``limit`` bytes have been written (a disk filling up)."""

    def __init__(self, path, limit):
        self.f = open(path, "w", encoding="utf-8")
        self.left = limit

    def write(self, s):
        if len(s) > self.left:
            self.f.write(s[: self.left])  # the disk takes what fits: a partial last line
            self.left = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.left -= len(s)
        return self.f.write(s)

    def close(self):
        self.f.close()


def test_a_disk_filling_up_stops_with_a_resumable_output(cli, tmp_path, monkeypatch):
    src = _inputs(tmp_path / "in.jsonl", 12)
    out = tmp_path / "out.jsonl"
    real_open = Output._open
    monkeypatch.setattr(Output, "_open", lambda self: _FillingFile(self.path, 12_000))
    code, _, err = cli("code", src, "-o", out, "-q")
    assert code == 2 and f"cannot write {out} at document" in err and "--resume" in err
    partial = out.read_bytes()
    assert partial and not partial.endswith(b"\n")  # cut mid-line, as a full disk does
    monkeypatch.setattr(Output, "_open", real_open)
    code, _, err = cli("code", src, "-o", out, "--resume")
    assert code == 0, err
    assert _ids(out) == [f"d{i}" for i in range(12)]  # nothing lost, nothing twice


def test_a_closed_pipe_is_one_line(tmp_path):
    """Real process: its standard output is a pipe closed after the first bytes."""
    src = _inputs(tmp_path / "in.jsonl", 40)
    proc = subprocess.Popen([*CLI, "code", str(src), "--batch-size", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 2, err
    assert "Traceback" not in err and "standard output was closed (broken pipe)" in err


def test_ctrl_c_leaves_a_resumable_output_and_a_summary(cli, tmp_path):
    """Real process, real SIGINT while it writes; then --resume completes the file."""
    n = 80
    src = _inputs(tmp_path / "in.jsonl", n)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*CLI, "code", str(src), "-o", str(out), "--batch-size", "1"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):  # the first flush
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 130, err
    assert "Traceback" not in err and "interrupted after" in err and "--resume" in err
    assert " documents, " in err  # the summary
    done = len(out.read_bytes().split(b"\n")) - 1
    assert 0 < done < n
    code, _, err = cli("code", src, "-o", out, "--resume")
    assert code == 0, err
    assert _ids(out) == [f"d{i}" for i in range(n)]


def test_a_document_past_its_budget_is_a_timeout_record_and_the_run_goes_on(pipeline):
    fast = eventcoder.pipeline.Pipeline(Config(doc_timeout=2, batch_size=4), nlp=pipeline.nlp, kb=pipeline.kb,
                                        gazetteer=pipeline.gazetteer, extractor=pipeline.extractor)
    items = [document_from_record({"id": i, "text": t}) for i, t in
             (("a", ARTICLE), ("slow", SLOW), ("b", ARTICLE))]
    t0 = time.monotonic()
    out = list(fast.code_stream(items))
    assert [d.id for d in out] == ["a", "slow", "b"]
    assert out[1].error is not None and out[1].error.type == "timeout" and "--doc-timeout" in out[1].error.message
    assert out[0].error is None and out[2].error is None and out[2].events
    assert time.monotonic() - t0 < 60


def test_workers_time_out_one_document_and_a_killed_worker_loses_and_duplicates_nothing(pipeline):
    """Two worker processes: a timeout record comes back from a worker; then one worker is
    killed (SIGKILL) mid-run. The results before the crash are a prefix in input order, the
    error names the documents not coded, and coding those completes the run exactly once."""
    from eventcoder.parallel import code_parallel

    n = 40
    texts = [(f"d{i}", SLOW if i == 1 else f"{ARTICLE} Report {i}.") for i in range(n)]
    items = [document_from_record({"id": i, "text": t}) for i, t in texts]
    got: list[dict] = []
    pulled = [0]

    def source():
        for item in items:
            pulled[0] += 1
            yield item

    stream = code_parallel(source(), Config(workers=2, batch_size=2, doc_timeout=2))
    with pytest.raises(WorkerError) as info:
        for d in stream:
            got.append(d)
            # bounded memory on a stream: at most 2 x workers chunks in flight beyond the results
            assert pulled[0] <= len(got) + 2 * 2 * 2 + 2
            if len(got) == 6:
                victim = mp.active_children()[0]
                os.kill(victim.pid, signal.SIGKILL)
    ids = [d["id"] for d in got]
    assert ids == [f"d{i}" for i in range(len(ids))]  # a prefix, in order, nothing twice
    assert got[1]["error"]["type"] == "timeout"
    assert info.value.ids and info.value.ids[0] == f"d{len(ids)}"
    assert "--resume" in str(info.value) and info.value.ids[0] in str(info.value)
    assert not [p for p in mp.active_children() if p.is_alive()]  # no worker left behind
    rest = list(pipeline.code_stream(items[len(ids):]))
    assert ids + [d.id for d in rest] == [i for i, _ in texts]


def _kb_copy(tmp_path) -> Path:
    d = tmp_path / "kb"
    shutil.copytree(DATA / "kb", d)
    return d


def test_a_truncated_knowledge_base_fails_at_start_with_path_and_reason(tmp_path):
    from eventcoder.actors.kb import KnowledgeBase

    d = _kb_copy(tmp_path)
    blob = (d / "entities.jsonl.gz").read_bytes()
    (d / "entities.jsonl.gz").write_bytes(blob[: len(blob) // 10])
    with pytest.raises(DataError, match=r"entities\.jsonl\.gz.*truncated or corrupt"):
        KnowledgeBase.load(d, use_env=False)
    # cut at a line boundary: valid JSON lines, but fewer records than the manifest says
    lines = (DATA / "kb" / "roles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (d / "entities.jsonl.gz").write_bytes(blob)
    (d / "roles.jsonl").write_text("".join(lines[:100]), encoding="utf-8")
    with pytest.raises(DataError, match=r"roles\.jsonl holds 100 records, its manifest\.json says"):
        KnowledgeBase.load(d, use_env=False)


def test_a_corrupt_knowledge_base_line_fails_with_path_and_line(tmp_path):
    from eventcoder.actors.kb import KnowledgeBase

    d = _kb_copy(tmp_path)
    (d / "countries.jsonl").write_bytes(b"\xff\xfe{not json\n" + (d / "countries.jsonl").read_bytes())
    with pytest.raises(DataError, match=r"countries\.jsonl is not UTF-8"):
        KnowledgeBase.load(d, use_env=False)


def test_a_corrupt_gazetteer_fails_at_start_with_path_and_reason(tmp_path):
    import sqlite3

    from eventcoder.geo import Gazetteer

    d = tmp_path / "geo"
    shutil.copytree(DATA / "geo", d)
    db = d / "gazetteer.sqlite"
    blob = db.read_bytes()
    db.write_bytes(blob[: len(blob) // 3])
    with pytest.raises(DataError, match=r"gazetteer\.sqlite"):
        Gazetteer.load(d).lookup("Kyiv")
    db.write_bytes(blob)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM places WHERE rowid IN (SELECT rowid FROM places LIMIT 10)")
    con.commit()
    con.close()
    with pytest.raises(DataError, match=r"its manifest\.json says"):
        Gazetteer.load(d)


@pytest.mark.parametrize("name", ["triggers.jsonl", "mode_cues.tsv"])
def test_a_corrupt_lexicon_fails_at_start_with_path_and_reason(tmp_path, name):
    from eventcoder.coding.lexicon import Lexicon

    d = tmp_path / "lexicon"
    shutil.copytree(DATA / "lexicon", d)
    text = (d / name).read_bytes()
    (d / name).write_bytes(text[: len(text) // 2] + b"\n\xff garbage\n")
    with pytest.raises(DataError, match=str(d)):
        Lexicon.load(d)


def test_a_corrupt_data_file_given_to_the_cli_is_one_line_and_the_output_is_untouched(tmp_path, capsys):
    d = _kb_copy(tmp_path)
    (d / "manifest.json").write_text("{truncated", encoding="utf-8")
    out = tmp_path / "existing.jsonl"
    out.write_text('{"id": "keep"}\n')
    code = main(["code", str(_inputs(tmp_path / "in.jsonl", 2)), "-o", str(out), "--kb", str(d)])
    err = capsys.readouterr().err
    assert code == 2 and "manifest.json is not valid JSON" in err and "Traceback" not in err
    assert out.read_text() == '{"id": "keep"}\n'


def test_an_empty_input_still_gives_an_empty_output_file(cli, tmp_path):
    src = tmp_path / "empty.jsonl"
    src.write_text("\n")
    code, _, err = cli("code", src, "-o", tmp_path / "out.jsonl")
    assert code == 0, err
    assert (tmp_path / "out.jsonl").read_text() == ""
