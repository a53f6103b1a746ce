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

WIDTHS = range(8, 25)  # bits a chunk may have: a table of 2**24 offsets is the largest
COUNTS = range(8, 33)  # how many chunks
TABLE_BYTES_PER_HASH = 88  # 128 bytes a hash, less 32 for the hash and 8 for its id
QUERY_BATCH = 32

Array = npt.NDArray[np.int64]


def valid_layout(m: int, width: int) -> bool:
    return m in COUNTS and width in WIDTHS and m * width <= PDQ_BITS


def chunk_radii(m: int, radius: int) -> list[int]:
    """Per-chunk probe radius; -1 means the chunk need not be probed."""
    q, a = divmod(radius, m)
    return [q] * (a + 1) + [q - 1] * (m - a - 1)


def _ball(bits: int, radius: int) -> int:
    return sum(comb(bits, k) for k in range(radius + 1)) if radius >= 0 else 0


def choose_layout(n: int) -> tuple[int, int]:
    """(chunks, bits per chunk) with the least work at radius 31 within the memory budget.

    Chunks need not cover all 256 bits: the pigeonhole argument holds on any subset of the
    bits, since the distance on a subset is at most the whole distance. Work counts table
    probes plus twice the candidates (a candidate costs a random read of its hash).
    """
    n = max(n, 1)

    def table_bytes(layout: tuple[int, int]) -> float:
        m, width = layout
        return 4 * m + 4 * m * ((1 << width) + 1) / n

    def work(layout: tuple[int, int]) -> float:
        m, width = layout
        return sum(_ball(width, r) * (1 + 2 * n / (1 << width)) for r in chunk_radii(m, MAX_RADIUS))

    layouts = [(m, w) for m in COUNTS for w in WIDTHS if valid_layout(m, w)]
    fitting = [x for x in layouts if table_bytes(x) <= TABLE_BYTES_PER_HASH]
    if not fitting:
        return min(layouts, key=lambda x: (table_bytes(x), work(x)))
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
    """An immutable table over ``ids``/``words`` (rows in id order). Removal adds a row to
    ``dead`` (sorted), which every search filters out: effective at once, no rebuild."""

    def __init__(
        self,
        ids: Ids,
        words: Words,
        dead: Array,
        *,
        m: int,
        width: int,
        offsets: npt.NDArray[Any],
        order: npt.NDArray[Any],
    ) -> None:
        self.ids, self.words, self.dead = ids, words, dead
        self.m, self.width = m, width
        self.offsets, self.order = offsets, order
        self.span = (1 << width) + 1  # offsets per chunk
        self._probes: dict[int, tuple[Array, Array, Array]] = {}

    @classmethod
    def build(cls, ids: Ids, words: Words, layout: tuple[int, int] | None = None) -> Segment:
        n = len(ids)
        m, width = layout or choose_layout(n)
        if not valid_layout(m, width):
            raise ValueError(f"no such layout: {m} chunks of {width} bits")
        by_id = np.argsort(ids, kind="stable")  # rows in id order: lookups by id bisect
        ids, words = ids[by_id], words[by_id]
        index_type = np.int64 if m * n >= 2**32 else np.uint32
        span = (1 << width) + 1
        offsets = np.zeros(m * span, dtype=index_type)
        order = np.zeros(m * n, dtype=index_type)
        for i in range(m):
            keys = chunk_keys(words, i * width, width)
            counts = np.bincount(keys, minlength=1 << width)
            offsets[i * span] = i * n
            offsets[i * span + 1 : (i + 1) * span] = np.cumsum(counts) + i * n
            order[i * n : (i + 1) * n] = np.argsort(keys.astype(np.uint32))
        dead = np.zeros(0, dtype=np.int64)
        return cls(ids, words, dead, m=m, width=width, offsets=offsets, order=order)

    def __len__(self) -> int:
        return len(self.ids) - len(self.dead)

    def nbytes(self) -> int:
        arrays = (self.ids, self.words, self.dead, self.offsets, self.order)
        return int(sum(a.nbytes for a in arrays))

    def alive(self) -> npt.NDArray[np.bool_]:
        mask = np.ones(len(self.ids), dtype=np.bool_)
        mask[self.dead] = False
        return mask

    def _is_dead(self, rows: Array) -> npt.NDArray[np.bool_]:
        if not len(self.dead):
            return np.zeros(len(rows), dtype=np.bool_)
        at = np.minimum(np.searchsorted(self.dead, rows), len(self.dead) - 1)
        found: npt.NDArray[np.bool_] = self.dead[at] == rows
        return found

    def rows_of(self, ids: Ids) -> Array:
        """The live row holding each id, or -1 (ids are sorted, so this is a bisection)."""
        if not len(self.ids):
            return np.full(len(ids), -1, dtype=np.int64)
        rows = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1).astype(np.int64)
        hit = (self.ids[rows] == ids) & ~self._is_dead(rows)
        return np.where(hit, rows, -1)

    def kill(self, rows: Array) -> None:
        self.dead = np.union1d(self.dead, rows).astype(np.int64)

    def _probe_plan(self, radius: int) -> tuple[Array, Array, Array]:
        """For a radius: per probe, its chunk, its table base and its flip mask."""
        if radius not in self._probes:
            chunk, base, mask = [], [], []
            for i, r in enumerate(chunk_radii(self.m, radius)):
                if r < 0:
                    continue
                flips = flip_masks(self.width, min(r, self.width))
                chunk.append(np.full(len(flips), i, dtype=np.int64))
                base.append(np.full(len(flips), i * self.span, dtype=np.int64))
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
            alive = self.alive()
            for query in queries:
                dist = np.bitwise_count(self.words ^ query).sum(axis=1, dtype=np.int64)
                near = np.flatnonzero((dist <= radius) & alive)
                out.append((self.ids[near], dist[near]))
            return out
        for at in range(0, len(queries), QUERY_BATCH):
            out += self._search_batch(queries[at : at + QUERY_BATCH], radius)
        return out

    def _query_keys(self, queries: Words) -> Array:
        """Each query's chunk keys, ``(len(queries), m)``, with Python integers (few rows)."""
        values = [int.from_bytes(q.astype(">u8").tobytes(), "big") for q in queries]
        mask, w = (1 << self.width) - 1, self.width
        shifts = [PDQ_BITS - (i + 1) * w for i in range(self.m)]
        return np.array(
            [[(v >> shift) & mask for shift in shifts] for v in values], dtype=np.int64
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
        keep = dist <= radius
        which, rows, dist = which[keep], rows[keep], dist[keep]
        live = ~self._is_dead(rows)
        which, rows, dist = which[live], rows[live], dist[live]
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
        kinds = (str(self.ids.dtype), str(self.words.dtype), str(self.dead.dtype))
        if kinds != ("int64", "uint64", "int64") or self.order.dtype != self.offsets.dtype:
            raise ValueError("table arrays have the wrong types")
        if not valid_layout(m, self.width):
            raise ValueError(f"no such layout: {m} chunks of {self.width} bits")
        if self.words.shape != (n, WORDS) or self.ids.shape != (n,):
            raise ValueError("hash and id arrays disagree in length")
        if self.order.shape != (m * n,) or self.offsets.shape != (m * self.span,):
            raise ValueError("table arrays have the wrong length")
        if n > 1 and not bool((np.diff(self.ids) > 0).all()):
            raise ValueError("ids are not unique and in order")
        dead = self.dead
        if len(dead) and (int(dead[0]) < 0 or int(dead[-1]) >= n or (np.diff(dead) <= 0).any()):
            raise ValueError("removed rows are out of range")
        if n and (int(self.order.max()) >= n or int(self.order.min()) < 0):
            raise ValueError("table arrays are out of range")
        step = 1 << 22  # in slices: no temporary the size of the table
        for at in range(0, len(self.offsets) - 1, step):
            part = self.offsets[at : at + step + 1]
            if not bool((part[1:] >= part[:-1]).all()):
                raise ValueError("table offsets are not in order")
        for i in range(m):
            if (
                int(self.offsets[i * self.span]) != i * n
                or int(self.offsets[(i + 1) * self.span - 1]) != (i + 1) * n
            ):
                raise ValueError("table offsets are out of range")
