"""From paths the user gives to parsed exports: walk, detect by content, group, parse.

``open_source`` is what extraction calls. Files named directly must be chat exports (or media,
which the screenshot reader takes); inside folders and archives, files that are not chat
exports (photos, voice notes, contact cards) are passed over and listed in ``others``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, tzinfo
from pathlib import Path
from typing import NamedTuple

from shield.core.conversation import ParsedExport
from shield.core.errors import UnrecognizedFormat
from shield.ingest.archive import Limits, documents
from shield.ingest.base import Document
from shield.ingest.registry import BY_NAME, detect

MEDIA_PREFIXES = ("image/", "video/", "audio/", "application/pdf")
TEXT_TYPES = ("text/plain", "application/json", "text/html", "application/x-empty", "")


class Opened(NamedTuple):
    """One conversation read from the files in ``documents`` (several for split exports)."""

    path: str
    format: str
    export: ParsedExport
    documents: tuple[Document, ...]


def open_source(
    paths: Sequence[Path | str],
    *,
    tz: tzinfo = UTC,
    limits: Limits | None = None,
    others: list[Document] | None = None,
) -> Iterator[Opened]:
    """Every conversation in the chat exports named or held by ``paths``, in walk order.

    Raises UnrecognizedFormat for a file named directly that is neither a chat export nor
    media, and for a folder or archive that holds neither; media and unrecognised files inside
    folders or archives go to ``others``."""
    placed: list[tuple[str, Document]] = []
    unplaced: list[Document] = []
    useful: set[str] = set()
    for found in documents(paths, limits):
        document = found.document
        if document.media_type.startswith(MEDIA_PREFIXES):
            useful.add(found.origin)
            unplaced.append(document)
            continue
        if document.media_type not in TEXT_TYPES and not found.given:
            unplaced.append(document)
            continue
        parser = detect(document.head(), document.basename)
        if parser is None:
            if found.given:
                raise UnrecognizedFormat(
                    "not a chat export Shield can read (WhatsApp, Instagram, Messenger, "
                    "Telegram, Snapchat, Discord or a 'Name: text' transcript)",
                    path=document.name,
                )
            unplaced.append(document)
            continue
        placed.append((parser.name, document))
        useful.add(found.origin)
    for given in map(str, paths):
        if given not in useful:
            raise UnrecognizedFormat(
                "holds no chat export Shield can read, and no photos, videos or voice notes",
                path=given,
            )
    groups: list[tuple[int, str, list[Document]]] = []
    order = {id(document): position for position, (_, document) in enumerate(placed)}
    for name, parser in BY_NAME.items():
        mine = [document for fmt, document in placed if fmt == name]
        for group in parser.group(mine, context=unplaced):
            groups.append((min(order[id(d)] for d in group if id(d) in order), name, group))
    used = {id(document) for _, _, group in groups for document in group}
    if others is not None:
        others.extend(document for document in unplaced if id(document) not in used)
    for _, name, group in sorted(groups, key=lambda item: item[0]):
        shown = min((d for d in group if id(d) in order), key=lambda d: order[id(d)]).name
        for export in BY_NAME[name].parse(group, tz=tz):
            yield Opened(shown, name, export, tuple(group))
