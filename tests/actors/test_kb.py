"""The actor knowledge base: loader, shipped data and build script."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventcoder.actors.kb import DEFAULT_KB_DIR, EXTRA_ENV, KnowledgeBase, Office, normalise
from eventcoder.errors import DataError

ROOT = Path(__file__).resolve().parents[2]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return KnowledgeBase.load(use_env=False)


@pytest.fixture
def tiny(tmp_path) -> Path:
    kb = tmp_path / "kb"
    kb.mkdir()
    _jsonl(kb / "entities.jsonl", [
        {"id": "Q1", "name": "Ana Pérez-Gómez", "aliases": ["A. Perez"], "kind": "person", "country": "ESP",
         "sector": "GOV", "offices": [{"title": "Minister of Foreign Affairs", "role": "foreign_minister",
                                       "country": "ESP", "sector": "GOV", "start": "2020-01-05", "end": "2024-02"}],
         "source": "test"},
        {"id": "ec:bob-stone-esp", "name": "Bob Stone", "aliases": [], "kind": "person", "country": "ESP",
         "sector": "GOV", "offices": [{"title": "Minister of Foreign Affairs", "role": "foreign_minister",
                                       "country": "ESP", "sector": "GOV", "start": "2024-02", "end": None}],
         "source": "test"},
    ])
    _jsonl(kb / "countries.jsonl", [
        {"code": "ESP", "name": "Spain", "aliases": ["Kingdom of Spain"], "adjectives": ["Spanish"],
         "demonyms": ["Spaniards"], "capitals": ["Madrid"], "seats": ["Moncloa"]},
    ])
    _jsonl(kb / "roles.jsonl", [{"phrase": "foreign minister", "sector": "GOV", "role": "foreign_minister"}])
    (kb / "manifest.json").write_text(json.dumps({"format_version": "1.0", "build_date": "2025-01-01"}))
    return kb


def test_normalise():
    assert normalise("  Recep Tayyip ERDOĞAN ") == "recep tayyip erdogan"
    assert normalise("U.S.") == "us"
    assert normalise("Thomas-Greenfield") == "thomas greenfield"
    assert normalise("Gideon Sa'ar") == "gideon saar"


def test_office_active_on():
    o = Office("PM", "head_of_government", "EST", "GOV", "2021-01-26", "2024-07-23")
    assert o.active_on("2023-05-01") is True
    assert o.active_on("2024-07-23") is False  # the successor's first day
    assert o.active_on("2020-12-31") is False
    assert o.active_on(None) is None
    assert Office("x", None, None, None, None, None).active_on("2020-01-01") is None
    coarse = Office("FM", "foreign_minister", "ESP", "GOV", "2020", "2024-02")
    assert coarse.active_on("2020-01-01") is True
    assert coarse.active_on("2024-02-10") is True
    assert coarse.active_on("2024-03-01") is False
    assert coarse.active_on("2024") is True  # month of end unknown relative to a year


def test_tiny_round_trip(tiny):
    kb = KnowledgeBase.load(tiny, use_env=False)
    assert kb.version == "1.0+2025-01-01"
    [ana] = kb.by_name("ana perez gomez")
    assert ana.qid == "Q1" and ana.offices[0].role == "foreign_minister"
    assert kb.by_name("A Perez") == [ana]
    assert [e.name for e in kb.by_surname("Gomez")] == ["Ana Pérez-Gómez"]
    assert [e.name for e in kb.by_office("foreign_minister", "ESP", "2022-06-01")] == ["Ana Pérez-Gómez"]
    assert [e.name for e in kb.by_office("foreign_minister", "ESP", "2025-01-01")] == ["Bob Stone"]
    assert kb.by_office("foreign_minister", "FRA") == []
    assert kb.by_name("Bob Stone")[0].qid is None
    assert kb.country_by_name("Spaniards").code == "ESP"
    assert kb.country_by_capital("the Moncloa").code == "ESP"
    assert kb.country("esp").name == "Spain"
    assert kb.role("Foreign  Minister").role == "foreign_minister"
    assert ("bob stone", 1) in kb.all_names()


def test_people_named_and_office_holders_by_date(tiny):
    kb = KnowledgeBase.load(tiny, use_env=False)
    # the resolver's name key (names.normalise: accents off, hyphens and dots to spaces)
    assert kb.people_named("ana perez gomez") == [0] and kb.people_named("a perez") == [0]
    assert kb.people_named("bob stone") == [1] and kb.people_named("spain") == []
    # the same (role, country) asked on many dates: each answer from the holders' own offices
    for date, names in (("2019-12-31", []), ("2020-01-05", ["Ana Pérez-Gómez"]),
                        ("2024-02", ["Ana Pérez-Gómez", "Bob Stone"]), ("2024-03-01", ["Bob Stone"]),
                        (None, ["Ana Pérez-Gómez", "Bob Stone"])):
        assert [e.name for e in kb.by_office("foreign_minister", "ESP", date)] == names, date
        assert [e.name for e in kb.by_office("foreign_minister", None, date)] == names, date


def test_extra_files_and_env(tiny, tmp_path, monkeypatch):
    extra = _jsonl(tmp_path / "mine.jsonl", [
        {"id": "ec:carla", "name": "Carla Ruiz", "kind": "person", "country": "ESP", "sector": "OPP", "source": "me"},
        {"phrase": "opposition figure", "sector": "OPP", "role": None},
        {"id": "Q1", "name": "Ana Pérez", "kind": "person", "country": "ESP", "source": "me"},  # replaces Q1
    ])
    kb = KnowledgeBase.load(tiny, extra=[extra], use_env=False)
    assert kb.by_name("Carla Ruiz")[0].sector == "OPP"
    assert kb.role("opposition figure").sector == "OPP"
    assert kb.by_name("Ana Pérez-Gómez") == [] and kb.by_name("Ana Perez")[0].id == "Q1"
    monkeypatch.setenv(EXTRA_ENV, str(tmp_path / "mine.jsonl"))
    assert KnowledgeBase.load(tiny).by_name("Carla Ruiz")
    monkeypatch.setenv(EXTRA_ENV, str(tmp_path / "missing.jsonl"))
    with pytest.raises(DataError, match="does not exist"):
        KnowledgeBase.load(tiny)


def test_bad_data_raises(tiny, tmp_path):
    with pytest.raises(DataError, match="build_kb"):
        KnowledgeBase.load(tmp_path / "nowhere", use_env=False)
    with (tiny / "entities.jsonl").open("a") as f:
        f.write("{not json\n")
    with pytest.raises(DataError, match="entities.jsonl:3"):
        KnowledgeBase.load(tiny, use_env=False)
    (tiny / "manifest.json").write_text(json.dumps({"format_version": "9.0"}))
    with pytest.raises(DataError, match="format"):
        KnowledgeBase.load(tiny, use_env=False)


# ---------------------------------------------------------------- the shipped knowledge base

def test_shipped_kb_offices(shipped):
    assert shipped.version.startswith("1.")
    [fm] = shipped.by_office("foreign_minister", "RUS", "2025-05-13")
    assert fm.name == "Sergey Lavrov" and fm.qid == "Q58217"
    [p2025] = shipped.by_office("head_of_state", "USA", "2025-03-01")
    [p2022] = shipped.by_office("head_of_state", "USA", "2022-06-01")
    assert p2025.id != p2022.id
    assert (p2025.name, p2022.name) == ("Donald Trump", "Joe Biden")
    [hr] = shipped.by_office("igo_foreign_policy_chief", "IGO", "2025-05-13")
    assert hr.name == "Kaja Kallas"
    assert [e.name for e in shipped.by_office("head_of_government", "EST", "2025-05-13")] == ["Kristen Michal"]


def test_shipped_kb_names(shipped):
    for alias in ("Zelensky", "Zelenskiy", "Selenskyj", "Volodymyr Zelenskyy"):
        assert [e.qid for e in shipped.by_name(alias)] == ["Q3874799"], alias
    assert "Sergey Lavrov" in {e.name for e in shipped.by_surname("Lavrov")}
    assert shipped.by_name("NATO")[0].country == "IGO"
    hamas = [e for e in shipped.by_name("Hamas") if e.kind == "armed_group"]
    assert hamas and hamas[0].sector == "REB" and hamas[0].country == "PSE"
    assert all(k and i < len(shipped.entities) for k, i in shipped.all_names()[:1000])


@pytest.mark.parametrize("text, code", [
    ("Russian", "RUS"), ("Turkish", "TUR"), ("Türkiye", "TUR"), ("U.S.", "USA"), ("American", "USA"),
    ("the U.S.", "USA"), ("British", "GBR"), ("Britain", "GBR"), ("Emirati", "ARE"), ("Saudi", "SAU"),
    ("Israeli", "ISR"), ("Palestinian", "PSE"), ("Burma", "MMR"), ("Ivory Coast", "CIV"), ("Ukrainians", "UKR"),
])
def test_country_by_name(shipped, text, code):
    assert shipped.country_by_name(text).code == code


@pytest.mark.parametrize("text, code", [
    ("the Kremlin", "RUS"), ("Moscow", "RUS"), ("Kiev", "UKR"), ("Kyiv", "UKR"), ("Bankova", "UKR"),
    ("the White House", "USA"), ("Downing Street", "GBR"), ("the Élysée", "FRA"), ("Zhongnanhai", "CHN"),
])
def test_country_by_capital(shipped, text, code):
    assert shipped.country_by_capital(text).code == code


def test_countries_complete(shipped):
    codes = {c.code for c in shipped.countries()}
    assert len(codes) >= 250 and {"PSE", "XKX", "TWN", "HKG"} <= codes
    assert shipped.country_by_name("Atlantis") is None and shipped.country_by_capital("Gotham") is None


def test_roles(shipped):
    assert (shipped.role("Foreign Minister").sector, shipped.role("foreign minister").role) == ("GOV", "foreign_minister")
    assert shipped.role("spokesman").role == "spokesperson"
    assert shipped.role("rebels").sector == "REB" and shipped.role("police").sector == "COP"
    assert shipped.role("top diplomat").role == "foreign_minister"
    assert shipped.role("no such office") is None
    assert len(shipped.roles()) > 2000


def test_shipped_manifest_matches():
    manifest = json.loads((DEFAULT_KB_DIR / "manifest.json").read_text())
    assert manifest["counts"]["countries"] == 250
    assert (DEFAULT_KB_DIR / "entities.jsonl.gz").stat().st_size < 8_000_000


# ---------------------------------------------------------------- the build script

def _fake_sources(root: Path) -> tuple[Path, Path]:
    src, sup = root / "sources", root / "supplement"
    (src / "wikidata-officeholders").mkdir(parents=True)
    (src / "petrarch").mkdir()
    (src / "plover-agents").mkdir()
    sup.mkdir()
    (src / "wikidata-officeholders" / "russia-cabinet__current.csv").write_text(
        "position,person,personID,start,end\n"
        "Minister of Foreign Affairs,Sergey Lavrov,Q58217,2004-03-09,\n"
        "Deputy Minister of Foreign Affairs,Sergey Ryabkov,Q2,2008-08-01,\n", encoding="utf-8")
    (src / "wikidata-officeholders" / "world-leaders-2021__wikidata.csv").write_text(
        "countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year\n"
        "Q1,Freedonia,Q9,President of Freedonia,Q77,Rufus Firefly,2019,\n"
        "Q2,Atlantis,Q9,President of Atlantis,Q78,Nobody,2019,\n", encoding="utf-8")
    (src / "petrarch" / "Phoenix.Countries.actors.txt").write_text(
        "# header\n"
        "FREEDONIA_  [FRE]\n+FREEDONIAN_\n\n"
        "SERGEI_LAVROV_  # CountryInfo.txt\n+LAVROV_\n+FOREIGN_MINISTER_LAVROV_\n"
        "\t[RUSGOV 040309-131231]\n\t[RUSELI]\n"
        "TRENTINO_AMBASSADOR_  # CountryInfo.txt\n\t[SYLGOV 330101-]\n", encoding="utf-8")
    (src / "petrarch" / "Phoenix.MilNonState.actors.txt").write_text(
        "FREEDONIA_LIBERATION_FRONT_ [FREREB] # x\n+FLF_\n+JOHN_DOE_\n", encoding="utf-8")
    (src / "petrarch" / "Phoenix.agents.txt").write_text(
        "!PERSON! = MAN, WOMAN\nREBEL [~REB]\nSPOKES!PERSON! [~MED]\nJOURNALIST [~JRN]\n", encoding="utf-8")
    (src / "plover-agents" / "PLOVER_agents.txt").write_text("POLICE [~COP]\n#ARMY [~MIL]\n", encoding="utf-8")
    (sup / "countries.psv").write_text(
        "#@source test\nFRE|Freedonia|Fredonia|Freedonian||Freedonia City|Palace\n"
        "RUS|Russia|Russian Federation|Russian||Moscow|Kremlin\n", encoding="utf-8")
    (sup / "roles.psv").write_text("spokesman|GOV|spokesperson\nforeign minister|GOV|foreign_minister\n", encoding="utf-8")
    (sup / "officeholders-test.psv").write_text(
        "#@source supplement: test\n"
        "Rufus T. Firefly||FRE|GOV|President of Freedonia|head_of_state|2024-01-01||Firefly\n"
        "Sergey Lavrov|Q58217|RUS|GOV|Minister of Foreign Affairs|foreign_minister|2004-03-09||Sergei Lavrov\n",
        encoding="utf-8")
    (sup / "organisations-test.psv").write_text("Freedonia Liberation Front||armed_group|FRE|REB|FLF\n", encoding="utf-8")
    return src, sup


def test_builder_on_fake_sources(tmp_path):
    build = _build_module()
    src, sup = _fake_sources(tmp_path)
    manifest = build.build(src, sup, tmp_path / "out", "2025-01-01")
    assert manifest["format_version"] == "1.0" and manifest["counts"]["countries"] == 2
    first = (tmp_path / "out" / "entities.jsonl.gz").read_bytes()
    build.build(src, sup, tmp_path / "out", "2025-01-01")
    assert (tmp_path / "out" / "entities.jsonl.gz").read_bytes() == first  # deterministic

    kb = KnowledgeBase.load(tmp_path / "out", use_env=False)
    [lavrov] = kb.by_name("Sergei Lavrov")  # QID, supplement and petrarch merged into one person
    assert lavrov.id == "Q58217" and lavrov.kind == "person"
    assert {"Lavrov", "Sergei Lavrov"} <= set(lavrov.aliases)
    assert "Foreign Minister Lavrov" not in lavrov.aliases  # titles are not names
    assert any(o.title == "phoenix:RUSGOV" and o.start == "2004-03-09" and o.end == "2013-12-31"
               for o in lavrov.offices)
    assert kb.by_name("Sergey Ryabkov")[0].offices[0].role == "deputy_foreign_minister"
    # the 2019 open-ended presidency from the old table is closed by the dated supplement successor
    [old] = kb.by_name("Rufus Firefly")
    assert old.offices[0].end == "2024-01-01"
    assert [e.name for e in kb.by_office("head_of_state", "FRE", "2025-01-01")] == ["Rufus T. Firefly"]
    assert kb.by_name("Nobody") == []  # unknown country
    [flf] = kb.by_name("FLF")
    assert flf.kind == "armed_group" and flf.sector == "REB" and "John Doe" not in flf.aliases
    assert kb.by_name("Freedonia") == []  # country entries stay in countries.jsonl
    assert kb.role("spokesman").sector == "GOV" and kb.role("spokeswoman").sector == "MED"
    assert kb.role("rebels").sector == "REB" and kb.role("journalist").sector == "MED"
    assert kb.role("police").sector == "COP" and kb.role("army") is None
    assert kb.country_by_name("Freedonians").code == "FRE"


def test_builder_agents_forms_country_entries_and_notes(tmp_path):
    build = _build_module()
    src, sup = _fake_sources(tmp_path)
    (src / "plover-agents" / "PLOVER_agents.txt").write_text(
        "!MINIST! = MINISTER, MINISTRY\nGENDARMERY {GENDARMERIE} [~COP]\nTHIEF {THIEVES} [~CRM]\n"
        "!MINIST! OF_HEALTH [~GOVMED]\n!MINIST! OF_TRADE_AND_INDUSTRY [~GOV]\n", encoding="utf-8")
    with open(src / "petrarch" / "Phoenix.Countries.actors.txt", "a", encoding="utf-8") as f:
        # a country with a dated former code: its aliases are towns, not names of an actor
        f.write("ATLANTIS_\n+ATLANTIS_CITY_\n+POSEIDONIA_\n\t[FRE 000101-100101]\n\t[RUS]\n")
    (sup / "organisations-test.psv").write_text(
        "#@source note one\nFreedonia Liberation Front||armed_group|FRE|REB|FLF\n"
        "#@source note two\nFreedonia Navy||organisation|FRE|MIL|\n", encoding="utf-8")
    build.build(src, sup, tmp_path / "out", "2025-01-01")
    kb = KnowledgeBase.load(tmp_path / "out", use_env=False)
    # TABARI irregular plurals: both forms, no made-up regular plural
    assert kb.role("gendarmerie").sector == "COP" and kb.role("gendarmery").sector == "COP"
    assert kb.role("thieves").sector == "CRM" and kb.role("thiefs") is None
    # "ministry of health" also as "health ministry"; not for "trade and industry"
    assert kb.role("health ministry").sector == "GOV" and kb.role("ministry of health").sector == "GOV"
    assert kb.role("trade and industry ministry") is None
    assert kb.by_name("Poseidonia") == [] and kb.by_name("Atlantis") == []
    # each row takes the #@source note in force at it
    assert kb.by_name("FLF")[0].source.endswith("(note one)")
    assert kb.by_name("Freedonia Navy")[0].source.endswith("(note two)")


def test_shipped_organisations_and_institution_words(shipped):
    for name, code, sector in (("JMSDF", "JPN", "MIL"), ("UNMISS", "IGO", "IGO"), ("UNOCHA", "IGO", "IGO"),
                               ("DPR", "UKR", "REB"), ("Turkish Coast Guard", "TUR", "MIL"),
                               ("Radwan Force", "LBN", "REB"), ("ECCAS", "IGO", "IGO")):
        hits = [e for e in shipped.by_name(name) if e.kind != "person"]
        assert hits and (hits[0].country, hits[0].sector) == (code, sector), (name, hits[:2])
    for phrase, sector in (("gendarmerie", "COP"), ("defence ministry", "GOV"), ("defense ministry", "GOV"),
                           ("interior ministry", "GOV"), ("coast guard", "MIL"), ("navy", "MIL"),
                           ("air force", "MIL"), ("border guard", "MIL"), ("national guard", "MIL"),
                           ("police", "COP"), ("intelligence service", "SPY"), ("parliament", "LEG"),
                           ("supreme court", "JUD"), ("central bank", "GOV"), ("health ministry", "GOV")):
        r = shipped.role(phrase)
        assert r is not None and (r.sector, r.role) == (sector, None), (phrase, r)
    # an IGO official and the namesake national politician are one person
    for name in ("Ursula von der Leyen", "António Costa", "Charles Michel"):
        assert len([e for e in shipped.by_name(name) if e.kind == "person"]) == 1, name
    # Phoenix country entries are not organisations named after their towns
    assert not [e for e in shipped.by_name("Kharkiv") if e.kind != "person"]


@pytest.mark.slow
def test_builder_on_real_sources(shared_dir, tmp_path):
    build = _build_module()
    manifest = build.build(shared_dir / "kb-sources", ROOT / "data-src" / "kb", tmp_path / "kb", "2025-01-01")
    counts = manifest["counts"]
    assert counts["countries"] == 250
    assert counts["entities"] > 20_000 and counts["kind:person"] > 10_000 and counts["roles"] > 4000
    assert (tmp_path / "kb" / "entities.jsonl.gz").stat().st_size < 8_000_000
    shipped = json.loads((DEFAULT_KB_DIR / "manifest.json").read_text())
    assert shipped["counts"] == counts, "the shipped KB is stale: rerun scripts/build_kb.py"


@pytest.mark.parametrize("role,code,date,name", [
    ("defence_minister", "KOR", "2025-09-01", "Ahn Gyu-back"),
    ("defence_minister", "KOR", "2024-01-01", "Shin Won-sik"),
    ("head_of_government", "THA", "2025-10-01", "Anutin Charnvirakul"),
    ("foreign_minister", "JPN", "2025-11-01", "Toshimitsu Motegi"),
    ("head_of_state", "GHA", "2025-06-01", "John Mahama"),
    ("head_of_state", "GHA", "2024-06-01", "Nana Akufo-Addo"),
    ("foreign_minister", "LVA", "2025-01-01", "Baiba Braže"),
])
def test_shipped_dated_officeholders(shipped, role, code, date, name):
    # the 2023-2025 supplement: one holder of the office on the date, the successor after it
    assert [e.name for e in shipped.by_office(role, code, date)] == [name]


def test_supplement_rows_carry_a_source_note(shipped):
    for name in ("Ahn Gyu-back", "Anutin Charnvirakul", "Catherine Vautrin"):
        [e] = [x for x in shipped.by_name(name) if x.kind == "person"]
        assert e.source.startswith("supplement:officeholders-2023-2025.psv (supplement: ")
        assert "public record as of 2025-06" not in e.source  # its section's own note


@pytest.mark.parametrize("name,title,date,held", [
    ("Howard Lutnick", "United States Secretary of Commerce", "2025-06-01", True),
    ("Gina Raimondo", "United States Secretary of Commerce", "2025-06-01", False),
    ("Gina Raimondo", "United States Secretary of Commerce", "2023-06-01", True),
    ("Pam Bondi", "United States Attorney General", "2025-06-01", True),
])
def test_shipped_us_cabinet_supplement(shipped, name, title, date, held):
    # the cabinet block of the supplement: each holder with the department's office and dates,
    # and the block's own source note
    [e] = [x for x in shipped.by_name(name) if x.kind == "person"]
    [office] = [o for o in e.offices if o.title == title]
    assert office.country == "USA" and office.active_on(date) is held
    assert "US departments' lists of secretaries" in e.source
