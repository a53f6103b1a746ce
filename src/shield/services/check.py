"""``shield check``: is this text sextortion, how far has it gone, and what to do now.

The text is one message or a pasted stretch of conversation (``Name: text`` lines). The
assessment engine is ``shield.core.assessment``; identifiers and amounts come from the
recognizers (``shield.core.recognizers``, ``shield.core.amounts``), advice from an ``Advisor``.

``CheckService.conversation`` is the entry point for chat exports: messages with their
senders' roles in, per-message stages and the conversation assessment out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from shield.core.amounts import FoundAmount, find_amounts
from shield.core.assessment.assessor import (
    Assessor,
    ConversationAssessment,
    MessageAssessment,
    Said,
)
from shield.core.assessment.pasted import as_said, guess_roles, split_pasted
from shield.core.conversation import ChatMessage
from shield.core.errors import BadInput
from shield.core.ports import Advisor
from shield.core.recognizers import Found, recognize

MAX_CHECK_CHARS = 200_000


IdentifierFinder = Callable[[str, str], list[Found]]
AmountFinder = Callable[[str], list[FoundAmount]]


def recognized(text: str, region: str) -> list[Found]:
    return recognize(text, region=region)


@dataclass(frozen=True)
class CheckedLine:
    sender: str
    role: str
    stages: tuple[str, ...]
    risk: float


@dataclass(frozen=True)
class CheckResult:
    sextortion: bool
    risk: float
    stages: tuple[str, ...]
    urgent: bool
    identifiers: tuple[Found, ...]
    amounts: tuple[FoundAmount, ...]
    advice: tuple[str, ...]
    explanation: tuple[str, ...]
    model: str
    threshold: float
    lines: tuple[CheckedLine, ...] = ()


class CheckService:
    def __init__(
        self,
        assessor: Assessor,
        advisor: Advisor,
        *,
        identifiers: IdentifierFinder = recognized,
        amounts: AmountFinder = find_amounts,
        region: str = "GB",
    ) -> None:
        self._assessor = assessor
        self._advisor = advisor
        self._identifiers = identifiers
        self._amounts = amounts
        self._region = region

    @property
    def assessor(self) -> Assessor:
        return self._assessor

    @property
    def model_version(self) -> str:
        return self._assessor.version

    def message(self, text: str) -> MessageAssessment:
        return self._assessor.message(text)

    def conversation(self, messages: Sequence[Said]) -> ConversationAssessment:
        """For chat exports: per-message stages and the whole conversation's assessment."""
        return self._assessor.conversation(messages)

    def chat(
        self, messages: Iterable[ChatMessage], roles: Mapping[str, str]
    ) -> ConversationAssessment:
        """A parsed chat export: ``roles`` maps each sender name to victim, suspect or unknown.
        Text messages are assessed in order; media and system messages count as empty lines
        (their index still lines up with the export's)."""
        said = [
            Said(m.text if m.kind == "text" else "", roles.get(m.sender, "unknown"), m.sender)
            for m in messages
        ]
        return self._assessor.conversation(said)

    def check(
        self, text: str, *, country: str | None = None, age: int | None = None
    ) -> CheckResult:
        if len(text) > MAX_CHECK_CHARS:
            raise BadInput(f"text is longer than {MAX_CHECK_CHARS} characters", path="text")
        if not text.strip():
            raise BadInput("there is no text to check", path="text")
        identifiers = self._unique(self._identifiers(text, self._region))
        amounts = tuple(self._amounts(text))
        pasted = split_pasted(text)
        lines: tuple[CheckedLine, ...] = ()
        if pasted is None:
            a = self._assessor.message(text)
            sextortion, risk, stages, urgent = a.sextortion, a.risk, a.stages, a.urgent
            explanation = tuple(r.line() for r in a.reasons)
        else:
            first = [self._assessor.message(line.text) for line in pasted]
            roles = guess_roles(pasted, first)
            c = self._assessor.conversation(as_said(pasted, roles))
            sextortion, risk, stages, urgent = c.sextortion, c.risk, c.stages, c.urgent
            explanation = tuple(r.line() for r in c.reasons)
            lines = tuple(
                CheckedLine(p.sender, roles[p.sender], m.stages, m.risk)
                for p, m in zip(pasted, c.messages, strict=True)
            )
        if sextortion and identifiers:
            explanation += tuple(f"identifier: {i.kind} {i.normalized}" for i in identifiers)
        advice = self._advisor.advice(
            sextortion=sextortion,
            urgent=urgent,
            stages=list(stages),
            country=(country or self._region).upper(),
            age=age,
        )
        return CheckResult(
            sextortion=sextortion,
            risk=risk,
            stages=stages,
            urgent=urgent,
            identifiers=identifiers,
            amounts=amounts,
            advice=tuple(advice),
            explanation=explanation,
            model=self._assessor.version,
            threshold=self._assessor.model.threshold,
            lines=lines,
        )

    @staticmethod
    def _unique(found: Sequence[Found]) -> tuple[Found, ...]:
        seen: set[tuple[str, str]] = set()
        out: list[Found] = []
        for f in found:
            if (f.kind, f.normalized) not in seen:
                seen.add((f.kind, f.normalized))
                out.append(f)
        return tuple(out)
