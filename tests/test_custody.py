"""`verify` names each kind of tampering, in the database, the log file and the blobs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from shield.bootstrap import Shield
from shield.core.custody import new_event, verify_chain
from support import blob_files, evidence_folder, log_path, rows, sql


def filled(shield: Shield, tmp_path: Path) -> Shield:
    """A vault with three items and six events: 3 received, 1 viewed, 1 exported, 1 viewed."""
    added = shield.vault.add([evidence_folder(tmp_path)], actor="intake")
    first = added[0].item.id
    shield.vault.show(first, actor="officer")
    shield.vault.export(first, tmp_path / "out", actor="officer")
    shield.vault.show(added[1].item.id, actor="analyst")
    assert len(shield.store.events()) == 6
    return shield


def kinds(shield: Shield) -> list[tuple[str, str]]:
    result = shield.vault.verify(actor="checker")
    return sorted({(p.kind, p.where) for p in result.problems})


def test_untouched_vault_passes(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    result = shield.vault.verify(actor="checker")
    assert result.ok and result.problems == []
    assert result.events == 6 and result.items == 3
    # the verification itself is logged, and the vault still verifies after it
    assert shield.store.events()[-1].action == "verified"
    assert shield.vault.verify(actor="checker").ok


def test_changed_blob_byte(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    blob = blob_files(shield)[0]
    os.chmod(blob, 0o600)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x01
    blob.write_bytes(bytes(data))
    assert kinds(shield) == [("altered", "blob")]


def test_deleted_blob(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    blob_files(shield)[1].unlink()
    assert kinds(shield) == [("removed", "blob")]


def test_planted_blob(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    planted = shield.settings.resolved_vault_dir / "blobs" / "sha256" / "ff" / ("f" * 64)
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(b"planted")
    assert kinds(shield) == [("inserted", "blob")]


def test_edited_event(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    sql(shield, "UPDATE custody_events SET actor = 'someone-else' WHERE seq = 4")
    result = shield.vault.verify(actor="checker")
    found = {(p.kind, p.where, p.seq) for p in result.problems}
    assert ("altered", "database", 4) in found
    assert ("disagrees", "log file", 4) in found


def test_edited_event_with_recomputed_hash(shield: Shield, tmp_path: Path) -> None:
    """A careful forger recomputes the edited event's hash: the next event still names the
    old one, so the chain breaks right there."""
    filled(shield, tmp_path)
    [ev] = [e for e in shield.store.events() if e.seq == 4]
    forged = new_event(
        seq=4,
        prev=ev.prev,
        ts=ev.ts,
        actor="someone-else",
        action=ev.action,
        item=ev.item,
        sha256=ev.sha256,
        details=ev.details,
    )
    sql(
        shield,
        "UPDATE custody_events SET actor = :a, hash = :h WHERE seq = 4",
        a=forged.actor,
        h=forged.hash,
    )
    result = shield.vault.verify(actor="checker")
    found = {(p.kind, p.where, p.seq) for p in result.problems}
    assert ("altered", "database", 4) in found


def test_deleted_event(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    sql(shield, "DELETE FROM custody_events WHERE seq = 3")
    found = {(p.kind, p.where, p.seq) for p in shield.vault.verify(actor="c").problems}
    assert ("removed", "database", 4) in found
    assert ("disagrees", "log file", 3) in found


def test_deleted_last_event_is_caught_by_the_mirror(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    sql(shield, "DELETE FROM custody_events WHERE seq = 6")
    assert kinds(shield) == [("disagrees", "log file")]


def _swap_rows(shield: Shield, a: int, b: int) -> None:
    cols = "ts, actor, action, item, sha256, details, prev, hash"
    [ra] = rows(shield, f"SELECT {cols} FROM custody_events WHERE seq = {a}")
    [rb] = rows(shield, f"SELECT {cols} FROM custody_events WHERE seq = {b}")
    names = cols.split(", ")
    for seq, values in ((a, rb), (b, ra)):
        assignments = ", ".join(f"{n} = :{n}" for n in names)
        sql(
            shield,
            f"UPDATE custody_events SET {assignments} WHERE seq = :seq",
            seq=seq,
            **dict(zip(names, values, strict=True)),
        )


def test_swapped_events(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    _swap_rows(shield, 3, 4)
    found = {(p.kind, p.where) for p in shield.vault.verify(actor="c").problems}
    assert ("reordered", "database") in found
    assert ("altered", "database") not in found  # each event is intact, only the order is not
    assert ("disagrees", "log file") in found


def test_inserted_event_in_the_middle(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    events = shield.store.events()
    after = events[2]  # seq 3
    forged = new_event(
        seq=4,
        prev=after.hash,
        ts=after.ts,
        actor="forger",
        action="viewed",
        item=after.item,
        sha256=after.sha256,
    )
    # make room: shift seq 4.. up by one (highest first, to keep the primary key unique)
    for seq in range(len(events), 3, -1):
        sql(shield, "UPDATE custody_events SET seq = :n WHERE seq = :o", n=seq + 1, o=seq)
    sql(
        shield,
        "INSERT INTO custody_events (seq, ts, actor, action, item, sha256, details, prev, hash)"
        " VALUES (4, :ts, 'forger', 'viewed', :item, :sha, '{}', :prev, :hash)",
        ts=forged.ts,
        item=forged.item,
        sha=forged.sha256,
        prev=forged.prev,
        hash=forged.hash,
    )
    found = {(p.kind, p.where, p.seq) for p in shield.vault.verify(actor="c").problems}
    assert ("inserted", "database", 4) in found


def test_inserted_event_at_the_end_is_caught_by_the_mirror(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    last = shield.store.events()[-1]
    forged = new_event(seq=7, prev=last.hash, ts=last.ts, actor="forger", action="viewed")
    shield.store.record([], [forged])
    assert kinds(shield) == [("disagrees", "database")]


def test_log_file_that_disagrees(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    path = log_path(shield)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["details"]["name"] = "something-else.txt"
    lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    found = {(p.kind, p.where, p.seq) for p in shield.vault.verify(actor="c").problems}
    assert ("altered", "log file", 2) in found
    assert ("disagrees", "log file", 2) in found


def test_swapped_lines_in_the_log_file(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    path = log_path(shield)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2], lines[3] = lines[3], lines[2]
    path.write_text("".join(lines), encoding="utf-8")
    found = {(p.kind, p.where) for p in shield.vault.verify(actor="c").problems}
    assert ("reordered", "log file") in found


def test_removed_item_row(shield: Shield, tmp_path: Path) -> None:
    filled(shield, tmp_path)
    [(item_id,)] = rows(shield, "SELECT id FROM evidence_items ORDER BY id LIMIT 1")
    sql(shield, "DELETE FROM report_evidence WHERE item_id = :i", i=item_id)
    sql(shield, "DELETE FROM evidence_items WHERE id = :i", i=item_id)
    found = {(p.kind, p.where) for p in shield.vault.verify(actor="c").problems}
    assert ("removed", "database") in found  # the log still names it
    assert ("inserted", "blob") in found  # its blob now belongs to nothing


def test_chain_of_many_events_verifies_without_recursion() -> None:
    events = []
    prev = "0" * 64
    for seq in range(1, 20_001):
        ev = new_event(
            seq=seq, prev=prev, ts="2024-01-01T00:00:00+00:00", actor="a", action="viewed"
        )
        events.append(ev)
        prev = ev.hash
    assert verify_chain(events, "database").problems == []
    events[5000], events[5001] = events[5001], events[5000]
    assert {p.kind for p in verify_chain(events, "database").problems} == {"reordered"}


@pytest.mark.parametrize("position", [0, 1, 2])
def test_forged_cycle_is_not_followed_forever(position: int) -> None:
    a = new_event(seq=1, prev="0" * 64, ts="t", actor="a", action="viewed")
    b = new_event(seq=2, prev=a.hash, ts="t", actor="a", action="viewed")
    # an event whose stored hash is forged to be its own predecessor
    loop = new_event(seq=3, prev=b.hash, ts="t", actor="a", action="viewed")
    looped = type(loop)(**{**loop.__dict__, "prev": "f" * 64, "hash": "f" * 64})
    events = [a, b]
    events.insert(position, looped)
    problems = verify_chain(events, "database").problems
    assert problems  # terminates, and says something is wrong
