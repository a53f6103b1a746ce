"""The store: migrations match the tables, engines behave alike, reports round-trip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from shield.adapters.storage.store import Store
from shield.adapters.storage.tables import Base
from shield.core.extraction import ExtractedAmount, ExtractedIdentifier, ExtractedMessage, Person
from shield.core.models import Report


def test_migrations_create_exactly_the_tables(database_url: str) -> None:
    store = Store(database_url)
    store.migrate()
    store.migrate()  # idempotent
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'deep' / 'folder' / 's.db'}")
    store.migrate()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_report_round_trip(database_url: str) -> None:
    store = Store(database_url)
    store.migrate()
    t = datetime(2024, 3, 1, 21, 4, tzinfo=UTC)
    report = Report(
        id="R-1",
        title="Instagram contact",
        created_at=t,
        summary="Ein Bericht über £250 – ünïcödé ✓",
        participants=(Person("sam", "victim"), Person("jess", "suspect")),
        messages=(
            ExtractedMessage(0, 0, "jess", "pay £250 😈", t, ("threat", "payment_demand")),
            ExtractedMessage(0, 1, "sam", "no", None, ()),
            ExtractedMessage(1, 0, "jess", "[photo]", None, (), "media"),
        ),
        identifiers=(
            ExtractedIdentifier(
                "handle",
                "snap: Jess_x92",
                "snapchat:jess_x92",
                "snapchat",
                "suspect",
                (0, 0),
                (1, 0),
            ),
            ExtractedIdentifier("email", "a@b.example", "a@b.example", None, "suspect", None),
        ),
        amounts=(ExtractedAmount(250.0, "GBP", (0, 0), False), ExtractedAmount(9.5, "EUR")),
    )
    store.add_report(report)
    assert store.count_reports() == 1
    assert store.reports() == [report]
    store.close()
