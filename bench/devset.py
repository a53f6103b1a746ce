"""The identifier development set: loading it and scoring a recognizer on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset" / "identifiers"
SPLITS = ("dev", "heldout")

Pair = tuple[str, str]


@dataclass(frozen=True)
class Conversation:
    id: str
    messages: tuple[str, ...]
    expected: frozenset[Pair]


def load(split: str) -> list[Conversation]:
    data = yaml.safe_load((DEVSET / f"{split}.yaml").read_text(encoding="utf-8"))
    return [
        Conversation(
            id=item["id"],
            messages=tuple(item["messages"]),
            expected=frozenset((k, str(v)) for k, v in item.get("expected") or []),
        )
        for item in data
    ]


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, conversation: Conversation, got: set[Pair]) -> None:
        for kind, _value in got & conversation.expected:
            self.tp[kind] += 1
        for kind, value in got - conversation.expected:
            self.fp[kind] += 1
            self.errors.append(f"{conversation.id}: extra {kind} {value}")
        for kind, value in conversation.expected - got:
            self.fn[kind] += 1
            self.errors.append(f"{conversation.id}: missed {kind} {value}")

    def kinds(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def pr(self, kind: str | None = None) -> tuple[float, float, int]:
        tp = sum(self.tp.values()) if kind is None else self.tp[kind]
        fp = sum(self.fp.values()) if kind is None else self.fp[kind]
        fn = sum(self.fn.values()) if kind is None else self.fn[kind]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return precision, recall, tp + fn


def score(
    conversations: Iterable[Conversation], extract: Callable[[str, str], Iterable[Pair]]
) -> Score:
    """Run ``extract(message, previous_message)`` over each conversation and score the union."""
    result = Score()
    for conversation in conversations:
        got: set[Pair] = set()
        previous = ""
        for message in conversation.messages:
            got.update(extract(message, previous))
            previous = message
        result.add(conversation, got)
    return result
