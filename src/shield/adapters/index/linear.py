"""The reference index: a linear scan, XOR and popcount over every stored hash.

Obviously right, and the yardstick every other index is tested against. Also the fastest
choice for a few tens of thousands of hashes.
"""

from __future__ import annotations

from typing import Any, Self

import numpy as np
import numpy.typing as npt

from shield.adapters.index.base import WORDS, ArrayIndex, Ids, Words, as_radius
from shield.core.errors import BadInput


class LinearIndex(ArrayIndex):
    name = "linear"
    examples = ("a scan of every stored hash",)

    def __init__(self) -> None:
        self._words: Words = np.zeros((0, WORDS), dtype=np.uint64)
        self._ids: Ids = np.zeros(0, dtype=np.int64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def nbytes(self) -> int:
        return int(self._words.nbytes + self._ids.nbytes)

    def _grow(self, need: int) -> None:
        if need <= len(self._ids):
            return
        capacity = max(need, 2 * len(self._ids), 1024)
        words = np.zeros((capacity, WORDS), dtype=np.uint64)
        ids = np.zeros(capacity, dtype=np.int64)
        words[: self._size] = self._words[: self._size]
        ids[: self._size] = self._ids[: self._size]
        self._words, self._ids = words, ids

    def add_words(self, ids: Ids, words: Words) -> None:
        if len(ids) != len(words):
            raise BadInput(f"{len(ids)} ids for {len(words)} hashes")
        if len(ids) == 0:
            return
        if np.isin(ids, self._ids[: self._size]).any():
            raise BadInput("an id is already in the index")
        self._grow(self._size + len(ids))
        self._words[self._size : self._size + len(ids)] = words
        self._ids[self._size : self._size + len(ids)] = ids
        self._size += len(ids)

    def remove_ids(self, ids: Ids) -> int:
        keep = ~np.isin(self._ids[: self._size], ids)
        gone = self._size - int(keep.sum())
        if gone:
            kept = int(keep.sum())
            self._words[:kept] = self._words[: self._size][keep]
            self._ids[:kept] = self._ids[: self._size][keep]
            self._size = kept
        return gone

    def search_words(self, queries: Words, radius: int) -> list[tuple[Ids, npt.NDArray[np.int64]]]:
        radius = as_radius(radius)
        words = self._words[: self._size]
        out = []
        columns = (
            [np.ascontiguousarray(words[:, w]) for w in range(WORDS)] if len(queries) > 1 else None
        )
        for query in queries:
            cols = columns or [words[:, w] for w in range(WORDS)]
            dist = np.bitwise_count(cols[0] ^ query[0]).astype(np.int64)
            for w in range(1, WORDS):
                dist += np.bitwise_count(cols[w] ^ query[w])
            near = np.flatnonzero(dist <= radius)
            out.append((self._ids[near].copy(), dist[near]))
        return out

    def contents(self) -> tuple[Ids, Words]:
        return self._ids[: self._size].copy(), self._words[: self._size].copy()

    def state(self) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
        ids, words = self.contents()
        return {}, {"ids": ids, "words": words}

    @classmethod
    def from_state(cls, meta: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> Self:
        ids, words = arrays["ids"], arrays["words"]
        if ids.dtype != np.int64 or words.dtype != np.uint64 or words.shape != (len(ids), WORDS):
            raise ValueError("hash and id arrays do not fit together")
        if len(np.unique(ids)) != len(ids):
            raise ValueError("an id appears twice")
        index = cls()
        index._ids, index._words, index._size = ids.copy(), words.copy(), len(ids)
        return index
