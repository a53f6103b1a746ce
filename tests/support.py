"""Shared test helpers: a stepping clock, settings, sample evidence, direct store access."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from shield.bootstrap import Shield
from shield.settings import Settings


class SteppingClock:
    """A deterministic clock: starts at a fixed instant and moves one second per reading."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2024, 3, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


def make_settings(tmp_path: Path, database_url: str | None = None, **extra: object) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        actor="tester",
        _env_file=None,  # type: ignore[call-arg]
        **extra,  # type: ignore[arg-type]
    )


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0" + b"synthetic jpeg body " * 50
CHAT = "12/03/2024, 21:04 - Jess: send £250 or everyone sees it\n".encode()


def evidence_folder(root: Path) -> Path:
    folder = root / "evidence"
    (folder / "shots").mkdir(parents=True)
    (folder / "shots" / "screen1.png").write_bytes(PNG)
    (folder / "shots" / "photo.jpg").write_bytes(JPEG)
    (folder / "chat.txt").write_bytes(CHAT)
    return folder


def blob_files(shield: Shield) -> list[Path]:
    root = shield.settings.resolved_vault_dir / "blobs"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def tmp_files(shield: Shield) -> list[Path]:
    root = shield.settings.resolved_vault_dir / "tmp"
    return sorted(root.iterdir()) if root.exists() else []


def log_path(shield: Shield) -> Path:
    return shield.settings.resolved_vault_dir / "custody.jsonl"


def sql(shield: Shield, statement: str, **params: object) -> None:
    with shield.store.engine.begin() as conn:
        conn.execute(text(statement), params)


def rows(shield: Shield, statement: str) -> list[tuple[object, ...]]:
    with shield.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(statement))]


def snapshot(shield: Shield) -> tuple[object, ...]:
    """Everything stored: items, events, blob files and the log file's bytes."""
    log = log_path(shield)
    return (
        rows(shield, "SELECT * FROM evidence_items ORDER BY id"),
        rows(shield, "SELECT * FROM custody_events ORDER BY seq"),
        [(p.name, p.read_bytes()) for p in blob_files(shield)],
        log.read_bytes() if log.exists() else b"",
    )


def run_cli(
    args: list[str], data_dir: Path, *, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHIELD_DATA_DIR": str(data_dir), **(extra_env or {})}
    env.pop("SHIELD_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "shield.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
