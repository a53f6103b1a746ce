"""Bech32 (BIP-173) and bech32m (BIP-350) SegWit addresses, and Bitcoin Cash CashAddr."""

from __future__ import annotations

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_INDEX = {c: i for i, c in enumerate(CHARSET)}
BECH32_CONST = 1
BECH32M_CONST = 0x2BC830A3
MAX_LENGTH = 90


def _polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convertbits(data: list[int], frombits: int, tobits: int) -> list[int] | None:
    acc = 0
    bits = 0
    out = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return out


def segwit_valid(address: str, hrp: str) -> bool:  # noqa: PLR0911
    """A SegWit address for ``hrp`` ('bc', 'ltc'): bech32 for witness v0, bech32m for v1-16
    (Taproot ``bc1p`` included), with the program lengths BIP-141/BIP-350 allow."""
    if len(address) > MAX_LENGTH or (address.lower() != address and address.upper() != address):
        return False
    address = address.lower()
    sep = address.rfind("1")
    if address[:sep] != hrp or len(address) - sep - 1 < 7:
        return False
    data = [_INDEX.get(c, -1) for c in address[sep + 1 :]]
    if -1 in data:
        return False
    const = _polymod(_hrp_expand(hrp) + data)
    if const not in (BECH32_CONST, BECH32M_CONST):
        return False
    version = data[0]
    program = _convertbits(data[1:-6], 5, 8)
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return False
    if version == 0:
        return const == BECH32_CONST and len(program) in (20, 32)
    return const == BECH32M_CONST


def _cashaddr_polymod(values: list[int]) -> int:
    generator = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
    chk = 1
    for value in values:
        top = chk >> 35
        chk = ((chk & 0x07FFFFFFFF) << 5) ^ value
        for i in range(5):
            if (top >> i) & 1:
                chk ^= generator[i]
    return chk ^ 1


def cashaddr_valid(address: str) -> bool:
    """A Bitcoin Cash CashAddr (``bitcoincash:q...`` or the bare ``q...``/``p...`` payload)."""
    if len(address) > MAX_LENGTH or (address.lower() != address and address.upper() != address):
        return False
    address = address.lower()
    prefix, _, payload = address.rpartition(":")
    prefix = prefix or "bitcoincash"
    if prefix != "bitcoincash" or len(payload) != 42 or payload[0] not in "qp":
        return False
    data = [_INDEX.get(c, -1) for c in payload]
    if -1 in data:
        return False
    return _cashaddr_polymod([ord(c) & 31 for c in prefix] + [0] + data) == 0
