"""OCR confusions (O/0, l/1/I, S/5, B/8) and the bounded search over corrections of a token.
A correction is only ever kept when a checksum confirms it; the search is capped."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, islice, product

CONFUSABLE: dict[str, str] = {
    "O": "0o",
    "0": "Oo",
    "o": "0O",
    "l": "1I",
    "1": "lI",
    "I": "1l",
    "S": "5",
    "5": "S",
    "s": "5",
    "B": "8",
    "8": "B",
}
MAX_TRIES = 400


def variants(
    token: str,
    alternatives: dict[int, str],
    forced: frozenset[int] = frozenset(),
    max_optional: int = 2,
) -> Iterator[str]:
    """Spellings of ``token`` that change every ``forced`` position and at most ``max_optional``
    other positions, each to one of its ``alternatives``; at most MAX_TRIES, nearest first."""
    forced_positions = sorted(forced)
    optional = [p for p in sorted(alternatives) if p not in forced]
    tried = 0
    for forced_choice in product(*(alternatives[p] for p in forced_positions)):
        chars = list(token)
        for position, char in zip(forced_positions, forced_choice, strict=True):
            chars[position] = char
        for count in range(max_optional + 1):
            for positions in combinations(optional, count):
                for choice in islice(product(*(alternatives[p] for p in positions)), MAX_TRIES):
                    spelled = chars.copy()
                    for position, char in zip(positions, choice, strict=True):
                        spelled[position] = char
                    yield "".join(spelled)
                    tried += 1
                    if tried >= MAX_TRIES:
                        return
