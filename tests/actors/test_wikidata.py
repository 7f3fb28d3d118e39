"""Building KB entities from a Wikidata JSON dump, on a small dump written here."""
from __future__ import annotations

import bz2
import gzip
import json
import shutil
import tracemalloc
from pathlib import Path

import pytest

from eventcoder.actors.kb import KnowledgeBase
from eventcoder.actors.wikidata import build_from_wikidata_dump, role_for_title, sector_for_position
from eventcoder.errors import InputError

# ---------------------------------------------------------------- a dump in the latest-all.json layout


def _item_snak(prop: str, qid: str) -> dict:
    return {"snaktype": "value", "property": prop, "datatype": "wikibase-item",
            "datavalue": {"type": "wikibase-entityid",
                          "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}}}


def _time_snak(prop: str, iso: str) -> dict:
    parts = iso.split("-")
    precision = {1: 9, 2: 10, 3: 11}[len(parts)]
    y, m, d = (parts + ["00", "00"])[:3]
    return {"snaktype": "value", "property": prop, "datatype": "time",
            "datavalue": {"type": "time", "value": {"time": f"+{y}-{m}-{d}T00:00:00Z", "timezone": 0, "before": 0,
                                                    "after": 0, "precision": precision,
                                                    "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}


def _st(snak: dict, rank: str = "normal", **qualifiers) -> dict:
    st = {"mainsnak": snak, "type": "statement", "rank": rank}
    q = {}
    for prop, value in qualifiers.items():
        q[prop] = [_time_snak(prop, value) if prop in ("P580", "P582") else _item_snak(prop, value)]
    if q:
        st["qualifiers"] = q
    return st


def item(qid: str, label: str | None, *, p31=(), aliases=(), labels=None, enwiki=None, claims=None) -> dict:
    """An item as the dump writes it ("type" and "id" first)."""
    all_labels = {"en": {"language": "en", "value": label}} if label else {}
    for lang, value in (labels or {}).items():
        all_labels[lang] = {"language": lang, "value": value}
    cl = {"P31": [_st(_item_snak("P31", q)) for q in p31]} if p31 else {}
    for prop, sts in (claims or {}).items():
        cl[prop] = sts
    ent = {"type": "item", "id": qid, "labels": all_labels, "descriptions": {},
           "aliases": {"en": [{"language": "en", "value": a} for a in aliases]} if aliases else {}, "claims": cl}
    if enwiki:
        ent["sitelinks"] = {"enwiki": {"site": "enwiki", "title": enwiki, "badges": []}}
    return ent


def iso(code: str) -> dict:
    return {"P298": [_st({"snaktype": "value", "property": "P298", "datatype": "external-id",
                          "datavalue": {"type": "string", "value": code}})]}


def held(pos: str, start: str | None = None, end: str | None = None, rank: str = "normal", **q) -> dict:
    if start:
        q["P580"] = start
    if end:
        q["P582"] = end
    return _st(_item_snak("P39", pos), rank=rank, **q)


def items(prop: str, *qids: str) -> list[dict]:
    return [_st(_item_snak(prop, q)) for q in qids]


SOVEREIGN, COUNTRY = "Q3624078", "Q6256"
PERSON = ("Q5",)


def dump_entities() -> list[dict]:
    persons_first = [
        item("Q7747", "Vladimir Putin", p31=PERSON, enwiki="Vladimir Putin",
             aliases=["Vladimir Vladimirovich Putin", "Putin, Vladimir", "VVP"],
             labels={"de": "Wladimir Putin", "ru": "Владимир Путин", "pl": "Władimir Putin"},
             claims={"P27": items("P27", "Q15180", "Q159"),
                     "P39": [held("Q218295", "2000-05-07", "2008-05-07"), held("Q842386", "2008-05-08", "2012-05-07"),
                             held("Q218295", "2012-05-07"), held("Q842386", "1999-08-16", "2000-05-07")]}),
        item("Q58217", "Sergey Lavrov", p31=PERSON, enwiki="Sergey Lavrov", aliases=["Sergei Lavrov"],
             claims={"P27": items("P27", "Q159"),
                     "P39": [held("Q4294919", "2004-03-09"),
                             held("Q218295", "2004", rank="deprecated")]}),  # a vandal edit
        item("Q311440", "António Guterres", p31=PERSON, enwiki="António Guterres", aliases=["Antonio Guterres"],
             claims={"P27": items("P27", "Q45"), "P39": [held("Q81066", "2017-01-01")]}),
        item("Q4000001", "Ivan Deputatov", p31=PERSON, claims={"P27": items("P27", "Q159"),
                                                               "P39": [held("Q17276321", "2021-10")]}),
        item("Q4000002", "Jane Bench", p31=PERSON, enwiki="Jane Bench (judge)",
             claims={"P27": items("P27", "Q30"), "P39": [held("Q11201", "2018-10-06")]}),
        item("Q4000003", "Greg Lone", p31=PERSON, claims={"P39": [held("Q4000100", "2015-01-20")]}),
        item("Q4000004", "Olena Partiyna", p31=PERSON,  # a politician who held no recorded office
             claims={"P27": items("P27", "Q212"), "P106": items("P106", "Q82955")}),
        item("Q4000005", "Petro Nobody", p31=PERSON,  # offices that cannot be resolved
             claims={"P27": items("P27", "Q212"), "P39": [held("Q4999999", "2019"), held("Q4000101", "2019")]}),
        item("Q4000006", "Wolf Ambassador", p31=PERSON,  # the statement's own P1001 qualifier decides
             claims={"P27": items("P27", "Q183"), "P39": [held("Q4000102", "2020-02", P1001="Q183")]}),
        item("Q4000007", None, p31=PERSON, labels={"ru": "Безымянный"}, claims={"P39": [held("Q218295")]}),
    ]
    countries = [
        item("Q159", "Russia", p31=(SOVEREIGN, COUNTRY), enwiki="Russia", aliases=["Russian Federation"],
             claims=iso("RUS")),
        item("Q30", "United States", p31=(SOVEREIGN, COUNTRY), enwiki="United States", aliases=["USA"],
             claims=iso("USA")),
        item("Q212", "Ukraine", p31=(SOVEREIGN,), claims=iso("UKR")),
        item("Q183", "Germany", p31=(SOVEREIGN,), claims=iso("DEU")),
        item("Q45", "Portugal", p31=(SOVEREIGN,), claims=iso("PRT")),
        item("Q219060", "State of Palestine", p31=(SOVEREIGN,), claims=iso("PSE")),
        item("Q15180", "Soviet Union", p31=("Q3024240",), claims=iso("SUN")),  # historical: code only
        item("Q8646", "Hong Kong", p31=("Q779415",), claims=iso("HKG")),  # not a state, but has a code
        item("Q1246", "Kosovo", p31=(SOVEREIGN,)),  # no ISO code: XKX
        item("Q4999990", "Atlantis", p31=(COUNTRY,)),  # no code: skipped
        item("Q1439", "Texas", p31=("Q35657",), claims={"P17": items("P17", "Q30")}),
    ]
    positions = [
        item("Q218295", "President of Russia", p31=("Q4164871",),
             claims={"P1001": items("P1001", "Q159"), "P17": items("P17", "Q159"), "P279": items("P279", "Q48352")}),
        item("Q842386", "Prime Minister of Russia", claims={"P1001": items("P1001", "Q159")}),
        item("Q4294919", "Minister of Foreign Affairs of the Russian Federation",
             claims={"P1001": items("P1001", "Q159")}),
        item("Q81066", "Secretary-General of the United Nations", claims={"P1001": items("P1001", "Q1065")}),
        item("Q17276321", "member of the State Duma", claims={"P17": items("P17", "Q159"),
                                                              "P279": items("P279", "Q486839")}),
        item("Q11201", "Associate Justice of the Supreme Court of the United States",
             claims={"P1001": items("P1001", "Q30")}),
        item("Q4000100", "Governor of Texas", claims={"P1001": items("P1001", "Q1439"), "P17": items("P17", "Q30")}),
        item("Q4000101", None, labels={"ru": "министр"}),  # no English label: unresolved
        item("Q4000102", "ambassador", p31=("Q4164871",)),
    ]
    organisations = [
        item("Q1065", "United Nations", p31=("Q245065", "Q484652"), enwiki="United Nations", aliases=["UN", "U.N."]),
        item("Q42970", "Amnesty International", p31=("Q79913", "Q484652"), aliases=["Amnesty"]),
        item("Q52021", "United Russia", p31=("Q7278",), claims={"P17": items("P17", "Q159")}),
        item("Q4000200", "Federal Security Service", p31=("Q327333",), aliases=["FSB"],
             claims={"P17": items("P17", "Q159")}),
        item("Q2429253", "Islamic State", p31=("Q17127659",), aliases=["ISIS", "ISIL"],
             claims={"P17": items("P17", "Q796", "Q858")}),
        item("Q4000201", "Hamas", p31=("Q17149090", "Q7278"), claims={"P17": items("P17", "Q219060")}),
    ]
    irrelevant = [
        item("Q140", "lion", p31=("Q16521",), claims={"P105": items("P105", "Q7432")}),
        item("Q12418", "Mona Lisa", p31=("Q3305213",), claims={"P170": items("P170", "Q762")}),
        item("Q762", "Leonardo da Vinci", p31=PERSON, claims={"P106": items("P106", "Q1028181")}),
        item("Q4000300", "A. Painter", p31=PERSON,  # mentions a party (a marker) but is no politician
             claims={"P106": items("P106", "Q1028181"), "P102": items("P102", "Q7278")}),
    ]
    return persons_first + countries + organisations + irrelevant + positions



def write_dump(path: Path, entities: list[dict] | None = None, *, extra_lines: list[bytes] = ()) -> Path:
    """A dump in the latest-all.json layout: "[", one entity a line ending with ",", "]"."""
    ents = dump_entities() if entities is None else entities
    lines = [json.dumps(e, ensure_ascii=False).encode("utf-8") for e in ents]
    lines += [b'{"type":"property","id":"P39","datatype":"wikibase-item","labels":{}}']
    lines += [b'{"type":"item","id":"Q4999000","claims":{"P39":[{"mainsnak"']  # truncated: malformed
    lines += list(extra_lines)
    body = b"[\n" + b",\n".join(lines) + b"\n]\n"
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(body))
    elif path.name.endswith(".bz2"):
        path.write_bytes(bz2.compress(body))
    else:
        path.write_bytes(body)
    return path


def load_built(tmp_path: Path, built: Path) -> KnowledgeBase:
    """The built file as an extra over an empty KB folder."""
    folder = tmp_path / "empty-kb"
    folder.mkdir(exist_ok=True)
    for stem in ("entities", "countries", "roles"):
        (folder / f"{stem}.jsonl").write_text("", encoding="utf-8")
    return KnowledgeBase.load(folder, extra=[built], use_env=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wd")
    dump = write_dump(tmp / "latest-all.json")
    calls: list[tuple[str, int]] = []
    report = build_from_wikidata_dump(dump, tmp / "out" / "wikidata.jsonl",
                                      progress=lambda phase, n: calls.append((phase, n)))
    return tmp, report, load_built(tmp, report.out_path), calls


def one(kb: KnowledgeBase, name: str):
    found = kb.by_name(name)
    assert len(found) == 1, (name, found)
    return found[0]


# ---------------------------------------------------------------- the tests

def test_report_counts(built):
    _, report, kb, calls = built
    n_lines = len(dump_entities()) + 2
    assert report.entities_read == n_lines
    assert report.kept_by_kind == {"person": 9, "state": 7, "igo": 1, "organisation": 3, "armed_group": 2}
    assert report.kept == 22 == len(kb.entities)
    # irrelevant: 4 items, 3 places (Soviet Union and Hong Kong only lend their codes), 9 positions
    assert report.skipped == {"irrelevant": 4 + 3 + 9, "malformed": 1, "not_item": 1, "no_label": 1,
                              "state_without_code": 1}
    assert report.entities_read == report.kept + report.skipped_total
    assert report.offices == 10 and report.offices_unresolved == 2
    assert report.index_sizes == {"countries": 8, "organisations": 2, "positions_needed": 10, "positions": 8}
    assert calls[-2:] == [("scan", n_lines), ("positions", n_lines)]
    assert "kept 22" in report.summary()


def test_offices_dates_and_roles(built):
    _, _, kb, _ = built
    putin = one(kb, "Vladimir Putin")
    assert putin.id == "Q7747" and putin.kind == "person" and putin.country == "RUS" and putin.sector == "GOV"
    assert [(o.title, o.role, o.start, o.end) for o in putin.offices] == [
        ("Prime Minister", "head_of_government", "1999-08-16", "2000-05-07"),
        ("President", "head_of_state", "2000-05-07", "2008-05-07"),
        ("Prime Minister", "head_of_government", "2008-05-08", "2012-05-07"),
        ("President", "head_of_state", "2012-05-07", None)]
    assert [o.title for o in putin.offices_on("2010-01-01")] == ["Prime Minister"]
    assert kb.by_office("head_of_state", "RUS", "2025-05-13") == [putin]
    lavrov = one(kb, "Sergei Lavrov")  # an alias; the deprecated statement is ignored
    assert [(o.title, o.role, o.country, o.start) for o in lavrov.offices] == [
        ("Minister of Foreign Affairs", "foreign_minister", "RUS", "2004-03-09")]
    duma = one(kb, "Ivan Deputatov").offices[0]
    assert (duma.title, duma.role, duma.sector, duma.country, duma.start) == (
        "Member of the State Duma", "legislator", "LEG", "RUS", "2021-10")
    judge = one(kb, "Jane Bench")  # the Wikipedia title's disambiguator is dropped
    assert (judge.country, judge.sector, judge.offices[0].role) == ("USA", "JUD", "judge")
    governor = one(kb, "Greg Lone")  # P1001 Texas is no country: the position's P17 decides
    assert (governor.country, governor.offices[0].role, governor.offices[0].title) == ("USA", "governor",
                                                                                     "Governor of Texas")
    envoy = one(kb, "Wolf Ambassador")
    assert (envoy.country, envoy.offices[0].role, envoy.offices[0].start) == ("DEU", "envoy", "2020-02")


def test_igo_officials_states_and_organisations(built):
    _, _, kb, _ = built
    guterres = one(kb, "Antonio Guterres")
    assert (guterres.country, guterres.sector) == ("IGO", "IGO")
    assert guterres.offices[0].role == "igo_head" and guterres.offices[0].country == "IGO"
    expected = {"United Nations": ("igo", "IGO", "IGO"), "Amnesty International": ("organisation", "NGO", "NGO"),
                "United Russia": ("organisation", "RUS", "PTY"), "FSB": ("organisation", "RUS", "SPY"),
                "ISIS": ("armed_group", "IMG", "REB"), "Hamas": ("armed_group", "PSE", "REB"),
                "Russia": ("state", "RUS", None), "Russian Federation": ("state", "RUS", None),
                "Kosovo": ("state", "XKX", None), "State of Palestine": ("state", "PSE", None)}
    for name, (kind, country, sector) in expected.items():
        e = one(kb, name)
        assert (e.kind, e.country, e.sector) == (kind, country, sector), name
    assert kb.by_name("U.N.") == kb.by_name("United Nations")
    for absent in ("Atlantis", "Soviet Union", "Hong Kong", "Texas", "lion", "Mona Lisa", "Leonardo da Vinci",
                   "A. Painter", "President of Russia"):
        assert kb.by_name(absent) == [], absent


def test_persons_without_offices_and_aliases(built):
    _, _, kb, _ = built
    politician = one(kb, "Olena Partiyna")
    assert (politician.country, politician.sector, politician.offices) == ("UKR", None, ())
    nobody = one(kb, "Petro Nobody")  # both positions unresolved: P27 gives the country
    assert (nobody.country, nobody.offices) == ("UKR", ())
    putin = one(kb, "Vladimir Putin")
    assert set(putin.aliases) == {"Vladimir Vladimirovich Putin", "VVP", "Wladimir Putin", "Władimir Putin"}
    assert one(kb, "Sergey Lavrov").source == "wikidata-dump:latest-all.json"


@pytest.mark.parametrize("suffix", [".gz", ".bz2"])
def test_compressed_dumps_give_the_same_file(built, tmp_path, suffix):
    _, report, _, _ = built
    dump = write_dump(tmp_path / f"latest-all.json{suffix}")
    # named .json but compressed: the magic bytes decide, not the suffix
    disguised = tmp_path / "dump.json"
    shutil.copy(dump, disguised)
    for src in (dump, disguised):
        out = build_from_wikidata_dump(src, tmp_path / "out.jsonl.gz")
        with gzip.open(out.out_path, "rt", encoding="utf-8") as f:
            lines = [json.loads(x) for x in f]
        expected = [json.loads(x) for x in report.out_path.read_text(encoding="utf-8").splitlines()]
        for e in expected:
            e["source"] = e["sources"][0] = f"wikidata-dump:{src.name}"
        assert lines == expected
        assert out.kept == report.kept and out.skipped == report.skipped


def test_memory_is_bounded_by_what_is_kept(built, tmp_path):
    _, base, _, _ = built
    noise = []
    for i in range(10_000):
        if i % 2:  # never parsed: no marker
            ent = item(f"Q9{i:07d}", f"species {i}", p31=("Q16521",), claims={"P171": items("P171", "Q140")})
        else:  # parsed (it names a party), then dropped
            ent = item(f"Q9{i:07d}", f"person {i}", p31=PERSON, claims={"P102": items("P102", "Q7278"),
                                                                       "P27": items("P27", "Q159")})
        noise.append(json.dumps(ent).encode())
    dump = write_dump(tmp_path / "big.json", extra_lines=noise)
    peaks = []
    for src, out in ((write_dump(tmp_path / "small.json"), "small.jsonl"), (dump, "big.jsonl")):
        tracemalloc.start()
        try:
            report = build_from_wikidata_dump(src, tmp_path / out)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    # streaming: the peak does not grow with a dump 200 times larger (7 MB, read twice)
    assert dump.stat().st_size > 5_000_000 and peaks[1] < 2 * peaks[0] + 100_000, peaks
    assert report.index_sizes == base.index_sizes
    assert report.kept == base.kept
    assert report.skipped["irrelevant"] == base.skipped["irrelevant"] + 10_000
    assert report.out_path.read_bytes().replace(b"big.json", b"latest-all.json") == base.out_path.read_bytes()


def test_errors_say_what_to_do(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        build_from_wikidata_dump(tmp_path / "missing.json.gz", tmp_path / "out.jsonl")
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress(b"[\n" + json.dumps(dump_entities()[0]).encode() + b",\n")[:-20])
    with pytest.raises(InputError, match="truncated or corrupt"):
        build_from_wikidata_dump(broken, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["broken.json.gz"]  # no temporary files left


def test_title_rules():
    assert role_for_title("Minister of Foreign Affairs of Ukraine") == "foreign_minister"
    assert role_for_title("member of the Bundestag") == "legislator"
    assert role_for_title("Mayor of Kyiv") == "mayor"
    assert role_for_title("chair of the board") == "other"
    assert sector_for_position("Chief of the General Staff") == "MIL"
    assert sector_for_position("Director of the Foreign Intelligence Service") == "SPY"
    assert sector_for_position("Archbishop of Canterbury") == "REL"
    assert sector_for_position("member of the Rada") == "LEG"
    assert sector_for_position("position", {"Q16533"}) == "JUD"
    assert sector_for_position("Minister of Defence") == "GOV"


@pytest.mark.parametrize("title, default, sector", [
    ("Lieutenant General", "GOV", "MIL"),
    ("General of the Army", "GOV", "MIL"),
    ("Chief of Staff of the Army", "GOV", "MIL"),
    # a "-General" office and the civilian secretary of a service are not the military
    ("Secretary-General of the United Nations", "IGO", "IGO"),
    ("Director-General of the World Trade Organization", "IGO", "IGO"),
    ("Attorney General of the United States", "GOV", "GOV"),
    ("Secretary of the Navy", "GOV", "GOV"),
    ("Under Secretary of the Army", "GOV", "GOV"),
])
def test_military_sector_is_ranks_and_services_not_general_offices(title, default, sector):
    assert sector_for_position(title, default=default) == sector
