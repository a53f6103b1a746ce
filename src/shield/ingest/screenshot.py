"""One chat screenshot's text boxes become the messages it shows.

Pure layout, no OCR and no pixels: the input is where each line of text sits, so light and dark
mode read alike. The steps (docs/screenshots.md explains them and their limits):

1. status bar clutter (clock, battery %, carrier, network) in the top band is dropped;
2. the app header's name is the tallest plain line in the header band;
3. the composer ("Message...", "Send a chat") and everything under it is dropped;
4. boxes on one row join into lines; time labels and receipts are told apart from text;
5. lines join into bubbles while they stay on one side, aligned, and close together;
6. a bubble hugging the right edge is the phone owner's, one hugging the left the other party's;
   Snapchat-like layouts, where every message is left-aligned under a sender label ("ME",
   "JESS"), take the side from the label instead;
7. centred labels ("Today 21:03", "Mon 4 Mar") are separators; a label beside or under a
   bubble is that bubble's own time.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import time
from itertools import pairwise

from shield.core.ports import OcrPage, TextBox
from shield.ingest.shown_time import ShownTime, is_receipt, parse_label

STATUS_BAND = 0.065  # of the height: the phone's status bar
HEADER_BAND = 0.13  # of the height: status bar + the app's header with the contact's name
FOOTER_BAND = 0.84  # composer placeholders are searched below this fraction of the height
CENTRE_TOLERANCE = 0.08  # of the width: how far off centre a separator label may sit
TUCKED_GAP = 0.3  # of the line height: a time this close under a bubble's text is its own
ALIGN_TOLERANCE = 0.035  # of the width: lines of one bubble start this close together
GAP_FACTOR = 0.5  # of the line height: a larger vertical gap starts a new bubble
LABEL_GAP_FACTOR = 0.3  # the same where messages sit under sender labels, with no bubbles
BROKEN_TOKEN_CHARS = 16  # a row that is one token at least this long may continue on the next
EDGE_MARGIN = 0.02  # of the height: a bubble this close to the chat area's edge may be cut

STATUS_SURE = 0.035  # of the height: anything this high is the status bar
_STATUS_TOKEN = re.compile(
    r"^(?:[012]?\d[:.][0-5]\d(?:[ap]m)?|[ap]m|\d{1,3}%|%|[2345]G\+?|LTE\+?|VoLTE|H\+?|E|EE|O2|"
    r"uk|vodafone|three|giffgaff|tesco|lebara|lyca|sky|id|voxi|smarty|verizon|at&t|t-mobile|"
    r"sprint|carrier|no|sim|sos|only|wi-?fi|[^\w]{1,3}|\w)$",
    re.IGNORECASE,
)
_HEADER_NOISE = re.compile(
    r"^(?:<|\u2039|\u2190|back|chats?|\d{1,3}|active(?: now| today|\s+\d+\s?[mhd]\s?ago)?|online|"
    r"typing\.*|last seen.*|tap (?:here|for).*|business account|instagram|imessage|"
    r"text message|sms|snapchat|whatsapp|messages?|details|info|[^\w]{1,3}|\w{1,2})$",
    re.IGNORECASE,
)
_COMPOSER = re.compile(
    r"^(?:message\.*|message…|type a message|write a message|send a (?:chat|message)|"
    r"imessage|text message|aa|chat|reply|send message)$",
    re.IGNORECASE,
)
_SNAP_OWNER_LABEL = "ME"


@dataclass(frozen=True)
class Line:
    """Boxes on one row, left to right. ``label`` is set when the row is a time label."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    label: ShownTime | None = None
    trailing: ShownTime | None = None  # a time label at the row's right end

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class PageMessage:
    """A message as one screenshot shows it; ``cut`` says it touches the top or bottom of the
    chat area, so the screenshot may show only part of it."""

    side: str
    text: str
    y0: float
    y1: float
    clock: ShownTime | None = None
    speaker: str | None = None
    cut_top: bool = False
    cut_bottom: bool = False


@dataclass(frozen=True)
class Separator:
    """A centred day/time label between messages."""

    label: ShownTime
    y0: float


PageItem = PageMessage | Separator


@dataclass(frozen=True)
class PageReading:
    contact: str | None
    items: tuple[PageItem, ...]
    width: int
    height: int
    layout: str = "bubbles"
    dropped: tuple[str, ...] = field(default=())

    @property
    def messages(self) -> list[PageMessage]:
        return [item for item in self.items if isinstance(item, PageMessage)]


def read_page(page: OcrPage) -> PageReading:
    """The messages, separators and contact name one screenshot shows."""
    width, height = max(page.width, 1), max(page.height, 1)
    boxes = [b for b in page.boxes if b.text.strip()]
    dropped: list[str] = []
    body: list[TextBox] = []
    header: list[TextBox] = []
    for box in boxes:
        if (
            box.center_y < STATUS_SURE * height
            or (box.center_y < STATUS_BAND * height and _status_clutter(box.text))
            or _decoration(box)
        ):
            dropped.append(box.text)
        elif box.center_y < HEADER_BAND * height:
            header.append(box)
        else:
            body.append(box)
    contact, name_box = _contact(header, width)
    if name_box is not None:
        # what sits well below the name (a first day label, a first message) is the chat's
        below = name_box.y1 + 0.6 * name_box.height
        body += [b for b in header if b.y0 > below and not _HEADER_NOISE.match(b.text.strip())]
        header = [b for b in header if b not in body]
    body = _above_composer(body, height, dropped)
    lines = _lines(body)
    if not lines:
        return PageReading(contact, (), width, height, dropped=tuple(dropped))
    top = min(line.y0 for line in lines)
    bottom = max(line.y1 for line in lines)
    if _is_label_layout(lines, contact):
        items = _label_layout(lines, contact, width)
        layout = "labels"
    else:
        items = _bubble_layout(lines, width, dropped)
        layout = "bubbles"
    items = _mark_cuts(items, top, bottom, height, header_bottom=HEADER_BAND * height)
    return PageReading(contact, tuple(items), width, height, layout, tuple(dropped))


def _status_clutter(text: str) -> bool:
    return all(_STATUS_TOKEN.match(token) for token in text.split())


def _decoration(box: TextBox) -> bool:
    """Bars, ticks and icons read as a stray mark: no letter or digit, narrower than tall."""
    text = box.text.strip()
    return not any(c.isalnum() for c in text) and (box.x1 - box.x0) < 0.8 * box.height


def _contact(header: list[TextBox], width: int) -> tuple[str | None, TextBox | None]:
    candidates = []
    for box in header:
        text = box.text.strip().strip("<>\u2039\u203a\u2190\u2192").strip()
        if len(text) < 2 or _HEADER_NOISE.match(text) or parse_label(text) is not None:
            continue
        candidates.append((box, text))
    if not candidates:
        return None, None
    # the name is set large at the top: of the tallest lines, the highest (a first message
    # may reach up into the band, in the same size)
    tallest = max(box.height for box, _ in candidates)
    box, text = min(
        ((b, t) for b, t in candidates if b.height >= 0.8 * tallest), key=lambda c: c[0].y0
    )
    return text, box


def _above_composer(body: list[TextBox], height: int, dropped: list[str]) -> list[TextBox]:
    composer = [
        b for b in body if b.y0 > FOOTER_BAND * height and _COMPOSER.match(b.text.strip(" .…"))
    ]
    if not composer:
        return body
    limit = min(b.y0 for b in composer)
    kept = [b for b in body if b.center_y < limit]
    dropped += [b.text for b in body if b.center_y >= limit]
    return kept


def _lines(boxes: list[TextBox]) -> list[Line]:
    """Boxes whose vertical extents overlap by half the smaller height form one row."""
    rows: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: (b.center_y, b.x0)):
        for row in reversed(rows[-3:]):
            last = row[-1]
            overlap = min(last.y1, box.y1) - max(last.y0, box.y0)
            if overlap > 0.5 * min(last.height, box.height):
                row.append(box)
                break
        else:
            rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        trailing = None
        words = row
        if len(row) > 1:
            last_label = parse_label(row[-1].text)
            if last_label is not None and last_label.clock is not None:
                trailing = last_label
                words = row[:-1]
        text = " ".join(b.text.strip() for b in words)
        lines.append(
            Line(
                text=text,
                x0=min(b.x0 for b in words),
                y0=min(b.y0 for b in words),
                x1=max(b.x1 for b in words),
                y1=max(b.y1 for b in words),
                label=parse_label(text) if trailing is None else None,
                trailing=trailing,
            )
        )
    lines.sort(key=lambda line: line.y0)
    return lines


def _side(x0: float, x1: float, width: int) -> str:
    return "left" if x0 <= width - x1 else "right"


def _centred(line: Line, width: int, *, strict: bool = False) -> bool:
    centre = (line.x0 + line.x1) / 2
    tolerance = CENTRE_TOLERANCE / 4 if strict else CENTRE_TOLERANCE
    return abs(centre - width / 2) < tolerance * width and line.x0 > 0.12 * width


def _bubble_layout(lines: list[Line], width: int, dropped: list[str]) -> list[PageItem]:
    text_heights = [ln.height for ln in lines if ln.label is None] or [ln.height for ln in lines]
    line_height = statistics.median(text_heights)
    items: list[PageItem] = []
    bubble: list[Line] = []
    own_clock: ShownTime | None = None

    def close() -> None:
        nonlocal bubble, own_clock
        if bubble:
            # the side comes from the bubble's whole extent: one short line of a right-hand
            # bubble starts far from the right edge
            x0 = min(ln.x0 for ln in bubble)
            x1 = max(ln.x1 for ln in bubble)
            items.append(
                PageMessage(
                    side=_side(x0, x1, width),
                    text=_join(bubble),
                    y0=bubble[0].y0,
                    y1=bubble[-1].y1,
                    clock=own_clock,
                )
            )
        bubble, own_clock = [], None

    for line in lines:
        if line.label is not None and bubble and own_clock is None:
            # a time tucked into a bubble's last row belongs to it (WhatsApp-like layouts)
            tucked = line.y0 - bubble[-1].y1 < TUCKED_GAP * line_height
            inside = line.x1 <= max(ln.x1 for ln in bubble) + 0.08 * width
            if tucked and inside and not _centred(line, width, strict=True):
                own_clock = line.label
                continue
        if line.label is not None and _centred(line, width):
            close()
            items.append(Separator(line.label, line.y0))
            continue
        if line.label is not None:
            if bubble and own_clock is None and line.y0 - bubble[-1].y1 < line_height:
                own_clock = line.label
                continue
            if not bubble and items and isinstance(items[-1], PageMessage):
                last = items[-1]
                if last.clock is None and line.y0 - last.y1 < line_height:
                    items[-1] = _with_clock(last, line.label)
                    continue
            close()
            items.append(Separator(line.label, line.y0))
            continue
        if is_receipt(line.text):
            dropped.append(line.text)
            close()
            continue
        if bubble:
            gap = line.y0 - bubble[-1].y1
            aligned = abs(line.x0 - bubble[0].x0) < ALIGN_TOLERANCE * width
            if gap > GAP_FACTOR * line_height or not aligned:
                close()
        bubble.append(line)
        if line.trailing is not None:
            own_clock = line.trailing
    close()
    return items


def _join(lines: list[Line]) -> str:
    """A bubble's rows as one text. Rows are joined by a space, except where a row is one
    unbroken token filling the bubble's width: the app broke a long token (a wallet address,
    a link) across rows, and the next row goes on with it."""
    widest = max(ln.x1 - ln.x0 for ln in lines)
    text = lines[0].text
    for prev, line in pairwise(lines):
        broken = (
            " " not in prev.text
            and len(prev.text) >= BROKEN_TOKEN_CHARS
            and prev.x1 - prev.x0 >= 0.9 * widest
            and line.text[:1].isalnum()
        )
        text += ("" if broken else " ") + line.text
    return text


def _with_clock(message: PageMessage, clock: ShownTime) -> PageMessage:
    return PageMessage(message.side, message.text, message.y0, message.y1, clock, message.speaker)


def _is_label_layout(lines: list[Line], contact: str | None) -> bool:
    return any(line.text.strip() == _SNAP_OWNER_LABEL for line in lines)


def _speaker_label(text: str, contact: str | None) -> bool:
    text = text.strip()
    if text == _SNAP_OWNER_LABEL:
        return True
    if not contact or not text.isupper() or len(text) > 40:
        return False
    first = contact.split()[0].upper()
    return text.upper() == contact.upper() or text.split()[0] == first


def _label_layout(lines: list[Line], contact: str | None, width: int) -> list[PageItem]:
    """Every message left-aligned under a sender label: "ME" is the owner."""
    line_height = statistics.median(ln.height for ln in lines)
    items: list[PageItem] = []
    speaker_side: str | None = None
    speaker: str | None = None
    bubble: list[Line] = []

    def close() -> None:
        nonlocal bubble
        if bubble:
            items.append(
                PageMessage(
                    side=speaker_side or "left",
                    text=" ".join(ln.text for ln in bubble),
                    y0=bubble[0].y0,
                    y1=bubble[-1].y1,
                    speaker=speaker,
                )
            )
        bubble = []

    for line in lines:
        if _speaker_label(line.text, contact):
            close()
            speaker = line.text.strip()
            speaker_side = "right" if speaker == _SNAP_OWNER_LABEL else "left"
            continue
        if line.label is not None and (_centred(line, width) or not bubble):
            close()
            items.append(Separator(line.label, line.y0))
            continue
        if is_receipt(line.text):
            close()
            continue
        if bubble and line.y0 - bubble[-1].y1 > LABEL_GAP_FACTOR * line_height:
            close()
        bubble.append(line)
    close()
    return items


def _mark_cuts(
    items: list[PageItem], top: float, bottom: float, height: int, header_bottom: float
) -> list[PageItem]:
    """Flag the first and last message when they touch the chat area's edges."""
    messages = [i for i, item in enumerate(items) if isinstance(item, PageMessage)]
    if not messages:
        return items
    margin = EDGE_MARGIN * height
    marked = list(items)
    first, last = messages[0], messages[-1]
    head = marked[first]
    assert isinstance(head, PageMessage)
    if first == 0 and head.y0 - top < margin and head.y0 < header_bottom + 3 * margin:
        marked[first] = _cut(head, top=True)
    tail = marked[last]
    assert isinstance(tail, PageMessage)
    if last == len(marked) - 1 and bottom - tail.y1 < margin:
        marked[last] = _cut(tail, bottom=True)
    return marked


def _cut(message: PageMessage, *, top: bool = False, bottom: bool = False) -> PageMessage:
    return PageMessage(
        message.side,
        message.text,
        message.y0,
        message.y1,
        message.clock,
        message.speaker,
        cut_top=message.cut_top or top,
        cut_bottom=message.cut_bottom or bottom,
    )


def clock_text(value: time | None) -> str | None:
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"
