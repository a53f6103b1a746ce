"""Is this sextortion, how far has it gone, is someone in danger: for a message or a conversation.

A message is folded into normal text, the indicator families are matched, and the risk model
scores the n-grams and hits. Stages come from the families, with one rule: the stages that only
exist inside coercion (capture, threat, payment_demand, escalation) are labelled only when the
message, or the conversation it belongs to, is judged to be sextortion; the others (approach,
platform_move, intimate_request) are labelled as written, except in commentary such as news or
police advice. In a conversation, stages describe what the other side does, so the victim's own
messages carry none; the victim's words still count as evidence (a report, a plea, a joke back)
and are the only words that raise the urgent flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shield.core.assessment.families import FAMILIES, Hit, find_hits
from shield.core.assessment.features import features
from shield.core.assessment.model import RiskModel, sigmoid
from shield.core.assessment.normal import NormalText, normalize
from shield.core.vocabulary import ROLES, STAGES

LITERAL_STAGES = frozenset({"approach", "platform_move", "intimate_request"})
COERCIVE = frozenset({"threat", "payment", "deadline", "capture", "proof", "more_demand"})
EXPLAINING = tuple(f.name for f in FAMILIES if f.name not in {"commentary", "banter", "trade"})
STAGE_OF = {f.name: f.stage for f in FAMILIES if f.stage}
MAX_REASONS = 10
FIRST_PERSON = re.compile(r"\b(?:i|i'?m|im|me|my|myself)\b")
CLIP = 8.0


@dataclass(frozen=True)
class Reason:
    """One thing that drove an assessment: an indicator family and the words that fired it."""

    family: str
    phrase: str
    message: int | None = None

    def line(self) -> str:
        where = f" (message {self.message})" if self.message is not None else ""
        return f"{self.family}: {self.phrase}{where}"


@dataclass(frozen=True)
class Analysis:
    """What the model reads from one text, before any decision."""

    normal: NormalText
    hits: tuple[Hit, ...]
    families: frozenset[str]
    features: dict[str, float]


@dataclass(frozen=True)
class MessageAssessment:
    sextortion: bool
    risk: float
    stages: tuple[str, ...]
    urgent: bool
    reasons: tuple[Reason, ...]
    logit: float


@dataclass(frozen=True)
class Said:
    """One message of a conversation and the role of who sent it (victim, suspect, unknown)."""

    text: str
    role: str = "unknown"
    sender: str = ""


@dataclass(frozen=True)
class ConversationAssessment:
    sextortion: bool
    risk: float
    stages: tuple[str, ...]
    urgent: bool
    reasons: tuple[Reason, ...]
    messages: tuple[MessageAssessment, ...]
    model_version: str


def analyse(text: str) -> Analysis:
    normal = normalize(text)
    hits = tuple(find_hits(normal))
    return Analysis(normal, hits, frozenset(h.family for h in hits), features(normal, hits))


def _stages(analysis: Analysis, coercive_ok: bool) -> tuple[str, ...]:
    fam = analysis.families
    commentary = "commentary" in fam and not coercive_ok
    threat_spans = [(h.start, h.end) for h in analysis.hits if h.family in {"threat", "capture"}]
    found: set[str] = set()
    for hit in analysis.hits:
        stage = STAGE_OF.get(hit.family)
        if stage is None:
            continue
        if stage in LITERAL_STAGES:
            if commentary:
                continue
            if stage == "intimate_request" and any(
                s < hit.end and hit.start < e for s, e in threat_spans
            ):
                continue  # "I'll send your nudes" is a threat, not a request
            found.add(stage)
        elif coercive_ok:
            found.add(stage)
    return tuple(s for s in STAGES if s in found)


def _reasons(analysis: Analysis, message: int | None = None) -> list[Reason]:
    seen: set[tuple[str, str]] = set()
    out: list[Reason] = []
    order = {name: i for i, name in enumerate(EXPLAINING)}
    for hit in sorted(analysis.hits, key=lambda h: (order.get(h.family, 99), h.start)):
        if hit.family not in order or not hit.phrase:
            continue
        key = (hit.family, hit.phrase.lower())
        if key not in seen:
            seen.add(key)
            out.append(Reason(hit.family, hit.phrase, message))
    return out


def _distressed(analysis: Analysis) -> bool:
    """Despair in the writer's own words. Commentary (news, advice) that mentions despair does
    not count unless the writer speaks of themselves: safety first, so the doubt goes to urgent."""
    if "distress" not in analysis.families:
        return False
    return "commentary" not in analysis.families or bool(FIRST_PERSON.search(analysis.normal.text))


def _clip(x: float) -> float:
    return max(-CLIP, min(CLIP, x))


def conversation_features(
    roles: Iterable[str], families: Sequence[frozenset[str]], logits: Sequence[float]
) -> dict[str, float]:
    """What the conversation model reads: who said what, and in which order. One pass that
    keeps nothing per message (a long chat has millions of them)."""
    out: dict[str, float] = {}
    other_max = victim_max = -CLIP
    coercive_seen: set[str] = set()
    first_coercive: int | None = None
    grooming_before = pleads = laughs = reports = False
    later = 0  # the victim's messages after the other side's first coercive one
    commentary = 0
    for i, role in enumerate(roles):
        fam = families[i]
        if "commentary" in fam:
            commentary += 1
        if role == "victim":
            victim_max = max(victim_max, _clip(logits[i]))
            reports = reports or "report" in fam
            if first_coercive is not None:
                later += 1
                pleads = pleads or "plea" in fam or "distress" in fam
                laughs = laughs or (later <= 2 and "banter" in fam)
            continue
        other_max = max(other_max, _clip(logits[i]))
        hit = fam & COERCIVE
        if hit and first_coercive is None:
            first_coercive = i
        if first_coercive is None and fam & {"approach", "intimate_request", "platform_move"}:
            grooming_before = True
        coercive_seen |= hit
    out["other_max"] = other_max / 4
    out["victim_max"] = victim_max / 4
    out["coercive_families"] = len(coercive_seen) / len(COERCIVE)
    if grooming_before and first_coercive is not None:
        out["script_order"] = 1.0
    if pleads:
        out["victim_pleads"] = 1.0
    if laughs:
        out["victim_laughs"] = 1.0
    if reports:
        out["victim_reports"] = 1.0
    out["commentary_share"] = commentary / (len(families) or 1)
    return out


class Assessor:
    """The engine: one risk model, used for single messages and whole conversations."""

    def __init__(self, model: RiskModel) -> None:
        self.model = model

    @property
    def version(self) -> str:
        return self.model.version

    def _logit(self, analysis: Analysis) -> float:
        m = self.model.message
        return m.platt_a * m.score(analysis.features) + m.platt_b

    def message(self, text: str) -> MessageAssessment:
        """One message, or a text whose writer is not known."""
        analysis = analyse(text)
        logit = self._logit(analysis)
        risk = sigmoid(logit)
        sextortion = risk >= self.model.threshold
        urgent = _distressed(analysis) or (sextortion and "urging" in analysis.families)
        reasons = _reasons(analysis) if sextortion or urgent else []
        if not sextortion:
            reasons = [r for r in reasons if r.family == "distress"]
        return MessageAssessment(
            sextortion=sextortion,
            risk=round(risk, 4),
            stages=_stages(analysis, sextortion),
            urgent=urgent,
            reasons=tuple(reasons[:MAX_REASONS]),
            logit=logit,
        )

    def logit(self, analysis: Analysis) -> float:
        return self._logit(analysis)

    def verdict(
        self, roles: Iterable[str], families: Sequence[frozenset[str]], logits: Sequence[float]
    ) -> tuple[bool, float]:
        """Whether a conversation is sextortion, and its risk, from each message's role, indicator
        families and logit: what a long chat needs kept per message, not its text."""
        conv = self.model.conversation
        risk = conv.risk(conv.score(conversation_features(roles, families, logits)))
        return risk >= self.model.threshold, risk

    def in_conversation(
        self, analysis: Analysis, logit: float, role: str, sextortion: bool, index: int = 0
    ) -> MessageAssessment:
        """One message of a conversation whose verdict is known: its stages and reasons."""
        m_risk = sigmoid(logit)
        m_sext = m_risk >= self.model.threshold
        is_victim = role == "victim"
        m_urgent = role != "suspect" and _distressed(analysis)
        # In a sextortion conversation, the other side's bare "my paypal is ..." is a demand;
        # someone else's "don't pay, tell someone" (advice, a plea, a report) is not.
        bystander = role != "suspect" and analysis.families & {"commentary", "plea", "report"}
        coercive_ok = m_sext or (sextortion and not bystander)
        stages = () if is_victim else _stages(analysis, coercive_ok)
        mine = _reasons(analysis, index)
        if is_victim or (bystander and not m_sext):
            mine = [r for r in mine if r.family in {"report", "plea", "distress"}]
        elif not (sextortion or m_sext):
            mine = [r for r in mine if r.family == "distress"]
        return MessageAssessment(
            sextortion=m_sext and not is_victim,
            risk=round(m_risk, 4),
            stages=stages,
            urgent=m_urgent,
            reasons=tuple(mine),
            logit=logit,
        )

    @staticmethod
    def urged(sextortion: bool, role: str, families: frozenset[str]) -> bool:
        """The other side urging self-harm in a sextortion conversation puts the victim at risk."""
        return sextortion and role != "victim" and "urging" in families

    def conversation(self, messages: Sequence[Said]) -> ConversationAssessment:
        """A conversation in order; each message's stages depend on the whole."""
        roles = [m.role if m.role in ROLES else "unknown" for m in messages]
        analyses = [analyse(m.text) for m in messages]
        logits = [self._logit(a) for a in analyses]
        sextortion, risk = self.verdict(roles, [a.families for a in analyses], logits)
        assessed: list[MessageAssessment] = []
        reasons: list[Reason] = []
        urgent = False
        for index, (role, analysis, logit) in enumerate(zip(roles, analyses, logits, strict=True)):
            full = self.in_conversation(analysis, logit, role, sextortion, index)
            reasons.extend(full.reasons)
            assessed.append(
                MessageAssessment(
                    full.sextortion,
                    full.risk,
                    full.stages,
                    full.urgent,
                    full.reasons[:MAX_REASONS],
                    full.logit,
                )
            )
            urgent = urgent or full.urgent or self.urged(sextortion, role, analysis.families)
        found = {s for a in assessed for s in a.stages}
        if not sextortion:
            reasons = [r for r in reasons if r.family == "distress"]
        return ConversationAssessment(
            sextortion=sextortion,
            risk=round(risk, 4),
            stages=tuple(s for s in STAGES if s in found),
            urgent=urgent,
            reasons=tuple(reasons[: MAX_REASONS * 2]),
            messages=tuple(assessed),
            model_version=self.model.version,
        )
