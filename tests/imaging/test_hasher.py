"""The photo hasher: bad files refused with one clear line, and the query variants."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from drawing import bordered, phone_screenshot, scene
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from shield.adapters.imaging import VARIANTS, PdqPhotoHasher
from shield.adapters.imaging.pipeline import bits_to_hex
from shield.core.errors import (
    BadInput,
    DecoderMissing,
    EmptyFile,
    ImageTooLarge,
    MissingPath,
    NotAnImage,
    TruncatedFile,
)
from shield.core.photohash import distance


@pytest.fixture(scope="module")
def hasher() -> PdqPhotoHasher:
    return PdqPhotoHasher()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels and holds almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def refused(hasher: PdqPhotoHasher, path: Path, kind: type[BadInput]) -> str:
    with pytest.raises(kind) as caught:
        hasher.digest(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def test_empty_file(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    assert "0 bytes" in refused(hasher, tmp_path / "empty.jpg", EmptyFile)


def test_not_an_image(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    (tmp_path / "notes.jpg").write_text("meet me at 9, bring the gift cards\n")
    refused(hasher, tmp_path / "notes.jpg", NotAnImage)


def test_missing_file(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    refused(hasher, tmp_path / "gone.png", MissingPath)


@pytest.mark.parametrize("suffix", ["jpg", "png"])
def test_truncated(tmp_path: Path, hasher: PdqPhotoHasher, suffix: str) -> None:
    whole = tmp_path / f"whole.{suffix}"
    scene(3, (400, 300)).save(whole)
    cut = tmp_path / f"cut.{suffix}"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    refused(hasher, cut, TruncatedFile)


def test_absurd_dimensions_refused_before_decoding(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(50_000, 50_000))
    message = refused(hasher, path, ImageTooLarge)
    assert "before decoding" in message
    with pytest.raises(ImageTooLarge):
        hasher.query_variants(path)


def test_a_long_thin_image_is_refused(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    path = tmp_path / "strip.png"
    path.write_bytes(png_header_only(40_000, 10))
    assert "30,000 a side" in refused(hasher, path, ImageTooLarge)


def test_heic_without_a_decoder_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    hasher = PdqPhotoHasher()
    hasher._heif = False  # as on an install without the `heic` extra
    assert "HEIF decoder" in refused(hasher, path, DecoderMissing)


def test_corrupt_heic_with_a_decoder_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    hasher = PdqPhotoHasher()
    assert hasher.heif
    with pytest.raises((NotAnImage, TruncatedFile)):
        hasher.digest(path)


def test_variants_are_the_dihedral_group_and_the_unbordered_copy() -> None:
    assert VARIANTS == (
        "original",
        "rot90",
        "rot180",
        "rot270",
        "mirror",
        "mirror_rot90",
        "mirror_rot180",
        "mirror_rot270",
        "unbordered",
    )


def test_each_variant_is_the_hash_of_the_transformed_photo(
    tmp_path: Path, hasher: PdqPhotoHasher
) -> None:
    photo = scene(21, (500, 340))
    photo.save(tmp_path / "p.png")
    variants = {v.variant: v for v in hasher.query_variants(tmp_path / "p.png")}
    assert list(variants) == list(VARIANTS[:8])  # no frame: no unbordered copy
    T = Image.Transpose
    expected = {
        "original": photo,
        "rot90": photo.transpose(T.ROTATE_90),
        "rot180": photo.transpose(T.ROTATE_180),
        "rot270": photo.transpose(T.ROTATE_270),
        "mirror": photo.transpose(T.FLIP_LEFT_RIGHT),
        "mirror_rot90": photo.transpose(T.FLIP_LEFT_RIGHT).transpose(T.ROTATE_90),
        "mirror_rot180": photo.transpose(T.FLIP_LEFT_RIGHT).transpose(T.ROTATE_180),
        "mirror_rot270": photo.transpose(T.FLIP_LEFT_RIGHT).transpose(T.ROTATE_270),
    }
    for name, image in expected.items():
        bits, quality = pdqhash.compute(np.asarray(image))
        assert (variants[name].pdq, variants[name].quality) == (bits_to_hex(bits), quality)
    assert variants["original"].pdq == hasher.digest(tmp_path / "p.png").pdq


@pytest.mark.parametrize(
    ("turn", "undo"),
    [
        (Image.Transpose.ROTATE_90, "rot270"),
        (Image.Transpose.ROTATE_270, "rot90"),
        (Image.Transpose.FLIP_LEFT_RIGHT, "mirror"),
        (Image.Transpose.TRANSPOSE, "mirror_rot90"),
    ],
)
def test_a_turned_copy_finds_the_original(
    tmp_path: Path, hasher: PdqPhotoHasher, turn: Image.Transpose, undo: str
) -> None:
    photo = scene(22, (480, 360))
    photo.save(tmp_path / "original.png")
    photo.transpose(turn).save(tmp_path / "turned.png")
    original = hasher.digest(tmp_path / "original.png").pdq
    assert original is not None
    variants = {v.variant: v.pdq for v in hasher.query_variants(tmp_path / "turned.png")}
    assert variants[undo] == original
    assert distance(variants["original"], original) > 31


@pytest.mark.parametrize("dark", [True, False])
def test_screenshot_chrome_is_stripped(tmp_path: Path, hasher: PdqPhotoHasher, dark: bool) -> None:
    photo = scene(23, (540, 540))
    photo.save(tmp_path / "original.png")
    phone_screenshot(photo, dark=dark).save(tmp_path / "shot.jpg", quality=85)
    original = hasher.digest(tmp_path / "original.png").pdq
    assert original is not None
    variants = {v.variant: v.pdq for v in hasher.query_variants(tmp_path / "shot.jpg")}
    assert distance(variants["unbordered"], original) <= 16
    assert distance(variants["unbordered"], original) < distance(variants["original"], original)


def test_plain_border_is_stripped(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    photo = scene(24, (400, 300))
    photo.save(tmp_path / "original.png")
    bordered(photo, 0.1, (250, 250, 250)).save(tmp_path / "framed.png")
    original = hasher.digest(tmp_path / "original.png").pdq
    assert original is not None
    variants = {v.variant: v.pdq for v in hasher.query_variants(tmp_path / "framed.png")}
    assert distance(variants["unbordered"], original) <= 12


def test_heic_is_decoded_when_the_decoder_is_installed(
    tmp_path: Path, hasher: PdqPhotoHasher
) -> None:
    scene(41, (160, 120)).save(tmp_path / "drawn.png")
    heic = Path(__file__).parent / "data" / "drawn.heic"
    digest = hasher.digest(heic)
    expected = hasher.digest(tmp_path / "drawn.png").pdq
    assert digest.kind == "image"
    assert digest.pdq is not None
    assert expected is not None
    assert distance(digest.pdq, expected) <= 12


TURNS = [
    Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_180,
    Image.Transpose.ROTATE_270,
    Image.Transpose.FLIP_LEFT_RIGHT,
    Image.Transpose.FLIP_TOP_BOTTOM,
    Image.Transpose.TRANSPOSE,
    Image.Transpose.TRANSVERSE,
]


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    turn=st.sampled_from(TURNS),
    size=st.tuples(st.integers(80, 1200), st.integers(80, 1200)),
)
def test_any_turned_or_mirrored_copy_has_a_variant_at_the_original(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    turn: Image.Transpose,
    size: tuple[int, int],
) -> None:
    """Exactly equal up to 512 pixels (no resize); within a few bits above, where resizing a
    turned picture rounds a little differently from turning a resized one."""
    folder = tmp_path_factory.mktemp("dihedral")
    photo = scene(seed, size)
    photo.save(folder / "original.png")
    photo.transpose(turn).save(folder / "turned.png")
    hasher = PdqPhotoHasher()
    original = hasher.digest(folder / "original.png").pdq
    assert original is not None
    nearest = min(distance(v.pdq, original) for v in hasher.query_variants(folder / "turned.png"))
    assert nearest == 0 if max(size) <= 512 else nearest <= 6
