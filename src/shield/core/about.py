"""What the person reporting chooses to say about themselves, for the first page of a pack."""

from __future__ import annotations

from dataclasses import dataclass

AGE_BANDS: tuple[str, ...] = ("under 13", "13-15", "16-17", "18-24", "25+", "unknown")


@dataclass(frozen=True)
class Reference:
    """A reference number already given, and who gave it (a police force, a platform)."""

    value: str
    issuer: str = ""


@dataclass(frozen=True)
class About:
    name: str = ""
    alias: str = ""
    age_band: str = ""
    police_area: str = ""
    contact: str = ""
    references: tuple[Reference, ...] = ()
    notes: str = ""

    def is_empty(self) -> bool:
        return self == About()
