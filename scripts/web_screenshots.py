"""Screenshots of the web pages, for docs/screenshots/ and the README.

    python scripts/web_screenshots.py --db out/bench/sample120.duckdb --out docs/screenshots

Serves the store on 127.0.0.1 (uvicorn in this process), opens each page in Debian's
Chromium through Playwright and saves a PNG per page. The event, entity and document
shown are picked from the store by rule (the event with the most highlighted spans among
those reported by the most articles, the actor with the most events, that event's
document), not by name.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def pick(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        event, doc = con.execute("""
            SELECT e.event_id, e.doc_id FROM events e
            LEFT JOIN linked_event_mentions m USING (event_id) LEFT JOIN linked_events l USING (linked_id)
            WHERE e.trigger_start IS NOT NULL
            ORDER BY coalesce(l.num_articles, 1) DESC,
                     (e.place_start IS NOT NULL)::INT + (SELECT count(*) FROM event_arguments a
                      WHERE a.event_id = e.event_id AND a.start_char >= e.sentence_start
                      AND a.end_char <= e.sentence_end) DESC, e.event_id LIMIT 1""").fetchone()
        entity = con.execute("SELECT entity_key FROM event_arguments WHERE entity_key NOT LIKE 'country:%' "
                             "GROUP BY 1 ORDER BY count(DISTINCT event_id) DESC, 1 LIMIT 1").fetchone()[0]
    finally:
        con.close()
    return {"event": event, "doc": doc, "entity": entity}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    ap.add_argument("--width", type=int, default=1280)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from eventcoder.api import create_app
    from web.conftest import CHROMIUM_ARGS, Server, chromium_path

    chosen = pick(args.db)
    pages = {
        "events": "/events",
        "event": f"/events/{quote(chosen['event'])}",
        "entity": f"/entities/{quote(chosen['entity'], safe='')}",
        "timeline": "/timeline",
        "network": "/network",
        "map": "/map",
        "linked": "/linked",
        "document": f"/documents/{quote(chosen['doc'])}",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    with Server(create_app(args.db)) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 860})
        for name, url in pages.items():
            page.goto(server.url + url, wait_until="networkidle")
            page.screenshot(path=str(args.out / f"{name}.png"))
            print(f"{args.out / (name + '.png')}: {url}")
        browser.close()


if __name__ == "__main__":
    main()
