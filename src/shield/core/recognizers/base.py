"""The recognizer family: a pattern finds candidates, a validator accepts them, a normalizer gives
the CONTRACTS.md normal form, and an explanation records which pattern and context words fired.

Every member carries its own examples (valid ones, and invalid look-alikes that must not be
reported); one contract test runs them all. Patterns are linear by construction: no nested
unbounded repetition, every repeat capped, so hostile input costs time in proportion to its size.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from shield.core.errors import InvalidIdentifier

if TYPE_CHECKING:
    from shield.core.recognizers.links import Link

CONTEXT_BEFORE = 60
CONTEXT_AFTER = 40


@dataclass(frozen=True)
class Explanation:
    """Why a value was reported: the pattern that found it, the check that accepted it, the
    context words that fired, and the original spelling when an OCR correction was applied."""

    pattern: str
    validator: str
    context: tuple[str, ...] = ()
    corrected_from: str | None = None

    def __str__(self) -> str:
        text = f"pattern {self.pattern}; accepted by {self.validator}"
        if self.context:
            text += "; context: " + ", ".join(self.context)
        if self.corrected_from is not None:
            text += f"; corrected from {self.corrected_from!r}"
        return text


@dataclass(frozen=True)
class Found:
    """One identifier in a text: ``value`` as seen, ``start``/``end`` its span in the text."""

    kind: str
    value: str
    normalized: str
    platform: str | None
    start: int
    end: int
    explanation: Explanation


@dataclass(frozen=True)
class Example:
    """A text and the normalized values the member must report from it (none: a negative)."""

    text: str
    expected: tuple[str, ...] = ()
    ocr: bool = False


class Scan:
    """One text being recognized, with what several members share (lower-case text, links)."""

    __slots__ = ("links", "lower", "ocr", "region", "text")

    def __init__(self, text: str, *, region: str = "GB", ocr: bool = False) -> None:
        self.text = text
        self.lower = text.lower()
        self.region = region.upper()
        self.ocr = ocr
        self.links: list[Link] | None = None

    def near(
        self,
        start: int,
        end: int,
        words: re.Pattern[str],
        before: int = CONTEXT_BEFORE,
        after: int = CONTEXT_AFTER,
    ) -> tuple[str, ...]:
        """The context words of ``words`` found shortly before or after a span (lower case)."""
        window = self.lower[max(0, start - before) : start] + " | " + self.lower[end : end + after]
        return tuple(dict.fromkeys(m.group(0) for m in words.finditer(window)))

    def before(self, start: int, width: int = CONTEXT_BEFORE) -> str:
        return self.lower[max(0, start - width) : start]


def words(*alternatives: str) -> re.Pattern[str]:
    """A case-insensitive pattern for whole context words or phrases (longest first)."""
    ordered = sorted(set(alternatives), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(ordered) + r")(?![a-z0-9])")


class Recognizer(ABC):
    """One identifier kind. Subclasses set ``kind``, ``validator`` (named in explanations and
    docs) and ``examples``, and implement ``find`` and ``normalize``."""

    kind: ClassVar[str]
    validator: ClassVar[str]
    examples: ClassVar[tuple[Example, ...]]

    @abstractmethod
    def find(self, scan: Scan) -> Iterator[Found]:
        """Every validated occurrence in the text (overlaps are resolved by the caller)."""

    @abstractmethod
    def normalize(self, raw: str, *, region: str = "GB") -> str:
        """The normal form of one raw value, or InvalidIdentifier. Idempotent."""

    def invalid(self, raw: str, why: str) -> InvalidIdentifier:
        shown = raw if len(raw) <= 80 else raw[:77] + "..."
        return InvalidIdentifier(f"not a valid {self.kind} ({why}): {shown!r}")

    def found(
        self,
        scan: Scan,
        start: int,
        end: int,
        normalized: str,
        explanation: Explanation,
        *,
        platform: str | None = None,
    ) -> Found:
        return Found(
            kind=self.kind,
            value=scan.text[start:end],
            normalized=normalized,
            platform=platform,
            start=start,
            end=end,
            explanation=explanation,
        )
