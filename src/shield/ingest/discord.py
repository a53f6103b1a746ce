"""Discord's data package: ``messages/c<channel>/messages.json`` (newer) or ``messages.csv``
(older), with ``ID``, ``Timestamp``, ``Contents`` and ``Attachments`` per message.

A data package holds only the messages its requester sent, never the other people's; every
export says so in its header notes, so nobody thinks the offender's words were lost. The sender
is therefore always the owner, shown as "You". Timestamps without an offset are UTC (Discord
keeps UTC); messages are put oldest first (by time, then by ID).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.core.errors import MalformedExport
from shield.ingest.base import (
    EXPORT_OWNER,
    MAX_JSON_BYTES,
    Document,
    Parser,
    capped,
    clean,
    head_text,
    load_json,
    text_stream,
)

ONLY_OWN_NOTE = (
    "A Discord data package holds only the messages its requester sent; the other people's "
    "messages are not in it (they were not lost by Shield)."
)
_CSV_HEADER = re.compile(r"id,timestamp,contents,attachments\s*$", re.IGNORECASE)
_JSON_SIGNS = re.compile(
    r'"ID"\s*:.{0,400}?"Timestamp"\s*:|"Timestamp"\s*:.{0,400}?"Contents"\s*:', re.DOTALL
)
_CHANNEL = re.compile(r"c(\d{5,25})")
_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)


class DiscordParser(Parser):
    name = "discord"

    def detect(self, head: bytes, name: str) -> bool:
        text = head_text(head).lstrip()
        if text.startswith("["):
            return _JSON_SIGNS.search(text[:4000]) is not None
        first = text.split("\n", 1)[0].strip("\r")
        return _CSV_HEADER.match(first) is not None

    def group(
        self, documents: Sequence[Document], *, context: Sequence[Document] = ()
    ) -> list[list[Document]]:
        """Each messages file, with its folder's ``channel.json`` and the package's
        ``messages/index.json`` (channel names such as "Direct Message with jess#0420")."""
        by_name = {document.name: document for document in context}
        groups = []
        for document in documents:
            parent = document.folder.rpartition("/")[0]
            companions = [
                by_name[name]
                for name in (f"{document.folder}/channel.json", f"{parent}/index.json")
                if name in by_name
            ]
            groups.append([document, *companions])
        return groups

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        document, companions = parts[0], parts[1:]
        rows = (
            _json_rows(document)
            if head_text(document.head(64)).lstrip().startswith("[")
            else _csv_rows(document)
        )
        folder = _CHANNEL.fullmatch(document.folder.rsplit("/", 1)[-1])
        channel_id = folder.group(1) if folder else None
        title, notes = _describe(channel_id, companions)
        header = ExportHeader(
            format=self.name,
            title=title or (f"Discord channel {channel_id}" if channel_id else None),
            owner=EXPORT_OWNER,
            participants=(EXPORT_OWNER,),
            notes=(ONLY_OWN_NOTE, *notes),
        )
        yield ParsedExport(header, _messages(rows, tz, document.name))


def _describe(channel_id: str | None, companions: Sequence[Document]) -> tuple[str, list[str]]:
    """A title from index.json (or channel.json) and notes naming the channel's people."""
    title, notes = "", []
    for companion in companions:
        data = load_json(companion)
        if not isinstance(data, dict):
            continue
        if companion.basename == "index.json" and channel_id:
            named = data.get(channel_id)
            title = clean(named) if isinstance(named, str) else title
        elif companion.basename == "channel.json":
            guild = data.get("guild")
            name = data.get("name")
            if not title and isinstance(name, str):
                server = guild.get("name") if isinstance(guild, dict) else None
                title = clean(f"{name} in {server}" if isinstance(server, str) else name)
            people = data.get("recipients")
            if isinstance(people, list) and people:
                ids = ", ".join(str(p) for p in people[:50] if isinstance(p, str | int))
                notes.append(f"channel recipients (Discord user ids): {ids}")
    return title, notes


def _json_rows(document: Document) -> list[dict[str, Any]]:
    data = load_json(document)
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise MalformedExport("expected a list of message objects", path=document.name)
    return data


def _csv_rows(document: Document) -> list[dict[str, Any]]:
    if document.size > MAX_JSON_BYTES:
        raise MalformedExport("larger than this format's limit", path=document.name)
    with text_stream(document) as stream:
        try:
            return list(csv.DictReader(stream))
        except csv.Error as exc:
            raise MalformedExport(f"not valid CSV: {exc}", path=document.name) from exc


def _when(value: Any, tz: tzinfo) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value.strip()[:40])
    except ValueError:
        return None
    return (stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp).astimezone(tz)


def _id(value: Any) -> int:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 30 else 0


def _messages(rows: list[dict[str, Any]], tz: tzinfo, path: str) -> Iterator[ChatMessage]:
    keyed = []
    for row in rows:
        keyed.append((_when(row.get("Timestamp"), tz), _id(row.get("ID")), row))
    keyed.sort(key=lambda item: (item[0] or _FAR_PAST, item[1]))
    for index, (ts, _, row) in enumerate(keyed):
        contents = row.get("Contents")
        text = clean(contents) if isinstance(contents, str) else ""
        attached = row.get("Attachments")
        attachments = tuple(a for a in attached.split() if a) if isinstance(attached, str) else ()
        yield ChatMessage(
            index=index,
            sender=EXPORT_OWNER,
            text=capped(text),
            ts=ts,
            kind="media" if attachments and not text else "text",
            attachments=attachments,
        )
