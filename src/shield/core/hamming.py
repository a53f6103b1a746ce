"""PDQ hashes as numbers: hex <-> bytes / four 64-bit words, and Hamming distance.

A PDQ hash is 256 bits, written as 64 lower-case hex characters (CONTRACTS.md, ``image_pdq``).
Word ``i`` of the four is hex characters ``16*i .. 16*i+16`` read big-endian, so the words,
the bytes and the hex all keep the same bit order.
"""

from __future__ import annotations

from shield.core.errors import BadInput

PDQ_BITS = 256
PDQ_HEX_LENGTH = 64
MD5_HEX_LENGTH = 32
DEFAULT_THRESHOLD = 31  # the PDQ authors' "confident match" distance
MAX_RADIUS = 31  # the largest distance the fast index promises to search exactly

_HEX = frozenset("0123456789abcdef")


def normalize_hex(value: str, length: int, what: str, *, path: str | None = None) -> str:
    """Strip and lower-case a hex digest; raise BadInput unless it is ``length`` hex characters."""
    text = value.strip().lower()
    if len(text) != length:
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise BadInput(
            f"{what} must be {length} hex characters, got {len(text)}: {shown!r}", path=path
        )
    if not _HEX.issuperset(text):
        raise BadInput(f"{what} is not hexadecimal: {text!r}", path=path)
    return text


def normalize_pdq(value: str, *, path: str | None = None) -> str:
    return normalize_hex(value, PDQ_HEX_LENGTH, "a PDQ hash", path=path)


def normalize_md5(value: str, *, path: str | None = None) -> str:
    return normalize_hex(value, MD5_HEX_LENGTH, "an MD5 digest", path=path)


def pdq_to_bytes(value: str) -> bytes:
    return bytes.fromhex(normalize_pdq(value))


def bytes_to_pdq(raw: bytes) -> str:
    if len(raw) != PDQ_BITS // 8:
        raise BadInput(f"a PDQ hash is 32 bytes, got {len(raw)}")
    return raw.hex()


def pdq_to_words(value: str) -> tuple[int, int, int, int]:
    text = normalize_pdq(value)
    return (
        int(text[0:16], 16),
        int(text[16:32], 16),
        int(text[32:48], 16),
        int(text[48:64], 16),
    )


def words_to_pdq(words: tuple[int, int, int, int]) -> str:
    if len(words) != 4 or any(not 0 <= w < 1 << 64 for w in words):
        raise BadInput("a PDQ hash is four unsigned 64-bit words")
    return "".join(f"{w:016x}" for w in words)


def distance(a: str, b: str) -> int:
    """The Hamming distance between two PDQ hashes (0..256)."""
    return (int(normalize_pdq(a), 16) ^ int(normalize_pdq(b), 16)).bit_count()


def validate_radius(radius: int) -> int:
    if not 0 <= radius <= MAX_RADIUS:
        raise BadInput(f"a distance must be between 0 and {MAX_RADIUS}, got {radius}")
    return radius
