"""Bad, hostile and unusual image files give one-line errors naming the file; good ones decode
upright."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from shield.adapters.image_decoder import decode_image, heif_available
from shield.adapters.ocr import RapidOcrEngine
from shield.core.errors import (
    BadInput,
    ImageTooLarge,
    MissingPath,
    UnreadableFile,
    UnsupportedImage,
)


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` but carries almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def good_png(width: int = 60, height: int = 40) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_one_line(error: BadInput, path: Path) -> None:
    message = str(error)
    assert "\n" not in message
    assert str(path) in message
    assert "Traceback" not in message


@pytest.mark.parametrize(
    ("name", "data", "expected", "words"),
    [
        ("empty.png", b"", UnreadableFile, "empty"),
        ("truncated.png", good_png(400, 300)[:150], UnreadableFile, "PNG"),
        ("notes.png", b"this is not an image at all\n" * 10, UnsupportedImage, "not an image"),
        ("bomb.png", png_header(50_000, 50_000), ImageTooLarge, "2500000000 pixels"),
        ("tall.png", png_header(1, 2**31 - 1), ImageTooLarge, "pixels"),
        ("anim.gif", b"GIF89a" + b"\x00" * 30, UnsupportedImage, "image/gif"),
        ("zeros.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, UnreadableFile, "PNG"),
    ],
)
def test_bad_images_give_one_line_errors(
    tmp_path: Path, name: str, data: bytes, expected: type[BadInput], words: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(expected) as caught:
        decode_image(path)
    assert_one_line(caught.value, path)
    assert words in str(caught.value)


def test_the_ocr_engine_refuses_bad_images_before_loading_models(tmp_path: Path) -> None:
    engine = RapidOcrEngine()
    path = write(tmp_path, "bomb.png", png_header(50_000, 50_000))
    with pytest.raises(ImageTooLarge) as caught:
        engine.read(path)
    assert_one_line(caught.value, path)
    assert engine._engine is None  # nothing heavy was built for a file that cannot be read


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(MissingPath):
        decode_image(tmp_path / "nope.png")
    with pytest.raises(UnreadableFile):
        decode_image(tmp_path)


def test_heic_needs_its_decoder(tmp_path: Path) -> None:
    path = write(tmp_path, "shot.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    if heif_available():
        with pytest.raises(BadInput):
            decode_image(path)
    else:
        with pytest.raises(UnsupportedImage) as caught:
            decode_image(path)
        assert "pillow-heif" in str(caught.value)
        assert_one_line(caught.value, path)


def test_pixel_limit_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path, "shot.png", good_png(100, 100))
    assert decode_image(path, max_pixels=10_000).image.size == (100, 100)
    with pytest.raises(ImageTooLarge):
        decode_image(path, max_pixels=9_999)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (80, 30), (255, 255, 255))
    image.paste((0, 0, 0), (0, 0, 10, 30))  # a black band on the left edge
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    exif[0x0132] = "2024:03:06 21:05:00"
    out = BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    decoded = decode_image(write(tmp_path, "rotated.jpg", out.getvalue()))
    assert decoded.image.size == (30, 80)
    assert decoded.image.getpixel((15, 2))[0] < 60  # the band is now along the top
    assert decoded.taken is not None and decoded.taken.year == 2024


def test_transparency_is_flattened_on_white(tmp_path: Path) -> None:
    out = BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(out, "PNG")
    decoded = decode_image(write(tmp_path, "clear.png", out.getvalue()))
    assert decoded.image.mode == "RGB"
    assert decoded.image.getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_screenshot_formats_decode(tmp_path: Path, fmt: str) -> None:
    out = BytesIO()
    Image.new("RGB", (32, 64), (10, 20, 30)).save(out, fmt)
    decoded = decode_image(write(tmp_path, f"shot.{fmt.lower()}", out.getvalue()))
    assert decoded.image.size == (32, 64) and decoded.image.mode == "RGB"
