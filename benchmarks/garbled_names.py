"""A generated robustness benchmark for person linking.

Two sets of news-like sentences are built from the knowledge base with a
seeded random generator (nothing is stored, and none of the evaluation gold
spellings are used):

* **known**: people who held an office with a known role, each named in a
  sentence that gives the role and/or the country ("Russian Foreign Minister
  X said ..."), with X a corruption of the real name made by rule: one or two
  character edits, a transliteration variant, a dropped or doubled letter or
  syllable, a variant given name, the surname alone, a combination, and the
  uncorrupted name as a control;
* **invented**: plausible names from regional syllable pools that are far from
  every person of the knowledge base, half of them placed in an office that a
  known person holds at that date ("Pavel Zemlyanikin, foreign minister of
  Russia"), half with a role nobody in the knowledge base holds there or with
  a country only.

:func:`run_benchmark` parses the sentences, resolves their actors and scores
top-1 accuracy on the known names and the wrong-link rate on the invented ones.
"""
from __future__ import annotations

import datetime as _dt
import logging
import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from eventcoder.actors.context import title_context
from eventcoder.actors.kb import KnowledgeBase, KBEntity, Office, normalise

__all__ = ["CORRUPTIONS", "KnownCase", "InventedCase", "Miss", "BenchmarkResult", "corrupt",
           "known_cases", "invented_cases", "run_benchmark", "DEFAULT_SEED"]

log = logging.getLogger(__name__)

DEFAULT_SEED = 20250501
CORRUPTIONS = ("control", "edit1", "edit2", "translit", "letter", "syllable", "first_name", "surname_only",
               "compound")
PLACEMENTS = ("held_office", "vacant_role", "country_only")
WINDOW = ("2015-01-01", "2025-06-30")
# Roles worth a sentence; "other", "party_leader" and Phoenix codes carry no office to check.
SAMPLE_ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "minister",
                "spokesperson", "envoy", "igo_head", "interior_minister", "finance_minister",
                "deputy_foreign_minister", "military_commander", "chief_of_staff", "igo_foreign_policy_chief",
                "armed_group_leader", "governor", "judge", "legislator", "mayor")


# --------------------------------------------------------------------------- records
@dataclass(frozen=True)
class KnownCase:
    entity_id: str
    name: str  # canonical name in the knowledge base
    written: str  # the name as the sentence writes it
    corruption: str  # one of CORRUPTIONS
    role: str
    country: str
    date: str
    sentence: str
    start: int  # character offsets of ``written`` in ``sentence``
    end: int


@dataclass(frozen=True)
class InventedCase:
    written: str
    placement: str  # one of PLACEMENTS
    role: str | None
    country: str | None
    date: str
    sentence: str
    start: int
    end: int
    holders: tuple[str, ...] = ()  # ids of the known holders of the office (held_office)


@dataclass(frozen=True)
class Miss:
    kind: str  # "known" or "invented"
    category: str  # corruption type or placement
    outcome: str  # unlinked, wrong_person, not_found (known); wrong_link (invented)
    written: str
    expected: str | None  # canonical name (known) or None
    got: str | None  # identifier_text of the entity found, if any
    got_id: str | None
    got_kind: str | None  # kind of the entity found (person, organisation, state ...), None when not found
    evidence: tuple[str, ...]
    sentence: str
    date: str


@dataclass(frozen=True)
class BenchmarkResult:
    n_known: int
    n_invented: int
    top1: float  # known names linked to the right person
    unlinked: float  # known names left unlinked (not found included)
    not_found: float  # known names no entity covers (NER missed the name)
    wrong_person: float  # known names linked to another person
    wrong_link: float  # invented names linked to any known person
    invented_not_found: float
    # The linker alone (resolver.link_person on the true name span and its title context, no NER):
    linker_top1: float
    linker_wrong_link: float
    by_corruption: tuple[tuple[str, int, float], ...]  # (type, n, top-1)
    by_placement: tuple[tuple[str, int, float], ...]  # (placement, n, wrong-link rate)
    misses: tuple[Miss, ...]

    def summary(self) -> str:
        lines = [f"known people: {self.n_known}  top-1 {self.top1:.3f}  unlinked {self.unlinked:.3f} "
                 f"(not found {self.not_found:.3f})  wrong person {self.wrong_person:.3f}",
                 f"invented names: {self.n_invented}  wrong links {self.wrong_link:.3f}  "
                 f"(not found {self.invented_not_found:.3f})",
                 f"linker alone (true spans): top-1 {self.linker_top1:.3f}  "
                 f"wrong links {self.linker_wrong_link:.3f}"]
        lines += [f"  {t:<13} n={n:<4} top-1 {a:.3f}" for t, n, a in self.by_corruption]
        lines += [f"  {p:<13} n={n:<4} wrong links {r:.3f}" for p, n, r in self.by_placement]
        return "\n".join(lines)


# --------------------------------------------------------------------------- corruption
_KEYBOARD = {}
for _row in ("qwertyuiop", "asdfghjkl", "zxcvbnm"):
    for _i, _c in enumerate(_row):
        _KEYBOARD[_c] = _row[max(0, _i - 1):_i] + _row[_i + 1:_i + 2]
_PHONETIC = {"a": "eo", "e": "aiy", "i": "ye", "o": "ua", "u": "o", "y": "ie", "c": "ks", "k": "cg", "g": "k",
             "s": "zc", "z": "s", "d": "t", "t": "d", "b": "pv", "p": "b", "v": "wf", "w": "v", "f": "v",
             "m": "n", "n": "m", "l": "r", "r": "l", "j": "yi", "q": "k", "x": "k", "h": "k"}
# (pattern, replacement): transliteration variants found in news copy.
_TRANSLIT = [
    (r"y", "i"), (r"i", "y"), (r"(?<=[aeiou])y(?=[aeiou])", "j"), (r"^j", "y"), (r"^y", "j"),
    (r"v", "w"), (r"w", "v"), (r"v$", "ff"), (r"ks", "x"), (r"x", "ks"), (r"kh", "h"), (r"^h", "kh"),
    (r"ou", "u"), (r"(?<!o)u", "ou"), (r"sh", "sch"), (r"sch", "sh"), (r"ck", "k"), (r"ph", "f"),
    (r"f", "ph"), (r"ov$", "off"), (r"off$", "ov"), (r"ev$", "eff"), (r"ei$", "ey"), (r"ey$", "ei"),
    (r"ei$", "ej"), (r"iy$", "y"), (r"yy$", "y"), (r"ii$", "iy"), (r"zh", "j"), (r"ch", "tch"),
    (r"tch", "ch"), (r"q", "k"), (r"dj", "j"), (r"oo", "u"), (r"ee", "i"), (r"c(?=[aou])", "k"),
    (r"k", "c"), (r"ya", "ia"), (r"ia", "ya"), (r"yu", "iu"), (r"iu", "yu"), (r"yo", "io"), (r"ts", "tz"),
    (r"ou", "ow"), (r"ai", "ay"), (r"e$", "eh"), (r"ah$", "a"), (r"a$", "ah"), (r"mm", "m"), (r"dh", "d"),
]
# Given names that news copy spells in several ways (groups of variants separated by ";").
_GIVEN = [g.split() for g in """
Sergey Sergei Serhiy Sergej Serguei; Mohammed Muhammad Mohammad Mohamed Muhammed Mohamad; Aleksandr
Alexander Oleksandr Alexandr Aleksander; Steve Steven Stephen; Jim James Jimmy; Bill William Will; Bob
Robert Rob; Mike Michael; Mikhail Mykhailo Michail; Tony Antony Anthony; Dmitry Dmitri Dmytro Dimitri;
Vladimir Volodymyr Wladimir; Andrey Andrei Andriy Andrii; Andrew Andy; Yuri Yury Yuriy Iurii; Alexei Alexey
Aleksei Oleksiy Aleksey; Nikolai Nikolay Mykola Nikolaj; Nicolas Nicholas Nick; Ahmed Ahmad; Hassan Hasan;
Hussein Husain Hussain Husayn; Abdullah Abdallah Abdulla; Yusuf Youssef Yousef Yusef; Omar Umar; Ibrahim
Ebrahim Ibragim; Khalid Khaled; Mahmoud Mahmud Mahmood; Joe Joseph Josef Josep; Dan Daniel Danny; Tom Thomas
Tomas; Chris Christopher; Matt Matthew; Ben Benjamin Binyamin; Pete Peter; Petr Pyotr Petro Piotr; Rick
Richard; Jeff Jeffrey Geoffrey; Ron Ronald; Don Donald; Sam Samuel; Tim Timothy; Greg Gregory; Grigory
Hryhoriy Grigoriy; Kate Catherine Katherine Kathryn; Ekaterina Yekaterina Kateryna; Liz Elizabeth Elisabeth;
Jacob Jake; Yakov Yaakov; Evgeny Yevgeny Yevgeniy Yevhen; Ilya Ilia Illia; Fyodor Fedor; Viktor Victor;
Valery Valeriy Valeri Valerii; Gennady Gennadiy Hennadiy; George Georgy Georgiy Heorhiy Giorgi; Igor Ihor;
Oleg Oleh; Anatoly Anatoliy Anatolii; Vasily Vasyl Vasili; Kirill Kyrylo; Denis Denys; Pavel Pavlo Pawel;
Emmanuel Emanuel; Mustafa Mostafa Mustapha; Abdel Abdul; Yahya Yehya; Ismail Ismael; Tayyip Tayyib; Marco
Marko; Mark Marc; Luis Luiz; Karl Carl; Olaf Olav
""".replace("\n", " ").split(";")]
_GIVEN_VARIANTS: dict[str, list[str]] = {}
for _group in _GIVEN:
    for _g in _group:
        _GIVEN_VARIANTS.setdefault(_g.lower(), [x for x in dict.fromkeys(_group) if x.lower() != _g.lower()])


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _case_like(new: str, old: str) -> str:
    """``new`` (lower case) with the capitals of ``old`` at the start of each hyphen part."""
    parts, ref = new.split("-"), old.split("-")
    if len(parts) != len(ref):
        ref = [old] + [old[:0]] * (len(parts) - 1)
    return "-".join(p[:1].upper() + p[1:] if r[:1].isupper() else p for p, r in zip(parts, ref))


def _core(token: str) -> tuple[str, str]:
    """(prefix, core) of a name token: "al-Burhan" -> ("al-", "Burhan")."""
    m = re.match(r"^((?:al|el|ad|ar|as|at|an|ash|ibn|bin|abu|d|o)[-’'])(.+)$", token, re.IGNORECASE)
    return (m.group(1), m.group(2)) if m else ("", token)


def _edit(word: str, rng: random.Random) -> str:
    """One character edit that keeps the first letter: a keyboard or phonetic substitution,
    a deletion, an insertion or a transposition."""
    low = word.lower()
    letters = [i for i in range(1, len(low)) if low[i].isalpha() and low[i - 1].isalpha()]
    if not letters:
        return word
    i = rng.choice(letters)
    op = rng.choice(("sub", "sub", "del", "ins", "swap"))
    if op == "sub":
        pool = (_PHONETIC if rng.random() < 0.5 else _KEYBOARD).get(low[i]) or _KEYBOARD.get(low[i], "e")
        out = low[:i] + rng.choice(pool) + low[i + 1:]
    elif op == "del":
        out = low[:i] + low[i + 1:]
    elif op == "ins":
        c = low[i - 1]
        out = low[:i] + rng.choice((_PHONETIC.get(c, "") + _KEYBOARD.get(c, "")) or "e") + low[i:]
    elif i + 1 < len(low) and low[i + 1].isalpha() and low[i + 1] != low[i]:
        out = low[:i] + low[i + 1] + low[i] + low[i + 2:]
    else:
        out = low[:i] + low[i + 1:]
    return _case_like(out, word)


def _translit(word: str, rng: random.Random) -> str | None:
    low = word.lower()
    options = [(m.start(), m.end(), rep) for pat, rep in _TRANSLIT for m in re.finditer(pat, low)
               if not (m.start() == 0 and rep[:1] != low[:1] and pat not in ("^j", "^y", "^h"))]
    if not options:
        return None
    a, b, rep = rng.choice(options)
    return _case_like(low[:a] + rep + low[b:], word)


def _letter(word: str, rng: random.Random) -> str:
    """Drop or double one letter (never the first); undouble a double when there is one."""
    low = word.lower()
    doubles = [i for i in range(1, len(low)) if low[i] == low[i - 1]]
    if doubles and rng.random() < 0.6:
        i = rng.choice(doubles)
        return _case_like(low[:i] + low[i + 1:], word)
    i = rng.randrange(1, len(low))
    if rng.random() < 0.5 and len(low) >= 5:
        return _case_like(low[:i] + low[i + 1:], word)
    return _case_like(low[:i] + low[i] + low[i:], word)


def _syllable(word: str, rng: random.Random) -> str | None:
    """Drop or double one syllable after the first ("Zelensky" -> "Zensky", "Zelelensky")."""
    low = word.lower()
    parts = re.findall(r"[^aeiou]*[aeiou]+|[^aeiou]+$", low)
    if len(parts) < 2:
        return None
    i = rng.randrange(1, len(parts))
    voiced = sum(1 for p in parts if re.search("[aeiou]", p))
    if voiced >= 3 and i < len(parts) - 1 and len(parts[i]) <= 3 and rng.random() < 0.5:
        out = "".join(parts[:i] + parts[i + 1:])
    else:
        j = i if i < len(parts) - 1 else i - 1
        out = "".join(parts[:j + 1] + [parts[j]] + parts[j + 1:])
    return _case_like(out, word) if len(out) >= 3 else None


def _apply(tokens: list[str], k: int, fn, rng: random.Random) -> bool:
    prefix, core = _core(tokens[k])
    parts = core.split("-")  # "Johnson-Smith": garble one part
    j = rng.choice([i for i, p in enumerate(parts) if len(p) == max(map(len, parts))] if len(parts) > 1 else [0])
    if len(parts[j]) < 4 and fn is not _translit:
        return False  # "Ali" -> "Air" is another name, not a garbling
    out = fn(parts[j], rng)
    if not out or out.lower() == parts[j].lower() or "-" in out:
        return False
    parts[j] = out
    tokens[k] = prefix + "-".join(parts)
    return True


def corrupt(name: str, kind: str, rng: random.Random) -> str | None:
    """``name`` corrupted by one rule of :data:`CORRUPTIONS`, or None when the rule does not apply."""
    if kind == "control":
        return name
    toks = _ascii(name).split()
    if len(toks) < 2:
        return None
    last = len(toks) - 1
    pick = (lambda: last if rng.random() < 0.75 else rng.randrange(len(toks)))
    ok = False
    if kind == "edit1":
        ok = _apply(toks, pick(), _edit, rng)
    elif kind == "edit2":
        ok = _apply(toks, pick(), _edit, rng)
        ok = _apply(toks, pick(), _edit, rng) and ok
    elif kind == "translit":
        order = [last] + rng.sample(range(last), last)
        ok = any(_apply(toks, k, _translit, rng) for k in order)
    elif kind == "letter":
        ok = _apply(toks, pick(), _letter, rng)
    elif kind == "syllable":
        ok = _apply(toks, last, _syllable, rng) or _apply(toks, pick(), _syllable, rng)
    elif kind == "first_name":
        variants = _GIVEN_VARIANTS.get(toks[0].lower())
        if variants:
            toks[0] = rng.choice(variants)
            ok = True
    elif kind == "surname_only":
        prefix, core = _core(toks[last])
        return core if len(core) >= 3 else None
    elif kind == "compound":
        variants = _GIVEN_VARIANTS.get(toks[0].lower())
        if variants:
            toks[0] = rng.choice(variants)
        else:
            _apply(toks, 0, _translit, rng)
        ok = _apply(toks, last, rng.choice((_edit, _letter, _translit)), rng) or _apply(toks, last, _edit, rng)
    else:
        raise ValueError(f"unknown corruption {kind!r}; use one of {CORRUPTIONS}")
    out = " ".join(toks)
    return out if ok and normalise(out) != normalise(name) else None


# --------------------------------------------------------------------------- sentences
_SHORT = {"head_of_government": "Prime Minister", "foreign_minister": "Foreign Minister",
          "defence_minister": "Defence Minister", "interior_minister": "Interior Minister",
          "finance_minister": "Finance Minister", "deputy_foreign_minister": "Deputy Foreign Minister",
          "spokesperson": "government spokesperson", "envoy": "ambassador", "minister": "minister",
          "military_commander": "army chief", "chief_of_staff": "presidential chief of staff",
          "armed_group_leader": "rebel leader", "legislator": "parliament speaker", "judge": "judge",
          "governor": "governor", "mayor": "mayor", "igo_head": "Secretary-General",
          "igo_foreign_policy_chief": "foreign policy chief"}
_US = {"foreign_minister": "Secretary of State", "defence_minister": "Defense Secretary",
       "finance_minister": "Treasury Secretary", "deputy_foreign_minister": "Deputy Secretary of State",
       "interior_minister": "Homeland Security Secretary", "chief_of_staff": "White House chief of staff"}
_GB = {"foreign_minister": "Foreign Secretary", "defence_minister": "Defence Secretary",
       "interior_minister": "Home Secretary", "finance_minister": "Chancellor of the Exchequer"}
_VERBS = ["said on Tuesday that talks would resume next week.", "met his counterpart in Geneva on Monday.",
          "told reporters the government would not back down.", "visited the border region on Friday.",
          "called for an immediate ceasefire.", "rejected the proposal in a statement.",
          "warned that sanctions would follow.", "held talks with the delegation on Wednesday."]


def _short_title(kb: KnowledgeBase, office: Office) -> str:
    title, role, country = office.title, office.role or "", office.country or ""
    low = title.lower()
    if role == "head_of_state":
        for word in ("President", "King", "Queen", "Emir", "Sultan", "Supreme Leader"):
            if word.lower() in low:
                return word
        return "King" if "monarch" in low else "President"
    if role == "head_of_government" and ("chancellor" in low or "premier" in low):
        return "Chancellor" if "chancellor" in low else "Premier"
    if country == "USA" and role in _US:
        return _US[role]
    if country == "GBR" and role in _GB:
        return _GB[role]
    if role in ("minister", "envoy", "spokesperson", "governor", "mayor", "judge", "legislator", "igo_head",
                "military_commander") or country == "IGO":
        return _strip_country(kb, title, country)
    return _SHORT.get(role, title)


def _strip_country(kb: KnowledgeBase, title: str, code: str) -> str:
    c = kb.country(code) if code and code != "IGO" else None
    if c is not None:
        for n in sorted((c.name, *c.aliases), key=len, reverse=True):
            title = re.sub(rf"\s+of\s+(the\s+)?{re.escape(n)}\b", "", title, flags=re.IGNORECASE)
    return title.strip()


def _country_words(kb: KnowledgeBase, code: str) -> tuple[str, str, str] | None:
    """(adjective, name for "X's", name after "of") of a country, or None."""
    c = kb.country(code) if code else None
    if c is None or not c.adjectives:
        return None
    adj = c.adjectives[0]
    name = c.name
    the = re.search(r"Republic|United|Islands|Netherlands|Philippines|Bahamas|Maldives|Comoros|Gambia", name)
    return adj, ("the " + name if the else name), ("the " + name if the else name)


def _sentence(kb: KnowledgeBase, written: str, role: str | None, country: str | None, title: str | None,
              rng: random.Random) -> tuple[str, int, int]:
    """A news sentence naming ``written`` with its title and/or country; (text, start, end)."""
    verb = rng.choice(_VERBS)
    words = _country_words(kb, country) if country else None
    if title and country == "IGO":
        forms = [("{t} {x} " + verb), ("{x}, the {t}, " + verb)]
        pat = rng.choice(forms)
        pieces = {"t": title}
    elif title and words:
        adj, name, of = words
        forms = ["{adj} {t} {x} " + verb, "{x}, {name}'s {tl}, " + verb, "{x}, the {tl} of {of}, " + verb,
                 "{name}'s {t} {x} " + verb]
        pat = rng.choice(forms)
        pieces = {"adj": adj, "name": name[0].upper() + name[1:], "of": of, "t": title, "tl": _lower_title(title)}
        if pat.startswith("{x}, {name}"):
            pieces["name"] = name
    elif title:
        pat = rng.choice(["{t} {x} " + verb, "{x}, the {tl}, " + verb])
        pieces = {"t": title, "tl": _lower_title(title)}
    elif words:
        adj, name, of = words
        pat = rng.choice(["{x}, a {adj} businessman, " + verb, "{adj} activist {x} " + verb,
                          "{x}, a lawyer from {of}, " + verb, "{adj} journalist {x} " + verb])
        pieces = {"adj": adj, "of": of}
    else:
        raise ValueError("a benchmark sentence needs a title or a country")
    before, after = pat.split("{x}")
    head = before.format(**pieces)
    text = head + written + after.format(**pieces)
    return text[0].upper() + text[1:], len(head), len(head) + len(written)


_GENERIC = {"minister", "secretary", "prime", "foreign", "defence", "defense", "interior", "finance", "deputy",
            "president", "chancellor", "premier", "ambassador", "governor", "spokesperson", "judge", "mayor",
            "speaker", "commander", "chief", "director", "general", "of", "the", "for", "and", "to", "king",
            "queen", "emir", "sultan", "supreme", "leader", "treasury", "home", "staff"}


def _lower_title(title: str) -> str:
    """"Minister of Health" -> "minister of health"; proper names in a title keep their capitals."""
    return " ".join(w.lower() if w.lower() in _GENERIC else w for w in title.split())


# --------------------------------------------------------------------------- sampling
def _date_keys(office: Office) -> tuple[str, str] | None:
    """The part of the office's tenure inside the window, as ISO day bounds (end exclusive)."""
    if office.start is None:
        return None
    start = office.start + "-01-01"[len(office.start) - 4:] if len(office.start) < 10 else office.start
    end = office.end or WINDOW[1]
    if len(end) < 10:
        end = f"{int(end[:4]) + 1}-01-01" if len(end) == 4 else _next_month(end)
    lo, hi = max(start, WINDOW[0]), min(end, WINDOW[1])
    if lo >= hi:
        lo, hi = start, end  # held only before 2015: any day of the tenure
    return (lo, hi) if lo < hi else None


def _next_month(ym: str) -> str:
    y, m = int(ym[:4]), int(ym[5:7])
    return f"{y + (m == 12)}-{m % 12 + 1:02d}-01"


def _pick_date(lo: str, hi: str, rng: random.Random) -> str:
    a, b = _dt.date.fromisoformat(lo), _dt.date.fromisoformat(hi)
    return (a + _dt.timedelta(days=rng.randrange(max(1, (b - a).days)))).isoformat()


_NAME_OK = re.compile(r"^[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)?$")
_HONORIFIC = {"archbishop", "bishop", "cardinal", "sheikh", "king", "queen", "prince", "princess", "emir", "sir",
              "general", "president", "dr", "mr", "mrs", "ms", "pope", "patriarch", "metropolitan", "rabbi"}
_PARTICLE = {"al", "el", "bin", "ibn", "van", "von", "der", "de", "da", "di", "la", "le", "abu", "du", "dos", "y"}


def _usable_name(name: str) -> bool:
    toks = _ascii(name).split()
    return (2 <= len(toks) <= 4 and all(_NAME_OK.match(t) or t.lower() in _PARTICLE for t in toks)
            and _NAME_OK.match(toks[-1]) is not None and len(toks[-1]) >= 3
            and toks[0].lower() not in _PARTICLE | _HONORIFIC)


def _office_pool(kb: KnowledgeBase) -> list[tuple[KBEntity, Office, tuple[str, str]]]:
    pool = []
    for e in kb.entities:
        if e.kind != "person" or not _usable_name(e.name):
            continue
        for o in e.offices:
            if o.role in SAMPLE_ROLES and o.country and not o.title.startswith("phoenix:"):
                span = _date_keys(o)
                if span is not None:
                    pool.append((e, o, span))
    return pool


def _stratified(pool: list, key, n: int, rng: random.Random) -> list:
    """Round-robin over strata (shuffled order, shuffled members) until ``n`` items."""
    strata: dict = defaultdict(list)
    for item in pool:
        strata[key(item)].append(item)
    keys = sorted(strata, key=str)
    rng.shuffle(keys)
    for k in keys:
        rng.shuffle(strata[k])
    out = []
    while len(out) < n and any(strata.values()):
        for k in keys:
            if strata[k] and len(out) < n:
                out.append(strata[k].pop())
    return out


class _NameIndex:
    """Normalised person names and aliases of the knowledge base, for collision checks."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = sorted({normalise(n) for e in kb.entities if e.kind == "person"
                             for n in (e.name, *e.aliases)})
        self.exact = set(self.names)

    def near(self, name: str, max_distance: int) -> bool:
        return process.extractOne(normalise(name), self.names, scorer=Levenshtein.distance,
                                  score_cutoff=max_distance) is not None


def known_cases(kb: KnowledgeBase, *, n: int = 500, seed: int = DEFAULT_SEED) -> list[KnownCase]:
    """``n`` sentences naming sampled office holders under a corrupted spelling (seeded)."""
    rng = random.Random(seed)
    pool = _office_pool(kb)
    recent = [p for p in pool if p[2][0] >= WINDOW[0]]
    seen: set[str] = set()
    people = []
    for e, o, span in _stratified(recent or pool, lambda p: (p[1].role, p[1].country), len(recent or pool), rng):
        if e.id not in seen:
            seen.add(e.id)
            people.append((e, o, span))
    people = _stratified(people, lambda p: (p[1].role, p[1].country), n, rng)
    if len(people) < n:
        raise ValueError(f"the knowledge base has only {len(people)} usable office holders; ask for fewer")
    quota = -(-n // len(CORRUPTIONS))
    counts: Counter = Counter()
    cases = []
    first_ok = [i for i, (e, _, _) in enumerate(people) if _ascii(e.name).split()[0].lower() in _GIVEN_VARIANTS]
    rng.shuffle(first_ok)
    kinds: dict[int, str] = {i: "first_name" for i in first_ok[:quota]}
    rest = [k for k in CORRUPTIONS if k != "first_name"]
    j = rng.randrange(len(rest))
    for i in range(len(people)):
        if i not in kinds:
            kinds[i] = rest[j % len(rest)]
            j += 1
    for i, (e, office, span) in enumerate(people):
        kind = kinds[i]
        written = None
        for attempt in range(12):
            k = kind if attempt < 8 else "edit1"
            w = corrupt(e.name, k, rng)
            if w is None:
                continue
            others = [x for x in kb.by_name(w) if x.id != e.id and x.kind == "person"]
            if k != "control" and others:
                continue  # the spelling is another person's real name: not a corruption test
            written, kind = w, k
            break
        if written is None:
            written, kind = e.name, "control"
        date = _pick_date(*span, rng)
        title = _short_title(kb, office)
        country = office.country if office.role not in ("governor", "mayor") else None
        text, a, b = _sentence(kb, written, office.role, country, title, rng)
        counts[kind] += 1
        cases.append(KnownCase(e.id, e.name, written, kind, office.role or "", office.country or "", date,
                               text, a, b))
    log.info("known cases by corruption: %s", dict(counts))
    return cases


# --------------------------------------------------------------------------- invented names
_POOLS = {
    "slavic": (["Pavel", "Oleg", "Bogdan", "Yaroslav", "Stanislav", "Vadim", "Taras", "Ruslan", "Arkady",
                "Zinaida", "Lyudmila", "Miroslava", "Radomir", "Vsevolod", "Yefim", "Orest", "Svyatoslav"],
               ["zem", "lya", "ni", "kro", "bol", "tash", "vor", "ped", "gor", "shun", "ryz", "mel", "drob", "chu",
                "lev", "kas", "tyu", "bro"],
               ["kin", "ov", "enko", "sky", "uk", "chuk", "nikov", "yev", "ich", "in", "ets"]),
    "arabic": (["Tariq", "Nabil", "Khalil", "Rashad", "Samir", "Walid", "Jamal", "Faris", "Ziyad", "Munir",
                "Basma", "Layla", "Rania", "Qasim", "Anwar", "Hisham"],
               ["za", "har", "mu", "tab", "qa", "sim", "dar", "wal", "nah", "bou", "fah", "ja", "ri", "sul"],
               ["ani", "awi", "iri", "oun", "ash", "ud", "ayri", "abi"]),
    "hispanic": (["Joaquin", "Rodrigo", "Esteban", "Lucila", "Ignacio", "Beatriz", "Gonzalo", "Marisol",
                  "Humberto", "Florencia", "Eusebio", "Ximena"],
                 ["al", "ba", "ren", "go", "qui", "tor", "mar", "cas", "len", "vi", "sa", "bal"],
                 ["ez", "ado", "eira", "illo", "uela", "anes", "ondo", "ero"]),
    "african": (["Kwabena", "Chidi", "Adaeze", "Tendai", "Olumide", "Nkosana", "Amara", "Kofi", "Zanele",
                 "Babajide", "Thandiwe", "Mwangi", "Obiora"],
                ["oko", "nwa", "ba", "tun", "mbe", "ke", "lu", "ade", "nya", "si", "zu", "wa", "mo"],
                ["ye", "nde", "ji", "mba", "si", "ola", "ga", "nzi"]),
    "germanic": (["Torben", "Henrike", "Wolfram", "Annelies", "Gunnar", "Dagmar", "Ludger", "Ingeborg",
                  "Rutger", "Sieglinde", "Bertil", "Hedda"],
                 ["hol", "brau", "stein", "lind", "wer", "korn", "dahl", "feld", "rup", "mei", "tof"],
                 ["mann", "berg", "ner", "sen", "strom", "hoff", "ling", "bach"]),
    "turkic": (["Nurlan", "Aibek", "Gulnara", "Timur", "Dauren", "Serik", "Aygul", "Erlan", "Bakhyt",
                "Ilkin", "Zhanar"],
               ["tok", "bay", "sar", "kul", "mur", "zhan", "dos", "kem", "tas", "ak"],
               ["bayev", "oglu", "ov", "ayeva", "ulov", "men", "bek", "soy"]),
    "south_asian": (["Raghav", "Anjali", "Devendra", "Priyanka", "Sushil", "Kavita", "Harish", "Nirmala",
                     "Imtiaz", "Shahnaz", "Tanvir"],
                    ["ra", "bha", "dwi", "cha", "kul", "mah", "sar", "pra", "ved", "gan"],
                    ["wal", "kar", "tri", "ndra", "shan", "ari", "ayya", "war"]),
}
_REGION_BY_COUNTRY = {
    "slavic": "RUS UKR BLR POL SRB HRV BGR CZE SVK MKD MNE BIH SVN",
    "arabic": "SAU ARE QAT KWT BHR OMN YEM IRQ SYR JOR LBN PSE EGY LBY TUN DZA MAR SDN",
    "hispanic": "ESP MEX ARG CHL COL PER VEN BOL ECU URY PRY CUB DOM GTM HND NIC SLV CRI PAN",
    "african": "NGA GHA KEN ZAF ETH TZA UGA ZWE ZMB MWI CMR COD SEN CIV RWA",
    "germanic": "DEU AUT CHE NLD DNK NOR SWE ISL",
    "turkic": "TUR KAZ UZB KGZ AZE TKM",
    "south_asian": "IND PAK BGD NPL LKA",
}
_COUNTRY_REGION = {c: r for r, cs in _REGION_BY_COUNTRY.items() for c in cs.split()}


def _invent(rng: random.Random, region: str) -> str:
    firsts, stems, ends = _POOLS[region]
    sur = "".join(rng.sample(stems, rng.choice((1, 2)))) + rng.choice(ends)
    if region == "arabic" and rng.random() < 0.3:
        sur = "al-" + sur.capitalize()
    return f"{rng.choice(firsts)} {sur[:1].upper() + sur[1:]}"


def _unknown(name: str, index: _NameIndex, holders: list[KBEntity]) -> bool:
    """Far from every KB person (edit distance > 2 on the normalised full name), and a surname that is no
    plausible garbling of an office holder's (edit distance > 2, Jaro-Winkler < 0.85)."""
    if normalise(name) in index.exact or index.kb.by_name(name) or index.near(name, 2):
        return False
    sur = normalise(name).split()[-1]
    for h in holders:
        h_sur = normalise(h.name).split()[-1]
        if Levenshtein.distance(sur, h_sur) <= 2 or JaroWinkler.normalized_similarity(sur, h_sur) >= 0.85:
            return False
    return True


_VACANT_ROLES = ("foreign_minister", "defence_minister", "interior_minister", "finance_minister",
                 "head_of_government", "spokesperson", "military_commander", "deputy_foreign_minister")
_VACANT_TITLES = {"foreign_minister": "Foreign Minister", "defence_minister": "Defence Minister",
                  "interior_minister": "Interior Minister", "finance_minister": "Finance Minister",
                  "head_of_government": "Prime Minister", "spokesperson": "government spokesman",
                  "military_commander": "army chief", "deputy_foreign_minister": "Deputy Foreign Minister"}


def invented_cases(kb: KnowledgeBase, *, n: int = 500, seed: int = DEFAULT_SEED) -> list[InventedCase]:
    """``n`` sentences naming invented people: half in offices known people hold at that date."""
    rng = random.Random(seed + 1)
    index = _NameIndex(kb)
    pool = [p for p in _office_pool(kb) if p[2][1] > WINDOW[0]]
    held = _stratified(pool, lambda p: (p[1].role, p[1].country), n // 2, rng)
    countries = [c for c in kb.countries() if c.adjectives and kb.by_office("head_of_state", c.code)]
    cases: list[InventedCase] = []
    used: set[str] = set()

    def name_for(country: str | None, holders: list[KBEntity]) -> str:
        region = _COUNTRY_REGION.get(country or "") or rng.choice(sorted(_POOLS))
        given = None
        if holders and rng.random() < 0.3:  # "Sergey Zemlyanikin" beside Sergey Lavrov: same given name
            toks = _ascii(rng.choice(holders).name).split()
            given = toks[0] if len(toks) > 1 and _NAME_OK.match(toks[0]) else None
        for _ in range(200):
            name = _invent(rng, region if rng.random() < 0.8 else rng.choice(sorted(_POOLS)))
            if given:
                name = given + " " + name.split(" ", 1)[1]
            if name not in used and _unknown(name, index, holders):
                used.add(name)
                return name
        raise RuntimeError("could not invent an unknown name in 200 tries; widen the syllable pools")

    for e, office, span in held:
        date = _pick_date(*span, rng)
        holders = kb.by_office(office.role, office.country, date)
        name = name_for(office.country, holders)
        country = office.country if office.role not in ("governor", "mayor") else None
        text, a, b = _sentence(kb, name, office.role, country, _short_title(kb, office), rng)
        cases.append(InventedCase(name, "held_office", office.role, office.country, date, text, a, b,
                                  tuple(h.id for h in holders)))
    while len(cases) < n:
        date = _pick_date(*WINDOW, rng)
        c = rng.choice(countries)
        if len(cases) % 2 == 0:
            role = rng.choice(_VACANT_ROLES)
            if kb.by_office(role, c.code, date):
                continue
            name = name_for(c.code, [])
            text, a, b = _sentence(kb, name, role, c.code, _VACANT_TITLES[role], rng)
            cases.append(InventedCase(name, "vacant_role", role, c.code, date, text, a, b))
        else:
            name = name_for(c.code, [])
            text, a, b = _sentence(kb, name, None, c.code, None, rng)
            cases.append(InventedCase(name, "country_only", None, c.code, date, text, a, b))
    return cases


# --------------------------------------------------------------------------- scoring
def _found(analysis, case) -> object | None:
    """The document entity whose mentions overlap the written name most (a person before a state)."""
    best = None
    for ent in analysis.entities:
        for m in ent.mentions:
            overlap = min(m.end, case.end) - max(m.start, case.start)
            if overlap > 0:
                key = (overlap, ent.kind == "person")
                if best is None or key > best[0]:
                    best = (key, ent)
    return best[1] if best else None


def _linked_id(kb: KnowledgeBase, ent, canonical: dict[str, str]) -> str | None:
    """The KB id an entity is linked to: its QID, else the id of the person whose canonical name it carries."""
    if ent is None:
        return None
    if ent.identifier_id:
        return ent.identifier_id
    return canonical.get(ent.identifier_text) if ent.identifier_text else None


def run_benchmark(nlp, kb: KnowledgeBase, resolver, *, n_known: int = 500, n_invented: int = 500,
                  seed: int = DEFAULT_SEED, batch_size: int = 16) -> BenchmarkResult:
    """Generate the benchmark, resolve every sentence and score it."""
    known = known_cases(kb, n=n_known, seed=seed)
    invented = invented_cases(kb, n=n_invented, seed=seed)
    canonical = {e.name: e.id for e in kb.entities if e.kind == "person" and e.name}
    cases: list = [*known, *invented]
    docs = nlp.pipe((c.sentence for c in cases), batch_size=batch_size)
    misses: list[Miss] = []
    outcome: Counter = Counter()
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # n, hits
    per_place: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    inv_wrong = inv_missing = 0
    linker: Counter = Counter()
    for case, doc in zip(cases, docs):
        analysis = resolver.resolve(doc, case.date)
        span = doc.char_span(case.start, case.end, alignment_mode="expand")
        best = resolver.link_person(case.written, title_context(kb, span), case.date) if span is not None else None
        if isinstance(case, KnownCase):
            linker["known"] += best is not None and best[1].id == case.entity_id
        else:
            linker["invented"] += best is not None
        ent = _found(analysis, case)
        got = _linked_id(kb, ent, canonical)
        ev = tuple(getattr(ent, "evidence", ()) or ())
        text = ent.identifier_text if ent is not None else None
        kind = ent.kind if ent is not None else None
        if isinstance(case, KnownCase):
            if got == case.entity_id or (text is not None and text == case.name):
                res = "correct"
            elif ent is None:
                res = "not_found"
            elif got is None:
                res = "unlinked"
            else:
                res = "wrong_person"
            outcome[res] += 1
            per_type[case.corruption][0] += 1
            per_type[case.corruption][1] += res == "correct"
            if res != "correct":
                misses.append(Miss("known", case.corruption, res, case.written, case.name, text, got, kind, ev,
                                   case.sentence, case.date))
        else:
            per_place[case.placement][0] += 1
            inv_missing += ent is None
            if got is not None:
                inv_wrong += 1
                per_place[case.placement][1] += 1
                misses.append(Miss("invented", case.placement, "wrong_link", case.written, None, text, got, kind,
                                   ev, case.sentence, case.date))
    nk, ni = len(known) or 1, len(invented) or 1
    return BenchmarkResult(
        n_known=len(known), n_invented=len(invented),
        top1=outcome["correct"] / nk,
        unlinked=(outcome["unlinked"] + outcome["not_found"]) / nk,
        not_found=outcome["not_found"] / nk,
        wrong_person=outcome["wrong_person"] / nk,
        wrong_link=inv_wrong / ni, invented_not_found=inv_missing / ni,
        linker_top1=linker["known"] / nk, linker_wrong_link=linker["invented"] / ni,
        by_corruption=tuple((t, per_type[t][0], per_type[t][1] / per_type[t][0]) for t in CORRUPTIONS
                            if t in per_type),
        by_placement=tuple((p, per_place[p][0], per_place[p][1] / per_place[p][0]) for p in PLACEMENTS
                           if p in per_place),
        misses=tuple(misses))
