"""The canonical pipeline against the reference PDQ implementation (the `pdqhash` binding).

Golden hashes: the reference repository's own test images are not shipped by any installed
package, so they are not used here (docs/hashing.md records a one-time check against them).
Instead:
- on images Shield draws, and on scikit-image's sample photos (files inside its wheel), the
  pipeline must equal the reference binding run on the raw pixels wherever the pipeline is the
  identity (RGB, long edge <= 512, no EXIF orientation, no alpha);
- the hashes of scikit-image's samples are pinned below (computed with the reference binding,
  pdqhash 0.2.8); larger samples pin the output of each pipeline version, so a change to the
  preprocessing shows up here and must add a version.

Every test taking the ``hasher`` fixture runs for both versions, ``pdq-1`` and ``pdq-2``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pdqhash
import pytest
import skimage
from drawing import scene
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from shield.adapters.imaging import PIPELINE_VERSION, PdqPhotoHasher
from shield.adapters.imaging.pipeline import PIPELINES, bits_to_hex
from shield.core.photohash import distance

SAMPLES = Path(skimage.__file__).parent / "data"

# Small samples: equal to the reference binding on the raw pixels (the pipeline is the identity).
REFERENCE = {
    "astronaut.png": "2d6b1af3a956c529e79ca3d2526fa834d4196c81cedd04de0a26b855fc99b724",
    "camera.png": "dc9c9d3b746978f888f40ce6e5c3f70f7266623e8d989cb99f21f2010841e1c7",
    "chelsea.png": "5feb5321f01da156898e2bf629a5d3438412cdbd23f48942464526315db33ffd",
}
# Larger samples: pipeline pdq-1 (reduced decode, bilinear to a long edge of 512).
PDQ_1_GOLDEN = {
    "coffee.png": "04629e779e66365cb983b8668827f27c21a779e61e36e1f8c79927e27c0299e0",
    "rocket.jpg": "8792786c8f9350e4af1bc0e03f1fc0e03f1cc2f33da482737dcc821b24ecf376",
    "hubble_deep_field.jpg": "1ce735e66266634f729429a232cad317e60e86be9c60dc59a42ec39c7379b919",
    "retina.jpg": "87d22b5806d23a195e87f1f8fe1ad507fc0f05f8005adc8157afa8f4eaf82a19",
    "motorcycle_left.png": "e0c9cfdb7cd318968a18ec54e94ba55933565b67508a0b87ad64fceb5631c470",
}


def reference(image: Image.Image) -> tuple[str, int]:
    bits, quality = pdqhash.compute(np.asarray(image.convert("RGB")))
    return bits_to_hex(bits), int(quality)


# The same with pdq-2: the three JPEGs are decoded straight to luma, yet hash as with pdq-1.
PDQ_2_GOLDEN = {**PDQ_1_GOLDEN}
PIPELINE_GOLDEN = {"pdq-1": PDQ_1_GOLDEN, "pdq-2": PDQ_2_GOLDEN}


@pytest.fixture(scope="module", params=PIPELINES)
def hasher(request: pytest.FixtureRequest) -> PdqPhotoHasher:
    return PdqPhotoHasher(request.param)


def test_pipeline_version_is_recorded(hasher: PdqPhotoHasher) -> None:
    digest = hasher.digest(SAMPLES / "astronaut.png")
    assert digest.pipeline == hasher.pipeline
    assert PdqPhotoHasher().pipeline == PIPELINE_VERSION == "pdq-2"


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_small_samples_equal_the_reference(hasher: PdqPhotoHasher, name: str) -> None:
    path = SAMPLES / name
    digest = hasher.digest(path)
    with Image.open(path) as image:
        assert (digest.pdq, digest.quality) == reference(image)
    assert digest.pdq == REFERENCE[name]
    data = path.read_bytes()
    assert digest.md5 == hashlib.md5(data).hexdigest()
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.kind == "image"


def reference_tool(path: Path) -> str:
    """The reference repository's Python tool: Pillow ``thumbnail((512, 512))``, then PDQ."""
    with Image.open(path) as image:
        image.thumbnail((512, 512))
        return reference(image)[0]


@pytest.mark.parametrize("name", sorted(PDQ_1_GOLDEN))
def test_large_samples_pinned_and_near_the_reference_tool(
    hasher: PdqPhotoHasher, name: str
) -> None:
    digest = hasher.digest(SAMPLES / name)
    assert digest.pdq == PIPELINE_GOLDEN[hasher.pipeline][name]
    assert distance(digest.pdq, reference_tool(SAMPLES / name)) <= 4
    with Image.open(SAMPLES / name) as image:
        full, _ = reference(image)
    # Hashing 512 pixels instead of all of them moves a hash by up to ~20 bits of 256.
    assert distance(digest.pdq, full) <= 24


def test_hex_is_the_reference_format() -> None:
    """Most significant bit first, as the reference's Hash256 prints (and ThreatExchange)."""
    bits = np.zeros(256, dtype=np.uint8)
    bits[0] = 1  # the highest bit
    bits[255] = 1
    assert bits_to_hex(bits) == "8" + "0" * 62 + "1"
    bits = np.random.default_rng(7).integers(0, 2, 256)
    assert bits_to_hex(bits) == format(int("".join(map(str, bits)), 2), "064x")


@pytest.mark.parametrize("pipeline", PIPELINES)
@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), width=st.integers(64, 512), height=st.integers(64, 512))
def test_drawn_photos_equal_the_reference(
    tmp_path_factory: pytest.TempPathFactory, pipeline: str, seed: int, width: int, height: int
) -> None:
    image = scene(seed, (width, height))
    path = tmp_path_factory.mktemp("drawn") / "photo.png"
    image.save(path)
    digest = PdqPhotoHasher(pipeline).digest(path)
    assert (digest.pdq, digest.quality) == reference(image)


@pytest.mark.parametrize("size", [(1080, 1350), (4000, 3000)])
def test_reduced_decode_of_big_jpegs_stays_near_the_full_decode(
    tmp_path: Path, hasher: PdqPhotoHasher, size: tuple[int, int]
) -> None:
    image = scene(size[0], size)
    path = tmp_path / "big.jpg"
    image.save(path, quality=90)
    digest = hasher.digest(path)
    assert digest.pdq is not None
    assert distance(digest.pdq, reference_tool(path)) <= 4


def test_exif_orientation_is_applied(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    upright = scene(11, (400, 300))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as a camera stores it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display"
    path = tmp_path / "turned.png"
    stored.save(path, exif=exif)
    assert hasher.digest(path).pdq == reference(upright)[0]


def test_alpha_is_composited_onto_white(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    photo = scene(12, (300, 300)).convert("RGBA")
    alpha = Image.new("L", photo.size, 255)
    alpha.paste(0, (0, 0, 150, 300))  # the left half transparent
    photo.putalpha(alpha)
    path = tmp_path / "alpha.png"
    photo.save(path)
    white = Image.new("RGB", photo.size, (255, 255, 255))
    white.paste(photo, mask=photo.getchannel("A"))
    assert hasher.digest(path).pdq == reference(white)[0]


def test_palette_and_cmyk_are_converted(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    photo = scene(13, (320, 240))
    palette = photo.convert("P", palette=Image.Palette.ADAPTIVE)
    palette.save(tmp_path / "p.png")
    assert hasher.digest(tmp_path / "p.png").pdq == reference(palette.convert("RGB"))[0]
    cmyk = photo.convert("CMYK")
    cmyk.save(tmp_path / "c.tiff")
    assert hasher.digest(tmp_path / "c.tiff").pdq == reference(cmyk.convert("RGB"))[0]


def test_rgb_with_a_transparent_colour_key(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    photo = scene(15, (200, 160))
    photo.paste((1, 2, 3), (0, 0, 100, 160))
    photo.save(tmp_path / "key.png", transparency=(1, 2, 3))
    white = photo.copy()
    white.paste((255, 255, 255), (0, 0, 100, 160))
    assert hasher.digest(tmp_path / "key.png").pdq == reference(white)[0]


def test_big_cmyk_jpeg_equals_its_rgb_twin(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    photo = scene(16, (1200, 900))
    photo.convert("CMYK").save(tmp_path / "cmyk.jpg", quality=95)
    photo.save(tmp_path / "rgb.jpg", quality=95)
    cmyk, rgb = hasher.digest(tmp_path / "cmyk.jpg").pdq, hasher.digest(tmp_path / "rgb.jpg").pdq
    assert cmyk is not None
    assert rgb is not None
    assert distance(cmyk, rgb) <= 8


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    grey = np.asarray(scene(14, (256, 256)).convert("L"), dtype=np.uint16)
    Image.fromarray(grey * 257).save(tmp_path / "deep.png")  # 16-bit PNG
    with Image.open(tmp_path / "deep.png") as check:
        assert check.mode.startswith("I")
    expected = reference(Image.fromarray(grey.astype(np.uint8), "L"))[0]
    assert hasher.digest(tmp_path / "deep.png").pdq == expected


def test_flat_images_are_weak(tmp_path: Path, hasher: PdqPhotoHasher) -> None:
    Image.new("RGB", (200, 200), (90, 140, 200)).save(tmp_path / "flat.png")
    digest = hasher.digest(tmp_path / "flat.png")
    assert digest.quality is not None
    assert digest.quality < 50
