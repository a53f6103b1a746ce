"""Property: any one-byte change to any blob, stored event or log line is caught by verify."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shield.bootstrap import Shield, build, new_vault_key
from support import SteppingClock, blob_files, evidence_folder, log_path, make_settings, rows, sql

COLUMNS = ("ts", "actor", "action", "item", "sha256", "details", "prev", "hash")
KEY = new_vault_key()


@pytest.fixture(scope="module", params=["plain", "encrypted"])
def vault(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shield]:
    root = tmp_path_factory.mktemp(request.param)
    extra = {"vault_key": KEY} if request.param == "encrypted" else {}
    app = build(make_settings(root, **extra), clock=SteppingClock())
    added = app.vault.add([evidence_folder(root)], actor="intake")
    app.vault.show(added[0].item.id, actor="officer")
    assert app.vault.verify(actor="checker").ok
    yield app
    app.close()


@contextmanager
def rolled_back(vault: Shield) -> Iterator[None]:
    """Undo the events that verify appends while the vault is tampered with."""
    [(last,)] = rows(vault, "SELECT max(seq) FROM custody_events")
    log = log_path(vault).read_bytes()
    try:
        yield
    finally:
        sql(vault, "DELETE FROM custody_events WHERE seq > :s", s=last)
        log_path(vault).write_bytes(log)


def flip(data: bytes, position: int, value: int) -> bytes:
    changed = bytearray(data)
    changed[position % len(changed)] ^= value
    return bytes(changed)


quick = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@quick
@given(which=st.integers(0, 10), position=st.integers(0, 10**6), value=st.integers(1, 255))
def test_any_blob_byte(vault: Shield, which: int, position: int, value: int) -> None:
    blob = blob_files(vault)[which % len(blob_files(vault))]
    original = blob.read_bytes()
    os.chmod(blob, 0o600)
    with rolled_back(vault):
        try:
            blob.write_bytes(flip(original, position, value))
            assert not vault.vault.verify(actor="checker").ok
        finally:
            blob.write_bytes(original)
    assert vault.vault.verify(actor="checker").ok


@quick
@given(
    which=st.integers(0, 100),
    column=st.sampled_from(COLUMNS),
    position=st.integers(0, 10**6),
    replacement=st.characters(codec="utf-8", exclude_characters="\x00"),
)
def test_any_stored_event_character(
    vault: Shield, which: int, column: str, position: int, replacement: str
) -> None:
    events = rows(vault, "SELECT seq FROM custody_events ORDER BY seq")
    seq = events[which % len(events)][0]
    [(original,)] = rows(vault, f"SELECT {column} FROM custody_events WHERE seq = {seq}")
    if original is None:
        changed = replacement
    else:
        text = str(original)
        i = position % len(text)
        if text[i] == replacement:
            replacement = "x" if replacement != "x" else "y"
        changed = text[:i] + replacement + text[i + 1 :]
    update = f"UPDATE custody_events SET {column} = :v WHERE seq = :s"
    with rolled_back(vault):
        sql(vault, update, v=changed, s=seq)
        try:
            assert not vault.vault.verify(actor="checker").ok
        finally:
            sql(vault, update, v=original, s=seq)
    assert vault.vault.verify(actor="checker").ok


@quick
@given(position=st.integers(0, 10**6), value=st.integers(1, 255))
def test_any_log_file_byte(vault: Shield, position: int, value: int) -> None:
    path: Path = log_path(vault)
    original = path.read_bytes()
    with rolled_back(vault):
        path.write_bytes(flip(original, position, value))
        assert not vault.vault.verify(actor="checker").ok
    assert vault.vault.verify(actor="checker").ok


def test_a_changed_format_version_in_the_log_file_is_caught(vault: Shield) -> None:
    """The version field is not kept on the event, so only the line's bytes can show it."""
    path: Path = log_path(vault)
    original = path.read_bytes()
    assert b'"v":1' in original
    with rolled_back(vault):
        path.write_bytes(original.replace(b'"v":1', b'"v":0', 1))
        result = vault.vault.verify(actor="checker")
        assert not result.ok
        assert any("canonical" in p.detail for p in result.problems)
    assert vault.vault.verify(actor="checker").ok
