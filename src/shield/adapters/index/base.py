"""What every hash index shares: PDQ hex <-> uint64 words, popcount distances, the str API.

Members work on arrays: ``words`` is an ``(n, 4)`` uint64 array (word ``i`` is hex characters
``16*i .. 16*i+16``, as in ``shield.core.hamming``) and ``ids`` an ``int64`` array. The
string methods of the ``HashIndex`` port are written once here on top of the array methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar, Self

import numpy as np
import numpy.typing as npt

from shield.core.errors import BadInput
from shield.core.hamming import PDQ_BITS, normalize_pdq
from shield.core.ports import IndexHit

Words = npt.NDArray[np.uint64]
Ids = npt.NDArray[np.int64]

WORDS = PDQ_BITS // 64


def to_words(hashes: Sequence[str]) -> Words:
    """64-hex PDQ strings -> ``(n, 4)`` uint64; raise BadInput on any malformed one."""
    if not hashes:
        return np.zeros((0, WORDS), dtype=np.uint64)
    text = "".join(normalize_pdq(h) for h in hashes)
    raw = np.frombuffer(bytes.fromhex(text), dtype=">u8").reshape(-1, WORDS)
    return raw.astype(np.uint64)


def to_hex(words: Words) -> list[str]:
    raw = np.ascontiguousarray(words, dtype=">u8").tobytes()
    return [raw[i : i + 32].hex() for i in range(0, len(raw), 32)]


def distances(words: Words, query: Words) -> npt.NDArray[np.int64]:
    """Hamming distance from each row of ``words`` to the one-row ``query``."""
    found: npt.NDArray[np.int64] = np.bitwise_count(words ^ query.reshape(1, WORDS)).sum(
        axis=1, dtype=np.int64
    )
    return found


def as_ids(ids: Sequence[int] | Ids) -> Ids:
    array = np.asarray(ids, dtype=np.int64).reshape(-1)
    if len(np.unique(array)) != len(array):
        raise BadInput("the same id is given twice")
    return array


def as_radius(radius: int) -> int:
    if not 0 <= radius <= PDQ_BITS:
        raise BadInput(f"a search radius must be between 0 and {PDQ_BITS}, got {radius}")
    return int(radius)


def hits(ids: Ids, dist: npt.NDArray[np.int64]) -> list[IndexHit]:
    """Nearest first, ties by id."""
    order = np.lexsort((ids, dist))
    return [IndexHit(int(ids[i]), int(dist[i])) for i in order]


class ArrayIndex(ABC):
    """Base of the index family. Subclasses implement the array methods."""

    name: ClassVar[str]

    # -- array API -------------------------------------------------------------------------
    @abstractmethod
    def add_words(self, ids: Ids, words: Words) -> None:
        """Store hashes under ids none of which is already live in the index."""

    @abstractmethod
    def remove_ids(self, ids: Ids) -> int:
        """Forget these ids at once (unknown ids are ignored); return how many went."""

    @abstractmethod
    def search_words(self, queries: Words, radius: int) -> list[tuple[Ids, npt.NDArray[np.int64]]]:
        """For each query row: (ids, distances) of every live hash within ``radius``."""

    @abstractmethod
    def contents(self) -> tuple[Ids, Words]:
        """Every live (id, hash), in no promised order."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def nbytes(self) -> int:
        """Bytes of memory the index holds in arrays."""

    @abstractmethod
    def state(self) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
        """What to persist: small JSON-able facts and named plain arrays (no objects)."""

    @classmethod
    @abstractmethod
    def from_state(cls, meta: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> Self:
        """Rebuild from ``state()``; raise ValueError if the parts do not fit together."""

    # -- HashIndex port --------------------------------------------------------------------
    def add(self, ids: Sequence[int], hashes: Sequence[str]) -> None:
        if len(ids) != len(hashes):
            raise BadInput(f"{len(ids)} ids for {len(hashes)} hashes")
        self.add_words(as_ids(ids), to_words(hashes))

    def remove(self, ids: Sequence[int]) -> None:
        self.remove_ids(np.asarray(ids, dtype=np.int64).reshape(-1))

    def search(self, pdq: str, radius: int) -> list[IndexHit]:
        return self.search_many([pdq], radius)[0]

    def search_many(self, queries: Sequence[str], radius: int) -> list[list[IndexHit]]:
        found = self.search_words(to_words(queries), as_radius(radius))
        return [hits(ids, dist) for ids, dist in found]
