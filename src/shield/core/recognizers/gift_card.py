"""Gift-card codes given or demanded, only where a brand (or "gift card") is named nearby."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import Example, Explanation, Found, Gate, Recognizer, Scan, words
from shield.core.recognizers.platforms import alternation, first_words, name_of
from shield.core.vocabulary import GIFT_CARD_BRANDS

BRAND_WORDS: dict[str, tuple[str, ...]] = {
    "steam": ("steam", "steam card", "steam wallet"),
    "apple": ("apple", "itunes", "app store", "apple gift card"),
    "googleplay": ("google play", "googleplay", "gplay", "play store", "google"),
    "amazon": ("amazon", "amzn"),
    "razer": ("razer", "razer gold"),
    "xbox": ("xbox",),
    "playstation": ("playstation", "psn", "ps4", "ps5", "ps store"),
    "roblox": ("roblox", "robux"),
    "ebay": ("ebay",),
    "vanilla": ("vanilla", "onevanilla", "vanilla visa"),
    "paysafecard": ("paysafecard", "paysafe", "psc"),
    "other": ("gift card", "giftcard", "gift code", "voucher", "e-gift", "egift"),
}
BRAND_PATTERN, LOOKUP = alternation(BRAND_WORDS)
GATE = first_words(BRAND_WORDS)
BRAND = re.compile(rf"(?<![a-z0-9])(?:{BRAND_PATTERN})(?![a-z0-9])")
CODE = re.compile(
    r"(?<![A-Za-z0-9\-#])(?P<code>[A-Z0-9]{3,6}(?:[\- ][A-Z0-9]{3,6}){1,5}"
    r"|[A-Za-z0-9]{3,6}(?:-[A-Za-z0-9]{3,6}){1,5}|[A-Za-z0-9]{10,25})"
    r"(?![A-Za-z0-9\-])"
)
NOT_A_CARD = words(
    "order",
    "tracking",
    "track",
    "invoice",
    "ref",
    "reference",
    "parcel",
    "delivery",
    "receipt",
    "transaction",
    "txn",
    "booking",
    "serial",
    "phone",
    "number is",
    "call",
    "iban",
    "sort code",
)
DIGITS_ONLY_BRANDS = frozenset({"paysafecard", "vanilla", "razer", "other", "roblox"})


def _code_ok(code: str, raw: str) -> bool:
    if not 10 <= len(code) <= 25:
        return False
    has_digit = any(c.isdigit() for c in code)
    letters = [c for c in raw if c.isalpha()]
    upper = bool(letters) and all(c.isupper() for c in letters)
    return has_digit or upper


class GiftCardRecognizer(Recognizer):
    kind = "gift_card"
    validator = "a 10-25 character code next to a gift-card brand (no public checksum exists)"
    gate = Gate(phrases=tuple(p for spelled in BRAND_WORDS.values() for p in spelled))
    examples = (
        Example("steam card ABCD-EFGH-IJKL", ("steam:ABCDEFGHIJKL",)),
        Example("here's the apple code X4K9 PL2M 8QRT 7ZWY", ("apple:X4K9PL2M8QRT7ZWY",)),
        Example("paysafecard pin 1234 5678 9012 3456", ("paysafecard:1234567890123456",)),
        Example("google play: 7HQ2-M4KD-9XYZ-P3RT-ABCD", ("googleplay:7HQ2M4KD9XYZP3RTABCD",)),
        Example("roblox gift card code RBX4-K9QZ-77PL", ("roblox:RBX4K9QZ77PL",)),
        Example("amazon order 205-1234567-8901234 shipped"),
        Example("amazon tracking TBA123456789000"),
        Example("the code is ABCD-EFGH-IJKL"),
        Example("steam guard code 4F7GK"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        if len(scan.text) < 10:
            return
        brands = [(m.start(), m.end(), m.group(0)) for m in scan.occurrences(GATE, BRAND)]
        if not brands:
            return
        for m in CODE.finditer(scan.text):
            raw = m.group("code")
            code = re.sub(r"[\- ]", "", raw).upper()
            if not _code_ok(code, raw):
                continue
            near = [
                b
                for b in brands
                if m.start() - 80 <= b[1] <= m.start() or m.end() <= b[0] <= m.end() + 40
            ]
            if not near:
                continue
            if scan.near(m.start(), m.start(), NOT_A_CARD, before=30, after=0):
                continue
            named = [b for b in near if name_of(b[2], LOOKUP) != "other"] or near
            nearest = min(named, key=lambda b: abs(b[0] - m.start()))  # "xbox gift card: ..."
            brand = name_of(nearest[2], LOOKUP) or "other"
            if code.isdigit() and brand not in DIGITS_ONLY_BRANDS:
                continue
            explanation = Explanation(f"code near {brand}", self.validator, (nearest[2],))
            yield self.found(scan, m.start(), m.end(), f"{brand}:{code}", explanation)

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        brand, sep, code = text.partition(":")
        if sep and brand.lower() in GIFT_CARD_BRANDS:
            compact = re.sub(r"[\s\-]", "", code).upper()
            if compact.isalnum() and 10 <= len(compact) <= 25:
                return f"{brand.lower()}:{compact}"
        for found in self.find(Scan(text, region=region)):
            return found.normalized
        raise self.invalid(raw, "no gift-card brand and code")
