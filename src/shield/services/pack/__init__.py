"""The evidence pack (see docs/pack.md)."""

from shield.services.pack.contents import Carried, Original, PackedFile, PackRequest
from shield.services.pack.service import PackResult, PackService, original_of
from shield.services.pack.verification import PackCheck, PackProblem, verify_pack

__all__ = [
    "Carried",
    "Original",
    "PackCheck",
    "PackProblem",
    "PackRequest",
    "PackResult",
    "PackService",
    "PackedFile",
    "original_of",
    "verify_pack",
]
