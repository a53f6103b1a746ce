"""The visual vocabulary: descriptors become words, and a 64-bit signature within the word.

Each RootSIFT descriptor is assigned to its nearest of ``K`` centroids (k-means over the
descriptors of the development photos; ``scripts/train_vocabulary.py`` makes the file) and gets
a Hamming-embedding signature (Jegou, Douze and Schmid, 2008): its residual from the centroid,
projected on 64 fixed random orthogonal directions, one bit per direction set when the
projection is above that word's median. Two descriptors of the same spot share a word and
differ in few signature bits; two of unrelated spots rarely do both.

The file is NumPy's ``.npz`` read with ``allow_pickle=False``: arrays only, nothing executed.

The products run on one BLAS thread, as the rest of the stage runs on one OpenCV thread: a
query is one core's work. OpenBLAS's own threads would add little to a product this size, and
after each product they spin waiting for more, taking the core from the SIFT that follows when
the process has one core (a busy server, a container, the benchmark): every step of a query
measured 1.3 to 1.6 times slower with them.
"""

from __future__ import annotations

import hashlib
import io
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

BITS = 64
DIM = 128
_WEIGHTS = 1 << np.arange(BITS, dtype=np.uint64)


@dataclass(frozen=True)
class Vocabulary:
    centroids: NDArray[np.float32]  # (K, 128)
    scoring: NDArray[np.float32]  # (129, K): -2 x each centroid, over its squared norm
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
        extended = np.ones((len(desc), DIM + 1), np.float32)
        extended[:, :DIM] = desc
        with _one_thread():  # |c|^2 - 2 d.c: the squared distance less the descriptor's norm
            scores = extended @ self.scoring  # in one product, no pass over the scores after
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
        with _one_thread():
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
    scoring = np.vstack([-2.0 * centroids.T, (centroids**2).sum(axis=1)[None, :]])
    return Vocabulary(
        centroids,
        np.ascontiguousarray(scoring, dtype=np.float32),
        projection,
        medians,
        hashlib.sha256(data).hexdigest()[:16],
    )


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def _one_thread() -> AbstractContextManager[Any]:
    """BLAS held to one thread for the duration (a hundredth of a millisecond to set)."""
    limit: AbstractContextManager[Any] = _controller().limit(limits=1, user_api="blas")
    return limit


@cache
def shipped() -> Vocabulary:
    return read()
