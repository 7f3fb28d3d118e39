"""Word lists for quote attribution, read once from ``data/quotes/cues.tsv`` (lemmas, lower case).

The file is the place to change coverage; its header documents the kinds.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import DataError

__all__ = ["SPEECH_VERBS", "BEFORE_CUES", "NEXT_SENTENCE_NOUNS", "CARRIER_NOUNS", "DOCUMENT_NOUNS",
           "EVENT_NOUNS", "load_cues"]

KINDS = ("speech", "label", "next", "carrier", "document", "event")


def load_cues(path: str | Path | None = None) -> dict[str, frozenset[str]]:
    """``{kind: lemmas}`` from a cue file (default: the shipped one)."""
    if path is None:
        text = resources.files("eventcoder").joinpath("data/quotes/cues.tsv").read_text(encoding="utf-8")
        path = "data/quotes/cues.tsv"
    else:
        text = Path(path).read_text(encoding="utf-8")
    out: dict[str, set[str]] = {k: set() for k in KINDS}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[0] not in out or not parts[1].strip():
            raise DataError(f"{path}, line {n}: expected 'kind<TAB>lemma' with kind one of "
                                  f"{', '.join(KINDS)}; got {line!r}")
        out[parts[0]].add(parts[1].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


_CUES = load_cues()

# Verbs that introduce direct speech, before or after the quote.
SPEECH_VERBS = _CUES["speech"]
# Verbs that attach a quote later in their clause: 'X called the decision "useless"'.
BEFORE_CUES = SPEECH_VERBS | _CUES["label"]
# Nouns of a next sentence that names the speaker: 'That was the message from X'.
NEXT_SENTENCE_NOUNS = _CUES["next"]
# Things that carry words: the speaker is who holds or wears them ('protesters wearing a hat saying').
CARRIER_NOUNS = _CUES["carrier"]
# Texts a speaker issues: 'the statement said' is said by whoever issued the statement.
DOCUMENT_NOUNS = _CUES["document"]
# Gatherings: the speakers of 'the protest drew demonstrators demanding "..."' are its participants.
EVENT_NOUNS = _CUES["event"]
