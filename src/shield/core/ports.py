"""The ports: what use cases need from the outside world, as Protocols.

Adapters implement them; bootstrap picks which. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from shield.core.bank import Alignment, Bank, BankEntry, NewEntry
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
    pipeline: str | None = None  # the preprocessing version that made the PDQ hashes


class PhotoHasher(Protocol):
    def digest(self, path: Path) -> FileDigest:
        """Hash a file with the canonical pipeline; raise BadInput subclasses on bad files."""
        ...

    def query_variants(self, path: Path) -> list[PhotoHash]:
        """The hashes a query tries: the photo, its 8 rotations/mirrors, its de-bordered copy."""
        ...


class Advisor(Protocol):
    """Advice lines for a checked message or conversation (``shield check`` shows them)."""

    def advice(
        self,
        *,
        sextortion: bool,
        urgent: bool,
        stages: Sequence[str],
        country: str = "GB",
        age: int | None = None,
    ) -> list[str]:
        """Short lines, most important first: crisis support first when ``urgent``; the core
        steps (never pay, keep evidence, stop contact, report) when ``sextortion``; short,
        calm, general safety advice otherwise."""


@dataclass(frozen=True)
class TextBox:
    """One line of text an OCR engine found: its text, its axis-aligned box in image pixels
    (``x0, y0`` top left, ``x1, y1`` bottom right, after EXIF orientation) and its score 0-1."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float = 1.0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def center_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def center_y(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class OcrPage:
    """What OCR read on one image: its size and its text boxes (in no promised order).
    ``taken`` is when the picture says it was made (EXIF), where it says so."""

    width: int
    height: int
    boxes: tuple[TextBox, ...]
    taken: datetime | None = None


class OcrEngine(Protocol):
    name: str

    def read(self, path: Path) -> OcrPage:
        """Decode an image safely and read its text; raise BadInput subclasses on bad files.
        Runs locally: no network, no model downloaded."""
        ...


@dataclass(frozen=True)
class IndexHit:
    """One stored hash found by a range search: its id and its distance from the query."""

    id: int
    distance: int


INDEX_NAMES = ("linear", "mih")  # the index family; the registry must hold exactly these


class HashIndex(Protocol):
    """An exact range index over 256-bit PDQ hashes, keyed by integer ids.

    ``search`` returns every live hash within ``radius`` (nothing missed), nearest first and
    ties by id. ``add`` and ``remove`` take effect for the very next search.
    """

    @property
    def name(self) -> str: ...

    def __len__(self) -> int:
        """How many live hashes the index holds."""
        ...

    def add(self, ids: Sequence[int], hashes: Sequence[str]) -> None: ...

    def remove(self, ids: Sequence[int]) -> None: ...

    def search(self, pdq: str, radius: int) -> list[IndexHit]: ...

    def search_many(self, queries: Sequence[str], radius: int) -> list[list[IndexHit]]: ...


class BankRepository(Protocol):
    def create_bank(
        self, name: str, description: str, provenance: str, threshold: int, at: datetime
    ) -> Bank:
        """Store a new bank; raise BadInput if the name is taken."""
        ...

    def bank(self, name: str) -> Bank | None: ...

    def banks(self) -> list[Bank]: ...

    def add_entries(
        self, bank: str, entries: Sequence[NewEntry], at: datetime
    ) -> tuple[list[BankEntry], int]:
        """Store, in one transaction, every entry the bank does not already hold live;
        return the stored entries and how many were skipped as already held."""
        ...

    def withdraw(self, bank: str, entry_id: int, at: datetime) -> BankEntry:
        """Mark an entry withdrawn at once; raise NotFound if the bank has no such entry."""
        ...

    def entries(self, bank: str, *, withdrawn: bool = False) -> list[BankEntry]:
        """The bank's live entries (and withdrawn ones too if asked), oldest first."""
        ...

    def entries_by_id(self, ids: Sequence[int]) -> dict[int, BankEntry]: ...

    def live_pdq_since(self, bank: str, after_id: int) -> tuple[list[int], list[str], int, int]:
        """(ids, pdq hashes) of live entries with a PDQ and id > after_id, the bank's highest
        entry id, and how many live entries with a PDQ it holds in all."""
        ...

    def withdrawn_ids(self, bank: str) -> list[int]: ...

    def live_md5(self, bank: str, md5: str) -> list[BankEntry]: ...

    def live_features_since(
        self, bank: str, after_id: int, version: str
    ) -> tuple[list[int], list[bytes], int, int]:
        """(ids, feature bytes) of live entries with features of ``version`` and id >
        after_id, the bank's highest entry id, and how many live entries have such features."""
        ...


@dataclass(frozen=True)
class FeatureHit:
    """A banked photo the second stage found in a query, and how the query shows it.
    ``pairs`` are the inlier matches: (x, y) in the banked photo, (x, y) in the query, in
    each photo's own pixels; ``bank_size`` is the banked photo's (width, height)."""

    id: int
    alignment: Alignment
    pairs: tuple[tuple[float, float, float, float], ...]
    bank_size: tuple[int, int]


class FeatureIndex(Protocol):
    """Banked photos' local features, searchable; adds and removals take effect at once."""

    def __len__(self) -> int: ...

    def __contains__(self, entry_id: object) -> bool: ...

    def add(self, ids: Sequence[int], blobs: Sequence[bytes]) -> None: ...

    def remove(self, ids: Sequence[int]) -> None: ...


class PhotoFeatures(Protocol):
    """The second matching stage: local features that survive crops, turns and frames."""

    @property
    def version(self) -> str:
        """Names the extractor and vocabulary; features of another version are not used."""
        ...

    def describe(self, path: Path) -> bytes:
        """The compact features of a photo being banked; raise BadInput on bad files."""
        ...

    def new_index(self) -> FeatureIndex: ...

    def prepare(self, path: Path) -> object:
        """A query photo's features, ready to search any index; raise BadInput on bad files."""
        ...

    def search(self, index: FeatureIndex, query: object) -> list[FeatureHit]:
        """Banked photos the prepared query shows, verified, most inliers first."""
        ...

    def explain(self, path: Path, hit: FeatureHit, target: Path) -> None:
        """Draw the query beside the banked photo's frame, the matched region and inliers."""
        ...


class IndexCache(Protocol):
    """Saved indexes, one per bank, each tagged with the bank it holds and how far it goes."""

    def new(self) -> HashIndex: ...

    def open(self, key: str) -> tuple[HashIndex, dict[str, Any]] | None:
        """The saved index and its tag, or None when there is none or it is unreadable."""
        ...

    def keep(self, key: str, index: HashIndex, tag: dict[str, Any]) -> None: ...


class Extractor(Protocol):
    """Turns chat exports and screenshots into one Extraction (CONTRACTS.md, `shield extract`)."""

    def extract(self, paths: Sequence[Path], *, victim: str | None, region: str) -> Extraction:
        """Read every file; raise BadInput subclasses naming the file on bad input."""
        ...


class DocumentRenderer(Protocol):
    """Draws a Document as a PDF. The same document gives the same bytes."""

    def render(self, document: Document) -> bytes: ...
