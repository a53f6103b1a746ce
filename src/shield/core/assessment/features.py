"""The features the risk model reads: character and word n-grams of normal text, and hits.

Training (``scripts/train_assessment.py``) and run time call the same function, so the
features a model was trained on are exactly the features it sees.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from shield.core.assessment.families import Hit
from shield.core.assessment.normal import NormalText

CHAR_NGRAMS = (3, 4, 5)
WORD = re.compile(r"[a-z0-9£$€']+")
MAX_WORDS = 400  # a long text is judged on its first few hundred words

# Families whose joint presence says more than each alone.
PAIRS: tuple[tuple[str, str], ...] = (
    ("threat", "audience"),
    ("threat", "content"),
    ("threat", "payment"),
    ("payment", "coercion"),
    ("payment", "content"),
    ("payment", "deadline"),
    ("capture", "content"),
    ("capture", "payment"),
    ("coercion", "content"),
    ("audience", "content"),
    ("report", "threat"),
    ("report", "payment"),
    ("commentary", "threat"),
    ("commentary", "payment"),
    ("banter", "threat"),
    ("trade", "payment"),
)
COERCIVE_FAMILIES = ("threat", "payment", "deadline", "capture", "proof", "more_demand")


def text_grams(text: NormalText) -> set[str]:
    """Word uni/bigrams and character 3-5-grams of each word (padded with spaces)."""
    words = WORD.findall(text.text)[:MAX_WORDS]
    grams: set[str] = set()
    previous = "^"
    for w in words:
        grams.add("w:" + w)
        grams.add("b:" + previous + " " + w)
        previous = w
        padded = f" {w} "
        size = len(padded)
        for n in CHAR_NGRAMS:
            if n > size:
                break
            grams.update([padded[i : i + n] for i in range(size - n + 1)])
    return grams


def family_features(hits: Iterable[Hit]) -> dict[str, float]:
    names = {h.family for h in hits}
    out: dict[str, float] = {f"f:{n}": 1.0 for n in names}
    for a, b in PAIRS:
        if a in names and b in names:
            out[f"x:{a}+{b}"] = 1.0
    coercive = sum(1 for n in COERCIVE_FAMILIES if n in names)
    if coercive:
        out["n:coercive"] = coercive / len(COERCIVE_FAMILIES)
    return out


def features(text: NormalText, hits: Iterable[Hit]) -> dict[str, float]:
    """Binary n-gram features scaled to unit length, plus family and pair features."""
    grams = text_grams(text)
    out: dict[str, float] = {}
    if grams:
        value = 1.0 / math.sqrt(len(grams))
        out = dict.fromkeys(grams, value)
    out.update(family_features(hits))
    return out
