"""Amounts of money demanded or paid: ``£250``, ``$600``, ``250 quid``, ``1.5k``, ``USD 100``,
``five hundred pounds``, ``Rs 5000``, ``₦20,000`` ... as an amount and an ISO 4217 currency.

A number alone is never an amount: a currency sign, code or word must touch it, so phone
numbers, times, dates and codes give nothing. Patterns are linear and every repeat is capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FoundAmount:
    amount: float
    currency: str
    start: int
    end: int


SYMBOLS: dict[str, str] = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "₹": "INR",
    "₦": "NGN",
    "₱": "PHP",
    "¥": "JPY",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₴": "UAH",
    "₫": "VND",
    "₪": "ILS",
    "₵": "GHS",
    "us$": "USD",
    "usd$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "r$": "BRL",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "ksh": "KES",
    "RM": "MYR",
    "gh₵": "GHS",
}
WORDS: dict[str, str] = {
    "quid": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pound sterling": "GBP",
    "sterling": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "rupee": "INR",
    "rupees": "INR",
    "naira": "NGN",
    "peso": "PHP",
    "pesos": "PHP",
    "rand": "ZAR",
    "cedis": "GHS",
    "shillings": "KES",
    "ringgit": "MYR",
}
CODES = [
    "GBP",
    "USD",
    "EUR",
    "INR",
    "NGN",
    "PHP",
    "CAD",
    "AUD",
    "NZD",
    "BRL",
    "ZAR",
    "GHS",
    "KES",
    "MYR",
    "PKR",
    "AED",
    "SAR",
    "JPY",
    "CNY",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "MXN",
    "TRY",
    "UAH",
    "RUB",
    "IDR",
    "THB",
    "VND",
    "SGD",
    "HKD",
    "EGP",
    "BDT",
    "LKR",
]
MULTIPLIERS = {"k": 1_000.0, "grand": 1_000.0, "m": 1_000_000.0, "mil": 1_000_000.0}

NUMBER = r"(?P<number>\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?)"
SCALE = r"(?:\s?(?P<scale>k|grand|mil|m)(?![a-z]))?"
_symbols = "|".join(
    re.escape(s) if s.islower() or not s.isalpha() else f"(?-i:{s})"
    for s in sorted(SYMBOLS, key=len, reverse=True)
)
# Codes count in upper case; in lower case only the common ones ("try 5" is not lira).
_codes = "(?-i:" + "|".join(CODES) + ")|usd|gbp|eur|inr|ngn|cad|aud|php"
_words = "|".join(sorted((w.replace(" ", r"\s") for w in WORDS), key=len, reverse=True))
BEFORE = re.compile(
    rf"(?<![a-z0-9])(?P<sign>{_symbols}|{_codes})\s?{NUMBER}{SCALE}(?![\d.,]?\d)(?![a-z])",
    re.IGNORECASE,
)
AFTER = re.compile(
    rf"(?<![\w.,$£€])(?<!\d[.,]){NUMBER}{SCALE}\s?(?P<sign>{_words}|{_codes}|€|£|₹|₦|\$)"
    r"(?![a-z0-9])",
    re.IGNORECASE,
)
NUMBER_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
} | {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "k": 1000}
_number_word = "|".join(sorted([*NUMBER_WORDS, "hundred", "thousand", "a"], key=len, reverse=True))
SPELLED = re.compile(
    rf"(?<![a-z])(?P<words>(?:{_number_word})(?:[\s\-]{{1,2}}(?:and[\s\-]{{1,2}})?(?:{_number_word})){{0,8}})"
    rf"\s(?P<sign>{_words}|grand)(?![a-z])",
    re.IGNORECASE,
)


def _number(text: str) -> float | None:
    if "," in text and re.fullmatch(r"\d{1,9},\d{1,2}", text):
        text = text.replace(",", ".")  # 250,50 (a decimal comma)
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _spelled(words: str) -> float | None:
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s\-]+", words.lower()):
        if word == "and":
            continue
        if word == "a":
            current = max(current, 1)
            continue
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
            seen = True
    value = total + current
    return float(value) if seen and value > 0 else None


def _currency(sign: str) -> str:
    low = " ".join(sign.lower().split())
    if low in SYMBOLS:
        return SYMBOLS[low]
    if low in WORDS:
        return WORDS[low]
    return sign.upper()


def find_amounts(text: str) -> list[FoundAmount]:
    """Every amount with a currency in ``text``, in order; overlapping readings keep the longest."""
    found: list[FoundAmount] = []
    if not any(c.isdigit() for c in text) and not SPELLED.search(text):
        return found
    for pattern in (BEFORE, AFTER):
        for m in pattern.finditer(text):
            value = _number(m.group("number"))
            if value is None:
                continue
            scale = (m.group("scale") or "").lower()
            value *= MULTIPLIERS.get(scale, 1.0)
            found.append(FoundAmount(value, _currency(m.group("sign")), m.start(), m.end()))
    for m in SPELLED.finditer(text):
        spelled = _spelled(m.group("words"))
        if spelled is None:
            continue
        sign = m.group("sign").lower()
        if sign == "grand":
            continue  # "two grand" names no currency
        found.append(FoundAmount(spelled, _currency(sign), m.start(), m.end()))
    kept: list[FoundAmount] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)
