"""The custody log's mirror: an append-only JSON-lines file beside the blobs.

One line per event, written and fsynced under an exclusive lock that also serialises every
writer of the chain, so the database and the file receive events in the same order.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from shield.core.custody import CustodyEvent, event_from_record


class JsonlCustodyLog:
    """Implements the CustodyMirror port."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "custody.jsonl"
        self.lock_path = root / "custody.lock"

    @contextmanager
    def writing(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def append(self, events: Sequence[CustodyEvent]) -> None:
        if not events:
            return
        lines = b"".join(_line(ev) + b"\n" for ev in events)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, lines)
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self) -> tuple[list[CustodyEvent], list[str]]:
        events: list[CustodyEvent] = []
        errors: list[str] = []
        if not self.path.exists():
            return events, errors
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    record = json.loads(raw.decode("utf-8"))
                    if not isinstance(record, dict):
                        raise TypeError("not an object")
                    event = event_from_record(record)
                    events.append(event)
                    if _line(event) != raw.rstrip(b"\n"):
                        # a field the event does not keep (such as the format version "v")
                        # or the bytes around the fields were changed
                        errors.append(
                            f"{self.path.name} line {number}: not the canonical bytes of its "
                            "event (altered)"
                        )
                except (ValueError, TypeError, KeyError) as exc:
                    errors.append(f"{self.path.name} line {number}: unreadable record ({exc})")
        return events, errors


def _line(event: CustodyEvent) -> bytes:
    """An event's line in the log file (without its newline)."""
    return json.dumps(
        event.record(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
