"""Imaging: PDQ photo and video hashing through one canonical, versioned pipeline."""

from shield.adapters.imaging.hasher import VARIANTS, WEAK_QUALITY, PdqPhotoHasher
from shield.adapters.imaging.pipeline import PIPELINE_VERSION

__all__ = ["PIPELINE_VERSION", "VARIANTS", "WEAK_QUALITY", "PdqPhotoHasher"]
