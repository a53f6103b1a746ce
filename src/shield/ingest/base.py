"""What every chat-export parser is: a name, a test on content, and a streaming parse.

A parser never trusts a file name to tell it what a file is: ``detect`` looks at the first
bytes (``head``, up to HEAD_BYTES); the name is only for titles (WhatsApp puts the contact's
name in it). ``parse`` yields one ParsedExport per conversation the file holds (a Telegram full
export or a Snapchat file holds many), each with messages as an iterator, so a huge export is
read as it is consumed. Consume one export's messages before asking for the next one.

Times: exports that write local wall-clock times without a zone (WhatsApp, plain
transcripts, Discord's newer JSON, Telegram's ``date`` when ``date_unixtime`` is absent) are read
in the ``tz`` given to ``parse`` (UTC unless told). Exports that carry instants (epoch
milliseconds, an explicit UTC) are converted to ``tz`` so one run shows one zone throughout.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import IO, Any, ClassVar

from shield.core.conversation import ParsedExport
from shield.core.errors import MalformedExport, ShieldError, UnreadableFile

HEAD_BYTES = 65536
EXPORT_OWNER = "You"  # the sender name for the export's owner where the format gives none
MAX_LINE = 1 << 20  # one line (or one message) longer than this is cut
MAX_TEXT = 1 << 20
MAX_JSON_BYTES = 512 << 20  # non-streaming JSON formats (Meta, Snapchat, Discord) refuse more
TRUNCATED = " [...cut: longer than Shield keeps]"
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Document:
    """One file to read, wherever it lives: on disk, or inside a (nested) archive.

    ``name`` is the display path (``chats.zip!/_chat.txt`` for an archive member); ``folder``
    the display path of the folder holding it, so split exports can find their other parts.
    ``opener`` may be called more than once (some formats are read in two passes);
    ``media_type`` is what the first bytes say (core.mediatype.sniff), where known."""

    name: str
    folder: str
    size: int
    opener: Callable[[], IO[bytes]]
    media_type: str = ""

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    def open(self) -> IO[bytes]:
        try:
            return self.opener()
        except ShieldError:
            raise
        except (OSError, ValueError, RuntimeError) as exc:
            raise UnreadableFile(f"cannot read: {exc}", path=self.name) from exc

    def head(self, size: int = HEAD_BYTES) -> bytes:
        with self.open() as handle:
            try:
                return handle.read(size)
            except (OSError, ValueError, RuntimeError, EOFError) as exc:
                raise UnreadableFile(f"cannot read: {exc}", path=self.name) from exc


class Parser:
    """Base of every chat-export parser. Subclasses set ``name`` (one of CHAT_FORMATS)."""

    name: ClassVar[str] = ""

    def detect(self, head: bytes, name: str) -> bool:
        """Whether a file whose first bytes are ``head`` is in this format (content decides)."""
        raise NotImplementedError

    def group(
        self, documents: Sequence[Document], *, context: Sequence[Document] = ()
    ) -> list[list[Document]]:
        """Split this format's documents into exports; most formats are one file per export.
        ``context`` is every other document of the walk, for formats whose exports keep
        companion files (the first document of a group is always an export file)."""
        return [[document] for document in documents]

    def parse(self, parts: Sequence[Document], *, tz: tzinfo = UTC) -> Iterator[ParsedExport]:
        """One ParsedExport per conversation held by ``parts`` (one group from ``group``)."""
        raise NotImplementedError


def head_text(head: bytes) -> str:
    """The start of a file as text (BOM-aware; a cut last character is dropped)."""
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", errors="ignore")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace")


def text_stream(document: Document) -> io.TextIOWrapper:
    """The document as text: UTF-8 (BOM or not) or UTF-16 with a BOM; bad bytes become U+FFFD.
    Newlines are \\n, \\r\\n or \\r (and nothing else: U+2028 stays inside a message)."""
    raw = document.open()
    start = raw.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif start.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    buffered = io.BufferedReader(_Prefixed(start, raw))
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=None)


def skip_bom(document: Document) -> IO[bytes]:
    """The document's bytes, without a UTF-8 byte-order mark if it starts with one."""
    raw = document.open()
    start = raw.read(3)
    if start == codecs.BOM_UTF8:
        return raw
    return io.BufferedReader(_Prefixed(start, raw))


def lines(document: Document) -> Iterator[str]:
    """The document's lines without their line ends; over-long lines come in MAX_LINE pieces."""
    with text_stream(document) as stream:
        while True:
            try:
                line = stream.readline(MAX_LINE)
            except (OSError, ValueError, EOFError, RuntimeError) as exc:
                raise UnreadableFile(f"cannot read: {exc}", path=document.name) from exc
            if not line:
                return
            yield line.rstrip("\n")


def load_json(document: Document) -> Any:
    """A whole (small) JSON document; for formats whose files are split to modest sizes."""
    if document.size > MAX_JSON_BYTES:
        raise MalformedExport(
            f"{document.size} bytes is more than this format's limit of {MAX_JSON_BYTES}",
            path=document.name,
        )
    with text_stream(document) as stream:
        try:
            return json.loads(stream.read())
        except (ValueError, RecursionError) as exc:
            raise MalformedExport(f"not valid JSON: {_short(exc)}", path=document.name) from exc
        except (OSError, EOFError, RuntimeError) as exc:
            raise UnreadableFile(f"cannot read: {exc}", path=document.name) from exc


def clean(text: str) -> str:
    """Text without the invisible direction marks apps insert (they would split identifiers)."""
    return BIDI_MARKS.sub("", text)


def capped(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + TRUNCATED


def from_epoch(seconds: float, tz: tzinfo, *, path: str) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, UTC).astimezone(tz)
    except (OverflowError, OSError, ValueError) as exc:
        raise MalformedExport(f"timestamp out of range: {seconds!r}", path=path) from exc


def _short(exc: Exception) -> str:
    return str(exc)[:200]


class _Prefixed(io.RawIOBase):
    """A raw stream that gives back bytes already read from its start, then the rest."""

    def __init__(self, prefix: bytes, rest: IO[bytes]) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            count = min(len(view), len(self._prefix))
            view[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._rest.close()
        finally:
            super().close()
