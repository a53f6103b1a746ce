"""Indicator families: the explainable signals of the financial sextortion script.

Each family is one named pattern over normal text (see ``normal.py``: leetspeak, look-alike
letters, spaced letters and emoji are already folded), the stage it points to (if any), and its
own examples and counter-examples, which one contract test runs. A hit is evidence, not a
verdict: the risk model weighs hits together with character n-grams, and coercive stages are
only labelled when the message (or the conversation) is judged to be sextortion.

Every pattern is a set of alternatives with bounded gaps (``{0,3}``), so matching stays linear
in the (capped) input. Members live by theme in ``coercion.py``, ``grooming.py`` and
``context.py``; ``FAMILIES`` below is the registry, in the order explanations list them.
"""

from __future__ import annotations

from shield.core.assessment.families.base import Family, Hit
from shield.core.assessment.families.coercion import (
    CAPTURE,
    COERCION,
    DEADLINE,
    FABRICATION,
    INTIMATE_CONTENT,
    MORE_DEMAND,
    NAMED_AUDIENCE,
    PAYMENT,
    PROOF,
    THREAT,
    URGING,
)
from shield.core.assessment.families.context import (
    BANTER,
    COMMENTARY,
    DISTRESS,
    PLEA,
    REPORT,
    TRADE,
)
from shield.core.assessment.families.grooming import (
    APPROACH,
    INTIMATE_REQUEST,
    PLATFORM_MOVE,
)
from shield.core.assessment.normal import NormalText

FAMILIES: tuple[Family, ...] = (
    THREAT,
    NAMED_AUDIENCE,
    PAYMENT,
    DEADLINE,
    CAPTURE,
    FABRICATION,
    PROOF,
    MORE_DEMAND,
    COERCION,
    INTIMATE_CONTENT,
    INTIMATE_REQUEST,
    PLATFORM_MOVE,
    APPROACH,
    REPORT,
    COMMENTARY,
    BANTER,
    TRADE,
    PLEA,
    DISTRESS,
    URGING,
)

# One compiled family per name; the order is the order of explanations.
BY_NAME: dict[str, Family] = {f.name: f for f in FAMILIES}
MAX_HITS_PER_FAMILY = 3


def find_hits(text: NormalText) -> list[Hit]:
    """Every family's first few matches in ``text``, quoted in the writer's own words."""
    hits: list[Hit] = []
    for family in FAMILIES:
        for count, m in enumerate(family.pattern.finditer(text.text)):
            if count >= MAX_HITS_PER_FAMILY:
                break
            hits.append(Hit(family.name, text.quote(m.start(), m.end()), m.start(), m.end()))
    return hits


__all__ = ["BY_NAME", "FAMILIES", "MAX_HITS_PER_FAMILY", "Family", "Hit", "find_hits"]
