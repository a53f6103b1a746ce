"""The visual vocabulary: descriptors become words, and a 64-bit signature within the word.

Each RootSIFT descriptor is assigned to its nearest of ``K`` centroids (k-means over the
descriptors of the development photos; ``scripts/train_vocabulary.py`` makes the file) and gets
a Hamming-embedding signature (Jegou, Douze and Schmid, 2008): its residual from the centroid,
projected on 64 fixed random orthogonal directions, one bit per direction set when the
projection is above that word's median. Two descriptors of the same spot share a word and
differ in few signature bits; two of unrelated spots rarely do both.

The file is NumPy's ``.npz`` read with ``allow_pickle=False``: arrays only, nothing executed.

A query is searched as it is and mirrored, so its descriptors and their mirror images are
both assigned. The mirror swaps a descriptor's coordinates in pairs, so in the coordinates
(a + b) / sqrt(2) and (a - b) / sqrt(2) of each pair (an orthonormal change, which keeps
every dot product) it keeps the first half and negates the second: a descriptor's product
with a centroid is ``even + odd`` and its mirror image's ``even - odd``. Both sides cost one
matrix product of the full size instead of two, in blocks of rows that stay in the cache.

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

from shield.adapters.features.keypoints import MIRROR

BITS = 64
DIM = 128
HALF = DIM // 2
BLOCK = 96  # descriptors scored at a time: their scores (3 MB) stay in the cache
_FIRST = np.flatnonzero(np.arange(DIM) < MIRROR)  # one coordinate of each pair the mirror swaps
_SECOND = MIRROR[_FIRST]


@dataclass(frozen=True)
class Vocabulary:
    centroids: NDArray[np.float32]  # (K, 128)
    even: NDArray[np.float32]  # (65, K): -2 x each centroid's even half, over its squared norm
    odd: NDArray[np.float32]  # (64, K): -2 x each centroid's odd half
    projection: NDArray[np.float32]  # (64, 128), orthonormal rows
    medians: NDArray[np.float32]  # (K, 64)
    fingerprint: str

    @property
    def size(self) -> int:
        return len(self.centroids)

    def assign(self, desc: NDArray[np.float32], nearest: int = 1) -> NDArray[np.int64]:
        """The ``nearest`` closest words of each descriptor, closest first: shape (n, nearest)."""
        return self._assign(desc, nearest, mirror=False)[0]

    def assign_mirrored(
        self, desc: NDArray[np.float32], nearest: int = 1
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The words of each descriptor (as ``assign``) and of its mirror image
        (``desc[:, MIRROR]``), for the price of one."""
        words, flipped = self._assign(desc, nearest, mirror=True)
        return words, flipped

    def _assign(
        self, desc: NDArray[np.float32], nearest: int, mirror: bool
    ) -> list[NDArray[np.int64]]:
        n = len(desc)
        ranked = [np.empty((n, nearest), np.int64) for _ in range(2 if mirror else 1)]
        even, odd = _halves(np.asarray(desc, np.float32))
        extended = np.ones((n, HALF + 1), np.float32)
        extended[:, :HALF] = even
        with _one_thread():
            for start in range(0, n, BLOCK):
                rows = slice(start, start + BLOCK)
                # |c|^2 - 2 d.c, the squared distance less the descriptor's norm, in two halves
                kept, turned = extended[rows] @ self.even, odd[rows] @ self.odd
                if mirror:
                    _nearest(np.subtract(kept, turned), ranked[1][rows])
                _nearest(np.add(kept, turned, out=kept), ranked[0][rows])
        return ranked

    def signatures(self, desc: NDArray[np.float32], words: NDArray[np.int64]) -> NDArray[np.uint64]:
        """The 64-bit signature of each descriptor within each of its words: shape of words."""
        if len(desc) == 0:
            return np.zeros(words.shape, np.uint64)
        residual = (desc[:, None, :] - self.centroids[words]).reshape(-1, DIM)
        with _one_thread():  # one product of n x m rows, not n products of m (6 times slower)
            projected = (residual @ self.projection.T).reshape(*words.shape, BITS)
        bits = projected > self.medians[words]
        packed: NDArray[np.uint64] = (
            np.packbits(bits, axis=-1, bitorder="little")
            .view("<u8")  # bit i of the signature is direction i, on any byte order
            .astype(np.uint64, copy=False)
            .reshape(words.shape)
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
    even, odd = _halves(centroids)
    return Vocabulary(
        centroids,
        np.ascontiguousarray(np.vstack([-2.0 * even.T, (centroids**2).sum(axis=1)[None, :]])),
        np.ascontiguousarray(-2.0 * odd.T),
        projection,
        medians,
        hashlib.sha256(data).hexdigest()[:16],
    )


def _halves(x: NDArray[np.float32]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Vectors in the coordinates that the mirror keeps (``even``) and negates (``odd``)."""
    a, b = x[:, _FIRST], x[:, _SECOND]
    scale = np.float32(np.sqrt(0.5))
    return ((a + b) * scale).astype(np.float32), ((a - b) * scale).astype(np.float32)


def _nearest(scores: NDArray[np.float32], out: NDArray[np.int64]) -> None:
    """Each row's ``out.shape[1]`` lowest scores' columns, lowest first (``scores`` is spent):
    argmin per rank, several times faster than a partition."""
    rows = np.arange(len(scores))
    for k in range(out.shape[1]):
        out[:, k] = np.argmin(scores, axis=1)
        if k + 1 < out.shape[1]:
            scores[rows, out[:, k]] = np.inf


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
