"""The cue word file: read once, every line well formed."""
from __future__ import annotations

import pytest

from eventcoder.errors import DataError
from eventcoder.quotes import cues


def test_shipped_file_has_every_kind():
    loaded = cues.load_cues()
    assert set(loaded) == set(cues.KINDS)
    assert all(loaded[k] for k in cues.KINDS)
    assert {"say", "tell", "add", "warn", "write"} <= cues.SPEECH_VERBS
    assert cues.SPEECH_VERBS <= cues.BEFORE_CUES and "call" in cues.BEFORE_CUES
    assert all(w == w.lower().strip() and w for k in cues.KINDS for w in loaded[k])


def test_malformed_line_names_the_file_and_line(tmp_path):
    p = tmp_path / "cues.tsv"
    p.write_text("# header\nspeech\tsay\nverb say\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 3"):
        cues.load_cues(p)


def test_custom_file(tmp_path):
    p = tmp_path / "cues.tsv"
    p.write_text("speech\tSay\n\ncarrier\tsign\n", encoding="utf-8")
    loaded = cues.load_cues(p)
    assert loaded["speech"] == {"say"} and loaded["carrier"] == {"sign"} and loaded["event"] == frozenset()
