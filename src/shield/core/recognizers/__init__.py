"""Identifier recognizers: one per kind of CONTRACTS.md section 1, and the two entry points.

``recognize(text)`` finds every identifier, with overlaps resolved (a payment link is not also a
url, a phone inside a wa.me link is reported once); ``normalize(kind, raw)`` gives the normal form
of one value and is idempotent.
"""

from __future__ import annotations

from bisect import bisect_right

from shield.core.errors import InvalidIdentifier
from shield.core.recognizers.base import Example, Explanation, Found, Recognizer, Scan, lower_case
from shield.core.recognizers.registry import PREFILTER, PRIORITY, RECOGNIZERS

MAX_TEXT = 1_000_000
"""Longer texts are read in windows of this size (with an overlap), so memory stays bounded."""
OVERLAP = 200
_PHRASES = PREFILTER.wordy.search
_RARE = PREFILTER.rare.search
CONTEXT_CHARS = 120
"""How much of the preceding text is read for context words."""

__all__ = [
    "RECOGNIZERS",
    "Example",
    "Explanation",
    "Found",
    "Recognizer",
    "Scan",
    "normalize",
    "recognize",
]


def recognize(
    text: str, *, region: str = "GB", ocr: bool = False, context: str = ""
) -> list[Found]:
    """Every identifier in ``text``, in order of position; where spans overlap, the longer (then
    the more specific kind) wins. ``ocr=True`` retries confusable characters where a checksum
    confirms the correction. ``context`` is the text just before (e.g. the previous message):
    it is read only for context words ("whats ur discord" then "its pixelninja_07"); nothing in
    it is reported, and spans stay relative to ``text``."""
    if context:
        tail = context[-CONTEXT_CHARS:] + "\n"
        shift = len(tail)
        return [
            Found(
                f.kind,
                f.value,
                f.normalized,
                f.platform,
                f.start - shift,
                f.end - shift,
                f.explanation,
            )
            for f in recognize(tail + text, region=region, ocr=ocr)
            if f.start >= shift
        ]
    if len(text) > MAX_TEXT:
        return _recognize_windows(text, region=region, ocr=ocr)
    lower = text.lower()
    if len(lower) != len(text):
        lower = lower_case(text)
    if ocr:
        members, words = PREFILTER.members, None
    else:
        # PREFILTER.wanted, with its two searches here: most chat messages stop at them.
        wordy = _PHRASES(lower)
        rare = _RARE(lower) if wordy is None else None
        if wordy is None and rare is None:
            return []
        members, words = PREFILTER.choose(lower, wordy, rare.start() if rare is not None else 0)
        if not members:
            return []
    scan = Scan(text, region=region, ocr=ocr, lower=lower, words=words)
    found = [f for r in members for f in r.find(scan)]
    return resolve(found)


def resolve(found: list[Found]) -> list[Found]:
    """Keep one identifier per stretch of text: longest span first, then the more specific kind."""
    if len(found) < 2:
        return found
    ranked = sorted(found, key=lambda f: (f.start - f.end, PRIORITY[f.kind], f.start))
    starts: list[int] = []  # the kept spans never overlap, so sorted by start is sorted by end
    kept: list[Found] = []
    for candidate in ranked:
        i = bisect_right(starts, candidate.start)
        if i > 0 and kept[i - 1].end > candidate.start:
            continue
        if i < len(kept) and kept[i].start < candidate.end:
            continue
        starts.insert(i, candidate.start)
        kept.insert(i, candidate)
    return kept


def _recognize_windows(text: str, *, region: str, ocr: bool) -> list[Found]:
    out: list[Found] = []
    seen: set[tuple[int, int, str]] = set()
    step = MAX_TEXT - OVERLAP
    for offset in range(0, len(text), step):
        for f in recognize(text[offset : offset + MAX_TEXT], region=region, ocr=ocr):
            shifted = Found(
                f.kind,
                f.value,
                f.normalized,
                f.platform,
                f.start + offset,
                f.end + offset,
                f.explanation,
            )
            key = (shifted.start, shifted.end, shifted.kind)
            if key not in seen and not any(
                s <= shifted.start < e for s, e, _ in seen if e > shifted.start
            ):
                seen.add(key)
                out.append(shifted)
    return out


def normalize(kind: str, raw: str, *, region: str = "GB") -> str:
    """The normal form of ``raw`` as an identifier of ``kind``; InvalidIdentifier if it is not one."""  # noqa: E501
    recognizer = RECOGNIZERS.get(kind)
    if recognizer is None:
        raise InvalidIdentifier(f"unknown identifier kind {kind!r}")
    return recognizer.normalize(raw, region=region)
