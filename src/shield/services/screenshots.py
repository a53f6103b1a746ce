"""Reading chat screenshots: OCR each image, rebuild its messages, merge a chat's screenshots.

The OCR engine is a port (core/ports.py); the layout logic is pure (ingest/screenshot.py and
ingest/screenshot_chat.py). The extraction use case and the web application both come here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from pathlib import Path

from shield.core.conversation import ParsedExport
from shield.core.ports import OcrEngine, OcrPage
from shield.ingest.screenshot import PageReading, read_page
from shield.ingest.screenshot_chat import ScreenshotChat, group_pages, merge

SCREENSHOT_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".heic", ".heif")
_DIGITS = re.compile(r"(\d+)")


def scrolling_order(paths: Sequence[Path]) -> list[Path]:
    """Screenshots in the order people take them: by name, numbers compared as numbers
    ("shot 2" before "shot 10")."""

    def key(path: Path) -> list[tuple[int, int | str]]:
        parts = _DIGITS.split(path.name.casefold())
        return [(0, int(p)) if p.isdigit() else (1, p) for p in parts]

    return sorted(paths, key=lambda p: (str(p.parent), key(p)))


@dataclass(frozen=True)
class ScreenshotReading:
    """What a set of screenshots shows: each page as read, and the chats they form."""

    paths: tuple[Path, ...]
    pages: tuple[OcrPage, ...]
    readings: tuple[PageReading, ...]
    chats: tuple[ScreenshotChat, ...]

    def exports(self, *, owner: str | None = None, tz: tzinfo | None = UTC) -> list[ParsedExport]:
        names = [p.name for p in self.paths]
        return [chat.to_export(owner=owner, tz=tz, names=names) for chat in self.chats]


class ScreenshotService:
    def __init__(self, ocr: OcrEngine) -> None:
        self.ocr = ocr

    def read(
        self, paths: Sequence[Path], *, reference: date | None = None, ordered: bool = False
    ) -> ScreenshotReading:
        """Read ``paths`` (sorted into scrolling order unless ``ordered``). ``reference`` is the
        day the screenshots were taken, to date "Today" and "Mon 4 Mar"; by default the date
        the images themselves record (EXIF), where they do."""
        ordered_paths = tuple(paths if ordered else scrolling_order(paths))
        pages = tuple(self.ocr.read(path) for path in ordered_paths)
        readings = tuple(read_page(page) for page in pages)
        chats = []
        for group in group_pages(readings):
            day = reference or _taken_day(pages, group)
            chats.append(merge(readings, group, reference=day))
        return ScreenshotReading(ordered_paths, pages, readings, tuple(chats))


def _taken_day(pages: Sequence[OcrPage], group: Sequence[int]) -> date | None:
    days = [taken.date() for i in group if (taken := pages[i].taken) is not None]
    return max(days) if days else None
