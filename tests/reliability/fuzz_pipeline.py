"""Coverage-guided fuzzing of the readers and the text pipeline with atheris (``make fuzz``).

    .venv/bin/python tests/reliability/fuzz_pipeline.py [libFuzzer options, e.g. -max_total_time=600]

Each input is either a JSON-lines stream (read with the JSON-lines reader as standard
input) or a text (coded by the real pipeline). Any exception that escapes, and any broken
property (one output per input, offsets that slice the input to the reported text,
events with a type and an actor, ISO dates, valid UTF-8 JSON), is a crash: atheris
writes the input to ``crash-*`` for a regression test.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["eventcoder"]):
    from eventcoder.config import Config
    from eventcoder.ingest import InputFailure, document_from_record, iter_inputs
    from eventcoder.pipeline import Pipeline

from test_rel_pipeline import check_output  # noqa: E402

PIPELINE = None


def _pipeline() -> Pipeline:
    global PIPELINE
    if PIPELINE is None:
        PIPELINE = Pipeline(Config(batch_size=4, doc_timeout=30))
    return PIPELINE


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:  # the JSON-lines reader on raw bytes
        raw = fdp.ConsumeBytes(fdp.remaining_bytes())
        n = sum(1 for line in raw.split(b"\n") if line.strip())
        items = list(iter_inputs(["-"], stdin=io.BytesIO(raw), check_language=False))
        # a UTF-16 mark switches the reader to UTF-16 lines, which count differently
        assert len(items) == n or raw[:2] in (b"\xff\xfe", b"\xfe\xff"), (len(items), n)
        out = list(_pipeline().code_stream(items))
        assert len(out) == len(items)
        for item, doc in zip(items, out):
            check_output("" if isinstance(item, InputFailure) else item.text, doc.to_json())
    else:  # the pipeline on any Unicode text, lone surrogates included
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())
        item = document_from_record({"id": "fuzz", "text": text, "published": "2025-05-14"}, line=1)
        [doc] = _pipeline().code_stream([item])
        check_output(getattr(item, "text", ""), doc.to_json())


def main() -> None:
    _pipeline()  # load the model and data before fuzzing starts
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
