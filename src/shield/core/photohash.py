"""PDQ photo hashes in the domain: when a photo's hash is too weak to trust.

Distance and the match threshold live in core.hamming; they are re-exported here for the
hashing code that reads them with quality.
"""

from __future__ import annotations

from shield.core.hamming import DEFAULT_THRESHOLD as DEFAULT_MAX_DISTANCE
from shield.core.hamming import distance

__all__ = [
    "DEFAULT_MAX_DISTANCE",
    "DEFAULT_PIPELINE",
    "PIPELINES",
    "WEAK_QUALITY",
    "distance",
    "is_weak",
]

WEAK_QUALITY = 50
"""Below this PDQ quality a photo is flat or featureless and its hash matches too easily."""


PIPELINES = ("pdq-1", "pdq-2")
"""Versions of the preprocessing before PDQ (docs/hashing.md); each hash records its own."""
DEFAULT_PIPELINE = "pdq-2"


def is_weak(quality: int) -> bool:
    return quality < WEAK_QUALITY
