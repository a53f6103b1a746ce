"""Hash banks: create, fill from photos or bank files, export, withdraw entries, list.

Every change is one transaction: a file with one bad line, or a photo that cannot be hashed,
changes nothing. A withdrawn entry stops matching at once (matching checks each hit against
the store), and stays on record with the time it was withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from shield.core.bank import (
    MAX_TEXT,
    Bank,
    BankEntry,
    NewEntry,
    check_bank_name,
    clean_text,
)
from shield.core.errors import BadInput, HashingUnavailable, MissingPath, NotFound
from shield.core.hamming import DEFAULT_THRESHOLD, validate_radius
from shield.core.ports import BankRepository, Clock, PhotoFeatures, PhotoHasher
from shield.services.bankfile import FORMATS, read_entries, write_entries

MAX_FILES = 100_000


@dataclass(frozen=True)
class BankChange:
    bank: str
    added: list[BankEntry]
    skipped: int


def need_hasher(hasher: PhotoHasher | None) -> PhotoHasher:
    if hasher is None:
        raise HashingUnavailable(
            "photo hashing is not available in this installation; "
            "give hashes instead (shield bank import, shield match --pdq)"
        )
    return hasher


def photo_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the files inside folders named (sorted), each once."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise MissingPath("no such file or folder", path=str(path))
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
        else:
            found.append(path)
        if len(found) > MAX_FILES:
            raise BadInput(f"more than {MAX_FILES} files", path=str(path))
    return list(dict.fromkeys(found))


class BankService:
    def __init__(
        self,
        repo: BankRepository,
        clock: Clock,
        hasher: PhotoHasher | None,
        features: PhotoFeatures | None = None,
    ) -> None:
        self.repo = repo
        self.clock = clock
        self.hasher = hasher
        self.features = features

    def bank(self, name: str) -> Bank:
        found = self.repo.bank(check_bank_name(name))
        if found is None:
            raise NotFound(f"no bank named {name!r}")
        return found

    def create(
        self,
        name: str,
        *,
        threshold: int = DEFAULT_THRESHOLD,
        description: str = "",
        provenance: str = "",
    ) -> Bank:
        return self.repo.create_bank(
            check_bank_name(name),
            clean_text(description, MAX_TEXT, "a description"),
            clean_text(provenance, MAX_TEXT, "a provenance"),
            validate_radius(threshold),
            self.clock.now(),
        )

    def banks(self) -> list[Bank]:
        return self.repo.banks()

    def add_photos(self, name: str, paths: Sequence[Path], *, label: str = "") -> BankChange:
        """Hash files into a bank; each entry's source is the file's name (never its folder,
        which may say more about who added it than a bank that is shared should). A photo's
        local features are stored with its entry for the second matching stage."""
        bank = self.bank(name)
        hasher = need_hasher(self.hasher)
        entries: list[NewEntry] = []
        for path in photo_files(paths):
            digest = hasher.digest(path)
            if digest.kind == "video":
                entries.append(NewEntry.of(None, digest.md5, label, path.name))
                entries += [
                    NewEntry.of(f.pdq, None, label, f"{path.name}@{f.ts:g}s", digest.pipeline)
                    for f in digest.frames
                ]
            else:
                features = self.features.describe(path) if self.features else None
                entries.append(
                    NewEntry.of(
                        digest.pdq,
                        digest.md5,
                        label,
                        path.name,
                        digest.pipeline,
                        features=features,
                        features_version=self.features.version if self.features else "",
                    )
                )
        added, skipped = self.repo.add_entries(bank.name, entries, self.clock.now())
        return BankChange(bank.name, added, skipped)

    def import_file(self, name: str, path: Path, *, fmt: str | None = None) -> BankChange:
        bank = self.bank(name)
        if fmt is not None and fmt not in FORMATS:
            raise BadInput(f"unknown bank file format {fmt!r} (one of {', '.join(FORMATS)})")
        entries = read_entries(path, fmt)
        added, skipped = self.repo.add_entries(bank.name, entries, self.clock.now())
        return BankChange(bank.name, added, skipped)

    def entries(self, name: str, *, withdrawn: bool = False) -> list[BankEntry]:
        return self.repo.entries(self.bank(name).name, withdrawn=withdrawn)

    def export(self, name: str, fmt: str = "csv") -> Iterator[str]:
        if fmt not in FORMATS:
            raise BadInput(f"unknown bank file format {fmt!r} (one of {', '.join(FORMATS)})")
        return write_entries(self.entries(name), fmt)

    def remove(self, name: str, entry_id: str) -> BankEntry:
        bank = self.bank(name)
        text = entry_id.strip()
        if not text.isdigit() or len(text) > 18:
            raise BadInput(f"an entry id is a number, got {entry_id[:40]!r}")
        return self.repo.withdraw(bank.name, int(text), self.clock.now())
