"""The country of a government publisher, from the document's URL.

A government's own texts (a White House readout, a statement on gov.uk) write "the President",
"the Prime Minister", "the Secretary of Commerce" for that government's office holders, whatever
country the text is about. Only government domains are read: a news outlet's "the president" is
whoever the story is about, so a newspaper's country says nothing here.

- ``.gov`` and ``.mil`` are the United States' own top-level domains;
- a country's government second-level domain: ``gov.uk``, ``gouv.fr``, ``gob.mx``, ``go.jp``,
  ``gov.in``, ``govt.nz``, ``gc.ca`` (and the sites below them, ``www.gov.uk``, ``pmindia.gov.in``).
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

__all__ = ["publisher_country"]

_GOV_LABELS = {"gov", "gouv", "gob", "govt", "go", "gv", "gc", "mil", "government"}
_TLD_ALPHA2 = {"uk": "GB"}  # country-code top-level domains that are not the ISO code


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    from ..geo.gazetteer import load_country_codes

    return load_country_codes()


@lru_cache(maxsize=4096)
def publisher_country(url: str | None) -> str | None:
    """ISO alpha-3 code of the government that publishes at ``url``, or None (not a government
    domain, no URL, or one that cannot be parsed)."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = (urlparse(url if "//" in url else f"//{url}").hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    labels = host.split(".")
    if len(labels) < 2:
        return None
    if labels[-1] in ("gov", "mil"):
        return "USA"
    if labels[-2] in _GOV_LABELS and len(labels[-1]) == 2:
        a2 = _TLD_ALPHA2.get(labels[-1], labels[-1].upper())
        return _alpha3().get(a2)
    return None
