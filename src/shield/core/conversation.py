"""What every chat source becomes: an export's header and its messages, in order.

Parsers (ingest/) and the screenshot reader produce these; extraction, assessment and packs
consume them. Messages are yielded one at a time so a 500 MB export never sits in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

MESSAGE_KINDS: tuple[str, ...] = ("text", "media", "system")


@dataclass(frozen=True)
class ChatMessage:
    """One message as the source shows it. ``ts`` is timezone-aware, or None where the source
    shows no time; ``sender`` is the name as shown; ``sender_id`` a stable id where the format
    has one (Telegram ``from_id``); ``side`` is "left"/"right" for screenshots; ``shown_time`` is
    the time as the source shows it when it shows no date (so ``ts`` is None), e.g. ``12:03``;
    ``reactions`` are ``"who: emoji"`` as the source lists them."""

    index: int
    sender: str
    text: str
    ts: datetime | None = None
    kind: str = "text"
    sender_id: str | None = None
    attachments: tuple[str, ...] = ()
    side: str | None = None
    shown_time: str | None = None
    reactions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportHeader:
    """What a source says about itself. ``owner`` is the person who made the export where the
    format tells (it is then the victim unless said otherwise); ``notes`` are plain sentences
    for the reader (e.g. that a Discord export holds only the requester's own messages)."""

    format: str
    title: str | None = None
    owner: str | None = None
    participants: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    links: tuple[str, ...] = field(default=())


@dataclass
class ParsedExport:
    header: ExportHeader
    messages: Iterable[ChatMessage]
