"""Guidance: the action plan for a person's answers, and advice lines for a checked message.

Pure use case over a validated Rulebook (loaded by an adapter, wired by bootstrap); no I/O and
no interface framework, so the command line and the web call the same methods.
"""

from __future__ import annotations

from collections.abc import Sequence

from shield.core.guidance import Answers, Plan, Rulebook, Service, advice_lines, plan
from shield.core.vocabulary import STAGES


class GuidanceService:
    """Implements the Advisor port, and builds full plans for `shield advise`."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook

    def plan(self, answers: Answers) -> Plan:
        return plan(self.rulebook, answers)

    def services(self, country: str) -> tuple[Service, ...]:
        """Every service listed for a country (the INTL list where it has none of its own)."""
        resolved, _ = self.rulebook.country(country)
        return tuple(s for s in self.rulebook.services if s.country == resolved.code)

    def advice(
        self,
        *,
        sextortion: bool,
        urgent: bool,
        stages: Sequence[str],
        country: str = "GB",
        age: int | None = None,
    ) -> list[str]:
        """Short advice lines for a message or conversation that was checked.

        Stages only tell whether a conversation is going on: any stage label (from the
        contract's list) means the person is, or was lately, in contact. Payment and sharing
        are unknown from a message alone, so the lines cover both cases.
        """
        talking = any(stage in STAGES for stage in stages)
        answers = Answers(
            age=age,
            country=country,
            in_contact="yes" if talking else "unknown",
            urgent=urgent,
            sextortion=sextortion,
        )
        return advice_lines(self.plan(answers))
