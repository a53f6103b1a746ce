from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from shield.core.assessment.corpus import (
    assign_splits,
    parse_conversations,
    parse_messages,
)
from shield.core.errors import BadInput

DATA = Path(__file__).resolve().parents[2] / "data" / "assessment"


def test_corpus_size_and_balance() -> None:
    messages = parse_messages((DATA / "messages.txt").read_text("utf-8"))
    conversations = parse_conversations((DATA / "conversations.txt").read_text("utf-8"))
    assert len(messages) >= 400
    assert len(conversations) >= 60
    hard = [m for m in messages if not m.sextortion and m.category != "grooming"]
    assert len(hard) >= 0.45 * len(messages), "about half are hard negatives"
    assert len({m.text for m in messages}) == len(messages), "no duplicates"
    assert {m.split for m in messages} == {"train", "dev", "heldout"}
    per_split = Counter((c.split, c.sextortion) for c in conversations)
    assert all(per_split[(s, label)] >= 5 for s in ("dev", "heldout") for label in (True, False))
    assert all(len(c.lines) >= 2 for c in conversations)


def test_splits_are_stratified_and_deterministic() -> None:
    items = [(f"text {i}", i % 3 == 0) for i in range(100)]
    first = assign_splits(items)
    assert first == assign_splits(items)
    assert (
        Counter(first) == {"train": 60, "dev": 20, "heldout": 20}
        or abs(Counter(first)["train"] - 60) <= 2
    )


@pytest.mark.parametrize(
    "bad",
    ["? . text", "+ xyz text", "+ t"],
)
def test_bad_message_lines_name_the_line(bad: str) -> None:
    with pytest.raises(BadInput, match=r"messages\.txt:1"):
        parse_messages(bad)


def test_bad_conversation_lines_name_the_line() -> None:
    with pytest.raises(BadInput, match=r"conversations\.txt:2"):
        parse_conversations("== c1 +\nX: hello")
    with pytest.raises(BadInput, match=r"conversations\.txt:1"):
        parse_conversations("S: hello")
