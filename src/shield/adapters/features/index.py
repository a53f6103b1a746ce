"""The second stage's index: an inverted file from visual words to banked features.

A banked photo is stored as its ``BANK_FEATURES`` strongest keypoints, each 17 bytes (word,
64-bit signature, position, size, angle; ``RECORD``), with a small header (``encode``). The
index keeps every feature in flat columns (place, signature, owner: 21 bytes) and lists the
features of each word in two runs: a large one rebuilt rarely, stored in word order so a
word's features lie side by side, and a small one for recent additions, re-sorted on each
change, so adding a photo costs time in proportion to the recent run only. A withdrawn photo
is marked dead at once and dropped when the large run is rebuilt.

A query's features vote for the banked photos whose features share a word and lie within
``SIGNATURE_DISTANCE`` signature bits (weighted by the word's rarity, one vote per query
feature and photo); the best ``CANDIDATES`` photos are then verified geometrically
(``geometry.fit``). Nothing is a scan of every photo: the work is in the posting lists of the
query's words.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from shield.adapters.features.geometry import Fit, Placed, fit, one_to_one
from shield.adapters.features.keypoints import Keypoints, mirrored
from shield.adapters.features.vocabulary import Vocabulary
from shield.core.errors import BadInput

RECORD = np.dtype(
    [
        ("word", "<u2"),
        ("sig", "<u8"),
        ("x", "<u2"),
        ("y", "<u2"),
        ("size", "<f2"),
        ("angle", "u1"),
    ]
)
PLACE = np.dtype(  # what the index keeps of a feature besides its signature
    [("word", "<u2"), ("x", "<u2"), ("y", "<u2"), ("size", "<f2"), ("angle", "u1")]
)
MAGIC = b"SHF1"
HEADER = struct.Struct("<4s16sHHfI")  # magic, vocabulary fingerprint, width, height, scale, n
POSITION = 64.0  # positions are kept in 1/64 pixel
MAX_FEATURES = 4096
SIGNATURE_DISTANCE = 20  # of 64 bits
QUERY_WORDS = 2  # each query feature looks in its two nearest words
CANDIDATES = 12
MERGE_SHARE = 0.05  # rebuild the large run when the recent one is this share of it
MERGE_MIN = 200_000
MAX_POSTINGS = 4_000_000  # banked features compared in the vote per query side (``_budget``)
# a pair's weight by its signature distance (times its word's rarity)
_CLOSENESS = np.exp(-((np.arange(SIGNATURE_DISTANCE + 1) / 16.0) ** 2)).astype(np.float32)
CHUNK = 32_768  # postings compared at a time (their signatures and the query's: 512 KB)
SLICED = 1024  # lists at least this long on average are XORed slice by slice, shorter copied


@dataclass(frozen=True)
class Banked:
    records: NDArray[np.void]
    width: int
    height: int
    scale: float


def encode(points: Keypoints, vocabulary: Vocabulary) -> bytes:
    words = vocabulary.assign(points.desc)
    sigs = vocabulary.signatures(points.desc, words)
    records = np.zeros(len(points), RECORD)
    records["word"] = words[:, 0]
    records["sig"] = sigs[:, 0]
    records["x"] = np.clip(np.round(points.xy[:, 0] * POSITION), 0, 65535)
    records["y"] = np.clip(np.round(points.xy[:, 1] * POSITION), 0, 65535)
    records["size"] = points.size
    records["angle"] = np.round(points.angle * 256.0 / 360.0).astype(np.int64) % 256
    head = HEADER.pack(
        MAGIC,
        vocabulary.fingerprint.encode("ascii"),
        points.width,
        points.height,
        points.scale,
        len(points),
    )
    return head + records.tobytes()


def decode(blob: bytes, vocabulary: Vocabulary) -> Banked:
    """Read stored features, checking every length and field (the bytes come from a store)."""
    if len(blob) < HEADER.size:
        raise BadInput("stored photo features are truncated")
    magic, fingerprint, width, height, scale, n = HEADER.unpack_from(blob)
    if magic != MAGIC:
        raise BadInput("stored photo features are not in a format Shield knows")
    if fingerprint.decode("ascii", "replace") != vocabulary.fingerprint:
        raise BadInput("stored photo features were made with another vocabulary; re-add the photo")
    if n > MAX_FEATURES or len(blob) != HEADER.size + n * RECORD.itemsize:
        raise BadInput("stored photo features have the wrong length")
    if not (0 < scale <= 1.0) or width == 0 or height == 0:
        raise BadInput("stored photo features have an impossible size")
    records = np.frombuffer(blob, RECORD, count=n, offset=HEADER.size)
    if n and int(records["word"].max()) >= vocabulary.size:
        raise BadInput("stored photo features name a word the vocabulary does not have")
    return Banked(records, width, height, float(scale))


@dataclass(frozen=True)
class QuerySide:
    """One orientation of a query: its keypoints, words and signatures."""

    points: Keypoints
    words: NDArray[np.int64]  # (n, QUERY_WORDS)
    sigs: NDArray[np.uint64]
    mirrored: bool

    @classmethod
    def both(cls, points: Keypoints, vocabulary: Vocabulary) -> list[QuerySide]:
        """The query as it is and mirrored (``keypoints.mirrored``), each feature in its
        ``QUERY_WORDS`` nearest words."""
        as_is, flipped = vocabulary.assign_mirrored(points.desc, QUERY_WORDS)
        sides = ((points, as_is, False), (mirrored(points), flipped, True))
        return [
            cls(side, words, vocabulary.signatures(side.desc, words), is_mirror)
            for side, words, is_mirror in sides
        ]


@dataclass(frozen=True)
class Found:
    id: int
    fit: Fit
    side: QuerySide
    bank_shape: tuple[int, int]
    bank_scale: float


@dataclass(frozen=True)
class _Pairs:
    """Candidate pairs: query keypoint row, banked feature, signature distance, owner slot."""

    row: NDArray[np.int64]
    feature: NDArray[np.int64]
    distance: NDArray[np.int64]
    owner: NDArray[np.int64]

    def where(self, mask: NDArray[np.bool_]) -> _Pairs:
        return _Pairs(self.row[mask], self.feature[mask], self.distance[mask], self.owner[mask])


class _Run:
    """Features [begin, end) of the columns, grouped by word: the features of word w are
    ``order[starts[w]:starts[w + 1]]``, or, for a run already stored in word order (``order``
    None), the features ``begin + starts[w]`` to ``begin + starts[w + 1]``."""

    def __init__(
        self, words: NDArray[np.uint16], begin: int, size: int, *, in_order: bool = False
    ) -> None:
        self.begin = begin
        self.end = begin + len(words)
        self.order: NDArray[np.uint32] | None = None
        if not in_order:
            self.order = (np.argsort(words, kind="stable") + begin).astype(np.uint32)
            words = words[self.order - begin]
        self.starts = np.searchsorted(words, np.arange(size + 1)).astype(np.int64)

    @property
    def nbytes(self) -> int:
        return int(self.starts.nbytes + (self.order.nbytes if self.order is not None else 0))


class FeatureIndex:
    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        merge_min: int = MERGE_MIN,
        merge_share: float = MERGE_SHARE,
        max_postings: int = MAX_POSTINGS,
    ) -> None:
        self.vocabulary = vocabulary
        self.merge_min, self.merge_share = merge_min, merge_share
        self.max_postings = max_postings
        k = vocabulary.size
        self._cols = np.zeros(0, PLACE)
        self._sig = np.zeros(0, np.uint64)
        self._owner = np.zeros(0, np.int32)
        self._n = 0
        self._ids: list[int] = []
        self._slots: dict[int, int] = {}
        # per photo slot: alive, width, height, scale, feature count
        self._alive = np.zeros(0, bool)
        self._shape = np.zeros((0, 2), np.int32)
        self._scale = np.zeros(0, np.float32)
        self._count = np.zeros(0, np.int32)
        self._df = np.zeros(k, np.int64)
        self._main = _Run(np.zeros(0, np.uint16), 0, k)
        self._recent = _Run(np.zeros(0, np.uint16), 0, k)

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._slots

    @property
    def features(self) -> int:
        return int(self._alive[self._owner[: self._n]].sum()) if self._n else 0

    def nbytes(self) -> int:
        """Bytes held for the banked photos (columns, owners, runs), not counting Python's
        per-photo bookkeeping."""
        runs = self._main.nbytes + self._recent.nbytes
        used = self._n * (PLACE.itemsize + 8 + 4)  # place, signature, owner
        per_slot = 1 + 8 + 4 + 4 + 8  # the slot arrays and the id
        return used + runs + len(self._ids) * per_slot

    def add(self, ids: Sequence[int], blobs: Sequence[bytes]) -> None:
        decoded = [decode(b, self.vocabulary) for b in blobs]
        fresh = [(i, d) for i, d in zip(ids, decoded, strict=True) if i not in self._slots]
        if not fresh:
            return
        total = sum(len(d.records) for _, d in fresh)
        self._grow(self._n + total, len(self._ids) + len(fresh))
        for entry_id, banked in fresh:
            slot = len(self._ids)
            count = len(banked.records)
            for name in PLACE.names or ():
                self._cols[name][self._n : self._n + count] = banked.records[name]
            self._sig[self._n : self._n + count] = banked.records["sig"]
            self._owner[self._n : self._n + count] = slot
            np.add.at(self._df, banked.records["word"].astype(np.int64), 1)
            self._ids.append(entry_id)
            self._slots[entry_id] = slot
            self._alive[slot] = True
            self._shape[slot] = (banked.width, banked.height)
            self._scale[slot] = banked.scale
            self._count[slot] = count
            self._n += count
        recent = self._n - self._main.end
        if recent >= max(self.merge_min, self.merge_share * self._main.end):
            self._compact()
        else:
            words = self._cols["word"][self._main.end : self._n]
            self._recent = _Run(words, self._main.end, self.vocabulary.size)

    def remove(self, ids: Sequence[int]) -> None:
        for entry_id in ids:
            slot = self._slots.pop(entry_id, None)
            if slot is not None:
                self._alive[slot] = False
                words = self._cols["word"][: self._n][self._owner[: self._n] == slot]
                np.subtract.at(self._df, words.astype(np.int64), 1)

    def _grow(self, features: int, slots: int) -> None:
        if features > len(self._cols):
            size = max(features, 2 * len(self._cols), 1024)
            self._cols = _resized(self._cols, size)
            self._sig = _resized(self._sig, size)
            self._owner = _resized(self._owner, size)
        if slots > len(self._alive):
            size = max(slots, 2 * len(self._alive), 64)
            self._alive = _resized(self._alive, size)
            self._shape = _resized(self._shape, size)
            self._scale = _resized(self._scale, size)
            self._count = _resized(self._count, size)

    def _compact(self) -> None:
        """Drop withdrawn photos and rebuild the large run over everything, stored in word
        order so that a word's features lie side by side."""
        slots = len(self._ids)
        live = np.flatnonzero(self._alive[:slots])
        renumber = np.full(slots, -1, np.int32)
        renumber[live] = np.arange(len(live), dtype=np.int32)
        keep = np.flatnonzero(self._alive[self._owner[: self._n]])
        order = keep[np.argsort(self._cols["word"][keep], kind="stable")]
        self._cols = self._cols[order]
        self._sig = self._sig[order]
        self._owner = renumber[self._owner[order]]
        self._ids = [self._ids[s] for s in live]
        self._slots = {entry_id: slot for slot, entry_id in enumerate(self._ids)}
        self._shape, self._scale = self._shape[live].copy(), self._scale[live].copy()
        self._count = self._count[live].copy()
        self._alive = np.ones(len(live), bool)
        self._n = len(self._cols)
        k = self.vocabulary.size
        self._main = _Run(self._cols["word"], 0, k, in_order=True)
        self._recent = _Run(np.zeros(0, np.uint16), self._n, k)

    # -- search --------------------------------------------------------------------------

    def postings(self, words: NDArray[np.int64]) -> NDArray[np.int64]:
        """How many banked features (withdrawn ones until compaction) each word lists."""
        main, recent = self._main.starts, self._recent.starts
        lengths: NDArray[np.int64] = (main[words + 1] - main[words]) + (
            recent[words + 1] - recent[words]
        )
        return lengths

    def _budget(self, words: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Which of a query side's probes (query feature, word) vote: all of them, unless
        their posting lists hold more than ``max_postings`` banked features together; then the
        shortest lists first, up to that many. A word with a long list is a common one (little
        weight in the vote, many comparisons), and a query whose features fall mostly in common
        words (smooth or generic texture) would otherwise cost many times the typical query.
        The lists left out still count for the candidates: ``_owned`` finds their pairs in
        them, so verification sees every pair, as with no budget."""
        lengths = self.postings(words)
        keep = np.ones(len(words), bool)
        if int(lengths.sum()) > self.max_postings:
            order = np.argsort(lengths, kind="stable")
            keep[order[np.cumsum(lengths[order]) > self.max_postings]] = False
        return keep

    def _probe(
        self, run: _Run, words: NDArray[np.int64], sigs: NDArray[np.uint64], rows: NDArray[np.int64]
    ) -> tuple[_Pairs, NDArray[np.int64]]:
        """Every posting of the probed words (query feature ``rows``, ``words``, ``sigs``)
        within reach of its signature, and the word each pair shares. The postings are
        compared in chunks of about ``CHUNK``, so that what is compared stays in the core's
        cache: in a run stored in word order each probed word's banked signatures are one
        slice, XORed with the probe's signature straight into the chunk's buffer (one pass,
        no copies) when the lists are long (``SLICED``); short lists, and a run with an order
        over it, are copied into the buffer first. Only the few within reach become feature
        numbers."""
        lo, hi = run.starts[words], run.starts[words + 1]
        probe = np.flatnonzero(hi > lo)
        lo, hi = lo[probe], hi[probe]
        lengths = hi - lo
        if len(probe) == 0:
            none = np.zeros(0, np.int64)
            return _Pairs(none, none, none, none), none
        ends = np.cumsum(lengths)
        cuts = np.searchsorted(ends, np.arange(CHUNK, int(ends[-1]), CHUNK), side="right")
        bounds = np.unique(np.concatenate([[0], cuts, [len(probe)]]))
        edges = np.r_[0, ends][bounds]
        widest = int(np.diff(edges).max())
        xored, gaps_buffer = np.empty(widest, np.uint64), np.empty(widest, np.uint8)
        base, order, banked = run.begin, run.order, self._sig
        probe_sigs = sigs[probe]
        spans = list(zip(lo.tolist(), hi.tolist(), probe_sigs.tolist(), strict=True))
        found: list[NDArray[np.int64]] = []  # position among the probed postings
        probes: list[NDArray[np.int64]] = []  # which probe listed it
        gaps: list[NDArray[np.uint8]] = []
        for first, last, offset, end in zip(
            bounds[:-1].tolist(),
            bounds[1:].tolist(),
            edges[:-1].tolist(),
            edges[1:].tolist(),
            strict=True,
        ):
            out = xored[: end - offset]
            if order is None and end - offset >= SLICED * (last - first):
                at = 0
                for a, b, sig in spans[first:last]:
                    np.bitwise_xor(banked[base + a : base + b], sig, out=out[at : at + b - a])
                    at += b - a
            else:  # gathered, or many short lists: a call each would cost more than a copy
                part = spans[first:last]
                if order is None:
                    np.concatenate([banked[base + a : base + b] for a, b, _ in part], out=out)
                else:
                    np.take(banked, np.concatenate([order[a:b] for a, b, _ in part]), out=out)
                np.bitwise_xor(out, np.repeat(probe_sigs[first:last], lengths[first:last]), out)
            gap = np.bitwise_count(out, out=gaps_buffer[: end - offset])
            near = np.flatnonzero(gap <= SIGNATURE_DISTANCE)
            found.append(near + offset)
            probes.append(np.searchsorted(ends[first:last] - offset, near, side="right") + first)
            gaps.append(gap[near])
        near, which = np.concatenate(found), np.concatenate(probes)
        at = lo[which] + near - (ends[which] - lengths[which])
        feature = at + base if order is None else order[at].astype(np.int64)
        probed = probe[which]
        distance = np.concatenate(gaps).astype(np.int64)
        owner = self._owner[feature].astype(np.int64)
        pairs = _Pairs(rows[probed], feature, distance, owner)
        return pairs, words[probed]

    def _owned(
        self,
        run: _Run,
        words: NDArray[np.int64],
        sigs: NDArray[np.uint64],
        rows: NDArray[np.int64],
        owners: NDArray[np.int64],
    ) -> _Pairs:
        """The pairs that the probes (``rows``, ``words``, ``sigs``) would give with the
        features of ``owners`` (sorted) only, without reading the rest of their lists: a
        word's list holds its features in their photos' order (photos are numbered as they
        are added, and a rebuild keeps each word's features in order), so each photo's are
        found by a binary search, in every list at once (``_lower_bounds``)."""
        if run.end == run.begin or len(words) == 0:
            none = np.zeros(0, np.int64)
            return _Pairs(none, none, none, none)
        lo, hi = run.starts[words], run.starts[words + 1]
        wanted = owners.astype(self._owner.dtype)
        base, order, half = run.begin, run.order, len(wanted)
        owner_of: Callable[[NDArray[np.int64]], NDArray[Any]] = (
            (lambda at: self._owner[at + base])
            if order is None
            else (lambda at: self._owner[order[at]])
        )
        # where each owner's features begin and end (its successor's begin) in each list
        bounds = _lower_bounds(owner_of, lo, hi, np.concatenate([wanted, wanted + 1]))
        first, counts = bounds[:, :half].ravel(), (bounds[:, half:] - bounds[:, :half]).ravel()
        probe_of = np.repeat(np.arange(len(counts)) // half, counts)
        at = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        feature = at + base if order is None else order[at].astype(np.int64)
        distance = np.bitwise_count(self._sig[feature] ^ sigs[probe_of]).astype(np.int64)
        near = distance <= SIGNATURE_DISTANCE
        feature, probe_of = feature[near], probe_of[near]
        return _Pairs(
            rows[probe_of], feature, distance[near], self._owner[feature].astype(np.int64)
        )

    def search(
        self,
        sides: Sequence[QuerySide],
        limit: int = CANDIDATES,
        rejected: list[Found] | None = None,
    ) -> list[Found]:
        """Banked photos the query shows, verified, most inliers first (each photo once, in
        the orientation that verified best). Candidates that failed verification are put in
        ``rejected`` when it is given (to measure how far they were from passing)."""
        best: dict[int, Found] = {}
        if not self._slots:
            return []
        slots = len(self._ids)
        rarity = np.log1p(len(self._slots) / np.maximum(self._df, 1)).astype(np.float32)
        for side in sides:
            words, sigs = side.words.ravel(), side.sigs.ravel()
            rows = np.repeat(np.arange(len(side.words)), side.words.shape[1])
            keep = self._budget(words)
            (a, wa), (b, wb) = (
                self._probe(r, words[keep], sigs[keep], rows[keep])
                for r in (self._main, self._recent)
            )
            pairs, word = a, wa  # joined with the recent run's, when it has any
            if len(b.row):
                pairs = _Pairs(
                    *(np.concatenate([x, y]) for x, y in zip(_fields(a), _fields(b), strict=True))
                )
                word = np.concatenate([wa, wb])
            live = self._alive[pairs.owner]
            if not live.all():
                pairs, word = pairs.where(live), word[live]
            if len(pairs.row) == 0:
                continue
            weight = rarity[word] * _CLOSENESS[pairs.distance]
            # one vote per query keypoint and photo: its best weight
            span = len(side.points) + 1
            voter, best_weight = _best(pairs.owner * span + pairs.row, weight)
            votes = np.bincount(voter // span, weights=best_weight, minlength=slots)
            score = votes / np.sqrt(np.maximum(self._count[:slots], 1))
            top = np.argpartition(-score, min(limit, slots) - 1)[:limit]
            top = top[np.argsort(-score[top], kind="stable")]
            chosen = top[score[top] > 0]
            # the candidates' pairs, gathered once, with those in the lists left out of the
            # vote: a candidate is verified on every pair it has, as if there were no budget
            wanted = np.zeros(slots, bool)
            wanted[chosen] = True
            theirs = pairs.where(wanted[pairs.owner])
            if len(chosen) and not keep.all():
                left, owners = ~keep, np.sort(chosen)
                out_words, out_sigs, out_rows = words[left], sigs[left], rows[left]
                more = [
                    self._owned(r, out_words, out_sigs, out_rows, owners)
                    for r in (self._main, self._recent)
                ]
                theirs = _Pairs(
                    *(np.concatenate(f) for f in zip(*map(_fields, [theirs, *more]), strict=True))
                )
            for slot in chosen:
                self._keep(best, rejected, self._verify(int(slot), side, theirs))
        return sorted(best.values(), key=lambda f: (-f.fit.inliers, f.id))

    def brute_force(self, sides: Sequence[QuerySide]) -> list[Found]:
        """The reference the index is measured against: every banked feature compared with
        every query feature (same word, signature within reach), and every banked photo with
        a pair verified. Slow by design."""
        best: dict[int, Found] = {}
        n = self._n
        words = self._cols["word"][:n].astype(np.int64)
        sigs = self._sig[:n]
        for side in sides:
            rows, features, distances = [], [], []
            for k in range(side.words.shape[1]):
                order = np.argsort(side.words[:, k], kind="stable")
                ranked = side.words[order, k]
                lo = np.searchsorted(ranked, words, "left")
                lengths = np.searchsorted(ranked, words, "right") - lo
                total = int(lengths.sum())
                feature = np.repeat(np.arange(n), lengths)
                at = np.repeat(lo - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
                row = order[at]
                gap = np.bitwise_count(side.sigs[row, k] ^ sigs[feature]).astype(np.int64)
                near = gap <= SIGNATURE_DISTANCE
                rows.append(row[near])
                features.append(feature[near])
                distances.append(gap[near])
            feature = np.concatenate(features)
            pairs = _Pairs(
                np.concatenate(rows),
                feature,
                np.concatenate(distances),
                self._owner[feature].astype(np.int64),
            )
            pairs = pairs.where(self._alive[pairs.owner])
            for slot in np.unique(pairs.owner):
                self._keep(best, None, self._verify(int(slot), side, pairs))
        return sorted(best.values(), key=lambda f: (-f.fit.inliers, f.id))

    @staticmethod
    def _keep(best: dict[int, Found], rejected: list[Found] | None, found: Found | None) -> None:
        if found is None:
            return
        if not found.fit.accepted:
            if rejected is not None:
                rejected.append(found)
            return
        held = best.get(found.id)
        if held is None or found.fit.inliers > held.fit.inliers:
            best[found.id] = found

    def _verify(self, slot: int, side: QuerySide, pairs: _Pairs) -> Found | None:
        mine = pairs.owner == slot
        q, f = one_to_one(pairs.row[mine], pairs.feature[mine], pairs.distance[mine])
        width, height = (int(v) for v in self._shape[slot])
        scale = float(self._scale[slot])
        cols = self._cols[f]
        bank_xy = np.stack([cols["x"], cols["y"]], axis=1).astype(np.float32) / POSITION
        points = side.points
        result = fit(
            Placed(
                bank_xy,
                cols["size"].astype(np.float32),
                cols["angle"].astype(np.float32) * (360.0 / 256.0),
                (width, height),
            ),
            Placed(points.xy[q], points.size[q], points.angle[q], (points.width, points.height)),
        )
        if result is None:
            return None
        return Found(self._ids[slot], result, side, (width, height), scale)


def _resized(array: NDArray[Any], size: int) -> NDArray[Any]:
    grown = np.zeros((size, *array.shape[1:]), array.dtype)
    grown[: len(array)] = array
    return grown


def _best(
    keys: NDArray[np.int64], weights: NDArray[np.float32]
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Each distinct key (non-negative) once, in order, with the largest of its weights
    (float32, not negative). A non-negative float's bits order as an integer does, so a key
    and its weight's bits packed into one integer sort both at once, with NumPy's SIMD sort of
    plain integers, and the last of each key's run holds its largest weight: no order to find
    and no gathers through it (a quarter of a search's time at 100,000 photos before). Keys too
    wide to pack are sorted by key and weight together."""
    weights = np.asarray(weights, np.float32)
    if len(keys) == 0:
        return keys, weights
    if int(keys.max()).bit_length() + 32 <= 63:
        packed = np.sort((keys << 32) | weights.view(np.uint32).astype(np.int64))
        ranked = packed >> 32
        last = np.flatnonzero(np.r_[ranked[1:] != ranked[:-1], True])
        best = (packed[last] & 0xFFFFFFFF).astype(np.uint32).view(np.float32)
        return ranked[last], best
    order = np.lexsort((weights, keys))
    ranked = keys[order]
    last = np.flatnonzero(np.r_[ranked[1:] != ranked[:-1], True])
    return ranked[last], weights[order[last]]


def _lower_bounds(
    value_at: Callable[[NDArray[np.int64]], NDArray[Any]],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    keys: NDArray[Any],
) -> NDArray[np.int64]:
    """``np.searchsorted`` (side left) of every key in each sorted list ``[lo[i], hi[i])`` of
    positions whose values ``value_at`` gives: shape (lists, keys), positions in
    ``[lo[i], hi[i]]``. One bisection for all lists and keys together, a step per bit of the
    longest list, instead of a call per list (hundreds per query side)."""
    shape = (len(lo), len(keys))
    left = np.broadcast_to(lo[:, None], shape).copy()
    right = np.broadcast_to(hi[:, None], shape).copy()
    wanted = np.broadcast_to(keys[None, :], shape)
    last = max(int(hi.max(initial=0)) - 1, 0)
    for _ in range(int((hi - lo).max(initial=0)).bit_length()):
        live = left < right
        mid = (left + right) >> 1
        below = (value_at(np.minimum(mid, last)) < wanted) & live
        left = np.where(below, mid + 1, left)
        right = np.where(live & ~below, mid, right)
    return left


def _fields(pairs: _Pairs) -> tuple[NDArray[np.int64], ...]:
    return (pairs.row, pairs.feature, pairs.distance, pairs.owner)
