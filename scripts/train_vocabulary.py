"""Train the visual vocabulary of the second matching stage from the development photos.

Reads the photos of the `dev` split of the photo set (build it first with
`uv run --group bench python bench/photoset.py`; the held-out split is never read), extracts
SIFT descriptors as a banked photo and as a query would, clusters them with k-means (FAISS),
draws a fixed random orthogonal projection for the signatures and takes each word's medians.
Writes src/shield/adapters/features/vocabulary.npz.

    uv run --group bench python scripts/train_vocabulary.py [--words 8192]

k-means on two threads is not bit-for-bit repeatable across machines; the file's fingerprint
(the first 16 hex digits of its SHA-256) is recorded with every banked photo's features, and a
new vocabulary means re-adding photos to banks (docs/matching.md).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import faiss
import numpy as np

from shield.adapters.features.keypoints import (
    BANK_EDGE,
    BANK_FEATURES,
    QUERY_EDGE,
    QUERY_FEATURES,
    detect,
    load_grey,
)
from shield.adapters.features.vocabulary import BITS, DIM, read

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "bench" / ".cache" / "photoset" / "manifest.json"
OUT = ROOT / "src" / "shield" / "adapters" / "features" / "vocabulary.npz"
SEED = 20261123


def descriptors(manifest: Path) -> np.ndarray:
    images = json.loads(manifest.read_text(encoding="utf-8"))["images"]
    dev = [e for e in images if e["split"] == "dev" and not e["distractor"]]
    parts = []
    for entry in dev:
        # as banked, as queried, and at other scales and more features, for more examples
        for edge, limit in (
            (BANK_EDGE, BANK_FEATURES),
            (QUERY_EDGE, QUERY_FEATURES),
            (384, 1500),
            (1024, 3000),
        ):
            grey, _ = load_grey(Path(entry["original"]), edge)
            parts.append(detect(grey, limit).desc)
    print(f"{len(dev)} dev photos, {sum(len(p) for p in parts):,} descriptors")
    return np.concatenate(parts).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=8192)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    faiss.omp_set_num_threads(2)
    data = descriptors(args.manifest)
    kmeans = faiss.Kmeans(DIM, args.words, niter=25, seed=SEED, max_points_per_centroid=256)
    kmeans.train(data)
    centroids = kmeans.centroids.astype(np.float16).astype(np.float32)  # as stored
    rng = np.random.default_rng(SEED)
    q, _ = np.linalg.qr(rng.standard_normal((DIM, DIM)))
    projection = q[:BITS].astype(np.float32)
    _, words = kmeans.index.search(data, 1)
    words = words[:, 0]
    projected = (data - centroids[words]) @ projection.T
    medians = np.zeros((args.words, BITS), np.float32)
    overall = np.median(projected, axis=0)
    for w in range(args.words):
        rows = projected[words == w]
        medians[w] = np.median(rows, axis=0) if len(rows) >= 8 else overall
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as handle:
        np.savez_compressed(
            handle,
            centroids=centroids.astype(np.float16),
            projection=projection,
            medians=medians.astype(np.float16),
        )
    vocabulary = read(args.out.read_bytes())
    size = args.out.stat().st_size
    print(f"{args.words} words, fingerprint {vocabulary.fingerprint}, {size:,} bytes")


if __name__ == "__main__":
    main()
