"""The ontology and the shipped trigger lexicon (no spaCy model needed)."""
from __future__ import annotations

import json

import pytest

from eventcoder.coding.lexicon import DEFAULT_DIR, Lexicon
from eventcoder.coding.ontology import ONTOLOGY, is_valid_mode, quad_of
from eventcoder.errors import DataError


def test_ontology_has_the_16_types_with_quads():
    assert len(ONTOLOGY) == 16
    assert quad_of("CONSULT") == 1 and quad_of("AID") == 2
    assert quad_of("REQUEST") == 3 and quad_of("ASSAULT") == 4
    assert {t for t, e in ONTOLOGY.items() if e.recipient_required} == {"COOPERATE", "AID", "SANCTION"}
    assert is_valid_mode("CONSULT", "visit") and not is_valid_mode("CONSULT", "drone")


def test_shipped_lexicon_is_valid_and_broad():
    lex = Lexicon.load()
    assert len(lex) >= 300
    assert {p.type for p in lex.patterns} == set(ONTOLOGY)
    assert len({p.id for p in lex.patterns}) == len(lex)
    assert lex.lookup("VERB", "condemn")[0].type == "ACCUSE"
    assert lex.cues_for("ASSAULT")["drone"] == "drone"


def test_lexicon_header_states_the_licence():
    head = (DEFAULT_DIR / "triggers.jsonl").read_text(encoding="utf-8")[:600]
    assert "CC BY-SA 4.0" in head and "PLOVER manual" in head


def test_reporting_verbs_are_not_triggers():
    lex = Lexicon.load()
    for lemma in ("say", "tell", "add", "state"):
        assert not lex.lookup("VERB", lemma)


def _line(**kw):
    base = {"id": "x", "type": "ACCUSE", "pos": "VERB", "lemma": "condemn"}
    base.update(kw)
    return json.dumps(base)


@pytest.mark.parametrize("bad", [
    "{not json",
    _line(type="NOPE"),
    _line(mode="drone"),
    _line(pos="ADV"),
    _line(recipient=["nowhere"]),
    _line(conf=3),
    _line(extra=1),
    json.dumps({"id": "x", "type": "ACCUSE", "pos": "VERB"}),
])
def test_malformed_lines_raise_data_error(bad):
    with pytest.raises(DataError):
        Lexicon.from_lines([bad])


def test_duplicate_ids_raise_data_error():
    with pytest.raises(DataError, match="duplicate"):
        Lexicon.from_lines([_line(), _line()])


def test_missing_directory_raises_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        Lexicon.load(tmp_path)


def test_comments_and_blank_lines_are_skipped():
    lex = Lexicon.from_lines(["# header", "", _line(id="a")])
    assert [p.id for p in lex.patterns] == ["a"]


def test_verbal_types_are_the_verbal_quad_classes():
    from eventcoder.coding.ontology import VERBAL, VERBAL_CONFLICT, VERBAL_COOPERATION

    assert VERBAL == {t.name for t in ONTOLOGY.values() if t.quad in (VERBAL_COOPERATION, VERBAL_CONFLICT)}
