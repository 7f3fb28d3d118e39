"""The language check: declared languages trusted, short texts kept, only confident guesses rejected."""
from __future__ import annotations

import io
import json

import pytest

from eventcoder.ingest import InputFailure, LanguageDetector, iter_inputs
from eventcoder.ingest.language import normalize_language
from eventcoder.records import Document
from ingest_samples import DE, EN, ES, FR, RU


class FakeIdentifier:
    def __init__(self, answer):
        self.answer = answer
        self.seen: list[str] = []

    def classify(self, text):
        self.seen.append(text)
        return self.answer


@pytest.mark.parametrize("value, code", [("en", "en"), ("EN-us", "en"), ("eng", "en"), ("English", "en"),
                                         ("fr", "fr"), ("fra", "fr"), ("pt_BR", "pt"), ("", None),
                                         ("und", None), ("unknown", None), (42, None), (None, None)])
def test_normalize_language(value, code):
    assert normalize_language(value) == code


def test_declared_language_is_trusted_without_detection():
    fake = FakeIdentifier(("fr", 0.99))
    d = LanguageDetector(identifier=fake)
    assert not d.check(FR, declared="en").rejected
    v = d.check(EN, declared="de")
    assert v.rejected and v.how == "declared" and "'de'" in v.message()
    assert fake.seen == []


def test_short_texts_are_never_rejected_and_only_a_prefix_is_read():
    fake = FakeIdentifier(("fr", 0.99))
    d = LanguageDetector(identifier=fake, prefix_chars=1000)
    assert not d.check("Bonjour tout le monde.").rejected and fake.seen == []
    assert d.check(FR * 10).rejected
    assert len(fake.seen) == 1 and len(fake.seen[0]) == 1000


def test_unconfident_guesses_are_kept():
    assert not LanguageDetector(identifier=FakeIdentifier(("fr", 0.6))).check(FR).rejected
    assert LanguageDetector(identifier=FakeIdentifier(("fr", 0.95))).check(FR).rejected
    assert not LanguageDetector(identifier=FakeIdentifier(("en", 0.99))).check(EN).rejected


def test_real_detector_on_article_text(detector):
    assert detector.check(EN).language == "en" and not detector.check(EN).rejected
    for text, code in ((FR, "fr"), (DE, "de"), (ES, "es"), (RU, "ru")):
        v = detector.check(text)
        assert v.rejected and v.language == code and v.confidence >= 0.9, (code, v)


def test_non_english_jsonl_and_txt_get_not_english_records_in_place(tmp_path, detector):
    lines = [{"id": "en", "text": EN}, {"id": "fr", "text": FR}, {"id": "de-declared-en", "text": DE, "language": "en"},
             {"id": "en-declared-es", "text": EN, "language": "es"}, {"id": "short", "text": "Hallo Welt, wie geht es?"}]
    stream = io.BytesIO("".join(json.dumps(x) + "\n" for x in lines).encode())
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    items = list(iter_inputs(["-", tmp_path / "ru.txt"], stdin=stream, detector=detector))
    got = [(i.id, i.type if isinstance(i, InputFailure) else "ok") for i in items]
    assert got == [("en", "ok"), ("fr", "not_english"), ("de-declared-en", "ok"), ("en-declared-es", "not_english"),
                   ("short", "ok"), ("ru", "not_english")]
    assert items[1].line == 2 and "'fr'" in items[1].message and "--no-language-check" in items[1].message


def test_check_can_be_turned_off(detector):
    stream = io.BytesIO((json.dumps({"id": "fr", "text": FR, "language": "fr"}) + "\n").encode())
    (doc,) = list(iter_inputs(["-"], stdin=stream, check_language=False))
    assert isinstance(doc, Document) and doc.language == "fr"


def test_plain_english_is_accepted_by_its_function_words_without_the_model():
    from eventcoder.ingest.language import clearly_english

    assert clearly_english(EN)
    for text in (DE, ES, FR, RU):
        assert not clearly_english(text)
    d = LanguageDetector()
    v = d.check(EN)
    assert (v.language, v.how, v.rejected) == ("en", "function_words", False)
    assert d._identifier is None  # the py3langid model was not loaded for it
    # A list of names and figures has too few function words: it goes to the model.
    assert not clearly_english("Washington London Paris Berlin Madrid Rome Vienna Prague Warsaw " * 5)


def test_fast_path_agrees_with_the_model_on_foreign_text(detector):
    for text in (DE, ES, FR, RU):
        v = detector.check(text)
        assert v.how == "detected" and v.rejected
