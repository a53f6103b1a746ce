"""The SQL store: one engine, migrations at open, and the repositories over it.

SQLite (the embedded default) runs in WAL mode with foreign keys on; PostgreSQL runs through
psycopg 3. Both behave the same: the storage tests run on each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, overload

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from shield.adapters.storage.tables import (
    AmountRow,
    CustodyEventRow,
    EvidenceItemRow,
    IdentifierRow,
    MessageRow,
    ParticipantRow,
    ReportEvidenceRow,
    ReportRow,
)
from shield.core.custody import GENESIS, CustodyEvent, canonical_bytes
from shield.core.errors import ConfigurationError
from shield.core.extraction import (
    ExtractedAmount,
    ExtractedIdentifier,
    ExtractedMessage,
    Person,
    Position,
)
from shield.core.models import EvidenceItem, Report

MIGRATIONS = Path(__file__).parent / "migrations"


def normalize_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever driver the URL names (or none)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: datetime | None) -> datetime | None:
    """A time read back from the store, in UTC (SQLite hands back times without a zone)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def create_store_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _part(position: Position | None, i: int) -> int | None:
    return None if position is None else position[i]


def _position(source: int | None, index: int | None) -> Position | None:
    return None if source is None or index is None else (source, index)


class Store:
    """Implements EvidenceRepository and ReportRepository."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = create_store_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    # -- lifecycle -------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest migration."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["engine"] = self.engine
        try:
            command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise ConfigurationError(
                f"cannot prepare the database: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
            ) from exc

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # -- evidence --------------------------------------------------------------------------
    @staticmethod
    def _item(row: EvidenceItemRow) -> EvidenceItem:
        received = as_utc(row.received_at)
        return EvidenceItem(
            id=row.id,
            sha256=row.sha256,
            size=row.size,
            media_type=row.media_type,
            original_name=row.original_name,
            received_at=received,
            blob=row.blob,
            encrypted=row.encrypted,
        )

    def item(self, item_id: str) -> EvidenceItem | None:
        with self.session() as s:
            row = s.get(EvidenceItemRow, item_id)
            return None if row is None else self._item(row)

    def item_by_sha256(self, sha256: str) -> EvidenceItem | None:
        with self.session() as s:
            row = s.scalars(select(EvidenceItemRow).where(EvidenceItemRow.sha256 == sha256)).first()
            return None if row is None else self._item(row)

    def items(self) -> list[EvidenceItem]:
        with self.session() as s:
            rows = s.scalars(
                select(EvidenceItemRow).order_by(EvidenceItemRow.received_at, EvidenceItemRow.id)
            )
            return [self._item(r) for r in rows]

    def custody_head(self) -> tuple[int, str]:
        with self.session() as s:
            row = s.scalars(select(CustodyEventRow).order_by(CustodyEventRow.seq.desc())).first()
            return (0, GENESIS) if row is None else (row.seq, row.hash)

    def record(self, items: Sequence[EvidenceItem], events: Sequence[CustodyEvent]) -> None:
        with self.session() as s:
            for it in items:
                s.add(
                    EvidenceItemRow(
                        id=it.id,
                        sha256=it.sha256,
                        size=it.size,
                        media_type=it.media_type,
                        original_name=it.original_name,
                        received_at=it.received_at,
                        blob=it.blob,
                        encrypted=it.encrypted,
                    )
                )
            s.flush()
            for ev in events:
                s.add(
                    CustodyEventRow(
                        seq=ev.seq,
                        ts=ev.ts,
                        actor=ev.actor,
                        action=ev.action,
                        item=ev.item,
                        sha256=ev.sha256,
                        details=canonical_bytes(dict(ev.details)).decode("utf-8"),
                        prev=ev.prev,
                        hash=ev.hash,
                    )
                )

    def events(self) -> list[CustodyEvent]:
        with self.session() as s:
            rows = s.scalars(select(CustodyEventRow).order_by(CustodyEventRow.seq))
            out = []
            for r in rows:
                try:
                    details = json.loads(r.details)
                except ValueError:
                    details = {"unreadable": r.details}
                if not isinstance(details, dict):
                    details = {"unreadable": r.details}
                out.append(
                    CustodyEvent(
                        r.seq, r.ts, r.actor, r.action, r.item, r.sha256, details, r.prev, r.hash
                    )
                )
            return out

    # -- reports ---------------------------------------------------------------------------
    def add_report(self, report: Report) -> None:
        with self.session() as s:
            s.add(
                ReportRow(
                    id=report.id,
                    title=report.title,
                    summary=report.summary,
                    source=report.source,
                    created_at=report.created_at,
                )
            )
            s.flush()
            for i, p in enumerate(report.participants):
                s.add(ParticipantRow(report_id=report.id, position=i, name=p.name, role=p.role))
            for m in report.messages:
                s.add(
                    MessageRow(
                        report_id=report.id,
                        source=m.source,
                        position=m.index,
                        kind=m.kind,
                        ts=m.ts,
                        sender=m.sender,
                        text=m.text,
                        stages=list(m.stages),
                    )
                )
            for ident in report.identifiers:
                s.add(
                    IdentifierRow(
                        report_id=report.id,
                        kind=ident.kind,
                        value=ident.value,
                        normalized=ident.normalized,
                        platform=ident.platform,
                        role=ident.role,
                        msg_source=_part(ident.message, 0),
                        msg_index=_part(ident.message, 1),
                        last_source=_part(ident.last_seen, 0),
                        last_index=_part(ident.last_seen, 1),
                    )
                )
            for a in report.amounts:
                s.add(
                    AmountRow(
                        report_id=report.id,
                        amount=a.amount,
                        currency=a.currency,
                        paid=a.paid,
                        msg_source=_part(a.message, 0),
                        msg_index=_part(a.message, 1),
                    )
                )
            for item_id in report.evidence:
                s.add(ReportEvidenceRow(report_id=report.id, item_id=item_id))

    def reports(self) -> list[Report]:
        with self.session() as s:
            out = []
            for r in s.scalars(select(ReportRow).order_by(ReportRow.created_at, ReportRow.id)):
                out.append(self._report(s, r))
            return out

    def _report(self, s: Session, r: ReportRow) -> Report:
        def rows(model: Any, *order: Any) -> list[Any]:
            return list(s.scalars(select(model).where(model.report_id == r.id).order_by(*order)))

        created = as_utc(r.created_at)
        return Report(
            id=r.id,
            title=r.title,
            summary=r.summary,
            source=r.source,
            created_at=created,
            participants=tuple(
                Person(p.name, p.role) for p in rows(ParticipantRow, ParticipantRow.position)
            ),
            messages=tuple(
                ExtractedMessage(
                    m.source, m.position, m.sender, m.text, as_utc(m.ts), tuple(m.stages), m.kind
                )
                for m in rows(MessageRow, MessageRow.source, MessageRow.position)
            ),
            identifiers=tuple(
                ExtractedIdentifier(
                    i.kind,
                    i.value,
                    i.normalized,
                    i.platform,
                    i.role,
                    _position(i.msg_source, i.msg_index),
                    _position(i.last_source, i.last_index),
                )
                for i in rows(IdentifierRow, IdentifierRow.id)
            ),
            amounts=tuple(
                ExtractedAmount(a.amount, a.currency, _position(a.msg_source, a.msg_index), a.paid)
                for a in rows(AmountRow, AmountRow.id)
            ),
            evidence=tuple(e.item_id for e in rows(ReportEvidenceRow, ReportEvidenceRow.item_id)),
        )

    def count_reports(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(ReportRow)) or 0)
