"""How far pipeline pdq-2 moves hashes from pdq-1 and from PDQ of every pixel, photo by photo.

Every file of the development image set (bench/imageset.py: the originals and their
transformed copies, most of them JPEGs) is hashed three ways: pipeline ``pdq-1``, pipeline
``pdq-2`` and, as the second reference, the reference binding on every pixel of the fully
decoded picture (what a tool that does not shrink computes). The Hamming distances are printed
as a distribution, for all files and for those whose pdq-1 hash is strong (quality >= 50; weak
hashes are not acted on). It also counts files where pdq-2's transposed hashing of wide
pictures differs from hashing them untransposed.

`--alternatives` also measures faster variants of pdq-2 that were considered and rejected
(ALTERNATIVES below), as their distance to pdq-1.

    uv run --group bench python bench/imageset.py
    uv run --group bench python bench/pipeline_distance.py [--no-full] [--alternatives]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image, ImageOps

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from imageset import DEFAULT_OUT, build  # noqa: E402
from shield.adapters.imaging.pipeline import (  # noqa: E402
    PDQ_1,
    PDQ_2,
    binding_pdq,
    bits_to_hex,
    canonical,
    open_checked,
    pdq,
    to_rgb,
)
from shield.core.photohash import distance, is_weak  # noqa: E402

BUCKETS = ((0, 0), (1, 2), (3, 4), (5, 8), (9, 16), (17, 31), (32, 256))


def every_pixel(path: Path) -> str:
    with open_checked(path) as opened:
        image = to_rgb(ImageOps.exif_transpose(opened))
        bits, _ = pdqhash.compute(np.ascontiguousarray(np.asarray(image)))
    return bits_to_hex(bits)


def variant(
    path: Path, draft_edge: int | None, long_edge: int | None, box: bool = False
) -> tuple[str, int]:
    """pdq-2 with one step changed: the JPEG draft size (``draft_edge`` on the long side only,
    else pdq-2's both sides >= 512), the long edge it is resized to (None: no resize) or a box
    filter instead of bilinear."""
    with open_checked(path) as opened:
        image: Image.Image = opened
        if image.format == "JPEG":
            wide = image.width >= image.height
            size = (
                (512, 512) if draft_edge is None else (draft_edge, 1) if wide else (1, draft_edge)
            )
            image.draft("L", size)
        image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode != "L":
            image = to_rgb(image)
        edge = max(image.size)
        if long_edge is not None and edge > long_edge:
            scale = long_edge / edge
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            if box:
                image = image.resize(size, Image.Resampling.BOX)
            else:
                image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
        return pdq(image, PDQ_2)


ALTERNATIVES = {
    "long edge 256 (draft and resize)": lambda p: variant(p, 256, 256),
    "box filter instead of bilinear": lambda p: variant(p, None, 512, box=True),
    "1/8 decode while the long edge is >= 448": lambda p: variant(p, 448, 512),
    "no resize after the reduced decode": lambda p: variant(p, None, None),
}


def hashes(path: Path, full: bool, alternatives: bool = False) -> dict[str, tuple[str, int]]:
    found = {}
    for version in (PDQ_1, PDQ_2):
        with open_checked(path) as opened:
            image = canonical(opened, str(path), version)
        found[version] = pdq(image, version)
    bits, quality = binding_pdq(image)  # pdq-2's canonical picture, not transposed
    found["untransposed"] = (bits_to_hex(bits), quality)
    if full:
        found["every pixel"] = (every_pixel(path), 0)
    if alternatives:
        found |= {name: hashed(path) for name, hashed in ALTERNATIVES.items()}
    return found


def distribution(label: str, values: list[int]) -> str:
    if not values:
        return f"| {label} | 0 |" + " |" * (len(BUCKETS) + 4)
    array = np.array(values)
    cells = [f"{np.mean((array >= lo) & (array <= hi)):.1%}" for lo, hi in BUCKETS]
    p50, p90, p99 = np.percentile(array, [50, 90, 99])
    stats = f"{array.mean():.2f} | {p50:.0f} / {p90:.0f} / {p99:.0f} | {array.max()}"
    return f"| {label} | {len(values)} | " + " | ".join(cells) + f" | {stats} |"


def shown(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-full", action="store_true", help="skip hashing every pixel")
    parser.add_argument("--alternatives", action="store_true", help="measure rejected variants")
    args = parser.parse_args()
    manifest_path = args.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else build(args.out)
    paths = [Path(p) for e in manifest["images"] for p in (e["original"], *e["queries"].values())]
    rows = {path: hashes(path, not args.no_full, args.alternatives) for path in paths}
    jpegs = sum(path.suffix.lower() in (".jpg", ".jpeg") for path in paths)
    print(f"{len(paths)} files ({jpegs} JPEGs) of the development image set")
    print()
    head = " | ".join(
        "0" if lo == hi else f"{lo}-{hi}" if hi < 256 else f">={lo}" for lo, hi in BUCKETS
    )
    print(f"| distance | files | {head} | mean | p50 / p90 / p99 | max |")
    print("|---|---:|" + "---:|" * (len(BUCKETS) + 3))
    pairs = [(PDQ_2, PDQ_1), ("every pixel", PDQ_1), ("every pixel", PDQ_2)]
    pairs += [(name, PDQ_1) for name in ALTERNATIVES]
    for a, b in pairs:
        if a not in rows[paths[0]]:
            continue
        for strong_only in (False, True):
            values = [
                distance(row[a][0], row[b][0])
                for row in rows.values()
                if not (strong_only and is_weak(row[PDQ_1][1]))
            ]
            which = "strong (q >= 50)" if strong_only else "all"
            print(distribution(f"{a} to {b}, {which}", values))
    print()
    moved = [p for p, row in rows.items() if row[PDQ_2] != row["untransposed"]]
    print(f"pdq-2 hashed transposed vs untransposed: {len(moved)} of {len(paths)} files differ")
    for path in moved:
        row = rows[path]
        print(f"  {shown(path)}: {distance(row[PDQ_2][0], row['untransposed'][0])} bits")
    far = sorted(rows.items(), key=lambda kv: -distance(kv[1][PDQ_2][0], kv[1][PDQ_1][0]))[:8]
    print("largest pdq-2 to pdq-1 distances (bits, pdq-1 quality):")
    for path, row in far:
        print(f"  {shown(path)}: {distance(row[PDQ_2][0], row[PDQ_1][0])}, q {row[PDQ_1][1]}")


if __name__ == "__main__":
    main()
