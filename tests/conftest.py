"""Fixtures: each test gets its own store and folders; storage tests run on every engine.

With SHIELD_TEST_DATABASE_URL set (CI sets it), tests that take ``database_url`` run on SQLite
and again on PostgreSQL, each PostgreSQL test in a schema of its own that is dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shield.bootstrap import Shield, build
from shield.settings import Settings

PG_URL = os.environ.get("SHIELD_TEST_DATABASE_URL")


class SteppingClock:
    """A deterministic clock: starts at a fixed instant and moves one second per reading."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2024, 3, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


def _pg_schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    url = make_url(base).set(drivername="postgresql+psycopg")
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shield.db'}"
        return
    if not PG_URL:
        pytest.skip("SHIELD_TEST_DATABASE_URL is not set")
    yield from _pg_schema_url(PG_URL)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


def make_settings(tmp_path: Path, database_url: str | None = None, **extra: object) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        actor="tester",
        _env_file=None,  # type: ignore[call-arg]
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def shield(tmp_path: Path, database_url: str, clock: SteppingClock) -> Iterator[Shield]:
    app = build(make_settings(tmp_path, database_url), clock=clock)
    yield app
    app.close()


@pytest.fixture
def sqlite_shield(tmp_path: Path, clock: SteppingClock) -> Iterator[Shield]:
    app = build(make_settings(tmp_path), clock=clock)
    yield app
    app.close()
