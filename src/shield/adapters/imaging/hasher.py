"""The photo hasher: PDQ (reference implementation), MD5 and SHA-256, photos and videos."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image

from shield.adapters.imaging import borders, video
from shield.adapters.imaging.pipeline import (
    PDQ_1,
    PIPELINE_VERSION,
    canonical,
    check_pipeline,
    open_checked,
    pdq,
)
from shield.core.errors import DecoderMissing, EmptyFile, MissingPath, UnreadableFile
from shield.core.mediatype import SNIFF_BYTES, sniff
from shield.core.ports import FileDigest, PhotoHash

WEAK_QUALITY = 50
"""PDQ's own advice: hashes of quality below 50 (flat, featureless images) match too easily."""

HEIF_TYPES = frozenset({"image/heic", "image/heif"})

T = Image.Transpose
# The dihedral group: each variant is the photo with this transformation applied.
DIHEDRAL: tuple[tuple[str, tuple[Image.Transpose, ...]], ...] = (
    ("original", ()),
    ("rot90", (T.ROTATE_90,)),  # a quarter turn anticlockwise
    ("rot180", (T.ROTATE_180,)),
    ("rot270", (T.ROTATE_270,)),
    ("mirror", (T.FLIP_LEFT_RIGHT,)),  # left and right swapped
    ("mirror_rot90", (T.TRANSPOSE,)),  # mirrored, then a quarter turn anticlockwise
    ("mirror_rot180", (T.FLIP_TOP_BOTTOM,)),
    ("mirror_rot270", (T.TRANSVERSE,)),
)
VARIANTS: tuple[str, ...] = (*(name for name, _ in DIHEDRAL), "unbordered")


def _register_heif() -> bool:
    try:
        import pi_heif  # noqa: PLC0415 (optional: the `heic` extra)
    except ImportError:
        return False
    pi_heif.register_heif_opener()
    return True


class PdqPhotoHasher:
    """Implements core.ports.PhotoHasher with one version of the canonical pipeline: the
    default (``PIPELINE_VERSION``), or ``pdq-1`` to compare with hashes made by it."""

    weak_quality = WEAK_QUALITY

    def __init__(self, pipeline: str = PIPELINE_VERSION) -> None:
        self.pipeline = check_pipeline(pipeline)
        self._heif: bool | None = None  # registered on the first HEIF file

    @property
    def heif(self) -> bool:
        """Whether a HEIC/HEIF decoder is installed (and now registered with Pillow)."""
        if self._heif is None:
            self._heif = _register_heif()
        return self._heif

    def digest(self, path: Path) -> FileDigest:
        md5, sha256, head = _file_hashes(path)
        media_type = sniff(head)
        if media_type.startswith("video/"):
            frames = video.frame_hashes(path, self.pipeline)
            return FileDigest(
                str(path), "video", md5, sha256, frames=frames, pipeline=self.pipeline
            )
        image = self._canonical(path, media_type)
        digest, quality = pdq(image, self.pipeline)
        return FileDigest(
            str(path), "image", md5, sha256, pdq=digest, quality=quality, pipeline=self.pipeline
        )

    def query_variants(self, path: Path) -> list[PhotoHash]:
        media_type = sniff(_head(path))
        image = self._canonical(path, media_type)
        found = []
        for name, steps in DIHEDRAL:
            turned = image
            for step in steps:
                turned = turned.transpose(step)
            digest, quality = pdq(turned, self.pipeline)
            found.append(PhotoHash(digest, quality, name))
        # The frame is looked for in the grey of the RGB picture whichever the version: pdq-2's
        # luma of a JPEG differs from it by a level or two, enough to move a frame's edge.
        rgb = self._canonical(path, media_type, PDQ_1) if image.mode == "L" else image
        box = borders.content_box(np.asarray(rgb.convert("L")))
        if box is not None:
            digest, quality = pdq(image.crop(box), self.pipeline)
            found.append(PhotoHash(digest, quality, "unbordered"))
        return found

    def _canonical(self, path: Path, media_type: str, pipeline: str | None = None) -> Image.Image:
        if media_type in HEIF_TYPES and not self.heif:
            raise DecoderMissing(
                "a HEIC/HEIF photo, and no HEIF decoder is installed (install shield[heic])",
                path=str(path),
            )
        with open_checked(path) as opened:
            return canonical(opened, str(path), pipeline or self.pipeline)


def _head(path: Path) -> bytes:
    """The first bytes of a file; refuse missing, unreadable or empty files."""
    with _reading(path) as handle:
        head = handle.read(SNIFF_BYTES)
    if not head:
        raise EmptyFile("an empty file (0 bytes)", path=str(path))
    return head


def _file_hashes(path: Path) -> tuple[str, str, bytes]:
    """MD5 and SHA-256 of the bytes, and the first bytes; refuse missing or empty files."""
    md5 = hashlib.md5(usedforsecurity=False)
    sha256 = hashlib.sha256()
    head = b""
    with _reading(path) as handle:
        while chunk := handle.read(1 << 20):
            if len(head) < SNIFF_BYTES:
                head += chunk[: SNIFF_BYTES - len(head)]
            md5.update(chunk)
            sha256.update(chunk)
    if not head:
        raise EmptyFile("an empty file (0 bytes)", path=str(path))
    return md5.hexdigest(), sha256.hexdigest(), head


@contextmanager
def _reading(path: Path) -> Iterator[BinaryIO]:
    shown = str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise MissingPath("no such file", path=shown) from exc
    except IsADirectoryError as exc:
        raise UnreadableFile("a folder, not a file", path=shown) from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}", path=shown) from exc
    with handle:
        try:
            yield handle
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {exc.strerror}", path=shown) from exc
