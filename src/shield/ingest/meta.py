"""Instagram and Facebook Messenger "Download your information" JSON, which share one layout.

A thread is one folder of ``message_1.json``, ``message_2.json``...; ``message_1`` holds the
newest messages and each file lists them newest first, so a thread is read from the highest
number down, each file reversed: oldest first. Strings carry latin-1 mojibake (see mojibake.py).
Messenger's newer end-to-end-encrypted export (camelCase keys: ``senderName``, ``timestamp``,
``text``, ``media``) is read too; it is proper UTF-8 and needs no repair.

The two apps are told apart by content: paths (``your_instagram_activity/`` or
``your_facebook_activity/``), links to instagram.com or facebook.com / messenger.com, and keys
only Messenger writes (``joinable_mode``, the camelCase layout). A file that shows no sign of
either is read as Instagram, and its header notes say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, tzinfo
from typing import Any

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.core.errors import MalformedExport
from shield.ingest import meta_html
from shield.ingest.base import Document, Parser, capped, clean, from_epoch, head_text, load_json
from shield.ingest.mojibake import repair

_SHAPE = re.compile(r'"(?:sender_name|senderName|thread_path|threadName)"\s*:')
_PARTICIPANTS = re.compile(r'"participants"\s*:')
_INSTAGRAM = re.compile(r"your_instagram_activity|instagram\.com|cdninstagram")
_MESSENGER = re.compile(
    r'your_facebook_activity|your_activity_across_facebook|facebook\.com|messenger\.com|fbcdn|"joinable_mode"|"senderName"|"threadName"'
)
_PART = re.compile(r"message_(\d{1,6})\.(?:json|html)", re.IGNORECASE)
_SYSTEM_TYPES = {"Call", "Subscribe", "Unsubscribe", "call", "subscribe", "unsubscribe"}
_MEDIA_KEYS = ("photos", "videos", "audio_files", "files", "gifs", "media")
UNDECIDED_NOTE = (
    "Instagram and Messenger exports look alike and this one showed no sign of either; "
    "it is read as Instagram"
)


def flavour(head: bytes) -> tuple[str, bool] | None:
    """("instagram" | "messenger", decided) for Meta message JSON, else None."""
    text = head_text(head)
    json_thread = text.lstrip().startswith("{") and _PARTICIPANTS.search(text) is not None
    if not (json_thread and _SHAPE.search(text)) and not meta_html.looks_like(text):
        return None
    instagram = len(_INSTAGRAM.findall(text))
    messenger = len(_MESSENGER.findall(text))
    if messenger > instagram:
        return "messenger", True
    return "instagram", instagram > messenger


class MetaParser(Parser):
    """Shared by InstagramParser and MessengerParser, which differ only by ``name``."""

    def detect(self, head: bytes, name: str) -> bool:
        found = flavour(head)
        return found is not None and found[0] == self.name

    def group(
        self, documents: Sequence[Document], *, context: Sequence[Document] = ()
    ) -> list[list[Document]]:
        threads: dict[str, list[tuple[int, Document]]] = {}
        groups: list[list[Document]] = []
        for document in documents:
            part = _PART.fullmatch(document.basename)
            if part is None:
                groups.append([document])
            else:
                threads.setdefault(document.folder, []).append((int(part.group(1)), document))
        for parts in threads.values():
            groups.append([document for _, document in sorted(parts, key=lambda p: -p[0])])
        return groups

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        found = flavour(parts[0].head())
        notes = () if found is None or found[1] else (UNDECIDED_NOTE,)
        if meta_html.looks_like(head_text(parts[0].head(4096))):
            yield self._parse_html(parts, tz, notes)
            return
        first = _thread(parts[0])
        fix = repair if _legacy(first.get("messages")) else _same
        participants = tuple(_names(first.get("participants"), fix))
        title = _text(first.get("title", first.get("threadName")), fix) or None
        owner = None
        if title and len(participants) == 2 and title in participants:
            owner = next(p for p in participants if p != title)
        header = ExportHeader(
            format=self.name, title=title, owner=owner, participants=participants, notes=notes
        )
        yield ParsedExport(header, self._messages(parts, first, tz))

    def _parse_html(
        self, parts: Sequence[Document], tz: tzinfo, notes: tuple[str, ...]
    ) -> ParsedExport:
        title, _ = meta_html.read_page(parts[0])
        header = ExportHeader(format=self.name, title=title or None, notes=notes)
        return ParsedExport(header, _html_messages(parts, tz))

    def _messages(
        self, parts: Sequence[Document], first: dict[str, Any], tz: tzinfo
    ) -> Iterator[ChatMessage]:
        index = 0
        for number, document in enumerate(parts):
            thread = first if number == 0 else _thread(document)
            raw = thread.get("messages")
            if not isinstance(raw, list):
                raise MalformedExport("no 'messages' list", path=document.name)
            legacy = _legacy(raw)
            ordered = list(reversed(raw)) if legacy else raw
            for item in ordered:
                if not isinstance(item, dict):
                    raise MalformedExport("a message is not an object", path=document.name)
                yield _message(item, index, tz, legacy, document.name)
                index += 1


def _legacy(messages: Any) -> bool:
    """Whether a thread is in the older layout (snake_case keys, mojibake, newest first)."""
    return not (
        isinstance(messages, list)
        and messages
        and isinstance(messages[0], dict)
        and "senderName" in messages[0]
    )


def _same(text: str) -> str:
    return text


def _thread(document: Document) -> dict[str, Any]:
    data = load_json(document)
    if not isinstance(data, dict):
        raise MalformedExport("not a message thread (expected a JSON object)", path=document.name)
    return data


def _text(value: Any, fix: Any) -> str:
    return clean(fix(value)) if isinstance(value, str) else ""


def _names(value: Any, fix: Any) -> Iterator[str]:
    if not isinstance(value, list):
        return
    for item in value:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str):
            yield clean(fix(name))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _uris(item: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in _MEDIA_KEYS:
        for entry in _list(item.get(key)):
            if isinstance(entry, dict) and isinstance(entry.get("uri"), str):
                found.append(entry["uri"])
    sticker = item.get("sticker")
    if isinstance(sticker, dict) and isinstance(sticker.get("uri"), str):
        found.append(sticker["uri"])
    return found


def _message(item: dict[str, Any], index: int, tz: tzinfo, legacy: bool, path: str) -> ChatMessage:
    fix = repair if legacy else _same
    sender = _text(item.get("sender_name", item.get("senderName")), fix)
    stamp = item.get("timestamp_ms", item.get("timestamp"))
    if isinstance(stamp, bool) or not isinstance(stamp, int | float):
        raise MalformedExport(f"message {index} has no timestamp", path=path)
    text = _text(item.get("content", item.get("text")), fix)
    share = item.get("share")
    if isinstance(share, dict):
        for key in ("share_text", "link"):
            extra = _text(share.get(key), fix)
            if extra and extra not in text:
                text = f"{text}\n{extra}" if text else extra
    attachments = tuple(clean(uri) for uri in _uris(item))
    reactions = tuple(
        f"{_text(r.get('actor'), fix)}: {_text(r.get('reaction'), fix)}"
        for r in _list(item.get("reactions"))
        if isinstance(r, dict)
    )
    kind = "text"
    if str(item.get("type", "")) in _SYSTEM_TYPES:
        kind = "system"
    elif attachments and not text:
        kind = "media"
    return ChatMessage(
        index=index,
        sender=sender,
        text=capped(text),
        ts=from_epoch(stamp / 1000, tz, path=path),
        kind=kind,
        attachments=attachments,
        reactions=reactions,
    )


def _html_messages(parts: Sequence[Document], tz: tzinfo) -> Iterator[ChatMessage]:
    index = 0
    for document in parts:
        _, shown = meta_html.read_page(document)
        for item in reversed(shown):
            text = meta_html.content_text(item)
            attachments = tuple(clean(a) for a in item.attachments)
            yield ChatMessage(
                index=index,
                sender=clean(" ".join(item.sender.split())),
                text=text,
                ts=meta_html.when(item.time, tz),
                kind="media" if attachments and not text else "text",
                attachments=attachments,
            )
            index += 1
