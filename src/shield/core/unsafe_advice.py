"""A guard against advice that could hurt: paying, negotiating, or deleting evidence.

Advice text is split into clauses; a clause that names one of these actions is unsafe unless a
negation governs it ("do not pay", "never negotiate", "stop contact without deleting
anything", "deactivate rather than delete", "paying rarely stops them"). The guard runs over
every string of the guidance file when it is loaded, and over every plan in the tests.

Inputs are capped in length and every pattern is linear (no nested repetition), so hostile
text cannot make it slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TEXT = 4000

# Clause boundaries: sentence ends, semicolons, colons, dashes, commas, line breaks, "but".
_CLAUSE = re.compile(r"[.!?;:\n\u2013\u2014]+|,\s*|\s+but\s+|\s+then\s+", re.IGNORECASE)

_NEGATORS = re.compile(
    r"\b(?:not|never|no|nothing|don'?t|doesn'?t|won'?t|can'?t|cannot|nor|stop|without|rather\s+than|"
    r"instead\s+of|avoid|refuse|beware|wary|resist|neither)\b|n't\b",
    re.IGNORECASE,
)

# What follows a gerund subject and negates it: "paying rarely helps", "deleting does not".
_AFTER_NEGATORS = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:rarely|seldom|never|not|doesn'?t|won'?t|will\s+not|does\s+not|"
    r"isn'?t|is\s+not|can\s+lose|can\s+wipe|may\s+lose|makes?\s+it\s+worse)\b",
    re.IGNORECASE,
)

_EVIDENCE_WORDS = (
    r"chats?|messages?|evidence|screenshots?|photos?|pictures?|images?|videos?|accounts?|"
    r"history|conversations?|everything|anything|texts?|dms?|proof|records?|logs?|it|them"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pay", re.compile(r"\bpay(?:s|ing)?\b", re.IGNORECASE)),
    (
        "pay",
        re.compile(
            r"\b(?:send|sending|transfer|transferring|wire|give|giving|hand\s+over)\s+"
            r"(?:(?:them|him|her|the|some|what|more|a)\s+){0,2}"
            r"(?:money|cash|crypto|bitcoin|funds|gift\s*cards?|vouchers?|"
            r"(?:more\s+)?(?:photos|pictures|images|videos|nudes))\b",
            re.IGNORECASE,
        ),
    ),
    ("pay", re.compile(r"\bbuy(?:ing)?\s+(?:a\s+|the\s+|some\s+)?gift\s*cards?\b", re.I)),
    (
        "comply",
        re.compile(r"\b(?:give\s+in|comply|complying|do\s+what\s+they\s+(?:say|ask|want))\b", re.I),
    ),
    (
        "negotiate",
        re.compile(
            r"\b(?:negotiat\w*|bargain\w*|haggl\w*|(?:make|strike|cut)\s+a\s+deal|"
            r"counter.?offer\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "delete evidence",
        re.compile(
            r"\b(?:delete|deleting|deletes|erase|erasing|wipe|wiping|destroy\w*|"
            r"get\s+rid\s+of|clear|clearing)\b"
            r"(?:\s+(?:the|your|all|their|any|of|those|these|this|that|every|old)){0,3}\s+"
            rf"(?:{_EVIDENCE_WORDS})\b",
            re.IGNORECASE,
        ),
    ),
    ("delete evidence", re.compile(r"^\s*(?:delete|erase|wipe)\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class UnsafeAdvice:
    """One clause that advises something harmful, and which harm."""

    harm: str
    clause: str


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text[:MAX_TEXT]) if c.strip()]


# A negated "stop" or "wait" turns the negation round: "don't stop paying", "never wait to pay".
_CANCELLED = re.compile(
    r"\b(?:don'?t|do\s+not|never|not)\s+(?:stop|quit|wait|hesitate|delay)\w*\s+(?:to\s+)?$",
    re.IGNORECASE,
)


def _negated(clause: str, start: int, end: int) -> bool:
    prefix = clause[:start]
    if _CANCELLED.search(prefix):
        return False
    if _NEGATORS.search(prefix):
        return True
    word = clause[start:end].lower()
    return word.endswith("ing") and bool(_AFTER_NEGATORS.search(clause[end:]))


def unsafe_advice(text: str) -> list[UnsafeAdvice]:
    """Every clause of ``text`` that advises paying, negotiating or deleting evidence."""
    found: list[UnsafeAdvice] = []
    for clause in clauses(text):
        for harm, pattern in _PATTERNS:
            match = pattern.search(clause)
            if match and not _negated(clause, match.start(), match.end()):
                found.append(UnsafeAdvice(harm, clause))
                break
    return found
