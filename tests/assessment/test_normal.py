from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shield.core.assessment.normal import MAX_CHARS, normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("S3ND m3 ur n00dz", "send me ur noodz"),
        ("p@y n0w", "pay now"),
        ("p.a.y up", "pay up"),
        ("n u d e s", "nudes"),
        ("pleaseeeee", "pleasee"),
        ("ѕеnd the vіdeo", "send the video"),  # Cyrillic look-alikes
        ("s\u200be\u200bn\u200bd", "send"),  # zero-width characters
        ("I'll make u viral 😈⏰", "i'll make u viral devil clock"),
        ("\uff30\uff21\uff39", "pay"),  # full-width letters
    ],
)
def test_folds_disguised_words(raw: str, folded: str) -> None:
    assert normalize(raw).text == folded


@pytest.mark.parametrize("raw", ["£500", "$200", "10:30", "07400 123456", "1.5k", "2 ur fam"])
def test_leaves_numbers_and_money_alone(raw: str) -> None:
    assert normalize(raw).text == raw.lower()


def test_quote_gives_back_the_writers_words() -> None:
    n = normalize("OK so P4Y   M3 now!!")
    start = n.text.index("pay me")
    assert n.quote(start, start + len("pay me")) == "P4Y M3"


def test_input_is_capped() -> None:
    n = normalize("a " * (MAX_CHARS * 2))
    assert len(n.source) == MAX_CHARS


@given(st.text(max_size=300))
def test_every_output_character_points_into_the_source(raw: str) -> None:
    n = normalize(raw)
    assert len(n.origin) == len(n.text)
    assert all(0 <= o < len(n.source) for o in n.origin)
    assert list(n.origin) == sorted(n.origin)
    assert n.text == n.text.strip()
    assert "  " not in n.text
