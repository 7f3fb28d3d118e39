"""A small store of hand-built coded documents, shared by the query, export and CLI tests."""
from __future__ import annotations

import json

import pytest

from eventcoder.store import ingest_coded, open_store

from .helpers import actor, doc, event, feed


def corpus() -> list[dict]:
    zel = actor("Volodymyr Zelensky", "UKR", qid="Q3874799", start=0, end=18)
    mac = actor("Emmanuel Macron", "FRA", qid="Q3052772", start=23, end=38)
    rus = actor("Russian forces", "RUS", "MIL", start=0, end=14)
    odesa_civ = actor("residents of Odesa", "UKR", "CVL", start=40, end=58)
    ken_cvl = actor("protesters", "KEN", "CVL", start=0, end=10)
    ken_cop = actor("police", "KEN", "COP", start=0, end=6)
    usa = actor("Joe Biden", "USA", qid="Q6279", start=0, end=9)
    chn = actor("Xi Jinping", "CHN", qid="Q15031", start=15, end=25)
    return [
        doc("m1", "2025-03-04", [event("m1", 1, "CONSULT", [zel], [mac], "2025-03-03",
                                       "Volodymyr Zelensky met Emmanuel Macron in Paris on Monday.", trigger="met",
                                       place="Paris", mode=["visit"])],
            url="https://wire-a.test/m1", publication="Wire A", title="Zelensky in Paris"),
        doc("m2", "2025-03-04", [event("m2", 1, "CONSULT", [mac], [zel], "2025-03-03",
                                       "Emmanuel Macron hosted Volodymyr Zelensky at the Elysee on Monday.",
                                       trigger="hosted", place="Paris")],
            url="https://wire-b.test/m2", publication="Wire B"),
        doc("a1", "2025-02-18", [event("a1", 1, "ASSAULT", [rus], [odesa_civ], "2025-02-18",
                                       "Russian forces launched a drone attack on residents of Odesa.",
                                       trigger="attack", place="Odesa", mode=["drone"])],
            url="https://wire-a.test/a1", publication="Wire A"),
        doc("p1", "2024-06-12", [event("p1", 1, "PROTEST", [ken_cvl], [], "2024-06-11",
                                       "protesters marched through Nairobi against a ceasefire of reforms.",
                                       trigger="marched", place="Nairobi", mode=["demo"]),
                                 event("p1", 2, "ASSAULT", [ken_cop], [ken_cvl], "2024-06-11",
                                       "police fired tear gas at the protesters.", trigger="fired",
                                       place="Nairobi", mode=["crowd-control"], seq=1, start=70)],
            url="https://www.kenya-news.test/p1"),
        doc("u1", "2023-11-16", [event("u1", 1, "CONSULT", [usa], [chn], "2023-11-15",
                                       "Joe Biden met Xi Jinping in Woodside.", trigger="met")],
            url="https://wire-c.test/u1", publication="Wire C"),
        {"id": "bad", "line": 7, "error": {"type": "empty_text", "message": "the text is empty"},
         "events": [], "entities": [], "places": [], "quotes": []},
    ]


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.duckdb"
    con = open_store(path)
    ingest_coded(con, feed(corpus()))
    yield con
    con.close()


@pytest.fixture
def store_file(tmp_path):
    path = tmp_path / "store.duckdb"
    con = open_store(path)
    ingest_coded(con, feed(corpus()))
    con.close()
    return path


@pytest.fixture
def coded_file(tmp_path):
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in corpus()), encoding="utf-8")
    return path
