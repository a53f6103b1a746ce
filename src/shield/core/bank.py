"""Hash banks: named collections of photo hashes with labels and provenance, and matches.

A bank holds entries with a PDQ hash, an MD5 of the file's bytes, or both. A withdrawn entry
is kept for the record but never matches again. Each bank has its own distance threshold;
a search uses the smaller of the bank's threshold and the distance the caller asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from shield.core.errors import BadInput
from shield.core.hamming import DEFAULT_THRESHOLD, normalize_md5, normalize_pdq, validate_radius
from shield.core.photohash import PIPELINES

BANK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
MAX_LABEL = 500
MAX_TEXT = 2000


def check_bank_name(name: str) -> str:
    if not BANK_NAME.match(name):
        raise BadInput(
            f"a bank name is 1-100 letters, digits, '.', '_' or '-' (first a letter or digit): "
            f"{name[:120]!r}"
        )
    return name


def clean_text(value: str | None, limit: int, what: str) -> str:
    text = " ".join((value or "").split())
    if len(text) > limit:
        raise BadInput(f"{what} is longer than {limit} characters")
    return text


@dataclass(frozen=True)
class Bank:
    id: int
    name: str
    description: str
    provenance: str
    threshold: int
    created_at: datetime
    entries: int = 0
    withdrawn: int = 0


@dataclass(frozen=True)
class NewEntry:
    """An entry about to be stored: at least one of pdq and md5, both in normal form.
    ``pipeline`` is the hashing pipeline version that made ``pdq`` when Shield made it
    (docs/hashing.md); None for hashes from elsewhere."""

    pdq: str | None
    md5: str | None
    label: str = ""
    source: str = ""
    pipeline: str | None = None
    features: bytes | None = None  # the photo's local features, when made from a photo
    features_version: str = ""

    @classmethod
    def of(
        cls,
        pdq: str | None,
        md5: str | None,
        label: str | None = None,
        source: str | None = None,
        pipeline: str | None = None,
        *,
        features: bytes | None = None,
        features_version: str = "",
    ) -> NewEntry:
        if not pdq and not md5:
            raise BadInput("an entry needs a PDQ hash or an MD5 digest")
        if pipeline is not None and (not pdq or pipeline not in PIPELINES):
            raise BadInput(
                f"pipeline {pipeline!r}: one of {', '.join(PIPELINES)}, and only with a PDQ hash"
            )
        return cls(
            pdq=normalize_pdq(pdq) if pdq else None,
            md5=normalize_md5(md5) if md5 else None,
            label=clean_text(label, MAX_LABEL, "a label"),
            source=clean_text(source, MAX_TEXT, "a source"),
            pipeline=pipeline,
            features=features,
            features_version=features_version if features else "",
        )

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.pdq, self.md5)


@dataclass(frozen=True)
class BankEntry:
    id: int
    bank: str
    pdq: str | None
    md5: str | None
    label: str
    source: str
    added_at: datetime
    withdrawn: bool = False
    withdrawn_at: datetime | None = None
    pipeline: str | None = None  # the pipeline version that made pdq, when Shield made it


@dataclass(frozen=True)
class Alignment:
    """How a query shows a banked photo, found by the second (local feature) stage.

    ``inliers`` of ``correspondences`` matched features agree on one placement: the banked
    photo mirrored (left to right, when ``mirrored``), then turned ``rotation`` degrees
    anticlockwise and scaled by ``scale`` (query pixels per banked-photo pixel); ``crop`` is the
    part of the banked photo the query's frame covers (its bounding box, so a turned query
    covers a little more than it shows), (left, top, right, bottom) as fractions of the banked
    photo's width and height.
    """

    inliers: int
    correspondences: int
    rotation: float
    scale: float
    mirrored: bool
    crop: tuple[float, float, float, float]


@dataclass(frozen=True)
class Match:
    """A bank entry found for a query: how far, and which variant of the query found it.

    ``stage`` says how: ``pdq`` (within the distance), ``md5`` (the same bytes) or
    ``features`` (the second stage: local features verified geometrically, ``alignment``
    says how; ``distance`` is then the PDQ distance, beyond the threshold).
    """

    bank: str
    id: int
    distance: int
    label: str
    variant: str
    stage: str = "pdq"
    alignment: Alignment | None = None


def effective_threshold(max_distance: int, bank_threshold: int) -> int:
    """The distance a search of one bank uses: the stricter of the caller's and the bank's."""
    return min(validate_radius(max_distance), validate_radius(bank_threshold))


def nearest_first(matches: list[Match]) -> list[Match]:
    """PDQ and MD5 matches nearest first, then second-stage matches, most inliers first."""
    return sorted(
        matches,
        key=lambda m: (
            m.alignment is not None,
            -m.alignment.inliers if m.alignment else m.distance,
            m.bank,
            m.id,
        ),
    )


__all__ = [
    "DEFAULT_THRESHOLD",
    "Alignment",
    "Bank",
    "BankEntry",
    "Match",
    "NewEntry",
    "check_bank_name",
    "effective_threshold",
    "nearest_first",
]
