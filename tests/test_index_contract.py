"""Every hash index agrees with the linear scan: random and clustered data, every distance.

The fast index must return every stored hash within the radius (nothing missed), no other,
with exact distances, nearest first; adds and removals count for the very next search; and a
saved index reloads to the same answers, while a damaged one is refused.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shield.adapters.index import INDEXES, archive
from shield.adapters.index.base import ArrayIndex, to_hex, to_words
from shield.adapters.index.linear import LinearIndex
from shield.adapters.index.multi import MultiIndex
from shield.adapters.index.segment import (
    Segment,
    choose_layout,
    chunk_keys,
    chunk_radii,
    valid_layout,
)
from shield.core.errors import BadInput
from shield.core.hamming import MAX_RADIUS, distance
from shield.core.ports import INDEX_NAMES


def flip(words: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """A copy of each row with exactly ``count`` distinct bits flipped."""
    out = words.copy()
    for row in out:
        for bit in rng.choice(256, count, replace=False):
            row[bit // 64] ^= np.uint64(1) << np.uint64(63 - bit % 64)
    return out


def random_data(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 2**64, size=(n, 4), dtype=np.uint64)


def clustered_data(rng: np.random.Generator, n: int) -> np.ndarray:
    """Near-duplicates: clusters around a few centres at distances 0..40 from them."""
    centres = random_data(rng, max(1, n // 20))
    rows = [
        flip(centres[i % len(centres)][None, :], int(rng.integers(0, 41)), rng)[0] for i in range(n)
    ]
    return np.array(rows, dtype=np.uint64)


def queries_at_every_distance(data: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each distance 0..31, a query that far from some stored hash."""
    picks = data[rng.integers(0, len(data), MAX_RADIUS + 1)]
    return np.concatenate([flip(picks[d : d + 1], d, rng) for d in range(MAX_RADIUS + 1)])


def build(kind: str, ids: np.ndarray, words: np.ndarray, buffer_size: int) -> ArrayIndex:
    index = MultiIndex(buffer_size) if kind == "mih" else INDEXES[kind]()
    step = max(1, len(ids) // 3)
    for at in range(0, len(ids), step):  # in parts, so segments form and merge
        index.add_words(ids[at : at + step], words[at : at + step])
    return index


def assert_same(index: ArrayIndex, reference: ArrayIndex, queries: np.ndarray) -> None:
    hexes = to_hex(queries)
    for radius in range(MAX_RADIUS + 1):
        got = index.search_many(hexes, radius)
        want = reference.search_many(hexes, radius)
        assert got == want, f"radius {radius}"


def test_registry_matches_the_contract() -> None:
    assert tuple(INDEXES) == INDEX_NAMES
    for cls in INDEXES.values():
        assert cls.examples


@pytest.mark.parametrize("kind", INDEX_NAMES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 400),
    clustered=st.booleans(),
    buffer_size=st.integers(1, 128),
)
def test_index_agrees_with_linear_scan(
    kind: str, seed: int, n: int, clustered: bool, buffer_size: int
) -> None:
    rng = np.random.default_rng(seed)
    words = clustered_data(rng, n) if clustered else random_data(rng, n)
    ids = rng.permutation(10 * n)[:n].astype(np.int64)
    index = build(kind, ids, words, buffer_size)
    reference = build("linear", ids, words, buffer_size)
    queries = queries_at_every_distance(words, rng)
    assert_same(index, reference, queries)
    # removals are effective for the very next search
    gone = ids[rng.random(n) < 0.3]
    index.remove(gone.tolist())
    reference.remove(gone.tolist())
    assert len(index) == len(reference) == n - len(gone)
    assert_same(index, reference, queries)


@pytest.mark.parametrize("layout", [(8, 12), (11, 16), (12, 21), (14, 18), (16, 16), (24, 10)])
def test_every_table_layout_finds_everything(layout: tuple[int, int]) -> None:
    rng = np.random.default_rng(layout[0])
    words = np.concatenate([random_data(rng, 3000), clustered_data(rng, 1000)])
    ids = np.arange(len(words), dtype=np.int64)
    index = MultiIndex(buffer_size=1)
    index.segments = [Segment.build(ids, words, layout)]
    reference = LinearIndex()
    reference.add_words(ids, words)
    assert_same(index, reference, queries_at_every_distance(words, rng))


def test_distances_are_exact_and_nearest_first() -> None:
    rng = np.random.default_rng(7)
    centre = random_data(rng, 1)
    words = np.concatenate([flip(centre, d, rng) for d in (9, 0, 31, 3, 32, 3)])
    index = MultiIndex(buffer_size=2)
    index.add_words(np.array([10, 11, 12, 13, 14, 15]), words)
    query = to_hex(centre)[0]
    found = index.search(query, 31)
    assert [(h.id, h.distance) for h in found] == [(11, 0), (13, 3), (15, 3), (10, 9), (12, 31)]
    for h in found:
        assert distance(query, to_hex(words[h.id - 10 : h.id - 9])[0]) == h.distance


def test_pigeonhole_radii_cover_the_radius() -> None:
    for m in (11, 12, 16, 24):
        for radius in range(MAX_RADIUS + 1):
            radii = chunk_radii(m, radius)
            # a hash no chunk of which is within its radius is farther than ``radius``
            assert sum(r + 1 for r in radii) == radius + 1


def test_chunk_keys_cut_the_bits_in_order() -> None:
    rng = np.random.default_rng(3)
    words = random_data(rng, 50)
    bits = ["".join(f"{int(w):064b}" for w in row) for row in words]
    for start, width in [(0, 16), (60, 10), (120, 23), (250, 6), (63, 2)]:
        got = chunk_keys(words, start, width)
        assert got.tolist() == [int(b[start : start + width], 2) for b in bits]


def test_layout_meets_the_memory_budget_at_scale() -> None:
    for n in (100_000, 1_000_000, 10_000_000):
        m, width = choose_layout(n)
        assert valid_layout(m, width)
        assert 40 + 4 * m + 4 * m * ((1 << width) + 1) / n <= 128
    assert choose_layout(10_000_000) == (11, 23)


def test_duplicate_and_malformed_input_is_refused() -> None:
    for kind in INDEX_NAMES:
        index = INDEXES[kind]()
        index.add([1], ["a" * 64])
        with pytest.raises(BadInput):
            index.add([1], ["b" * 64])
        with pytest.raises(BadInput):
            index.add([2, 2], ["b" * 64, "c" * 64])
        with pytest.raises(BadInput):
            index.add([3], ["abc"])
        with pytest.raises(BadInput):
            index.search("z" * 64, 3)
        assert len(index) == 1


def test_wide_radius_still_exact() -> None:
    rng = np.random.default_rng(11)
    words = clustered_data(rng, 300)
    ids = np.arange(300, dtype=np.int64)
    index, reference = build("mih", ids, words, 16), build("linear", ids, words, 16)
    query = to_hex(words[:3])
    assert index.search_many(query, 64) == reference.search_many(query, 64)


@pytest.mark.parametrize("kind", INDEX_NAMES)
def test_saved_index_reloads_to_the_same_answers(kind: str, tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    words = clustered_data(rng, 500)
    ids = np.arange(500, dtype=np.int64) * 3
    index = build(kind, ids, words, 64)
    index.remove([0, 3, 6])
    archive.save(index, tmp_path / "ix", tag={"version": 7})
    archive.save(index, tmp_path / "ix", tag={"version": 8})  # a second generation replaces
    loaded, tag = archive.load(tmp_path / "ix")
    assert tag == {"version": 8}
    assert type(loaded) is type(index) and len(loaded) == len(index)
    queries = queries_at_every_distance(words, rng)
    assert loaded.search_many(to_hex(queries), 31) == index.search_many(to_hex(queries), 31)
    assert len(list((tmp_path / "ix").glob("*.npy"))) == len(index.state()[1])


def test_damaged_or_foreign_index_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(6)
    words = random_data(rng, 300)
    index = build("mih", np.arange(300, dtype=np.int64), words, 64)
    folder = tmp_path / "ix"
    archive.save(index, folder)
    victim = next(folder.glob("*segment0_order.npy"))
    assert victim.exists()
    data = bytearray(victim.read_bytes())
    data[-1] ^= 0xFF
    victim.write_bytes(bytes(data))
    with pytest.raises(BadInput, match="checksum"):
        archive.load(folder)
    # a manifest whose checksums agree but whose tables point out of range is refused too
    archive.save(index, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    order = folder / manifest["arrays"]["segment0_order"]["file"]
    table = np.load(order)
    table[0] = 10**6
    np.save(order, table)
    manifest["arrays"]["segment0_order"]["sha256"] = hashlib.sha256(order.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BadInput, match="inconsistent"):
        archive.load(folder)
    # an array of pickled objects never loads, whatever the manifest claims
    np.save(order, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    manifest["arrays"]["segment0_order"]["sha256"] = hashlib.sha256(order.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BadInput, match="cannot read"):
        archive.load(folder)
    (folder / "manifest.json").write_text("not json")
    with pytest.raises(BadInput):
        archive.load(folder)


def test_hex_words_round_trip() -> None:
    hexes = ["0123456789abcdef" * 4, "f" * 64]
    assert to_hex(to_words(hexes)) == hexes


def test_large_batches_split_over_threads_agree() -> None:
    rng = np.random.default_rng(12)
    words = np.concatenate([random_data(rng, 2000), clustered_data(rng, 2000)])
    ids = np.arange(len(words), dtype=np.int64)
    index, reference = build("mih", ids, words, 512), build("linear", ids, words, 512)
    queries = to_hex(flip(words[rng.integers(0, len(words), 300)], 12, rng))
    assert index.workers == 1 or len(queries) >= 128
    assert index.search_many(queries, 31) == reference.search_many(queries, 31)
