"""Fixtures: each test gets its own store and folders; storage tests run on every engine.

With SHIELD_TEST_DATABASE_URL set (CI sets it), tests that take ``database_url`` run on SQLite
and again on PostgreSQL, each PostgreSQL test in a schema of its own that is dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shield.bootstrap import Shield, build
from support import SteppingClock, make_settings

PG_URL = os.environ.get("SHIELD_TEST_DATABASE_URL")


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
