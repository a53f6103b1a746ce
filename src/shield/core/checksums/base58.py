"""Base58 (Bitcoin alphabet), base58check, and Monero's block-wise base58."""

from __future__ import annotations

import hashlib

from Crypto.Hash import keccak

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
MAX_LENGTH = 128  # no address we read is longer; bounds the big-integer work on hostile input


def decode(text: str) -> bytes | None:
    """Decode base58 text to bytes, or None if it holds a character outside the alphabet."""
    if not text or len(text) > MAX_LENGTH:
        return None
    number = 0
    for char in text:
        digit = _INDEX.get(char)
        if digit is None:
            return None
        number = number * 58 + digit
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\x00" * zeros + body


def double_sha256(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def decode_check(text: str) -> bytes | None:
    """Decode base58check: the payload (version byte included) if the 4-byte checksum holds."""
    raw = decode(text)
    if raw is None or len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    return payload if double_sha256(payload)[:4] == checksum else None


# Monero: 8-byte blocks become 11 characters; a final partial block has a fixed width.
_MONERO_BLOCK_WIDTH = {0: 0, 2: 1, 3: 2, 5: 3, 6: 4, 7: 5, 9: 6, 10: 7, 11: 8}


def decode_monero(text: str) -> bytes | None:
    """Decode Monero base58 (11-character blocks of 8 bytes), or None if malformed."""
    if not text or len(text) > MAX_LENGTH:
        return None
    out = bytearray()
    for offset in range(0, len(text), 11):
        block = text[offset : offset + 11]
        width = _MONERO_BLOCK_WIDTH.get(len(block))
        if width is None:
            return None
        number = 0
        for char in block:
            digit = _INDEX.get(char)
            if digit is None:
                return None
            number = number * 58 + digit
        if number >= 1 << (8 * width):
            return None
        out += number.to_bytes(width, "big")
    return bytes(out)


def keccak256(data: bytes) -> bytes:
    return keccak.new(digest_bits=256, data=data).digest()


MONERO_PREFIXES = {18: "standard", 42: "subaddress", 19: "integrated"}


def monero_valid(text: str) -> bool:
    """A Monero mainnet address (standard, subaddress or integrated) with a valid checksum."""
    raw = decode_monero(text)
    if raw is None or len(raw) not in (69, 77):
        return False
    if raw[0] not in MONERO_PREFIXES:
        return False
    expected_length = 77 if raw[0] == 19 else 69
    if len(raw) != expected_length:
        return False
    return keccak256(raw[:-4])[:4] == raw[-4:]


def encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, digit = divmod(number, 58)
        out.append(ALPHABET[digit])
    zeros = len(data) - len(data.lstrip(b"\x00"))
    return "1" * zeros + "".join(reversed(out))


def encode_check(payload: bytes) -> str:
    """Base58check of a payload (version byte included)."""
    return encode(payload + double_sha256(payload)[:4])


def encode_monero(data: bytes) -> str:
    widths = {width: chars for chars, width in _MONERO_BLOCK_WIDTH.items()}
    widths[8] = 11
    out = []
    for offset in range(0, len(data), 8):
        block = data[offset : offset + 8]
        text = encode_number(int.from_bytes(block, "big"))
        out.append(text.rjust(widths[len(block)], "1"))
    return "".join(out)


def encode_number(number: int) -> str:
    out = []
    while number:
        number, digit = divmod(number, 58)
        out.append(ALPHABET[digit])
    return "".join(reversed(out))


def monero_address(spend: bytes, view: bytes, prefix: int = 18) -> str:
    """A Monero address from two 32-byte keys (for examples and tests)."""
    body = bytes([prefix]) + spend + view
    return encode_monero(body + keccak256(body)[:4])
