"""Flesch-Kincaid grade, with a syllable counter of our own.

textstat 0.7.13 counts syllables with a pronouncing dictionary that it downloads at run time,
which this project does not allow; the counter here is the usual English vowel-group rule
with corrections for silent endings, checked against a hand-counted word list in the tests.

grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_URL = re.compile(r"\b[\w.-]+\.(?:org|uk|ie|gov|com|ca|au|ncmec|police)\S*", re.IGNORECASE)
_NUMBER = re.compile(r"[\d][\d -]*\d|\d")

# Whole words the rule gets wrong, counted by hand.
_EXCEPTIONS = {
    "someone": 2,
    "anyone": 3,
    "everyone": 3,
    "something": 2,
    "sometimes": 2,
    "people": 2,
    "business": 2,
    "police": 2,
    "online": 2,
    "whole": 1,
    "since": 1,
    "because": 2,
    "area": 3,
    "idea": 3,
    "create": 2,
    "video": 3,
    "videos": 3,
    "being": 2,
    "doing": 2,
    "going": 2,
    "seeing": 2,
    "screenshots": 2,
    "deactivate": 4,
    "reverse": 2,
    "profile": 2,
    "scared": 1,
    "ashamed": 2,
    "lives": 1,
    "anonymous": 4,
    "crisis": 2,
    "ispcc": 5,
    "ncmec": 5,
    "ceop": 2,
    "iwf": 3,
    "accce": 4,
    "fbi": 3,
    "ic3": 3,
    "stopncii": 5,
    "esafety": 3,
}


def syllables(word: str) -> int:
    w = word.lower().replace("'", "")
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], w)
    w = re.sub(r"^y", "", w)
    groups = re.findall(r"[aeiouy]{1,2}", w)
    return max(1, len(groups))


def prose(text: str) -> str:
    """The words a person reads: web addresses and phone numbers become one short word."""
    text = _URL.sub("site", text)
    return _NUMBER.sub("one", text)


def grade(text: str) -> float:
    words = _WORD.findall(prose(text))
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    total = sum(syllables(w) for w in words)
    return 0.39 * (len(words) / sentences) + 11.8 * (total / len(words)) - 15.59
