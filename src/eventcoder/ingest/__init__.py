"""Readers that turn input files into documents, and writers for coded output."""
from .readers import InputFailure, document_from_record, iter_inputs, stable_id

__all__ = ["InputFailure", "document_from_record", "iter_inputs", "stable_id"]
