"""EIP-55 mixed-case checksums of Ethereum (and every EVM) address, with Keccak-256."""

from __future__ import annotations

from shield.core.checksums.base58 import keccak256

_HEX = frozenset("0123456789abcdef")


def checksummed(address: str) -> str:
    """The EIP-55 spelling of a 0x-prefixed 40-hex-digit address."""
    body = address[2:].lower()
    digest = keccak256(body.encode("ascii")).hex()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(body)
    )


def valid(address: str) -> bool:
    """Hex body of 40 digits; mixed case must match EIP-55, all-lower / all-upper carry none."""
    if len(address) != 42 or address[:2] not in ("0x", "0X"):
        return False
    body = address[2:]
    if not set(body.lower()) <= _HEX:
        return False
    if body == body.lower() or body == body.upper():
        return True
    return checksummed(address) == "0x" + body


def has_checksum(address: str) -> bool:
    body = address[2:]
    return body != body.lower() and body != body.upper()
