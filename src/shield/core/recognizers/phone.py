"""Telephone numbers valid for their region, in E.164 (phonenumbers decides validity)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import (
    Example,
    Explanation,
    Found,
    Gate,
    Mark,
    Recognizer,
    Scan,
    words,
)
from shield.core.recognizers.e164 import MIN_DIGITS, digit_count, parse
from shield.core.recognizers.links import WHATSAPP_HOSTS, linked

# A run of digits with single separators; capped so a hostile run costs a bounded amount each.
CANDIDATE = re.compile(
    r"(?<![\w+/#.:,\-$£€])(?:\+|00)?\(?\d{1,15}\)?"
    r"(?:(?:[ .\-]{1,2}|(?<=\)))\(?\d{1,15}\)?){0,7}(?!\d)"
)
GATE = re.compile(r"\d(?:[ ().\-]{0,2}\d){6}")
GROUP = re.compile(r"\S+")
DATE_OR_TIME = re.compile(
    r"^(?:\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}|\d{1,2}[.:]\d{2}(?:[.:]\d{2})?|(?:19|20)\d{2})$"
)
NOT_A_PHONE = words(
    "order",
    "order no",
    "tracking",
    "invoice",
    "ref",
    "reference",
    "parcel",
    "booking",
    "receipt",
    "transaction",
    "txn",
    "account",
    "acc",
    "a/c",
    "sort code",
    "sort",
    "iban",
    "code",
    "pin",
    "otp",
    "postcode",
    "serial",
    "isbn",
    "id",
)
PHONE_WORDS = words(
    "phone",
    "number",
    "num",
    "mobile",
    "mob",
    "cell",
    "call",
    "ring",
    "text",
    "txt",
    "whatsapp",
    "whats app",
    "wa",
    "signal",
    "tel",
    "sms",
    "viber",
    "imessage",
    "facetime",
)


class PhoneRecognizer(Recognizer):
    kind = "phone"
    validator = "phonenumbers: a valid number for its country (default region GB)"
    gate = Gate((Mark(r"\d", GATE.pattern.removeprefix(r"\d")),), WHATSAPP_HOSTS)
    examples = (
        Example("text me on 07400 123456 x", ("+447400123456",)),
        Example("my cell is +1 415-555-2671!", ("+14155552671",)),
        Example("call 0044 7911 123456 or (020) 7946 0958", ("+447911123456", "+442079460958")),
        Example("numbers 07400123456 07911123456", ("+447400123456", "+447911123456")),
        Example("whatsapp me wa.me/447400123456", ("+447400123456",)),
        Example("order no 112-3345678-1234567 arrives 14/02/2023 at 21:03"),
        Example("drama-range 07700 900123 is not a valid number"),
        Example("pin 1234, code 998877, year 2023, tracking 1234567890123"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        yield from linked(self, scan, context=("whatsapp",), platform="whatsapp")
        text = scan.text
        if not scan.digits or GATE.search(text) is None:
            return
        for m in CANDIDATE.finditer(text):
            raw = m.group(0).rstrip(" .-(")
            if digit_count(raw) < MIN_DIGITS or DATE_OR_TIME.match(raw):
                continue
            start = m.start()
            if scan.near(start, start, NOT_A_PHONE, before=24, after=0):
                continue
            yield from self._pieces(scan, raw, start)

    def _pieces(self, scan: Scan, raw: str, start: int) -> Iterator[Found]:
        normalized = parse(raw, scan.region)
        if normalized is not None:
            yield self._found(scan, start, start + len(raw), normalized)
            return
        # Two numbers side by side: try the longest valid run of space-separated groups.
        chunks = [(c.start(), c.end()) for c in GROUP.finditer(raw)]
        i = 0
        while i < len(chunks):
            for j in range(min(len(chunks), i + 6), i, -1):
                piece = raw[chunks[i][0] : chunks[j - 1][1]]
                normalized = parse(piece, scan.region) if digit_count(piece) >= MIN_DIGITS else None
                if normalized is not None:
                    yield self._found(
                        scan, start + chunks[i][0], start + chunks[j - 1][1], normalized
                    )
                    i = j
                    break
            else:
                i += 1

    def _found(self, scan: Scan, start: int, end: int, normalized: str) -> Found:
        context = scan.near(start, end, PHONE_WORDS)
        return self.found(
            scan, start, end, normalized, Explanation("phone", self.validator, context)
        )

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        normalized = parse(raw, region.upper())
        if normalized is None:
            raise self.invalid(raw, f"not a valid telephone number for region {region}")
        return normalized
