"""Cross-article linking: mentions of one real-world happening become one linked event.

The rule (docs/store.md, "Linking"), applied to a new event and a linked event's anchor
(its first mention) and the union of its mentions' actors:

1. **type**: the same PLOVER type, or a pair listed in :data:`COMPATIBLE_TYPES`;
2. **date**: the event dates (the event's own day, else its article's publication day)
   lie at most ``window_days`` apart (default 0: the same day); an event without a day is
   never linked;
3. **parties**: for a directed type (ASSAULT, THREATEN, ...) the actors share a country
   or an entity and so do the recipients (an empty side neither helps nor blocks, but at
   least one side must share); a reversed pair (the recipient acting on the actor: an
   attack and its retaliation) never links. For a symmetric type (CONSULT, COOPERATE,
   AGREE ...) the participants are pooled, and two participants must be shared when both
   sides name two or more;
4. **place**: two places farther apart than ``max_km`` never link, unless one of them is
   weak: a whole country, or in a country none of its event's parties is from (a meeting
   abroad, a geocoding slip); such a place does not block. One place unknown: no objection.

Among the linked events that pass, the new event joins the one with the highest score;
with none it founds a new linked event. Every mention stores the score and the reasons.
Linking is incremental: new events are matched against what the store already holds,
and re-ingesting a document first removes its mentions (a linked event left with none
is deleted; one that lost its anchor takes its earliest remaining mention).
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .rows import insert_rows

log = logging.getLogger(__name__)

# Types whose participants are interchangeable (who hosts a meeting is not a direction).
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})

# Different types that reports of one happening are often coded with: a meeting that
# one outlet reports as talks and another as cooperation; an attack that one reports as an
# assault and another as coercion (a raid, a crackdown). Within one article only the same
# type links: there two types are two things the article tells.
COMPATIBLE_TYPES = frozenset({
    frozenset({"CONSULT", "COOPERATE"}),
    frozenset({"ASSAULT", "COERCE"}),
})


@dataclass(frozen=True)
class LinkConfig:
    """Settings of the linking rule (``eventcoder ingest --link-window-days``, ``--link-max-km``)."""

    window_days: int = 0
    max_km: float = 150.0
    enabled: bool = True


@dataclass(frozen=True)
class Features:
    """What linking compares: one event, or a linked event (anchor plus its mentions' parties)."""

    id: str
    event_type: str | None
    day: date | None
    actor_countries: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()
    actor_keys: frozenset[str] = frozenset()
    recipient_keys: frozenset[str] = frozenset()
    lat: float | None = None
    lon: float | None = None
    place_country: str | None = None
    feature_code: str | None = None
    doc_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Decision:
    linked: bool
    score: float
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


_COUNTRY_FEATURES = ("PCLI", "PCL", "PCLD", "PCLS", "PCLF", "PCLIX", "TERR")


def _weak_place(f: Features) -> bool:
    """A place that says little about where: a whole country, or a country none of the parties is from
    (a geocoding slip such as Gaza resolved to a Mozambican province, or a meeting abroad)."""
    if f.feature_code in _COUNTRY_FEATURES:
        return True
    parties = f.actor_countries | f.recipient_countries
    return bool(f.place_country and parties and f.place_country not in parties)


def _why_weak(f: Features) -> str:
    if f.feature_code in _COUNTRY_FEATURES:
        return f"{f.place_country} is a whole country"
    return f"{f.place_country} is no party's country"


def _share(a_countries, a_keys, b_countries, b_keys) -> list[str]:
    return sorted((a_countries & b_countries) | (a_keys & b_keys))


def _side(a: Features, b: Features, side: str) -> tuple[list[str], bool]:
    """(shared parties, both sides name someone) for 'actor' or 'recipient'."""
    ac, ak = getattr(a, f"{side}_countries"), getattr(a, f"{side}_keys")
    bc, bk = getattr(b, f"{side}_countries"), getattr(b, f"{side}_keys")
    return _share(ac, ak, bc, bk), bool((ac or ak) and (bc or bk))


def compare(new: Features, linked: Features, config: LinkConfig = LinkConfig()) -> Decision:
    """Whether ``new`` reports the happening of ``linked``, with a score and the reasons."""
    reasons: list[str] = []
    score = 0.0
    # 1. type
    if not new.event_type or not linked.event_type:
        return Decision(False, 0.0, ("no event type",))
    if new.event_type == linked.event_type:
        score += 1.0
        reasons.append(f"same type {new.event_type}")
    elif new.doc_ids & linked.doc_ids:
        return Decision(False, 0.0, (f"types differ ({new.event_type} vs {linked.event_type}) within one article",))
    elif frozenset({new.event_type, linked.event_type}) in COMPATIBLE_TYPES:
        score += 0.5
        reasons.append(f"compatible types {new.event_type}/{linked.event_type}")
    else:
        return Decision(False, 0.0, (f"types differ ({new.event_type} vs {linked.event_type})",))
    # 2. date
    if new.day is None or linked.day is None:
        return Decision(False, 0.0, ("no event day",))
    gap = abs((new.day - linked.day).days)
    if gap > config.window_days:
        return Decision(False, 0.0, (f"dates {new.day} and {linked.day} are {gap} days apart "
                                     f"(window {config.window_days})",))
    score += 1.0 - gap / (config.window_days + 1)
    reasons.append(f"dates {new.day} / {linked.day} ({gap} d, window {config.window_days})")
    # 3. parties
    symmetric = new.event_type in SYMMETRIC_TYPES and linked.event_type in SYMMETRIC_TYPES
    if symmetric:
        a_c = new.actor_countries | new.recipient_countries
        a_k = new.actor_keys | new.recipient_keys
        b_c = linked.actor_countries | linked.recipient_countries
        b_k = linked.actor_keys | linked.recipient_keys
        shared = _share(a_c, a_k, b_c, b_k)
        shared_countries = a_c & b_c
        need = 2 if len(a_c) >= 2 and len(b_c) >= 2 else 1
        if len(shared_countries) < need and len(set(shared) - shared_countries) < need:
            return Decision(False, 0.0, (f"participants share {len(shared_countries)} of the {need} "
                                         f"countries needed ({', '.join(sorted(a_c)) or '-'} vs "
                                         f"{', '.join(sorted(b_c)) or '-'})",))
        if a_k and b_k and not a_k & b_k:
            # two meetings of the same country's officials with other named people
            # (Biden-Kishida, Harris-Marape) are two happenings
            return Decision(False, 0.0, ("named participants differ (" + ", ".join(sorted(a_k)) + " vs "
                                         + ", ".join(sorted(b_k)) + ")",))
        score += min(len(shared), 4) / 2
        reasons.append("participants share " + ", ".join(shared))
    else:
        actors, actors_named = _side(new, linked, "actor")
        recipients, recipients_named = _side(new, linked, "recipient")
        reversed_a = _share(new.actor_countries, new.actor_keys, linked.recipient_countries, linked.recipient_keys)
        reversed_r = _share(new.recipient_countries, new.recipient_keys, linked.actor_countries, linked.actor_keys)
        if reversed_a and reversed_r and not (actors and recipients):
            return Decision(False, 0.0, (f"reversed direction: {', '.join(reversed_a)} acts on "
                                         f"{', '.join(reversed_r)} in one, the other way round in the other",))
        if actors_named and not actors:
            return Decision(False, 0.0, ("actors share no country or entity",))
        if recipients_named and not recipients:
            return Decision(False, 0.0, ("recipients share no country or entity",))
        if not actors and not recipients:
            return Decision(False, 0.0, ("no shared actor or recipient",))
        score += 0.5 * min(len(actors), 2) + 0.5 * min(len(recipients), 2)
        if actors:
            reasons.append("actors share " + ", ".join(actors))
        if recipients:
            reasons.append("recipients share " + ", ".join(recipients))
    # 4. place
    if new.lat is not None and linked.lat is not None and new.lon is not None and linked.lon is not None:
        km = haversine_km(new.lat, new.lon, linked.lat, linked.lon)
        weak = [f for f in (new, linked) if _weak_place(f)]
        if km <= config.max_km:
            score += 0.5 * (1 - km / config.max_km)
            reasons.append(f"places {km:.0f} km apart (at most {config.max_km:.0f})")
        elif new.place_country and new.place_country == linked.place_country and weak:
            score += 0.25
            reasons.append(f"places in one country {new.place_country}")
        elif weak:
            reasons.append(f"places {km:.0f} km apart, not counted: "
                           + "; ".join(_why_weak(f) for f in weak))
        else:
            return Decision(False, 0.0, (f"places {km:.0f} km apart (more than {config.max_km:.0f})",))
    elif new.place_country and linked.place_country:
        if new.place_country != linked.place_country and not (_weak_place(new) or _weak_place(linked)):
            return Decision(False, 0.0, (f"places in different countries ({new.place_country} vs "
                                         f"{linked.place_country})",))
        reasons.append(f"places in {new.place_country} / {linked.place_country}")
        score += 0.25 if new.place_country == linked.place_country else 0.0
    else:
        reasons.append("a place unknown")
    return Decision(True, round(score, 3), tuple(reasons))


# ---------------------------------------------------------------- the store side
@dataclass
class LinkResult:
    new: int = 0
    joined: int = 0
    touched: list[str] = field(default_factory=list)


_EVENT_FEATURES = """
SELECT e.event_id, e.event_type, e.event_date, e.actor_countries, e.recipient_countries,
       list(a.entity_key) FILTER (WHERE a.role = 'actor' AND a.entity_key IS NOT NULL) AS actor_keys,
       list(a.entity_key) FILTER (WHERE a.role = 'recipient' AND a.entity_key IS NOT NULL) AS recipient_keys,
       e.lat, e.lon, e.place_country, e.feature_code, e.doc_id, e.sentence_index, d.source,
       e.url, e.published, e.coded_at, e.coder_version, e.model_version, e.kb_version
FROM events e JOIN documents d USING (doc_id)
LEFT JOIN event_arguments a ON a.event_id = e.event_id
WHERE e.event_id IN (SELECT event_id FROM _new_events)
GROUP BY ALL
ORDER BY e.event_date NULLS LAST, e.doc_id, e.event_id
"""


def _keys(values) -> frozenset[str]:
    return frozenset(v for v in values or () if v and not str(v).startswith("country:"))


def _features(row, doc_ids=()) -> Features:
    return Features(doc_ids=frozenset(doc_ids or ()), id=row[0], event_type=row[1], day=row[2], actor_countries=frozenset(row[3] or ()),
                    recipient_countries=frozenset(row[4] or ()), actor_keys=_keys(row[5]),
                    recipient_keys=_keys(row[6]), lat=row[7], lon=row[8], place_country=row[9],
                    feature_code=row[10])


def _load_linked(con, types: set[str], days: set[date], window: int) -> dict[tuple[str, date], list[Features]]:
    """Linked events of these types whose anchor day lies within the window of these days, by (type, day)."""
    if not types or not days:
        return {}

    wanted = sorted({d + timedelta(days=k) for d in days for k in range(-window, window + 1)})
    con.execute("CREATE OR REPLACE TEMP TABLE _days (day DATE)")
    insert_rows(con, "_days", [{"day": d.isoformat()} for d in wanted])
    marks = ", ".join("?" for _ in types)
    rows = con.execute(f"""
        SELECT linked_id, event_type, anchor_date, actor_countries, recipient_countries, actor_keys,
               recipient_keys, lat, lon, place_country, feature_code,
               (SELECT list(DISTINCT m.doc_id) FROM linked_event_mentions m WHERE m.linked_id = l.linked_id)
        FROM linked_events l JOIN _days ON l.anchor_date = _days.day
        LEFT JOIN (SELECT event_id, feature_code FROM events) f ON f.event_id = l.anchor_event_id
        WHERE event_type IN ({marks})""", sorted(types)).fetchall()
    con.execute("DROP TABLE _days")
    out: dict[tuple[str, date], list[Features]] = {}
    for r in rows:
        out.setdefault((r[1], r[2]), []).append(_features(r, r[11]))
    return out


def candidate_types(t: str) -> set[str]:
    """An event type and the types a report of the same happening may be coded with."""
    out = {t}
    for pair in COMPATIBLE_TYPES:
        if t in pair:
            out |= pair
    return out


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def link_new_events(con, event_ids: list[str], *, touched: list[str] | None = None,
                    config: LinkConfig = LinkConfig()) -> LinkResult:
    """Link events already inserted (inside the caller's transaction); refresh the touched linked events."""

    result = LinkResult(touched=list(touched or []))
    if event_ids:
        con.execute("CREATE OR REPLACE TEMP TABLE _new_events (event_id VARCHAR)")
        insert_rows(con, "_new_events", [{"event_id": e} for e in event_ids])
        rows = con.execute(_EVENT_FEATURES).fetchall()
        con.execute("DROP TABLE _new_events")
        feats = [(_features(r, [r[11]]), r) for r in rows]
        types = set().union(*(candidate_types(f.event_type) for f, _ in feats if f.event_type)) if feats else set()
        days = {f.day for f, _ in feats if f.day is not None}
        pool = _load_linked(con, types, days, config.window_days) if config.enabled else {}
        now = _now().isoformat()
        new_linked: list[dict] = []
        mentions: list[dict] = []
        for f, r in feats:
            best: tuple[Decision, Features] | None = None
            if config.enabled and f.event_type and f.day is not None:
                for t in candidate_types(f.event_type):
                    for k in range(-config.window_days, config.window_days + 1):
                        for cand in pool.get((t, f.day + timedelta(days=k)), ()):
                            d = compare(f, cand, config)
                            if d.linked and (best is None or d.score > best[0].score):
                                best = (d, cand)
            prov = {"doc_id": r[11], "sentence_index": r[12], "source": r[13], "url": r[14], "published": r[15],
                    "coded_at": r[16], "coder_version": r[17], "model_version": r[18], "kb_version": r[19]}
            if best is not None:
                decision, cand = best
                linked_id = cand.id
                mentions.append({**prov, "linked_id": linked_id, "event_id": f.id, "score": decision.score,
                                 "explanation": decision.explanation, "linked_at": now})
                # The pool entry grows by this mention's parties, so later reports can match them.
                grown = Features(id=cand.id, event_type=cand.event_type, day=cand.day,
                                 actor_countries=cand.actor_countries | f.actor_countries,
                                 recipient_countries=cand.recipient_countries | f.recipient_countries,
                                 actor_keys=cand.actor_keys | f.actor_keys,
                                 recipient_keys=cand.recipient_keys | f.recipient_keys,
                                 lat=cand.lat, lon=cand.lon, place_country=cand.place_country,
                                 feature_code=cand.feature_code, doc_ids=cand.doc_ids | f.doc_ids)
                lst = pool[(cand.event_type, cand.day)]
                lst[lst.index(cand)] = grown
                result.joined += 1
            else:
                linked_id = "L-" + f.id
                new_linked.append({"linked_id": linked_id, "event_type": f.event_type or "", "anchor_event_id": f.id,
                                   "anchor_date": f.day.isoformat() if f.day else None,
                                   "num_mentions": 0, "num_articles": 0, "num_sources": 0,
                                   "created_at": now, "updated_at": now})
                mentions.append({**prov, "linked_id": linked_id, "event_id": f.id, "score": None,
                                 "explanation": "founds the linked event" if f.day else
                                 "founds the linked event (no event day: never linked)", "linked_at": now})
                if f.event_type and f.day is not None:
                    pool.setdefault((f.event_type, f.day), []).append(Features(
                        id=linked_id, event_type=f.event_type, day=f.day, actor_countries=f.actor_countries,
                        recipient_countries=f.recipient_countries, actor_keys=f.actor_keys,
                        recipient_keys=f.recipient_keys, lat=f.lat, lon=f.lon, place_country=f.place_country,
                        feature_code=f.feature_code, doc_ids=f.doc_ids))
                result.new += 1
            result.touched.append(linked_id)
        insert_rows(con, "linked_events", new_linked)
        insert_rows(con, "linked_event_mentions", mentions)
    refresh_linked(con, result.touched)
    return result


def unlink_documents(con, doc_ids: list[str]) -> list[str]:
    """Remove the mentions of these documents; returns the linked events they belonged to."""

    con.execute("CREATE OR REPLACE TEMP TABLE _unlink (doc_id VARCHAR)")
    insert_rows(con, "_unlink", [{"doc_id": d} for d in doc_ids])
    touched = [r[0] for r in con.execute(
        "SELECT DISTINCT linked_id FROM linked_event_mentions WHERE doc_id IN (SELECT doc_id FROM _unlink)").fetchall()]
    con.execute("DELETE FROM linked_event_mentions WHERE doc_id IN (SELECT doc_id FROM _unlink)")
    con.execute("DROP TABLE _unlink")
    return touched


def refresh_linked(con, linked_ids: list[str]) -> None:
    """Recompute the counts, dates, parties, anchor and place of these linked events."""

    if not linked_ids:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE _touched (linked_id VARCHAR)")
    insert_rows(con, "_touched", [{"linked_id": i} for i in sorted(set(linked_ids))])
    con.execute("DELETE FROM linked_events WHERE linked_id IN (SELECT linked_id FROM _touched) "
                "AND linked_id NOT IN (SELECT linked_id FROM linked_event_mentions)")
    # An anchor that was removed by a re-ingest gives way to the earliest remaining mention.
    con.execute("""
        UPDATE linked_events l SET anchor_event_id = m.event_id
        FROM (SELECT linked_id, arg_min(m.event_id, (e.event_date, m.linked_at, m.event_id)) AS event_id
              FROM linked_event_mentions m JOIN events e USING (event_id)
              WHERE linked_id IN (SELECT linked_id FROM _touched) GROUP BY linked_id) m
        WHERE l.linked_id = m.linked_id
          AND l.anchor_event_id NOT IN (SELECT event_id FROM linked_event_mentions WHERE linked_id = l.linked_id)""")
    con.execute("""
        UPDATE linked_events l SET
            quad_code = s.quad_code, anchor_date = s.anchor_date, first_date = s.first_date,
            last_date = s.last_date, actor_countries = s.actor_countries,
            recipient_countries = s.recipient_countries, actor_keys = s.actor_keys,
            recipient_keys = s.recipient_keys, lat = s.lat, lon = s.lon, place_country = s.place_country,
            place_name = s.place_name, num_mentions = s.num_mentions, num_articles = s.num_articles,
            num_sources = s.num_sources, first_doc_id = s.first_doc_id, first_url = s.first_url,
            updated_at = now()::TIMESTAMP
        FROM (
            SELECT m.linked_id,
                   any_value(e.quad_code) FILTER (WHERE e.event_id = l.anchor_event_id) AS quad_code,
                   any_value(e.event_date) FILTER (WHERE e.event_id = l.anchor_event_id) AS anchor_date,
                   min(e.event_date) AS first_date, max(e.event_date) AS last_date,
                   list_sort(list_distinct(flatten(list(e.actor_countries)))) AS actor_countries,
                   list_sort(list_distinct(flatten(list(e.recipient_countries)))) AS recipient_countries,
                   any_value(k.actor_keys) AS actor_keys, any_value(k.recipient_keys) AS recipient_keys,
                   coalesce(any_value(e.lat) FILTER (WHERE e.event_id = l.anchor_event_id),
                            arg_min(e.lat, e.event_date) FILTER (WHERE e.lat IS NOT NULL)) AS lat,
                   coalesce(any_value(e.lon) FILTER (WHERE e.event_id = l.anchor_event_id),
                            arg_min(e.lon, e.event_date) FILTER (WHERE e.lat IS NOT NULL)) AS lon,
                   coalesce(any_value(e.place_country) FILTER (WHERE e.event_id = l.anchor_event_id),
                            arg_min(e.place_country, e.event_date) FILTER (WHERE e.place_country IS NOT NULL))
                       AS place_country,
                   coalesce(any_value(e.place_name) FILTER (WHERE e.event_id = l.anchor_event_id),
                            arg_min(e.place_name, e.event_date) FILTER (WHERE e.place_name IS NOT NULL))
                       AS place_name,
                   count(*) AS num_mentions, count(DISTINCT m.doc_id) AS num_articles,
                   count(DISTINCT coalesce(m.source, m.doc_id)) AS num_sources,
                   arg_min(m.doc_id, (e.event_date, m.doc_id)) AS first_doc_id,
                   arg_min(m.url, (e.event_date, m.doc_id)) AS first_url
            FROM linked_event_mentions m
            JOIN events e USING (event_id)
            JOIN linked_events l ON l.linked_id = m.linked_id
            LEFT JOIN (
                SELECT m2.linked_id,
                       list_sort(list_distinct(list(a.entity_key) FILTER (WHERE a.role = 'actor'
                                 AND a.entity_key IS NOT NULL))) AS actor_keys,
                       list_sort(list_distinct(list(a.entity_key) FILTER (WHERE a.role = 'recipient'
                                 AND a.entity_key IS NOT NULL))) AS recipient_keys
                FROM linked_event_mentions m2 JOIN event_arguments a USING (event_id)
                WHERE m2.linked_id IN (SELECT linked_id FROM _touched) GROUP BY m2.linked_id
            ) k ON k.linked_id = m.linked_id
            WHERE m.linked_id IN (SELECT linked_id FROM _touched)
            GROUP BY m.linked_id
        ) s
        WHERE l.linked_id = s.linked_id""")
    con.execute("DROP TABLE _touched")


def relink_all(con, config: LinkConfig = LinkConfig()) -> LinkResult:
    """Drop every link and link the whole store again (after changing the rule's settings)."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM linked_event_mentions")
        con.execute("DELETE FROM linked_events")
        ids = [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY event_date NULLS LAST, doc_id, "
                                         "event_id").fetchall()]
        result = link_new_events(con, ids, config=config)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result
