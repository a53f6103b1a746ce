"""The base of every indicator family: a named, bounded pattern with its own examples."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """One indicator family: a pattern, the stage it points to, and its own examples."""

    name: str
    stage: str | None
    about: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    family: str
    phrase: str
    start: int
    end: int


def family(  # noqa: PLR0917
    name: str,
    stage: str | None,
    about: str,
    alternatives: list[str],
    examples: tuple[str, ...],
    counter: tuple[str, ...],
) -> Family:
    # Alternatives that start at a word boundary share one look-behind, so the scan tests the
    # boundary once per position and each branch's first letter rejects it at once.
    at_word = [a[2:] for a in alternatives if a.startswith(r"\b")]
    elsewhere = [a for a in alternatives if not a.startswith(r"\b")]
    parts = [r"(?<!\w)(?:" + "|".join(f"(?:{a})" for a in at_word) + ")"] if at_word else []
    parts += [f"(?:{a})" for a in elsewhere]
    return Family(name, stage, about, re.compile("|".join(parts)), examples, counter)
