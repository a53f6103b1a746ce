"""Assemble the development set for the second matching stage (crops, rotations, screenshots).

Photos: every source of the PDQ image set (bench/imageset_sources.csv) plus the photographs of
the Plasma wallpaper package and OpenCV's sample photos (bench/photoset_sources.csv;
`apt-get install plasma-workspace-wallpapers opencv-doc`). Wallpapers are large (2560x1600
to 5120x2880), so each is cut into a grid of tiles that share no pixel (at most 4 x 3, each
side at least 640 pixels): a tile is a distinct image (nothing of one is in another) though
tiles of one wallpaper share its light and textures, which makes them the hardest unrelated
pairs the set has. Tiles whose PDQ quality is under 50 (flat sky, dark water: nothing to
recognise) are left out, as Shield does not act on weak photos.

Each kept tile is "banked" (written as a JPEG, quality 95) and queried through the
transformations below. Tiles of the sources marked `distractor` (every eighth held-out
source) are never banked: their queries must match nothing.

Splits: `dev` (scikit-image, ukui, plasma) was used while tuning and trains the visual
vocabulary; `held-out` (lomiri, mate, OpenCV's samples) was not looked at while tuning.

    uv run --group bench python bench/photoset.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from imageset import (  # noqa: E402
    SOURCES,
    flatten,
    font,
    locate,
    screenshot_chat,
    screenshot_feed,
)
from shield.adapters.imaging.pipeline import canonical, open_checked, pdq  # noqa: E402
from shield.core.photohash import is_weak  # noqa: E402

MORE_SOURCES = HERE / "photoset_sources.csv"
DEFAULT_OUT = HERE / ".cache" / "photoset"
MIN_TILE = 640
MAX_COLS, MAX_ROWS = 4, 3
DISTRACTOR_EVERY = 8

Transform = Callable[[Image.Image, random.Random], tuple[Image.Image, dict]]


def crop_area(photo: Image.Image, rng: random.Random, share: float) -> Image.Image:
    """A crop keeping ``share`` of the area, its aspect up to 25% off the photo's, anywhere."""
    stretch = rng.uniform(0.8, 1.25)
    w = min(photo.width, round(photo.width * math.sqrt(share) * math.sqrt(stretch)))
    h = min(photo.height, round(photo.width * photo.height * share / w))
    x, y = rng.randrange(photo.width - w + 1), rng.randrange(photo.height - h + 1)
    return photo.crop((x, y, x + w, y + h))


def crop80(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return crop_area(photo, rng, 0.8), {}


def crop60(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return crop_area(photo, rng, 0.6), {}


def rotate(photo: Image.Image, rng: random.Random, degrees: float) -> Image.Image:
    """Rotated either way; half the time the corners are filled, half cropped away."""
    angle = degrees * rng.choice([-1, 1])
    if rng.random() < 0.5:
        fill = rng.choice([(255, 255, 255), (0, 0, 0)])
        return photo.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    turned = photo.rotate(angle, Image.Resampling.BICUBIC, expand=False)
    # the largest centred rectangle of the same aspect with no filled corner
    a = math.radians(abs(angle))
    w, h = photo.size
    k = 1 / (math.cos(a) + math.sin(a) * max(w / h, h / w))
    cw, ch = round(w * k), round(h * k)
    x, y = (w - cw) // 2, (h - ch) // 2
    return turned.crop((x, y, x + cw, y + ch))


def rot5(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return rotate(photo, rng, 5), {}


def rot15(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return rotate(photo, rng, 15), {}


def border10(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    colour = rng.choice([(255, 255, 255), (0, 0, 0), (240, 240, 240), (32, 32, 36)])
    dx, dy = photo.width // 10, photo.height // 10
    return ImageOps.expand(photo, border=(dx, dy, dx, dy), fill=colour), {}


def mirror(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT), {}


def caption(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    """Text over the photo, as a story or a meme puts it: large, white, outlined."""
    image = photo.copy()
    draw = ImageDraw.Draw(image)
    size = max(16, image.height // 12)
    words = rng.choice(["golden hour", "miss u already", "new pic who dis", "dont ask lol"])
    for y in rng.sample([image.height // 12, image.height // 2, image.height * 4 // 5], 2):
        draw.text(
            (image.width // 10, y),
            words,
            fill=(255, 255, 255),
            font=font(size),
            stroke_width=max(1, size // 12),
            stroke_fill=(0, 0, 0),
        )
    return image, {"format": "JPEG", "quality": 85}


def profile(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    """A profile picture: a square crop, small, in a circle on the app's background."""
    side = min(photo.size)
    x = rng.randrange(photo.width - side + 1)
    y = rng.randrange(photo.height - side + 1)
    square = photo.crop((x, y, x + side, y + side)).resize((320, 320), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", (320, 320), rng.choice([(255, 255, 255), (0, 0, 0)]))
    mask = Image.new("L", (320, 320), 0)
    ImageDraw.Draw(mask).ellipse([0, 0, 319, 319], fill=255)
    canvas.paste(square, (0, 0), mask)
    return canvas, {"format": "JPEG", "quality": 80}


def combined(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    """Crop to 80%, halve, and recompress hard."""
    cropped = crop_area(photo, rng, 0.8)
    small = cropped.resize((cropped.width // 2, cropped.height // 2), Image.Resampling.BILINEAR)
    return small, {"format": "JPEG", "quality": 60}


def combined_turn(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    """Mirrored, turned 10 degrees, cropped to 80%, recompressed."""
    turned = rotate(photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT), rng, 10)
    return crop_area(turned, rng, 0.8), {"format": "JPEG", "quality": 75}


TRANSFORMS: dict[str, Transform] = {
    "crop80": crop80,
    "crop60": crop60,
    "rot5": rot5,
    "rot15": rot15,
    "border10": border10,
    "screenshot_feed": screenshot_feed,
    "screenshot_chat": screenshot_chat,
    "caption": caption,
    "mirror": mirror,
    "profile": profile,
    "crop_jpeg_resize": combined,
    "mirror_rot_crop": combined_turn,
}


def tiles(photo: Image.Image) -> list[tuple[int, int, int, int]]:
    cols = max(1, min(MAX_COLS, photo.width // MIN_TILE))
    rows = max(1, min(MAX_ROWS, photo.height // MIN_TILE))
    w, h = photo.width // cols, photo.height // rows
    return [(c * w, r * h, c * w + w, r * h + h) for r in range(rows) for c in range(cols)]


def sources() -> list[dict[str, str]]:
    rows = []
    for table in (SOURCES, MORE_SOURCES):
        with table.open(newline="", encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    held = [r for r in rows if r["split"] == "held-out"]
    for number, row in enumerate(held):
        row["distractor"] = "yes" if number % DISTRACTOR_EVERY == DISTRACTOR_EVERY - 1 else ""
    return rows


def build(out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    entries, missing, weak = [], [], []
    for number, row in enumerate(sources()):
        path = locate(row)
        if path is None:
            missing.append(row["file"])
            continue
        with Image.open(path) as opened:
            photo = flatten(ImageOps.exif_transpose(opened))
        for t, box in enumerate(tiles(photo)):
            ident = f"{number:03d}-{Path(row['file']).stem}-t{t}"
            tile = photo.crop(box)
            target = out / ident / "original.jpg"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                tile.save(target, "JPEG", quality=95)
            _, quality = pdq(canonical(open_checked(target), str(target)))
            if is_weak(quality):
                weak.append(ident)
                continue
            queries = {}
            for name, transform in TRANSFORMS.items():
                query = out / ident / f"{name}.jpg"  # every transformation saves a JPEG
                if not query.exists():
                    image, options = transform(tile, random.Random(f"{ident}/{name}"))
                    image.save(query, "JPEG", quality=options.get("quality", 90))
                queries[name] = str(query)
            entries.append(
                {
                    "id": ident,
                    "original": str(target),
                    "source": row["source"],
                    "licence": row["licence"],
                    "split": row["split"],
                    "distractor": bool(row.get("distractor")),
                    "queries": queries,
                }
            )
    manifest = {
        "transforms": list(TRANSFORMS),
        "images": entries,
        "missing": missing,
        "weak": weak,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    manifest = build(args.out)
    images = manifest["images"]
    banked = [e for e in images if not e["distractor"]]
    for split in ("dev", "held-out"):
        part = [e for e in banked if e["split"] == split]
        print(f"{split}: {len(part)} banked photos")
    print(
        f"{len(images) - len(banked)} distractor photos (never banked); "
        f"{len(manifest['transforms'])} transformations each; "
        f"{len(manifest['weak'])} weak tiles left out; in {args.out}"
    )
    if manifest["missing"]:
        print(f"{len(manifest['missing'])} sources not installed: {', '.join(manifest['missing'])}")


if __name__ == "__main__":
    main()
