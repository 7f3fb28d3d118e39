"""``eventcoder show``: the events of a coded file as a readable table."""
from __future__ import annotations

from ._common import read_jsonl


def _actor_label(actors: list[dict]) -> str:
    out = []
    for a in actors:
        name = a.get("identifier_text") or a.get("entity_text") or ""
        code = "/".join(x for x in (a.get("code"), a.get("sector")) if x)
        out.append(f"{name} ({code})" if name else code)
    return "; ".join(out) or "-"


def cmd_show(args) -> int:
    """Print the events of a coded file as a readable table."""
    rows = []
    for d in read_jsonl(args.file):
        if d.get("error"):
            rows.append((d.get("id") or "?", "ERROR", d["error"]["type"], "", "", "", d["error"]["message"]))
            continue
        for e in d.get("events") or []:
            loc = (e.get("event_loc") or {}).get("resolved_place") or "-"
            kind = (e.get("event") or ["?"])[0] + ("/" + ",".join(e["mode"]) if e.get("mode") else "")
            aux = ",".join(e.get("context") or []) or "-"
            rows.append((d.get("id") or "?", kind, _actor_label(e.get("actor") or []),
                         _actor_label(e.get("recipient") or []), e.get("date") or "-", loc,
                         aux + " | " + " ".join(e.get("event_text") or [])))
    header = ("document", "event", "actor", "recipient", "date", "where", "marker | trigger")
    widths = [min(28, max(len(str(r[i])) for r in rows + [header])) for i in range(len(header))]
    def fmt(r):
        return "  ".join(str(c)[:w].ljust(w) for c, w in zip(r, widths)).rstrip()
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))
    return 0


def register(sub) -> None:
    s = sub.add_parser("show", help="print the events of a coded file as a table")
    s.add_argument("file", help="coded JSON lines (the output of 'eventcoder code')")
    s.set_defaults(func=cmd_show)
