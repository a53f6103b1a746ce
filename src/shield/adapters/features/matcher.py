"""The second matching stage as Shield's services see it (the ``PhotoFeatures`` port)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from shield.adapters.features.geometry import visible_box
from shield.adapters.features.index import FeatureIndex, Found, QuerySide, encode
from shield.adapters.features.keypoints import (
    BANK_EDGE,
    BANK_FEATURES,
    QUERY_EDGE,
    QUERY_FEATURES,
    detect,
    load_grey,
)
from shield.adapters.features.vocabulary import Vocabulary, shipped
from shield.core.bank import Alignment
from shield.core.errors import BadInput
from shield.core.ports import FeatureHit
from shield.core.ports import FeatureIndex as FeatureIndexPort

FEATURES_VERSION = "sift-he-1"
EXPLAIN_HEIGHT = 640


class SiftFeatures:
    """SIFT keypoints, a visual vocabulary with Hamming embedding, RANSAC verification."""

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary or shipped()
        self._version = f"{FEATURES_VERSION}/{self.vocabulary.fingerprint}"

    @property
    def version(self) -> str:
        return self._version

    def describe(self, path: Path) -> bytes:
        grey, scale = load_grey(path, BANK_EDGE)
        return encode(detect(grey, BANK_FEATURES, scale), self.vocabulary)

    def prepare(self, path: Path) -> list[QuerySide]:
        """A query photo as it is and mirrored."""
        grey, scale = load_grey(path, QUERY_EDGE)
        return QuerySide.both(detect(grey, QUERY_FEATURES, scale), self.vocabulary)

    def new_index(self) -> FeatureIndex:
        return FeatureIndex(self.vocabulary)

    def search(self, index: FeatureIndexPort, query: object) -> list[FeatureHit]:
        if not isinstance(index, FeatureIndex) or not isinstance(query, list):
            raise TypeError("an index and a query made by this matcher")
        return [hit(found) for found in index.search(query)]

    def explain(self, path: Path, found: FeatureHit, target: Path) -> None:
        draw_explanation(path, found, target)


def hit(found: Found) -> FeatureHit:
    """The port's view of a verified candidate, in the photos' own pixels."""
    side = found.side
    points = side.points
    width = points.width
    query_xy = found.fit.query_points.astype(np.float64)
    if side.mirrored:  # back to the query as it was given
        query_xy = np.column_stack([width - query_xy[:, 0], query_xy[:, 1]])
    query_xy = query_xy / points.scale
    bank_xy = found.fit.bank_points.astype(np.float64) / found.bank_scale
    pairs = tuple(
        (round(float(b[0]), 1), round(float(b[1]), 1), round(float(q[0]), 1), round(float(q[1]), 1))
        for b, q in zip(bank_xy, query_xy, strict=True)
    )
    bank_w, bank_h = found.bank_shape
    return FeatureHit(
        id=found.id,
        alignment=alignment(found),
        pairs=pairs,
        bank_size=(round(bank_w / found.bank_scale), round(bank_h / found.bank_scale)),
    )


def alignment(found: Found) -> Alignment:
    """How the query shows the banked photo, in the photos' own pixels."""
    side = found.side
    scale = found.fit.scale * found.bank_scale / side.points.scale
    query_shape = (side.points.width, side.points.height)
    return Alignment(
        inliers=found.fit.inliers,
        correspondences=found.fit.correspondences,
        rotation=round(-found.fit.rotation if side.mirrored else found.fit.rotation, 1),
        scale=round(scale, 3),
        mirrored=side.mirrored,
        crop=visible_box(found.fit, found.bank_shape, query_shape),
    )


def draw_explanation(path: Path, found: FeatureHit, target: Path) -> None:
    """The query on the left with its inlier features; on the right the banked photo's frame
    (Shield keeps no banked photo, only its features) with the region the query shows and
    the same features, joined by lines."""
    grey, scale = load_grey(path, QUERY_EDGE)
    query = Image.fromarray(grey).convert("RGB")
    factor = EXPLAIN_HEIGHT / query.height
    query = query.resize((max(1, round(query.width * factor)), EXPLAIN_HEIGHT))
    bank_w, bank_h = found.bank_size
    bank_factor = EXPLAIN_HEIGHT / max(bank_h, 1)
    frame_w = max(1, round(bank_w * bank_factor))
    gap = 24
    canvas = Image.new("RGB", (query.width + gap + frame_w, EXPLAIN_HEIGHT), (255, 255, 255))
    canvas.paste(query, (0, 0))
    draw = ImageDraw.Draw(canvas)
    left = query.width + gap
    draw.rectangle([left, 0, left + frame_w - 1, EXPLAIN_HEIGHT - 1], fill=(236, 236, 236))
    x0, y0, x1, y1 = found.alignment.crop
    draw.rectangle(
        [left + x0 * frame_w, y0 * EXPLAIN_HEIGHT, left + x1 * frame_w, y1 * EXPLAIN_HEIGHT],
        outline=(200, 30, 30),
        width=3,
    )
    for bx, by, qx, qy in found.pairs:
        q = (qx * scale * factor, qy * scale * factor)
        b = (left + bx * bank_factor, by * bank_factor)
        draw.line([q, b], fill=(40, 160, 60), width=1)
        for x, y in (q, b):
            draw.ellipse([x - 3, y - 3, x + 3, y + 3], outline=(30, 90, 200), width=2)
    a = found.alignment
    draw.text(
        (left + 6, 6),
        f"{a.inliers} inliers, turned {a.rotation:g} deg, scale {a.scale:g}"
        + (", mirrored" if a.mirrored else ""),
        fill=(0, 0, 0),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        canvas.save(target, "PNG")
    except OSError as exc:
        raise BadInput(
            f"cannot write the explanation: {exc.strerror or exc}", path=str(target)
        ) from exc
