"""The linking rule and its store side, on hand-built coded documents."""
from __future__ import annotations

from datetime import date

from eventcoder.store import LinkConfig, compare, ingest_coded, open_store, relink_all
from eventcoder.store.linking import Features

from .helpers import actor, doc, event, feed

MACRON = ("Emmanuel Macron", "FRA", "Q3052772")
ZELENSKY = ("Volodymyr Zelensky", "UKR", "Q3874799")


def _meeting(doc_id, published, day, sentence, *, outlet, first=ZELENSKY, second=MACRON, place="Paris"):
    a = actor(first[0], first[1], qid=first[2])
    b = actor(second[0], second[1], qid=second[2])
    return doc(doc_id, published, [event(doc_id, 1, "CONSULT", [a], [b], day, sentence, trigger="met",
                                         place=place)], publication=outlet, url=f"https://{outlet}.test/{doc_id}")


def _linked_of(con, event_id):
    return con.execute("SELECT linked_id FROM linked_event_mentions WHERE event_id = ?", [event_id]).fetchone()[0]


def test_two_wordings_of_one_meeting_are_linked(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([
        _meeting("a", "2025-03-04", "2025-03-03", "Zelensky met Macron in Paris on Monday.", outlet="wire-a"),
        # Another outlet, another wording, host and guest the other way round, a day later.
        _meeting("b", "2025-03-05", "2025-03-03", "French President Emmanuel Macron hosted his Ukrainian "
                 "counterpart at the Elysee on Monday.", outlet="wire-b", first=MACRON, second=ZELENSKY),
    ]))
    assert _linked_of(con, "a-e1") == _linked_of(con, "b-e1")
    row = con.execute("SELECT num_mentions, num_articles, num_sources FROM linked_events").fetchall()
    assert row == [(2, 2, 2)]
    why = con.execute("SELECT explanation FROM linked_event_mentions WHERE event_id = 'b-e1'").fetchone()[0]
    assert "same type CONSULT" in why and "Q3052772" in why and "km apart" in why


def test_two_meetings_of_the_same_pair_on_different_days_are_not_linked(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([
        _meeting("a", "2025-03-04", "2025-03-03", "Zelensky met Macron in Paris on Monday.", outlet="wire-a"),
        _meeting("b", "2025-03-08", "2025-03-07", "Zelensky met Macron in Paris again on Friday.", outlet="wire-b"),
    ]))
    assert _linked_of(con, "a-e1") != _linked_of(con, "b-e1")
    assert con.execute("SELECT count(*) FROM linked_events").fetchone()[0] == 2


def test_an_attack_and_the_retaliation_are_not_linked(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    isr, irn = actor("Israel", "ISR", "MIL"), actor("Iran", "IRN", "MIL")
    attack = doc("a", "2024-10-26", [event("a", 1, "ASSAULT", [isr], [actor("Iran", "IRN", "GOV")], "2024-10-26",
                                           "Israel struck military sites in Tehran.", trigger="struck",
                                           place="Tehran")], publication="wire-a")
    retaliation = doc("b", "2024-10-26", [event("b", 1, "ASSAULT", [irn], [actor("Israel", "ISR", "GOV")],
                                                "2024-10-26", "Iran fired missiles at Tel Aviv in retaliation.",
                                                trigger="fired", place="Tel Aviv")], publication="wire-b")
    ingest_coded(con, feed([attack, retaliation]))
    assert _linked_of(con, "a-e1") != _linked_of(con, "b-e1")
    # Even with no places, the reversed direction alone keeps them apart.
    d = compare(Features("b", "ASSAULT", date(2024, 10, 26), frozenset({"IRN"}), frozenset({"ISR"})),
                Features("a", "ASSAULT", date(2024, 10, 26), frozenset({"ISR"}), frozenset({"IRN"})))
    assert not d.linked and "reversed direction" in d.explanation


def test_rule_pieces():
    day = date(2025, 3, 3)
    base = Features("x", "ASSAULT", day, frozenset({"RUS"}), frozenset({"UKR"}), lat=46.48, lon=30.74,
                    place_country="UKR", feature_code="PPL")
    same = Features("y", "ASSAULT", day, frozenset({"RUS"}), frozenset({"UKR"}), lat=46.5, lon=30.7,
                    place_country="UKR", feature_code="PPL")
    assert compare(same, base).linked
    # Compatible type across articles; a different type not.
    assert compare(Features("y", "COERCE", day, frozenset({"RUS"}), frozenset({"UKR"})), base).linked
    assert not compare(Features("y", "PROTEST", day, frozenset({"RUS"}), frozenset({"UKR"})), base).linked
    # Within one article only the same type links.
    a = Features("y", "COERCE", day, frozenset({"RUS"}), frozenset({"UKR"}), doc_ids=frozenset({"d"}))
    b = Features("x", "ASSAULT", day, frozenset({"RUS"}), frozenset({"UKR"}), doc_ids=frozenset({"d"}))
    assert not compare(a, b).linked
    # A city 470 km away does not link; a whole-country place does not block.
    kyiv = Features("y", "ASSAULT", day, frozenset({"RUS"}), frozenset({"UKR"}), lat=50.45, lon=30.52,
                    place_country="UKR", feature_code="PPLC")
    assert not compare(kyiv, base).linked
    country = Features("y", "ASSAULT", day, frozenset({"RUS"}), frozenset({"UKR"}), lat=49.0, lon=32.0,
                       place_country="UKR", feature_code="PCLI")
    assert compare(country, base).linked
    # Another actor country does not link; an unknown recipient does not block.
    assert not compare(Features("y", "ASSAULT", day, frozenset({"BLR"}), frozenset({"UKR"})), base).linked
    assert compare(Features("y", "ASSAULT", day, frozenset({"RUS"}), frozenset()), base).linked
    # The window is configurable.
    next_day = Features("y", "ASSAULT", date(2025, 3, 4), frozenset({"RUS"}), frozenset({"UKR"}))
    assert not compare(next_day, base).linked
    assert compare(next_day, base, LinkConfig(window_days=1)).linked
    # No day: never linked.
    assert not compare(Features("y", "ASSAULT", None, frozenset({"RUS"}), frozenset({"UKR"})), base).linked
    # Symmetric types need two shared participants when both name two.
    m1 = Features("m", "CONSULT", day, frozenset({"USA"}), frozenset({"CHN"}))
    m2 = Features("n", "CONSULT", day, frozenset({"CHN", "USA"}), frozenset())
    m3 = Features("o", "CONSULT", day, frozenset({"USA"}), frozenset({"RUS"}))
    assert compare(m2, m1).linked and not compare(m3, m1).linked


def test_linking_is_incremental_and_reingest_unlinks(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([_meeting("a", "2025-03-04", "2025-03-03", "Zelensky met Macron.", outlet="wire-a")]))
    first = _linked_of(con, "a-e1")
    # A later ingest joins the linked event already stored.
    stats = ingest_coded(con, feed([_meeting("b", "2025-03-04", "2025-03-03", "Macron met Zelensky.",
                                             outlet="wire-b")]))
    assert stats.linked_joined == 1 and _linked_of(con, "b-e1") == first
    # The same outlet again: one more article, still two sources.
    ingest_coded(con, feed([_meeting("c", "2025-03-04", "2025-03-03", "The two met.", outlet="wire-b")]))
    assert con.execute("SELECT num_mentions, num_articles, num_sources FROM linked_events").fetchall() \
        == [(3, 3, 2)]
    # Re-ingesting the founder without the event: the linked event keeps the others, with a new anchor.
    ingest_coded(con, feed([doc("a", "2025-03-04", [])]))
    row = con.execute("SELECT linked_id, anchor_event_id, num_mentions, num_articles FROM linked_events").fetchall()
    assert row == [(first, "b-e1", 2, 2)]
    # Relinking from scratch gives the same grouping.
    relink_all(con)
    assert con.execute("SELECT num_mentions FROM linked_events").fetchall() == [(2,)]


def test_no_link_keeps_every_event_alone(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([_meeting("a", "2025-03-04", "2025-03-03", "x", outlet="a"),
                            _meeting("b", "2025-03-04", "2025-03-03", "y", outlet="b")]),
                 link=LinkConfig(enabled=False))
    assert con.execute("SELECT count(*) FROM linked_events").fetchone()[0] == 2


def test_two_meetings_of_one_countrys_officials_with_other_named_people_are_not_linked():
    day = date(2023, 9, 20)
    usa = frozenset({"USA"})
    a = Features("a", "CONSULT", day, usa, usa, frozenset({"Joe Biden"}), frozenset({"Fumio Kishida"}))
    b = Features("b", "CONSULT", day, usa, usa, frozenset({"Kamala Harris"}), frozenset({"James Marape"}))
    assert not compare(a, b).linked
    c = Features("c", "CONSULT", day, usa, frozenset({"JPN"}), frozenset({"Joe Biden"}))
    assert compare(c, a).linked
