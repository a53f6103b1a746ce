"""Every combination of answers the guidance can be given, for the branch and property tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from shield.core.guidance import Answers

# One age per band: under 18 (two ages at the edges), adult (two), and unknown.
AGES: tuple[int | None, ...] = (9, 17, 18, 45, None)
# Every country with its own list, one without (France), and the aliases people type.
COUNTRIES: tuple[str, ...] = ("GB", "IE", "US", "CA", "AU", "FR", "uk", "gb")
SUPPORTED: tuple[str, ...] = ("GB", "IE", "US", "CA", "AU")
TRI: tuple[str, ...] = ("yes", "no", "unknown")


def every_answer() -> Iterator[Answers]:
    for age, country, paid, shared, in_contact, urgent, sextortion in itertools.product(
        AGES, COUNTRIES, TRI, TRI, TRI, (False, True), (True, False)
    ):
        yield Answers(
            age=age,
            country=country,
            paid=paid,
            shared=shared,
            in_contact=in_contact,
            urgent=urgent,
            sextortion=sextortion,
        )
