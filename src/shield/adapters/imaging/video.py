"""Video: one frame a second through the canonical pipeline, consecutive duplicates dropped.

Frames are decoded with PyAV (its wheel carries FFmpeg's decoders), taken at the first frame
whose timestamp reaches each whole second, hashed like photos, and a frame whose hash is within
``DUPLICATE_DISTANCE`` of the last kept frame's is dropped (a still scene yields one hash).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image

from shield.adapters.imaging.pipeline import (
    PIPELINE_VERSION,
    check_dimensions,
    pdq,
    shrink,
    to_rgb,
)
from shield.core.errors import DecoderMissing, NotAnImage, TruncatedFile
from shield.core.photohash import distance
from shield.core.ports import FrameHash

DUPLICATE_DISTANCE = 8
FRAMES_PER_SECOND = 1.0
MAX_FRAMES = 6 * 60 * 60  # six hours at one a second


def frame_hashes(path: Path, pipeline: str = PIPELINE_VERSION) -> tuple[FrameHash, ...]:
    shown = str(path)
    try:
        import av  # noqa: PLC0415 (optional: the `video` extra)
    except ImportError as exc:
        raise DecoderMissing(
            "a video, and no video decoder is installed (install shield[video])", path=shown
        ) from exc
    kept: list[FrameHash] = []
    try:
        with av.open(str(path), mode="r") as container:
            if not container.streams.video:
                raise NotAnImage("a media file without a video stream", path=shown)
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            check_dimensions((stream.codec_context.width, stream.codec_context.height), shown)
            for ts, image in _sampled(container.decode(stream), stream):
                digest, quality = pdq(shrink(to_rgb(image)), pipeline)
                if kept and distance(kept[-1].pdq, digest) <= DUPLICATE_DISTANCE:
                    continue
                kept.append(FrameHash(ts=round(ts, 3), pdq=digest, quality=quality))
    except (NotAnImage, DecoderMissing):
        raise
    except av.error.InvalidDataError as exc:
        raise NotAnImage("not a photo or video Shield can decode", path=shown) from exc
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise TruncatedFile(f"corrupt or truncated video: {exc}", path=shown) from exc
    if not kept:
        raise TruncatedFile("a video with no decodable frame", path=shown)
    return tuple(kept)


def _sampled(frames: Iterator[Any], stream: Any) -> Iterator[tuple[float, Image.Image]]:
    step = 1.0 / FRAMES_PER_SECOND
    due = 0.0
    taken = 0
    base = stream.start_time * stream.time_base if stream.start_time is not None else 0
    for frame in frames:
        if frame.pts is None:
            continue
        ts = float(frame.pts * stream.time_base - base)
        if ts + 1e-6 < due:
            continue
        yield ts, frame.to_image()
        taken += 1
        if taken >= MAX_FRAMES:
            return
        due = (int(ts / step) + 1) * step
