"""PDQ hex <-> bytes / words and Hamming distance (pure core)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shield.core.errors import BadInput
from shield.core.hamming import (
    bytes_to_pdq,
    distance,
    normalize_md5,
    normalize_pdq,
    pdq_to_bytes,
    pdq_to_words,
    validate_radius,
    words_to_pdq,
)

hashes = st.binary(min_size=32, max_size=32).map(bytes.hex)


@given(hashes)
def test_round_trips(pdq: str) -> None:
    assert bytes_to_pdq(pdq_to_bytes(pdq)) == pdq
    assert words_to_pdq(pdq_to_words(pdq)) == pdq
    assert normalize_pdq(pdq.upper() + "\n") == pdq


@given(hashes, hashes)
def test_distance_counts_differing_bits(a: str, b: str) -> None:
    bits_a = bin(int(a, 16))[2:].zfill(256)
    bits_b = bin(int(b, 16))[2:].zfill(256)
    assert distance(a, b) == sum(x != y for x, y in zip(bits_a, bits_b, strict=True))
    assert distance(a, b) == distance(b, a)
    assert distance(a, a) == 0


@given(hashes, st.integers(0, 255))
def test_one_flipped_bit_is_distance_one(a: str, bit: int) -> None:
    flipped = f"{int(a, 16) ^ (1 << bit):064x}"
    assert distance(a, flipped) == 1


def test_words_are_big_endian_slices_of_the_hex() -> None:
    pdq = "0123456789abcdef" + "f" * 16 + "0" * 16 + "8" + "0" * 15
    assert pdq_to_words(pdq) == (0x0123456789ABCDEF, 2**64 - 1, 0, 2**63)


@pytest.mark.parametrize(
    "bad", ["", "abc", "g" * 64, "a" * 63, "a" * 65, "0x" + "a" * 62, "a" * 32 + " " + "a" * 31]
)
def test_malformed_pdq_is_bad_input(bad: str) -> None:
    with pytest.raises(BadInput) as caught:
        normalize_pdq(bad)
    assert "\n" not in str(caught.value)


def test_md5_and_radius_checks() -> None:
    assert normalize_md5("D41D8CD98F00B204E9800998ECF8427E") == "d41d8cd98f00b204e9800998ecf8427e"
    with pytest.raises(BadInput):
        normalize_md5("d41d8cd98f00b204e9800998ecf8427")
    assert validate_radius(31) == 31
    for bad in (-1, 32):
        with pytest.raises(BadInput):
            validate_radius(bad)
