"""The HTML variant of Instagram's and Messenger's "Download your information" messages.

Each ``message_N.html`` shows one thread: a ``<title>``, then one block per message, newest
first. Meta's class names are machine-made but stable across a layout: a message block has
``_a6-g`` (older pages: ``pam`` with ``uiBoxWhite``) and holds the sender (``_a6-h``, older
``_2lel``), the content (``_a6-p``, older ``_2let``) and the time (``_a6-o``, older
``_2lem``), written like ``Feb 14, 2024 8:00 pm`` in the exporter's local time (read in
``tz``). Links and images in the content become text lines and attachments. The page is read
with the standard library's HTML parser, fed in pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from html.parser import HTMLParser

from shield.core.errors import MalformedExport
from shield.ingest.base import MAX_JSON_BYTES, Document, capped, clean, text_stream

BLOCK = ("_a6-g",)
OLD_BLOCK = ("pam", "uiBoxWhite")
ROLES = {"_a6-h": "sender", "_2lel": "sender", "_a6-p": "content", "_2let": "content"}
ROLES |= {"_a6-o": "time", "_2lem": "time"}
VOID = ("br", "img", "meta", "link", "hr", "input", "source", "wbr")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_WHEN = re.compile(
    r"(?P<mon>[A-Za-z]{3})[a-z]*\.? (?P<d>\d{1,2}), (?P<y>\d{4}),? "
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?[ \u202f]?(?P<ap>[AaPp][Mm])?"
)
_SIGN = re.compile(r'class="[^"]*(?:_a6-g|uiBoxWhite)[^"]*"')


def looks_like(text: str) -> bool:
    """Whether the start of a file is a Meta messages HTML page."""
    lowered = text[:2000].lower()
    return ("<html" in lowered or "<!doctype html" in lowered) and _SIGN.search(text) is not None


@dataclass
class Shown:
    """One message as the page shows it."""

    sender: str = ""
    content: list[str] = field(default_factory=list)
    time: str = ""
    attachments: list[str] = field(default_factory=list)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.in_title = False
        self.messages: list[Shown] = []
        self.stack: list[tuple[str, str | None, bool]] = []  # tag, role, starts a block
        self.current: Shown | None = None
        self.role: str | None = None
        self.link: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self._void(tag, attrs)
            return
        classes = (dict(attrs).get("class") or "").split()
        block = any(c in classes for c in BLOCK) or all(c in classes for c in OLD_BLOCK)
        role = next((ROLES[c] for c in classes if c in ROLES), None)
        if tag == "title":
            self.in_title = True
        if block and self.current is None:
            self.current = Shown()
        if role and self.current is not None and self.role is None:
            self.role = role
        else:
            role = None
        self.stack.append((tag, role, block))
        if tag == "a" and self.current is not None and self.role == "content":
            self.link = (dict(attrs).get("href") or "", len(self.current.content))

    def _void(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.current is None or self.role != "content":
            return
        if tag == "br":
            self.current.content.append("\n")
        elif tag == "img":
            source = dict(attrs).get("src")
            if source:
                self.current.attachments.append(source)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID or all(open_tag != tag for open_tag, _, _ in self.stack):
            return
        if tag == "a" and self.link is not None and self.current is not None:
            href, start = self.link
            if href and href not in "".join(self.current.content[start:]):
                self.current.content.append(f"\n{href}\n")
            self.link = None
        while self.stack:
            open_tag, role, block = self.stack.pop()
            if role is not None:
                self.role = None
            if block and self.current is not None:
                self.messages.append(self.current)
                self.current = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif self.current is not None and self.role == "sender":
            self.current.sender += data
        elif self.current is not None and self.role == "content":
            self.current.content.append(data)
        elif self.current is not None and self.role == "time":
            self.current.time += data


def read_page(document: Document) -> tuple[str, list[Shown]]:
    """The page's title and its messages, in page order (newest first)."""
    if document.size > MAX_JSON_BYTES:
        raise MalformedExport("larger than this format's limit", path=document.name)
    page = _Page()
    with text_stream(document) as stream:
        while chunk := stream.read(1 << 16):
            page.feed(chunk)
    page.close()
    return clean(page.title.strip()), page.messages


def when(text: str, tz: tzinfo) -> datetime | None:
    match = _WHEN.search(text)
    if match is None:
        return None
    month = _MONTHS.get(match.group("mon").lower())
    hour, minute = int(match.group("h")), int(match.group("mi"))
    meridiem = match.group("ap")
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem[0] in "pP" else 0)
    if month is None:
        return None
    try:
        return datetime(
            int(match.group("y")),
            month,
            int(match.group("d")),
            hour,
            minute,
            int(match.group("s") or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


def content_text(shown: Shown) -> str:
    text = "".join(shown.content)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return capped(clean("\n".join(line for line in lines if line)))
