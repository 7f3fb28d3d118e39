"""Readers that turn input files into documents: JSON lines (plain, gzip, bzip2, zstd), text,
HTML pages, WARC files; the language check; resuming an interrupted output file."""
from .html import HtmlExtractor
from .language import LanguageDetector
from .readers import InputFailure, check_inputs, document_from_record, iter_inputs, stable_id
from .resume import ResumeState, resume_output
from .skips import SKIP_REASONS

__all__ = ["HtmlExtractor", "InputFailure", "LanguageDetector", "ResumeState", "SKIP_REASONS",
           "check_inputs", "document_from_record", "iter_inputs", "resume_output", "stable_id"]
