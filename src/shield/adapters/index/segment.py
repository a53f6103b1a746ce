"""One immutable multi-index-hashing table over a batch of hashes (Norouzi et al., 2012).

The 256 bits are cut into ``m`` chunks. If two hashes are within distance ``r``, then writing
``r = m*q + a`` (``0 <= a < m``), some chunk among the first ``a + 1`` differs in at most ``q``
bits, or some chunk among the rest differs in at most ``q - 1`` bits: otherwise the distance
would be at least ``(a+1)(q+1) + (m-a-1)q = r + 1``. So probing, in each chunk's table, every
key within that chunk's radius of the query's key finds every true match; each candidate is
then checked with an exact popcount, so nothing false is returned either.

Each chunk's table is a counting sort: ``offsets[key] .. offsets[key+1]`` are the rows whose
chunk equals ``key``, listed in ``order``. All chunks share one ``offsets`` and one ``order``
array, so a whole batch of probes is a few vectorised numpy operations.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations
from math import comb
from typing import Any

import numpy as np
import numpy.typing as npt

from shield.adapters.index.base import WORDS, Ids, Words
from shield.core.hamming import MAX_RADIUS, PDQ_BITS

CHUNK_CHOICES = (11, 12, 13, 14, 16, 18, 20, 24)
TABLE_BYTES_PER_HASH = 87  # 128 bytes a hash, less 32 for the hash and 9 for its id and state
QUERY_BATCH = 32

Array = npt.NDArray[np.int64]


def chunk_bits(m: int) -> list[int]:
    base, extra = divmod(PDQ_BITS, m)
    return [base] * (m - extra) + [base + 1] * extra  # smaller chunks first


def chunk_radii(m: int, radius: int) -> list[int]:
    """Per-chunk probe radius; -1 means the chunk need not be probed."""
    q, a = divmod(radius, m)
    return [q] * (a + 1) + [q - 1] * (m - a - 1)


def _ball(bits: int, radius: int) -> int:
    return sum(comb(bits, k) for k in range(radius + 1)) if radius >= 0 else 0


def choose_chunks(n: int) -> int:
    """The chunk count with the least work at radius 31 whose tables fit the memory budget."""
    n = max(n, 1)

    def table_bytes(m: int) -> float:
        return 4 * m + 4 * sum((1 << b) + 1 for b in chunk_bits(m)) / n

    def work(m: int) -> float:
        pairs = zip(chunk_bits(m), chunk_radii(m, MAX_RADIUS), strict=True)
        return sum(_ball(b, r) * (1 + n / (1 << b)) for b, r in pairs)

    fitting = [m for m in CHUNK_CHOICES if table_bytes(m) <= TABLE_BYTES_PER_HASH]
    if not fitting:
        return min(CHUNK_CHOICES, key=table_bytes)
    return min(fitting, key=work)


@cache
def flip_masks(bits: int, radius: int) -> Array:
    """Every ``bits``-bit mask with at most ``radius`` bits set."""
    masks = [0]
    for k in range(1, radius + 1):
        masks += [sum(1 << i for i in c) for c in combinations(range(bits), k)]
    return np.array(masks, dtype=np.int64)


def chunk_keys(words: Words, start: int, bits: int) -> Array:
    """The ``bits``-bit chunk beginning ``start`` bits from the most significant end."""
    end = start + bits
    first, last = start // 64, (end - 1) // 64
    mask = np.uint64((1 << bits) - 1)
    if first == last:
        shifted = words[:, first] >> np.uint64(64 * (first + 1) - end)
        return (shifted & mask).astype(np.int64)
    high = 64 * (first + 1) - start
    low = bits - high
    upper = (words[:, first] & np.uint64((1 << high) - 1)) << np.uint64(low)
    lower = words[:, last] >> np.uint64(64 - low)
    return (upper | lower).astype(np.int64)


class Segment:
    """An immutable table over ``ids``/``words``; ``alive`` marks removals at once."""

    def __init__(
        self,
        ids: Ids,
        words: Words,
        alive: npt.NDArray[np.bool_],
        *,
        m: int,
        offsets: npt.NDArray[Any],
        order: npt.NDArray[Any],
    ) -> None:
        self.ids, self.words, self.alive, self.m = ids, words, alive, m
        self.offsets, self.order = offsets, order
        self.bits = chunk_bits(m)
        self.starts = np.cumsum([0, *self.bits])[:-1].tolist()
        self.bases = np.cumsum([0] + [2**b + 1 for b in self.bits])[:-1].tolist()
        self._probes: dict[int, tuple[Array, Array, Array]] = {}

    @classmethod
    def build(cls, ids: Ids, words: Words, m: int | None = None) -> Segment:
        n = len(ids)
        m = m or choose_chunks(n)
        bits = chunk_bits(m)
        by_id = np.argsort(ids, kind="stable")  # rows in id order: lookups by id bisect
        ids, words = ids[by_id], words[by_id]
        wide = m * n >= 2**32
        index_type = np.int64 if wide else np.uint32
        offsets = np.zeros(sum(2**b + 1 for b in bits), dtype=index_type)
        order = np.zeros(m * n, dtype=index_type)
        start = base = 0
        for i, b in enumerate(bits):
            keys = chunk_keys(words, start, b)
            counts = np.bincount(keys, minlength=2**b)
            offsets[base + 1 : base + 2**b + 1] = np.cumsum(counts) + i * n
            offsets[base] = i * n
            order[i * n : (i + 1) * n] = np.argsort(keys, kind="stable")
            start += b
            base += 2**b + 1
        alive = np.ones(n, dtype=np.bool_)
        return cls(ids, words, alive, m=m, offsets=offsets, order=order)

    def __len__(self) -> int:
        return int(self.alive.sum())

    def rows_of(self, ids: Ids) -> Array:
        """The live row holding each id, or -1 (ids are sorted, so this is a bisection)."""
        rows = np.searchsorted(self.ids, ids).astype(np.int64)
        inside = rows < len(self.ids)
        rows[~inside] = 0
        hit = inside & (self.ids[rows] == ids) & self.alive[rows] if len(self.ids) else inside
        return np.where(hit, rows, -1)

    def nbytes(self) -> int:
        arrays = (self.ids, self.words, self.alive, self.offsets, self.order)
        return int(sum(a.nbytes for a in arrays))

    def _probe_plan(self, radius: int) -> tuple[Array, Array, Array]:
        """For a radius: per probe, its chunk, its table base and its flip mask."""
        if radius not in self._probes:
            chunk, base, mask = [], [], []
            for i, (b, r) in enumerate(zip(self.bits, chunk_radii(self.m, radius), strict=True)):
                if r < 0:
                    continue
                flips = flip_masks(b, min(r, b))
                chunk.append(np.full(len(flips), i, dtype=np.int64))
                base.append(np.full(len(flips), self.bases[i], dtype=np.int64))
                mask.append(flips)
            self._probes[radius] = (
                np.concatenate(chunk),
                np.concatenate(base),
                np.concatenate(mask),
            )
        return self._probes[radius]

    def search(self, queries: Words, radius: int) -> list[tuple[Ids, Array]]:
        out: list[tuple[Ids, Array]] = []
        if radius > MAX_RADIUS:  # beyond what the tables are laid out for: scan, still exact
            for query in queries:
                dist = np.bitwise_count(self.words ^ query).sum(axis=1, dtype=np.int64)
                near = np.flatnonzero((dist <= radius) & self.alive)
                out.append((self.ids[near], dist[near]))
            return out
        for at in range(0, len(queries), QUERY_BATCH):
            out += self._search_batch(queries[at : at + QUERY_BATCH], radius)
        return out

    def _query_keys(self, queries: Words) -> Array:
        """Each query's chunk keys, ``(len(queries), m)``, with Python integers (few rows)."""
        values = [int.from_bytes(q.astype(">u8").tobytes(), "big") for q in queries]
        cuts = [
            (PDQ_BITS - s - b, (1 << b) - 1) for s, b in zip(self.starts, self.bits, strict=True)
        ]
        return np.array(
            [[(v >> shift) & mask for shift, mask in cuts] for v in values], dtype=np.int64
        ).reshape(len(queries), self.m)

    def _search_batch(self, queries: Words, radius: int) -> list[tuple[Ids, Array]]:
        nq = len(queries)
        chunk, base, mask = self._probe_plan(radius)
        keys = self._query_keys(queries)
        probes = (base + (keys[:, chunk] ^ mask)).reshape(-1)
        first = np.take(self.offsets, probes).astype(np.int64)
        lengths = np.take(self.offsets, probes + 1).astype(np.int64) - first
        total = int(lengths.sum())
        which = np.repeat(np.repeat(np.arange(nq), len(chunk)), lengths)
        before = np.cumsum(lengths) - lengths
        at = np.repeat(first - before, lengths) + np.arange(total, dtype=np.int64)
        rows = np.take(self.order, at).astype(np.int64)
        found = np.take(self.words, rows, axis=0)
        asked = queries[0] if nq == 1 else np.take(queries, which, axis=0)
        dist = np.bitwise_count(found[:, 0] ^ asked[..., 0]).astype(np.int64)
        for w in range(1, WORDS):
            dist += np.bitwise_count(found[:, w] ^ asked[..., w])
        keep = (dist <= radius) & np.take(self.alive, rows)
        which, rows, dist = which[keep], rows[keep], dist[keep]
        # a hash near in several chunks is found several times: keep each (query, row) once
        pair = np.unique(which * len(self.ids) + rows, return_index=True)[1]
        which, rows, dist = which[pair], rows[pair], dist[pair]
        bounds = np.searchsorted(which, np.arange(nq + 1))
        return [
            (self.ids[rows[bounds[q] : bounds[q + 1]]], dist[bounds[q] : bounds[q + 1]])
            for q in range(nq)
        ]

    def check(self) -> None:
        """Raise ValueError unless the arrays are consistent (for tables read from disk)."""
        n, m = len(self.ids), self.m
        kinds = (str(self.ids.dtype), str(self.words.dtype), str(self.alive.dtype))
        if kinds != ("int64", "uint64", "bool") or self.order.dtype != self.offsets.dtype:
            raise ValueError("table arrays have the wrong types")
        if m not in CHUNK_CHOICES:
            raise ValueError(f"unknown chunk count {m}")
        if self.words.shape != (n, WORDS) or self.alive.shape != (n,):
            raise ValueError("hash, id and state arrays disagree in length")
        if self.order.shape != (m * n,) or self.offsets.shape != (
            sum(2**b + 1 for b in self.bits),
        ):
            raise ValueError("table arrays have the wrong length")
        if n and (
            int(self.order.max()) >= n
            or int(self.order.min()) < 0
            or bool((np.diff(self.offsets.astype(np.int64)) < 0).any())
        ):
            raise ValueError("table arrays are out of range")
        for i, base in enumerate(self.bases):
            if (
                int(self.offsets[base]) != i * n
                or int(self.offsets[base + 2 ** self.bits[i]]) != (i + 1) * n
            ):
                raise ValueError("table offsets are out of range")
