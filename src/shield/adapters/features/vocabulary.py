"""The visual vocabulary: descriptors become words, and a 64-bit signature within the word.

Each RootSIFT descriptor is assigned to its nearest of ``K`` centroids (k-means over the
descriptors of the development photos; ``scripts/train_vocabulary.py`` makes the file) and gets
a Hamming-embedding signature (Jegou, Douze and Schmid, 2008): its residual from the centroid,
projected on 64 fixed random orthogonal directions, one bit per direction set when the
projection is above that word's median. Two descriptors of the same spot share a word and
differ in few signature bits; two of unrelated spots rarely do both.

The file is NumPy's ``.npz`` read with ``allow_pickle=False``: arrays only, nothing executed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

BITS = 64
DIM = 128
_WEIGHTS = 1 << np.arange(BITS, dtype=np.uint64)


@dataclass(frozen=True)
class Vocabulary:
    centroids: NDArray[np.float32]  # (K, 128)
    norms: NDArray[np.float32]  # (K,) squared norms of the centroids
    projection: NDArray[np.float32]  # (64, 128), orthonormal rows
    medians: NDArray[np.float32]  # (K, 64)
    fingerprint: str

    @property
    def size(self) -> int:
        return len(self.centroids)

    def assign(self, desc: NDArray[np.float32], nearest: int = 1) -> NDArray[np.int64]:
        """The ``nearest`` closest words of each descriptor, closest first: shape (n, nearest)."""
        if len(desc) == 0:
            return np.zeros((0, nearest), np.int64)
        scores = desc @ self.centroids.T  # squared distance, less the descriptor's own norm
        scores *= -2.0
        scores += self.norms
        ranked: NDArray[np.int64] = np.empty((len(desc), nearest), np.int64)
        rows = np.arange(len(desc))
        for k in range(nearest):  # argmin per rank: several times faster than a partition
            ranked[:, k] = np.argmin(scores, axis=1)
            if k + 1 < nearest:
                scores[rows, ranked[:, k]] = np.inf
        return ranked

    def signatures(self, desc: NDArray[np.float32], words: NDArray[np.int64]) -> NDArray[np.uint64]:
        """The 64-bit signature of each descriptor within each of its words: shape of words."""
        if len(desc) == 0:
            return np.zeros(words.shape, np.uint64)
        residual = desc[:, None, :] - self.centroids[words]  # (n, m, 128)
        projected = residual @ self.projection.T  # (n, m, 64)
        bits = projected > self.medians[words]
        packed: NDArray[np.uint64] = (bits.astype(np.uint64) * _WEIGHTS).sum(
            axis=2, dtype=np.uint64
        )
        return packed


def read(data: bytes | None = None) -> Vocabulary:
    """The vocabulary from ``data`` (an .npz), or the one that ships with Shield."""
    if data is None:
        data = resources.files("shield.adapters.features").joinpath("vocabulary.npz").read_bytes()
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        centroids = np.asarray(arrays["centroids"], dtype=np.float32)
        projection = np.asarray(arrays["projection"], dtype=np.float32)
        medians = np.asarray(arrays["medians"], dtype=np.float32)
    k = len(centroids)
    if centroids.shape != (k, DIM) or projection.shape != (BITS, DIM) or medians.shape != (k, BITS):
        raise ValueError("the vocabulary file's arrays have the wrong shapes")
    return Vocabulary(
        centroids,
        (centroids**2).sum(axis=1).astype(np.float32),
        projection,
        medians,
        hashlib.sha256(data).hexdigest()[:16],
    )


@cache
def shipped() -> Vocabulary:
    return read()
