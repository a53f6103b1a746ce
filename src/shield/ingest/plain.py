"""Plain transcripts: ``Name: text`` lines, as people copy chats into a note or an e-mail.

A line may start with a time (``[12:03] Name: text``, ``12:03 pm Name: text``) or a date and a
time (``2024-03-01 12:03 Name: text``, ``[2024-03-01 21:03:45] Name: text``,
``01/03/2024 12:03 Name: text``: day-first unless a second field over 12 shows month-first).
A date and time is local wall clock read in ``tz``; a time without a date (or with a date that
does not exist) gives ``ts`` None and keeps what was shown in ``shown_time``. Lines that do
not look like ``Name: text`` continue the message before; lines before the first message
become one system message. This parser is the catch-all, asked last:
it wants at least two ``Name: text`` lines that make up at least 40% of the first 40 lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.ingest.base import TRUNCATED, Document, Parser, clean, head_text, lines

MAX_PARTICIPANTS = 1000
MAX_MESSAGE = 1 << 20

_LINE = re.compile(
    r"(?:\[?(?:(?:(?P<date>\d{4}-\d{1,2}-\d{1,2})|"
    r"(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<c>\d{4}|\d{2}),?)[ T])?"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:[ \u202f\u00a0]?(?P<ap>[AaPp]\.?[Mm]\.?))?"
    r"\]?[ \t]+)?"
    r"(?P<name>[^:\n\"{}\[\]<>\t]{1,40}?):[ \t](?P<text>.*)",
    re.DOTALL,
)


def _said(line: str) -> re.Match[str] | None:
    match = _LINE.match(line)
    if match is None:
        return None
    name = match.group("name").strip()
    if not name or len(name.split()) > 4 or name.lower().startswith(("http", "www")):
        return None
    if not any(ch.isalnum() for ch in name):
        return None
    return match


def _ymd(match: re.Match[str], day_first: bool) -> tuple[int, int, int] | None:
    if match.group("date"):
        year, month, day = (int(part) for part in match.group("date").split("-"))
        return year, month, day
    if match.group("a") is None:
        return None
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("c"))
    year += 2000 if year < 100 else 0
    return (year, b, a) if day_first else (year, a, b)


def _when(
    match: re.Match[str], tz: tzinfo, day_first: bool = True
) -> tuple[datetime | None, str | None]:
    if match.group("h") is None:
        return None, None
    hour, minute = int(match.group("h")), int(match.group("m"))
    second = int(match.group("s") or 0)
    meridiem = match.group("ap")
    if meridiem:
        if not 1 <= hour <= 12:
            return None, None
        hour = hour % 12 + (12 if meridiem[0] in "pP" else 0)
    shown = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if match.group("s") else "")
    ymd = _ymd(match, day_first)
    if ymd is None:
        return None, shown if hour < 24 and minute < 60 and second < 60 else None
    year, month, day = ymd
    date = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz), None
    except ValueError:
        return None, f"{date} {shown}"  # a date that does not exist is kept as shown


class PlainParser(Parser):
    name = "plain"

    def detect(self, head: bytes, name: str) -> bool:
        text = head_text(head)
        if "\x00" in text or text.lstrip()[:1] in ("{",):
            return False
        sample = [clean(line) for line in text.split("\n") if line.strip()][:40]
        said = sum(1 for line in sample if _said(line.strip("\r")) is not None)
        return said >= 2 and said >= 0.4 * len(sample)

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        for document in parts:
            senders: dict[str, None] = {}
            first_over_12 = second_over_12 = False
            for raw in lines(document):
                match = _said(clean(raw))
                if match is None:
                    continue
                if len(senders) < MAX_PARTICIPANTS:
                    senders.setdefault(_name(match), None)
                if match.group("a") is not None:
                    first_over_12 |= int(match.group("a")) > 12
                    second_over_12 |= int(match.group("b")) > 12
            day_first = first_over_12 or not second_over_12
            header = ExportHeader(format=self.name, participants=tuple(senders))
            yield ParsedExport(header, _messages(document, tz, day_first))


def _name(match: re.Match[str]) -> str:
    return " ".join(match.group("name").split())


def _messages(document: Document, tz: tzinfo, day_first: bool) -> Iterator[ChatMessage]:
    current: ChatMessage | None = None
    body: list[str] = []
    size = 0
    index = 0

    def finish(message: ChatMessage) -> ChatMessage:
        text = "\n".join(body).rstrip("\n")
        if size > MAX_MESSAGE:
            text += TRUNCATED
        return ChatMessage(
            index=message.index,
            sender=message.sender,
            text=text,
            ts=message.ts,
            kind=message.kind,
            shown_time=message.shown_time,
        )

    for raw in lines(document):
        line = clean(raw)
        match = _said(line)
        if match is None:
            if current is None:
                if not line.strip():
                    continue
                current = ChatMessage(index=index, sender="", text="", kind="system")
                index += 1
                body, size = [], 0
            size += len(line) + 1
            if size <= MAX_MESSAGE:
                body.append(line)
            continue
        if current is not None:
            yield finish(current)
        ts, shown = _when(match, tz, day_first)
        current = ChatMessage(index=index, sender=_name(match), text="", ts=ts, shown_time=shown)
        index += 1
        body, size = [match.group("text")], len(match.group("text"))
    if current is not None:
        yield finish(current)
