"""Hash photos and videos named on the command line or held in folders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from shield.core.errors import BadInput, NotAnImage
from shield.core.ports import FileDigest, PhotoHasher
from shield.services.vault import Intake, collect


@dataclass
class HashRun:
    digests: list[FileDigest] = field(default_factory=list)
    failures: list[BadInput] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


class HashingService:
    def __init__(self, hasher: PhotoHasher) -> None:
        self.hasher = hasher

    def hash(self, paths: Sequence[Path], *, keep_going: bool = False) -> HashRun:
        """Digest every file named, and every photo or video inside the folders named.

        A file named directly must be a photo or video. Inside a folder, files that are
        neither (notes, chat exports) are skipped. Any other bad file stops the run with its
        error, unless ``keep_going``: then it is recorded and the rest are still hashed.
        """
        run = HashRun()
        named = {Path(p) for p in paths}
        for intake in self._collect(paths, run, keep_going=keep_going):
            try:
                run.digests.append(self.hasher.digest(intake.path))
            except BadInput as error:
                if isinstance(error, NotAnImage) and intake.path not in named:
                    run.skipped.append(intake.path)
                    continue
                if not keep_going:
                    raise
                run.failures.append(error)
        return run

    @staticmethod
    def _collect(paths: Sequence[Path], run: HashRun, *, keep_going: bool) -> list[Intake]:
        if not keep_going:
            return collect(paths)
        found: list[Intake] = []
        for path in paths:
            try:
                found.extend(collect([path]))
            except BadInput as error:
                run.failures.append(error)
        return found
