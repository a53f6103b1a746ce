"""Decoding untrusted image files safely with Pillow.

Only the formats screenshots come in are decoded (PNG, JPEG, WebP, and HEIC/HEIF where the
optional pillow-heif decoder is installed); the declared size is checked against a pixel limit
before a single pixel is decoded (a 50,000 x 50,000 PNG is a few hundred bytes on disk); EXIF
orientation is applied; transparency is flattened onto white. Every failure is one BadInput
subclass whose one-line message names the file.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from shield.core.errors import ImageTooLarge, MissingPath, UnreadableFile, UnsupportedImage
from shield.core.mediatype import SNIFF_BYTES, sniff

# A phone screenshot is 1-4 megapixels; a long scrolling capture stays well under 40.
DEFAULT_MAX_PIXELS = 40_000_000
MAX_FILE_BYTES = 100 * 1024 * 1024

_READ = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WEBP",
    "image/heic": "HEIF",
    "image/heif": "HEIF",
}

_EXIF_DATETIME_ORIGINAL = 0x9003
_EXIF_IFD = 0x8769
_EXIF_DATETIME = 0x0132


@dataclass(frozen=True)
class DecodedImage:
    image: Image.Image
    taken: datetime | None


def heif_available() -> bool:
    """Whether HEIC/HEIF files can be decoded here (pillow-heif installed)."""
    return importlib.util.find_spec("pillow_heif") is not None


def _register_heif() -> None:
    importlib.import_module("pillow_heif").register_heif_opener()


def decode_image(path: Path, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> DecodedImage:
    """An upright RGB image from ``path``, or a one-line BadInput naming the file."""
    name = str(path)
    if not path.exists():
        raise MissingPath("no such file", path=name)
    if not path.is_file():
        raise UnreadableFile("not a regular file", path=name)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise UnreadableFile(
            f"cannot read the file ({error.strerror or error})", path=name
        ) from None
    if size == 0:
        raise UnreadableFile("the file is empty (0 bytes), not an image", path=name)
    if size > MAX_FILE_BYTES:
        raise ImageTooLarge(f"the file is {size} bytes, over {MAX_FILE_BYTES}", path=name)
    media_type = sniff(head)
    pil_format = _READ.get(media_type)
    if pil_format is None:
        shown = media_type if media_type.startswith("image/") else f"not an image ({media_type})"
        raise UnsupportedImage(
            f"{shown}: screenshots are read as PNG, JPEG, WebP or HEIC", path=name
        )
    if pil_format == "HEIF":
        if not heif_available():
            raise UnsupportedImage(
                "HEIC/HEIF needs the optional pillow-heif decoder, which is not installed; "
                "save the screenshot as PNG or JPEG",
                path=name,
            )
        _register_heif()
    return _decode(path, pil_format, max_pixels)


def _decode(path: Path, pil_format: str, max_pixels: int) -> DecodedImage:
    name = str(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[pil_format]) as opened:
                width, height = opened.size
                if width <= 0 or height <= 0 or width * height > max_pixels:
                    raise ImageTooLarge(
                        f"the image declares {width}x{height} pixels, over the limit of "
                        f"{max_pixels} (possible decompression bomb)",
                        path=name,
                    )
                opened.load()
                taken = _taken(opened)
                upright = ImageOps.exif_transpose(opened)
                image = _flatten(upright)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        found = re.search(r"\((\d+) pixels\)", str(error))
        declared = f"{found.group(1)} pixels" if found else "more pixels than are decoded"
        raise ImageTooLarge(
            f"the image declares {declared}, over the limit of {max_pixels} "
            "(possible decompression bomb)",
            path=name,
        ) from None
    except UnidentifiedImageError:
        raise UnreadableFile(
            f"not a readable {pil_format} image (corrupt or mislabelled)", path=name
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        detail = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        raise UnreadableFile(f"damaged {pil_format} image: {detail}", path=name) from None
    return DecodedImage(image=image, taken=taken)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def _taken(image: Image.Image) -> datetime | None:
    """When the picture says it was made (EXIF DateTimeOriginal, else DateTime), naive."""
    try:
        exif = image.getexif()
        raw = exif.get_ifd(_EXIF_IFD).get(_EXIF_DATETIME_ORIGINAL) or exif.get(_EXIF_DATETIME)
    except Exception:
        return None
    if not isinstance(raw, str):
        return None
    try:
        return datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
