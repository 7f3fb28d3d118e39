"""Article-length texts in several languages, news pages and a WARC file, written for these tests."""
from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EN = ("Russian forces launched a drone attack on the port city of Odesa overnight, regional governor "
      "Oleh Kiper said on Tuesday. The strike damaged several residential buildings and injured at least "
      "three people, according to local officials, who said air defence units shot down most of the drones. "
      "President Volodymyr Zelensky called on Western allies to speed up deliveries of air defence systems.")
FR = ("Les forces russes ont lancé une attaque de drones contre la ville portuaire d'Odessa pendant la nuit, "
      "a déclaré mardi le gouverneur régional Oleh Kiper. La frappe a endommagé plusieurs immeubles "
      "résidentiels et blessé au moins trois personnes, selon les autorités locales, qui ont indiqué que la "
      "défense aérienne avait abattu la plupart des drones.")
DE = ("Russische Streitkräfte haben in der Nacht einen Drohnenangriff auf die Hafenstadt Odessa gestartet, "
      "sagte der Gouverneur der Region, Oleh Kiper, am Dienstag. Der Angriff beschädigte mehrere Wohngebäude "
      "und verletzte mindestens drei Menschen, wie die örtlichen Behörden mitteilten.")
ES = ("Las fuerzas rusas lanzaron durante la noche un ataque con drones contra la ciudad portuaria de Odesa, "
      "dijo el martes el gobernador regional Oleh Kiper. El ataque dañó varios edificios residenciales e hirió "
      "al menos a tres personas, según las autoridades locales.")
RU = ("Российские войска ночью атаковали беспилотниками портовый город Одесса, сообщил во вторник "
      "губернатор области Олег Кипер. В результате удара повреждены несколько жилых домов, по меньшей мере "
      "три человека получили ранения, сообщили местные власти.")


def page(title: str, body: str, *, date: str | None = "2025-02-18", lang: str = "en") -> str:
    """A news page with boilerplate (navigation, a sidebar, a footer) around the article."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    nav = "".join(f'<a href="/s{i}">Section {i}</a> ' for i in range(12))
    side = "".join(f'<li><a href="/a{i}">Most read story number {i}</a></li>' for i in range(8))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Daily Example</title>'
            f'{meta}<meta property="og:site_name" content="Daily Example"></head><body>'
            f'<header><nav>{nav}</nav></header><main><article><h1>{title}</h1>{paras}</article>'
            f'<aside><ul>{side}</ul></aside></main><footer><p>Copyright Daily Example. Cookie policy.</p>'
            f'</footer></body></html>')


def _response(w, url, status, ctype, body: bytes):
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    return w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def write_warc(path, *, gzip: bool, big: bool = False):
    """warcinfo, request, then responses: English article, redirect, French article, PDF, 404, empty page,
    revisit, and a second English article."""
    filler = " ".join(["Officials gave no further details."] * 1500) if big else ""
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        w.write_record(w.create_warc_record("https://news.example/odesa", "request",
                                            payload=io.BytesIO(b"GET /odesa HTTP/1.1\r\n\r\n")))
        w.write_record(_response(w, "https://news.example/odesa", "200 OK", "text/html; charset=utf-8",
                                 page("Drones hit Odesa", EN + " " + filler).encode()))
        w.write_record(_response(w, "https://news.example/old", "301 Moved Permanently", "text/html", b""))
        w.write_record(_response(w, "https://news.example/fr", "200 OK", "text/html", page("Odessa", FR).encode()))
        w.write_record(_response(w, "https://news.example/a.pdf", "200 OK", "application/pdf", b"%PDF-1.4 ..."))
        w.write_record(_response(w, "https://news.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"))
        w.write_record(_response(w, "https://news.example/", "200 OK", "text/html",
                                 b"<html><body><article><p>Home</p></article></body></html>"))
        w.write_record(w.create_revisit_record("https://news.example/odesa", digest="sha1:AAAA",
                                               refers_to_uri="https://news.example/odesa",
                                               refers_to_date="2025-02-18T00:00:00Z"))
        w.write_record(_response(w, "https://news.example/kyiv", "200 OK", "text/html",
                                 page("Talks in Kyiv", EN.replace("Odesa", "Kyiv")).encode()))
    return path
