"""Telephone numbers to E.164: phonenumbers decides whether a number is valid for its region."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

MAX_DIGITS = 15
MIN_DIGITS = 7
NON_DIGIT = re.compile(r"\D")


def digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


@lru_cache(maxsize=64)
def _national_shape(region: str) -> tuple[str, frozenset[int], str] | None:
    """The region's national prefix, national-number lengths and country code (or None)."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        return None
    lengths = frozenset(meta.general_desc.possible_length or ())
    return (meta.national_prefix or "", lengths, str(meta.country_code))


def _may_be_national(digits: str, region: str) -> bool:
    """A cheap test before the full parse: a number written without '+' or '00' must have the
    region's shape (trunk prefix and a possible length), or start with its country code."""
    shape = _national_shape(region)
    if shape is None or not shape[1]:
        return True
    prefix, lengths, country = shape
    if prefix and digits.startswith(prefix) and len(digits) - len(prefix) in lengths:
        return True
    if not prefix.startswith("0") and len(digits) in lengths:
        return True
    return digits.startswith(country) and len(digits) - len(country) in lengths


@lru_cache(maxsize=4096)
def parse(raw: str, region: str) -> str | None:
    """E.164 of a valid number, or None. Remembered: a conversation repeats its numbers, and
    phonenumbers' full parse and validation is the costliest step of recognizing one."""
    digits = digit_count(raw)
    if not MIN_DIGITS <= digits <= MAX_DIGITS + 2:
        return None
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if not text.startswith("+") and not _may_be_national(NON_DIGIT.sub("", text), region):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
