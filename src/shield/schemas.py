"""Public JSON shapes, in one place: the CLI's --json and the HTTP API both render these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, field_validator

from shield.core.custody import CustodyEvent
from shield.core.guidance import Plan, Rulebook, Service
from shield.core.models import EvidenceItem
from shield.core.photohash import is_weak
from shield.core.ports import FileDigest
from shield.services.check import CheckResult
from shield.services.pack import PackCheck, PackResult
from shield.services.vault import Added, Shown


class Out(BaseModel):
    """A public shape read straight from a domain object whose fields have the same names."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, source: object) -> Self:
        return cls.model_validate(source)


def _as_text(value: object) -> object:
    """Ids are numbers inside and strings in the public shapes."""
    return str(value) if isinstance(value, int) else value


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


class ProblemOut(Out):
    kind: str
    where: str
    detail: str
    seq: int | None
    item: str | None


class VerificationOut(Out):
    ok: bool
    items: int
    events: int
    head: str
    problems: list[ProblemOut]


class OverviewOut(Out):
    reports: int
    evidence_items: int
    custody_events: int


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
    and ``threshold`` (so the verdict can be repeated), and, for a pasted conversation,
    ``messages`` (each line's sender, guessed role, stages)."""

    sextortion: bool
    risk: float
    stages: list[str]
    identifiers: list[CheckIdentifierOut]
    amounts: list[CheckAmountOut]
    advice: list[str]
    urgent: bool
    explanation: list[str]
    model: str
    threshold: float
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
            threshold=r.threshold,
            messages=[
                CheckLineOut(sender=x.sender, role=x.role, stages=list(x.stages), risk=x.risk)
                for x in r.lines
            ],
        )


class SourceOut(Out):
    path: str
    format: str
    sha256: str
    messages: int
    notes: list[str] = []


class PersonOut(Out):
    name: str
    role: str


class MessageOut(Out):
    source: int
    index: int
    ts: datetime | None
    sender: str
    text: str
    stages: list[str]
    kind: str


class IdentifierOut(Out):
    kind: str
    value: str
    normalized: str
    platform: str | None
    role: str
    message: tuple[int, int] | None
    last_seen: tuple[int, int] | None


class AmountOut(Out):
    amount: float
    currency: str
    message: tuple[int, int] | None
    paid: bool | None


class VerdictOut(Out):
    sextortion: bool
    risk: float
    stages: list[str]
    urgent: bool


class ExtractOut(Out):
    """CONTRACTS.md section 3, ``shield extract``; plus each source's ``notes``, each message's
    ``kind``, each identifier's ``last_seen``, each amount's ``paid`` and the ``versions`` of the
    rules and model that produced it."""

    sources: list[SourceOut]
    participants: list[PersonOut]
    messages: list[MessageOut]
    identifiers: list[IdentifierOut]
    amounts: list[AmountOut]
    assessment: VerdictOut
    versions: dict[str, str]


class BankOut(Out):
    name: str
    description: str
    provenance: str
    threshold: int
    created_at: datetime
    entries: int
    withdrawn: int


class BankEntryOut(Out):
    id: str
    bank: str
    pdq: str | None
    md5: str | None
    label: str
    source: str
    added_at: datetime
    withdrawn: bool
    withdrawn_at: datetime | None
    pipeline: str | None  # the hashing pipeline version that made pdq, when Shield made it

    id_as_text = field_validator("id", mode="before")(_as_text)


class BankChangeOut(Out):
    bank: str
    added: list[BankEntryOut]
    skipped: int


class AlignmentOut(Out):
    """How a query shows a banked photo (second stage): see ``shield.core.bank.Alignment``."""

    inliers: int
    correspondences: int
    rotation: float
    scale: float
    mirrored: bool
    crop: tuple[float, float, float, float]


class MatchOut(Out):
    """CONTRACTS.md section 3; ``variant``, ``stage`` (``pdq``, ``md5`` or ``features``) and
    ``alignment`` (second-stage matches only) are additions."""

    bank: str
    id: str
    distance: int
    label: str
    variant: str
    stage: str
    alignment: AlignmentOut | None = None

    id_as_text = field_validator("id", mode="before")(_as_text)


class MatchResultOut(Out):
    """CONTRACTS.md section 3; ``query`` (the PDQ or MD5 searched) is an addition, and ``path``
    is null when a hash was given instead of a file."""

    path: str | None
    query: str | None
    matches: list[MatchOut]


class FrameHashOut(BaseModel):
    ts: float
    pdq: str
    quality: int


class FileHashOut(BaseModel):
    """One line of `shield hash`: a photo's PDQ hash, or a video's frame hashes."""

    path: str
    pdq: str | list[FrameHashOut]
    quality: int
    md5: str
    sha256: str
    kind: Literal["image", "video"]
    weak: bool
    pipeline: str | None

    @classmethod
    def of(cls, digest: FileDigest) -> FileHashOut:
        if digest.kind == "video":
            frames = [FrameHashOut(ts=f.ts, pdq=f.pdq, quality=f.quality) for f in digest.frames]
            quality = max((f.quality for f in digest.frames), default=0)
            pdq: str | list[FrameHashOut] = frames
        else:
            quality = digest.quality or 0
            pdq = digest.pdq or ""
        return cls(
            path=digest.path,
            pdq=pdq,
            quality=quality,
            md5=digest.md5,
            sha256=digest.sha256,
            kind="video" if digest.kind == "video" else "image",
            weak=is_weak(quality),
            pipeline=digest.pipeline,
        )


class PackedFileOut(BaseModel):
    name: str
    size: int
    sha256: str


class PackOut(BaseModel):
    path: str
    created: datetime
    manifest_sha256: str
    files: list[PackedFileOut]
    omitted: list[str]

    @classmethod
    def of(cls, result: PackResult) -> PackOut:
        return cls(
            path=str(result.path),
            created=result.created,
            manifest_sha256=result.manifest_sha256,
            files=[PackedFileOut(name=f.name, size=f.size, sha256=f.sha256) for f in result.files],
            omitted=[c.original.name for c in result.carried if c.entry is None],
        )


class PackProblemOut(BaseModel):
    kind: str
    name: str
    detail: str


class PackCheckOut(BaseModel):
    ok: bool
    path: str
    files: int
    created: str | None
    manifest_sha256: str | None
    problems: list[PackProblemOut]

    @classmethod
    def of(cls, check: PackCheck) -> PackCheckOut:
        return cls(
            ok=check.ok,
            path=check.path,
            files=check.files,
            created=check.created,
            manifest_sha256=check.manifest_sha256,
            problems=[
                PackProblemOut(kind=p.kind, name=p.name, detail=p.detail) for p in check.problems
            ],
        )
