"""PDQ photo hashes in the domain: the thresholds Shield uses and the distance between two."""

from __future__ import annotations

import re

WEAK_QUALITY = 50
"""Below this PDQ quality a photo is flat or featureless and its hash matches too easily."""

DEFAULT_MAX_DISTANCE = 31
"""Hamming distance (of 256 bits) at or under which two PDQ hashes are the same photo."""

PDQ_HEX = re.compile(r"[0-9a-f]{64}")


def is_weak(quality: int) -> bool:
    return quality < WEAK_QUALITY


def distance(a: str, b: str) -> int:
    """Hamming distance between two PDQ hashes given as 64 hex characters."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
