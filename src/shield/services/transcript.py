"""One conversation read once, spooled to disk, and replayed with its final stages.

A chat export can hold millions of messages. Extraction needs the whole conversation before it
can say who the victim is, whether the conversation is sextortion, and so which stages each
message carries; but it does not need the text in memory for that. The first pass streams the
messages to a temporary spool file and keeps, per message, only what the verdict needs (its
sender, its indicator families, its logit, whether it shows distress: 17 bytes in flat arrays,
the senders and the sets of families numbered once), plus each amount found and each distinct
identifier once (where it was first and last seen, and who wrote it: an identifier repeated
in every message costs no more than one seen once).
The second pass reads the spool back and assesses again, now knowing each sender's role and
the verdict, the messages whose stages could depend on them: those with an indicator family,
not written by the victim (for every other message the stages are none, whatever the verdict).
"""

from __future__ import annotations

import json
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, TypeVar, overload

from shield.core.amounts import find_amounts
from shield.core.assessment.assessor import Assessor, analyse
from shield.core.conversation import ChatMessage, ParsedExport
from shield.core.extraction import ExtractedAmount, ExtractedMessage, Position, Source
from shield.core.recognizers import recognize
from shield.core.roles import Tally, assign_roles, find_victim, named

T = TypeVar("T")


@dataclass(frozen=True)
class Occurrence:
    """An identifier as found in one message (or in the export's own data: ``at`` None)."""

    kind: str
    normalized: str
    value: str
    platform: str | None
    at: Position | None
    sender: str | None


@dataclass
class Seen:
    """One distinct identifier of a conversation: its first occurrence, the position of its
    last, and every sender who wrote it (what its role is decided from)."""

    first: Occurrence
    last: Position
    senders: set[str]


class Numbered(Sequence[T]):
    """A sequence read through numbers: item ``i`` is ``table[numbers[i]]``. Long per-message
    columns stay flat arrays of numbers instead of lists of objects."""

    def __init__(self, numbers: array[int], table: list[T]) -> None:
        self.numbers = numbers
        self.table = table

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self.table[n] for n in self.numbers[i]]
        return self.table[self.numbers[i]]

    def __iter__(self) -> Iterator[T]:
        return map(self.table.__getitem__, self.numbers)


def _text(message: ChatMessage) -> str:
    """What is assessed: media and system lines count as empty (their index still lines up)."""
    return message.text if message.kind == "text" else ""


class Transcript:
    def __init__(self, number: int, source: Source, export: ParsedExport) -> None:
        self.number = number
        self.source = source
        self.header = export.header
        self._messages = export.messages
        self._spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in replay
        self.count = 0
        self.senders: dict[str, int] = {}
        self._sender_of = array("I")
        self._logits = array("d")
        self._distressed = bytearray()
        self._family_of = array("I")  # per message, a number in _family_sets
        self._family_sets: list[frozenset[str]] = []
        self._family_number: dict[frozenset[str], int] = {}
        self.tally = Tally()
        self.speakers: dict[str, None] = {}  # who wrote (not system lines), in order
        self.identifiers: dict[tuple[str, str], Seen] = {}  # in order of first occurrence
        self.amounts: list[ExtractedAmount] = []
        self.roles: dict[str, str] = {}
        self.sextortion = False
        self.risk = 0.0
        self.urgent = False

    # -- pass 1 -----------------------------------------------------------------------------
    def read(self, assessor: Assessor, *, region: str, ocr: bool) -> None:
        previous = ""
        for message in self._messages:
            text = _text(message)
            record = [
                message.index,
                message.sender,
                message.text,
                message.ts.isoformat() if message.ts else None,
                message.kind,
            ]
            self._spool.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            sender = self.senders.setdefault(message.sender, len(self.senders))
            self._sender_of.append(sender)
            analysis = analyse(text)
            logit = assessor.logit(analysis)
            alone = assessor.in_conversation(analysis, logit, "unknown", False)
            self._logits.append(logit)
            self._distressed.append(1 if alone.urgent else 0)
            families = analysis.families
            number = self._family_number.get(families)
            if number is None:
                number = self._family_number[families] = len(self._family_sets)
                self._family_sets.append(families)
            self._family_of.append(number)
            if message.kind != "system" and message.sender.strip():
                self.speakers.setdefault(message.sender)
                self.tally.add(message.sender, alone.stages, message.side)
            if text:
                at = (self.number, message.index)
                for found in recognize(text, region=region, ocr=ocr, context=previous):
                    key = (found.kind, found.normalized)
                    seen = self.identifiers.get(key)
                    if seen is None:
                        first = Occurrence(
                            found.kind,
                            found.normalized,
                            found.value,
                            found.platform,
                            at,
                            message.sender,
                        )
                        self.identifiers[key] = Seen(first, at, {message.sender})
                    else:
                        seen.last = at
                        seen.senders.add(message.sender)
                for amount in find_amounts(text):
                    self.amounts.append(ExtractedAmount(amount.amount, amount.currency, at))
                previous = text
            self.count += 1

    @property
    def people(self) -> list[str]:
        named = [p for p in self.header.participants if p.strip()]
        return list(dict.fromkeys([*named, *self.speakers]))

    # -- between the passes -------------------------------------------------------------------
    def decide(self, assessor: Assessor, *, victim: str | None, matched: bool) -> bool:
        """Find the roles and the verdict. ``victim`` is tried here; returns whether it named
        someone in this conversation (a name that fits none of the sources is an error)."""
        people = self.people
        chosen = named(people, victim) if victim is not None else None
        found = chosen is not None
        if chosen is None:
            chosen, _ = find_victim(people, self.tally, owner=self.header.owner)
        self.roles = assign_roles(people, self.tally, chosen)
        role_of = [""] * len(self.senders)
        for name, i in self.senders.items():
            role_of[i] = self.roles.get(name, "unknown")
        roles = Numbered(self._sender_of, role_of)  # views: nothing more kept per message
        families = Numbered(self._family_of, self._family_sets)
        self.sextortion, self.risk = assessor.verdict(roles, families, self._logits)
        self.urgent = any(
            (d and role != "suspect") or assessor.urged(self.sextortion, role, family)
            for d, role, family in zip(self._distressed, roles, families, strict=True)
        )
        return found or matched

    # -- pass 2 -----------------------------------------------------------------------------
    def replay(self, assessor: Assessor) -> Iterator[ExtractedMessage]:
        """The messages again, each with its stages given its sender's role and the verdict."""
        self._spool.seek(0)
        try:
            for position, line in enumerate(self._spool):
                index, sender, text, ts, kind = json.loads(line)
                role = self.roles.get(sender, "unknown")
                stages: tuple[str, ...] = ()
                # Stages come from indicator hits, and never for the victim: a message with no
                # family in the first pass (most of a long chat) needs no second analysis.
                if role != "victim" and self._family_sets[self._family_of[position]]:
                    stages = assessor.in_conversation(
                        analyse(text if kind == "text" else ""),
                        self._logits[position],
                        role,
                        self.sextortion,
                    ).stages
                yield ExtractedMessage(
                    self.number,
                    index,
                    sender,
                    text,
                    datetime.fromisoformat(ts) if ts else None,
                    stages,
                    kind,
                )
        finally:
            self._spool.close()
