"""Coded documents built by hand for the store tests (no spaCy)."""
from __future__ import annotations


def actor(name, code, sector="GOV", qid=None, start=None, end=None):
    out = {"entity_text": name, "code": code, "sector": sector, "identifier_text": name, "identifier_id": qid}
    if start is not None:
        out["start"], out["end"] = start, end
    return out


PLACES = {
    "Kyiv": (703448, 50.45466, 30.5238, "UKR", "PPLC"),
    "Odesa": (698740, 46.48572, 30.74383, "UKR", "PPL"),
    "Washington": (4140963, 38.89511, -77.03637, "USA", "PPLC"),
    "Paris": (2988507, 48.85341, 2.3488, "FRA", "PPLC"),
    "Tel Aviv": (293397, 32.08088, 34.78057, "ISR", "PPLA"),
    "Tehran": (112931, 35.69439, 51.42151, "IRN", "PPLC"),
    "Nairobi": (184745, -1.28333, 36.81667, "KEN", "PPLC"),
    "Ukraine": (690791, 49.0, 32.0, "UKR", "PCLI"),
}


def loc(name):
    gid, lat, lon, cc, fc = PLACES[name]
    return {"extracted_place": name, "resolved_place": name, "geonameid": gid, "lat": lat, "lon": lon,
            "country_code": cc, "feature_code": fc, "resolution": 1 if fc.startswith("PCL") else 4}


def event(doc_id, n, etype, actors, recipients, date, sentence, *, trigger, place=None, quad=None, mode=(),
          seq=0, start=0):
    quad = quad if quad is not None else {"CONSULT": 1, "AGREE": 1, "COOPERATE": 2, "ASSAULT": 4, "COERCE": 4,
                                          "THREATEN": 3, "PROTEST": 3, "ACCUSE": 3, "SANCTION": 4}.get(etype, 1)
    return {"id": f"{doc_id}-e{n}", "date": date, "actor": actors, "recipient": recipients, "event": [etype],
            "mode": list(mode), "context": [], "event_loc": loc(place) if place else None,
            "event_text": [trigger], "quad_code": quad, "text": sentence,
            "text_info": {"sequence": seq, "start": start, "end": start + len(sentence)}, "confidence": 0.8}


def doc(doc_id, published, events, *, url=None, publication=None, title=None, places=(), entities=(), quotes=()):
    out = {"id": doc_id, "published": published, "events": events, "entities": list(entities),
           "places": list(places), "quotes": list(quotes),
           "cite_info": {"coder": {"name": "eventcoder", "version": "0.1.0", "model": "en_core_web_sm 3.8.0",
                                   "knowledge_base": "kb-test", "gazetteer": "gaz-test", "lexicon": "lex-test"}}}
    if url:
        out["url"] = url
    if publication:
        out["publication"] = publication
    if title:
        out["title"] = title
    return out


def feed(docs, source="test.jsonl"):
    return [(d, source, None) for d in docs]
