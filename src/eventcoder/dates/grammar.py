"""The surface grammar of date expressions: regexes that find them in text.

Each match becomes a :class:`Mention`, a typed description of what the text
says ("a weekday, Thursday, qualified by 'next'"); :mod:`.calendar` turns a
mention into an ISO value. Durations ("for three years", "30-day",
"decades") and vague periods ("the past week", "recent days") have no
pattern here, so they are never found. Month names and weekday names must be
capitalised, which keeps the modal "may" and the noun "march" out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Mention", "scan", "MONTHS", "WEEKDAYS"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
            "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
            "twelve": 12}

_MFULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MON = rf"(?P<mon>{_MFULL}|{_MABBR})"
_MONF = rf"(?P<mon>{_MFULL})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WDPRE = rf"(?:{_WD},?\s+)?"
_PART = r"(?P<part>(?:early|mid|late)[- ]|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+)?"
_REL = r"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)"
_TOD = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

# (kind, pattern, flags); the longest match wins, then the earlier pattern.
_PATTERNS: list[tuple[str, str, int]] = [
    ("ymd", r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b", 0),
    ("ymd", r"\b(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})\b", 0),
    ("ymd", rf"\b{_WDPRE}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}\b", 0),
    ("ymd", rf"\b{_WDPRE}{_MON}\s+{_DAY},?\s+{_YEAR}\b", 0),
    ("md", rf"\b{_WDPRE}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?![\w-])", 0),
    ("md", rf"\b{_WDPRE}{_MON}\s+{_DAY}\b(?![.,]?\d)", 0),
    ("ym", rf"\b{_PART}{_MON},?\s+(?:of\s+)?{_YEAR}\b", 0),
    ("m", rf"\b{_REL}?{_PART}{_MONF}\b(?!-)", 0),
    ("y", rf"\b(?:the\s+year\s+)?{_YEAR}\b(?![-/.]\d|\s*%)", 0),
    ("weekday", rf"\b{_REL}?(?P<wd>{_WD})(?:'s)?{_TOD}\b", 0),
    ("weekend", r"\b(?:(?P<rel>last|next|this|past|coming)\s+|the\s+)weekend\b", re.I),
    ("rel_day", r"\b(?:(?:earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow)\b", re.I),
    ("rel_day", r"\b(?P<word>this)\s+(?:morning|afternoon|evening)\b", re.I),
    ("rel_day", r"\b(?P<word>last)\s+night\b", re.I),
    ("rel_day", r"\bthe\s+day\s+(?P<word>before\s+yesterday|after\s+tomorrow)\b", re.I),
    ("rel_period",
     r"\b(?:(?P<part>earlier|later|early|late)\s+|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+)?"
     r"(?P<rel>this\s+past|this\s+coming|this|last|next)\s+(?P<unit>week|month|year)\b", re.I),
    ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I),
    ("ahead", rf"\bin\s+{_NUM}\s+{_UNIT}(?:'?\s*time)?\b(?!\s+(?:of|ago))", re.I),
]
# A cheap gate per pattern: a pattern runs only on text where its gate matches.
_GATES = {
    "month": re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "digit": re.compile(r"\d"),
    "weekday": re.compile(r"day\b"),
    # a word every pattern of the kind needs (ignoring case, as those patterns do)
    "weekend": re.compile(r"weekend", re.I),
    "rel_day": re.compile(r"today|tonight|yesterday|tomorrow|morning|afternoon|evening|night", re.I),
    "rel_period": re.compile(r"week|month|year", re.I),
    "ago": re.compile(r"ago", re.I),
    "ahead": re.compile(r"day|week|month|year", re.I),
    "any": None,
}


def _gate(kind: str, pattern: str) -> str:
    if r"(?P<mon>\d" in pattern or kind == "y":
        return "digit"
    if "(?P<mon>" in pattern:
        return "month"
    return kind if kind in _GATES else "any"


_COMPILED = [(kind, re.compile(p, flags), _GATES[_gate(kind, p)]) for kind, p, flags in _PATTERNS]


@dataclass(frozen=True)
class Mention:
    """What a date expression says, before any calendar arithmetic.

    ``kind`` is one of: ``ymd`` (a full date), ``md`` (day and month), ``ym``
    (month and year), ``m`` (a bare month), ``y`` (a year), ``weekday``,
    ``weekend``, ``rel_day`` (``offset`` days from publication),
    ``rel_period`` (this/last/next ``unit``), ``ago`` and ``ahead``
    (``offset`` ``unit``\\ s before or after publication).
    """

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None  # last, next, this (lower case); "past" -> last, "coming" -> next
    part: str | None = None  # early, mid, late, earlier, later, end, ...
    unit: str | None = None  # day, week, month, year
    offset: int | None = None

    @property
    def is_relative(self) -> bool:
        """True when the value depends on the publication date."""
        return self.kind not in ("ymd", "ym", "y")


def _norm_rel(rel: str | None) -> str | None:
    if not rel:
        return None
    rel = " ".join(rel.lower().split())
    return {"past": "last", "coming": "next", "this past": "last", "this coming": "next"}.get(rel, rel)


def _month(token: str) -> int:
    return int(token) if token.isdigit() else MONTHS[token.rstrip(".").lower()]


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def _part(part: str | None) -> str | None:
    if not part:
        return None
    words = part.lower().replace("-", " ").split()
    return words[0] if words[0] != "the" else words[1]


_DAY_WORDS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1,
              "tomorrow": 1, "before yesterday": -2, "after tomorrow": 2}


def _build(kind: str, m: re.Match) -> Mention | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    base = dict(kind=kind, start=m.start(), end=m.end(), text=m.group(0))
    if kind in ("ymd", "md", "ym", "m"):
        base["month"] = _month(g["mon"])
        if not 1 <= base["month"] <= 12:
            return None
    if "year" in g:
        base["year"] = int(g["year"])
    if "day" in g:
        base["day"] = int(g["day"])
        if not 1 <= base["day"] <= 31:
            return None
    if kind == "weekday":
        base["weekday"] = WEEKDAYS[g["wd"].lower()]
    if kind == "rel_day":
        base["offset"] = _DAY_WORDS[" ".join(g["word"].lower().split())]
    if kind in ("ago", "ahead"):
        base["offset"] = _number(g["n"])
        base["unit"] = g["unit"].lower()
    if kind == "rel_period":
        base["unit"] = g["unit"].lower()
        base["part"] = _part(g.get("part") or _period_part(m.group(0)))
    elif "part" in g:
        base["part"] = _part(g["part"])
    base["rel"] = _norm_rel(g.get("rel"))
    return Mention(**base)


def _period_part(text: str) -> str | None:
    low = text.lower()
    for word in ("beginning", "start", "end", "middle"):
        if low.startswith(word) or low.startswith("the " + word):
            return word
    return None


def scan(text: str) -> list[Mention]:
    """Every non-overlapping date mention in ``text``, in text order.

    Overlapping matches are settled by length (longest first), then by the
    order of the patterns above.
    """
    found: list[tuple[int, int, int, re.Match, str]] = []
    open_gates = {id(g): g is None or g.search(text) is not None for g in _GATES.values()}
    for rank, (kind, rx, gate) in enumerate(_COMPILED):
        if not open_gates[id(gate)]:
            continue
        for m in rx.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), rank, m, kind))
    found.sort(key=lambda f: (f[1], f[0], f[2]))
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for start, neg_len, _rank, m, kind in found:
        end = start - neg_len
        if any(start < e and s < end for s, e in taken):
            continue
        mention = _build(kind, m)
        if mention is None:
            continue
        taken.append((start, end))
        out.append(mention)
    out.sort(key=lambda x: x.start)
    return out
