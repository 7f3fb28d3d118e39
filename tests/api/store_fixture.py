"""A small event store built from hand-written coded documents (no spaCy), for the API and
browser tests. Every span is found in the document text by the phrase it covers, so the
offsets are true character offsets and the tests can check highlights against the text."""
from __future__ import annotations

from pathlib import Path

PLACES = {
    "Kharkiv": (706483, 49.98081, 36.25272, "UKR", "PPLA"),
    "Geneva": (2660646, 46.20222, 6.14569, "CHE", "PPLA"),
    "Nairobi": (184745, -1.28333, 36.81667, "KEN", "PPLC"),
}

CODER = {"coder": {"name": "eventcoder", "version": "0.1.0", "model": "en_core_web_sm 3.8.0",
                   "knowledge_base": "kb-test", "gazetteer": "gaz-test", "lexicon": "lex-test"}}


def _span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    i = text.index(phrase, after)
    return i, i + len(phrase)


def _actor(text, phrase, code, sector, name, qid=None, after=0):
    s, e = _span(text, phrase, after)
    return {"entity_text": phrase, "code": code, "sector": sector, "identifier_text": name, "identifier_id": qid,
            "start": s, "end": e}


def _place(text, phrase, name, after=0):
    gid, lat, lon, cc, fc = PLACES[name]
    s, e = _span(text, phrase, after)
    return {"extracted_place": phrase, "start": s, "end": e, "resolved_place": name, "geonameid": gid, "lat": lat,
            "lon": lon, "country_code": cc, "feature_code": fc, "resolution": 4}


def _event(doc_id, n, text, sentence, etype, quad, actors, recipients, date, trigger, place=None, mode=()):
    s_start, s_end = _span(text, sentence)
    t_start, t_end = _span(text, trigger, s_start)
    loc = None
    if place:
        loc = {k: v for k, v in place.items() if k not in ("start", "end")}
    return {"id": f"{doc_id}-e{n}", "date": date, "actor": actors, "recipient": recipients, "event": [etype],
            "mode": list(mode), "context": [], "event_loc": loc, "event_text": [trigger], "quad_code": quad,
            "text": sentence, "text_info": {"sequence": n - 1, "start": s_start, "end": s_end}, "confidence": 0.8,
            "trigger_start": t_start, "trigger_end": t_end, "pattern": f"{etype.lower()}.test"}


def documents() -> list[tuple[dict, str]]:
    out = []

    # Two outlets report one shelling: the store links them into one linked event.
    t1 = ("Russian forces shelled Kharkiv on Monday, killing three civilians. "
          "Ukrainian President Volodymyr Zelenskyy condemned the attack on Kharkiv.")
    rus = _actor(t1, "Russian forces", "RUS", "MIL", None)
    rus["identifier_text"] = None
    ukr_place = _place(t1, "Kharkiv", "Kharkiv")
    zel = _actor(t1, "Ukrainian President Volodymyr Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy", "Q3874799")
    rus_2 = {**_actor(t1, "Russian forces", "RUS", "MIL", None), "identifier_text": None}
    doc1 = {"id": "wire-1", "published": "2025-05-13", "title": "Russian shelling kills three in Kharkiv",
            "url": "https://example.org/wire-1", "publication": "Wire One",
            "events": [
                _event("wire-1", 1, t1, "Russian forces shelled Kharkiv on Monday, killing three civilians.",
                       "ASSAULT", 4, [rus], [{"entity_text": "three civilians", "code": "UKR", "sector": "CVL",
                                              "identifier_text": None, "identifier_id": None,
                                              "start": _span(t1, "three civilians")[0],
                                              "end": _span(t1, "three civilians")[1]}],
                       "2025-05-12", "shelled", ukr_place, mode=("heavy-weapons",)),
                _event("wire-1", 2, t1, "Ukrainian President Volodymyr Zelenskyy condemned the attack on Kharkiv.",
                       "ACCUSE", 3, [zel], [rus_2], "2025-05-13", "condemned", None, mode=("disapprove",)),
            ],
            "entities": [{"identifier_text": "Volodymyr Zelenskyy", "identifier_id": "Q3874799", "code": "UKR",
                          "sector": "GOV", "kind": "person", "office": "President of Ukraine",
                          "mentions": [{"text": zel["entity_text"], "start": zel["start"], "end": zel["end"]}]}],
            "places": [ukr_place], "quotes": [], "cite_info": CODER}
    out.append((doc1, t1))

    t2 = ("Three civilians died in Kharkiv on Monday when Russian troops shelled a residential district, "
          "regional officials said. \"We will rebuild every house,\" Zelenskyy said.")
    rus_b = {**_actor(t2, "Russian troops", "RUS", "MIL", None), "identifier_text": None}
    q_start, q_end = _span(t2, "We will rebuild every house")
    sp = _actor(t2, "Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy", "Q3874799", after=q_end)
    doc2 = {"id": "wire-2", "published": "2025-05-12", "title": "Kharkiv district shelled",
            "url": "https://example.org/wire-2", "publication": "Wire Two",
            "events": [
                _event("wire-2", 1, t2, "Three civilians died in Kharkiv on Monday when Russian troops shelled a "
                                        "residential district, regional officials said.",
                       "ASSAULT", 4, [rus_b], [{"entity_text": "Three civilians", "code": "UKR", "sector": "CVL",
                                                "identifier_text": None, "identifier_id": None,
                                                "start": _span(t2, "Three civilians")[0],
                                                "end": _span(t2, "Three civilians")[1]}],
                       "2025-05-12", "shelled", _place(t2, "Kharkiv", "Kharkiv")),
            ],
            "entities": [], "places": [_place(t2, "Kharkiv", "Kharkiv")],
            "quotes": [{"text": "We will rebuild every house", "start": q_start, "end": q_end,
                        "speaker": sp, "cue": "said", "confidence": 0.9, "event_ids": []}],
            "cite_info": CODER}
    out.append((doc2, t2))

    # A meeting in Geneva, on another day and between other parties: not linked to the above.
    t3 = ("US Secretary of State Marco Rubio met Chinese Foreign Minister Wang Yi in Geneva on Thursday. "
          "The two sides agreed to keep talking.")
    rubio = _actor(t3, "US Secretary of State Marco Rubio", "USA", "GOV", "Marco Rubio", "Q324546")
    wang = _actor(t3, "Chinese Foreign Minister Wang Yi", "CHN", "GOV", "Wang Yi", "Q22369")
    doc3 = {"id": "brief-3", "published": "2025-06-20", "title": "Rubio and Wang meet in Geneva",
            "publication": "Briefing Daily",
            "events": [
                _event("brief-3", 1, t3, "US Secretary of State Marco Rubio met Chinese Foreign Minister Wang Yi "
                                         "in Geneva on Thursday.", "CONSULT", 1, [rubio], [wang], "2025-06-19", "met",
                       _place(t3, "Geneva", "Geneva"), mode=("visit",)),
                _event("brief-3", 2, t3, "The two sides agreed to keep talking.", "AGREE", 1,
                       [{**_actor(t3, "The two sides", "USA", "GOV", None), "identifier_text": None}], [],
                       "2025-06-20", "agreed"),
            ],
            "entities": [], "places": [_place(t3, "Geneva", "Geneva")], "quotes": [], "cite_info": CODER}
    out.append((doc3, t3))

    # Protests in Nairobi over a month: material conflict elsewhere, for the map and timeline.
    for i, day in enumerate(("2024-06-18", "2024-06-25", "2024-07-02")):
        t = f"Police in Nairobi fired tear gas at protesters on day {i + 1} of the demonstrations against the tax bill."
        police = _actor(t, "Police", "KEN", "COP", None)
        police["identifier_text"] = None
        d = {"id": f"ke-{i + 1}", "published": day, "title": f"Nairobi protests, day {i + 1}",
             "publication": "Kenya Desk",
             "events": [_event(f"ke-{i + 1}", 1, t, t, "COERCE", 4, [police],
                               [{"entity_text": "protesters", "code": "KEN", "sector": "CVL", "identifier_text": None,
                                 "identifier_id": None, "start": _span(t, "protesters")[0],
                                 "end": _span(t, "protesters")[1]}], day, "fired",
                               _place(t, "Nairobi", "Nairobi"))],
             "entities": [], "places": [_place(t, "Nairobi", "Nairobi")], "quotes": [], "cite_info": CODER}
        out.append((d, t))
    return out


def build(path: Path) -> Path:
    from eventcoder.store import ingest_coded, open_store

    con = open_store(path)
    try:
        ingest_coded(con, [(d, "fixture.jsonl", text) for d, text in documents()])
    finally:
        con.close()
    return path
