"""Telegram Desktop's JSON export (``result.json``): one chat, or a full export of all chats.

Read as a stream of JSON events (ijson, with its C backend where the wheel has one): one
message object at a time is built, so a 500 MB full export never sits in memory. A full export
(``chats.list`` and ``left_chats.list``) gives one ParsedExport per chat, in file order; its
``personal_information`` names the owner. Text comes from ``text_entities`` (plain pieces and
entities alike), else from ``text`` as a string or a list of strings and entity objects.
Senders keep their stable ``from_id`` (``user123``) as ``sender_id``. Service messages (calls,
joins, pins) are kind "system", their ``actor`` the sender. Times come from ``date_unixtime``
(an instant) where present, else ``date`` (local wall clock, read in ``tz``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo
from typing import IO, Any

import ijson

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.core.errors import MalformedExport
from shield.ingest.base import Document, Parser, capped, clean, from_epoch, head_text, skip_bom

_CHAT_TYPES = (
    "personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|"
    "private_channel|public_channel|saved_messages"
)
_SIGNS = re.compile(
    rf'"type"\s*:\s*"(?:{_CHAT_TYPES})"|"personal_information"\s*:|"date_unixtime"\s*:'
    r'|"from_id"\s*:\s*"(?:user|channel)\d+"|"text_entities"\s*:'
)
_CHAT_PREFIXES = ("chats.list.item", "left_chats.list.item")
_OWNER_PREFIX = "personal_information."


class TelegramParser(Parser):
    name = "telegram"

    def detect(self, head: bytes, name: str) -> bool:
        text = head_text(head)
        return text.lstrip().startswith("{") and _SIGNS.search(text) is not None

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        for document in parts:
            yield from _Reader(document, tz).exports()


class _Reader:
    """Turns the event stream into chats (headers) and the messages between them."""

    def __init__(self, document: Document, tz: tzinfo) -> None:
        self.document = document
        self.tz = tz
        self.owner: dict[str, Any] = {}
        self.pending: list[tuple[str, Any]] = []

    def exports(self) -> Iterator[ParsedExport]:
        shared = self._tokens()
        ahead: tuple[str, Any] | None = None
        number = 0
        while True:
            token = ahead or next(shared, None)
            ahead = None
            while token is not None and token[0] != "chat":
                token = next(shared, None)  # messages of a chat the consumer left unread
            if token is None:
                return
            view = _ChatMessages(self, number, shared)
            yield ParsedExport(self._header(token[1]), view)
            if view.finished:
                if view.stopper is None:
                    return
                ahead = view.stopper
            else:
                view.detach()  # it will read its chat again from a fresh stream if asked
            number += 1

    def chat_tokens(self, number: int, skip: int) -> Iterator[tuple[str, Any]]:
        """A fresh token stream placed after the first ``skip`` messages of chat ``number``."""
        tokens = self._tokens()
        seen = -1
        for kind, _ in tokens:
            if kind == "chat":
                seen += 1
                if seen == number:
                    break
        for _ in range(skip):
            next(tokens, None)
        return tokens

    def _header(self, chat: dict[str, Any]) -> ExportHeader:
        owner = " ".join(
            str(self.owner[key]).strip()
            for key in ("first_name", "last_name")
            if isinstance(self.owner.get(key), str) and self.owner[key].strip()
        )
        name = chat.get("name")
        notes = []
        if chat.get("type"):
            notes.append(f"Telegram chat type: {chat['type']}")
        return ExportHeader(
            format="telegram",
            title=clean(name) if isinstance(name, str) else None,
            owner=clean(owner) or None,
            notes=tuple(notes),
        )

    def _tokens(self) -> Iterator[tuple[str, Any]]:
        handle = skip_bom(self.document)
        try:
            yield from self._walk(handle)
        except (ijson.JSONError, ValueError, UnicodeDecodeError) as exc:
            raise MalformedExport(
                f"not valid JSON: {str(exc)[:200]}", path=self.document.name
            ) from exc
        finally:
            handle.close()

    def _walk(self, handle: IO[bytes]) -> Iterator[tuple[str, Any]]:
        events = ijson.parse(handle, use_float=True)
        chat: dict[str, Any] = {}
        announced = False
        for prefix, event, value in events:
            if prefix in _CHAT_PREFIXES:
                if event == "start_map":
                    chat, announced = {}, False
                elif event == "end_map" and not announced:
                    yield "chat", chat
                continue
            chat_prefix, _, field = prefix.rpartition(".")
            top = chat_prefix in _CHAT_PREFIXES or (chat_prefix == "" and "." not in prefix)
            if top and field in ("name", "type", "id") and event in ("string", "number"):
                chat[field] = value
            elif top and field == "messages" and event == "start_array":
                if not announced:
                    yield "chat", chat
                    announced = True
            elif (
                prefix.endswith("messages.item")
                and event == "start_map"
                and (
                    prefix == "messages.item" or prefix.rpartition(".messages")[0] in _CHAT_PREFIXES
                )
            ):
                yield "message", _build(events, event, value)
            elif prefix.startswith(_OWNER_PREFIX) and event in ("string", "number"):
                self.owner[prefix[len(_OWNER_PREFIX) :]] = value


class _ChatMessages(Iterator[ChatMessage]):
    """One chat's messages. Read in order, they come from the one shared pass over the file;
    read after a later chat was asked for, they come from a fresh pass (slower, still right)."""

    def __init__(self, reader: _Reader, number: int, shared: Iterator[tuple[str, Any]]) -> None:
        self.reader = reader
        self.number = number
        self.source: Iterator[tuple[str, Any]] | None = shared
        self.read = 0
        self.finished = False
        self.stopper: tuple[str, Any] | None = None

    def detach(self) -> None:
        self.source = None

    def __next__(self) -> ChatMessage:
        if self.finished:
            raise StopIteration
        if self.source is None:
            self.source = self.reader.chat_tokens(self.number, self.read)
        token = next(self.source, None)
        if token is None or token[0] == "chat":
            self.finished, self.stopper = True, token
            raise StopIteration
        message = _message(token[1], self.read, self.reader.tz, self.reader.document.name)
        self.read += 1
        return message


def _build(events: Iterator[tuple[str, str, Any]], event: str, value: Any) -> Any:
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _, inner_event, inner_value in events:
        builder.event(inner_event, inner_value)
        if inner_event in ("start_map", "start_array"):
            depth += 1
        elif inner_event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                break
    return builder.value


def _text(message: dict[str, Any]) -> str:
    entities = message.get("text_entities")
    if isinstance(entities, list) and entities:
        return "".join(
            e["text"] for e in entities if isinstance(e, dict) and isinstance(e.get("text"), str)
        )
    text = message.get("text")
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            piece if isinstance(piece, str) else str(piece.get("text", ""))
            for piece in text
            if isinstance(piece, str | dict)
        )
    return ""


def _when(message: dict[str, Any], tz: tzinfo, path: str) -> datetime | None:
    unix = message.get("date_unixtime")
    if isinstance(unix, str) and unix.isdigit() and len(unix) < 15:
        return from_epoch(int(unix), tz, path=path)
    date = message.get("date")
    if isinstance(date, str):
        try:
            return datetime.fromisoformat(date[:40]).replace(tzinfo=tz)
        except ValueError:
            return None
    return None


def _message(message: Any, index: int, tz: tzinfo, path: str) -> ChatMessage:
    if not isinstance(message, dict):
        raise MalformedExport(f"message {index} is not an object", path=path)
    service = message.get("type") == "service"
    sender = message.get("actor" if service else "from")
    sender_id = message.get("actor_id" if service else "from_id")
    text = clean(_text(message))
    attachments = tuple(
        clean(message[key]) for key in ("photo", "file") if isinstance(message.get(key), str)
    )
    kind = "text"
    if service:
        kind = "system"
        action = message.get("action")
        if not text and isinstance(action, str):
            text = action.replace("_", " ")
    elif attachments and not text:
        kind = "media"
    elif not text and isinstance(message.get("sticker_emoji"), str):
        kind, text = "media", message["sticker_emoji"]
    return ChatMessage(
        index=index,
        sender=clean(sender) if isinstance(sender, str) else "",
        text=capped(text),
        ts=_when(message, tz, path),
        kind=kind,
        sender_id=sender_id if isinstance(sender_id, str) else None,
        attachments=attachments,
    )
