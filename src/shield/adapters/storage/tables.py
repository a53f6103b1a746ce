"""The relational schema. Alembic migrations create it; a test checks they agree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ReportRow(Base):
    __tablename__ = "reports"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(40), default="manual")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ParticipantRow(Base):
    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))


class MessageRow(Base):
    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    source: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="text")
    ts: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sender: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    stages: Mapped[list[str]] = mapped_column(JSON, default=list)


class IdentifierRow(Base):
    __tablename__ = "identifiers"
    __table_args__ = (Index("ix_identifiers_kind_normalized", "kind", "normalized"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(String(512))
    platform: Mapped[str | None] = mapped_column(String(32), nullable=True)
    role: Mapped[str] = mapped_column(String(16))
    msg_source: Mapped[int | None] = mapped_column(Integer, nullable=True)
    msg_index: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_source: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_index: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AmountRow(Base):
    __tablename__ = "amounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    amount: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
    paid: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    msg_source: Mapped[int | None] = mapped_column(Integer, nullable=True)
    msg_index: Mapped[int | None] = mapped_column(Integer, nullable=True)


class EvidenceItemRow(Base):
    __tablename__ = "evidence_items"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    blob: Mapped[str] = mapped_column(String(200))
    encrypted: Mapped[bool] = mapped_column(Boolean)


class ReportEvidenceRow(Base):
    __tablename__ = "report_evidence"
    report_id: Mapped[str] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(ForeignKey("evidence_items.id"), primary_key=True)


class CustodyEventRow(Base):
    """Append-only. ``item`` is deliberately not a foreign key: the log outlives what it names,
    and verify reports an item that has gone missing rather than the database refusing it."""

    __tablename__ = "custody_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    item: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    details: Mapped[str] = mapped_column(Text)
    prev: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class BankRow(Base):
    """A named collection of photo hashes (known offender photos, stock model photos...)."""

    __tablename__ = "banks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    provenance: Mapped[str] = mapped_column(Text, default="")
    threshold: Mapped[int] = mapped_column(Integer, default=31)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BankEntryRow(Base):
    """One hash in a bank. Withdrawn entries stay (for the record) but never match."""

    __tablename__ = "bank_entries"
    __table_args__ = (
        Index("ix_bank_entries_bank_id_pdq", "bank_id", "pdq"),
        Index("ix_bank_entries_bank_id_md5", "bank_id", "md5"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"))
    pdq: Mapped[str | None] = mapped_column(String(64), nullable=True)
    md5: Mapped[str | None] = mapped_column(String(32), nullable=True)
    label: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The hashing pipeline version that made pdq (docs/hashing.md); None: made elsewhere.
    pipeline: Mapped[str | None] = mapped_column(String(16), nullable=True)


class BankFeaturesRow(Base):
    """The local features of a banked photo (the second matching stage), kept compactly.

    Only entries made from a photo have them; ``version`` names the extractor and vocabulary
    that made them, and features of another version are not used.
    """

    __tablename__ = "bank_features"
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("bank_entries.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
