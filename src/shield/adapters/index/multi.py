"""The fast exact index: multi-index hashing in log-structured segments.

New hashes land in a small buffer that is scanned linearly, so an add is effective at once.
A full buffer becomes an immutable ``Segment``; segments of similar size are merged (like an
LSM tree), so no add ever rebuilds the whole index and each hash is re-tabled O(log n) times.
A removal marks the hash's row dead in place (effective at once); merges drop it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from shield.adapters.index.base import WORDS, ArrayIndex, Ids, Words, as_radius
from shield.adapters.index.linear import LinearIndex
from shield.adapters.index.segment import Segment, valid_layout
from shield.core.errors import BadInput

BUFFER = 32_768  # below this many hashes a linear scan beats the tables
PARALLEL_FROM = 64  # a batch of at least twice this many queries is split over threads


class MultiIndex(ArrayIndex):
    name = "mih"
    examples = ("multi-index hashing over segments, with a linear buffer",)

    def __init__(self, buffer_size: int = BUFFER, workers: int | None = None) -> None:
        self.buffer_size = buffer_size
        self.workers = workers or min(2, os.cpu_count() or 1)
        self.buffer = LinearIndex()
        self.segments: list[Segment] = []

    def __len__(self) -> int:
        return len(self.buffer) + sum(len(s) for s in self.segments)

    def nbytes(self) -> int:
        return self.buffer.nbytes() + sum(s.nbytes() for s in self.segments)

    def _holds_any(self, ids: Ids) -> bool:
        if np.isin(ids, self.buffer.contents()[0]).any():
            return True
        return any(bool((s.rows_of(ids) >= 0).any()) for s in self.segments)

    def _live_ids(self) -> Ids:
        parts = [self.buffer.contents()[0]] + [s.ids[s.alive()] for s in self.segments]
        return np.concatenate(parts)

    def add_words(self, ids: Ids, words: Words) -> None:
        if len(ids) != len(words):
            raise BadInput(f"{len(ids)} ids for {len(words)} hashes")
        if len(ids) == 0:
            return
        if len(np.unique(ids)) != len(ids) or self._holds_any(ids):
            raise BadInput("an id is already in the index")
        if len(ids) >= self.buffer_size:
            self._push(Segment.build(ids, words.reshape(-1, WORDS)))
            return
        self.buffer.add_words(ids, words)
        if len(self.buffer) >= self.buffer_size:
            held_ids, held_words = self.buffer.contents()
            self.buffer = LinearIndex()
            self._push(Segment.build(held_ids, held_words))

    def _push(self, segment: Segment) -> None:
        """Append a segment, then merge while the newest is at least half its elder."""
        self.segments.append(segment)
        self.segments.sort(key=len, reverse=True)
        while len(self.segments) > 1 and 2 * len(self.segments[-1]) >= len(self.segments[-2]):
            young, old = self.segments.pop(), self.segments.pop()
            keep_old, keep_young = old.alive(), young.alive()
            ids = np.concatenate([old.ids[keep_old], young.ids[keep_young]])
            words = np.concatenate([old.words[keep_old], young.words[keep_young]])
            self.segments.append(Segment.build(ids, words))
            self.segments.sort(key=len, reverse=True)

    def remove_ids(self, ids: Ids) -> int:
        gone = self.buffer.remove_ids(ids)
        for segment in self.segments:
            rows = segment.rows_of(ids)
            rows = np.unique(rows[rows >= 0])
            segment.kill(rows)
            gone += len(rows)
        self.segments = [s for s in self.segments if len(s)]
        return gone

    def search_words(self, queries: Words, radius: int) -> list[tuple[Ids, npt.NDArray[np.int64]]]:
        radius = as_radius(radius)
        if self.workers > 1 and len(queries) >= 2 * PARALLEL_FROM:
            # searches only read the tables; numpy lets go of the GIL for the heavy steps
            parts = np.array_split(queries, max(self.workers, len(queries) // PARALLEL_FROM))
            with ThreadPoolExecutor(max_workers=self.workers) as pool:
                done = pool.map(lambda part: self._search(part, radius), parts)
                return [hit for part in done for hit in part]
        return self._search(queries, radius)

    def _search(self, queries: Words, radius: int) -> list[tuple[Ids, npt.NDArray[np.int64]]]:
        found = [self.buffer.search_words(queries, radius)]
        found += [s.search(queries, radius) for s in self.segments]
        return [
            (np.concatenate([f[q][0] for f in found]), np.concatenate([f[q][1] for f in found]))
            for q in range(len(queries))
        ]

    def contents(self) -> tuple[Ids, Words]:
        ids, words = self.buffer.contents()
        return (
            np.concatenate([ids] + [s.ids[s.alive()] for s in self.segments]),
            np.concatenate([words] + [s.words[s.alive()] for s in self.segments]),
        )

    def state(self) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
        meta: dict[str, Any] = {"buffer_size": self.buffer_size, "segments": []}
        ids, words = self.buffer.contents()
        arrays: dict[str, npt.NDArray[Any]] = {"buffer_ids": ids, "buffer_words": words}
        for k, seg in enumerate(self.segments):
            meta["segments"].append({"m": seg.m, "width": seg.width})
            for part in ("ids", "words", "dead", "offsets", "order"):
                arrays[f"segment{k}_{part}"] = getattr(seg, part)
        return meta, arrays

    @classmethod
    def from_state(cls, meta: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> Self:
        size = meta.get("buffer_size")
        segments = meta.get("segments")
        if not isinstance(size, int) or size < 1 or not isinstance(segments, list):
            raise ValueError("the index description is malformed")
        index = cls(size)
        index.buffer = LinearIndex.from_state(
            {}, {"ids": arrays["buffer_ids"], "words": arrays["buffer_words"]}
        )
        for k, facts in enumerate(segments):
            m = facts.get("m") if isinstance(facts, dict) else None
            width = facts.get("width") if isinstance(facts, dict) else None
            if not (isinstance(m, int) and isinstance(width, int) and valid_layout(m, width)):
                raise ValueError("the index description is malformed")
            parts = [arrays[f"segment{k}_{p}"] for p in ("ids", "words", "dead", "offsets")]
            seg = Segment(
                *parts[:3],
                m=m,
                width=width,
                offsets=parts[3],
                order=arrays[f"segment{k}_order"],
            )
            seg.check()
            index.segments.append(seg)
        held = [index.buffer.contents()[0]] + [seg.ids for seg in index.segments]
        for i, seg in enumerate(index.segments):  # ids are unique within each part already
            for ids in held[: i + 1]:
                if bool((seg.rows_of(ids) >= 0).any()):
                    raise ValueError("an id appears twice")
        return index
