"""Video hashing: one frame a second, consecutive duplicates dropped, on a video made here."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import av
import numpy as np
import pdqhash
import pytest
from drawing import scene
from PIL import Image

from shield.adapters.imaging import PdqPhotoHasher
from shield.adapters.imaging.pipeline import bits_to_hex
from shield.cli.main import main
from shield.core.errors import DecoderMissing, NotAnImage, TruncatedFile
from shield.core.photohash import distance

FPS = 10
SIZE = (320, 240)


def make_video(path: Path, scenes: list[Image.Image], seconds_each: list[int]) -> None:
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("mpeg4", rate=FPS)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = 2_000_000
        for image, seconds in zip(scenes, seconds_each, strict=True):
            for _ in range(seconds * FPS):
                frame = av.VideoFrame.from_image(image)
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def pdq_of(image: Image.Image) -> str:
    return bits_to_hex(pdqhash.compute(np.asarray(image))[0])


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Image.Image]]:
    first, second = scene(31, SIZE), scene(32, SIZE)
    path = tmp_path_factory.mktemp("video") / "clip.mp4"
    make_video(path, [first, second, first], [2, 2, 1])
    return path, [first, second]


def test_one_frame_a_second_duplicates_dropped(clip: tuple[Path, list[Image.Image]]) -> None:
    path, (first, second) = clip
    digest = PdqPhotoHasher().digest(path)
    assert digest.kind == "video"
    assert digest.md5 == hashlib.md5(path.read_bytes()).hexdigest()
    assert digest.pdq is None
    # seconds 0-1 show the first scene, 2-3 the second, 4 the first again: the repeat inside a
    # scene is dropped, the return to the first scene is not (it is not consecutive)
    assert [f.ts for f in digest.frames] == [0.0, 2.0, 4.0]
    expected = [pdq_of(first), pdq_of(second), pdq_of(first)]
    for frame, want in zip(digest.frames, expected, strict=True):
        assert distance(frame.pdq, want) <= 24
        assert 0 <= frame.quality <= 100
    assert distance(digest.frames[0].pdq, digest.frames[1].pdq) > 64


def test_video_json(
    clip: tuple[Path, list[Image.Image]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = clip
    assert main(["hash", str(path), "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["kind"] == "video"
    assert [f["ts"] for f in entry["pdq"]] == [0.0, 2.0, 4.0]
    assert all(len(f["pdq"]) == 64 and 0 <= f["quality"] <= 100 for f in entry["pdq"])
    assert entry["quality"] == max(f["quality"] for f in entry["pdq"])


def test_truncated_video(clip: tuple[Path, list[Image.Image]], tmp_path: Path) -> None:
    path, _ = clip
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(path.read_bytes()[:2000])
    with pytest.raises((TruncatedFile, NotAnImage)) as caught:
        PdqPhotoHasher().digest(cut)
    assert str(caught.value).startswith(f"{cut}: ")
    assert "\n" not in str(caught.value)


def test_video_without_a_decoder(
    clip: tuple[Path, list[Image.Image]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = clip
    monkeypatch.setitem(sys.modules, "av", None)  # as on an install without the `video` extra
    with pytest.raises(DecoderMissing, match="video decoder"):
        PdqPhotoHasher().digest(path)
