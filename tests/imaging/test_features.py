"""The second matching stage: local features find a banked photo in crops, turns, frames,
screenshots and mirror images, say how, and find nothing in images that hold no photo.

Photos are scikit-image's sample photos (CC0 / public domain, inside its wheel); the
transformations are made here."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from drawing import phone_screenshot
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageOps
from threadpoolctl import threadpool_info

from shield.adapters.features import index as feature_index
from shield.adapters.features import vocabulary as vocabulary_module
from shield.adapters.features.index import (
    HEADER,
    RECORD,
    SIGNATURE_DISTANCE,
    FeatureIndex,
    decode,
    encode,
)
from shield.adapters.features.keypoints import detect, load_grey, mirrored
from shield.adapters.features.matcher import SiftFeatures, hit
from shield.core.errors import BadInput, NotAnImage, TruncatedFile

skimage = pytest.importorskip("skimage")
SAMPLES = Path(skimage.__file__).parent / "data"  # files inside scikit-image's wheel


def sample(name: str) -> Image.Image:
    return Image.open(SAMPLES / name).convert("RGB")


PHOTOS = [
    "astronaut.png",
    "coffee.png",
    "chelsea.png",
    "rocket.jpg",
    "motorcycle_left.png",
    "ihc.png",
]


@pytest.fixture(scope="module")
def matcher() -> SiftFeatures:
    return SiftFeatures()


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    paths = {}
    for name in PHOTOS:
        path = folder / f"{Path(name).stem}.png"
        sample(name).save(path)
        paths[name] = path
    return paths


@pytest.fixture(scope="module")
def index(matcher: SiftFeatures, photos: dict[str, Path]) -> FeatureIndex:
    built = matcher.new_index()
    built.add(list(range(len(PHOTOS))), [matcher.describe(photos[n]) for n in PHOTOS])
    return built


def crop(image: Image.Image, share: float, corner: str) -> Image.Image:
    w, h = round(image.width * math.sqrt(share)), round(image.height * math.sqrt(share))
    x = 0 if "left" in corner else image.width - w
    y = 0 if "top" in corner else image.height - h
    return image.crop((x, y, x + w, y + h))


def profile_circle(image: Image.Image) -> Image.Image:
    side = min(image.size)
    square = image.crop((0, 0, side, side)).resize((256, 256))
    canvas = Image.new("RGB", (256, 256), "white")
    mask = Image.new("L", (256, 256), 0)
    ImageDraw.Draw(mask).ellipse([0, 0, 255, 255], fill=255)
    canvas.paste(square, (0, 0), mask)
    return canvas


TRANSFORMS = {
    "crop60": lambda im: crop(im, 0.6, "top-left"),
    "crop80": lambda im: crop(im, 0.8, "bottom-right"),
    "rot15": lambda im: im.rotate(15, Image.Resampling.BICUBIC, expand=True, fillcolor="white"),
    "rot-5": lambda im: im.rotate(-5, Image.Resampling.BICUBIC, expand=True, fillcolor="black"),
    "border": lambda im: ImageOps.expand(im, border=im.width // 10, fill="white"),
    "mirror": lambda im: im.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
    "screenshot": phone_screenshot,
    "profile": profile_circle,
    "small_jpeg": lambda im: crop(im, 0.8, "top-right").resize((im.width // 2, im.height // 2)),
}


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
def test_a_transformed_copy_finds_its_photo_and_only_it(
    matcher: SiftFeatures,
    photos: dict[str, Path],
    index: FeatureIndex,
    transform: str,
    tmp_path: Path,
) -> None:
    for number, name in enumerate(PHOTOS):
        image = Image.open(photos[name]).convert("RGB")
        query = tmp_path / f"{name}-{transform}.jpg"
        TRANSFORMS[transform](image).save(query, quality=80)
        found = index.search(matcher.prepare(query))
        assert [f.id for f in found] == [number], (name, transform)


def test_the_alignment_says_how_the_query_shows_the_photo(
    matcher: SiftFeatures, photos: dict[str, Path], index: FeatureIndex, tmp_path: Path
) -> None:
    image = Image.open(photos["astronaut.png"]).convert("RGB")  # 512 x 512
    query = tmp_path / "q.png"
    part = image.crop((128, 0, 512, 384))  # the top-right three quarters of each side
    part.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize((277, 277)).save(query)
    (found,) = index.search(matcher.prepare(query))
    a = hit(found).alignment
    assert a.mirrored and abs(a.rotation) < 2
    assert a.scale == pytest.approx(277 / 384, rel=0.05)
    left, top, right, bottom = a.crop
    assert left == pytest.approx(0.25, abs=0.03) and top < 0.03
    assert right > 0.97 and bottom == pytest.approx(0.75, abs=0.03)
    assert a.inliers >= 12 and a.correspondences >= a.inliers

    turned = tmp_path / "turned.png"
    image.rotate(15, Image.Resampling.BICUBIC, expand=True).transpose(
        Image.Transpose.FLIP_LEFT_RIGHT
    ).save(turned)
    (found,) = index.search(matcher.prepare(turned))
    a = hit(found).alignment
    assert a.mirrored and a.rotation == pytest.approx(-15, abs=2)  # turned, then mirrored

    plain = tmp_path / "plain.png"
    image.rotate(10, Image.Resampling.BICUBIC).save(plain)
    (found,) = index.search(matcher.prepare(plain))
    a = hit(found).alignment
    assert not a.mirrored and a.rotation == pytest.approx(10, abs=2)  # anticlockwise


def adversarial() -> dict[str, Image.Image]:
    rng = np.random.default_rng(3)
    text = Image.new("RGB", (900, 900), "white")
    draw = ImageDraw.Draw(text)
    for line in range(14):
        draw.text((30, 20 + line * 62), "send £250 now or everyone sees it", fill="black")
    board = (np.indices((600, 600)).sum(axis=0) // 24 % 2 * 255).astype(np.uint8)
    return {
        "noise": Image.fromarray(rng.integers(0, 256, (600, 600, 3), dtype=np.uint8)),
        "checkerboard": Image.fromarray(board),
        "stripes": Image.fromarray(
            np.tile((np.arange(700) // 9 % 2 * 255).astype(np.uint8), (500, 1))
        ),
        "white": Image.new("RGB", (500, 500), "white"),
        "black": Image.new("L", (500, 500), 0),
        "tiny": Image.new("RGB", (5, 7), "red"),
        "text": text,
    }


@pytest.mark.parametrize("name", sorted(adversarial()))
def test_images_without_a_photo_match_nothing(
    matcher: SiftFeatures, index: FeatureIndex, name: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.png"
    adversarial()[name].save(path)
    assert index.search(matcher.prepare(path)) == []
    banked = matcher.new_index()  # and banked, they match nothing either
    banked.add([1], [matcher.describe(path)])
    for other in ("noise", "checkerboard", "text"):
        query = tmp_path / f"q-{other}.png"
        adversarial()[other].rotate(7).save(query)
        assert banked.search(matcher.prepare(query)) == [] or other == name


def test_bad_files_are_refused_with_the_pipeline_errors(
    matcher: SiftFeatures, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("not an image", encoding="utf-8")
    cut = tmp_path / "cut.jpg"
    sample("astronaut.png").save(tmp_path / "whole.jpg")
    cut.write_bytes((tmp_path / "whole.jpg").read_bytes()[:3000])
    for path, error in ((empty, NotAnImage), (text, NotAnImage), (cut, TruncatedFile)):
        with pytest.raises(error) as caught:
            matcher.describe(path)
        assert caught.value.path == str(path)
        with pytest.raises(error):
            matcher.prepare(path)


def test_mirrored_descriptors_equal_those_of_the_mirror_image(photos: dict[str, Path]) -> None:
    """Mirroring descriptors (instead of detecting again) gives what the mirror image has:
    each mirrored descriptor is nearest to its counterpart among the mirror image's own."""
    grey, _ = load_grey(photos["coffee.png"], 512)
    points = detect(grey, 300)
    flipped = mirrored(points)
    direct = detect(np.ascontiguousarray(grey[:, ::-1]), 300)
    gaps = np.linalg.norm(flipped.xy[:, None, :] - direct.xy[None, :, :], axis=2)
    pairs = [(i, int(j)) for i, j in enumerate(gaps.argmin(axis=1)) if gaps[i, j] < 0.5]
    assert len(pairs) > 50
    agree = naive = 0
    for i, j in pairs:
        agree += int(np.linalg.norm(direct.desc - flipped.desc[i], axis=1).argmin() == j)
        naive += int(np.linalg.norm(direct.desc - points.desc[i], axis=1).argmin() == j)
    assert agree / len(pairs) > 0.8 and naive / len(pairs) < 0.3


def test_stored_features_round_trip_and_bad_bytes_are_refused(
    matcher: SiftFeatures, photos: dict[str, Path]
) -> None:
    blob = matcher.describe(photos["chelsea.png"])
    banked = decode(blob, matcher.vocabulary)
    n = len(banked.records)
    assert 100 <= n <= 300 and len(blob) == HEADER.size + n * RECORD.itemsize
    assert encode(detect(*_grey(photos["chelsea.png"])), matcher.vocabulary) == blob
    other = bytearray(blob)
    other[4:20] = b"0" * 16  # another vocabulary's fingerprint
    bad_word = bytearray(blob)
    bad_word[HEADER.size : HEADER.size + 2] = (65535).to_bytes(2, "little")
    for broken in (blob[:10], blob[:-1], b"XXXX" + blob[4:], bytes(other), bytes(bad_word)):
        with pytest.raises(BadInput):
            decode(broken, matcher.vocabulary)


def _grey(path: Path) -> tuple[np.ndarray, int, float]:
    grey, scale = load_grey(path, 512)
    return grey, 300, scale


def test_adds_and_removals_take_effect_at_once_and_survive_compaction(
    matcher: SiftFeatures, photos: dict[str, Path], tmp_path: Path
) -> None:
    blobs = {n: matcher.describe(photos[n]) for n in PHOTOS}
    small = FeatureIndex(matcher.vocabulary, merge_min=1, merge_share=0.0)  # compacts each add
    large = FeatureIndex(matcher.vocabulary)  # keeps recent additions in a separate run
    query = tmp_path / "q.jpg"
    crop(Image.open(photos["rocket.jpg"]).convert("RGB"), 0.6, "bottom-left").save(query)
    prepared = matcher.prepare(query)
    for idx in (small, large):
        for number, name in enumerate(PHOTOS):
            idx.add([number + 10], [blobs[name]])
        idx.add([13], [blobs["rocket.jpg"]])  # already held: ignored
        assert len(idx) == len(PHOTOS) and 13 in idx
        assert [f.id for f in idx.search(prepared)] == [13]
        idx.remove([13])
        assert 13 not in idx and len(idx) == len(PHOTOS) - 1
        assert idx.search(prepared) == []
        idx.add([99], [blobs["rocket.jpg"]])
        assert [f.id for f in idx.search(prepared)] == [99]


def test_the_index_finds_what_verifying_every_photo_finds(
    matcher: SiftFeatures, photos: dict[str, Path], index: FeatureIndex, tmp_path: Path
) -> None:
    for name in PHOTOS:
        query = tmp_path / f"{name}.jpg"
        crop(Image.open(photos[name]).convert("RGB"), 0.6, "top-right").rotate(8).save(query)
        prepared = matcher.prepare(query)
        fast = [(f.id, f.fit.inliers) for f in index.search(prepared)]
        every = [(f.id, f.fit.inliers) for f in index.brute_force(prepared)]
        assert fast == every


# chunk sizes, and every list XORed in place (1) or every list copied first (10**9)
@pytest.mark.parametrize(
    "chunking", [(c, s) for c in (1, 7, 4096, 10**9) for s in (1, 10**9)], ids=str
)
def test_postings_are_compared_in_chunks_without_losing_or_inventing_a_pair(
    matcher: SiftFeatures,
    photos: dict[str, Path],
    tmp_path: Path,
    chunking: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(feature_index, "CHUNK", chunking[0])
    monkeypatch.setattr(feature_index, "SLICED", chunking[1])
    blobs = [matcher.describe(photos[n]) for n in PHOTOS]
    query = tmp_path / "q.jpg"
    crop(Image.open(photos["astronaut.png"]).convert("RGB"), 0.8, "top-left").save(query)
    side = matcher.prepare(query)[0]
    words, sigs = side.words.ravel(), side.sigs.ravel()
    rows = np.repeat(np.arange(len(side.words)), side.words.shape[1])
    # the large run (in word order, after compaction) and the recent run (an order over it)
    for merge_min in (0, 10**9):
        idx = FeatureIndex(matcher.vocabulary, merge_min=merge_min)
        idx.add(list(range(len(PHOTOS))), blobs)
        run = idx._main if merge_min == 0 else idx._recent
        banked_words, banked_sigs = idx._cols["word"][: idx._n], idx._sig[: idx._n]
        assert (run.begin, run.end) == (0, idx._n)
        # every pair by hand: each probe against every banked feature of its word
        expected = set()
        for row, word, sig in zip(rows.tolist(), words.tolist(), sigs.tolist(), strict=True):
            for feature in np.flatnonzero(banked_words == word).tolist():
                distance = int(np.bitwise_count(np.uint64(sig) ^ banked_sigs[feature]))
                if distance <= SIGNATURE_DISTANCE:
                    expected.add((row, feature, distance, word))
        assert len(expected) > 100
        pairs, shared = idx._probe(run, words, sigs, rows)
        found = zip(
            pairs.row.tolist(),
            pairs.feature.tolist(),
            pairs.distance.tolist(),
            shared.tolist(),
            strict=True,
        )
        assert sorted(found) == sorted(expected)


@given(
    st.lists(
        st.tuples(st.integers(0, 2**40), st.floats(0, 1e6, width=32, allow_subnormal=True)),
        max_size=300,
    ),
    st.sampled_from([(1, 1), (7, 1), (2**40, 1), (2**40, 2**20)]),
)
def test_each_key_keeps_its_largest_weight(
    pairs: list[tuple[int, float]], spread: tuple[int, int]
) -> None:
    """Few distinct keys (many to fold), ordinary ones, and keys too wide to pack with their
    weight's bits (the plain sort)."""
    distinct, stretch = spread
    keys = np.array([k for k, _ in pairs], np.int64) % distinct * stretch
    weights = np.array([w for _, w in pairs], np.float32)
    expected: dict[int, float] = {}
    for key, weight in zip(keys.tolist(), weights.tolist(), strict=True):
        expected[key] = max(expected.get(key, 0.0), weight)
    ranked, best = feature_index._best(keys, weights)
    assert ranked.tolist() == sorted(expected)
    assert best.tolist() == [expected[k] for k in sorted(expected)]
    assert best.dtype == np.float32


def test_words_are_ranked_nearest_first(matcher: SiftFeatures, photos: dict[str, Path]) -> None:
    grey, scale = load_grey(photos["coffee.png"], 512)
    desc = detect(grey, 200, scale).desc
    vocabulary = matcher.vocabulary
    exact = ((desc[:, None, :] - vocabulary.centroids[None, :, :]) ** 2).sum(axis=2)
    ranked = vocabulary.assign(desc, 3)
    assert ranked.shape == (len(desc), 3)
    assert (ranked[:, 0] == vocabulary.assign(desc, 1)[:, 0]).all()
    chosen = np.take_along_axis(exact, ranked, axis=1)
    assert (np.diff(chosen, axis=1) >= 0).all()  # closest first
    # nothing outside the three is closer than the third (float32 rounding aside)
    assert (np.sort(exact, axis=1)[:, 2] >= chosen[:, 2] - 1e-4).all()


def test_a_descriptor_and_its_mirror_image_are_assigned_together(
    matcher: SiftFeatures, photos: dict[str, Path]
) -> None:
    grey, scale = load_grey(photos["astronaut.png"], 640)
    points = detect(grey, 800, scale)  # more than a block of rows
    vocabulary = matcher.vocabulary
    as_is, flipped = vocabulary.assign_mirrored(points.desc, 2)
    assert (as_is == vocabulary.assign(points.desc, 2)).all()
    for desc, ranked in ((points.desc, as_is), (mirrored(points).desc, flipped)):
        exact = ((desc[:, None, :] - vocabulary.centroids[None, :, :]) ** 2).sum(axis=2)
        chosen = np.take_along_axis(exact, ranked, axis=1)
        assert (np.diff(chosen, axis=1) >= 0).all()
        assert (chosen <= np.sort(exact, axis=1)[:, :2] + 1e-4).all()  # the nearest two
    assert (flipped != as_is).any(axis=1).mean() > 0.5  # the mirror image is another descriptor
    empty = vocabulary.assign_mirrored(np.zeros((0, 128), np.float32), 2)
    assert [w.shape for w in empty] == [(0, 2), (0, 2)]


def test_words_are_found_on_one_blas_thread(
    matcher: SiftFeatures, photos: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a query is one core's work: BLAS's own threads spin after each product and take the
    # core from the SIFT that follows when the process has one
    seen: list[int] = []
    limit = vocabulary_module._one_thread

    @contextmanager
    def watched() -> Iterator[None]:
        with limit():
            seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
            yield

    monkeypatch.setattr(vocabulary_module, "_one_thread", watched)
    grey, scale = load_grey(photos["coffee.png"], 512)
    points = detect(grey, 200, scale)
    words = matcher.vocabulary.assign(points.desc, 2)
    matcher.vocabulary.signatures(points.desc, words)
    assert seen and set(seen) == {1}


def test_the_posting_budget_looks_up_the_shortest_lists_first(
    matcher: SiftFeatures, photos: dict[str, Path], tmp_path: Path
) -> None:
    blobs = [matcher.describe(photos[n]) for n in PHOTOS]
    query = tmp_path / "q.jpg"
    crop(Image.open(photos["chelsea.png"]).convert("RGB"), 0.8, "top-left").save(query)
    prepared = matcher.prepare(query)
    words = prepared[0].words.ravel()
    unbounded = FeatureIndex(matcher.vocabulary)
    unbounded.add(list(range(len(PHOTOS))), blobs)
    lengths = unbounded.postings(words)
    budget = int(lengths.sum()) // 3
    bounded = FeatureIndex(matcher.vocabulary, max_postings=budget)
    bounded.add(list(range(len(PHOTOS))), blobs)
    keep = bounded._budget(words)
    assert 0 < int(lengths[keep].sum()) <= budget < int(lengths.sum())
    assert lengths[keep].max() <= lengths[~keep].min()  # the shortest lists, the common words left
    assert unbounded._budget(words).all()
    # a third of the comparisons still finds the photo, verified on every pair it has (the
    # lists left out of the vote are searched for the candidates' features), in the large
    # run and in the recent one; none at all finds nothing
    expected = [(f.id, f.fit.inliers) for f in unbounded.search(prepared)]
    assert [i for i, _ in expected] == [PHOTOS.index("chelsea.png")]
    for merge_min, merge_share in ((0, 0.0), (0, 10.0), (10**9, 0.0)):  # large, both, recent
        bounded = FeatureIndex(
            matcher.vocabulary, max_postings=budget, merge_min=merge_min, merge_share=merge_share
        )
        bounded.add([0, 1, 2], blobs[:3])
        bounded.add(list(range(3, len(PHOTOS))), blobs[3:])
        assert [(f.id, f.fit.inliers) for f in bounded.search(prepared)] == expected
    nothing = FeatureIndex(matcher.vocabulary, max_postings=0)
    nothing.add(list(range(len(PHOTOS))), blobs)
    assert nothing.search(prepared) == []


@given(
    st.lists(st.lists(st.integers(0, 40), max_size=30), min_size=1, max_size=12),
    st.lists(st.integers(0, 42), min_size=1, max_size=8),
)
def test_lower_bounds_agree_with_searchsorted_in_every_list(
    lists: list[list[int]], keys: list[int]
) -> None:
    values = np.array([v for part in lists for v in sorted(part)] or [0], np.uint32)
    sizes = np.array([len(part) for part in lists], np.int64)
    hi = np.cumsum(sizes)
    lo = hi - sizes
    wanted = np.array(keys, np.uint32)
    bounds = feature_index._lower_bounds(lambda at: values[at], lo, hi, wanted)
    for i, (a, b) in enumerate(zip(lo, hi, strict=True)):
        assert (bounds[i] == a + np.searchsorted(values[a:b], wanted)).all()


def test_a_signature_bit_is_its_direction_above_the_words_median(matcher: SiftFeatures) -> None:
    vocabulary = matcher.vocabulary
    rng = np.random.default_rng(3)
    desc = np.sqrt(rng.dirichlet(np.full(128, 0.3), 300)).astype(np.float32)
    words = vocabulary.assign(desc, 2)
    sigs = vocabulary.signatures(desc, words)
    assert sigs.shape == words.shape and sigs.dtype == np.uint64
    for n, k in np.ndindex(words.shape):
        word = words[n, k]
        projected = (desc[n] - vocabulary.centroids[word]).astype(np.float64) @ (
            vocabulary.projection.T.astype(np.float64)
        )
        margin = projected - vocabulary.medians[word]
        bits = np.array([(int(sigs[n, k]) >> i) & 1 for i in range(64)])
        clear = np.abs(margin) > 1e-5  # away from float ties
        assert (bits[clear] == (margin[clear] > 0)).all()
