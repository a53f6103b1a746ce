"""Times and days as chat apps show them on screen, read from OCR text.

A label is a whole line that is nothing but a day, a clock, or both: ``21:03``, ``9:03 PM``,
``Yesterday 21:03``, ``Today``, ``TODAY``, ``Mon 4 Mar``, ``Monday``, ``4 March 2024``,
``Mon, 4 Mar at 21:03``, ``Mar 4, 2024 at 9:03 PM``, ``04/03/2024``. A line with any other word
is a message, never a label ("see you at 9:30" stays text). Receipts (``Seen``, ``Delivered``,
``Read 21:04``) are recognised separately so they are not mistaken for messages.

Labels resolve to calendar dates only against a reference date (when the screenshot was taken):
a screen never shows the year of "Mon 4 Mar", nor which day "Yesterday" was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_WORDS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY_WORDS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun"
)

_CLOCK = r"(?P<h>[012]?\d)\s?[:\uff1a]\s?(?P<m>[0-5]\d)(?:\s?(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?"
_DAY = (
    rf"(?:(?P<rel>today|yesterday)"
    rf"|(?:(?P<wd>{_WEEKDAY_WORDS})\.?,?\s*)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon1>{_MONTH_WORDS})\.?"
    rf"|(?P<mon2>{_MONTH_WORDS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d3>\d{{1,2}})[/.](?P<mon3>\d{{1,2}})[/.](?P<y3>\d{{2}}|\d{{4}})"
    rf"|(?P<wd2>{_WEEKDAY_WORDS})\.?)"
)
_LABEL = re.compile(
    rf"^\s*(?:{_DAY})?(?:\s*(?:,|at|·|•|-)?\s*{_CLOCK})?"
    r"(?:\s*[✓✔√]){0,2}\s*$",
    re.IGNORECASE,
)
_RECEIPT = re.compile(
    r"^\s*(?:seen|delivered|read|sent|opened|received|viewed|delivered quietly)"
    r"(?:\s+(?:by\s+\S+(?:\s\S+)?|just now|\d{1,2}\s?[smhdw]\s?ago|\d+\s+\w+\s+ago|"
    rf"(?:{_WEEKDAY_WORDS}|today|yesterday)?\s*[012]?\d\s?[:\uff1a]\s?[0-5]\d(?:\s?[ap]m)?))?\s*$",
    re.IGNORECASE,
)
MAX_LABEL_CHARS = 48


@dataclass(frozen=True)
class ShownTime:
    """A label as shown (``text``) and what it says: a day (relative, weekday or date) and/or a
    clock time."""

    text: str
    clock: time | None = None
    relative_days: int | None = None  # 0 today, 1 yesterday
    weekday: int | None = None  # 0 Monday
    day: int | None = None
    month: int | None = None
    year: int | None = None

    @property
    def has_day(self) -> bool:
        return (
            self.relative_days is not None
            or self.weekday is not None
            or (self.day is not None and self.month is not None)
        )

    @property
    def day_text(self) -> str | None:
        """The day part as shown, without the clock (e.g. "Yesterday", "Mon 4 Mar")."""
        if not self.has_day:
            return None
        return _CLOCK_TAIL.sub("", self.text).strip(" ,·•-") or None

    def resolve(self, reference: date | None) -> date | None:  # noqa: PLR0911
        """The calendar date this label names, seen from ``reference`` (the day the screenshot
        was taken); None where it cannot be known."""
        if self.day is not None and self.month is not None:
            if self.year is not None:
                return _safe_date(self.year, self.month, self.day)
            if reference is None:
                return None
            found = _safe_date(reference.year, self.month, self.day)
            if found is not None and found > reference:
                found = _safe_date(reference.year - 1, self.month, self.day)
            return found
        if reference is None:
            return None
        if self.relative_days is not None:
            return reference - timedelta(days=self.relative_days)
        if self.weekday is not None:
            back = (reference.weekday() - self.weekday) % 7
            return reference - timedelta(days=back)
        return None


_CLOCK_TAIL = re.compile(rf"(?:\s*(?:,|at|·|•|-)?\s*{_CLOCK})(?:\s*[✓✔√]){{0,2}}\s*$", re.I)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_label(text: str, *, day_first: bool = True) -> ShownTime | None:  # noqa: PLR0911
    """The time/day label ``text`` is, or None if the line says anything else."""
    if len(text) > MAX_LABEL_CHARS:
        return None
    match = _LABEL.match(text)
    if match is None:
        return None
    g = match.groupdict()
    if not match.group(0).strip() or not any(g.values()):
        return None
    clock = _clock(g["h"], g["m"], g["ampm"]) if g["h"] is not None else None
    if g["h"] is not None and clock is None:
        return None
    shown = " ".join(text.split())
    if g["rel"]:
        return ShownTime(shown, clock, relative_days=0 if g["rel"].lower() == "today" else 1)
    weekday_word = g["wd"] or g["wd2"]
    weekday = _WEEKDAYS[weekday_word[:3].lower()] if weekday_word else None
    month_word = g["mon1"] or g["mon2"]
    if month_word:
        day = int(g["d1"] or g["d2"])
        year = int(g["y1"]) if g["y1"] else None
        month = _MONTHS[month_word[:3].lower()]
        return ShownTime(shown, clock, weekday=weekday, day=day, month=month, year=year)
    if g["d3"]:
        first, second = int(g["d3"]), int(g["mon3"])
        day, month = (first, second) if day_first else (second, first)
        year = int(g["y3"])
        year = year + 2000 if year < 100 else year
        if _safe_date(year, month, day) is None:
            return None
        return ShownTime(shown, clock, day=day, month=month, year=year)
    return ShownTime(shown, clock, weekday=weekday)


def _clock(hour_text: str, minute_text: str, ampm: str | None) -> time | None:
    hour, minute = int(hour_text), int(minute_text)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    if hour > 23:
        return None
    return time(hour, minute)


def is_receipt(text: str) -> bool:
    """Whether a line is a read/delivery receipt ("Seen", "Delivered", "Read 21:04")."""
    return len(text) <= MAX_LABEL_CHARS and _RECEIPT.match(text) is not None
