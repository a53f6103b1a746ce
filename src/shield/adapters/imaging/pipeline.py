"""The canonical preprocessing pipeline: every PDQ hash Shield makes goes through here.

Steps, in order (the version below names them; change any and bump it):

1. refuse before decoding: read the header only and refuse absurd dimensions (more than
   ``MAX_PIXELS`` pixels or a side over ``MAX_SIDE``) and anything Pillow calls a
   decompression bomb;
2. reduced decode: JPEG files are decoded at 1/2, 1/4 or 1/8 scale (Pillow ``draft``) when the
   result still has a long edge of at least ``LONG_EDGE``;
3. EXIF orientation applied;
4. colour: alpha composited onto white; palette, grey, CMYK, YCbCr, LAB, HSV and 16-bit or
   float images converted to 8-bit RGB (16-bit scaled, not clipped);
5. resize (bilinear, reducing gap 2) so the long edge is at most ``LONG_EDGE``; smaller
   images are not enlarged;
6. PDQ with quality from the reference implementation (the ``pdqhash`` binding of the
   reference C++ code).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pdqhash
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from shield.core.errors import ImageTooLarge, NotAnImage, TruncatedFile

PIPELINE_VERSION = "pdq-1"
"""Recorded with every hash: same version, same preprocessing, comparable hashes."""

LONG_EDGE = 512
MAX_PIXELS = 100_000_000  # 100 megapixels: larger than any phone camera's photo
MAX_SIDE = 30_000

# Pillow's own guard (a warning at MAX_IMAGE_PIXELS, an error at twice that) is turned into an
# error at our limit; the header check below fires first for every format Pillow can size.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

WHITE = (255, 255, 255)
ORIENTATION = 0x0112  # the EXIF tag


def open_checked(path: Path) -> Image.Image:
    """Open an image lazily (header only) and refuse absurd dimensions before any decoding."""
    shown = str(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(f"refused before decoding: {exc}", path=shown) from exc
    except UnidentifiedImageError as exc:
        raise NotAnImage("not an image Shield can decode", path=shown) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise TruncatedFile(f"unreadable image header: {_first_line(exc)}", path=shown) from exc
    check_dimensions(image.size, shown)
    return image


def check_dimensions(size: tuple[int, int], shown: str) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise NotAnImage(f"image has no pixels ({width}x{height})", path=shown)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageTooLarge(
            f"refused before decoding: {width}x{height} pixels is over the limit of "
            f"{MAX_PIXELS:,} pixels or {MAX_SIDE:,} a side",
            path=shown,
        )


def canonical(image: Image.Image, shown: str) -> Image.Image:
    """Decode ``image`` (opened by ``open_checked``) into the canonical RGB, long edge <= 512."""
    try:
        if image.format == "JPEG":
            image.draft("RGB", (LONG_EDGE, LONG_EDGE))
        image.load()
        if image.getexif().get(ORIENTATION, 1) != 1:
            image = ImageOps.exif_transpose(image)
        image = to_rgb(image)
        return shrink(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(f"refused: {exc}", path=shown) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise TruncatedFile(
            f"corrupt or truncated image data: {_first_line(exc)}", path=shown
        ) from exc


def to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB: alpha onto white, 16-bit scaled to 8 bits, every other mode converted."""
    mode = image.mode
    if mode == "RGB" and "transparency" not in image.info:
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        values = np.asarray(image.convert("I"), dtype=np.int64)
        peak = 65535 if mode.startswith("I;16") or values.max(initial=0) > 255 else 255
        grey = np.clip(values * 255 // peak, 0, 255).astype(np.uint8)
        return Image.fromarray(grey, "L").convert("RGB")
    if mode == "F":
        grey = np.clip(np.asarray(image, dtype=np.float64), 0, 255).astype(np.uint8)
        return Image.fromarray(grey, "L").convert("RGB")
    has_alpha = mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        mode in ("P", "L", "RGB") and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (*WHITE, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if mode in ("LAB", "HSV"):
        return _lab_hsv_to_rgb(image)
    return image.convert("RGB")


def _lab_hsv_to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "HSV":
        return image.convert("RGB")
    # Pillow converts LAB only through an ICC transform; the lightness channel is what PDQ sees.
    lightness = image.getchannel("L")
    return lightness.convert("RGB")


def shrink(image: Image.Image) -> Image.Image:
    width, height = image.size
    long_edge = max(width, height)
    if long_edge <= LONG_EDGE:
        return image
    scale = LONG_EDGE / long_edge
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)


def pdq(image: Image.Image) -> tuple[str, int]:
    """PDQ hash (64 lower-case hex, the reference's own format) and quality of an RGB image."""
    bits, quality = pdqhash.compute(np.ascontiguousarray(np.asarray(image, dtype=np.uint8)))
    return bits_to_hex(bits), int(quality)


def bits_to_hex(bits: NDArray[np.generic]) -> str:
    """The binding returns 256 bits, most significant first: the reference hex, packed."""
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
