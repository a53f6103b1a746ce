"""Snapchat's "My Data" ``chat_history.json``, in its older and its newer layout.

Older: lists under ``Received Saved Chat History`` / ``Sent Saved Chat History`` (and the
``Unsaved`` and plain ``Chat History`` variants) with ``From`` or ``To``, ``Media Type``,
``Created`` and ``Text``; the owner's own messages name no sender, so they are shown as sent by
"You", and each other person becomes one conversation. Newer: one list per conversation with
``From`` (the username), ``Content``, ``Created``, ``IsSender``, ``Conversation Title``; the
owner is the ``From`` of messages with ``IsSender`` true. Text has its HTML entities unescaped.
``Created`` is UTC (``2023-11-20 19:03:00 UTC``); messages are put oldest first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.core.errors import MalformedExport
from shield.ingest.base import (
    EXPORT_OWNER,
    Document,
    Parser,
    capped,
    clean,
    from_epoch,
    head_text,
    load_json,
)

_SIGNS = re.compile(r'"(?:Received|Sent)(?: Saved| Unsaved)? Chat History"\s*:|"IsSender"\s*:')
_OLD_KEY = re.compile(r"(Received|Sent)(?: Saved| Unsaved)? Chat History")
_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)


class SnapchatParser(Parser):
    name = "snapchat"

    def detect(self, head: bytes, name: str) -> bool:
        text = head_text(head)
        return text.lstrip().startswith("{") and _SIGNS.search(text) is not None

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        for document in parts:
            data = load_json(document)
            if not isinstance(data, dict):
                raise MalformedExport("expected a JSON object", path=document.name)
            if any(_OLD_KEY.fullmatch(str(key)) for key in data):
                yield from _old_layout(data, tz, document.name)
            else:
                yield from _new_layout(data, tz, document.name)


def _records(value: Any, path: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise MalformedExport("a chat history is not a list of objects", path=path)
    return value


def _string(value: Any) -> str:
    return clean(html.unescape(value)) if isinstance(value, str) else ""


def _when(record: dict[str, Any], tz: tzinfo, path: str) -> datetime | None:
    micro = record.get("Created(microseconds)")
    if isinstance(micro, int | float) and not isinstance(micro, bool) and micro > 0:
        scale = 1e6 if micro > 1e14 else 1e3 if micro > 1e11 else 1.0
        return from_epoch(micro / scale, tz, path=path)
    created = record.get("Created")
    if isinstance(created, str):
        text = created.strip().removesuffix(" UTC")
        try:
            stamp = datetime.fromisoformat(text[:40])
        except ValueError:
            return None
        return (stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp).astimezone(tz)
    return None


def _kind(media_type: str, text: str) -> str:
    upper = media_type.upper()
    if upper.startswith("STATUS"):
        return "system"
    if upper in ("", "TEXT") or (text and upper not in ("MEDIA", "SNAP", "STICKER", "NOTE")):
        return "text"
    return "media"


def _message(
    record: dict[str, Any], sender: str, tz: tzinfo, path: str
) -> tuple[datetime | None, ChatMessage]:
    text = _string(record.get("Content", record.get("Text")))
    media_type = _string(record.get("Media Type"))
    ts = _when(record, tz, path)
    attachments = tuple(i for i in _string(record.get("Media IDs")).split(" | ") if i)
    message = ChatMessage(
        index=0,
        sender=sender,
        text=capped(text),
        ts=ts,
        kind=_kind(media_type, text),
        attachments=attachments,
    )
    return ts, message


def _ordered(pairs: list[tuple[datetime | None, ChatMessage]]) -> Iterator[ChatMessage]:
    pairs.sort(key=lambda pair: pair[0] or _FAR_PAST)
    for index, (_, message) in enumerate(pairs):
        yield ChatMessage(
            index=index,
            sender=message.sender,
            text=message.text,
            ts=message.ts,
            kind=message.kind,
            attachments=message.attachments,
        )


def _old_layout(data: dict[str, Any], tz: tzinfo, path: str) -> Iterator[ParsedExport]:
    by_peer: dict[str, list[tuple[datetime | None, ChatMessage]]] = {}
    for key, value in data.items():
        match = _OLD_KEY.fullmatch(str(key))
        if match is None:
            continue
        received = match.group(1) == "Received"
        for record in _records(value, path):
            peer = _string(record.get("From" if received else "To"))
            sender = peer if received else EXPORT_OWNER
            by_peer.setdefault(peer, []).append(_message(record, sender, tz, path))
    for peer, pairs in by_peer.items():
        header = ExportHeader(
            format="snapchat",
            title=peer or None,
            owner=EXPORT_OWNER,
            participants=(peer, EXPORT_OWNER),
            notes=("the export does not name its owner; their messages are shown as 'You'",),
        )
        yield ParsedExport(header, _ordered(pairs))


def _new_layout(data: dict[str, Any], tz: tzinfo, path: str) -> Iterator[ParsedExport]:
    for key, value in data.items():
        records = _records(value, path)
        owner = next((_string(r.get("From")) for r in records if r.get("IsSender") is True), None)
        pairs = [_message(r, _string(r.get("From")), tz, path) for r in records]
        senders = dict.fromkeys(message.sender for _, message in pairs)
        titles = [_string(r.get("Conversation Title")) for r in records]
        title = next((t for t in titles if t), "") or clean(str(key))
        header = ExportHeader(
            format="snapchat", title=title, owner=owner or None, participants=tuple(senders)
        )
        yield ParsedExport(header, _ordered(pairs))
