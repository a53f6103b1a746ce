"""What goes into a pack, and how the pack speaks of times, places and money."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from shield.core.about import About
from shield.core.custody import CustodyEvent
from shield.core.extraction import ExtractedMessage, Extraction, Position

MEDIA_PREFIXES = ("image/", "video/")

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "INR": "₹"}


@dataclass(frozen=True)
class Original:
    """An original file to carry in the pack, byte for byte."""

    name: str  # as given: a relative path shown to people, never trusted as a path
    sha256: str
    size: int
    media_type: str
    read: Callable[[], Iterator[bytes]] = field(compare=False, repr=False)
    item: str | None = None  # the vault item id, when it came from the vault

    @property
    def is_media(self) -> bool:
        return self.media_type.startswith(MEDIA_PREFIXES)


@dataclass(frozen=True)
class PackRequest:
    extraction: Extraction
    originals: tuple[Original, ...]
    about: About = field(default_factory=About)
    victim: str | None = None
    no_media: bool = False
    custody: tuple[CustodyEvent, ...] = ()
    custody_head: str | None = None


@dataclass(frozen=True)
class PackedFile:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Carried:
    """An original and where the pack put it (``entry`` is None when left out)."""

    original: Original
    entry: str | None
    reason: str = ""


def format_time(ts: datetime | None) -> str:
    """A time as people read it, always with its zone: ``2024-03-12 21:04:00 +00:00 (UTC)``."""
    if ts is None:
        return "no time given"
    base = ts.strftime("%Y-%m-%d %H:%M:%S")
    if ts.tzinfo is None or ts.utcoffset() is None:
        return f"{base} (time zone not known)"
    raw = ts.strftime("%z")
    offset = f"{raw[:3]}:{raw[3:5]}"
    name = ts.tzname()
    if name and not name.startswith(("UTC+", "UTC-", "+", "-")):
        return f"{base} {offset} ({name})"
    return f"{base} {offset}"


def format_amount(amount: float, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), "")
    return f"{symbol}{amount:,.2f} {currency.upper()}"


def amount_status(paid: bool | None) -> str:
    if paid is None:
        return "mentioned"
    return "paid" if paid else "demanded"


class Places:
    """Says where a message is: its source file's name in the pack and its index."""

    def __init__(self, extraction: Extraction, carried: tuple[Carried, ...]) -> None:
        self.extraction = extraction
        by_sha = {c.original.sha256: c for c in carried}
        self.source_names: list[str] = []
        for source in extraction.sources:
            match = by_sha.get(source.sha256)
            if match is not None:
                self.source_names.append(match.entry or match.original.name)
            else:
                self.source_names.append(PurePosixPath(source.path.replace("\\", "/")).name)
        self.messages: dict[Position, ExtractedMessage] = {
            (m.source, m.index): m for m in extraction.messages
        }

    def source_name(self, source: int) -> str:
        if 0 <= source < len(self.source_names):
            return self.source_names[source]
        return f"source {source}"

    def where(self, position: Position | None) -> str:
        if position is None:
            return "outside the messages (e.g. profile details)"
        source, index = position
        text = f"{self.source_name(source)}, message {index}"
        message = self.messages.get(position)
        if message is not None and message.ts is not None:
            text += f", {format_time(message.ts)}"
        return text

    def time_of(self, position: Position | None) -> datetime | None:
        if position is None:
            return None
        message = self.messages.get(position)
        return message.ts if message is not None else None
