"""Speed and size of the second matching stage: banks of 1k, 10k and 100k photos.

Shield's index (an inverted file over visual words, then geometric verification of the best
candidates) is printed beside a brute-force matcher over the same features (every banked
feature compared with every query feature, every photo with a pair verified), in the same
run, on one core (CPU time of this process; OpenCV and NumPy are held to one thread).

The banks: the banked photos of the photo set (bench/photoset.py) and the transformed copies
of its distractor photos (never banked elsewhere, so unrelated to every query), described
from their pixels; to reach the larger sizes, copies of the distractors' feature sets are
added, each copy's keypoints moved by a random similarity transform, a tenth of its features
dropped and four signature bits flipped at random. The copies keep real visual words, which
is what the work per query depends on; they are for the size figures only and never for
accuracy (bench/eval_photo.py).

Queries: transformed copies (crops, turns, screenshots) of banked photos; each must find its
photo in every bank ("found" column). Each query's features and each Shield search are timed
``--repeat`` times and the median taken, so that a moment of interference from elsewhere on
the machine does not land in one query's figure (brute force, the slow reference, once).

    uv run --group bench python bench/photo.py [--sizes 1000,10000,100000] [--queries 60]
        [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from photoset import DEFAULT_OUT  # noqa: E402
from shield.adapters.features.index import (  # noqa: E402
    HEADER,
    POSITION,
    RECORD,
    FeatureIndex,
    QuerySide,
)
from shield.adapters.features.matcher import SiftFeatures  # noqa: E402

BRUTE_LIMIT = 10_000  # the brute-force matcher is timed on banks up to this size


def vary(blob: bytes, rng: np.random.Generator) -> bytes:
    """A copy of a banked photo's features, moved, thinned and with signatures perturbed."""
    head, records = blob[: HEADER.size], np.frombuffer(blob, RECORD, offset=HEADER.size).copy()
    keep = rng.random(len(records)) >= 0.1
    records = records[keep]
    angle, scale = rng.uniform(0, 2 * np.pi), rng.uniform(0.8, 1.2)
    x = records["x"].astype(np.float64) / POSITION
    y = records["y"].astype(np.float64) / POSITION
    cx, cy = x.mean() if len(x) else 0, y.mean() if len(y) else 0
    nx = cx + scale * (np.cos(angle) * (x - cx) - np.sin(angle) * (y - cy))
    ny = cy + scale * (np.sin(angle) * (x - cx) + np.cos(angle) * (y - cy))
    records["x"] = np.clip(np.round(nx * POSITION), 0, 65535)
    records["y"] = np.clip(np.round(ny * POSITION), 0, 65535)
    flips = np.zeros(len(records), np.uint64)
    for _ in range(4):
        flips |= np.left_shift(np.uint64(1), rng.integers(0, 64, len(records)).astype(np.uint64))
    records["sig"] ^= flips
    magic, fingerprint, width, height, s, _ = HEADER.unpack(head)
    return HEADER.pack(magic, fingerprint, width, height, s, len(records)) + records.tobytes()


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--set", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    manifest = json.loads((args.set / "manifest.json").read_text(encoding="utf-8"))
    images = manifest["images"]
    banked = [e for e in images if not e["distractor"]]
    others = [e for e in images if e["distractor"]]
    matcher = SiftFeatures()

    started = time.process_time()
    real = [matcher.describe(Path(e["original"])) for e in banked]
    describe_ms = 1000 * (time.process_time() - started) / len(banked)
    unrelated = [matcher.describe(Path(p)) for e in others for p in e["queries"].values()]
    real += unrelated
    print(
        f"{len(banked)} banked photos and {len(unrelated)} distractor images described, "
        f"{describe_ms:.0f} CPU-ms per photo"
    )

    rng = random.Random(5)
    picks = rng.sample(range(len(banked)), min(args.queries, len(banked)))
    kinds = ["crop60", "rot15", "screenshot_chat", "mirror_rot_crop", "profile"]
    queries: list[tuple[int, list[QuerySide]]] = []
    prepare_ms: list[float] = []  # each query's features, in CPU-ms
    for n, pick in enumerate(picks):
        path = Path(banked[pick]["queries"][kinds[n % len(kinds)]])
        times = []
        for _ in range(args.repeat):
            started = time.process_time()
            sides = matcher.prepare(path)
            times.append(1000 * (time.process_time() - started))
        queries.append((pick, sides))
        prepare_ms.append(float(np.median(times)))

    noise = np.random.default_rng(11)
    header = (
        f"{'photos':>8} {'matcher':12} {'add ms':>7} {'bytes/photo':>11} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'e2e p50':>7} {'e2e p99':>7} {'x brute':>7} {'found':>6}"
    )
    print(
        f"\nquery features: p50 {percentile(prepare_ms, 50):.0f}, "
        f"p99 {percentile(prepare_ms, 99):.0f} CPU-ms per query\n"
    )
    print(header)
    print("-" * len(header))
    index = FeatureIndex(matcher.vocabulary)
    held = 0
    for size in sizes:
        ids, blobs = [], []
        while held + len(ids) < size:
            number = held + len(ids)
            blob = (
                real[number]
                if number < len(real)
                else vary(unrelated[number % len(unrelated)], noise)
            )
            ids.append(number)
            blobs.append(blob)
        index.add(ids, blobs)
        held = size
        # adding one more photo, as `shield bank add` does after the bank is loaded
        add_times = []
        for extra in range(5):
            t0 = time.process_time()
            index.add([10_000_000 + size + extra], [real[extra]])
            add_times.append(time.process_time() - t0)
        index.remove([10_000_000 + size + extra for extra in range(5)])
        per_photo = index.nbytes() / len(index)
        rows = [("brute force", index.brute_force)] if size <= BRUTE_LIMIT else []
        rows.append(("shield", index.search))
        reference = float("nan")
        for name, method in rows:
            latencies, found = [], 0
            for truth, sides in queries:
                times = []
                for _ in range(args.repeat if name == "shield" else 1):
                    t0 = time.process_time()
                    result = method(sides)
                    times.append(1000 * (time.process_time() - t0))
                latencies.append(float(np.median(times)))
                found += bool(result) and result[0].id == truth
            whole = [a + b for a, b in zip(prepare_ms, latencies, strict=True)]
            p50 = percentile(latencies, 50)
            if name == "brute force":
                reference = p50
            add = (
                f"{1000 * float(np.median(add_times)) + describe_ms:7.1f}"
                if name == "shield"
                else f"{'':>7}"
            )
            print(
                f"{size:>8,} {name:12} {add} {per_photo:>11,.0f} "
                f"{p50:>7.1f} {percentile(latencies, 99):>7.1f} "
                f"{percentile(whole, 50):>7.1f} {percentile(whole, 99):>7.1f} "
                f"{reference / p50:>7.1f} {found / len(queries):>6.2f}"
            )
    print(
        "\nadd ms: describing a photo (SIFT on the banked copy) plus adding it to the loaded "
        "index; p50/p99 ms: the search; e2e: the query's features plus the search; x brute: "
        "brute force's p50 over this row's (nan where brute force is not timed); goals: "
        "p50 and p99 <= 300 ms at 100k on one core, <= 8 KB per banked photo"
    )


if __name__ == "__main__":
    main()
