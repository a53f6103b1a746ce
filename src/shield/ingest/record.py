"""A parsed export as plain JSON data: what tests compare and what tools can print."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from shield.core.conversation import ChatMessage, ExportHeader


def header_record(header: ExportHeader) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in asdict(header).items()
    }


def message_record(message: ChatMessage) -> dict[str, Any]:
    return {
        "index": message.index,
        "ts": message.ts.isoformat() if message.ts else None,
        "sender": message.sender,
        "sender_id": message.sender_id,
        "kind": message.kind,
        "text": message.text,
        "attachments": list(message.attachments),
        "side": message.side,
        "shown_time": message.shown_time,
        "reactions": list(message.reactions),
    }
