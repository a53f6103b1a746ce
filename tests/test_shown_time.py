"""Time and day labels as chat apps show them."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shield.ingest.shown_time import MAX_LABEL_CHARS, is_receipt, parse_label

REF = date(2024, 3, 6)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "clock", "day_text", "resolved"),
    [
        ("21:03", time(21, 3), None, None),
        ("9:03 PM", time(21, 3), None, None),
        ("9:03 a.m.", time(9, 3), None, None),
        ("12:15 AM", time(0, 15), None, None),
        ("Yesterday 21:03", time(21, 3), "Yesterday", date(2024, 3, 5)),
        ("Today", None, "Today", REF),
        ("TODAY", None, "TODAY", REF),
        ("Mon 4 Mar", None, "Mon 4 Mar", date(2024, 3, 4)),
        ("Monday", None, "Monday", date(2024, 3, 4)),
        ("Thu 21:40", time(21, 40), "Thu", date(2024, 2, 29)),
        ("4 March 2024", None, "4 March 2024", date(2024, 3, 4)),
        ("Tue 12 Mar at 9:03 PM", time(21, 3), "Tue 12 Mar", date(2023, 3, 12)),
        ("Mar 4, 2024 at 9:03 PM", time(21, 3), "Mar 4, 2024", date(2024, 3, 4)),
        ("04/03/2024", None, "04/03/2024", date(2024, 3, 4)),
        ("21:03 ✓✓", time(21, 3), None, None),
        ("23:52 √ √", time(23, 52), None, None),
    ],
)
def test_labels(text: str, clock: time | None, day_text: str | None, resolved: date | None) -> None:
    label = parse_label(text)
    assert label is not None
    assert label.clock == clock
    assert label.day_text == day_text
    assert label.resolve(REF) == resolved


@pytest.mark.parametrize(
    "text",
    ["see you at 9:30", "hello", "", "at", "12", "25:00", "13:05 PM", "31/02/2024", "9:61",
     "Today I cried", "send £250 by 21:00", "Monday money"],
)  # fmt: skip
def test_not_labels(text: str) -> None:
    assert parse_label(text) is None


def test_without_a_reference_only_full_dates_resolve() -> None:
    assert parse_label("Yesterday")
    assert parse_label("Yesterday").resolve(None) is None  # type: ignore[union-attr]
    assert parse_label("4 March 2024").resolve(None) == date(2024, 3, 4)  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["Seen", "Delivered", "Read 21:04", "Seen just now", "Opened"])
def test_receipts(text: str) -> None:
    assert is_receipt(text)


@pytest.mark.parametrize("text", ["seen it", "Read this", "Delivered your pics to everyone"])
def test_not_receipts(text: str) -> None:
    assert not is_receipt(text)


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused(text: str) -> None:
    label = parse_label(text)
    if len(text) > MAX_LABEL_CHARS:
        assert label is None
    if label is not None:
        label.resolve(REF)
        assert label.day_text is None or label.day_text.strip()
