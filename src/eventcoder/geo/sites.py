"""Named sites the gazetteer does not know ("X Stadium", FAC entities), placed at a nearby town."""
from __future__ import annotations

from ..records import Place

__all__ = ["unresolved_sites", "SITE_HEADS"]

SITE_HEADS = {"park", "square", "stadium", "jail", "prison", "gate", "bridge", "secretariat", "palace",
              "hospital", "camp", "airport", "mosque", "church", "cathedral", "temple", "market", "base",
              "barracks", "crossing", "checkpoint", "plant", "dam", "port", "station", "hall", "house",
              "building", "tower", "embassy", "consulate", "compound", "complex", "villa", "residence",
              "museum", "gallery", "theatre", "theater", "arena", "zoo", "cemetery"}


def unresolved_sites(doc, places: list[Place]) -> list[Place]:
    """Named sites unknown to the gazetteer ("X Stadium", FAC entities): placed at the
    city-level place mentioned nearest before them (same or two previous sentences),
    else at the article's most mentioned city."""
    out: list[Place] = []
    covered = [(p.start, p.end) for p in places]
    # hosts: towns, else regions ("Aqsa Martyrs Hospital" after "Gaza", the Strip)
    regional = [p for p in places if p.resolution and p.resolution >= 2 and p.feature_code != "S"]
    cities = [p for p in regional if p.resolution >= 4] or regional
    if not cities:
        return out
    counts: dict[int | None, int] = {}
    for p in cities:
        counts[p.geonameid] = counts.get(p.geonameid, 0) + 1
    main_city = max(cities, key=lambda p: (counts[p.geonameid], -p.start))
    for ent in doc.ents:
        head = ent[-1].lower_
        if not (ent.label_ == "FAC" or (ent.label_ in ("ORG", "PERSON", "LOC") and head in SITE_HEADS)):
            continue
        if len(ent) < 2 or any(s < ent.end_char and ent.start_char < e for s, e in covered):
            continue
        sent_start = ent.sent.start
        for _ in range(2):
            if sent_start > 0:
                sent_start = doc[sent_start - 1].sent.start
        window = doc[sent_start].idx
        before = [p for p in regional if window <= p.start < ent.start_char]
        host, conf = (max(before, key=lambda p: p.start), 0.35) if before else (main_city, 0.2)
        text, s0 = ent.text, ent.start_char
        if text.lower().startswith("the "):
            text, s0 = text[4:], s0 + 4
        out.append(Place(extracted_place=text, start=s0, end=ent.end_char,
                         resolved_place=f"{text}, {host.resolved_place}", geonameid=None,
                         lat=host.lat, lon=host.lon, country_code=host.country_code,
                         feature_code="S", resolution=5, confidence=conf))
    return out
