"""The recognizer family: a pattern finds candidates, a validator accepts them, a normalizer gives
the CONTRACTS.md normal form, and an explanation records which pattern and context words fired.

Every member carries its own examples (valid ones, and invalid look-alikes that must not be
reported); one contract test runs them all. Patterns are linear by construction: no nested
unbounded repetition, every repeat capped, so hostile input costs time in proportion to its size.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
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


class Mark:
    """Something a member's matches cannot do without, as a regex over the lower-case text.
    Either it starts with a rare character: ``first``, a character-class body, then ``rest``
    (which may look behind); such marks are searched together, in one scan for those
    characters. Or ``first`` is empty and the mark starts where a word starts (no letter or
    digit just before): ``rest``, or one of ``words`` followed by ``rest``; such marks are
    searched with the context phrases (``words`` in their trie)."""

    __slots__ = ("first", "pattern", "rare", "regex", "rest", "words")

    def __init__(self, first: str, rest: str = "", *, words: Iterable[str] = ()) -> None:
        self.first = first
        self.rest = rest
        self.rare = bool(first)
        self.words = tuple(sorted(words, key=len, reverse=True))
        spelled = "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in self.words)
        start = f"[{first}]" if first else f"(?:{spelled})" if self.words else ""
        self.pattern = start + rest
        self.regex = re.compile(self.pattern)


CASELESS = "a-zİıſ"
"""What a case-insensitive ``[a-z]`` matches, lower-cased as Scan does (the Kelvin sign becomes
k; dotted capital I, dotless i and long s stay)."""
LINKISH = Mark(".", rf"(?<=[{CASELESS}0-9]\.)[{CASELESS}]{{2}}")
"""A domain's shape, ``x.tld``: every link has one (the link pattern is case-insensitive)."""
LONG_RUN = Mark("", f"[{CASELESS}0-9]{{25}}")
"""25 letters or digits in a row: every address, digest and hash holds one (read as the
case-insensitive address pattern reads them); the longest such run starts where no letter or
digit precedes it."""


NOTHING = "(?!)"


class Gate:
    """What a text must hold for a member to find anything in it (OCR aside): one of its
    ``marks``, or one of its context ``phrases`` as a whole word (a space in a phrase may be
    absent in the text, as in the members' own patterns). ``recognize`` joins every member's
    gate into one prefilter, so that a text no gate admits costs one pass; the members' tests
    hold each gate to what its member finds."""

    __slots__ = ("first_words", "marks", "phrases")

    def __init__(self, marks: tuple[Mark, ...] = (), phrases: Iterable[str] = ()) -> None:
        self.marks = marks
        self.phrases = tuple(sorted(set(phrases)))
        self.first_words = first_words(self.phrases)


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The first word of each phrase, and of the phrase written without spaces: a text holding
    a phrase holds one of these among its words (``Scan.words``)."""
    out = set()
    for phrase in phrases:
        out.add(WORD.findall(phrase)[0])
        out.add(WORD.findall(phrase.replace(" ", ""))[0])
    return frozenset(out)


WHOLE = "(?![a-z0-9])"
"""What follows a whole word or phrase."""


def phrase_pattern(phrases: Iterable[tuple[str, str]], *also: str) -> str:
    """One regex, tried where a word starts, for ``phrases``: pairs of a word or phrase (a space
    in it: optional whitespace) and the pattern that must follow it (``WHOLE``: the phrase is
    whole). The phrases form a trie, so each position costs one test per distinct next
    character instead of one per phrase. ``also``: more patterns, tried where a word starts."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase, after in sorted(set(phrases)):
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node.setdefault("", {})[after] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [
            (r"\s?" if char == " " else re.escape(char)) + emit(below)
            for char, below in sorted(node.items())
            if char
        ]
        branches += sorted(node.get("", ()))
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return rf"(?<![a-z0-9])(?:{emit(tree)}{''.join('|' + a for a in also)})"


class Prefilter:
    """Every member's gate joined. ``admits(lower)`` is False only when no gate admits the
    lower-case text, in two searches: the rare marks as one pattern that starts with a
    character class (so the regex engine skips ahead to those characters), and every phrase
    (in one trie) with the other marks. ``wanted(lower)`` is the members whose own gate admits
    a text."""

    def __init__(self, members: Iterable[Recognizer]) -> None:
        self.members = list(members)
        marks = list(dict.fromkeys(m for r in self.members for m in r.gate.marks))
        bits = {mark: 1 << i for i, mark in enumerate(marks)}
        self.rare_marks = [(bits[m], m.regex.search) for m in marks if m.rare]
        self.common_marks = [  # a word mark cannot hold unless one of its words is in the text
            (bits[m], m.regex.search, frozenset(WORD.findall(" ".join(m.words))))
            for m in marks
            if not m.rare
        ]
        said = [r for r in self.members if r.gate.phrases]  # one bit each, after the marks'
        self.said = [(1 << (len(marks) + i), r.gate.first_words) for i, r in enumerate(said)]
        self.plan = [
            (
                r,
                sum(bits[m] for m in r.gate.marks)
                | (1 << (len(marks) + said.index(r)) if r in said else 0),
            )
            for r in self.members
        ]
        self.chosen: dict[int, list[Recognizer]] = {}
        by_first: dict[str, list[str]] = {}
        for mark in marks:
            if mark.rare:
                by_first.setdefault(mark.first, []).append(mark.rest)
        branches = "|".join(
            f"(?<=[{first}])" + (f"(?:{'|'.join(rests)})" if all(rests) else "")
            for first, rests in by_first.items()
        )
        rare = f"[{''.join(by_first)}](?:{branches})" if by_first else NOTHING
        phrases = [p for r in self.members for p in r.gate.phrases]
        entries = [(p, WHOLE) for p in phrases]
        entries += [(w, m.rest) for m in marks if m.words for w in m.words]
        common = [m.pattern for m in marks if not m.rare and not m.words]
        self.rare = re.compile(rare)
        self.wordy = re.compile(phrase_pattern(entries, *common) if entries else NOTHING)

    def admits(self, lower: str) -> bool:
        return self.rare.search(lower) is not None or self.wordy.search(lower) is not None

    def wanted(self, lower: str) -> tuple[list[Recognizer], list[str] | None]:
        """The members whose gate admits the lower-case text (one of its marks, or the first
        word of one of its phrases; none when ``admits`` is False), and the text's words when
        they were read."""
        wordy = self.wordy.search(lower)
        rare = self.rare.search(lower) if wordy is None else None
        if wordy is None and rare is None:
            return [], None
        return self.choose(lower, wordy, rare.start() if rare is not None else 0)

    def choose(
        self, lower: str, wordy: re.Match[str] | None, start: int
    ) -> tuple[list[Recognizer], list[str] | None]:
        """``wanted`` once its two searches are done: ``wordy`` is the phrase search's result,
        ``start`` where the first rare mark is (0 when not searched: no rare mark starts before
        the first place any of them does). Each mark is searched once for all members, and the
        phrases' members only when the phrase search found something."""
        held = 0
        for bit, search in self.rare_marks:
            if search(lower, start) is not None:
                held |= bit
        words = None
        if wordy is not None:
            words = WORD.findall(lower)
            for bit, search, needs in self.common_marks:
                if (not needs or not needs.isdisjoint(words)) and search(lower) is not None:
                    held |= bit
            for bit, first in self.said:
                if not first.isdisjoint(words):
                    held |= bit
        members = self.chosen.get(held)
        if members is None:  # at most one list per combination of marks and phrases
            members = self.chosen[held] = [r for r, mask in self.plan if mask & held]
        return members, words


@dataclass(frozen=True)
class Example:
    """A text and the normalized values the member must report from it (none: a negative)."""

    text: str
    expected: tuple[str, ...] = ()
    ocr: bool = False


def lower_case(text: str) -> str:
    """The text in lower case, character for character (offsets stay aligned)."""
    lower = text.lower()
    if len(lower) != len(text):  # e.g. "İ" lowers to two characters
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


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

    def __init__(
        self,
        text: str,
        *,
        region: str = "GB",
        ocr: bool = False,
        lower: str | None = None,
        words: list[str] | None = None,
    ) -> None:
        self.text = text
        self.lower = lower_case(text) if lower is None else lower  # or given: lower_case(text)
        self.region = region.upper()
        self.ocr = ocr
        self.ocr_budget = OCR_BUDGET  # checksum tries for OCR corrections in this whole text
        self.links: list[Link] | None = None
        self._words = words  # or given: WORD.findall(self.lower)
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
        fired = words.findall(window)
        return tuple(dict.fromkeys(fired)) if fired else ()

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
    gate: ClassVar[Gate]
    """What a text must hold for ``find`` to find anything in it (OCR aside)."""

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
