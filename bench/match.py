"""Benchmark: exact PDQ range search (radius 31) at 100k, 1M and 10M hashes.

Shield's multi-index-hashing index against FAISS ``IndexBinaryFlat`` (exact brute force, the
anchor), FAISS ``IndexBinaryMultiHash`` (16 maps, nflip 1) and python-threatexchange's
``PDQIndex``, in the same run, on random and on clustered data (near-duplicates at controlled
distances). For each: build time, memory per hash, single-query latency p50/p99, batch
throughput, and recall and precision against brute force; for Shield also how long an added
or removed hash takes to count.

    uv run --group bench python bench/match.py --sizes 100000,1000000
    uv run --group bench python bench/match.py --sizes 10000000 --kinds random,clustered

Columns: ``q/cpu-s`` is batch queries per second of CPU time this process used (all its
threads), steadier than wall time on a shared machine; ``vs flat`` compares wall-time batch
throughput with the flat scan's.

Queries: 80% are stored hashes with 0..31 bits flipped (each distance equally often), 20%
random (almost never a match). Brute force is FAISS's flat scan, checked against a numpy scan
on the first queries.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np
from threatexchange.signal_type.pdq.pdq_index import PDQIndex

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from shield.adapters.index import archive
from shield.adapters.index.base import to_hex
from shield.adapters.index.multi import MultiIndex

RADIUS = 31
BITS = 256


def trim() -> None:
    """Hand freed heap back to the system, so the next RSS growth is the next index's."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def available() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


# bytes a hash each anchor needed at 1M in an earlier run; used to skip what cannot fit
NEEDS = {"faiss-multihash": 900, "pytx": 1300}


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def flip_bits(words: np.ndarray, counts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each row with exactly ``counts[i]`` distinct bits flipped (rows of 4 uint64)."""
    out = words.copy()
    for k in np.unique(counts):
        rows = np.flatnonzero(counts == k)
        if k == 0 or not len(rows):
            continue
        # k distinct positions per row: the first k of a random permutation of 256 bits
        keys = rng.random((len(rows), BITS), dtype=np.float32)
        bits = np.argpartition(keys, k - 1, axis=1)[:, :k]
        masks = np.zeros((len(rows), 4), dtype=np.uint64)
        every = np.arange(len(rows))
        for j in range(k):  # one bit per row at a time: no row repeats within a step
            b = bits[:, j]
            masks[every, b // 64] ^= np.uint64(1) << (63 - b % 64).astype(np.uint64)
        out[rows] ^= masks
    return out


def random_data(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 2**64, size=(n, 4), dtype=np.uint64)


def clustered_data(n: int, rng: np.random.Generator, cluster: int = 20) -> np.ndarray:
    """Clusters of about ``cluster`` near-duplicates, each 0..40 bits from its centre."""
    centres = random_data(max(1, n // cluster), rng)
    out = np.empty((n, 4), dtype=np.uint64)
    step = 250_000
    for at in range(0, n, step):
        m = min(step, n - at)
        base = centres[rng.integers(0, len(centres), m)]
        out[at : at + m] = flip_bits(base, rng.integers(0, 41, m), rng)
    return out


def make_queries(data: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    near = int(count * 0.8)
    picks = data[rng.integers(0, len(data), near)]
    dists = np.arange(near) % (RADIUS + 1)
    return np.concatenate([flip_bits(picks, dists, rng), random_data(count - near, rng)])


def as_bytes(words: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(words.astype(">u8")).view(np.uint8).reshape(-1, 32)


def brute_force(data: np.ndarray, queries: np.ndarray) -> list[set[int]]:
    flat = faiss.IndexBinaryFlat(BITS)
    flat.add(as_bytes(data))
    lims, _, ids = flat.range_search(as_bytes(queries), RADIUS + 1)  # faiss: distance < radius
    truth = [set(ids[lims[i] : lims[i + 1]].tolist()) for i in range(len(queries))]
    check_brute_force(data, queries, truth)
    return truth


def check_brute_force(data: np.ndarray, queries: np.ndarray, truth: list[set[int]]) -> None:
    """Cross-check the brute force with a numpy scan on a few queries."""
    for i in range(min(3, len(queries))):
        d = np.bitwise_count(data ^ queries[i]).sum(axis=1)
        assert set(np.flatnonzero(d <= RADIUS).tolist()) == truth[i], "brute force disagrees"


@dataclass
class Row:
    name: str
    build: float = 0.0
    bytes_per_hash: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    qps: float = 0.0
    recall: float = 0.0
    precision: float = 1.0
    note: str = ""
    cpu_qps: float = 0.0


class Subject:
    """One index under test: build it, search one query, search a batch."""

    name = ""

    def build(self, data: np.ndarray) -> None: ...

    def one(self, query: np.ndarray) -> set[int]:
        return self.many(query[None, :])[0]

    def many(self, queries: np.ndarray) -> list[set[int]]:
        raise NotImplementedError

    def nbytes(self) -> int | None:
        return None


class ShieldIndex(Subject):
    name = "shield mih"

    def build(self, data: np.ndarray) -> None:
        self.index = MultiIndex()
        self.index.add_words(np.arange(len(data), dtype=np.int64), data)

    def many(self, queries: np.ndarray) -> list[set[int]]:
        return [set(ids.tolist()) for ids, _ in self.index.search_words(queries, RADIUS)]

    def nbytes(self) -> int:
        return self.index.nbytes()


class FaissFlat(Subject):
    name = "faiss flat"

    def build(self, data: np.ndarray) -> None:
        self.index = faiss.IndexBinaryFlat(BITS)
        self.index.add(as_bytes(data))

    def many(self, queries: np.ndarray) -> list[set[int]]:
        lims, _, ids = self.index.range_search(as_bytes(queries), RADIUS + 1)
        return [set(ids[lims[i] : lims[i + 1]].tolist()) for i in range(len(queries))]


class FaissMultiHash(FaissFlat):
    name = "faiss multihash"

    def build(self, data: np.ndarray) -> None:
        self.index = faiss.IndexBinaryMultiHash(BITS, 16, 16)
        self.index.nflip = RADIUS // 16
        self.index.add(as_bytes(data))


class ThreatExchange(Subject):
    name = "pytx PDQIndex"

    def build(self, data: np.ndarray) -> None:
        hexes = to_hex(data)
        self.index = PDQIndex(entries=((h, i) for i, h in enumerate(hexes)))
        del hexes

    def one(self, query: np.ndarray) -> set[int]:
        return {m.metadata for m in self.index.query(to_hex(query[None, :])[0])}

    def many(self, queries: np.ndarray) -> list[set[int]]:
        hexes = to_hex(queries)
        found = self.index.index.search_with_distance_in_result(hexes, RADIUS)
        return [{self.index.local_id_to_entry[i][1] for i, _, _ in found[h]} for h in hexes]


SUBJECTS: dict[str, Callable[[], Subject]] = {
    "faiss-flat": FaissFlat,
    "shield": ShieldIndex,
    "faiss-multihash": FaissMultiHash,
    "pytx": ThreatExchange,
}


def measure(
    subject: Subject,
    data: np.ndarray,
    queries: np.ndarray,
    truth: list[set[int]] | None,
    singles: int,
) -> tuple[Row, list[set[int]]]:
    row = Row(subject.name)
    trim()
    before = rss()
    start = time.perf_counter()
    subject.build(data)
    row.build = time.perf_counter() - start
    trim()
    held = subject.nbytes()
    row.bytes_per_hash = (held if held is not None else rss() - before) / len(data)
    row.note = "arrays" if held is not None else "RSS"
    latencies = []
    found_one = []
    # one query gains nothing from threads, and with two on a busy machine FAISS waits for both
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    for q in queries[:singles]:
        t = time.perf_counter()
        found_one.append(subject.one(q))
        latencies.append(time.perf_counter() - t)
    faiss.omp_set_num_threads(threads)
    row.p50 = float(np.percentile(latencies, 50)) * 1e3
    row.p99 = float(np.percentile(latencies, 99)) * 1e3
    start, cpu = time.perf_counter(), time.process_time()
    found = subject.many(queries)
    row.qps = len(queries) / (time.perf_counter() - start)
    row.cpu_qps = len(queries) / max(time.process_time() - cpu, 1e-9)
    assert found[:singles] == found_one, f"{subject.name}: single and batch answers differ"
    if truth is None:  # this subject is the brute force
        check_brute_force(data, queries, found)
        truth = found
        row.note += ", the brute force"
    hits = sum(len(f & t) for f, t in zip(found, truth, strict=True))
    wanted = sum(len(t) for t in truth)
    returned = sum(len(f) for f in found)
    row.recall = hits / wanted if wanted else 1.0
    row.precision = hits / returned if returned else 1.0
    return row, found


def updates(subject: ShieldIndex, data: np.ndarray, rng: np.random.Generator) -> str:
    """How long until a new hash is found, and a removed one gone, in the full index."""
    index = subject.index
    fresh = random_data(1, rng)
    start = time.perf_counter()
    index.add_words(np.array([len(data)], dtype=np.int64), fresh)
    assert len(data) in index.search_words(fresh, 0)[0][0]
    added = time.perf_counter() - start
    start = time.perf_counter()
    index.remove_ids(np.array([7], dtype=np.int64))
    assert 7 not in index.search_words(data[7:8], 0)[0][0]
    removed = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="shield-bench-") as folder:
        start = time.perf_counter()
        archive.save(index, Path(folder) / "ix")
        saved = time.perf_counter() - start
        start = time.perf_counter()
        loaded, _ = archive.load(Path(folder) / "ix")
        reloaded = time.perf_counter() - start
        assert len(loaded) == len(index)
        del loaded
    return (
        f"shield mih: a new hash is found {added * 1e3:.1f} ms after add; a removed one is gone"
        f" {removed * 1e3:.1f} ms after remove (each with one search); saved in {saved:.1f} s,"
        f" reloaded (checksums verified) in {reloaded:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--kinds", default="random,clustered")
    parser.add_argument("--subjects", default=",".join(SUBJECTS))
    parser.add_argument("--queries", type=int, default=1000, help="batch size")
    parser.add_argument("--singles", type=int, default=200, help="queries timed one by one")
    parser.add_argument("--flat-singles", type=int, default=50, help="the same, for the flat scan")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(
        f"# PDQ range search, radius {RADIUS}; {os.cpu_count()} cores, load average"
        f" {os.getloadavg()[0]:.1f}; numpy {np.__version__}, faiss {faiss.__version__}"
        f" ({faiss.omp_get_max_threads()} threads)"
    )
    for kind in args.kinds.split(","):
        for n in (int(s) for s in args.sizes.split(",")):
            data = (random_data if kind == "random" else clustered_data)(n, rng)
            queries = make_queries(data, args.queries, rng)
            names = args.subjects.split(",")
            truth = None if names[0] == "faiss-flat" else brute_force(data, queries)
            print(f"\n## {kind}, {n:,} hashes, {len(queries)} queries")
            print(
                f"{'index':16} {'build s':>8} {'B/hash':>8} {'p50 ms':>8} {'p99 ms':>8}"
                f" {'batch q/s':>10} {'q/cpu-s':>8} {'recall':>7} {'precision':>9}  {'vs flat':>7}"
            )
            flat_qps = None
            for name in names:
                subject = SUBJECTS[name]()
                need = NEEDS.get(name, 0) * n * 1.5
                if need > available():
                    print(
                        f"{subject.name:16} skipped: needs about {need / 1e9:.1f} GB,"
                        f" {available() / 1e9:.1f} GB available"
                    )
                    continue
                singles = args.singles
                if name == "faiss-flat":
                    singles = min(singles, args.flat_singles)
                try:
                    r, found = measure(subject, data, queries, truth, singles)
                    truth = truth or found
                except MemoryError:
                    print(f"{subject.name:16} out of memory")
                    continue
                if name == "faiss-flat":
                    flat_qps = r.qps
                ratio = f"{r.qps / flat_qps:6.1f}x" if flat_qps else "     -"
                print(
                    f"{r.name:16} {r.build:8.2f} {r.bytes_per_hash:8.1f} {r.p50:8.3f}"
                    f" {r.p99:8.3f} {r.qps:10.0f} {r.cpu_qps:8.0f} {r.recall:7.2%}"
                    f" {r.precision:9.2%}  {ratio}"
                    f"  ({r.note})",
                    flush=True,
                )
                if isinstance(subject, ShieldIndex):
                    print("   ", updates(subject, data, rng), flush=True)
                del subject
                gc.collect()
            assert truth is not None
            print(f"true matches within {RADIUS}: {sum(len(t) for t in truth)}")
            del data, queries, truth
            gc.collect()


if __name__ == "__main__":
    main()
