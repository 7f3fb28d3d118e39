"""Gazetteer: normalisation, the shipped file, and the GeoNames dump builder."""
from __future__ import annotations

import json
import time
import zipfile

import pytest

from eventcoder.errors import DataError
from eventcoder.geo.gazetteer import GazEntry, Gazetteer, build_from_geonames_dump, latin_alternates, normalize


def _e(gid, name, alts=(), fcode="PPL", cc="UKR", pop=1000, fclass="P"):
    return GazEntry(gid, name, name, tuple(alts), 50.0, 30.0, cc, fclass, fcode, pop, "")


def test_normalize_strips_accents_case_and_punctuation():
    assert normalize("Türkiye") == "turkiye"
    assert normalize("Deir al-Balah") == normalize("Deir al Balah") == "deir al balah"
    assert normalize("Ma'arib") == "maarib"
    assert normalize("  KYIV ") == "kyiv"


def test_latin_alternates_drop_codes_and_other_scripts():
    kept = latin_alternates("Kyiv", ["IEV", "Kiev", "Киев", "ji fu", "Ko", "Kyiv", "Kiew"])
    assert kept == ("Kiev", "Kiew")


def test_lookup_alternates_and_leading_the():
    g = Gazetteer([_e(1, "Kyiv", ["Kiev"]), _e(2, "Gaza Strip", fcode="ADM1", fclass="A", cc="PSE")])
    assert [e.geonameid for e in g.lookup("KIEV")] == [1]
    assert [e.geonameid for e in g.lookup("the Gaza Strip")] == [2]
    assert g.lookup("Nowhere") == []
    assert g.get(2).name == "Gaza Strip"


def test_row_round_trip():
    e = GazEntry(7, "Odesa", "Odesa", ("Odessa",), 46.47747, 30.73262, "UKR", "P", "PPLA", 1010537, "", 61)
    assert GazEntry.from_tuple(e.to_tuple()) == e


def test_sqlite_file_round_trip_and_lazy_open(tmp_path):
    """The built file answers lookups and get() without reading its rows up front."""
    from eventcoder.geo.gazetteer import write_gazetteer

    es = [_e(1, "Kyiv", ["Kiev"]), _e(2, "Odesa", ["Odessa"]), _e(-3, "Black Sea", fcode="SEA", fclass="H", cc="")]
    man = write_gazetteer(es, tmp_path, sources={"test": True})
    assert man["entries"] == 3 and man["format_version"] == 2
    g = Gazetteer.load(tmp_path)
    assert len(g) == 3 and g._cache == {}
    assert [e.name for e in g.lookup("KIEV")] == ["Kyiv"]
    assert g.get(-3).fcode == "SEA" and g.get(99) is None
    assert sorted(e.geonameid for e in g.iter_entries()) == [-3, 1, 2]


def test_arabic_article_romanisations_share_a_key():
    assert normalize("Deir el-Balah") == normalize("Deir al Balah") == normalize("Deir ad Balah")
    assert normalize("El") == "el"  # a lone word is left alone


def test_spelling_variants_drop_other_names():
    from eventcoder.geo.gazetteer import spelling_variants

    assert spelling_variants("Bent Jbaïl", ["Bint Jbeil", "Bint Jubayl"]) == ("Bint Jbeil", "Bint Jubayl")
    assert spelling_variants("Cuba City", ["Western", "Craiglaw"]) == ()


def test_missing_file_raises_data_error(tmp_path):
    with pytest.raises(DataError, match="rebuild"):
        Gazetteer.load(tmp_path)


def test_shipped_gazetteer_loads_fast_and_knows_variants():
    t0 = time.perf_counter()
    g = Gazetteer.load()
    assert time.perf_counter() - t0 < 0.5  # the SQLite file is opened, not read
    assert len(g) > 250_000 and g.version.startswith("2:")
    kyiv = {e.geonameid for e in g.lookup("Kyiv")}
    assert kyiv & {e.geonameid for e in g.lookup("Kiev")}
    assert any(e.country == "TUR" and e.fcode == "PCLI" for e in g.lookup("Türkiye"))
    assert any(e.country == "GBR" for e in g.lookup("Britain"))
    assert any(e.fcode == "STRT" for e in g.lookup("Taiwan Strait"))
    assert any(e.fcode == "ADM1" and e.country == "UKR" for e in g.lookup("Cherkasy Oblast"))
    assert any(e.fcode == "ADM1" and e.country == "USA" for e in g.lookup("Fla."))


def _dump_line(gid, name, alts, lat, lon, fclass, fcode, cc, pop):
    f = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", "01", "", "", "",
         str(pop), "", "100", "Europe/Kyiv", "2024-01-01"]
    assert len(f) == 19
    return "\t".join(f) + "\n"


@pytest.mark.parametrize("zipped", [False, True])
def test_build_from_geonames_dump(tmp_path, zipped):
    txt = (_dump_line(703448, "Kyiv", ["Kiev", "Киев", "IEV"], 50.45, 30.52, "P", "PPLC", "UA", 2952301)
           + _dump_line(1, "Tiny", [], 50.0, 30.0, "P", "PPL", "UA", 10)
           + _dump_line(2, "Some Oblast", ["Some region"], 49.0, 31.0, "A", "ADM1", "UA", 0)
           + _dump_line(3, "A Hill", [], 49.0, 31.0, "T", "HLL", "UA", 0)
           + "garbage line\n")
    src = tmp_path / "UA.txt"
    src.write_text(txt, encoding="utf-8")
    if zipped:
        with zipfile.ZipFile(tmp_path / "UA.zip", "w") as z:
            z.write(src, "UA.txt")
        src = tmp_path / "UA.zip"
    out = tmp_path / "out"
    manifest = build_from_geonames_dump(src, out, min_population=1000, overlay=Gazetteer([]))
    assert manifest["entries"] == 2
    assert json.loads((out / "manifest.json").read_text())["format_version"] == 2
    g = Gazetteer.load(out)
    (kyiv,) = g.lookup("Kiev")
    assert kyiv.country == "UKR" and kyiv.fcode == "PPLC" and kyiv.alternates == ("Kiev",)
    assert g.lookup("Some region")[0].fcode == "ADM1"
    assert g.lookup("Tiny") == [] and g.lookup("A Hill") == []


def test_dump_overlay_keeps_supplement(tmp_path):
    src = tmp_path / "d.txt"
    src.write_text(_dump_line(703448, "Kyiv", [], 50.45, 30.52, "P", "PPLC", "UA", 2952301), encoding="utf-8")
    overlay = Gazetteer([_e(703448, "Kyiv", ["Kiev"]), _e(-5, "Maidan", fcode="SQR", fclass="S")])
    build_from_geonames_dump(src, tmp_path / "o", overlay=overlay)
    g = Gazetteer.load(tmp_path / "o")
    assert g.lookup("Kiev")[0].geonameid == 703448
    assert g.lookup("Maidan")[0].geonameid == -5


def test_dump_builder_missing_file(tmp_path):
    with pytest.raises(DataError, match="download"):
        build_from_geonames_dump(tmp_path / "nope.zip", tmp_path / "o")


def test_lookup_spells_out_saint_and_mount():
    g = Gazetteer([_e(1, "Saint-Brevin", cc="FRA"), _e(2, "Mount Carrow", cc="IRL")])
    assert [e.geonameid for e in g.lookup("St. Brevin")] == [1]
    assert [e.geonameid for e in g.lookup("Mt Carrow")] == [2]
    assert g.lookup("Stone Brevin") == []


def test_shipped_gazetteer_knows_common_and_former_country_names():
    g = Gazetteer.load()
    for name, cc in (("Cape Verde", "CPV"), ("Zaire", "COD"), ("Ceylon", "LKA")):
        assert any(e.fcode.startswith("PCL") and e.country == cc for e in g.lookup(name)), name
