"""Is a document English? A declared language is trusted; plain English prose is recognised by its
function words (``clearly_english``); otherwise py3langid decides.

The check is cheap and cautious: it looks at a prefix of the text (1,000
characters by default, about 1 ms), never rejects short texts (under 100
characters, where guesses are unreliable) and rejects only a confident guess
of another language. The py3langid model (shipped inside its wheel, nothing is
downloaded) is loaded on first use, about 0.5 s once per process, and only when
some document neither declares its language nor reads as plain English.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$")
_THREE_TO_TWO = {"eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es", "rus": "ru",
                 "ukr": "uk", "ara": "ar", "zho": "zh", "chi": "zh", "por": "pt", "ita": "it", "tur": "tr"}
_NOT_A_LANGUAGE = {"und", "mul", "zxx", "mis", "xx"}

# The fast path: running English prose is about 40 % these words (news and readouts included); in
# other languages written in Latin script the few that are also their words ("a", "in", "on", "an",
# "die" is not here) make well under 10 %. A prefix of at least _FAST_MIN_WORDS words of which at least
# _FAST_SHARE are in this list is accepted as English without loading the py3langid model (0.5 s per
# process); everything else goes to the model as before. The fast path only ever accepts.
_ENGLISH_FUNCTION_WORDS = frozenset("""
the of and to in a is that for on with as was by at from it his her has have be are were an this which
will not its their had been after who they he she but or would said also than more about into over
""".split())
_FAST_MIN_WORDS = 30
_FAST_SHARE = 0.25
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def normalize_language(value: object) -> str | None:
    """An ISO 639 code from a declared language ("en", "EN-us", "eng", "English" -> "en").

    Returns None for values that name no language ("", "und", "unknown", 42):
    such documents are checked by detection instead.
    """
    if not isinstance(value, str):
        return None
    v = value.strip().lower()
    if v == "english":
        return "en"
    m = _CODE.match(v)
    if not m or m.group(1) in _NOT_A_LANGUAGE:
        return None
    code = m.group(1)
    return _THREE_TO_TWO.get(code, code)


@dataclass(frozen=True)
class LanguageVerdict:
    """The outcome of the check: ``rejected`` documents are not English."""

    language: str | None  # ISO 639-1 code; None when unknown (short text, check disabled)
    confidence: float | None  # the detector's probability; None when declared or not detected
    how: str  # "declared", "detected", "function_words", "short" or "unchecked"
    rejected: bool

    def message(self) -> str:
        if self.how == "declared":
            return (f"the input declares language {self.language!r}; eventcoder codes English text only "
                    f"(set \"language\": \"en\" to code it anyway)")
        return (f"the text looks like language {self.language!r} (p={self.confidence:.2f}), not English; "
                f"eventcoder codes English text only (set \"language\": \"en\" in the input, or pass "
                f"--no-language-check, to code it anyway)")


def clearly_english(text: str) -> bool:
    """Whether a text is plainly English prose: enough words, and a quarter of them English function words."""
    words = _WORD.findall(text.lower())
    if len(words) < _FAST_MIN_WORDS:
        return False
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) >= _FAST_SHARE * len(words)


class LanguageDetector:
    """Decides whether a text is English. Build one per run; the model loads on first use.

    ``identifier`` may be any object with ``classify(text) -> (code, probability)``
    (tests pass a fake); by default py3langid's shipped model with normalised
    probabilities.
    """

    def __init__(self, *, prefix_chars: int = 1000, min_chars: int = 100, min_confidence: float = 0.9,
                 identifier=None):
        self.prefix_chars = prefix_chars
        self.min_chars = min_chars
        self.min_confidence = min_confidence
        self._identifier = identifier
        self._fast_path = identifier is None  # an injected identifier (tests) decides every text itself

    @property
    def identifier(self):
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            log.debug("loading the py3langid model")
            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return self._identifier

    def detect(self, text: str) -> tuple[str, float]:
        """The most likely language of the text's prefix and its probability."""
        code, prob = self.identifier.classify(text[: self.prefix_chars])
        return str(code), float(prob)

    def check(self, text: str, *, declared: object = None) -> LanguageVerdict:
        """Trust a declared language; otherwise detect, rejecting only a confident non-English guess."""
        code = normalize_language(declared)
        if code is not None:
            return LanguageVerdict(code, None, "declared", rejected=code != "en")
        if len(text.strip()) < self.min_chars:
            return LanguageVerdict(None, None, "short", rejected=False)
        if self._fast_path and clearly_english(text[: self.prefix_chars]):
            return LanguageVerdict("en", None, "function_words", rejected=False)
        lang, prob = self.detect(text)
        return LanguageVerdict(lang, prob, "detected", rejected=lang != "en" and prob >= self.min_confidence)


class NoLanguageCheck(LanguageDetector):
    """Accepts every document (``--no-language-check``); a declared language is still reported."""

    def check(self, text: str, *, declared: object = None) -> LanguageVerdict:
        return LanguageVerdict(normalize_language(declared), None, "unchecked", rejected=False)
