"""Is this photo known? Exact range search of every bank, nearest first.

A bank's index is kept on disk between runs and brought up to date when it is opened: hashes
added since it was saved are added, withdrawn ones removed. Every hit is checked against the
store before it is reported, so an entry withdrawn a moment ago never matches, even from an
index saved before it was withdrawn.

The distance used for a bank is the smaller of ``max_distance`` and the bank's own threshold.

Photos (not videos, not bare hashes) then go through the second stage when it is installed:
local features, verified geometrically, find banked photos that PDQ cannot (crops, turns,
frames, screenshots). Its index is built from the features stored with the bank and kept up
to date the same way; entries found by the first stage are not reported twice.
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
from shield.core.photohash import distance as pdq_distance
from shield.core.ports import (
    BankRepository,
    FeatureHit,
    FeatureIndex,
    HashIndex,
    IndexCache,
    PhotoFeatures,
    PhotoHasher,
)
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


@dataclass
class _OpenFeatures:
    index: FeatureIndex
    created: str
    upto: int = 0
    withdrawn: int = 0


class MatchService:
    def __init__(
        self,
        repo: BankRepository,
        indexes: IndexCache,
        hasher: PhotoHasher | None,
        features: PhotoFeatures | None = None,
    ) -> None:
        self.repo = repo
        self.indexes = indexes
        self.hasher = hasher
        self.features = features
        self._open: dict[str, _Open] = {}
        self._open_features: dict[int, _OpenFeatures] = {}

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

    def feature_index(self, bank: Bank, features: PhotoFeatures) -> FeatureIndex:
        """The bank's second-stage index, up to date with the store (built in memory from the
        features stored with the bank; new entries are added, withdrawn ones removed)."""
        created = bank.created_at.isoformat()
        held = self._open_features.get(bank.id)
        if held is None or held.created != created:
            held = self._open_features[bank.id] = _OpenFeatures(features.new_index(), created)
        for _ in range(2):
            ids, blobs, top, live = self.repo.live_features_since(
                bank.name, held.upto, features.version
            )
            held.index.add(ids, blobs)
            gone = self.repo.withdrawn_ids(bank.name)
            if len(gone) != held.withdrawn:
                held.index.remove(gone)
            held.upto, held.withdrawn = max(top, held.upto), len(gone)
            if len(held.index) == live:
                break
            held = self._open_features[bank.id] = _OpenFeatures(features.new_index(), created)
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
            Match(
                name,
                entry_id,
                distance,
                entries[entry_id].label,
                variant,
                stage="md5" if variant == "md5" else "pdq",
            )
            for (name, entry_id), (distance, _, variant) in best.items()
            if entry_id in entries and not entries[entry_id].withdrawn
        ]
        return nearest_first(matches)

    def search_features(
        self,
        path: Path,
        queries: Sequence[Query],
        found: Sequence[Match],
        *,
        bank: str | None = None,
    ) -> list[tuple[Match, FeatureHit]]:
        """The second stage: banked photos the photo at ``path`` shows that the first stage
        did not find, most inliers first, each with its PDQ distance to the nearest variant."""
        features = self.features
        if features is None:
            return []
        known = {(m.bank, m.id) for m in found}
        prepared: object | None = None
        hits: list[tuple[str, FeatureHit]] = []
        for b in self._banks(bank):
            index = self.feature_index(b, features)
            if not len(index):
                continue
            if prepared is None:
                prepared = features.prepare(path)
            hits += [
                (b.name, h) for h in features.search(index, prepared) if (b.name, h.id) not in known
            ]
        entries = self.repo.entries_by_id([h.id for _, h in hits])
        pdqs = [q.pdq for q in queries if q.pdq]
        out = []
        for name, h in hits:
            entry = entries.get(h.id)
            if entry is None or entry.withdrawn:
                continue
            far = min((pdq_distance(entry.pdq, q) for q in pdqs), default=256) if entry.pdq else 256
            variant = "mirror" if h.alignment.mirrored else "original"
            match = Match(name, h.id, far, entry.label, variant, "features", h.alignment)
            out.append((match, h))
        return out

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
        second_stage: bool = True,
        explain: Path | None = None,
    ) -> list[MatchResult]:
        """Match photos and videos. Photos also go through the second stage (unless
        ``second_stage`` is off); with ``explain``, a picture of each second-stage match is
        written into that folder."""
        hasher = need_hasher(self.hasher)
        self._banks(bank)  # an unknown bank is an error before any photo is read
        results = []
        for number, path in enumerate(photo_files(paths), start=1):
            digest = hasher.digest(path)
            queries = [Query("md5", None, digest.md5)]
            if digest.kind == "video":
                queries += [Query(f"frame@{f.ts:g}s", f.pdq) for f in digest.frames]
            else:
                queries += [Query(v.variant, v.pdq) for v in hasher.query_variants(path)]
            found = self.search(queries, bank=bank, max_distance=max_distance)
            if digest.kind != "video" and second_stage:
                more = self.search_features(path, queries, found, bank=bank)
                for match, hit in more:
                    if explain is not None and self.features is not None:
                        name = f"{number:03d}-{path.stem}-{match.bank}-{match.id}.png"
                        self.features.explain(path, hit, explain / name)
                found = nearest_first([*found, *(m for m, _ in more)])
            results.append(MatchResult(str(path), digest.pdq, found))
        return results
