"""Domain objects: frozen dataclasses. Storage rows convert to these at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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
class Participant:
    name: str
    role: str = "unknown"


@dataclass(frozen=True)
class Message:
    index: int
    sender: str
    text: str
    ts: datetime | None = None
    stages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identifier:
    kind: str
    value: str
    normalized: str
    platform: str | None = None
    role: str = "unknown"
    message: int | None = None


@dataclass(frozen=True)
class Amount:
    amount: float
    currency: str
    message: int | None = None
    paid: bool = False


@dataclass(frozen=True)
class Report:
    """A report: who reports, what happened, and what it holds."""

    id: str
    title: str
    created_at: datetime
    summary: str = ""
    source: str = "manual"
    participants: tuple[Participant, ...] = ()
    messages: tuple[Message, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    amounts: tuple[Amount, ...] = ()
    evidence: tuple[str, ...] = field(default=())
