"""The result of extraction (CONTRACTS.md section 3, `shield extract`), as domain objects.

Extraction produces it; packs, reports and linking consume it. Positions are
``(source, index)``: the source's place in ``sources`` and the message's index in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

Position = tuple[int, int]


@dataclass(frozen=True)
class Source:
    path: str
    format: str
    sha256: str
    messages: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    role: str = "unknown"  # victim | suspect | unknown


@dataclass(frozen=True)
class ExtractedMessage:
    source: int
    index: int
    sender: str
    text: str
    ts: datetime | None = None
    stages: tuple[str, ...] = ()
    kind: str = "text"


@dataclass(frozen=True)
class ExtractedIdentifier:
    kind: str
    value: str
    normalized: str
    platform: str | None = None
    role: str = "unknown"
    message: Position | None = None
    last_seen: Position | None = None


@dataclass(frozen=True)
class ExtractedAmount:
    amount: float
    currency: str
    message: Position | None = None
    paid: bool | None = None


@dataclass(frozen=True)
class Verdict:
    sextortion: bool
    risk: float
    stages: tuple[str, ...] = ()
    urgent: bool = False


@dataclass(frozen=True)
class Extraction:
    sources: tuple[Source, ...]
    participants: tuple[Person, ...]
    messages: tuple[ExtractedMessage, ...]
    identifiers: tuple[ExtractedIdentifier, ...]
    amounts: tuple[ExtractedAmount, ...]
    assessment: Verdict
    versions: dict[str, str] = field(default_factory=dict)  # rule / model versions used
