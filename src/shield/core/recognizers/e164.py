"""Telephone numbers to E.164: phonenumbers decides whether a number is valid for its region."""

from __future__ import annotations

import phonenumbers

MAX_DIGITS = 15
MIN_DIGITS = 7


def digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def parse(raw: str, region: str) -> str | None:
    """E.164 of a valid number, or None."""
    digits = digit_count(raw)
    if not MIN_DIGITS <= digits <= MAX_DIGITS + 2:
        return None
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
