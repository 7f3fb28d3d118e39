"""Direct quotes: find the quoted spans (pure text), then attribute them to a speaker phrase."""
from __future__ import annotations

from .spans import QuoteSpan, find_quote_spans
from .speakers import Attribution, attribute

__all__ = ["QuoteSpan", "Attribution", "find_quote_spans", "attribute"]
