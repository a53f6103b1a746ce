"""The evidence vault: copy in, keep once, log every touch, and prove nothing changed.

Adding is all or nothing: every file is copied aside and hashed first; only when all copies
are whole do blobs move into place and their items and custody events reach the store, in one
transaction, mirrored to the log file under the vault's write lock.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from shield.core.custody import (
    GENESIS,
    ChainReport,
    CustodyEvent,
    Problem,
    compare_logs,
    new_event,
    verify_chain,
)
from shield.core.errors import BadInput, DirectoryLoop, MissingPath, NotFound, UnreadableFile
from shield.core.mediatype import sniff
from shield.core.models import EvidenceItem
from shield.core.ports import BlobCheck, BlobStore, Clock, CustodyMirror, EvidenceRepository

ITEM_ID_LENGTH = 16


@dataclass(frozen=True)
class Intake:
    path: Path
    name: str


@dataclass(frozen=True)
class Added:
    item: EvidenceItem
    name: str
    new: bool


@dataclass(frozen=True)
class Shown:
    item: EvidenceItem
    events: list[CustodyEvent]


@dataclass
class Verification:
    items: int = 0
    events: int = 0
    head: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def collect(paths: Sequence[Path]) -> list[Intake]:
    """The regular files named or held (recursively) by ``paths``, loops and bad paths refused."""
    found: list[Intake] = []
    for path in paths:
        if not os.path.lexists(path):
            raise MissingPath("no such file or folder", path=str(path))
        try:
            info = os.stat(path)
        except FileNotFoundError as exc:
            raise MissingPath("a link to nothing", path=str(path)) from exc
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {exc.strerror}", path=str(path)) from exc
        if stat.S_ISDIR(info.st_mode):
            found.extend(_walk(path, Path(path.name), [(info.st_dev, info.st_ino)]))
        elif stat.S_ISREG(info.st_mode):
            _check_readable(path)
            found.append(Intake(path, path.name))
        else:
            raise UnreadableFile("not a regular file or folder", path=str(path))
    return found


def _check_readable(path: Path) -> None:
    if not os.access(path, os.R_OK):
        raise UnreadableFile("permission denied", path=str(path))


def _walk(folder: Path, shown: Path, ancestry: list[tuple[int, int]]) -> Iterator[Intake]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise UnreadableFile(f"cannot list folder: {exc.strerror}", path=str(folder)) from exc
    for entry in entries:
        path = Path(entry.path)
        try:
            info = entry.stat(follow_symlinks=True)
        except FileNotFoundError as exc:
            raise MissingPath("a link to nothing", path=str(path)) from exc
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {exc.strerror}", path=str(path)) from exc
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestry:
                raise DirectoryLoop("this link leads back to a folder it is inside", path=str(path))
            yield from _walk(path, shown / entry.name, [*ancestry, key])
        elif stat.S_ISREG(info.st_mode):
            _check_readable(path)
            yield Intake(path, (shown / entry.name).as_posix())
        else:
            raise UnreadableFile("not a regular file or folder", path=str(path))


class VaultService:
    def __init__(
        self,
        evidence: EvidenceRepository,
        blobs: BlobStore,
        log: CustodyMirror,
        clock: Clock,
    ) -> None:
        self.evidence = evidence
        self.blobs = blobs
        self.log = log
        self.clock = clock

    # -- the log ---------------------------------------------------------------------------
    def _stamp(self) -> str:
        return self.clock.now().isoformat(timespec="microseconds")

    def _append(
        self, actor: str, entries: Sequence[tuple[str, EvidenceItem | None, dict[str, Any]]]
    ) -> list[CustodyEvent]:
        """Chain new events onto the head; the caller holds the write lock."""
        seq, prev = self.evidence.custody_head()
        events = []
        for action, item, details in entries:
            seq += 1
            ev = new_event(
                seq=seq,
                prev=prev,
                ts=self._stamp(),
                actor=actor,
                action=action,
                item=item.id if item else None,
                sha256=item.sha256 if item else None,
                details=details,
            )
            events.append(ev)
            prev = ev.hash
        return events

    def _log_one(
        self, actor: str, action: str, item: EvidenceItem | None, details: dict[str, Any]
    ) -> None:
        with self.log.writing():
            events = self._append(actor, [(action, item, details)])
            self.evidence.record([], events)
            self.log.append(events)

    # -- use cases -------------------------------------------------------------------------
    def add(self, paths: Sequence[Path], *, actor: str) -> list[Added]:
        intakes = collect(paths)
        staged = []
        try:
            for intake in intakes:
                staged.append((intake, self.blobs.stage(intake.path)))
        except BaseException:
            for _, s in staged:
                self.blobs.discard(s)
            raise
        kept: list[str] = []
        try:
            with self.log.writing():
                received = self._stamp()
                seen: dict[str, EvidenceItem] = {}
                new_items: list[EvidenceItem] = []
                results: list[Added] = []
                entries: list[tuple[str, EvidenceItem | None, dict[str, Any]]] = []
                for intake, s in staged:
                    item = seen.get(s.sha256) or self.evidence.item_by_sha256(s.sha256)
                    new = item is None
                    if item is None:
                        locator = self.blobs.keep(s)
                        kept.append(locator)
                        item = EvidenceItem(
                            id=s.sha256[:ITEM_ID_LENGTH],
                            sha256=s.sha256,
                            size=s.size,
                            media_type=sniff(s.head),
                            original_name=intake.name,
                            received_at=datetime.fromisoformat(received),
                            blob=locator,
                            encrypted=self.blobs.encrypted,
                        )
                        new_items.append(item)
                    else:
                        self.blobs.discard(s)
                    seen[s.sha256] = item
                    results.append(Added(item, intake.name, new))
                    entries.append(
                        ("received", item, {"name": intake.name, "size": s.size, "new": new})
                    )
                events = self._append(actor, entries)
                self.evidence.record(new_items, events)
                kept.clear()  # recorded: they belong to the vault now
                self.log.append(events)
        finally:
            for locator in kept:
                self.blobs.forget(locator)
            for _, s in staged:
                self.blobs.discard(s)
        return results

    def items(self) -> list[EvidenceItem]:
        return self.evidence.items()

    def _find(self, ref: str) -> EvidenceItem:
        ref = ref.strip().lower()
        item = self.evidence.item(ref) or (
            self.evidence.item_by_sha256(ref) if len(ref) == 64 else None
        )
        if item is None:
            raise NotFound(f"no evidence item {ref!r} in the vault")
        return item

    def show(self, ref: str, *, actor: str) -> Shown:
        item = self._find(ref)
        self._log_one(actor, "viewed", item, {})
        return Shown(item, [ev for ev in self.evidence.events() if ev.item == item.id])

    def read(self, ref: str, *, actor: str, purpose: str) -> tuple[EvidenceItem, Iterator[bytes]]:
        """The original bytes of an item, logged as viewed for ``purpose``."""
        item = self._find(ref)
        self._log_one(actor, "viewed", item, {"purpose": purpose})
        return item, self.blobs.read(item.blob)

    def export(self, ref: str, destination: Path, *, actor: str) -> Path:
        item = self._find(ref)
        if destination.exists() and not destination.is_dir():
            raise BadInput("not a folder", path=str(destination))
        destination.mkdir(parents=True, exist_ok=True)
        target = destination / Path(item.original_name).name
        if target.exists():
            target = destination / f"{item.id}-{Path(item.original_name).name}"
        if target.exists():
            raise BadInput("already exists; export elsewhere", path=str(target))
        partial = target.with_name(f".{target.name}.partial")
        sha = hashlib.sha256()
        try:
            with open(partial, "xb") as out:
                for chunk in self.blobs.read(item.blob):
                    sha.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if sha.hexdigest() != item.sha256:
                raise BadInput(
                    "the stored blob no longer matches its hash; run `shield vault verify`",
                    path=item.id,
                )
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self._log_one(actor, "exported", item, {"to": str(target), "sha256": sha.hexdigest()})
        return target

    def record_export(self, ref: str, details: dict[str, Any], *, actor: str) -> None:
        """Log that an item left the vault by another route (e.g. inside an evidence pack)."""
        self._log_one(actor, "exported", self._find(ref), details)

    def verify(self, *, actor: str) -> Verification:
        result = Verification()
        items = self.evidence.items()
        events = self.evidence.events()
        mirrored, unreadable = self.log.read()
        result.items, result.events = len(items), len(events)
        chain: ChainReport = verify_chain(events, "database")
        result.head = chain.head
        result.problems += chain.problems
        result.problems += verify_chain(mirrored, "log file").problems
        result.problems += [Problem("altered", "log file", line) for line in unreadable]
        result.problems += compare_logs(events, mirrored)
        result.problems += self._check_items(items, events)
        result.problems += self._check_blobs(items)
        self._log_one(
            actor,
            "verified",
            None,
            {"ok": result.ok, "problems": len(result.problems), "head": result.head},
        )
        return result

    def _check_items(
        self, items: Sequence[EvidenceItem], events: Sequence[CustodyEvent]
    ) -> list[Problem]:
        problems: list[Problem] = []
        receipts: dict[str, CustodyEvent] = {}
        for ev in events:
            if ev.action == "received" and ev.item is not None:
                receipts.setdefault(ev.item, ev)
        by_id = {it.id: it for it in items}
        for it in items:
            receipt = receipts.get(it.id)
            if receipt is None:
                problems.append(
                    Problem(
                        "inserted",
                        "database",
                        f"item {it.id} has no receipt in the custody log",
                        item=it.id,
                    )
                )
            elif receipt.sha256 != it.sha256:
                problems.append(
                    Problem(
                        "altered",
                        "database",
                        f"item {it.id} has a SHA-256 other than its receipt",
                        item=it.id,
                    )
                )
        for item_id in sorted(set(receipts) - set(by_id)):
            problems.append(
                Problem(
                    "removed",
                    "database",
                    f"item {item_id} is in the custody log but not in the store",
                    item=item_id,
                )
            )
        return problems

    def _check_blobs(self, items: Sequence[EvidenceItem]) -> list[Problem]:
        problems: list[Problem] = []
        for it in items:
            check: BlobCheck = self.blobs.check(it.blob)
            if check.error is not None:
                kind = "removed" if check.missing else "altered"
                problems.append(Problem(kind, "blob", f"item {it.id}: {check.error}", item=it.id))
            elif check.sha256 != it.sha256:
                problems.append(
                    Problem(
                        "altered",
                        "blob",
                        f"item {it.id}: its bytes no longer match its SHA-256",
                        item=it.id,
                    )
                )
        known = {it.blob for it in items}
        for locator in self.blobs.locators():
            if locator not in known:
                problems.append(
                    Problem("inserted", "blob", f"{locator} is not the blob of any item")
                )
        return problems
