"""Geometric verification: do a query's and a banked photo's matching features agree on one
placement of the photo?

Candidate correspondences are made one-to-one (each feature used once, the closest pair kept),
then RANSAC fits a similarity (rotation, uniform scale, shift; a mirror is found by querying the
mirrored image) with OpenCV's ``estimateAffinePartial2D``. A fit is accepted only when

- its scale is within ``MAX_SCALE`` either way and its inliers are many (``MIN_INLIERS``) and a
  fair share of the correspondences (``MIN_RATIO``);
- each inlier agrees with the fit on its own keypoint too: its orientation turned by the fit's
  rotation (within ``ANGLE_TOLERANCE``) and its size scaled by the fit's scale (within
  ``SIZE_TOLERANCE`` either way), so that points which happen to line up but belong to
  different structures do not count;
- the inliers spread over at least ``MIN_SPREAD`` of the banked photo's area (a logo, a line of
  text or a patch of repeated texture is not a photo).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

MIN_INLIERS = 12
MIN_RATIO = 0.15
MAX_SCALE = 8.0
ANGLE_TOLERANCE = 25.0  # degrees
SIZE_TOLERANCE = 1.8
MIN_SPREAD = 0.04
REPROJECTION = 0.012  # of the query's long edge, in pixels of the normalised query
RANSAC_ITERATIONS = 2000


@dataclass(frozen=True)
class Fit:
    accepted: bool  # every bound below is met; a rejected fit is kept only for measuring
    inliers: int
    correspondences: int
    matrix: NDArray[np.float64]  # 2x3, banked-photo pixels -> query pixels (normalised)
    bank_points: NDArray[np.float32]  # inlier positions, normalised banked photo
    query_points: NDArray[np.float32]  # the same, normalised query

    @property
    def scale(self) -> float:
        return float(math.hypot(self.matrix[0, 0], self.matrix[1, 0]))

    @property
    def rotation(self) -> float:
        """Degrees the banked photo is turned anticlockwise in the query, in (-180, 180]."""
        return -math.degrees(math.atan2(self.matrix[1, 0], self.matrix[0, 0]))


def one_to_one(
    query: NDArray[np.int64], bank: NDArray[np.int64], distance: NDArray[np.integer]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Keep each query feature and each banked feature in at most one pair, closest first
    (ties broken by the features' numbers, so the result does not depend on input order)."""
    order = np.lexsort((query, bank, distance))
    q, b = query[order], bank[order]
    _, first = np.unique(b, return_index=True)
    first.sort()
    q, b = q[first], b[first]
    _, first = np.unique(q, return_index=True)
    first.sort()
    q, b = q[first], b[first]
    final = np.lexsort((q, b))  # a fixed order for RANSAC
    return q[final], b[final]


@dataclass(frozen=True)
class Placed:
    """Keypoints of one image, paired row by row with the other image's: positions, SIFT
    sizes and angles (degrees), and the image's (width, height)."""

    xy: NDArray[np.float32]
    size: NDArray[np.float32]
    angle: NDArray[np.float32]
    shape: tuple[int, int]


def fit(bank: Placed, query: Placed) -> Fit | None:
    """The similarity placing the banked photo in the query (``accepted`` when it meets every
    bound), or None when too few pairs allow none. Pairs are already one-to-one."""
    bank_xy, bank_size, bank_angle, bank_shape = bank.xy, bank.size, bank.angle, bank.shape
    query_xy, query_size, query_angle, query_shape = query.xy, query.size, query.angle, query.shape
    pairs = len(bank_xy)
    if pairs < 4:
        return None
    threshold = REPROJECTION * max(query_shape)
    matrix, mask = cv2.estimateAffinePartial2D(
        bank_xy.reshape(-1, 1, 2),
        query_xy.reshape(-1, 1, 2),
        method=cv2.RANSAC,
        ransacReprojThreshold=threshold,
        maxIters=RANSAC_ITERATIONS,
        confidence=0.999,
        refineIters=10,
    )
    if matrix is None or mask is None:
        return None
    inlier = mask.ravel().astype(bool)
    scale = math.hypot(matrix[0, 0], matrix[1, 0])
    if not scale > 1e-6:  # a degenerate fit (all points onto one)
        return None
    # each inlier's own orientation and size must agree with the fit
    turn = math.degrees(math.atan2(matrix[1, 0], matrix[0, 0]))
    expected = (bank_angle + turn) % 360.0
    off = np.abs((query_angle - expected + 180.0) % 360.0 - 180.0)
    ratio = query_size / np.maximum(bank_size, 1e-3) / scale
    inlier &= (off <= ANGLE_TOLERANCE) & (ratio <= SIZE_TOLERANCE) & (ratio >= 1 / SIZE_TOLERANCE)
    count = int(inlier.sum())
    points = bank_xy[inlier]
    span = np.ptp(points, axis=0) if count else np.zeros(2)
    accepted = (
        1 / MAX_SCALE <= scale <= MAX_SCALE
        and count >= MIN_INLIERS
        and count >= MIN_RATIO * pairs
        and span[0] * span[1] >= MIN_SPREAD * bank_shape[0] * bank_shape[1]
    )
    return Fit(accepted, count, pairs, matrix.astype(np.float64), points, query_xy[inlier])


def visible_box(
    fit: Fit, bank_shape: tuple[int, int], query_shape: tuple[int, int]
) -> tuple[float, float, float, float]:
    """The part of the banked photo the query shows: (left, top, right, bottom) as fractions
    of its width and height."""
    a = np.vstack([fit.matrix, [0.0, 0.0, 1.0]])
    inverse = np.linalg.inv(a)
    qw, qh = query_shape
    corners = np.array([[0, 0, 1], [qw, 0, 1], [qw, qh, 1], [0, qh, 1]], dtype=np.float64)
    mapped = (inverse @ corners.T)[:2].T
    bw, bh = bank_shape
    left, top = np.clip(mapped.min(axis=0), 0, [bw, bh])
    right, bottom = np.clip(mapped.max(axis=0), 0, [bw, bh])
    return (
        round(float(left / bw), 4),
        round(float(top / bh), 4),
        round(float(right / bw), 4),
        round(float(bottom / bh), 4),
    )
