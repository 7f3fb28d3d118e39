"""Gazetteer and toponym resolution."""
from __future__ import annotations

from .gazetteer import GazEntry, Gazetteer, build_from_geonames_dump, normalize
from .resolver import Geocoder

__all__ = ["GazEntry", "Gazetteer", "Geocoder", "build_from_geonames_dump", "normalize"]
