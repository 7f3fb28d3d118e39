"""``eventcoder kb ...``: build, extend and query the actor knowledge base.

    eventcoder kb build --wikidata latest-all.json.gz [-o OUT.jsonl.gz]
    eventcoder kb add my-entities.jsonl
    eventcoder kb lookup "Sergei Lavrov" --date 2025-05-13 --context "Foreign Minister"

``register(subparsers)`` registers the commands on the main parser's
subparsers. Every command prints its result, reports errors as
``eventcoder: error: ...`` and returns an exit code (0 ok, 1 nothing found,
2 error).
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
import sys
from pathlib import Path

from ..actors.lookup import rank_candidates
from ..errors import EventcoderError, InputError

__all__ = ["register"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _guarded(func):
    """Print an EventcoderError as ``eventcoder: error: ...`` and return 2."""
    @functools.wraps(func)
    def run(args) -> int:
        try:
            return func(args)
        except EventcoderError as e:
            print(f"eventcoder: error: {e}", file=sys.stderr)
            return 2
    return run


# ---------------------------------------------------------------- kb build

@_guarded
def cmd_kb_build(args) -> int:
    from tqdm import tqdm

    from ..actors.userkb import user_kb_dir
    from ..actors.wikidata import build_from_wikidata_dump

    out = Path(args.output) if args.output else user_kb_dir() / "wikidata.jsonl.gz"
    bars: dict = {}

    def progress(phase: str, n: int) -> None:
        bar = bars.get(phase)
        if bar is None:
            desc = "scanning the dump" if phase == "scan" else "reading positions"
            bar = bars[phase] = tqdm(desc=desc, unit=" lines", file=sys.stderr, delay=1.0, disable=args.quiet,
                                     dynamic_ncols=True)
        bar.update(n - bar.n)

    try:
        report = build_from_wikidata_dump(args.wikidata, out, languages=tuple(args.lang or ("en",)),
                                          progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    print(f"eventcoder kb build: {report.summary()}")
    if out.parent == user_kb_dir():
        print("It is in your knowledge-base folder and is merged into every run (remove the file to stop).")
    else:
        print(f"Use it with --kb-extra {out}, or set EVENTCODER_KB_EXTRA={out}")
    return 0


# ---------------------------------------------------------------- kb add

@_guarded
def cmd_kb_add(args) -> int:
    from ..actors.userkb import add_entries

    report = add_entries(args.file)
    print(f"eventcoder kb add: {report.summary()}")
    print("Your knowledge base is merged over the shipped one in every run.")
    return 0


# ---------------------------------------------------------------- kb lookup

def _context(kb, text: str | None):
    from ..actors.context import TitleContext, _phrase_lookups

    ctx = TitleContext()
    if text:
        ctx.words = text.split()
        _phrase_lookups(kb, ctx.words, ctx)  # the resolver's own reading of title words
    return ctx


def _check_date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        if not _DATE.match(text):
            raise ValueError
        dt.date.fromisoformat(text if len(text) == 10 else (text + "-01-01")[:10])
    except ValueError as e:
        raise InputError(f"--date {text!r} is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY)") from e
    return text


def _office_text(office) -> str:
    if office is None:
        return "-"
    span = f"{office.start or '?'}..{office.end or ''}"
    where = f", {office.country}" if office.country else ""
    return f"{office.title} ({span}{where})"


@_guarded
def cmd_kb_lookup(args) -> int:
    from ..actors.kb import KnowledgeBase
    from ..actors.resolver import ActorResolver

    date = _check_date(args.date)
    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    kb = KnowledgeBase.load(args.kb, extra=[Path(p) for p in args.kb_extra or ()])
    ctx = _context(kb, args.context)
    cands = rank_candidates(kb, args.name, ctx, date, limit=args.limit)
    best = ActorResolver(kb).link_person(args.name, ctx, date)
    read = [f"roles {','.join(ctx.roles)}" if ctx.roles else "", f"countries {','.join(ctx.countries)}"
            if ctx.countries else ""]
    print(f"lookup {args.name!r}" + (f" on {date}" if date else "") + (
        f", context {args.context!r} ({'; '.join(r for r in read if r) or 'not understood'})" if args.context else ""))
    if best is not None:
        total, ent, office, sim, fit = best
        print(f"as a person: {ent.name} ({ent.id}) score {total:.2f}, similarity {sim:.2f}, office fit {fit:.2f}"
              + (f", {office.title}" if office is not None else ""))
    else:
        print("as a person: no link (no person passes the resolver's thresholds; the name stays as written)")
    orgs = [e for e in kb.by_name(args.name) if e.kind != "person"]
    if orgs:
        print(f"as an organisation or state: {orgs[0].name} ({orgs[0].id}, {orgs[0].kind})")
    if not cands:
        print("no candidates in the knowledge base")
        return 1
    header = ("", "score", "sim", "name", "id", "kind", "country", "sector", "office (on the date)")
    rows = [("*" if best is not None and c.entity is best[1] else "", f"{c.score:.2f}", f"{c.similarity:.2f}",
             c.entity.name, c.entity.id, c.entity.kind, c.entity.country or "-",
             (c.office.sector if c.office is not None and c.office.sector else c.entity.sector) or "-",
             _office_text(c.office)) for c in cands]
    widths = [min(40 if i == 3 else 70, max(len(r[i]) for r in rows + [header])) for i in range(len(header))]

    def fmt(r):
        return "  ".join(str(v)[:w].ljust(w) for v, w in zip(r, widths)).rstrip()
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))
    return 0


# ---------------------------------------------------------------- registration

def register(subparsers) -> argparse.ArgumentParser:
    """Register ``kb build``, ``kb add`` and ``kb lookup`` on the main parser's subparsers."""
    kb = subparsers.add_parser("kb", help="build, extend and query the actor knowledge base",
                               description="Build knowledge-base entities from a Wikidata dump, add your own "
                                           "entities, and look names up as the coder would.")
    sub = kb.add_subparsers(dest="kb_command", required=True, metavar="{build,add,lookup}")

    b = sub.add_parser("build", help="build KB entities from a Wikidata JSON dump",
                       description="Stream a Wikidata JSON dump (latest-all.json, .gz or .bz2) into KB entities: "
                                   "politicians and officeholders with dated offices, states, parties, agencies, "
                                   "international organisations and armed groups (docs/kb-format.md). "
                                   "Reads the dump twice; memory stays small.")
    b.add_argument("--wikidata", required=True, metavar="DUMP", help="the Wikidata JSON dump")
    b.add_argument("-o", "--output", metavar="OUT.jsonl",
                   help="output file (.jsonl or .jsonl.gz); default: wikidata.jsonl.gz in your knowledge-base "
                        "folder, which every run merges")
    b.add_argument("--lang", action="append", metavar="LANG",
                   help="label and alias language, repeatable; the first names the entities (default en)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    b.set_defaults(func=cmd_kb_build)

    a = sub.add_parser("add", help="validate a JSON lines file of entities and add it to your knowledge base",
                       description="Check every line of FILE (KB entity format, docs/kb-format.md) and merge it "
                                   "into your knowledge base ($EVENTCODER_HOME/kb, else "
                                   "$XDG_DATA_HOME/eventcoder/kb, else ~/.local/share/eventcoder/kb). An entry "
                                   "with the id of an earlier one replaces it. Nothing is added if a line is bad.")
    a.add_argument("file", metavar="FILE", help="JSON lines, one entity a line")
    a.set_defaults(func=cmd_kb_add)

    lk = sub.add_parser("lookup", help="show the KB candidates for a name, with scores",
                        description="Rank the knowledge-base entities a written name may denote, as the coder's "
                                    "resolver sees them, and say which person it would link (marked *). "
                                    "Exit 1 when there is no candidate.")
    lk.add_argument("name", metavar="NAME", help='the name as written, e.g. "Sergei Lavrov"')
    lk.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date: offices held then count")
    lk.add_argument("--context", metavar="WORDS", help='title words around the name, e.g. "Foreign Minister"')
    lk.add_argument("--limit", type=int, default=10, metavar="N", help="candidates to show (default 10)")
    lk.add_argument("--kb", metavar="DIR", help="knowledge-base folder (default: the shipped one)")
    lk.add_argument("--kb-extra", action="append", metavar="FILE",
                    help="extra knowledge-base file merged over the others; repeatable")
    lk.set_defaults(func=cmd_kb_lookup)
    return kb
