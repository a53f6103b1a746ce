"""Local features of a photo: SIFT keypoints and RootSIFT descriptors of a normalised copy.

The copy is decoded by the hashing pipeline (its header check refuses bombs and absurd sizes
before any pixel is decoded; EXIF orientation; alpha onto white; reduced decode and shrink)
so its long edge is at most ``BANK_EDGE`` (a banked photo) or ``QUERY_EDGE`` (a query, which
may be a screenshot with the photo in a part of it), then made grey.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from shield.adapters.imaging.pipeline import PDQ_1, canonical, open_checked
from shield.adapters.memory import keep_freed_memory

BANK_EDGE = 512
QUERY_EDGE = 640
BANK_FEATURES = 300
QUERY_FEATURES = 800
CONTRAST = 0.004  # SIFT's contrast threshold (OpenCV's default 0.04 finds too little in shade)
MIN_SIDE = 32  # smaller images hold nothing to match

cv2.setNumThreads(1)  # a query is one core's work
keep_freed_memory()  # SIFT's pyramid, freed, serves the next photo (see shield.adapters.memory)

# A descriptor is a 4 x 4 grid of 8-bin orientation histograms, row by row. Its mirror image
# (left to right, about the keypoint's own axis) has the grid's rows reversed and each
# histogram's bins negated: coordinate ``MIRROR[i]`` of a descriptor is coordinate ``i`` of
# its mirror image's. Each coordinate changes place with another (none stays).
MIRROR = np.arange(128).reshape(4, 4, 8)[::-1, :, :][:, :, (-np.arange(8)) % 8].ravel()


@dataclass(frozen=True)
class Keypoints:
    """Keypoints of one normalised image: positions in its pixels, SIFT sizes and angles
    (degrees, as OpenCV measures them), RootSIFT descriptors, and the image's size."""

    xy: NDArray[np.float32]
    size: NDArray[np.float32]
    angle: NDArray[np.float32]
    desc: NDArray[np.float32]
    width: int
    height: int
    scale: float  # normalised pixels per original pixel

    def __len__(self) -> int:
        return len(self.xy)


def load_grey(path: Path, long_edge: int) -> tuple[NDArray[np.uint8], float]:
    """The normalised grey copy of a photo and its scale (normalised / original pixels),
    through the hashing pipeline's safe RGB decode (``pdq-1``'s steps, at ``long_edge``)."""
    image = open_checked(path)
    original = max(image.size)
    picture = canonical(image, str(path), PDQ_1, long_edge=long_edge)
    grey = np.asarray(picture.convert("L"), dtype=np.uint8)
    return grey, max(grey.shape) / original


def detect(grey: NDArray[np.uint8], limit: int, scale: float = 1.0) -> Keypoints:
    """The ``limit`` strongest SIFT keypoints of a grey image, with RootSIFT descriptors."""
    height, width = grey.shape
    if min(height, width) < MIN_SIDE:
        return _empty(width, height, scale)
    sift = cv2.SIFT_create(nfeatures=limit, contrastThreshold=CONTRAST)  # type: ignore[attr-defined]
    found, desc = sift.detectAndCompute(np.ascontiguousarray(grey), None)
    if desc is None or not found:
        return _empty(width, height, scale)
    found, desc = found[:limit], desc[:limit]
    xy = np.array([k.pt for k in found], dtype=np.float32).reshape(-1, 2)
    size = np.array([k.size for k in found], dtype=np.float32)
    angle = np.array([k.angle for k in found], dtype=np.float32)
    return Keypoints(xy, size, angle, root_sift(desc), width, height, scale)


def mirrored(points: Keypoints) -> Keypoints:
    """The keypoints the mirror image (left to right) would have, without detecting again:
    positions and angles reflected, and each descriptor's 4x4 grid of 8-bin histograms
    reflected across the keypoint's own axis (``MIRROR``)."""
    xy = np.column_stack([points.width - points.xy[:, 0], points.xy[:, 1]]).astype(np.float32)
    return Keypoints(
        xy,
        points.size,
        ((180.0 - points.angle) % 360.0).astype(np.float32),
        np.ascontiguousarray(points.desc[:, MIRROR]),
        points.width,
        points.height,
        points.scale,
    )


def root_sift(desc: NDArray[np.float32]) -> NDArray[np.float32]:
    """RootSIFT (Arandjelovic and Zisserman, 2012): L1-normalise, then square root."""
    d = np.asarray(desc, dtype=np.float32)
    d = d / np.maximum(d.sum(axis=1, keepdims=True), 1e-6)
    rooted: NDArray[np.float32] = np.sqrt(d).astype(np.float32)
    return rooted


def _empty(width: int, height: int, scale: float) -> Keypoints:
    return Keypoints(
        np.zeros((0, 2), np.float32),
        np.zeros(0, np.float32),
        np.zeros(0, np.float32),
        np.zeros((0, 128), np.float32),
        width,
        height,
        scale,
    )
