"""Event coding: the PLOVER ontology, the trigger lexicon and syntactic extraction."""
from __future__ import annotations

from .extract import EventCandidate, EventExtractor
from .lexicon import Lexicon, Pattern
from .modality import aux_marker
from .ontology import ONTOLOGY, EventType, quad_of

__all__ = ["EventCandidate", "EventExtractor", "Lexicon", "Pattern", "aux_marker",
           "ONTOLOGY", "EventType", "quad_of"]
