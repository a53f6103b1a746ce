"""FALLBACK advice, used only until the guidance service (``shield advise``) is wired in.

A few core safety lines, the same for everyone, so ``shield check`` never answers without
saying what to do. Bootstrap replaces this with the full, data-driven advisor when present.
"""

from __future__ import annotations

from collections.abc import Sequence

CRISIS = (
    "If you are thinking about hurting yourself, call 999 now, or talk to Samaritans on "
    "116 123 (free, day and night).",
    "If you are under 19 you can call Childline on 0800 1111.",
)
SAFETY = (
    "Do not pay. Paying does not make it stop.",
    "Stop replying, but do not delete anything.",
    "Take screenshots of their profile, their messages and any payment details.",
    "Tell an adult you trust, or the police on 101.",
    "This is not your fault. You are not alone.",
)
SAFE_ONLINE = (
    "Be careful with people you have only met online.",
    "If anyone asks you for pictures or money, tell someone you trust.",
)


class FallbackAdvisor:
    """Core safety lines only (see module docstring)."""

    def advice(
        self,
        *,
        sextortion: bool,
        urgent: bool,
        stages: Sequence[str],
        country: str = "GB",
        age: int | None = None,
    ) -> list[str]:
        lines: list[str] = list(CRISIS) if urgent else []
        risky = sextortion or bool(set(stages) & {"intimate_request", "platform_move"})
        lines += SAFETY if risky or urgent else SAFE_ONLINE
        return lines
