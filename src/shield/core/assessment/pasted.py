"""A pasted stretch of conversation: split ``Name: text`` lines and guess who is who.

People paste what they see: lines such as ``Jess: pay now``, sometimes with a time in front
(``[21:03] Jess: ...`` or ``14/02/2024, 21:03 - Jess: ...``). Two or more such lines from at
least two senders make a conversation; anything else is one message. Roles are guessed from
the words alone: the sender whose messages read as sextortion is the suspect, and when there are
exactly two senders the other is the victim. Nothing else is assumed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from shield.core.assessment.assessor import MessageAssessment, Said

LINE = re.compile(
    r"^\s*(?:\[?[0-9][0-9/.,: -]{0,24}(?:[ap]\.?m\.?)?\]?\s*(?:-\s*)?)?"
    r"([^\s:][^:\n]{0,39}?)\s*:\s+(\S.{0,20000})$",
    re.IGNORECASE,
)
MAX_LINES = 2_000


@dataclass(frozen=True)
class PastedLine:
    sender: str
    text: str


def split_pasted(text: str) -> list[PastedLine] | None:
    """The lines of a pasted conversation, or None if ``text`` does not look like one."""
    lines: list[PastedLine] = []
    for raw in text.splitlines()[:MAX_LINES]:
        if not raw.strip():
            continue
        m = LINE.match(raw[:20_100])
        if m and not m.group(1).lower().startswith(("http", "www")):
            lines.append(PastedLine(m.group(1).strip(), m.group(2).strip()))
        elif lines:  # a message that runs over more than one line
            last = lines[-1]
            lines[-1] = PastedLine(last.sender, f"{last.text}\n{raw.strip()}")
        else:
            return None
    senders = {line.sender for line in lines}
    if len(lines) < 2 or len(senders) < 2:
        return None
    return lines


def guess_roles(
    lines: Sequence[PastedLine], assessed: Sequence[MessageAssessment]
) -> dict[str, str]:
    """Suspect: the sender of the riskiest message that reads as sextortion and is not a plea
    or report; with two senders, the other is the victim. Everyone else stays unknown."""
    roles = {line.sender: "unknown" for line in lines}
    best: tuple[float, str] | None = None
    for line, a in zip(lines, assessed, strict=True):
        pleading = any(r.family in {"report", "plea"} for r in a.reasons)
        if a.sextortion and not pleading and (best is None or a.risk > best[0]):
            best = (a.risk, line.sender)
    if best is not None:
        roles[best[1]] = "suspect"
        if len(roles) == 2:
            for sender in roles:
                if sender != best[1]:
                    roles[sender] = "victim"
    return roles


def as_said(lines: Sequence[PastedLine], roles: dict[str, str]) -> list[Said]:
    return [Said(line.text, roles.get(line.sender, "unknown"), line.sender) for line in lines]
