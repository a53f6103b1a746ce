"""The second matching stage: local features (SIFT) that find a banked photo in crops, turns,
frames and screenshots, where PDQ cannot. See docs/matching.md.

OpenCV and the vocabulary load on first use, so commands that never match photos don't pay
for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shield.core.ports import FeatureHit, FeatureIndex

if TYPE_CHECKING:
    from shield.adapters.features.matcher import SiftFeatures


class LocalFeatures:
    """The ``PhotoFeatures`` port, loading its implementation when first used."""

    def __init__(self) -> None:
        self._impl: SiftFeatures | None = None

    def _matcher(self) -> SiftFeatures:
        if self._impl is None:
            from shield.adapters.features.matcher import SiftFeatures  # noqa: PLC0415

            self._impl = SiftFeatures()
        return self._impl

    @property
    def version(self) -> str:
        return self._matcher().version

    def describe(self, path: Path) -> bytes:
        return self._matcher().describe(path)

    def new_index(self) -> FeatureIndex:
        return self._matcher().new_index()

    def prepare(self, path: Path) -> object:
        return self._matcher().prepare(path)

    def search(self, index: FeatureIndex, query: object) -> list[FeatureHit]:
        return self._matcher().search(index, query)

    def explain(self, path: Path, hit: FeatureHit, target: Path) -> None:
        self._matcher().explain(path, hit, target)


__all__ = ["LocalFeatures"]
