"""Amounts with a currency; never from phone numbers, times, dates or codes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shield.core.amounts import find_amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pay £250 now", [(250.0, "GBP")]),
        ("$600 by tonight", [(600.0, "USD")]),
        ("€50 or 20€", [(50.0, "EUR"), (20.0, "EUR")]),
        ("250 quid", [(250.0, "GBP")]),
        ("£1.5k", [(1500.0, "GBP")]),
        ("1.5k usd", [(1500.0, "USD")]),
        ("five hundred pounds", [(500.0, "GBP")]),
        ("two hundred and fifty quid", [(250.0, "GBP")]),
        ("a thousand dollars", [(1000.0, "USD")]),
        ("USD 100 and 100 usd", [(100.0, "USD"), (100.0, "USD")]),
        ("Rs 5000, Rs.500, ₹2000", [(5000.0, "INR"), (500.0, "INR"), (2000.0, "INR")]),
        ("₦20,000 sharp", [(20000.0, "NGN")]),
        ("send £1,250.50 by 9pm", [(1250.5, "GBP")]),
        ("US$300 or CA$400", [(300.0, "USD"), (400.0, "CAD")]),
        ("$600 USD", [(600.0, "USD")]),
        ("500 GBP", [(500.0, "GBP")]),
    ],
)
def test_amounts(text: str, expected: list[tuple[float, str]]) -> None:
    found = find_amounts(text)
    assert [(a.amount, a.currency) for a in found] == expected
    for a in found:
        assert text[a.start : a.end].strip() == text[a.start : a.end]


@pytest.mark.parametrize(
    "text",
    [
        "call 07400 123456 at 21:03 on 14/02/2023",
        "code 1234, order #205-1234567-8901234, room 12",
        "try 5 times, 100 usdt is crypto, $JessX92 is a cashtag",
        "two grand and 1.5k followers",
        "version 2.5, 3.14, 10:30pm",
    ],
)
def test_no_amounts(text: str) -> None:
    assert find_amounts(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_fails(text: str) -> None:
    for a in find_amounts(text):
        assert a.amount >= 0 and len(a.currency) == 3


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", ",", "0", ".", " ", "£", "k", "five ", "hundred ", "and "]),
        min_size=1,
        max_size=5,
    ),
    st.integers(1000, 8000),
)
def test_hostile_runs_finish(pieces: list[str], repeat: int) -> None:
    find_amounts(("".join(pieces) * repeat)[:40_000])
