"""The canonical preprocessing pipeline: every PDQ hash Shield makes goes through here.

Two versions exist; every hash records which one made it (``FileDigest.pipeline``). ``pdq-1``
steps, in order (change any and add a version):

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

``pdq-2`` (the default) is ``pdq-1`` with two changes, both for speed (docs/hashing.md):

- JPEGs stored as YCbCr or grey are decoded straight to their luma channel (8 bits) at the same
  reduced scale and resized as one channel; other files keep ``pdq-1``'s RGB steps, and PDQ's
  luma (0.299 R + 0.587 G + 0.114 B, as the reference binding computes it) is taken from RGB;
- PDQ runs on that luma in the reference C++ function (found in the binding's own library;
  the binding's public call is the fallback, with the same result), and a picture wider than it
  is tall is handed over transposed, its hash bits transposed back: the reference code filters
  columns about twice as slowly when rows are 512 pixels wide.
"""

from __future__ import annotations

import ctypes
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pdqhash
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from shield.core.errors import ImageTooLarge, NotAnImage, TruncatedFile
from shield.core.photohash import DEFAULT_PIPELINE, PIPELINES

PDQ_1, PDQ_2 = PIPELINES
PIPELINE_VERSION = DEFAULT_PIPELINE
"""The default; recorded with every hash: same version, same preprocessing, comparable hashes."""

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


def check_pipeline(pipeline: str) -> str:
    if pipeline not in PIPELINES:
        raise ValueError(f"unknown hashing pipeline {pipeline!r}; known: {', '.join(PIPELINES)}")
    return pipeline


def canonical(
    image: Image.Image,
    shown: str,
    pipeline: str = PIPELINE_VERSION,
    *,
    long_edge: int = LONG_EDGE,
) -> Image.Image:
    """Decode ``image`` (opened by ``open_checked``) into the canonical picture, long edge <=
    512: RGB for ``pdq-1``; for ``pdq-2``, luma ("L") for JPEGs that have it, RGB otherwise.
    (Other users of the same safe decode, such as the local features, ask for another
    ``long_edge``; every hash is made at 512.)"""
    luma = check_pipeline(pipeline) == PDQ_2
    jpeg = image.format == "JPEG"  # read before exif_transpose, whose copy has no format
    try:
        if jpeg:
            # Pillow decodes a YCbCr or grey JPEG to "L" by keeping only the luma channel.
            image.draft("L" if luma else "RGB", (long_edge, long_edge))
        image.load()
        if image.getexif().get(ORIENTATION, 1) != 1:
            image = ImageOps.exif_transpose(image)
        if not (luma and jpeg and image.mode == "L"):
            image = to_rgb(image)
        return shrink(image, long_edge)
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


def shrink(image: Image.Image, long_edge: int = LONG_EDGE) -> Image.Image:
    width, height = image.size
    if max(width, height) <= long_edge:
        return image
    scale = long_edge / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)


def pdq(image: Image.Image, pipeline: str = PIPELINE_VERSION) -> tuple[str, int]:
    """PDQ hash (64 lower-case hex, the reference's own format) and quality of a canonical
    picture (RGB, or for ``pdq-2`` also luma)."""
    if check_pipeline(pipeline) == PDQ_1:
        bits, quality = pdqhash.compute(np.ascontiguousarray(np.asarray(image, dtype=np.uint8)))
        return bits_to_hex(bits), int(quality)
    # pdq-2: a wide picture is hashed transposed and its bits transposed back, because the
    # reference filters columns about twice as slowly when rows are 512 pixels wide.
    wide = image.width > image.height
    if wide:
        image = image.transpose(Image.Transpose.TRANSPOSE)
    hasher = _reference_luma_hasher()
    if hasher is not None:
        bits, quality = hasher(luma_of(image))
    else:
        bits, quality = binding_pdq(image)
    if wide:
        bits = bits.reshape(16, 16).T.reshape(256)
    return bits_to_hex(bits), quality


def luma_of(image: Image.Image) -> NDArray[np.float32]:
    """PDQ's luma of an RGB or "L" picture, exactly as the reference binding computes it
    (a new array: the reference hasher overwrites it)."""
    if image.mode == "L":
        return np.array(image, dtype=np.float32)  # the binding's luma of grey g is g exactly
    rgb = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    luma = rgb[:, :, 0] * 0.299 + rgb[:, :, 1] * 0.587 + rgb[:, :, 2] * 0.114
    return luma.astype(np.float32)


def binding_pdq(image: Image.Image) -> tuple[NDArray[np.uint8], int]:
    """PDQ bits (most significant first) and quality through the binding's public ``compute``,
    which takes 8-bit RGB: "L" is passed as grey, whose luma is the grey value exactly."""
    pixels = np.asarray(image if image.mode in ("L", "RGB") else image.convert("RGB"))
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    bits, quality = pdqhash.compute(np.ascontiguousarray(pixels, dtype=np.uint8))
    return np.asarray(bits, dtype=np.uint8), int(quality)


LumaHasher = Callable[[NDArray[np.float32]], tuple[NDArray[np.uint8], int]]

# pdqHash256FromFloatLuma of the reference C++ code (its Itanium C++ name) as compiled into the
# pdqhash binding. The binding's public compute() first converts RGB to luma in float64 numpy
# arithmetic, which on a 512-pixel picture costs about as much as the hash itself.
_REFERENCE_SYMBOL = (
    "_ZN8facebook3pdq7hashing23pdqHash256FromFloatLumaEPfS2_iiPA64_fS4_PA16_fRNS1_7Hash256ERi"
)


@cache
def _reference_luma_hasher() -> LumaHasher | None:
    return reference_luma_hasher()


def reference_luma_hasher() -> LumaHasher | None:
    """The reference C++ ``pdqHash256FromFloatLuma`` called directly, or None when the
    installed binding does not export it (another compiler or platform)."""
    try:
        function = getattr(ctypes.CDLL(pdqhash.bindings.__file__), _REFERENCE_SYMBOL)
    except (OSError, AttributeError):
        return None
    floats = np.ctypeslib.ndpointer(np.float32, ndim=2, flags="C_CONTIGUOUS")
    words = np.ctypeslib.ndpointer(np.uint16, flags="C_CONTIGUOUS")
    function.restype = None
    function.argtypes = [floats, floats, ctypes.c_int, ctypes.c_int]
    function.argtypes += [floats, floats, floats, words, ctypes.POINTER(ctypes.c_int)]
    shifts = np.arange(16, dtype=np.uint16)

    def run(luma: NDArray[np.float32]) -> tuple[NDArray[np.uint8], int]:
        """Hash ``luma`` (rows x columns, overwritten: the reference filters in place)."""
        rows, cols = luma.shape
        words16 = np.zeros(16, dtype=np.uint16)  # Hash256: bit k is bit k % 16 of word k // 16
        quality = ctypes.c_int(0)
        function(
            luma,
            np.empty_like(luma),
            rows,
            cols,
            np.empty((64, 64), np.float32),
            np.empty((16, 64), np.float32),
            np.empty((16, 16), np.float32),
            words16,
            ctypes.byref(quality),
        )
        bits = ((words16[:, None] >> shifts) & 1).reshape(256)  # bit k at index k
        return bits[::-1].astype(np.uint8), quality.value  # bit 255 first, as the binding does

    return run


def bits_to_hex(bits: NDArray[np.generic]) -> str:
    """The binding returns 256 bits, most significant first: the reference hex, packed."""
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
