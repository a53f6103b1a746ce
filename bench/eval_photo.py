"""Recall and false matches of the second matching stage, with PDQ alone beside it.

Banks every photo of the photo set (bench/photoset.py) that is not a distractor, then queries
each transformed copy of every photo, banked or not, and a set of adversarial images drawn
here (noise, checkerboards, stripes, solid colours, text only, gradients). For each query:

- PDQ alone: Shield's first stage (the query's dihedral and unbordered variants, distance at
  most 31 to the banked hash);
- second stage: local features, verified geometrically;
- Shield: either.

A false match is any banked photo reported for a query that is not a copy of it. The number
of unrelated query-photo pairs decided is every query against every banked photo it is not a
copy of. The margin is the weakest true second-stage match (fewest inliers) against the
strongest unrelated candidate that reached verification, accepted or not.

    uv run --group bench python bench/eval_photo.py [--split held-out|dev|all]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from imageset import font  # noqa: E402
from photoset import DEFAULT_OUT  # noqa: E402
from shield.adapters.features.index import Found  # noqa: E402
from shield.adapters.features.matcher import SiftFeatures  # noqa: E402
from shield.adapters.imaging import PdqPhotoHasher  # noqa: E402
from shield.core.errors import BadInput  # noqa: E402
from shield.core.hamming import DEFAULT_THRESHOLD, distance  # noqa: E402


def adversarial(out: Path) -> list[Path]:
    """Images that hold no photo: they must match nothing."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    images: dict[str, Image.Image] = {
        "noise": Image.fromarray(rng.integers(0, 256, (720, 720, 3), dtype=np.uint8)),
        "noise_grey": Image.fromarray(rng.integers(0, 256, (1080, 1080), dtype=np.uint8)),
        "solid_white": Image.new("RGB", (640, 640), "white"),
        "solid_black": Image.new("RGB", (640, 640), "black"),
        "solid_colour": Image.new("RGB", (800, 600), (200, 40, 90)),
        "tiny": Image.new("RGB", (8, 8), (10, 200, 10)),
        "one_pixel": Image.new("RGB", (1, 1), (10, 200, 10)),
    }
    for cell in (8, 20, 45):
        board = (np.indices((720, 720)).sum(axis=0) // cell % 2 * 255).astype(np.uint8)
        images[f"checker_{cell}"] = Image.fromarray(board)
    for period in (6, 30):
        stripes = (np.arange(900) // period % 2 * 255).astype(np.uint8)
        images[f"stripes_{period}"] = Image.fromarray(np.tile(stripes, (600, 1)))
    ramp = np.linspace(0, 255, 1024, dtype=np.float32)
    images["gradient"] = Image.fromarray(np.outer(ramp, np.ones(768)).astype(np.uint8))
    for n, words in enumerate(
        ["send £250 now or everyone sees", "add me on snap: jess_x92", "u up? 😘 wyd"]
    ):
        page = Image.new("RGB", (1080, 1350), "white")
        draw = ImageDraw.Draw(page)
        for line in range(12):
            draw.text((40, 60 + line * 105), words, fill=(20, 20, 20), font=font(54))
        images[f"text_{n}"] = page
    paths = []
    for name, image in images.items():
        path = out / f"{name}.png"
        image.save(path)
        paths.append(path)
    return paths


STATE: dict[str, Any] = {}  # the bank, shared with the worker processes by fork


def decide(query: tuple[str, str, Path, int | None]) -> dict[str, Any]:
    """One query through PDQ alone and the second stage (in a worker process)."""
    matcher, hasher = STATE["matcher"], STATE["hasher"]
    index, bank_pdq = STATE["index"], STATE["pdq"]
    path = query[2]
    t0 = time.process_time()
    try:
        variants = [v.pdq for v in hasher.query_variants(path)]
    except BadInput:  # a 1-pixel image has no PDQ worth the name
        variants = []
    pdq_hits = sorted(
        n for n, h in bank_pdq.items() if any(distance(h, v) <= DEFAULT_THRESHOLD for v in variants)
    )
    rejected: list[Found] = []
    found = index.search(matcher.prepare(path), rejected=rejected)
    return {
        "pdq": pdq_hits,
        "features": {f.id: f.fit.inliers for f in found},
        "candidates": [(f.id, f.fit.inliers) for f in found + rejected],
        "cpu": time.process_time() - t0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="held-out", choices=["held-out", "dev", "all"])
    parser.add_argument("--set", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, default=0, help="query at most this many photos")
    parser.add_argument("--json", type=Path, help="write every query's outcome here")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    manifest = json.loads((args.set / "manifest.json").read_text(encoding="utf-8"))
    images = manifest["images"]
    transforms = manifest["transforms"]
    banked = [e for e in images if not e["distractor"]]
    queried = [e for e in images if args.split == "all" or e["split"] == args.split]
    if args.limit:
        queried = queried[: args.limit]

    matcher = SiftFeatures()
    hasher = PdqPhotoHasher()
    index = matcher.new_index()
    bank_pdq: dict[int, str] = {}
    started = time.process_time()
    blobs = []
    for number, entry in enumerate(banked):
        blob = matcher.describe(Path(entry["original"]))
        blobs.append(blob)
        bank_pdq[number] = str(hasher.digest(Path(entry["original"])).pdq)
    index.add(list(range(len(banked))), blobs)
    add_time = time.process_time() - started
    number_of = {e["id"]: n for n, e in enumerate(banked)}
    print(
        f"banked {len(banked)} photos ({index.features:,} features, "
        f"{index.nbytes() / len(banked):,.0f} bytes each) in {add_time:.1f} CPU-s"
    )

    queries: list[tuple[str, str, Path, int | None]] = []
    for entry in queried:
        for name in transforms:
            queries.append(
                (entry["id"], name, Path(entry["queries"][name]), number_of.get(entry["id"]))
            )
    for path in adversarial(args.set / "adversarial"):
        queries.append((path.stem, "adversarial", path, None))

    STATE.update(matcher=matcher, hasher=hasher, index=index, pdq=bank_pdq)
    started = time.time()
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        decided = pool.map(decide, queries, chunksize=8)
    wall = time.time() - started

    recall: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    true_inliers: list[tuple[int, str, str]] = []
    false_matches: list[tuple[str, str, int, int]] = []
    strongest_false: tuple[int, str, str] = (0, "", "")
    outcomes = []
    query_time = sum(d["cpu"] for d in decided)
    for (ident, name, _, truth), d in zip(queries, decided, strict=True):
        pdq_hits, feature_hits = set(d["pdq"]), d["features"]
        for found_id, inliers in d["candidates"]:
            if found_id != truth and inliers > strongest_false[0]:
                strongest_false = (inliers, ident, name)
        for found_id, inliers in feature_hits.items():
            if found_id != truth:
                false_matches.append((ident, name, found_id, inliers))
        for n in pdq_hits:
            if n != truth:
                false_matches.append((ident, name, n, -1))
        if truth is not None:
            pdq_ok = truth in pdq_hits
            feat_ok = truth in feature_hits
            recall[name]["pdq"].append(pdq_ok)
            recall[name]["features"].append(feat_ok)
            recall[name]["shield"].append(pdq_ok or feat_ok)
            if feat_ok:
                true_inliers.append((feature_hits[truth], ident, name))
        outcomes.append({"photo": ident, "transform": name, "truth": truth, **d})

    pairs = sum(len(banked) - (1 if truth is not None else 0) for *_, truth in queries)
    print(
        f"\nsplit {args.split}: {len(queried)} photos queried, {len(queries)} queries, "
        f"{len(banked)} banked photos\n"
    )
    print(f"{'transformation':18} {'queries':>7} {'PDQ alone':>9} {'features':>9} {'Shield':>7}")
    for name in transforms:
        r = recall[name]
        if not r["pdq"]:
            continue
        print(
            f"{name:18} {len(r['pdq']):>7} {np.mean(r['pdq']):>9.3f} "
            f"{np.mean(r['features']):>9.3f} {np.mean(r['shield']):>7.3f}"
        )
    print(f"\nunrelated query-photo pairs decided: {pairs:,}")
    print(f"false matches: {len(false_matches)}")
    for item in false_matches[:10]:
        print(f"  {item}")
    if true_inliers:
        weakest = min(true_inliers)
        print(f"weakest true second-stage match: {weakest[0]} inliers ({weakest[1]} {weakest[2]})")
    print(
        f"strongest unrelated candidate: {strongest_false[0]} inliers "
        f"({strongest_false[1]} {strongest_false[2]})"
    )
    print(
        f"query time: {1000 * query_time / len(queries):.0f} CPU-ms per query (PDQ variants, "
        f"features of the query and its mirror, search); {wall:.0f} s on {args.workers} workers"
    )
    if args.json:
        args.json.write_text(json.dumps(outcomes, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
