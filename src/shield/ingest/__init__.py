"""Chat-export parsers: one module per format, each turning a file into core models."""

from shield.ingest.archive import Limits, documents
from shield.ingest.base import Document, Parser
from shield.ingest.registry import PARSERS, detect
from shield.ingest.source import Opened, open_source

__all__ = [
    "PARSERS",
    "Document",
    "Limits",
    "Opened",
    "Parser",
    "detect",
    "documents",
    "open_source",
]
