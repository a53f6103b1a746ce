"""Is this photo known? Exact range search of every bank, nearest first.

A bank's index is kept on disk between runs and brought up to date when it is opened: hashes
added since it was saved are added, withdrawn ones removed. Every hit is checked against the
store before it is reported, so an entry withdrawn a moment ago never matches, even from an
index saved before it was withdrawn.

The distance used for a bank is the smaller of ``max_distance`` and the bank's own threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shield.core.bank import Bank, Match, effective_threshold, nearest_first
from shield.core.errors import BadInput, NotFound
from shield.core.hamming import (
    DEFAULT_THRESHOLD,
    normalize_md5,
    normalize_pdq,
    validate_radius,
)
from shield.core.ports import BankRepository, HashIndex, IndexCache, PhotoHasher
from shield.services.banks import need_hasher, photo_files

SAVE_AFTER = 1000  # re-save an index once this many changes have piled up since it was saved


@dataclass(frozen=True)
class Query:
    variant: str
    pdq: str | None
    md5: str | None = None


@dataclass(frozen=True)
class MatchResult:
    path: str | None
    query: str | None
    matches: list[Match]


@dataclass
class _Open:
    index: HashIndex
    tag: dict[str, Any]


class MatchService:
    def __init__(
        self, repo: BankRepository, indexes: IndexCache, hasher: PhotoHasher | None
    ) -> None:
        self.repo = repo
        self.indexes = indexes
        self.hasher = hasher
        self._open: dict[str, _Open] = {}

    def _banks(self, name: str | None) -> list[Bank]:
        if name is None:
            return self.repo.banks()
        bank = self.repo.bank(name)
        if bank is None:
            raise NotFound(f"no bank named {name!r}")
        return [bank]

    def index(self, bank: Bank) -> HashIndex:
        """The bank's index, up to date with the store."""
        key = f"bank-{bank.id}"
        identity = {"bank_id": bank.id, "bank": bank.name, "created": bank.created_at.isoformat()}
        held = self._open.get(key)
        if held is None:
            saved = self.indexes.open(key)
            if saved is not None and all(saved[1].get(k) == v for k, v in identity.items()):
                held = _Open(saved[0], saved[1])
            else:
                held = _Open(self.indexes.new(), identity | {"upto": 0, "withdrawn": 0})
                held.tag["dirty"] = True
            self._open[key] = held
        for _ in range(2):
            ids, hashes, top, live = self.repo.live_pdq_since(
                bank.name, int(held.tag.get("upto", 0))
            )
            gone = self.repo.withdrawn_ids(bank.name)
            try:
                held.index.add(ids, hashes)
                if len(gone) != held.tag.get("withdrawn"):
                    held.index.remove(gone)
            except BadInput:  # a saved index that disagrees with the store: rebuild it
                live = -1
            changes = len(ids) + abs(len(gone) - int(held.tag.get("withdrawn", 0)))
            dirty = bool(held.tag.pop("dirty", False)) or changes >= SAVE_AFTER
            held.tag |= {"upto": max(top, int(held.tag.get("upto", 0))), "withdrawn": len(gone)}
            if len(held.index) == live:
                break
            # out of step (e.g. an entry committed late under a lower id): start from scratch
            held = self._open[key] = _Open(self.indexes.new(), identity | {"upto": 0})
            held.tag |= {"withdrawn": 0, "dirty": True}
        if dirty:
            self.indexes.keep(key, held.index, held.tag)
        return held.index

    def search(
        self,
        queries: Sequence[Query],
        *,
        bank: str | None = None,
        max_distance: int = DEFAULT_THRESHOLD,
    ) -> list[Match]:
        """Every live entry within each bank's effective distance of any query, nearest first;
        each entry once, with the variant that came nearest (the earlier variant on a tie)."""
        validate_radius(max_distance)
        best: dict[tuple[str, int], tuple[int, int, str]] = {}
        for b in self._banks(bank):
            radius = effective_threshold(max_distance, b.threshold)
            pdqs = [(i, q) for i, q in enumerate(queries) if q.pdq]
            if pdqs:
                found = self.index(b).search_many([str(q.pdq) for _, q in pdqs], radius)
                for (order, q), hits in zip(pdqs, found, strict=True):
                    for hit in hits:
                        seen = best.get((b.name, hit.id))
                        if seen is None or (hit.distance, order) < seen[:2]:
                            best[(b.name, hit.id)] = (hit.distance, order, q.variant)
            for order, q in enumerate(queries):
                if q.md5:
                    for entry in self.repo.live_md5(b.name, q.md5):
                        seen = best.get((b.name, entry.id))
                        if seen is None or (0, order) < seen[:2]:
                            best[(b.name, entry.id)] = (0, order, "md5")
        entries = self.repo.entries_by_id([entry_id for _, entry_id in best])
        matches = [
            Match(name, entry_id, distance, entries[entry_id].label, variant)
            for (name, entry_id), (distance, _, variant) in best.items()
            if entry_id in entries and not entries[entry_id].withdrawn
        ]
        return nearest_first(matches)

    def match_hash(
        self, pdq: str, *, bank: str | None = None, max_distance: int = DEFAULT_THRESHOLD
    ) -> MatchResult:
        value = normalize_pdq(pdq)
        found = self.search([Query("hash", value)], bank=bank, max_distance=max_distance)
        return MatchResult(None, value, found)

    def match_md5(
        self, md5: str, *, bank: str | None = None, max_distance: int = DEFAULT_THRESHOLD
    ) -> MatchResult:
        value = normalize_md5(md5)
        found = self.search([Query("md5", None, value)], bank=bank, max_distance=max_distance)
        return MatchResult(None, value, found)

    def match_paths(
        self,
        paths: Sequence[Path],
        *,
        bank: str | None = None,
        max_distance: int = DEFAULT_THRESHOLD,
    ) -> list[MatchResult]:
        hasher = need_hasher(self.hasher)
        self._banks(bank)  # an unknown bank is an error before any photo is read
        results = []
        for path in photo_files(paths):
            digest = hasher.digest(path)
            queries = [Query("md5", None, digest.md5)]
            if digest.kind == "video":
                queries += [Query(f"frame@{f.ts:g}s", f.pdq) for f in digest.frames]
            else:
                queries += [Query(v.variant, v.pdq) for v in hasher.query_variants(path)]
            found = self.search(queries, bank=bank, max_distance=max_distance)
            results.append(MatchResult(str(path), digest.pdq, found))
        return results
