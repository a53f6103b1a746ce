"""Assemble the development image set: openly licensed photos and their transformed copies.

Sources and licences are listed in bench/imageset_sources.csv: scikit-image's sample photos
(files inside its wheel, `uv sync --group bench`) and Debian wallpaper packages
(`apt-get install ukui-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04
mate-backgrounds`). Nothing is downloaded and no image is committed: the transformed copies
are generated into bench/.cache/imageset/ and a manifest.json lists them.

Splits: `dev` (scikit-image, ukui) was used while tuning border stripping; `held-out` (lomiri,
mate) was not looked at while tuning, and is the part results are reported on.

    uv run --group bench python bench/imageset.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

try:
    import skimage
except ImportError:  # the bench group is not installed: Debian sources only
    skimage = None

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "imageset_sources.csv"
DEFAULT_OUT = HERE / ".cache" / "imageset"

NAMES = [
    "jess_x92",
    "emily.rose",
    "sophie__k",
    "lil.mia.03",
    "hannah.bby",
    "chloe_xo",
    "amber.lynn",
]
CAPTIONS = [
    "golden hour",
    "missing summer already",
    "new pic who dis",
    "weekend vibes",
    "dont ask",
    "best day ever",
]
MESSAGES = ["hey cutie", "u up?", "send one back", "wyd", "omg stop", "add my snap"]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def jpeg70(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return photo, {"format": "JPEG", "quality": 70}


def resize50(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return photo.resize((photo.width // 2, photo.height // 2), Image.Resampling.LANCZOS), {}


def mirror(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT), {}


def rotate90(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return photo.transpose(rng.choice([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270])), {}


def border10(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    colour = rng.choice([(255, 255, 255), (0, 0, 0), (240, 240, 240), (32, 32, 36)])
    dx, dy = photo.width // 10, photo.height // 10
    return ImageOps.expand(photo, border=(dx, dy, dx, dy), fill=colour), {}


def crop5(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    dx, dy = photo.width // 20, photo.height // 20
    return photo.crop((dx, dy, photo.width - dx, photo.height - dy)), {}


def crop_top10(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    return photo.crop((0, photo.height // 10, photo.width, photo.height)), {}


def screenshot_feed(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    """A profile post on a phone: status bar, header with avatar and name, buttons, caption."""
    width = 1080
    body = photo.resize(
        (width, round(photo.height * width / photo.width)), Image.Resampling.LANCZOS
    )
    dark = rng.random() < 0.5
    bg, ink = ((0, 0, 0), (250, 250, 250)) if dark else ((255, 255, 255), (15, 15, 15))
    status, header, footer = (
        rng.choice([66, 80, 96]),
        rng.choice([110, 130, 150]),
        rng.choice([220, 260, 300]),
    )
    canvas = Image.new("RGB", (width, status + header + body.height + footer), bg)
    draw = ImageDraw.Draw(canvas)
    draw.text(
        (36, status // 4),
        f"{rng.randrange(0, 24)}:{rng.randrange(60):02d}",
        fill=ink,
        font=font(status // 2),
    )
    draw.rounded_rectangle(
        [width - 120, status // 3, width - 50, status * 2 // 3], 6, outline=ink, width=3
    )
    draw.ellipse(
        [30, status + 20, 30 + header - 40, status + header - 20],
        fill=tuple(rng.randrange(256) for _ in range(3)),
    )
    draw.text(
        (header + 10, status + header // 3), rng.choice(NAMES), fill=ink, font=font(header // 4)
    )
    draw.text((width - 90, status + header // 3), "...", fill=ink, font=font(header // 4))
    canvas.paste(body, (0, status + header))
    y = status + header + body.height + 24
    for i in range(3):
        draw.ellipse([30 + i * 90, y, 90 + i * 90, y + 60], outline=ink, width=4)
    draw.text((30, y + 84), f"Liked by {rng.randrange(10, 5000):,} others", fill=ink, font=font(34))
    draw.text((30, y + 130), rng.choice(CAPTIONS), fill=ink, font=font(34))
    return canvas, {"format": "JPEG", "quality": rng.choice([80, 90])}


def screenshot_chat(photo: Image.Image, rng: random.Random) -> tuple[Image.Image, dict]:
    """A photo sent in a chat: app bar, messages above and below, the photo in a bubble."""
    width = 1080
    inner = rng.choice([760, 820, 880])
    body = photo.resize(
        (inner, round(photo.height * inner / photo.width)), Image.Resampling.LANCZOS
    )
    dark = rng.random() < 0.5
    bg, ink, bubble = (
        ((18, 18, 20), (235, 235, 235), (45, 45, 52))
        if dark
        else ((236, 229, 221), (20, 20, 20), (255, 255, 255))
    )
    top, below = 260, 320
    canvas = Image.new("RGB", (width, top + body.height + 40 + below), bg)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, width, 200], fill=(7, 94, 84) if not dark else (31, 44, 52))
    draw.text(
        (40, 20),
        f"{rng.randrange(24)}:{rng.randrange(60):02d}",
        fill=(255, 255, 255),
        font=font(36),
    )
    draw.text((160, 110), rng.choice(NAMES), fill=(255, 255, 255), font=font(44))
    draw.text((40, 210), rng.choice(MESSAGES), fill=ink, font=font(34))
    x = width - inner - 40 if rng.random() < 0.5 else 40
    draw.rounded_rectangle(
        [x - 12, top - 12, x + inner + 12, top + body.height + 12], 24, fill=bubble
    )
    canvas.paste(body, (x, top))
    y = top + body.height + 60
    for i in range(2):
        draw.rounded_rectangle([40, y + i * 110, 600, y + i * 110 + 80], 20, fill=bubble)
        draw.text((64, y + i * 110 + 20), rng.choice(MESSAGES), fill=ink, font=font(34))
    return canvas, {"format": "JPEG", "quality": rng.choice([75, 85])}


TRANSFORMS: dict[str, Callable[[Image.Image, random.Random], tuple[Image.Image, dict]]] = {
    "jpeg70": jpeg70,
    "resize50": resize50,
    "mirror": mirror,
    "rotate90": rotate90,
    "border10": border10,
    "crop5": crop5,
    "crop_top10": crop_top10,
    "screenshot_feed": screenshot_feed,
    "screenshot_chat": screenshot_chat,
}


def flatten(image: Image.Image) -> Image.Image:
    """RGB, any transparency onto white (as a photo app flattens it, and as Shield hashes it)."""
    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")


def locate(row: dict[str, str]) -> Path | None:
    if row["source"] == "scikit-image":
        if skimage is None:
            return None
        path = Path(skimage.__file__).parent / "data" / row["file"]
    else:
        path = Path(row["file"])
    return path if path.is_file() else None


def build(out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    entries, missing = [], []
    with SOURCES.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows):
        path = locate(row)
        if path is None:
            missing.append(row["file"])
            continue
        ident = f"{number:03d}-{Path(row['file']).stem}"
        with Image.open(path) as opened:
            photo = flatten(ImageOps.exif_transpose(opened))
        queries = {}
        for name, transform in TRANSFORMS.items():
            rng = random.Random(f"{ident}/{name}")
            image, options = transform(photo, rng)
            fmt = options.get("format", "JPEG")
            target = out / ident / f"{name}.{'jpg' if fmt == 'JPEG' else 'png'}"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                image.save(target, fmt, quality=options.get("quality", 90))
            queries[name] = str(target)
        entries.append(
            {
                "id": ident,
                "original": str(path),
                "source": row["source"],
                "licence": row["licence"],
                "split": row["split"],
                "queries": queries,
            }
        )
    manifest = {"transforms": list(TRANSFORMS), "images": entries, "missing": missing}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    manifest = build(args.out)
    photos, transforms = len(manifest["images"]), len(manifest["transforms"])
    print(f"{photos} photos, {transforms} transformations each, in {args.out}")
    if manifest["missing"]:
        print(f"{len(manifest['missing'])} sources not installed: {', '.join(manifest['missing'])}")


if __name__ == "__main__":
    main()
