"""The custody chain: canonical event bytes, the hash chain, and how to verify it.

An event's canonical bytes are its fields (without ``seq`` and ``hash``) as JSON with sorted
keys, no spaces, UTF-8. Its hash is the SHA-256 of those bytes; each event names the hash of
the one before it in ``prev`` (the first names GENESIS). Position (``seq``) is where the store
keeps an event; the chain, not the position, says what the order must be, so verification can
tell an altered event from a removed, reordered or inserted one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

GENESIS = "0" * 64
FORMAT_VERSION = 1

ACTIONS: tuple[str, ...] = ("received", "viewed", "exported", "verified")


@dataclass(frozen=True)
class CustodyEvent:
    seq: int
    ts: str
    actor: str
    action: str
    item: str | None
    sha256: str | None
    details: Mapping[str, Any]
    prev: str
    hash: str

    def body(self) -> dict[str, Any]:
        """The fields the hash covers."""
        return {
            "v": FORMAT_VERSION,
            "ts": self.ts,
            "actor": self.actor,
            "action": self.action,
            "item": self.item,
            "sha256": self.sha256,
            "details": dict(self.details),
            "prev": self.prev,
        }

    def record(self) -> dict[str, Any]:
        """The full record as mirrored to the JSON-lines log."""
        return {"seq": self.seq, **self.body(), "hash": self.hash}


def canonical_bytes(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def event_hash(body: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(body)).hexdigest()


def new_event(
    *,
    seq: int,
    prev: str,
    ts: str,
    actor: str,
    action: str,
    item: str | None = None,
    sha256: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> CustodyEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action!r}")
    draft = CustodyEvent(seq, ts, actor, action, item, sha256, dict(details or {}), prev, "")
    return CustodyEvent(**{**draft.__dict__, "hash": event_hash(draft.body())})


def event_from_record(record: Mapping[str, Any]) -> CustodyEvent:
    """Build an event from a mirrored record; raises KeyError/TypeError when fields are missing."""
    details = record["details"]
    if not isinstance(details, dict):
        raise TypeError("details is not an object")
    return CustodyEvent(
        seq=int(record["seq"]),
        ts=str(record["ts"]),
        actor=str(record["actor"]),
        action=str(record["action"]),
        item=None if record["item"] is None else str(record["item"]),
        sha256=None if record["sha256"] is None else str(record["sha256"]),
        details=details,
        prev=str(record["prev"]),
        hash=str(record["hash"]),
    )


@dataclass(frozen=True)
class Problem:
    """One thing verification found wrong. ``kind`` is altered, removed, reordered or inserted
    (or ``disagrees`` when the database and the log file differ)."""

    kind: str
    where: str
    detail: str
    seq: int | None = None
    item: str | None = None

    def line(self) -> str:
        return f"{self.kind}: {self.where}: {self.detail}"


@dataclass
class ChainReport:
    events: int = 0
    head: str = GENESIS
    problems: list[Problem] = field(default_factory=list)


def verify_chain(events: Sequence[CustodyEvent], where: str) -> ChainReport:
    """Check a chain kept in stored order; say what was altered, removed, reordered or inserted.

    The true order is rebuilt by following ``prev`` links from GENESIS, then compared with the
    stored order. Events are identified by their stored hash, so an event edited without
    recomputing its hash still links and is reported as altered, not as a broken chain.
    """
    report = ChainReport(events=len(events), head=events[-1].hash if events else GENESIS)
    report.problems += [
        Problem("altered", where, f"event {ev.seq} does not match its hash", ev.seq)
        for ev in events
        if event_hash(ev.body()) != ev.hash
    ]
    report.problems += _duplicate_positions(events, where)
    hashes = {ev.hash for ev in events}
    orphans = [i for i, ev in enumerate(events) if ev.prev != GENESIS and ev.prev not in hashes]
    report.problems += _breaks(events, orphans, where)
    chain = _rebuild(events, orphans)
    placed = set(chain)
    report.problems += [
        Problem(
            "inserted",
            where,
            f"event {ev.seq} does not belong to the chain (it claims to follow {ev.prev[:12]}…)",
            ev.seq,
        )
        for i, ev in enumerate(events)
        if i not in placed
    ]
    report.problems += [
        Problem(
            "reordered",
            where,
            f"the events at positions {events[b].seq} and {events[a].seq} are out of order: "
            f"the chain puts position {events[a].seq} first",
            events[b].seq,
        )
        for a, b in pairwise(chain)
        if events[b].prev == events[a].hash and b < a
    ]
    return report


def _duplicate_positions(events: Sequence[CustodyEvent], where: str) -> list[Problem]:
    seen: set[int] = set()
    problems = []
    for ev in events:
        if ev.seq in seen:
            problems.append(Problem("inserted", where, f"two events at position {ev.seq}", ev.seq))
        seen.add(ev.seq)
    return problems


def _breaks(events: Sequence[CustodyEvent], orphans: list[int], where: str) -> list[Problem]:
    """Orphans name a predecessor that is not in the log. Either something was removed before
    them (their position follows a gap) or the event before them was rewritten together with
    its hash (their position follows on directly)."""
    positions = {ev.seq for ev in events}
    problems = []
    for i in orphans:
        ev = events[i]
        if ev.seq - 1 >= 1 and ev.seq - 1 in positions:
            problems.append(
                Problem(
                    "altered",
                    where,
                    f"event {ev.seq - 1} was rewritten: event {ev.seq} names a predecessor "
                    f"{ev.prev[:12]}… that is no longer in the log",
                    ev.seq - 1,
                )
            )
        else:
            problems.append(
                Problem(
                    "removed",
                    where,
                    f"the event before position {ev.seq} is missing "
                    f"(its predecessor {ev.prev[:12]}… is not in the log)",
                    ev.seq,
                )
            )
    return problems


def _rebuild(events: Sequence[CustodyEvent], orphans: list[int]) -> list[int]:
    """The chain's own order, as indexes into ``events``.

    Each event has one predecessor, so the events form a forest hung from GENESIS and from the
    orphans. Heights (the longest run below a node) decide forks: the branch that carries the
    chain furthest is genuine, the others were inserted. Events not reachable (a forged cycle)
    are left out, and so count as inserted.
    """
    by_prev: dict[str, list[int]] = {}
    for i, ev in enumerate(events):
        by_prev.setdefault(ev.prev, []).append(i)
    children = {i: by_prev.get(ev.hash, []) for i, ev in enumerate(events)}
    order: list[int] = []
    reached: set[int] = set()
    frontier = by_prev.get(GENESIS, []) + orphans
    while frontier:
        i = frontier.pop()
        if i not in reached:
            reached.add(i)
            order.append(i)
            frontier.extend(children[i])
    height: dict[int, int] = {}
    for i in reversed(order):
        height[i] = 1 + max((height.get(j, 0) for j in children[i]), default=0)

    def best(candidates: list[int]) -> int:
        return max(candidates, key=lambda j: (height.get(j, 0), -j))

    chain: list[int] = []
    placed: set[int] = set()
    starts = ([best(by_prev[GENESIS])] if by_prev.get(GENESIS) else []) + orphans
    for start in starts:
        cur: int | None = start
        while cur is not None and cur not in placed:
            chain.append(cur)
            placed.add(cur)
            nxt = [j for j in children[cur] if j not in placed]
            cur = best(nxt) if nxt else None
    return chain


def compare_logs(database: Sequence[CustodyEvent], mirror: Sequence[CustodyEvent]) -> list[Problem]:
    """The database and the log file must hold the same events in the same order."""
    problems: list[Problem] = []
    db = {ev.seq: ev for ev in database}
    fl = {ev.seq: ev for ev in mirror}
    for seq in sorted(set(db) | set(fl)):
        a, b = db.get(seq), fl.get(seq)
        if a is None:
            problems.append(
                Problem("disagrees", "log file", f"event {seq} is in the log file only", seq)
            )
        elif b is None:
            problems.append(
                Problem("disagrees", "database", f"event {seq} is in the database only", seq)
            )
        elif a.record() != b.record():
            fields = sorted(k for k in a.record() if a.record()[k] != b.record().get(k))
            problems.append(
                Problem(
                    "disagrees",
                    "log file",
                    f"event {seq} differs from the database in {', '.join(fields)}",
                    seq,
                )
            )
    return problems


def items_in(events: Iterable[CustodyEvent]) -> set[str]:
    return {ev.item for ev in events if ev.item is not None}
