"""`eventcoder code` end to end on the new inputs: WARC and compressed JSON lines, the summary of
skipped pages, not_english records, and --resume completing an interrupted output file."""
from __future__ import annotations

import gzip
import json

import pytest

import eventcoder.pipeline
from eventcoder.cli import main
from ingest_samples import EN, FR, write_warc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline():
    from eventcoder.config import Config

    return eventcoder.pipeline.Pipeline(Config())


@pytest.fixture
def cli(pipeline, monkeypatch, capsys):
    """main() with the pipeline built once for the module (the CLI would build one per run)."""
    monkeypatch.setattr(eventcoder.pipeline, "Pipeline", lambda config: pipeline)

    def run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def _inputs(tmp_path):
    texts = [EN, FR, EN.replace("Odesa", "Kharkiv"), "Talks were held in Geneva on Monday.",
             EN.replace("Odesa", "Mykolaiv")]
    lines = [json.dumps({"id": f"j{i}", "text": t, "published": "2025-02-18"}) for i, t in enumerate(texts)]
    lines.insert(3, "{broken")
    lines.append(json.dumps({"text": "Germany condemned the attack on Kyiv."}))  # no id
    jsonl = tmp_path / "news.jsonl.gz"
    jsonl.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    warc = write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    return [str(jsonl), str(warc)], lines


def test_clean_run_summary_and_records(tmp_path, cli):
    inputs, lines = _inputs(tmp_path)
    out = tmp_path / "clean.jsonl"
    code, _, err = cli("code", *inputs, "-o", str(out))
    docs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert code == 1 and "Traceback" not in err
    assert len(docs) == len(lines) + 2  # every JSON line, plus the two English WARC articles
    assert [d.get("error", {}).get("type") for d in docs[:7]] == [None, "not_english", None, "invalid_json",
                                                                   None, None, None]
    assert docs[7]["id"].startswith("urn:uuid:") and docs[7]["url"] == "https://news.example/odesa"
    assert "6 pages skipped (http_error 1, no_text 1, not_english 1, not_html 1, redirect 1, revisit 1)" in err
    assert "2 errors (invalid_json 1, not_english 1)" in err


def test_resume_completes_an_interrupted_run_exactly(tmp_path, cli):
    inputs, lines = _inputs(tmp_path)
    clean = tmp_path / "clean.jsonl"
    cli("code", *inputs, "-o", str(clean), "-q")
    # An interrupted run: part of the input coded, then killed in the middle of writing a line.
    part = tmp_path / "part.jsonl"
    part.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("code", str(part), "-o", str(out), "-q")
    with open(out, "a", encoding="utf-8") as f:
        f.write(clean.read_text(encoding="utf-8").splitlines()[4][:40])
    code, _, err = cli("code", *inputs, "-o", str(out), "--resume")
    assert "resuming" in err and "4 documents already coded" in err and "partial last line" in err
    assert "(and 4 already in" in err
    assert out.read_bytes() == clean.read_bytes()
    assert code == 1  # the errors written before the interruption still count
    # Resuming a complete file codes nothing and changes nothing.
    code, _, err = cli("code", *inputs, "-o", str(out), "--resume")
    assert out.read_bytes() == clean.read_bytes() and "eventcoder: 0 documents" in err


def test_resume_refuses_an_output_of_other_inputs(tmp_path, cli):
    inputs, _ = _inputs(tmp_path)
    out = tmp_path / "other.jsonl"
    out.write_text(json.dumps({"id": "zzz", "events": []}) + "\n", encoding="utf-8")
    code, _, err = cli("code", *inputs, "-o", str(out), "--resume")
    assert code == 2 and "other inputs" in err and "Traceback" not in err
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "zzz"
    code, _, err = cli("code", *inputs, "--resume")
    assert code == 2 and "-o FILE" in err
