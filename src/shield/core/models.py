"""Domain objects: frozen dataclasses. Storage rows convert to these at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from shield.core.extraction import (
    ExtractedAmount,
    ExtractedIdentifier,
    ExtractedMessage,
    Person,
)


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence: a distinct content, stored once in the vault."""

    id: str
    sha256: str
    size: int
    media_type: str
    original_name: str
    received_at: datetime
    blob: str
    encrypted: bool


@dataclass(frozen=True)
class Report:
    """A report: who reports, what happened, and what it holds, in the same structure as an
    extraction (every report, whatever its sources, in one structure)."""

    id: str
    title: str
    created_at: datetime
    summary: str = ""
    source: str = "manual"
    participants: tuple[Person, ...] = ()
    messages: tuple[ExtractedMessage, ...] = ()
    identifiers: tuple[ExtractedIdentifier, ...] = ()
    amounts: tuple[ExtractedAmount, ...] = ()
    evidence: tuple[str, ...] = field(default=())
