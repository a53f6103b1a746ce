"""Public JSON shapes, in one place: the CLI's --json and the HTTP API both render these."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from shield.core.custody import CustodyEvent, Problem
from shield.core.models import EvidenceItem
from shield.services.pack import PackCheck, PackResult
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
