"""Find the photo inside a frame: plain borders, and phone-app chrome around a screenshot.

A screenshot of a profile shows the photo between bars: a status bar (clock, battery), an app
header (name, back arrow), buttons below. Those bars are mostly one colour with a little text
or a few icons; a photo's rows are not. Scanning in from each edge, a line (row or column)
counts as *frame* when at least ``FLAT_SHARE`` of its pixels are within ``TOLERANCE`` grey
levels of the line's median. Frame lines are trimmed, and so are short runs of non-frame lines
(text, icons: at most ``MAX_GAP`` of the side) that lie between frame lines; the first long
run of non-frame lines is the photo. A bar keeps one grey (within ``BAR_DRIFT``) and ends at a
clear step (``EDGE``), so a smooth sky at the top of a photo is left alone; bars of different
colours (app bar, chat background, bubble) are peeled one per round, up to ``ROUNDS``. Each
round trims rows, then columns inside the rows kept.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

TOLERANCE = 4
FLAT_SHARE = 0.7
MAX_GAP = 0.08  # of the side: the tallest run of text or icons inside a bar
MIN_TRIM = 0.02  # trims smaller than this on every side are not worth a variant
MIN_KEEP = 0.3  # the photo keeps at least this share of each side
BAR_DRIFT = 3.0  # grey levels a bar's lines may differ from its first line
ROUNDS = 4
EDGE = 12.0  # mean grey step between the frame's last line and the photo's first


def content_box(grey: NDArray[np.uint8]) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the photo inside its frame, or None when there is none."""
    height, width = grey.shape
    top, bottom, left, right = 0, height, 0, width
    for _ in range(ROUNDS):
        before = (top, bottom, left, right)
        for axis in ("rows", "cols"):
            band = grey[top:bottom, left:right]
            if band.size == 0:
                return None
            if axis == "rows":
                start, end = _trim(band)
                top, bottom = top + start, top + end
            else:
                start, end = _trim(band.T)
                left, right = left + start, left + end
        if (top, bottom, left, right) == before:
            break
    if bottom - top < MIN_KEEP * height or right - left < MIN_KEEP * width:
        return None
    if (top + height - bottom) < MIN_TRIM * height and (left + width - right) < MIN_TRIM * width:
        return None
    return left, top, right, bottom


def _trim(lines: NDArray[np.uint8]) -> tuple[int, int]:
    """How far the frame reaches in from the first and the last line of ``lines``."""
    values = lines.astype(np.int16)
    median = np.median(values, axis=1)
    share = (np.abs(values - median[:, None]) <= TOLERANCE).mean(axis=1)
    flags = (share >= FLAT_SHARE).tolist()
    start = _scan(values, median, flags)
    end = len(flags) - _scan(values[::-1], median[::-1], flags[::-1])
    if end - start < 1:
        return 0, len(flags)
    return start, end


def _scan(values: NDArray[np.int16], median: NDArray[np.float64], flags: list[bool]) -> int:
    """How many lines from this edge belong to the frame (0 when there is none).

    A bar is one colour: its flat lines stay within ``BAR_DRIFT`` grey levels of the first
    line's, so a sky or a gradient (which drifts) is not a bar. It ends at an edge: the next
    line differs clearly from the bar's last; without such an edge nothing is cut. A frame of
    several bars (an app bar over a chat background over a bubble) is peeled one bar a round.
    """
    length = len(flags)
    max_gap = max(1, int(MAX_GAP * length))
    colour = float(median[0])
    cut = 0
    i = 0
    while i < length:
        if flags[i]:
            if i <= 1:
                colour = float(median[i])  # the very edge line may be a blend (resampling)
            elif abs(float(median[i]) - colour) > BAR_DRIFT:
                break  # another colour (the next bar, or a sky that drifts): stop here
            i += 1
            cut = i
            continue
        j = i
        while j < length and not flags[j]:
            j += 1
        if cut == 0 or j - i > max_gap or j >= length:
            break  # no frame at this edge, or the photo starts here
        i = j
    if cut == 0 or cut >= length:
        return 0
    # Resizing and JPEG blur an edge over a few lines (blends, ringing): look for the step
    # across the next three lines, and put the cut where the largest single step is.
    last = min(cut + 2, length - 1)
    if float(np.abs(values[last] - values[cut - 1]).mean()) < EDGE:
        return 0
    steps = [float(np.abs(values[k] - values[k - 1]).mean()) for k in range(cut, last + 1)]
    return cut + int(np.argmax(steps)) if steps else cut
