"""Public JSON shapes, in one place: the CLI's --json and the HTTP API both render these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from shield.core.custody import CustodyEvent, Problem
from shield.core.guidance import Plan, Rulebook, Service
from shield.core.models import EvidenceItem
from shield.services.check import CheckResult
from shield.services.reports import Overview
from shield.services.vault import Added, Shown, Verification


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str = "ok"


class EvidenceItemOut(BaseModel):
    id: str
    sha256: str
    size: int
    media_type: str
    name: str
    received_at: datetime
    encrypted: bool

    @classmethod
    def of(cls, item: EvidenceItem) -> EvidenceItemOut:
        return cls(
            id=item.id,
            sha256=item.sha256,
            size=item.size,
            media_type=item.media_type,
            name=item.original_name,
            received_at=item.received_at,
            encrypted=item.encrypted,
        )


class AddedOut(EvidenceItemOut):
    new: bool
    added_as: str

    @classmethod
    def of_added(cls, added: Added) -> AddedOut:
        return cls(
            **EvidenceItemOut.of(added.item).model_dump(), new=added.new, added_as=added.name
        )


class CustodyEventOut(BaseModel):
    seq: int
    ts: str
    actor: str
    action: str
    item: str | None
    sha256: str | None
    details: dict[str, Any]
    prev: str
    hash: str

    @classmethod
    def of(cls, ev: CustodyEvent) -> CustodyEventOut:
        return cls(**ev.record() | {"details": dict(ev.details)})


class ShownOut(BaseModel):
    item: EvidenceItemOut
    custody: list[CustodyEventOut]

    @classmethod
    def of(cls, shown: Shown) -> ShownOut:
        return cls(
            item=EvidenceItemOut.of(shown.item),
            custody=[CustodyEventOut.of(e) for e in shown.events],
        )


class ProblemOut(BaseModel):
    kind: str
    where: str
    detail: str
    seq: int | None
    item: str | None

    @classmethod
    def of(cls, p: Problem) -> ProblemOut:
        return cls(kind=p.kind, where=p.where, detail=p.detail, seq=p.seq, item=p.item)


class VerificationOut(BaseModel):
    ok: bool
    items: int
    events: int
    head: str
    problems: list[ProblemOut]

    @classmethod
    def of(cls, v: Verification) -> VerificationOut:
        return cls(
            ok=v.ok,
            items=v.items,
            events=v.events,
            head=v.head,
            problems=[ProblemOut.of(p) for p in v.problems],
        )


class OverviewOut(BaseModel):
    reports: int
    evidence_items: int
    custody_events: int

    @classmethod
    def of(cls, o: Overview) -> OverviewOut:
        return cls(
            reports=o.reports, evidence_items=o.evidence_items, custody_events=o.custody_events
        )


class GuidanceServiceOut(BaseModel):
    """A service a person can reach: what it does, for whom, how, and when it was checked."""

    id: str
    country: str
    name: str
    does: str
    roles: list[str]
    ages: str
    who: str
    phone: str | None
    sms: str | None
    url: str | None
    hours: str | None
    source: str
    checked: date

    @classmethod
    def of(cls, s: Service) -> GuidanceServiceOut:
        return cls(
            id=s.id,
            country=s.country,
            name=s.name,
            does=s.does,
            roles=list(s.roles),
            ages=s.ages,
            who=s.who,
            phone=s.phone,
            sms=s.sms,
            url=s.url,
            hours=s.hours,
            source=s.source,
            checked=s.checked,
        )


class PlanStepOut(BaseModel):
    id: str
    text: str
    why: str
    services: list[str]  # ids of entries in the plan's "services"


class AdvicePlanOut(BaseModel):
    """`shield advise --json`: the ordered action plan and the services it names."""

    steps: list[PlanStepOut]
    services: list[GuidanceServiceOut]
    urgent: bool
    country: str
    country_supported: bool
    age_band: str

    @classmethod
    def of(cls, plan: Plan) -> AdvicePlanOut:
        return cls(
            steps=[
                PlanStepOut(id=s.id, text=s.text, why=s.why, services=[x.id for x in s.services])
                for s in plan.steps
            ],
            services=[GuidanceServiceOut.of(s) for s in plan.services],
            urgent=plan.urgent,
            country=plan.country.code,
            country_supported=plan.supported,
            age_band=plan.age_band,
        )


class GuidanceCheckOut(BaseModel):
    """`shield guidance check --json`: what a valid guidance file holds."""

    file: str
    countries: list[str]
    services: int
    steps: int
    oldest_check: date

    @classmethod
    def of(cls, rules: Rulebook, file: str) -> GuidanceCheckOut:
        return cls(
            file=file,
            countries=list(rules.countries),
            services=len(rules.services),
            steps=len(rules.steps),
            oldest_check=min(s.checked for s in rules.services),
        )


class CheckIdentifierOut(BaseModel):
    kind: str
    value: str
    normalized: str
    platform: str | None


class CheckAmountOut(BaseModel):
    amount: float
    currency: str


class CheckLineOut(BaseModel):
    sender: str
    role: str
    stages: list[str]
    risk: float


class CheckOut(BaseModel):
    """CONTRACTS.md section 3, ``shield check``, plus ``urgent``, ``explanation``, ``model``
    and, for a pasted conversation, ``messages`` (each line's sender, guessed role, stages)."""

    sextortion: bool
    risk: float
    stages: list[str]
    identifiers: list[CheckIdentifierOut]
    amounts: list[CheckAmountOut]
    advice: list[str]
    urgent: bool
    explanation: list[str]
    model: str
    messages: list[CheckLineOut]

    @classmethod
    def of(cls, r: CheckResult) -> CheckOut:
        return cls(
            sextortion=r.sextortion,
            risk=r.risk,
            stages=list(r.stages),
            identifiers=[
                CheckIdentifierOut(
                    kind=i.kind, value=i.value, normalized=i.normalized, platform=i.platform
                )
                for i in r.identifiers
            ],
            amounts=[CheckAmountOut(amount=a.amount, currency=a.currency) for a in r.amounts],
            advice=list(r.advice),
            urgent=r.urgent,
            explanation=list(r.explanation),
            model=r.model,
            messages=[
                CheckLineOut(sender=x.sender, role=x.role, stages=list(x.stages), risk=x.risk)
                for x in r.lines
            ],
        )
