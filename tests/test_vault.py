"""The vault: copies in, keeps once, logs every touch (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from shield.bootstrap import Shield, build, new_vault_key
from shield.core.errors import (
    ConfigurationError,
    DirectoryLoop,
    FileChanged,
    KeyRequired,
    MissingPath,
    NotFound,
    UnreadableFile,
)
from support import (
    CHAT,
    JPEG,
    PNG,
    SteppingClock,
    blob_files,
    evidence_folder,
    log_path,
    make_settings,
    snapshot,
    tmp_files,
)


def test_add_copies_hashes_and_sniffs_by_content(shield: Shield, tmp_path: Path) -> None:
    folder = evidence_folder(tmp_path)
    # a PNG named .jpg: the type comes from the bytes, not the name
    (folder / "renamed.jpg").write_bytes(PNG + b"x")
    added = shield.vault.add([folder], actor="tester")
    by_name = {a.name: a.item for a in added}
    assert sorted(by_name) == [
        "evidence/chat.txt",
        "evidence/renamed.jpg",
        "evidence/shots/photo.jpg",
        "evidence/shots/screen1.png",
    ]
    assert by_name["evidence/renamed.jpg"].media_type == "image/png"
    assert by_name["evidence/shots/photo.jpg"].media_type == "image/jpeg"
    assert by_name["evidence/chat.txt"].media_type == "text/plain"
    import hashlib

    assert by_name["evidence/chat.txt"].sha256 == hashlib.sha256(CHAT).hexdigest()
    assert by_name["evidence/chat.txt"].size == len(CHAT)
    # copied, never moved
    assert (folder / "chat.txt").read_bytes() == CHAT
    assert len(blob_files(shield)) == 4
    assert tmp_files(shield) == []


def test_same_file_twice_is_one_blob_and_two_events(shield: Shield, tmp_path: Path) -> None:
    f = tmp_path / "photo.jpg"
    f.write_bytes(JPEG)
    first = shield.vault.add([f], actor="tester")
    second = shield.vault.add([f], actor="tester")
    assert first[0].new and not second[0].new
    assert first[0].item.id == second[0].item.id
    assert len(blob_files(shield)) == 1
    events = shield.store.events()
    assert [(e.action, e.item) for e in events] == [("received", first[0].item.id)] * 2
    assert shield.vault.verify(actor="tester").ok


def test_show_and_export_are_logged_and_export_is_byte_exact(
    shield: Shield, tmp_path: Path
) -> None:
    f = tmp_path / "screen.png"
    f.write_bytes(PNG)
    item = shield.vault.add([f], actor="officer1")[0].item
    shown = shield.vault.show(item.id, actor="officer2")
    assert [e.action for e in shown.events] == ["received", "viewed"]
    assert shown.events[-1].actor == "officer2"
    out = shield.vault.export(item.sha256, tmp_path / "out", actor="officer2")
    assert out.read_bytes() == PNG
    again = shield.vault.export(item.id, tmp_path / "out", actor="officer2")
    assert again != out and again.read_bytes() == PNG
    actions = [e.action for e in shield.store.events()]
    assert actions == ["received", "viewed", "exported", "exported"]
    with pytest.raises(NotFound):
        shield.vault.show("0" * 16, actor="x")


def test_log_file_mirrors_the_database(shield: Shield, tmp_path: Path) -> None:
    shield.vault.add([evidence_folder(tmp_path)], actor="tester")
    lines = log_path(shield).read_text(encoding="utf-8").splitlines()
    db = shield.store.events()
    assert [json.loads(line) for line in lines] == [e.record() for e in db]


def test_encrypted_vault_keeps_no_plaintext_and_reads_back(tmp_path: Path) -> None:
    key = new_vault_key()
    app = build(make_settings(tmp_path, vault_key=key), clock=SteppingClock())
    secret = b"TOP-SECRET-EVIDENCE " * 100_000  # 2 MB: more than one chunk
    f = tmp_path / "video.bin"
    f.write_bytes(secret)
    item = app.vault.add([f], actor="tester")[0].item
    assert item.encrypted
    [blob] = blob_files(app)
    stored = blob.read_bytes()
    assert b"TOP-SECRET" not in stored
    assert item.sha256 not in str(blob)  # the name does not reveal the content's hash
    assert key not in json.dumps([str(r) for r in snapshot(app)[:2]])  # key never stored
    assert app.vault.export(item.id, tmp_path / "out", actor="t").read_bytes() == secret
    assert app.vault.verify(actor="tester").ok
    app.close()
    # without the key the blob cannot be read, and verify says so
    plain = build(make_settings(tmp_path), clock=SteppingClock())
    with pytest.raises(KeyRequired):
        plain.vault.export(item.id, tmp_path / "out2", actor="t")
    result = plain.vault.verify(actor="t")
    assert [p.kind for p in result.problems] == ["altered"]
    plain.close()
    # with another key, authentication fails
    other = build(make_settings(tmp_path, vault_key=new_vault_key()), clock=SteppingClock())
    assert not other.vault.verify(actor="t").ok
    other.close()


def test_bad_vault_key_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError):
        build(make_settings(tmp_path, vault_key="not-a-key"))


# -- bad input: one clear error, store unchanged ----------------------------------------------


def test_missing_path_changes_nothing(shield: Shield, tmp_path: Path) -> None:
    shield.vault.add([evidence_folder(tmp_path)], actor="t")
    before = snapshot(shield)
    extra = tmp_path / "new.txt"
    extra.write_text("new evidence")
    with pytest.raises(MissingPath) as err:
        shield.vault.add([extra, tmp_path / "nope.png"], actor="t")
    assert "nope.png" in str(err.value)
    assert snapshot(shield) == before
    assert tmp_files(shield) == []


def test_directory_loop_is_refused(shield: Shield, tmp_path: Path) -> None:
    folder = evidence_folder(tmp_path)
    os.symlink(folder, folder / "shots" / "back-up")
    before = snapshot(shield)
    with pytest.raises(DirectoryLoop) as err:
        shield.vault.add([folder], actor="t")
    assert "back-up" in str(err.value)
    assert snapshot(shield) == before


def test_dangling_link_and_special_file(shield: Shield, tmp_path: Path) -> None:
    folder = evidence_folder(tmp_path)
    os.symlink(tmp_path / "gone", folder / "dangling")
    with pytest.raises(MissingPath):
        shield.vault.add([folder], actor="t")
    os.unlink(folder / "dangling")
    os.mkfifo(folder / "pipe")
    with pytest.raises(UnreadableFile) as err:
        shield.vault.add([folder], actor="t")
    assert "not a regular file" in str(err.value)
    assert snapshot(shield)[0] == []


def test_read_error_midway_changes_nothing(shield: Shield, tmp_path: Path) -> None:
    """A file that opens but fails to read (here: the kernel answers EIO) stores nothing."""
    folder = evidence_folder(tmp_path)
    failing = Path("/proc/self/mem")
    if not failing.exists():
        pytest.skip("no /proc on this system")
    shield.vault.add([folder / "chat.txt"], actor="t")
    before = snapshot(shield)
    with pytest.raises(UnreadableFile) as err:
        shield.vault.add([folder / "shots", failing], actor="t")
    assert "/proc/self/mem" in str(err.value)
    assert snapshot(shield) == before
    assert tmp_files(shield) == []


def test_file_changing_while_read_is_refused(shield: Shield, tmp_path: Path) -> None:
    growing = tmp_path / "recording.mp4"
    growing.write_bytes(os.urandom(1 << 20) * 48)
    stop = threading.Event()

    def keep_writing() -> None:
        with open(growing, "ab") as out:
            while not stop.is_set():
                out.write(b"more")
                out.flush()
                stop.wait(0.0005)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        with pytest.raises(FileChanged) as err:
            shield.vault.add([growing], actor="t")
    finally:
        stop.set()
        writer.join()
    assert "recording.mp4" in str(err.value)
    assert snapshot(shield)[0] == [] and blob_files(shield) == [] and tmp_files(shield) == []
