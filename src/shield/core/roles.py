"""Who is the victim, who the suspect, and whose identifier is whose.

The victim is, in this order of authority:
1. the person named with ``--victim`` (matched without regard to case, spaces or a leading @);
2. the export's owner, where the format says who made the export;
3. in screenshots, whoever's messages sit on the right (the phone's owner);
4. otherwise, in a two-person chat, the one who did NOT send the threats, demands, requests
   for intimate content or claims of recording (the suspect is whoever sent more of those).
Anyone but the victim who sent any such message is a suspect; everyone else is unknown (the
other person in a friendly chat is not a suspect for being there).

Each occurrence of an identifier takes the role of the person who sent the message it is in,
with one exception: a payment detail (payment handle, wallet, IBAN, bank account, gift card)
that the victim writes is left ``unknown`` (it may be the victim's own, or where they were
told to pay). Over all its occurrences, an identifier is the suspect's if any occurrence says
so, else the victim's if any says so, else unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shield.core.errors import BadInput

SUSPECT_STAGES = frozenset(
    {"intimate_request", "capture", "threat", "payment_demand", "escalation"}
)
PAYMENT_KINDS = frozenset({"payment_handle", "crypto_wallet", "iban", "bank_account", "gift_card"})


@dataclass(frozen=True)
class Said:
    """What role attribution needs to know of one message."""

    sender: str
    stages: tuple[str, ...] = ()
    side: str | None = None


@dataclass
class Tally:
    """Per sender: how many of their messages carry offender stages, and how many sit on the
    right-hand side of a screenshot. All that role attribution keeps of a long chat."""

    suspect: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)

    def add(self, sender: str, stages: Iterable[str], side: str | None = None) -> None:
        if SUSPECT_STAGES.intersection(stages):
            self.suspect[sender] += 1
        if side == "right":
            self.right[sender] += 1

    @classmethod
    def of(cls, said: Iterable[Said]) -> Tally:
        tally = cls()
        for s in said:
            tally.add(s.sender, s.stages, s.side)
        return tally


def _key(name: str) -> str:
    return "".join(name.split()).lstrip("@").casefold()


def named(people: Sequence[str], name: str) -> str | None:
    """The participant called ``name`` (without regard to case, spaces or a leading @)."""
    return {_key(p): p for p in people}.get(_key(name))


def find_victim(
    people: Sequence[str],
    tally: Tally,
    *,
    victim: str | None = None,
    owner: str | None = None,
) -> tuple[str | None, str]:
    """The victim's name as the source shows it (or None), and the rule that decided."""
    if victim:
        match = named(people, victim)
        if match is not None:
            return match, "named with --victim"
        shown = ", ".join(sorted(people)) or "none"
        raise BadInput(f"no participant called {victim!r} (participants: {shown})")
    owned = named(people, owner) if owner else None
    if owned is not None:
        return owned, "the export's owner"
    if tally.right:
        return tally.right.most_common(1)[0][0], "the right-hand side of the screenshots"
    if len(people) == 2:
        (_, high), (low_name, low) = Counter({p: tally.suspect[p] for p in people}).most_common(2)
        if high > low:
            return low_name, "the one who did not send threats or demands"
    return None, "not determined"


def assign_roles(people: Sequence[str], tally: Tally, victim: str | None) -> dict[str, str]:
    roles = {p: "unknown" for p in people}
    for sender, count in tally.suspect.items():
        if sender != victim and sender in roles and count:
            roles[sender] = "suspect"
    if victim is not None:
        roles[victim] = "victim"
    return roles


def identifier_role(kind: str, sender_role: str) -> str:
    """The role one occurrence of an identifier gives it: its sender's, except that a payment
    detail the victim writes is left unknown (it may be theirs, or where they were told to pay)."""
    if sender_role == "victim" and kind in PAYMENT_KINDS:
        return "unknown"
    return sender_role


def merge_roles(roles: Sequence[str]) -> str:
    """The role of an identifier from all its occurrences: the suspect's if any occurrence says
    so, else the victim's if any says so, else unknown."""
    for role in ("suspect", "victim"):
        if role in roles:
            return role
    return "unknown"
