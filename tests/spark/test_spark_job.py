"""`eventcoder spark` in local[2] mode: its output equals the local run's (ignoring order).

The Spark test needs pyspark (the ``spark`` extra) and Java 17; without them it skips with the
reason, except in CI (``CI=true``) where their absence fails. It codes a few hundred short
documents built from a fixed pool of sentences, plus error records, a text file and a gzip file.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from eventcoder.spark.job import PARQUET_COLUMNS, document_from_row, row_from_document

IN_CI = os.environ.get("CI", "").lower() == "true"

SENTENCES = [
    "Russian forces launched a drone attack on Odesa overnight, regional governor Oleh Kiper said.",
    "Ukrainian President Volodymyr Zelensky traveled to Ankara to meet President Recep Tayyip Erdogan.",
    "The European Union imposed new sanctions on Iran on Monday.",
    "\"We will not accept any deal that ignores our interests,\" the Chinese foreign ministry said.",
    "Police arrested dozens of protesters in Lagos after clashes near the parliament.",
    "Secretary of State Antony Blinken met Japanese Foreign Minister Yoko Kamikawa in Tokyo.",
    "Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar.",
    "The United Nations called for humanitarian access to Gaza.",
    "Pakistan's army said militants attacked a checkpoint in Balochistan, killing four soldiers.",
    "President Joe Biden spoke with Chancellor Olaf Scholz of Germany about support for Ukraine.",
    "Thousands of workers went on strike in Paris to protest the pension reform.",
    "North Korea fired a ballistic missile into the sea, South Korea's military said.",
    "The Kremlin rejected the proposal, spokesman Dmitry Peskov told reporters in Moscow.",
    "Kenya will send police officers to Haiti, the government announced on Tuesday.",
    "Brazil and Argentina signed a trade agreement in Brasilia.",
    "Indian troops clashed with Chinese soldiers along the disputed border.",
]


def _corpus(root: Path, n_docs: int = 200) -> Path:
    """A directory of inputs: two JSON-lines files (one gzip), a text file, and bad lines."""
    rnd = random.Random(7)
    lines = []
    for i in range(n_docs):
        text = " ".join(rnd.sample(SENTENCES, rnd.randint(1, 3)))
        day = rnd.randint(1, 28)
        lines.append(json.dumps({"id": f"s-{i:04d}", "text": text, "published": f"2024-05-{day:02d}",
                                 "title": f"Story {i}"}))
    lines[10] = "{not json"
    lines[20] = json.dumps({"id": "empty", "text": "   "})
    lines[30] = json.dumps({"id": "no-text", "title": "nothing"})
    lines[40] = json.dumps({"id": "number", "text": 42})
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    half = len(lines) // 2
    (src / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    with gzip.open(src / "sub" / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines[half:]) + "\n")
    (src / "note.txt").write_text(SENTENCES[0] + "\n" + SENTENCES[1], encoding="utf-8")
    return src


def _keyed(docs: list[dict]) -> dict:
    out = {}
    for d in docs:
        key = (d.get("id"), d.get("line"))
        assert key not in out, key
        out[key] = d
    return out


def test_parquet_row_round_trip():
    doc = {"id": "d1", "published": "2024-05-01", "title": "T",
           "events": [{"id": "d1-e1", "event": ["ASSAULT"], "actor": [{"code": "RUS"}]}],
           "entities": [], "places": [{"extracted_place": "Odesa", "lat": 46.48}], "quotes": [],
           "warnings": ["published: unreadable"], "cite_info": {"coder": {"name": "eventcoder"}},
           "something_new": {"x": 1}}
    row = row_from_document(doc)
    assert set(row) == {name for name, _, _ in PARQUET_COLUMNS}
    assert row["n_events"] == 1 and json.loads(row["events"])[0]["event"] == ["ASSAULT"]
    assert document_from_row(row) == doc
    err = {"id": None, "line": 7, "published": None, "error": {"type": "invalid_json", "message": "bad"},
           "events": [], "entities": [], "places": [], "quotes": []}
    row = row_from_document(err)
    assert row["error"] == {"type": "invalid_json", "message": "bad"} and row["cite_info"] is None
    assert document_from_row(row) == err


def test_cli_registers_spark_command():
    import argparse

    from eventcoder.cli.spark import register as add_spark_command

    p = argparse.ArgumentParser()
    add_spark_command(p.add_subparsers(dest="command"))
    a = p.parse_args(["spark", "in/", "out/", "--master", "local[2]", "--partitions", "3"])
    assert (a.input, a.output, a.master, a.partitions, a.format) == ("in/", "out/", "local[2]", 3, "both")


@pytest.fixture(scope="module")
def spark():
    missing = []
    if importlib.util.find_spec("pyspark") is None:
        missing.append("pyspark is not installed (pip install 'eventcoder[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing.append("Java is not installed (Spark needs Java 17)")
    if missing:
        if IN_CI:
            pytest.fail("; ".join(missing) + ": CI must run the Spark test")
        pytest.skip("; ".join(missing))
    from eventcoder.spark.job import spark_session

    session = spark_session("local[2]", app_name="eventcoder-test")
    yield session
    session.stop()


@pytest.mark.slow
def test_spark_local2_equals_local_run(spark, tmp_path):
    from eventcoder.cli import main
    from eventcoder.spark.job import run_spark

    src = _corpus(tmp_path)
    local_out = tmp_path / "local.jsonl"
    rc = main(["code", str(src), "-o", str(local_out), "-q"])
    assert rc == 1  # the corpus holds error records
    local_lines = local_out.read_text(encoding="utf-8").splitlines()
    assert len(local_lines) == 201  # 200 JSON lines and one text file

    summary = run_spark(str(src), str(tmp_path / "spark"), spark=spark, partitions=8)
    assert summary.documents == len(local_lines) and summary.files == 3
    assert set(summary.phases) >= {"list", "code", "write_parquet", "write_jsonl"} and all(v >= 0 for v in summary.phases.values())
    assert summary.errors == {"invalid_json": 1, "empty_text": 1, "missing_text": 1, "not_text": 1}
    # one pipeline per Python worker, reused across tasks: not one per partition or record
    assert 1 <= summary.pipeline_loads <= 2

    spark_lines = []
    for part in sorted((tmp_path / "spark" / "jsonl").glob("part-*")):
        spark_lines += part.read_text(encoding="utf-8").splitlines()
    # the same lines (byte for byte), ignoring order
    assert sorted(spark_lines) == sorted(local_lines)
    local = _keyed([json.loads(x) for x in local_lines])
    assert any(d.get("events") for d in local.values()) and all(
        d.get("cite_info") for d in local.values() if not d.get("error"))

    rows = spark.read.parquet(str(tmp_path / "spark" / "parquet")).collect()
    assert [f.name for f in spark.read.parquet(str(tmp_path / "spark" / "parquet")).schema.fields] == \
        [name for name, _, _ in PARQUET_COLUMNS]
    assert _keyed([document_from_row(r) for r in rows]) == local


@pytest.mark.slow
def test_spark_missing_input_is_an_input_error(spark, tmp_path):
    from eventcoder.errors import InputError
    from eventcoder.spark.job import run_spark

    with pytest.raises(InputError, match="cannot be listed"):
        run_spark(str(tmp_path / "nowhere"), str(tmp_path / "out"), spark=spark)
