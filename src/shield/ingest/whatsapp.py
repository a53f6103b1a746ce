"""WhatsApp "Export chat" text files, as Android and iOS write them, alone or in their zip.

Android: ``01/03/2024, 21:03 - Name: text``; iOS: ``[01/03/2024, 21:03:45] Name: text``. The
date order depends on the phone's locale: a file is read day-first or month-first as a whole,
decided by a first pass (a field over 12 settles it; otherwise the order under which the dates
run forwards wins; then dotted dates, ``01.03.24``, read day-first as every locale writes them;
a tie reads day-first and says so in the header notes). Lines that do not
start with a date belong to the message before (multi-line messages). Times are local wall
clock, read in the ``tz`` given to ``parse``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.ingest.base import TRUNCATED, Document, Parser, clean, head_text, lines

MAX_SENDER = 120
MAX_PARTICIPANTS = 1000

_HEADER = re.compile(
    r"\[?(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{2,4})\.?,?[ \u00a0]{1,2}"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?"
    r"(?:[ \u202f\u00a0]?(?P<ap>[AaPp]\.?[ \u00a0]?[Mm]\.?))?"
    r"(?:\][ \u00a0]?|[ \u00a0]?[-\u2013][ \u00a0])(?P<rest>.*)",
    re.DOTALL,
)
_ATTACHED_IOS = re.compile(r"<attached: (?P<file>[^<>\n]{1,255})>")
_ATTACHED_ANDROID = re.compile(
    r"(?P<file>[^\n]{1,255}?\.[A-Za-z0-9]{1,6}) \((?:file attached|Datei angehängt|"
    r"archivo adjunto|fichier joint|arquivo anexado|file allegato|bestand bijgevoegd)\)"
)
_OMITTED = re.compile(
    r"<(?:Media omitted|Medien ausgeschlossen|Multimedia omitido|Archivo omitido|Médias omis|"
    r"Mídia oculta|Arquivo de mídia oculto|Media weggelaten|Media omessi|Медиафайл отсутствует|"
    r"Без медиафайлов)>|"
    r"(?:image|video|audio|sticker|GIF|document|Contact card|photo) omitted|"
    r"(?:imagen|video|audio|sticker|GIF|documento) omitid[oa]|"
    r"(?:Bild|Video|Audio|Sticker|GIF|Dokument) weggelassen|"
    r"(?:image|vidéo|audio|autocollant|GIF|document) absente?",
    re.IGNORECASE,
)
_MARKED = re.compile(r":[ \u00a0]\u200e")
_TITLE = re.compile(
    r"WhatsApp[ -]Chat(?: with| mit| met| avec| con| com| - )? ?(?P<title>[^/!]{1,120}?)"
    r"(?: \(\d+\))?\.(?:txt|zip)",
    re.IGNORECASE,
)


@dataclass
class _Shape:
    """What the first pass learns about the whole file."""

    over12_first: bool = False
    over12_second: bool = False
    backwards_dmy: int = 0
    backwards_mdy: int = 0
    headers: int = 0
    dotted: int = 0
    senders: dict[str, None] = field(default_factory=dict)
    last_dmy: tuple[int, int, int] | None = None
    last_mdy: tuple[int, int, int] | None = None

    def see(self, a: int, b: int, c: int) -> None:
        self.headers += 1
        self.over12_first |= a > 12
        self.over12_second |= b > 12
        dmy, mdy = (c, b, a), (c, a, b)
        if self.last_dmy is not None and dmy < self.last_dmy:
            self.backwards_dmy += 1
        if self.last_mdy is not None and mdy < self.last_mdy:
            self.backwards_mdy += 1
        self.last_dmy, self.last_mdy = dmy, mdy

    def day_first(self) -> tuple[bool, str | None]:
        if self.over12_first or self.over12_second:
            if self.over12_first and self.over12_second:
                return True, "dates have day and month fields over 12; read day-first"
            return self.over12_first, None
        if not self.headers:
            return True, None  # year-first dates only: no order to settle
        if self.backwards_mdy < self.backwards_dmy:
            return False, None
        if self.backwards_dmy < self.backwards_mdy or self.dotted * 2 > self.headers:
            return True, None  # dotted dates (01.03.24) are written day-first in every locale
        return True, "the dates fit day-first and month-first alike; read day-first"


def _fields(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(a, b, c) of a day/month header, or None for a year-first one."""
    a = match.group("a")
    if len(a) == 4:
        return None
    return int(a), int(match.group("b")), int(match.group("c"))


def _sender_and_text(rest: str) -> tuple[str, str] | None:
    cut = rest.find(": ")
    if 0 < cut <= MAX_SENDER:
        return rest[:cut], rest[cut + 2 :]
    if rest.endswith(":") and 0 < len(rest) - 1 <= MAX_SENDER and "\n" not in rest:
        return rest[:-1], ""
    return None


def _sender(shown: str) -> str:
    """The sender as shown, with no-break spaces (phone numbers) as plain spaces."""
    return " ".join(shown.replace("\u202f", " ").replace("\u00a0", " ").split())


class WhatsAppParser(Parser):
    name = "whatsapp"

    def detect(self, head: bytes, name: str) -> bool:
        for raw in head_text(head).split("\n")[:5]:
            line = clean(raw).strip("\r")
            if line.strip():
                return _HEADER.match(line) is not None
        return False

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        for document in parts:
            yield self._parse_one(document, tz)

    def _parse_one(self, document: Document, tz: tzinfo) -> ParsedExport:
        shape = _Shape()
        shown: dict[str, None] = {}  # senders as written; tidied once at the end
        for raw in lines(document):
            match = _HEADER.match(clean(raw))
            if match is None:
                continue
            abc = _fields(match)
            if abc is not None:
                shape.see(*abc)
                shape.dotted += "." in match.group(0)[:8]
            said = _sender_and_text(match.group("rest"))
            if said and len(shown) < MAX_PARTICIPANTS:
                shown.setdefault(said[0], None)
        shape.senders = dict.fromkeys(_sender(name) for name in shown)
        day_first, note = shape.day_first()
        title_match = _TITLE.search(document.name)
        header = ExportHeader(
            format=self.name,
            title=title_match.group("title").strip() if title_match else None,
            participants=tuple(shape.senders),
            notes=(note,) if note else (),
        )
        return ParsedExport(header, _messages(document, tz, day_first))


def _timestamp(match: re.Match[str], tz: tzinfo, day_first: bool) -> datetime | None:
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif day_first:
        day, month, year = int(a), int(b), int(c)
    else:
        month, day, year = int(a), int(b), int(c)
    if year < 100:
        year += 2000
    hour, minute = int(match.group("h")), int(match.group("m"))
    second = int(match.group("s") or 0)
    meridiem = match.group("ap")
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem[0] in "pP" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


class _Pending:
    """The message being read: its first line is known, more lines may follow."""

    def __init__(self, sender: str, ts: datetime | None, first: str, marked: bool) -> None:
        self.sender = sender
        self.ts = ts
        self.text = [first]
        self.size = len(first)
        self.marked = marked  # iOS puts U+200E before the text of system and media lines
        self.cut = False

    def add(self, line: str) -> None:
        if self.size + len(line) > 1 << 20:
            self.cut = True
            return
        self.text.append(line)
        self.size += len(line) + 1

    def build(self, index: int) -> ChatMessage:
        text = "\n".join(self.text)
        if self.cut:
            text += TRUNCATED
        first, _, caption = text.partition("\n")
        first = first.strip()
        # media lines are short or end in ">" / ")": most messages skip the patterns
        maybe_media = len(first) < 48 or first.endswith((">", ")"))
        attached = maybe_media and (
            _ATTACHED_IOS.fullmatch(first) or _ATTACHED_ANDROID.fullmatch(first)
        )
        if attached:
            return ChatMessage(
                index=index,
                sender=self.sender,
                text=caption,
                ts=self.ts,
                kind="media",
                attachments=(attached.group("file"),),
            )
        if maybe_media and _OMITTED.fullmatch(first):
            return ChatMessage(index=index, sender=self.sender, text=text, ts=self.ts, kind="media")
        kind = "system" if (self.marked or not self.sender) else "text"
        return ChatMessage(index=index, sender=self.sender, text=text, ts=self.ts, kind=kind)


def _messages(document: Document, tz: tzinfo, day_first: bool) -> Iterator[ChatMessage]:
    pending: _Pending | None = None
    index = 0
    for raw in lines(document):
        line = clean(raw)
        match = _HEADER.match(line)
        ts = _timestamp(match, tz, day_first) if match else None
        if match is None or ts is None:
            if pending is None:
                pending = _Pending("", None, line, marked=False)
            else:
                pending.add(line)
            continue
        if pending is not None:
            yield pending.build(index)
            index += 1
        rest = match.group("rest")
        said = _sender_and_text(rest)
        if said is None:
            pending = _Pending("", ts, rest, marked=False)
        else:
            marked = "\u200e" in raw and _MARKED.search(raw) is not None
            pending = _Pending(_sender(said[0]), ts, said[1], marked)
    if pending is not None:
        yield pending.build(index)
