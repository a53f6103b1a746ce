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

WORD = re.compile(r"[a-z0-9]+")
TWO_DIGITS = re.compile(r"\d\d")
LINK_SHAPE = re.compile(r"[A-Za-z0-9]\.[A-Za-z]")
OCR_BUDGET = 4000
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

    __slots__ = (
        "_digits",
        "_linkish",
        "_longest",
        "_words",
        "links",
        "lower",
        "ocr",
        "ocr_budget",
        "region",
        "text",
    )

    def __init__(self, text: str, *, region: str = "GB", ocr: bool = False) -> None:
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):  # e.g. "İ" lowers to two characters; keep offsets aligned
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lower = lower
        self.region = region.upper()
        self.ocr = ocr
        self.ocr_budget = OCR_BUDGET  # checksum tries for OCR corrections in this whole text
        self.links: list[Link] | None = None
        self._words: list[str] | None = None
        self._digits: bool | None = None
        self._linkish: bool | None = None
        self._longest: int | None = None

    @property
    def words(self) -> list[str]:
        """The text's words (lower case), for cheap gates before any costly pattern runs."""
        if self._words is None:
            self._words = WORD.findall(self.lower)
        return self._words

    @property
    def digits(self) -> bool:
        """Whether two digits stand together anywhere (every numeric identifier needs that)."""
        if self._digits is None:
            self._digits = TWO_DIGITS.search(self.text) is not None
        return self._digits

    @property
    def linkish(self) -> bool:
        """Whether anything shaped like a domain (``x.y``) occurs: every link needs one."""
        if self._linkish is None:
            self._linkish = LINK_SHAPE.search(self.text) is not None
        return self._linkish

    @property
    def longest(self) -> int:
        """The length of the longest run of non-space characters."""
        if self._longest is None:
            self._longest = max(map(len, self.text.split()), default=0)
        return self._longest

    def mentions(self, first_words: frozenset[str]) -> bool:
        """Whether any of ``first_words`` (the first word of each context phrase) occurs."""
        return not first_words.isdisjoint(self.words)

    def occurrences(
        self, first_words: frozenset[str], pattern: re.Pattern[str]
    ) -> list[re.Match[str]]:
        """Every match of a context-word ``pattern`` in the lower-case text, found by trying it
        only where one of its ``first_words`` occurs (the same matches as ``finditer``, for a
        fraction of the cost when the words are absent or rare)."""
        present = first_words.intersection(self.words)
        if not present:
            return []
        lower = self.lower
        starts: set[int] = set()
        for word in present:
            position = lower.find(word)
            while position >= 0:
                starts.add(position)
                position = lower.find(word, position + 1)
        matches: list[re.Match[str]] = []
        end = 0
        for position in sorted(starts):
            if position < end:
                continue
            m = pattern.match(lower, position)
            if m is not None:
                matches.append(m)
                end = m.end()
        return matches

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

    def wants(self, scan: Scan) -> bool:
        """A cheap test: False only when ``find`` cannot find anything in this text."""
        return True

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
