"""The ports: what use cases need from the outside world, as Protocols.

Adapters implement them; bootstrap picks which. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from shield.core.custody import CustodyEvent
from shield.core.document import Document
from shield.core.extraction import Extraction
from shield.core.models import EvidenceItem, Report


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


@dataclass(frozen=True)
class StagedBlob:
    """A copy made but not yet kept: its digest, size, first bytes and where it waits."""

    sha256: str
    size: int
    head: bytes
    token: str


@dataclass(frozen=True)
class BlobCheck:
    locator: str
    sha256: str | None
    error: str | None = None
    missing: bool = False


class BlobStore(Protocol):
    encrypted: bool

    def stage(self, source: Path) -> StagedBlob:
        """Copy ``source`` aside, hashing as it streams; raise BadInput subclasses on failure."""
        ...

    def keep(self, staged: StagedBlob) -> str:
        """Make a staged copy permanent (once per content); return its locator."""
        ...

    def discard(self, staged: StagedBlob) -> None: ...

    def forget(self, locator: str) -> None:
        """Remove a blob kept moments ago whose record could not be stored."""
        ...

    def read(self, locator: str) -> Iterator[bytes]:
        """The original bytes of a kept blob, in chunks (decrypted where encrypted)."""
        ...

    def check(self, locator: str) -> BlobCheck:
        """Recompute the SHA-256 of a kept blob's original bytes."""
        ...

    def locators(self) -> list[str]:
        """Every blob kept on disk."""
        ...


class EvidenceRepository(Protocol):
    def item(self, item_id: str) -> EvidenceItem | None: ...

    def item_by_sha256(self, sha256: str) -> EvidenceItem | None: ...

    def items(self) -> list[EvidenceItem]: ...

    def custody_head(self) -> tuple[int, str]:
        """(last seq, last hash), or (0, GENESIS) for an empty log."""
        ...

    def record(self, items: Sequence[EvidenceItem], events: Sequence[CustodyEvent]) -> None:
        """Store new items and custody events in one transaction."""
        ...

    def events(self) -> list[CustodyEvent]:
        """Every custody event in stored order."""
        ...


class ReportRepository(Protocol):
    def add_report(self, report: Report) -> None: ...

    def reports(self) -> list[Report]: ...

    def count_reports(self) -> int: ...


class CustodyMirror(Protocol):
    """The append-only JSON-lines copy of the custody log, beside the blobs."""

    def writing(self) -> AbstractContextManager[None]:
        """Hold the vault's write lock: one writer appends to the chain at a time."""
        ...

    def append(self, events: Sequence[CustodyEvent]) -> None: ...

    def read(self) -> tuple[list[CustodyEvent], list[str]]:
        """The mirrored events, and a line per unreadable record."""
        ...


@dataclass(frozen=True)
class PhotoHash:
    """A PDQ hash (64 lower-case hex) of one variant of a photo: "original", a rotation or
    mirror ("rot90", "mirror", ...), or a copy with borders and app chrome stripped."""

    pdq: str
    quality: int
    variant: str = "original"


@dataclass(frozen=True)
class FrameHash:
    ts: float
    pdq: str
    quality: int


@dataclass(frozen=True)
class FileDigest:
    """Hashes of one image or video file. Images have ``pdq``/``quality``; videos have
    ``frames`` (one per second, consecutive duplicates dropped)."""

    path: str
    kind: str
    md5: str
    sha256: str
    pdq: str | None = None
    quality: int | None = None
    frames: tuple[FrameHash, ...] = ()


class PhotoHasher(Protocol):
    def digest(self, path: Path) -> FileDigest:
        """Hash a file with the canonical pipeline; raise BadInput subclasses on bad files."""
        ...

    def query_variants(self, path: Path) -> list[PhotoHash]:
        """The hashes a query tries: the photo, its 8 rotations/mirrors, its de-bordered copy."""
        ...


class Extractor(Protocol):
    """Turns chat exports and screenshots into one Extraction (CONTRACTS.md, `shield extract`)."""

    def extract(self, paths: Sequence[Path], *, victim: str | None, region: str) -> Extraction:
        """Read every file; raise BadInput subclasses naming the file on bad input."""
        ...


class DocumentRenderer(Protocol):
    """Draws a Document as a PDF. The same document gives the same bytes."""

    def render(self, document: Document) -> bytes: ...
