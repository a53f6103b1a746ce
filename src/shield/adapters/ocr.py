"""Local OCR with RapidOCR on onnxruntime.

The models are the ones inside the ``rapidocr`` wheel (PP-OCRv6 small detection and
recognition; the recognition model carries its character list in its metadata). Their paths are
given explicitly, so RapidOCR's own fallback -- fetching a model it cannot find -- never runs:
a missing model file is a configuration error, not a download. The engine is built on the
first read, not at import time, and kept for the next.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from pathlib import Path
from typing import Any

from shield.adapters.image_decoder import DEFAULT_MAX_PIXELS, decode_image
from shield.core.errors import ConfigurationError, UnreadableFile
from shield.core.ports import OcrPage, TextBox

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
MIN_SCORE = 0.5


def model_dir() -> Path:
    """Where the wheel keeps its models (found without importing RapidOCR itself)."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError("the rapidocr package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def model_paths() -> dict[str, Path]:
    root = model_dir()
    paths = {"det": root / DET_MODEL, "rec": root / REC_MODEL}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ConfigurationError(
            f"OCR model files missing from the rapidocr wheel: {', '.join(missing)}; "
            "reinstall rapidocr (models are never downloaded)"
        )
    return paths


class RapidOcrEngine:
    """The OcrEngine port on RapidOCR. ``threads`` bounds onnxruntime's threads (0: its own
    choice)."""

    name = "rapidocr"

    def __init__(self, *, max_pixels: int = DEFAULT_MAX_PIXELS, threads: int = 0) -> None:
        self.max_pixels = max_pixels
        self.threads = threads
        self._engine: Any = None
        self._lock = threading.Lock()

    def _build(self) -> Any:
        with self._lock:
            if self._engine is None:
                paths = model_paths()
                from rapidocr import RapidOCR  # noqa: PLC0415 - heavy: loaded on first use

                threads = self.threads if self.threads > 0 else -1
                self._engine = RapidOCR(
                    params={
                        "Global.log_level": "error",
                        "Global.use_cls": False,  # screenshots are upright after EXIF
                        "Det.model_path": str(paths["det"]),
                        "Rec.model_path": str(paths["rec"]),
                        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                        "EngineConfig.onnxruntime.inter_op_num_threads": threads,
                    }
                )
                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            return self._engine

    def read(self, path: Path) -> OcrPage:
        decoded = decode_image(path, max_pixels=self.max_pixels)
        engine = self._build()
        try:
            result = engine(decoded.image)
        except Exception as error:
            detail = str(error).splitlines()[0] if str(error) else error.__class__.__name__
            raise UnreadableFile(f"OCR failed on this image: {detail}", path=str(path)) from None
        width, height = decoded.image.size
        return OcrPage(width=width, height=height, boxes=_boxes(result), taken=decoded.taken)


def _boxes(result: Any) -> tuple[TextBox, ...]:
    quads = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if quads is None or texts is None:
        return ()
    boxes = []
    for quad, text, score in zip(quads, texts, scores or [1.0] * len(texts), strict=False):
        xs = [float(point[0]) for point in quad]
        ys = [float(point[1]) for point in quad]
        cleaned = " ".join(str(text).split())
        if not cleaned or float(score) < MIN_SCORE:
            continue
        boxes.append(TextBox(cleaned, min(xs), min(ys), max(xs), max(ys), round(float(score), 4)))
    return tuple(boxes)
