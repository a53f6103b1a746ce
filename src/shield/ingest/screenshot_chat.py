"""Several screenshots of one chat become one conversation.

Screenshots arrive in scrolling order (the caller sorts them: file names, then capture time).
Consecutive screenshots showing the same contact belong to one chat. Where one screenshot ends
with the messages the next begins with (people scroll by less than a screen), the repeated
messages are kept once: the longest run of messages at the end of the chat so far that matches
the run at the start of the next screenshot (same side, near-equal text; a message cut by the
screen's edge may match as a part of the whole) is dropped from the newcomer. Times follow the
separators and each bubble's own time through the merged sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, tzinfo
from difflib import SequenceMatcher

from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.ingest.screenshot import PageItem, PageMessage, PageReading, Separator, clock_text

FORMAT = "screenshot"
OWNER = "Me"
UNKNOWN_CONTACT = "Other party"
SAME_TEXT = 0.85  # similarity at or above which two readings are the same message
MIN_PART = 6  # characters a cut bubble must show to be matched as part of a whole
MAX_OVERLAP = 60  # messages: more than one screen holds; bounds the search on hostile pages
MAX_COMPARE = 400  # characters compared per message: bounds the cost of hostile pages


@dataclass(frozen=True)
class ScreenshotMessage:
    """One message of the merged chat, with what the screen said of its time."""

    side: str
    text: str
    page: int
    day: str | None = None  # the day label in force ("Today", "Mon 4 Mar"), as shown
    clock: time | None = None
    calendar_day: date | None = None  # where a reference date makes the day knowable

    @property
    def time_text(self) -> str | None:
        return clock_text(self.clock)


@dataclass(frozen=True)
class ScreenshotChat:
    contact: str | None
    pages: tuple[int, ...]  # indexes of the screenshots this chat was read from
    messages: tuple[ScreenshotMessage, ...]
    repeated: int  # messages seen twice across screenshots and kept once

    def to_export(
        self, *, owner: str | None = None, tz: tzinfo | None = None, names: Sequence[str] = ()
    ) -> ParsedExport:
        """The chat as the shared conversation model: right-hand bubbles are the owner's."""
        me = owner or OWNER
        other = self.contact or UNKNOWN_CONTACT
        notes = [
            "Read by OCR from screenshots: right-hand bubbles are the phone owner's, "
            "left-hand ones the other party's; check the text against the images."
        ]
        if len(self.pages) > 1:
            shown = ", ".join(names[i] for i in self.pages) if names else str(len(self.pages))
            notes.append(
                f"Merged from {len(self.pages)} screenshots ({shown}); "
                f"{self.repeated} message(s) shown on two screenshots kept once."
            )
        messages = [
            ChatMessage(
                index=i,
                sender=me if m.side == "right" else other,
                text=m.text,
                ts=_timestamp(m, tz),
                side=m.side,
            )
            for i, m in enumerate(self.messages)
        ]
        header = ExportHeader(
            format=FORMAT,
            title=self.contact,
            owner=me,
            participants=(other, me),
            notes=tuple(notes),
        )
        return ParsedExport(header=header, messages=messages)


def _timestamp(message: ScreenshotMessage, tz: tzinfo | None) -> datetime | None:
    if message.calendar_day is None or message.clock is None or tz is None:
        return None
    return datetime.combine(message.calendar_day, message.clock, tzinfo=tz)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())[:MAX_COMPARE]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _same(a: PageMessage, b: PageMessage) -> bool:
    if a.side != b.side:
        return False
    ka, kb = _key(a.text), _key(b.text)
    if ka == kb:
        return True
    # a bubble cut by the screen's edge shows only its end (top) or its start (bottom)
    if len(min(ka, kb, key=len)) >= MIN_PART:
        if (a.cut_top or b.cut_top) and (ka.endswith(kb) or kb.endswith(ka)):
            return True
        if (a.cut_bottom or b.cut_bottom) and (ka.startswith(kb) or kb.startswith(ka)):
            return True
    if _digits(ka) != _digits(kb):
        return False  # "send 100" and "send 200" are two messages, not one misread
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= SAME_TEXT


def _overlap(kept: list[PageMessage], new: list[PageMessage]) -> tuple[int, int]:
    """Where ``new`` starts repeating what was kept: ``(position in kept, how many)``. Either
    the longest run at the end of ``kept`` that equals the start of ``new``, or, for a
    screenshot scrolled back over messages already read, all of ``new`` found inside the last
    screenful of ``kept``."""
    for size in range(min(len(kept), len(new), MAX_OVERLAP), 0, -1):
        if all(_same(a, b) for a, b in zip(kept[-size:], new[:size], strict=True)):
            return len(kept) - size, size
    if new and len(new) <= MAX_OVERLAP:
        window = max(0, len(kept) - MAX_OVERLAP)
        for start in range(len(kept) - len(new), window - 1, -1):
            if all(_same(a, b) for a, b in zip(kept[start:], new, strict=False)):
                return start, len(new)
    return 0, 0


def same_chat(a: str | None, b: str | None) -> bool:
    """Whether two header names are one contact (OCR may differ by a character)."""
    if a is None or b is None:
        return True
    ka, kb = _key(a), _key(b)
    return ka == kb or SequenceMatcher(None, ka, kb).ratio() >= SAME_TEXT


def group_pages(readings: Sequence[PageReading]) -> list[list[int]]:
    """Consecutive screenshots of the same contact, as lists of indexes."""
    groups: list[list[int]] = []
    contact: str | None = None
    for index, reading in enumerate(readings):
        if groups and same_chat(contact, reading.contact):
            groups[-1].append(index)
            contact = contact or reading.contact
        else:
            groups.append([index])
            contact = reading.contact
    return groups


def merge(
    readings: Sequence[PageReading], pages: Sequence[int], *, reference: date | None = None
) -> ScreenshotChat:
    """One chat from the screenshots ``pages`` (indexes into ``readings``), in order."""
    sequence: list[tuple[int, PageItem]] = []
    kept: list[PageMessage] = []
    repeated = 0
    for page in pages:
        items = list(readings[page].items)
        new = [item for item in items if isinstance(item, PageMessage)]
        at, size = _overlap(kept, new)
        repeated += size
        if size:
            # keep the fuller reading of a message the earlier screenshot cut at its bottom
            last_dup = new[size - 1]
            for offset in range(size):
                old, fresh = kept[at + offset], new[offset]
                fuller = len(fresh.text) > len(old.text) and old.cut_bottom
                if fuller or (old.clock is None and fresh.clock is not None):
                    best = replace(fresh if fuller else old, clock=old.clock or fresh.clock)
                    _replace(sequence, old, best)
                    kept[at + offset] = best
            cut = next(i for i, item in enumerate(items) if item is last_dup)
            # after a scroll back over what was read, nothing on the page is new
            items = items[cut + 1 :] if at + size == len(kept) else []
        for item in items:
            sequence.append((page, item))
            if isinstance(item, PageMessage):
                kept.append(item)
    contact = next((readings[p].contact for p in pages if readings[p].contact), None)
    return ScreenshotChat(contact, tuple(pages), _timed(sequence, reference), repeated)


def _replace(sequence: list[tuple[int, PageItem]], old: PageMessage, new: PageMessage) -> None:
    for position, (page, item) in enumerate(sequence):
        if item is old:
            sequence[position] = (page, new)
            return


def _timed(
    sequence: list[tuple[int, PageItem]], reference: date | None
) -> tuple[ScreenshotMessage, ...]:
    day_label: str | None = None
    day: date | None = None
    clock: time | None = None
    out = []
    for page, item in sequence:
        if isinstance(item, Separator):
            if item.label.has_day:
                day_label = item.label.day_text
                day = item.label.resolve(reference)
                clock = item.label.clock
            elif item.label.clock is not None:
                clock = item.label.clock
            continue
        own = item.clock
        if own is not None and own.has_day:
            day_label, day = own.day_text, own.resolve(reference)
        shown_clock = own.clock if own is not None and own.clock is not None else clock
        out.append(ScreenshotMessage(item.side, item.text, page, day_label, shown_clock, day))
    return tuple(out)


def read_chats(
    readings: Sequence[PageReading], *, reference: date | None = None
) -> list[ScreenshotChat]:
    """Every chat the screenshots show, in order."""
    return [merge(readings, group, reference=reference) for group in group_pages(readings)]
